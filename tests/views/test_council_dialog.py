"""The council editor and its regulation profile tab."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.domain.citation import ActKind
from app.domain.council import CouncilKind
from app.domain.errors import KenesError
from app.domain.regulation import (
    ACT_881,
    AI_COUNCIL_881,
    AT_LEAST_TWO_THIRDS,
    SUPERVISORY_BOARD_690,
    DayCount,
    Deadline,
    DecisionBase,
    RegulationProfile,
    Share,
    TieBreak,
)
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import (
    CouncilData,
    CouncilInfo,
    create_council,
    get_council,
    list_councils,
    update_council,
)
from app.views import conflict_dialog
from app.views.conflict_dialog import Choice
from app.views.council_dialog import CouncilDialog
from app.views.profile_editor import ProfileEditor
from app.views.qt_i18n import apply_language

AI_NAME_KK = "Жасанды интеллектіні дамыту жөніндегі кеңес"
AI_NAME_EN = "Council for the development of artificial intelligence"


@pytest.fixture
def ai_council(database: Database) -> CouncilInfo:
    return create_council(
        database,
        SYSTEM,
        CouncilData(name_kk=AI_NAME_KK, name_en=AI_NAME_EN, preset_key=AI_COUNCIL_881.key),
    )


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[ProfileEditor]:
    widget = ProfileEditor()
    qtbot.addWidget(widget)
    yield widget
    apply_language("en")


def test_a_council_created_with_the_ai_preset_stores_the_preset(
    qtbot: QtBot, database: Database, refusals: list[KenesError]
) -> None:
    dialog = CouncilDialog(database, SYSTEM)
    qtbot.addWidget(dialog)
    dialog.names["kk"].setText(AI_NAME_KK)
    dialog.names["en"].setText(AI_NAME_EN)
    dialog.kind.set_value(CouncilKind.COUNCIL)
    dialog.profile_editor.preset.set_value(AI_COUNCIL_881.key)  # as choosing it in the combo
    dialog.act.title.setText("Қазақстан Республикасы Президентінің Жарлығы")
    dialog.act.number.setText("881")
    dialog.act.act_date.set_day(date(2025, 5, 19))
    dialog.working_body["ru"].setText("Министерство искусственного интеллекта")
    dialog.accept()
    assert refusals == []
    assert dialog.council is not None
    stored = get_council(database, dialog.council.id)
    assert stored.preset_key == AI_COUNCIL_881.key
    assert stored.profile == AI_COUNCIL_881.profile
    assert stored.profile.sources == AI_COUNCIL_881.profile.sources
    assert stored.names == {"kk": AI_NAME_KK, "ru": "", "en": AI_NAME_EN}
    assert (stored.act_number, stored.act_date) == ("881", date(2025, 5, 19))
    assert stored.working_body["ru"] == "Министерство искусственного интеллекта"
    assert stored.kind is CouncilKind.COUNCIL and stored.parent_id is None


def test_editing_the_tie_break_to_none(
    qtbot: QtBot, database: Database, ai_council: CouncilInfo, refusals: list[KenesError]
) -> None:
    dialog = CouncilDialog(database, SYSTEM, ai_council)
    qtbot.addWidget(dialog)
    assert dialog.names["kk"].text() == AI_NAME_KK
    assert dialog.profile_editor.preset_key() == AI_COUNCIL_881.key
    assert dialog.profile_editor.profile() == AI_COUNCIL_881.profile
    dialog.profile_editor.tie_break.set_value(TieBreak.NONE)
    dialog.accept()
    assert refusals == []
    stored = get_council(database, ai_council.id)
    assert stored.profile.tie_break is TieBreak.NONE
    assert stored.profile == AI_COUNCIL_881.profile.with_changes(tie_break=TieBreak.NONE)
    assert stored.profile.source("tie_break") == ""  # the paragraph no longer says so
    assert stored.profile.source("threshold") == "25"
    assert stored.preset_key == AI_COUNCIL_881.key
    assert stored.version == ai_council.version + 1


def test_a_council_without_a_name_is_refused_and_the_input_kept(
    qtbot: QtBot, database: Database, refusals: list[KenesError]
) -> None:
    dialog = CouncilDialog(database, SYSTEM)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.act.title.setText("Қаулы")
    dialog.working_body["kk"].setText("Әкімдік")
    dialog.profile_editor.tie_break.set_value(TieBreak.CHAIR)
    dialog.accept()
    assert len(refusals) == 1
    assert "name" in refusals[0].message()
    assert dialog.isVisible()
    assert dialog.act.title.text() == "Қаулы"
    assert dialog.working_body["kk"].text() == "Әкімдік"
    assert dialog.profile_editor.tie_break.value() is TieBreak.CHAIR
    assert list_councils(database) == []
    dialog.names["ru"].setText("Совет")
    dialog.accept()
    assert len(refusals) == 1
    assert not dialog.isVisible()
    assert [c.name("ru") for c in list_councils(database)] == ["Совет"]


def test_a_change_made_meanwhile_is_not_overwritten(
    qtbot: QtBot,
    database: Database,
    ai_council: CouncilInfo,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both versions are shown; going on editing, keeping theirs or saving mine."""
    shown: list[list[tuple[str, str, str]]] = []
    answers = [None, Choice.KEEP_THEIRS, Choice.SAVE_MINE]

    def ask(_parent: object, rows: list[tuple[str, str, str]]) -> Choice | None:
        shown.append(rows)
        return answers.pop(0)

    monkeypatch.setattr(conflict_dialog, "ask_conflict", ask)
    dialog = CouncilDialog(database, SYSTEM, ai_council)
    qtbot.addWidget(dialog)
    update_council(database, SYSTEM, ai_council.id, CouncilData(name_ru="Совет по ИИ"))
    dialog.names["en"].setText("AI council")
    dialog.accept()  # the user goes on editing: nothing saved
    assert refusals == [] and dialog.council is None
    assert ("Name (in Russian)", "Совет по ИИ", "") in shown[0]
    assert ("Name (in English)", "", "AI council") in shown[0]
    assert get_council(database, ai_council.id).names["ru"] == "Совет по ИИ"

    dialog.accept()  # keep theirs: the form shows the saved version, nothing saved
    assert dialog.names["ru"].text() == "Совет по ИИ" and dialog.names["en"].text() == ""
    assert get_council(database, ai_council.id).names["en"] == ""

    dialog.names["en"].setText("AI council")
    dialog.accept()  # now based on the saved version: no conflict, saved
    assert len(shown) == 2 and dialog.council is not None
    saved = get_council(database, ai_council.id)
    assert saved.names["ru"] == "Совет по ИИ" and saved.names["en"] == "AI council"


