"""The conflict dialog: both versions side by side, the differing fields marked, a choice."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.views.conflict_dialog import DIFFERS, Choice, ConflictDialog

ROWS = [("Name (in Kazakh)", "Кеңес", "Кеңес"), ("Name (in Russian)", "Совет по ИИ", "")]


def test_the_differing_fields_are_marked_and_the_choice_kept(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = ConflictDialog(ROWS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 1).background().color() == DIFFERS
    assert dialog.table.item(0, 1).background().color() != DIFFERS
    dialog.grab().save(str(tmp_path / "conflict.png"))
    dialog.mine_button.click()
    assert (
        dialog.choice is Choice.SAVE_MINE and dialog.result() == ConflictDialog.DialogCode.Accepted
    )


def test_keeping_theirs(qtbot: QtBot) -> None:
    dialog = ConflictDialog(ROWS)
    qtbot.addWidget(dialog)
    dialog.keep_button.click()
    assert dialog.choice is Choice.KEEP_THEIRS
