"""The import dialog states every change of a council's profile in words before importing."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import CouncilData, create_council
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.views.exchange_dialogs import ImportDialog


def test_the_import_summary_says_the_profile_change_in_words(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    create_council(database, SYSTEM, CouncilData(name_en="Board"))
    export_archive(database, tmp_path / "a.json", embed_materials=False)
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    data["tables"]["councils"][0]["profile"]["threshold"] = {
        "numerator": 99,
        "denominator": 100,
        "inclusive": False,
    }
    (tmp_path / "b.json").write_text(json.dumps(data), "utf-8")
    plan = plan_import(database, read_archive(tmp_path / "b.json"))
    assert plan.ok  # nothing closed yet: the change applies to every meeting, and says so
    dialog = ImportDialog(database, SYSTEM, plan)
    qtbot.addWidget(dialog)
    assert not dialog.profile_changes.isHidden()
    text = dialog.profile_changes.text()
    assert "Board: the share of votes needed to adopt a decision changes from" in text
    assert "“more than half” to “more than 99/100”, for every meeting." in text
