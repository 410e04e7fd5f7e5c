"""The council's act in the profile editor: entered per language, read back as the domain's Act."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app import i18n
from app.domain.citation import ActKind
from app.domain.regulation import ACT_690, ACT_881, Act
from app.views.act_editor import EXAMPLES, KIND_CHOICES, LANGS, ActEditor


@pytest.fixture
def editor(qtbot: QtBot) -> ActEditor:
    widget = ActEditor()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("act", [ACT_690, ACT_881], ids=["690", "881"])
def test_a_preset_s_act_reads_back_as_it_was_set(editor: ActEditor, act: Act) -> None:
    editor.set_act(act)

    assert editor.act() == act


def test_nothing_entered_is_no_act(editor: ActEditor) -> None:
    assert editor.act() is None
    editor.set_act(ACT_690)
    editor.set_act(None)  # cleared again
    assert editor.act() is None
    assert editor.number.text() == "" and editor.approved_on.day() is None


def test_an_act_is_read_as_entered_trimmed_and_only_where_entered(editor: ActEditor) -> None:
    editor.kind.set_value(ActKind.RULES)
    editor.fields["titles"]["ru"].setText("  Правила работы совета  ")
    editor.fields["issuers"]["ru"].setText("Министерства цифрового развития")
    editor.fields["instruments"]["ru"].setText("приказом")
    editor.number.setText(" 15 ")
    editor.approved_on.set_day(date(2024, 2, 12))

    act = editor.act()

    assert act == Act(
        kind=ActKind.RULES,
        titles={"ru": "Правила работы совета"},
        issuers={"ru": "Министерства цифрового развития"},
        instruments={"ru": "приказом"},
        number="15",
        approved_on=date(2024, 2, 12),
    )


def test_a_user_s_edit_is_told_as_a_change(qtbot: QtBot, editor: ActEditor) -> None:
    told: list[None] = []
    editor.changed.connect(lambda: told.append(None))

    editor.fields["titles"]["kk"].setFocus()
    qtbot.keyClicks(editor.number, "690")  # type: ignore[no-untyped-call]
    editor.approved_on.known.setChecked(True)

    assert len(told) == 4  # three letters typed, the date ticked


def test_each_field_shows_an_example_in_its_own_language(editor: ActEditor) -> None:
    for name, edits in editor.fields.items():
        assert [edits[lang].placeholderText() for lang in LANGS] == [
            EXAMPLES[name][lang] for lang in LANGS
        ]


def test_the_labels_and_kinds_are_translated(editor: ActEditor) -> None:
    i18n.set_interface_language("kk")
    try:
        editor.retranslate_ui()
        kinds = [editor.kind.itemText(i) for i in range(editor.kind.count())]
        hint = editor.hint.text()
    finally:
        i18n.set_interface_language("en")

    assert kinds != [str(label) for _value, label in KIND_CHOICES]
    assert hint and "Protocols name" not in hint and "«" in hint
