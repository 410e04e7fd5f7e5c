"""The live meeting screen: attendance, decision points and roll-call votes, fast by keyboard.

The agenda is on the left (the current item in bold), the attendance of the
composition on the meeting date and the invited persons in the middle, and the
current item's decision points with the voting grid on the right.  A status
line at the bottom always shows the current item's quorum and the live result
of the current decision point, as the protocol will explain it.

Keyboard (also in :data:`KEYS_HELP`, shown as the help line and tool tips):

=================================  ===============================================
Voting grid: Up / Down             previous / next member
F, A, B  (or 1, 2, 3)              for / against / abstained, then the next member
0, Delete, Backspace               did not vote (clears the vote), then the next member
Attendance: P                      present / absent (the reason: F2), then the next member
Attendance: R / L                  arrived before / left after the current item
Ctrl+Down / Ctrl+Up, PgDn / PgUp   next / previous agenda item
Ctrl+N, F2                         new decision point; edit (point, absence, note)
Ctrl+Enter                         close voting on the current decision point
Ctrl+K, Ctrl+D, Ctrl+I             counts only; dissenting opinion; protocol instruction
Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y      undo / redo (ballots and attendance)
Alt+1 … Alt+5                      agenda, attendance, invited, decision points, grid
Invited: F, A, B / P / Delete      refused citing the council's act / refused / remove
Decision points, notes: Delete     remove the point (before any vote) / the note
Agenda, decision points: Enter     go to the voting grid
=================================  ===============================================

The letters also work on a Cyrillic layout: the keys F, A, B, P, R, L type
А, Ф, И, З, К, Д there, and those are accepted too.

The window composes two panels that share one :class:`LiveState`: the
attendance panel (:mod:`.attendance_panel`) and the voting panel
(:mod:`.voting_panel`, with the notes of :mod:`.notes`).  It owns the agenda,
the menus, the tool bar and the status line, and reads the meeting again when
a panel says it is stale.

Speed: a ballot runs one service action and updates the grid row, the decision
point's row and the status line from the :class:`VoteChange` it returns;
:func:`live_meeting` is asked again only after structural changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.formatting import short_date
from app.i18n import N_, _, interface_language
from app.services.base import Actor
from app.services.conduct.queries import ItemLine, LiveMeeting, live_meeting
from app.services.handles import Database
from app.views.live_meeting import ending
from app.views.live_meeting.attendance_panel import AttendancePanel
from app.views.live_meeting.dialogs import CountsDialog, InvitedDialog, ReopenDialog
from app.views.live_meeting.models import AgendaModel, AttendanceModel, InvitedModel
from app.views.live_meeting.state import LiveState
from app.views.live_meeting.views import (
    ENTER,
    KeyListView,
    KeyTableView,
    column,
    heading,
    plain_key,
)
from app.views.live_meeting.voting_models import NotesModel, PointRow, VotingModel
from app.views.live_meeting.voting_panel import VotingPanel
from app.views.retranslate import Retranslatable

KEYS_HELP = N_(
    "Keys: ↑/↓ member · F for, A against, B abstained, 0 or Del did not vote · "
    "attendance: P present/absent, R arrived before this item, L left after it · "
    "Ctrl+↓/↑ or PgDn/PgUp next/previous item · Ctrl+N new point · F2 edit · "
    "Ctrl+Enter close voting · Ctrl+Z undo · Ctrl+Shift+Z or Ctrl+Y redo"
)
KEYS_TOOLTIP = N_(
    "Voting grid: ↑/↓ moves between members; F (or 1) for, A (or 2) against, "
    "B (or 3) abstained, 0, Delete or Backspace did not vote; the next member is "
    "selected after each vote.\n"
    "Attendance: P present/absent (F2 gives the reason of absence), R arrived before "
    "the current item, L left after the current item.\n"
    "Ctrl+↓/Ctrl+↑ or PgDn/PgUp: next/previous agenda item.\n"
    "Ctrl+N new decision point, F2 edit, Ctrl+Enter close voting, Ctrl+K counts only, "
    "Ctrl+D dissenting opinion, Ctrl+I protocol instruction.\n"
    "Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo; every change is saved at once.\n"
    "Alt+1 agenda, Alt+2 attendance, Alt+3 invited, Alt+4 decision points, Alt+5 grid.\n"
    "On a Cyrillic layout the same keys work (А, Ф, И, З, К, Д)."
)


class LiveMeetingWindow(Retranslatable, QMainWindow):
    """Record a meeting as it happens: attendance, invited persons, decision points, votes."""

    changed = Signal()  # something was saved; the Meetings page may refresh

    def __init__(
        self, db: Database, actor: Actor, meeting_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("liveMeetingWindow")
        self.db = db
        self.actor = actor
        self.meeting_id = meeting_id
        self.state = LiveState(db, actor, meeting_id, self)
        self.state.stale.connect(self.reload)
        self.state.saved.connect(self.changed)
        self._updating = False
        self.agenda_model = AgendaModel(self)
        self.attendance = AttendancePanel(self.state)
        self.voting = VotingPanel(self.state)
        self.voting.point_changed.connect(self._update_state)
        self.voting.result_changed.connect(self._update_result)
        self.voting.item_wanted.connect(self._show_item)

        self._build_widgets()
        self._build_actions()
        self.retranslate_ui()
        self.resize(1400, 850)
        self.reload()
        self.grid.setFocus()

    # -- what the panels show, for the tests and the lead's docs -------------------------------
    @property
    def live(self) -> LiveMeeting | None:
        return self.state.live

    @property
    def undo_stack(self) -> QUndoStack:
        return self.state.undo_stack

    @property
    def dialog(self) -> Any:
        """The dialog open now."""
        return self.state.dialog

    @property
    def attendance_view(self) -> KeyTableView:
        return self.attendance.attendance_view

    @property
    def attendance_model(self) -> AttendanceModel:
        return self.attendance.attendance_model

    @property
    def invited_view(self) -> KeyTableView:
        return self.attendance.invited_view

    @property
    def invited_model(self) -> InvitedModel:
        return self.attendance.invited_model

    @property
    def grid(self) -> KeyTableView:
        return self.voting.grid

    @property
    def voting_model(self) -> VotingModel:
        return self.voting.voting_model

    @property
    def grid_stack(self) -> QStackedWidget:
        return self.voting.grid_stack

    @property
    def grid_heading(self) -> QLabel:
        return self.voting.grid_heading

    @property
    def counts_button(self) -> QPushButton:
        return self.voting.counts_button

    @property
    def notes_view(self) -> KeyListView:
        return self.voting.notes.notes_view

    @property
    def notes_model(self) -> NotesModel:
        return self.voting.notes.notes_model

    # -- building ------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.agenda_heading = heading("agendaHeading")
        self.agenda_view = KeyListView(self._agenda_key)
        self.agenda_view.setObjectName("agendaView")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setSpacing(2)
        self.agenda_view.selectionModel().currentRowChanged.connect(self._agenda_row_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("liveSplitter")
        splitter.addWidget(column(self.agenda_heading, self.agenda_view, stretch=self.agenda_view))
        splitter.addWidget(self.attendance)
        splitter.addWidget(self.voting)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([190, 640, 570])

        self.status = StatusLine()
        self.quorum_label, self.result_label = self.status.quorum_label, self.status.result_label
        self.help_label = QLabel()
        self.help_label.setObjectName("keysHelp")
        self.help_label.setWordWrap(True)
        help_font = self.help_label.font()
        help_font.setPointSizeF(help_font.pointSizeF() * 0.9)
        self.help_label.setFont(help_font)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.help_label)
        self.setCentralWidget(central)

    def _action(
        self,
        slot: Callable[[], Any],
        shortcuts: tuple[str | QKeySequence.StandardKey, ...] = (),
        name: str = "",
    ) -> QAction:
        action = QAction(self)
        if name:
            action.setObjectName(name)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        attendance, voting, notes = self.attendance, self.voting, self.voting.notes
        self.undo_action = self._action(self.undo, ("Ctrl+Z",), "undoAction")
        self.redo_action = self._action(self.redo, ("Ctrl+Shift+Z", "Ctrl+Y"), "redoAction")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.next_item_action = self._action(self.next_item, ("Ctrl+Down", "PgDown"))
        self.previous_item_action = self._action(self.previous_item, ("Ctrl+Up", "PgUp"))
        self.new_point_action = self._action(voting.add_point, ("Ctrl+N",), "newPointAction")
        self.edit_action = self._action(self.edit, ("F2",), "editAction")
        self.counts_mode_action = self._action(voting.toggle_counts_mode, ("Ctrl+K",))
        self.counts_mode_action.setCheckable(True)
        self.enter_counts_action = self._action(voting.enter_counts)
        self.instruction_action = self._action(notes.add_instruction, ("Ctrl+I",))
        self.remove_point_action = self._action(voting.remove_point)
        self.close_action = self._action(
            voting.close_voting, ("Ctrl+Return", "Ctrl+Enter"), "closeVotingAction"
        )
        self.reopen_action = self._action(voting.reopen_voting)
        self.dissent_action = self._action(notes.add_dissent, ("Ctrl+D",), "dissentAction")
        self.present_action = self._action(attendance.toggle_presence)
        self.rest_present_action = self._action(attendance.mark_rest_present)
        self.arrived_action = self._action(attendance.arrived)
        self.left_action = self._action(attendance.left)
        self.absence_action = self._action(attendance.edit_absence)
        self.invite_action = self._action(attendance.invite)
        self.remove_invited_action = self._action(attendance.remove_invited)
        self.reload_action = self._action(self.reload, (QKeySequence.StandardKey.Refresh,))
        self.close_window_action = self._action(self.close, (QKeySequence.StandardKey.Close,))
        self.end_meeting_action = self._action(self.end_meeting, (), "endMeetingAction")
        for number, view in enumerate(
            (self.agenda_view, self.attendance_view, self.invited_view, voting.points_view),
            start=1,
        ):
            self._action(view.setFocus, (f"Alt+{number}",))
        self._action(voting.grid_stack_focus, ("Alt+5",))
        self._build_menus()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.meeting_menu = bar.addMenu("")
        self.meeting_menu.addActions([self.reload_action, self.end_meeting_action])
        self.meeting_menu.addSeparator()
        self.meeting_menu.addAction(self.close_window_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action, self.edit_action])
        self.attendance_menu = bar.addMenu("")
        self.attendance_menu.addActions(
            [self.present_action, self.rest_present_action, self.absence_action]
        )
        self.attendance_menu.addSeparator()
        self.attendance_menu.addActions([self.arrived_action, self.left_action])
        self.attendance_menu.addSeparator()
        self.attendance_menu.addActions([self.invite_action, self.remove_invited_action])
        self.decisions_menu = bar.addMenu("")
        self.decisions_menu.addActions(
            [
                self.next_item_action,
                self.previous_item_action,
                self.new_point_action,
                self.remove_point_action,
                self.instruction_action,
            ]
        )
        self.voting_menu = bar.addMenu("")
        self.voting_menu.addActions(
            [
                self.counts_mode_action,
                self.enter_counts_action,
                self.close_action,
                self.reopen_action,
                self.dissent_action,
            ]
        )

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("liveToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.undo_action, self.redo_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.rest_present_action, self.invite_action])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.new_point_action)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.close_action, self.reopen_action, self.dissent_action])
        self.addToolBar(self.toolbar)
        # Their tool tips name the step, read when asked: a tool tip set on every ballot
        # would re-lay out the tool bar and repaint it with each key.
        self._step_buttons = [self.toolbar.widgetForAction(a) for a in self._step_actions()]
        for button in self._step_buttons:
            button.installEventFilter(self)

    def _step_actions(self) -> tuple[QAction, QAction]:
        return self.undo_action, self.redo_action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and watched in self._step_buttons:
            self._undo_tooltips()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The other pages hear of the last ballots now, not after the pause."""
        self.state.flush()
        super().closeEvent(event)

    def _undo_tooltips(self) -> None:
        """The undo and redo buttons say which step they take back or do again."""
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setToolTip(_("Undo: {step}").format(step=undo) if undo else _("Undo"))
        self.redo_action.setToolTip(_("Redo: {step}").format(step=redo) if redo else _("Redo"))

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Ask the services for the whole meeting again (after a structural change)."""
        live = live_meeting(self.db, self.meeting_id)
        self.state.load(live)
        row = min(self.state.item_row, len(live.items) - 1) if live.items else -1
        with self._quiet():
            self.agenda_model.set_items(live.items)
        self.attendance.load(live, live.items[row] if row >= 0 else None)
        self._show_item(row, self.state.point_id)
        self.setWindowTitle(self._title())

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Selection changes made by the window itself do not re-enter it."""
        was, self._updating = self._updating, True
        try:
            yield
        finally:
            self._updating = was

    # -- the current item ------------------------------------------------------------------------
    def current_item(self) -> ItemLine | None:
        return self.state.current_item()

    def current_point(self) -> PointRow | None:
        return self.state.current_point()

    def select_item(self, row: int) -> None:
        live = self.state.live
        if live is None or not (0 <= row < len(live.items)):
            return
        self._show_item(row, None)

    def next_item(self) -> None:
        self.select_item(self.state.item_row + 1)

    def previous_item(self) -> None:
        self.select_item(self.state.item_row - 1)

    def _agenda_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._updating and current.isValid() and current.row() != self.state.item_row:
            self._show_item(current.row(), None)

    def _show_item(self, row: int, point_id: int | None) -> None:
        """Make agenda item ``row`` current; show ``point_id`` or its first open point."""
        self.state.item_row = max(row, 0)
        item = self.current_item()
        with self._quiet():
            self.agenda_model.set_current(row)
            if item is not None:
                index = self.agenda_model.index(row, 0)
                self.agenda_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.agenda_view.scrollTo(index)
                self.attendance.show_item(item)
        self.voting.show_item(item, point_id)

    def _agenda_key(self, event: QKeyEvent) -> bool:
        if plain_key(event, *ENTER):
            self.voting.grid_stack_focus()
            return True
        return False

    # -- actions the tests and the menus share -----------------------------------------------------
    def edit(self) -> QWidget | None:
        """F2: edit what the focus is on (an absence, a dissent or instruction, else the point)."""
        focus = self.focusWidget()
        if focus is self.attendance_view:
            self.attendance.edit_absence()
            opened: QWidget | None = self.dialog
            return opened
        if focus is self.notes_view:
            return self.voting.notes.edit_note()
        return self.voting.edit_point()

    def mark_rest_present(self) -> None:
        self.attendance.mark_rest_present()

    def invite(self) -> InvitedDialog | None:
        return self.attendance.invite()

    def enter_counts(self) -> CountsDialog | None:
        return self.voting.enter_counts()

    def reopen_voting(self) -> ReopenDialog | None:
        return self.voting.reopen_voting()

    def end_meeting(self) -> bool:
        """Close the open votings and the meeting (after a confirmation), then this window."""
        if not ending.end_meeting(self, self.state):
            return False
        self.close()
        return True

    def undo(self) -> None:
        with self.state.batched():
            self.undo_stack.undo()

    def redo(self) -> None:
        with self.state.batched():
            self.undo_stack.redo()

    # -- labels and the status line ----------------------------------------------------------------
    def _title(self) -> str:
        if self.live is None:
            return _("Live meeting")
        meeting = self.live.meeting
        return _("Live meeting: No. {number} of {date}").format(
            number=meeting.number, date=short_date(meeting.day, interface_language())
        )

    def _update_state(self) -> None:
        """The status line and which actions apply, for the current item and point."""
        item, point = self.current_item(), self.current_point()
        self.status.show_state(item, point)
        open_point = point is not None and not point.closed
        self.new_point_action.setEnabled(item is not None)
        self.close_action.setEnabled(open_point)
        self.reopen_action.setEnabled(point is not None and point.closed)
        self.dissent_action.setEnabled(point is not None)
        self.instruction_action.setEnabled(point is not None)
        self.remove_point_action.setEnabled(open_point)
        self.counts_mode_action.setEnabled(open_point)
        self.counts_mode_action.setChecked(point is not None and point.counts_only)
        self.enter_counts_action.setEnabled(open_point and point is not None and point.counts_only)
        self._end_meeting_state()

    def _update_result(self) -> None:
        """A ballot: only the status line's result follows (which actions apply is unchanged)."""
        self.status.show_state(self.current_item(), self.current_point())

    def _end_meeting_state(self) -> None:
        """ "End meeting…" is greyed out with the reason when the meeting cannot be ended."""
        error = ending.why_not(self.live) if self.live is not None else None
        self.end_meeting_action.setEnabled(self.live is not None and error is None)
        text = self.end_meeting_action.text()
        self.end_meeting_action.setToolTip(f"{text}: {error.message()}" if error else text)

    # -- language ----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title())
        self.agenda_heading.setText(_("Agenda"))
        self.help_label.setText(_(KEYS_HELP))
        tooltip = _(KEYS_TOOLTIP)
        self.help_label.setToolTip(tooltip)
        self.attendance.retranslate_ui(tooltip)
        self.voting.retranslate_ui(tooltip)
        self.meeting_menu.setTitle(_("&Meeting"))
        self.edit_menu.setTitle(_("&Edit"))
        self.attendance_menu.setTitle(_("&Attendance"))
        self.decisions_menu.setTitle(_("&Decisions"))
        self.voting_menu.setTitle(_("&Voting"))
        texts = {
            self.undo_action: _("Undo"),
            self.redo_action: _("Redo"),
            self.next_item_action: _("Next item"),
            self.previous_item_action: _("Previous item"),
            self.new_point_action: _("New decision point…"),
            self.edit_action: _("Edit…"),
            self.counts_mode_action: _("Counts only (show of hands)"),
            self.enter_counts_action: _("Enter the counts…"),
            self.instruction_action: _("Protocol instruction…"),
            self.remove_point_action: _("Remove decision point"),
            self.close_action: _("Close voting"),
            self.reopen_action: _("Reopen voting…"),
            self.dissent_action: _("Dissenting opinion…"),
            self.present_action: _("Present / absent"),
            self.rest_present_action: _("Mark the rest present"),
            self.arrived_action: _("Arrived before this item"),
            self.left_action: _("Left after this item"),
            self.absence_action: _("Reason of absence…"),
            self.invite_action: _("Invite a person…"),
            self.remove_invited_action: _("Remove invited person"),
            self.reload_action: _("Reload"),
            self.close_window_action: _("Close window"),
            self.end_meeting_action: _("End meeting…"),
        }
        for action, text in texts.items():
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({shortcut})" if shortcut else text)
        self._undo_tooltips()
        self.agenda_model.retranslate()
        if self.live is not None:
            self._update_state()