def test_mine_can_be_saved_over_the_version_saved_meanwhile(
    qtbot: QtBot,
    database: Database,
    ai_council: CouncilInfo,
    refusals: list[KenesError],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(conflict_dialog, "ask_conflict", lambda *_a: Choice.SAVE_MINE)
    dialog = CouncilDialog(database, SYSTEM, ai_council)
    qtbot.addWidget(dialog)
    update_council(database, SYSTEM, ai_council.id, CouncilData(name_ru="Совет по ИИ"))
    dialog.names["en"].setText("AI council")
    dialog.accept()
    assert refusals == [] and dialog.council is not None
    saved = get_council(database, ai_council.id)
    assert saved.names["en"] == "AI council" and saved.names["ru"] == ""


def test_a_working_group_names_its_council(
    qtbot: QtBot, database: Database, ai_council: CouncilInfo, refusals: list[KenesError]
) -> None:
    dialog = CouncilDialog(database, SYSTEM)
    qtbot.addWidget(dialog)
    assert not dialog.parent_council.isEnabled()
    dialog.names["ru"].setText("Рабочая группа по данным")
    dialog.kind.set_value(CouncilKind.WORKING_GROUP)
    assert dialog.parent_council.isEnabled()
    dialog.accept()
    assert len(refusals) == 1  # no council named yet
    dialog.parent_council.set_value(ai_council.id)
    dialog.accept()
    assert len(refusals) == 1
    assert dialog.council is not None and dialog.council.parent_id == ai_council.id


def test_the_editor_shows_the_source_paragraph_until_the_value_changes(
    editor: ProfileEditor,
) -> None:
    editor.apply_preset(SUPERVISORY_BOARD_690.key)
    source = editor.findChild(type(editor.adjusted), "source_tie_break")
    assert source is not None and source.text() == "paragraph 15 of the Regulation"
    copies = editor.findChild(type(editor.adjusted), "source_copies")
    assert copies is not None and copies.text() == "subparagraph 4 of paragraph 9 of the Regulation"
    assert editor.adjusted.text() == ""
    editor.tie_break.set_value(TieBreak.NONE)
    assert source.text() == ""
    assert editor.adjusted.text() == "adjusted from the preset"
    editor.tie_break.set_value(TieBreak.PRESIDING)
    assert source.text() == "paragraph 15 of the Regulation"
    assert editor.adjusted.text() == ""


def test_the_editor_builds_every_rule(editor: ProfileEditor) -> None:
    editor.quorum.choice.set_value("custom")
    editor.quorum.denominator.setValue(5)
    editor.quorum.numerator.setValue(3)
    editor.quorum.inclusive.set_value(True)
    editor.decision_base.set_value(DecisionBase.ALL_MEMBERS)
    editor.threshold.set_share(AT_LEAST_TWO_THIRDS)
    editor.tie_break.set_value(TieBreak.CHAIR)
    editor.secretary_votes.setChecked(False)
    editor.recommendations_only.setChecked(True)
    editor.deadlines["materials_deadline"].set_deadline(Deadline(15, DayCount.WORKING_DAYS))
    editor.deadlines["copies_deadline"].unit.set_value(DayCount.CALENDAR_DAYS)
    editor.deadlines["copies_deadline"].amount.setValue(7)
    editor.min_meetings.setValue(2)
    editor.instructions_report.setChecked(True)
    editor.max_deputy_chairs.setValue(2)
    editor.max_co_chairs.setValue(1)
    assert editor.profile() == RegulationProfile(
        quorum=Share(3, 5, inclusive=True),
        decision_base=DecisionBase.ALL_MEMBERS,
        threshold=AT_LEAST_TWO_THIRDS,
        tie_break=TieBreak.CHAIR,
        secretary_votes=False,
        recommendations_only=True,
        materials_deadline=Deadline(15, DayCount.WORKING_DAYS),
        copies_deadline=Deadline(7, DayCount.CALENDAR_DAYS),
        min_meetings_per_year=2,
        opens_with_instructions_report=True,
        max_deputy_chairs=2,
        max_co_chairs=1,
    )
    editor.set_profile(editor.profile())
    assert editor.quorum.share() == Share(3, 5, inclusive=True)
    assert editor.quorum.choice.value() == "custom"


def test_the_editor_follows_the_interface_language(editor: ProfileEditor) -> None:
    english = editor.preset.itemText(1)
    apply_language("kk")
    assert editor.preset.itemText(1) != english
    assert "№ 690" in editor.preset.itemText(1)
    apply_language("en")
    assert editor.preset.itemText(1) == english


def test_the_editor_names_the_act_protocols_cite(editor: ProfileEditor) -> None:
    editor.apply_preset(AI_COUNCIL_881.key)
    assert editor.profile().act == ACT_881
    title_ru = editor.act_editor.fields["titles"]["ru"]
    assert title_ru.text() == "Положение о Совете по развитию искусственного интеллекта"
    assert editor.adjusted.text() == ""
    editor.act_editor.number.setText("882")
    editor.act_editor.number.textEdited.emit("882")
    act = editor.profile().act
    assert act is not None and act.number == "882"
    assert editor.adjusted.text() == "adjusted from the preset"
    editor.set_profile(RegulationProfile(), "")
    assert editor.profile().act is None
    for lang, text in (("kk", "Комиссия туралы қағидалар"), ("en", "Rules of the commission")):
        editor.act_editor.fields["titles"][lang].setText(text)
    editor.act_editor.kind.set_value(ActKind.RULES)
    act = editor.profile().act
    assert act is not None and act.kind is ActKind.RULES
    assert act.titles == {"kk": "Комиссия туралы қағидалар", "en": "Rules of the commission"}
    assert editor.profile().citation("threshold") is None  # no paragraph named: none cited
