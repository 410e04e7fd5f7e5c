"""The live meeting's dialogs: what each submits, and that it closes only once saved."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from app.domain.absence import OTHER
from app.domain.regulation import TieBreak
from app.domain.voting import Choice
from app.services.conduct.invited import InvitedRole
from app.views.live_meeting.dialogs import (
    AbsenceDialog,
    AbsenceEntry,
    CountsDialog,
    CountsEntry,
    DissentDialog,
    DissentEntry,
    InvitedDialog,
    PointDialog,
    PointEntry,
    ReopenDialog,
)
from app.views.qt_i18n import apply_language


class Saver:
    """A submit function: records what it got and answers as told (False: a refusal)."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.got: list[object] = []

    def __call__(self, value: object) -> bool:
        self.got.append(value)
        return self.answer


def test_a_point_closes_only_when_saved(qtbot: QtBot) -> None:
    refused = Saver(False)
    dialog = PointDialog(refused, {"en": "Approve"}, counts_only=True)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.accept()
    assert refused.got == [PointEntry({"kk": "", "ru": "", "en": "Approve"}, True)]
    assert dialog.isVisible()  # refused: the text stays for a correction
    refused.answer = True
    dialog.decision.set_values({"kk": "Бекітілсін", "en": "Approve"})  # every field is set
    dialog.counts_only.setChecked(False)
    dialog.accept()
    assert refused.got[-1] == PointEntry({"kk": "Бекітілсін", "ru": "", "en": "Approve"}, False)
    assert not dialog.isVisible()


def test_counts_are_bounded_by_the_members_present(qtbot: QtBot) -> None:
    saver = Saver()
    dialog = CountsDialog(saver, present=9, tie_break=TieBreak.CHAIR, counts=(4, 4, 1))
    qtbot.addWidget(dialog)
    assert dialog.for_.maximum() == 9 and dialog.for_.value() == 4
    assert dialog.casting.isEnabled()
    assert "9 members with a vote are present" in dialog.note.text()
    dialog.for_.setValue(20)  # more than are present: held at 9
    dialog.casting.set_value(Choice.FOR)
    dialog.accept()
    assert saver.got == [CountsEntry(9, 4, 1, Choice.FOR)]
    # Without a casting vote in the regulation, the choice cannot be given.
    plain = CountsDialog(saver, present=1, tie_break=TieBreak.NONE)
    qtbot.addWidget(plain)
    assert not plain.casting.isEnabled() and plain.value() == CountsEntry(0, 0, 0, None)
    assert "1 member with a vote is present" in plain.note.text()


def test_reopening_says_why_and_follows_the_language(qtbot: QtBot) -> None:
    saver = Saver()
    dialog = ReopenDialog(saver, 3)
    qtbot.addWidget(dialog)
    assert "decision point 3 is closed" in dialog.note.text()
    try:
        apply_language("ru")
        dialog.retranslate_ui()
        assert dialog.windowTitle() != "Reopen voting" and "3" in dialog.note.text()
    finally:
        apply_language("en")
    dialog.reason.setText("A counting error")
    dialog.accept()
    assert saver.got == ["A counting error"]


def test_a_dissent_being_edited_keeps_its_author_and_date(qtbot: QtBot) -> None:
    saver = Saver()
    people = [(5, "Member E."), (6, "Member F.")]
    dialog = DissentDialog(
        saver, people, person_id=6, received_on=date(2024, 3, 1), text="No.", language="ru"
    )
    qtbot.addWidget(dialog)
    assert dialog.person.isEnabled() and dialog.received_on.isEnabled()
    dialog.accept()
    assert saver.got == [DissentEntry(6, "No.", "ru", date(2024, 3, 1))]
    editing = DissentDialog(
        saver, people[:1], person_id=5, received_on=date(2024, 3, 1), editing=True
    )
    qtbot.addWidget(editing)
    assert not editing.person.isEnabled() and not editing.received_on.isEnabled()
    assert editing.value().language == "en"  # the interface language unless given


def test_an_absence_gives_other_texts_only_for_other(qtbot: QtBot) -> None:
    saver = Saver()
    dialog = AbsenceDialog(saver, "Member E.", kind="illness", reasons={"en": "Flu"})
    qtbot.addWidget(dialog)
    assert not dialog.other.isEnabled()
    assert dialog.value() == AbsenceEntry("illness", {})
    dialog.kind.set_value(OTHER)
    assert dialog.other.isEnabled()
    dialog.other.set_values({"ru": "  ", "en": "Flu"})
    dialog.accept()
    assert saver.got == [AbsenceEntry(OTHER, {"en": "Flu"})]


def test_only_a_substitute_names_the_absent_member(qtbot: QtBot) -> None:
    saver = Saver()
    dialog = InvitedDialog(saver, [(1, "Guest G.")], [(7, "Absent A.")])
    qtbot.addWidget(dialog)
    dialog.role.set_value(InvitedRole.SPEAKER)
    dialog.instead_of.set_value(7)
    assert not dialog.instead_of.isEnabled()
    assert dialog.value().instead_of_person_id is None
    dialog.role.set_value(InvitedRole.SUBSTITUTE)
    assert dialog.instead_of.isEnabled()
    dialog.person.set_value(1)
    dialog.accept()
    (data,) = saver.got
    assert data.role is InvitedRole.SUBSTITUTE  # type: ignore[attr-defined]
    assert (data.person_id, data.instead_of_person_id) == (1, 7)  # type: ignore[attr-defined]
    assert "never counted for the quorum" in dialog.note.text()