class TextSlot(QWidget):
    """A place for one wrapped label, outside any layout, that keeps its tallest height.

    A label in a layout invalidates that layout, and every layout up to the window, on
    each new text: a ballot would re-lay out the whole window.  Here a new text repaints
    the label alone; the slot grows (and so lays out the window) only when a text needs
    more lines than any before it at this width.  A new width, which lays out the window
    anyway, fits it to its text again: measured at the narrow width of a window being
    built, it would otherwise keep empty lines for good.
    """

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(0, self.minimumHeight())

    def set_text(self, text: str) -> None:
        if self.label.text() == text:
            return
        self.label.setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(refit=event.size().width() != event.oldSize().width())

    def _fit(self, *, refit: bool = False) -> None:
        width = self.width()
        needed = self.label.heightForWidth(width) if width > 0 else -1
        if needed > self.minimumHeight() or (refit and 0 <= needed < self.minimumHeight()):
            self.setMinimumHeight(needed)  # a text needing more lines, or a new width
        self.label.setGeometry(0, 0, width, max(needed, self.height()))


class StatusLine(QFrame):
    """Always in view: the current item's quorum and the live result of the current point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumLabel")
        self.quorum_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quorum_slot = TextSlot(self.quorum_label)
        self.result_slot = TextSlot(self.result_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addWidget(self.quorum_slot)
        layout.addWidget(self.result_slot)

    def show_state(self, item: ItemLine | None, point: PointRow | None) -> None:
        quorum = ""
        if item is not None:
            quorum = _("Item {number}: {quorum}").format(
                number=item.item.number, quorum=item.quorum.explain()
            )
        self.quorum_slot.set_text(quorum)
        self.result_slot.set_text(result_text(point))


def result_text(point: PointRow | None) -> str:
    """The live result sentence of the current decision point, as the protocol will explain it."""
    if point is None:
        return _("No decision point on this item yet: add one with Ctrl+N.")
    if point.result is None:
        return _("Point {number}: enter the counts of the show of hands.").format(
            number=point.decision.number
        )
    text = _("Point {number}: {result}").format(
        number=point.decision.number, result=point.result.explain()
    )
    if point.closed:
        closed = (
            _("Voting closed without a quorum.") if point.without_quorum else _("Voting closed.")
        )
        text = f"{text} {closed}"
    return text
