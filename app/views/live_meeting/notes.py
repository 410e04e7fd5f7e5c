"""The notes of the current decision point: dissenting opinions and protocol instructions.

A part of the voting panel: a dissent comes from a member who took part in
the vote (the one selected in the grid is offered first); an instruction
names an executor from the members or the directory.  Each is saved at once
and corrected by editing (F2) or removing (Delete) it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from app.domain.voting import Choice
from app.i18n import _
from app.services.conduct.decisions import (
    InstructionData,
    add_instruction,
    remove_instruction,
    update_instruction,
)
from app.services.conduct.dissent import add_dissent, remove_dissent, update_dissent
from app.services.people import list_people
from app.views.composition_model import person_name
from app.views.form_widgets import ask
from app.views.live_meeting.dialogs import DissentDialog, DissentEntry, InstructionDialog
from app.views.live_meeting.state import LiveState
from app.views.live_meeting.views import KeyListView, column, heading, plain_key, wrap
from app.views.live_meeting.voting_models import NotesModel, PointRow


class NotesBox(QWidget):
    """The dissenting opinions and protocol instructions of the current decision point."""

    def __init__(
        self,
        state: LiveState,
        selected_voter: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._selected_voter = selected_voter
        self.notes_model = NotesModel(self)
        self.notes_heading = heading("notesHeading")
        self.notes_view = KeyListView(self._notes_key)
        self.notes_view.setObjectName("notesView")
        self.notes_view.setModel(self.notes_model)
        self.notes_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = column(self.notes_heading, self.notes_view, stretch=self.notes_view)
        wrap(box, self)

    def show_point(self, point: PointRow | None) -> None:
        self.notes_model.set_point(point, self.state.person_label)

    def retranslate_ui(self) -> None:
        self.notes_heading.setText(_("Dissenting opinions and protocol instructions"))
        self.notes_model.retranslate()

    def _people(self) -> list[tuple[int, str]]:
        """Members first, then the rest of the directory."""
        live = self.state.live
        members = [(m.person.id, person_name(m.person)) for m in live.members] if live else []
        ids = {pid for pid, _name in members}
        others = [(p.id, person_name(p)) for p in list_people(self.state.db) if p.id not in ids]
        return members + others

    def add_instruction(self) -> InstructionDialog | None:
        point, state = self.state.current_point(), self.state
        if point is None:
            return None
        point_id = point.id

        def submit(data: InstructionData) -> bool:
            return state.save(self, lambda: add_instruction(state.db, state.actor, point_id, data))

        dialog = InstructionDialog(submit, self._people(), parent=self)
        state.open(dialog)
        return dialog

    def add_dissent(self) -> DissentDialog | None:
        point, state = self.state.current_point(), self.state
        if point is None or state.live is None:
            return None
        point_id = point.id
        if point.counts_only:
            took_part = point.entitled
        else:
            took_part = frozenset(
                pid for pid, choice in point.ballots.items() if choice is not Choice.DID_NOT_VOTE
            )
        voters = [
            (m.person.id, person_name(m.person))
            for m in state.live.members
            if m.person.id in took_part
        ]
        selected = self._selected_voter()

        def submit(entry: DissentEntry) -> bool:
            person_id = entry.person_id
            if person_id is None:
                return False
            return state.save(
                self,
                lambda: add_dissent(
                    state.db,
                    state.actor,
                    point_id,
                    person_id,
                    entry.text,
                    entry.language,
                    entry.received_on,
                ),
            )

        dialog = DissentDialog(
            submit,
            voters,
            person_id=selected if selected in took_part else None,
            received_on=state.live.meeting.day,
            parent=self,
        )
        state.open(dialog)
        return dialog

    def edit_note(self) -> QWidget | None:
        row, state = self.notes_view.currentIndex().row(), self.state
        if not (0 <= row < self.notes_model.rowCount()):
            return None
        note = self.notes_model.note(row)
        if note.dissent is not None:
            dissent = note.dissent

            def save_dissent(entry: DissentEntry) -> bool:
                return state.save(
                    self,
                    lambda: update_dissent(
                        state.db, state.actor, dissent.id, entry.text, entry.language
                    ),
                )

            dialog: QWidget = DissentDialog(
                save_dissent,
                [(dissent.person_id, state.person_label(dissent.person_id))],
                person_id=dissent.person_id,
                received_on=dissent.received_on,
                text=dissent.text,
                language=dissent.language,
                editing=True,
                parent=self,
            )
        else:
            instruction = note.instruction
            assert instruction is not None

            def save_instruction(data: InstructionData) -> bool:
                return state.save(
                    self, lambda: update_instruction(state.db, state.actor, instruction.id, data)
                )

            dialog = InstructionDialog(save_instruction, self._people(), instruction, self)
        state.open(dialog)
        return dialog

    def remove_note(self) -> None:
        row, state = self.notes_view.currentIndex().row(), self.state
        if not (0 <= row < self.notes_model.rowCount()):
            return
        note = self.notes_model.note(row)
        if not ask(
            self, _("Remove this entry?\n\n{text}").format(text=self.notes_model.text(note))
        ):
            return
        if note.dissent is not None:
            dissent_id = note.dissent.id
            state.save(self, lambda: remove_dissent(state.db, state.actor, dissent_id))
        elif note.instruction is not None:
            instruction_id = note.instruction.id
            state.save(self, lambda: remove_instruction(state.db, state.actor, instruction_id))

    def _notes_key(self, event: QKeyEvent) -> bool:
        if plain_key(event, Qt.Key.Key_Delete):
            self.remove_note()
            return True
        return False
