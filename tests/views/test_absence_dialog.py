"""The reason of an absence: chosen from the translated list, or "other" in each language."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.views.live_meeting.dialogs import AbsenceDialog, AbsenceEntry


def test_a_listed_reason_needs_no_text(qtbot: QtBot) -> None:
    got: list[AbsenceEntry] = []
    dialog = AbsenceDialog(lambda entry: got.append(entry) or True, "Әбенов Н. С.")
    qtbot.addWidget(dialog)
    assert dialog.kind.value() == "" and not dialog.other.isEnabled()
    dialog.kind.set_value("illness")
    dialog.other.set_values({"ru": "ignored"})
    dialog.accept()
    assert got == [AbsenceEntry("illness", {})]


def test_other_is_written_per_language(qtbot: QtBot) -> None:
    got: list[AbsenceEntry] = []
    dialog = AbsenceDialog(
        lambda entry: got.append(entry) or True, "Әбенов Н. С.", "other", {"kk": "форумда"}
    )
    qtbot.addWidget(dialog)
    assert dialog.other.isEnabled() and dialog.other.values()["kk"] == "форумда"
    dialog.other.set_values({"kk": "форумда", "ru": "на форуме", "en": " "})
    dialog.accept()
    assert got == [AbsenceEntry("other", {"kk": "форумда", "ru": "на форуме"})]
    assert "Әбенов Н. С." in dialog.note.text()
