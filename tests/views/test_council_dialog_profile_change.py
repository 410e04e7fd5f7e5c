"""The council editor asks from which date, and by which act, a changed profile takes effect."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.errors import KenesError
from app.domain.regulation import AI_COUNCIL_881, AT_LEAST_TWO_THIRDS
from app.models.database import Database
from app.models.profile_history import ProfileVersion
from app.services.base import SYSTEM
from app.services.councils import CouncilData, create_council, get_council
from app.views import operations
from app.views.council_dialog import CouncilDialog


def test_a_changed_profile_is_recorded_from_the_date_and_act_entered(
    qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusals: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, e: refusals.append(e))
    council = create_council(
        database, SYSTEM, CouncilData(name_en="AI council", preset_key=AI_COUNCIL_881.key)
    )
    dialog = CouncilDialog(database, SYSTEM, council)
    qtbot.addWidget(dialog)
    assert dialog.change_box.isHidden()  # nothing changed: nothing to date
    dialog.profile_editor.threshold.set_share(AT_LEAST_TWO_THIRDS)
    assert not dialog.change_box.isHidden()
    dialog.effective_from.set_day(date(2026, 3, 1))
    dialog.change_act_title.setText("Decree on the council")
    dialog.change_act_number.setText("12")
    dialog.change_act_date.set_day(date(2026, 2, 20))
    dialog.accept()
    assert refusals == []
    assert get_council(database, council.id).profile.threshold == AT_LEAST_TWO_THIRDS
    with database.reading() as session:
        versions = list(session.scalars(select(ProfileVersion).order_by(ProfileVersion.id)))
        assert [v.effective_from for v in versions] == [None, date(2026, 3, 1)]
        assert (versions[1].act_title, versions[1].act_number) == ("Decree on the council", "12")
        assert versions[1].act_date == date(2026, 2, 20)
