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
Invited: F, A, B / P / Delete      refused with the rule (000 §14) / refused / remove
Decision points, notes: Delete     remove the point (before any vote) / the note
Agenda, decision points: Enter     go to the voting grid
=================================  ===============================================

The letters also work on a Cyrillic layout: the keys F, A, B, P, R, L type
А, Ф, И, З, К, Д there, and those are accepted too.

Speed: a ballot runs one service action and updates the grid row, the decision
point's row and the status line from the :class:`VoteChange` it returns;
:func:`live_meeting` is asked again only after structural changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.domain.quorum_loss import closing_question
from app.domain.substitution import invited_cannot_vote
from app.domain.voting import Choice
from app.formatting import short_date
from app.i18n import N_, _, interface_language
from app.models.database import Database
from app.services.base import Actor
from app.services.conduct.attendance import record_attendance, record_departure
from app.services.conduct.decisions import (
    InstructionData,
    add_decision_point,
    add_instruction,
    remove_decision_point,
    remove_instruction,
    set_voting_mode,
    update_decision_point,
    update_instruction,
)
from app.services.conduct.dissent import add_dissent, remove_dissent, update_dissent
from app.services.conduct.invited import (
    InvitedData,
    InvitedInfo,
    add_invited_person,
    remove_invited_person,
)
from app.services.conduct.queries import ItemLine, LiveMeeting, MemberLine, live_meeting
from app.services.conduct.voting import VoteChange, close_voting, record_counts, reopen_voting
from app.services.people import list_people
from app.views.composition_model import person_name
from app.views.live_meeting.commands import AttendanceCommand, BallotCommand, Presence
from app.views.live_meeting.dialogs import (
    AbsenceDialog,
    AbsenceEntry,
    CountsDialog,
    CountsEntry,
    DissentDialog,
    DissentEntry,
    InstructionDialog,
    InvitedDialog,
    PointDialog,
    PointEntry,
    ReopenDialog,
)
from app.views.live_meeting.models import (
    AgendaModel,
    AttendanceModel,
    InvitedModel,
    NotesModel,
    PointRow,
    PointsModel,
    VoterRow,
    VotingModel,
    choice_label,
    member_tooltip,
)
from app.views.messages import show_refusal
from app.views.retranslate import Retranslatable
from app.views.seat_dialog import ask

R = TypeVar("R")

NO_MODIFIERS = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier
VOTE_KEYS = {
    Qt.Key.Key_F: Choice.FOR,
    Qt.Key.Key_1: Choice.FOR,
    Qt.Key.Key_A: Choice.AGAINST,
    Qt.Key.Key_2: Choice.AGAINST,
    Qt.Key.Key_B: Choice.ABSTAINED,
    Qt.Key.Key_3: Choice.ABSTAINED,
    Qt.Key.Key_0: Choice.DID_NOT_VOTE,
    Qt.Key.Key_Delete: Choice.DID_NOT_VOTE,
    Qt.Key.Key_Backspace: Choice.DID_NOT_VOTE,
}
# The same physical keys on the Kazakh and Russian layouts (ЙЦУКЕН).
CYRILLIC_VOTE_KEYS = {"а": Choice.FOR, "ф": Choice.AGAINST, "и": Choice.ABSTAINED}
PRESENCE_KEYS = {Qt.Key.Key_P: "з", Qt.Key.Key_R: "к", Qt.Key.Key_L: "д"}

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


def _plain(event: QKeyEvent) -> bool:
    """No Ctrl, Alt or Meta: a key that types, not a shortcut."""
    extra = event.modifiers() & ~(NO_MODIFIERS | Qt.KeyboardModifier.ShiftModifier)
    return extra == Qt.KeyboardModifier.NoModifier


def vote_key(event: QKeyEvent) -> Choice | None:
    """The vote a key records in the grid, or None."""
    if not _plain(event):
        return None
    choice = VOTE_KEYS.get(Qt.Key(event.key()))
    if choice is not None:
        return choice
    return CYRILLIC_VOTE_KEYS.get(event.text().lower())


def letter_key(event: QKeyEvent, key: Qt.Key) -> bool:
    """Whether the event is the plain letter ``key`` (or the same key on a Cyrillic layout)."""
    if not _plain(event):
        return False
    return event.key() == key or event.text().lower() == PRESENCE_KEYS.get(key, "\0")


class KeyTableView(QTableView):
    """A table whose letter keys the window handles (``on_key`` returns True when it did)."""

    def __init__(self, on_key: Callable[[QKeyEvent], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class KeyListView(QListView):
    def __init__(self, on_key: Callable[[QKeyEvent], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


def _heading(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _panel(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(4, 4, 4, 4)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return panel


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
        self.live: LiveMeeting | None = None
        self._points: dict[int, PointRow] = {}
        self._names: dict[int, str] = {}
        self._item_row = 0
        self._point_id: int | None = None
        self._shown_item = -1
        self._updating = False
        self._batch = 0
        self._dirty = False
        self.refusals = 0  # how many refusals were shown (a step that did not happen)
        self.dialog: Any = None  # the dialog open now, for the tests and the lead's docs

        self.undo_stack = QUndoStack(self)
        self.agenda_model = AgendaModel(self)
        self.attendance_model = AttendanceModel(self)
        self.invited_model = InvitedModel(self)
        self.points_model = PointsModel(self)
        self.voting_model = VotingModel(self)
        self.notes_model = NotesModel(self)

        self._build_widgets()
        self._build_actions()
        self.retranslate_ui()
        self.resize(1400, 850)
        self.reload()
        self.grid.setFocus()

    # -- building ------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.agenda_heading = _heading("agendaHeading")
        self.agenda_view = KeyListView(self._agenda_key)
        self.agenda_view.setObjectName("agendaView")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setSpacing(2)
        self.agenda_view.selectionModel().currentRowChanged.connect(self._agenda_row_changed)
        left = _panel(self.agenda_heading, self.agenda_view, stretch=self.agenda_view)

        self.attendance_heading = _heading("attendanceHeading")
        self.attendance_view = KeyTableView(self._attendance_key)
        self.attendance_view.setObjectName("attendanceView")
        self.attendance_view.setModel(self.attendance_model)
        header = self.attendance_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.invited_heading = _heading("invitedHeading")
        self.invited_view = KeyTableView(self._invited_key)
        self.invited_view.setObjectName("invitedView")
        self.invited_view.setModel(self.invited_model)
        self.invited_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(
            _panel(self.attendance_heading, self.attendance_view, stretch=self.attendance_view)
        )
        middle.addWidget(_panel(self.invited_heading, self.invited_view, stretch=self.invited_view))
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 1)
        middle.setSizes([560, 170])

        self.item_title = _heading("itemTitle")
        self.item_title.setWordWrap(True)
        self.points_heading = _heading("pointsHeading")
        self.points_view = KeyListView(self._points_key)
        self.points_view.setObjectName("pointsView")
        self.points_view.setModel(self.points_model)
        self.points_view.setSpacing(1)
        self.points_view.selectionModel().currentRowChanged.connect(self._point_row_changed)
        self.grid_heading = _heading("gridHeading")
        self.grid = KeyTableView(self._grid_key)
        self.grid.setObjectName("votingGrid")
        self.grid.setModel(self.voting_model)
        grid_header = self.grid.horizontalHeader()
        grid_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        grid_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.counts_summary = QLabel()
        self.counts_summary.setObjectName("countsSummary")
        self.counts_summary.setWordWrap(True)
        self.counts_button = QPushButton()
        self.counts_button.setObjectName("countsButton")
        self.counts_button.clicked.connect(self.enter_counts)
        counts_panel = QWidget()
        counts_layout = QVBoxLayout(counts_panel)
        counts_layout.addWidget(self.counts_summary)
        counts_layout.addWidget(self.counts_button, 0, Qt.AlignmentFlag.AlignLeft)
        counts_layout.addStretch(1)
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.grid)
        self.grid_stack.addWidget(counts_panel)
        self.notes_heading = _heading("notesHeading")
        self.notes_view = KeyListView(self._notes_key)
        self.notes_view.setObjectName("notesView")
        self.notes_view.setModel(self.notes_model)
        self.notes_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_panel(self.item_title, self.points_heading, self.points_view))
        right.addWidget(_panel(self.grid_heading, self.grid_stack, stretch=self.grid_stack))
        right.addWidget(_panel(self.notes_heading, self.notes_view, stretch=self.notes_view))
        right.setStretchFactor(1, 1)
        right.setSizes([190, 420, 110])

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("liveSplitter")
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([190, 640, 570])

        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumLabel")
        self.quorum_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = QFrame()
        status.setObjectName("statusLine")
        status.setFrameShape(QFrame.Shape.StyledPanel)
        status_layout = QVBoxLayout(status)
        status_layout.setContentsMargins(8, 4, 8, 4)
        status_layout.setSpacing(2)
        status_layout.addWidget(self.quorum_label)
        status_layout.addWidget(self.result_label)
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
        layout.addWidget(status)
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
        self.undo_action = self._action(self.undo, ("Ctrl+Z",), "undoAction")
        self.redo_action = self._action(self.redo, ("Ctrl+Shift+Z", "Ctrl+Y"), "redoAction")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.indexChanged.connect(self._undo_tooltips)
        self.next_item_action = self._action(self.next_item, ("Ctrl+Down", "PgDown"))
        self.previous_item_action = self._action(self.previous_item, ("Ctrl+Up", "PgUp"))
        self.new_point_action = self._action(self.add_point, ("Ctrl+N",), "newPointAction")
        self.edit_action = self._action(self.edit, ("F2",), "editAction")
        self.counts_mode_action = self._action(self.toggle_counts_mode, ("Ctrl+K",))
        self.counts_mode_action.setCheckable(True)
        self.enter_counts_action = self._action(self.enter_counts)
        self.instruction_action = self._action(self.add_instruction, ("Ctrl+I",))
        self.remove_point_action = self._action(self.remove_point)
        self.close_action = self._action(
            self.close_voting, ("Ctrl+Return", "Ctrl+Enter"), "closeVotingAction"
        )
        self.reopen_action = self._action(self.reopen_voting)
        self.dissent_action = self._action(self.add_dissent, ("Ctrl+D",), "dissentAction")
        self.present_action = self._action(self.toggle_presence)
        self.rest_present_action = self._action(self.mark_rest_present)
        self.arrived_action = self._action(self.arrived)
        self.left_action = self._action(self.left)
        self.absence_action = self._action(self.edit_absence)
        self.invite_action = self._action(self.invite)
        self.remove_invited_action = self._action(self.remove_invited)
        self.reload_action = self._action(self.reload, (QKeySequence.StandardKey.Refresh,))
        self.close_window_action = self._action(self.close, (QKeySequence.StandardKey.Close,))
        for number, view in enumerate(
            (self.agenda_view, self.attendance_view, self.invited_view, self.points_view),
            start=1,
        ):
            self._action(view.setFocus, (f"Alt+{number}",))
        self._action(self.grid_stack_focus, ("Alt+5",))

        bar = self.menuBar()
        self.meeting_menu = bar.addMenu("")
        self.meeting_menu.addActions([self.reload_action, self.close_window_action])
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

    def _undo_tooltips(self) -> None:
        """The undo and redo buttons say which step they take back or do again."""
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setToolTip(_("Undo: {step}").format(step=undo) if undo else _("Undo"))
        self.redo_action.setToolTip(_("Redo: {step}").format(step=redo) if redo else _("Redo"))

    def grid_stack_focus(self) -> None:
        if self.grid_stack.currentIndex() == 0:
            self.grid.setFocus()
        else:
            self.counts_button.setFocus()

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Ask the services for the whole meeting again (after a structural change)."""
        live = live_meeting(self.db, self.meeting_id)
        self.live = live
        self._dirty = False
        self._names = {m.person.id: person_name(m.person) for m in live.members}
        self._points = {
            line.decision.id: PointRow.from_line(line)
            for item in live.items
            for line in item.points
        }
        row = min(self._item_row, len(live.items) - 1) if live.items else -1
        attendance_person = self._current_person(self.attendance_view, self.attendance_model)
        with self._quiet():
            self.agenda_model.set_items(live.items)
            item = live.items[row] if row >= 0 else None
            self.attendance_model.set_members(
                live.members,
                item.present if item is not None else frozenset(),
                item.item.number if item is not None else 0,
                live.meeting.presiding_person_id,
            )
            self.invited_model.set_invited(live.invited, self._names)
        self._fit_columns()
        self._update_headings()
        if attendance_person is not None:
            self._select_person(self.attendance_view, self.attendance_model, attendance_person)
        self._show_item(row, self._point_id)
        self.setWindowTitle(self._title())

    def _fit_columns(self) -> None:
        """Numbers, roles and states fit their contents within limits; names take the rest."""
        limits = (
            (self.attendance_view, {0: 60, 2: 190, 3: 160, 4: 120}),
            (self.grid, {0: 60, 2: 200}),
        )
        for view, columns in limits:
            for column, limit in columns.items():
                view.resizeColumnToContents(column)
                view.setColumnWidth(column, min(view.columnWidth(column), limit))
        self.grid.setColumnWidth(VotingModel.VOTE_COLUMN, 110)

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Selection changes made by the window itself do not re-enter it."""
        was, self._updating = self._updating, True
        try:
            yield
        finally:
            self._updating = was

    @contextmanager
    def _batched(self) -> Iterator[None]:
        """Several attendance steps (a macro, its undo): reload once at the end."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if self._batch == 0 and self._dirty:
                self.reload()

    # -- the current item and decision point -----------------------------------------------------
    def current_item(self) -> ItemLine | None:
        if self.live is None or not (0 <= self._item_row < len(self.live.items)):
            return None
        return self.live.items[self._item_row]

    def current_point(self) -> PointRow | None:
        return self._points.get(self._point_id) if self._point_id is not None else None

    def select_item(self, row: int) -> None:
        if self.live is None or not (0 <= row < len(self.live.items)):
            return
        self._show_item(row, None)

    def next_item(self) -> None:
        self.select_item(self._item_row + 1)

    def previous_item(self) -> None:
        self.select_item(self._item_row - 1)

    def _agenda_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._updating and current.isValid() and current.row() != self._item_row:
            self._show_item(current.row(), None)

    def _point_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._updating and current.isValid():
            point = self.points_model.point(current.row())
            if point.id != self._point_id:
                self._show_point(point)

    def _show_item(self, row: int, point_id: int | None) -> None:
        """Make agenda item ``row`` current; show ``point_id`` or its first open point."""
        self._item_row = max(row, 0)
        item = self.current_item()
        with self._quiet():
            self.agenda_model.set_current(row)
            if item is not None:
                index = self.agenda_model.index(row, 0)
                self.agenda_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.agenda_view.scrollTo(index)
                self.attendance_model.set_item(item.present, item.item.number)
            points = [self._points[p.decision.id] for p in item.points] if item else []
            self.points_model.set_points(points)
        chosen = next((p for p in points if p.id == point_id), None)
        if chosen is None:
            chosen = next((p for p in points if not p.closed), points[0] if points else None)
        self._show_point(chosen)

    def _show_point(self, point: PointRow | None) -> None:
        item = self.current_item()
        new_id = point.id if point is not None else None
        # The same point shown again (after a reload) keeps its member; another starts at the top.
        same = new_id == self._point_id and item is not None and item.index == self._shown_item
        person = self._current_person(self.grid, self.voting_model) if same else None
        self._point_id = new_id
        self._shown_item = item.index if item is not None else -1
        with self._quiet():
            if point is not None:
                row = self.points_model.row_of(point.id)
                if row is not None:
                    index = self.points_model.index(row, 0)
                    self.points_view.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    )
            entitled = point.entitled if point is not None else (item.entitled if item else ())
            presiding = self.live.meeting.presiding_person_id if self.live else None
            voters = [
                VoterRow(
                    m.person.id,
                    m.person.short_name(interface_language()),
                    m.role,
                    m.person.id == presiding,
                    point.ballots.get(m.person.id) if point is not None else None,
                    member_tooltip(m),
                )
                for m in (self.live.members if self.live else ())
                if m.person.id in entitled
            ]
            self.voting_model.set_voters(voters, closed=point is not None and point.closed)
            self.notes_model.set_point(point, self.person_label)
        self.grid_stack.setCurrentIndex(1 if point is not None and point.counts_only else 0)
        row = self.voting_model.row_of(person) if person is not None else None
        self._set_grid_row(row or 0)
        self._fit_columns()
        self._update_state()

    def person_label(self, person_id: int) -> str:
        """A person's name: members from the meeting, anyone else from the directory."""
        name = self._names.get(person_id)
        if name is None:
            found = next((p for p in list_people(self.db) if p.id == person_id), None)
            name = person_name(found) if found is not None else f"#{person_id}"
            self._names[person_id] = name
        return name

    @staticmethod
    def _current_person(view: QAbstractItemView, model: AttendanceModel | VotingModel) -> Any:
        index = view.currentIndex()
        if not index.isValid() or index.row() >= model.rowCount():
            return None
        return model.data(model.index(index.row(), 0), Qt.ItemDataRole.UserRole)

    def _select_person(
        self, view: QAbstractItemView, model: AttendanceModel | VotingModel, person_id: int
    ) -> None:
        row = model.row_of(person_id)
        if row is not None:
            view.setCurrentIndex(model.index(row, 1))

    def _set_grid_row(self, row: int) -> None:
        if 0 <= row < self.voting_model.rowCount():
            self.grid.setCurrentIndex(self.voting_model.index(row, 1))

    # -- labels and the status line ----------------------------------------------------------------
    def _title(self) -> str:
        if self.live is None:
            return _("Live meeting")
        meeting = self.live.meeting
        return _("Live meeting: No. {number} of {date}").format(
            number=meeting.number, date=short_date(meeting.day, interface_language())
        )

    def _update_state(self) -> None:
        """The labels, the status line and which actions apply, for the current item and point."""
        item = self.current_item()
        point = self.current_point()
        if item is None:
            self.item_title.setText(_("The agenda has no items."))
            self.quorum_label.setText("")
        else:
            self.item_title.setText(
                _("Item {number}. {title}").format(
                    number=item.item.number, title=item.item.title(interface_language())
                )
            )
            self.quorum_label.setText(
                _("Item {number}: {quorum}").format(
                    number=item.item.number, quorum=item.quorum.explain()
                )
            )
        self._update_result()
        open_point = point is not None and not point.closed
        has_item = item is not None
        self.new_point_action.setEnabled(has_item)
        self.close_action.setEnabled(open_point)
        self.reopen_action.setEnabled(point is not None and point.closed)
        self.dissent_action.setEnabled(point is not None)
        self.instruction_action.setEnabled(point is not None)
        self.remove_point_action.setEnabled(open_point)
        self.counts_mode_action.setEnabled(open_point)
        self.counts_mode_action.setChecked(point is not None and point.counts_only)
        self.enter_counts_action.setEnabled(open_point and point is not None and point.counts_only)
        self.counts_button.setEnabled(self.enter_counts_action.isEnabled())
        self.grid_heading.setText(self._grid_heading(point))

    def _update_headings(self) -> None:
        day = short_date(self.live.meeting.day, interface_language()) if self.live else ""
        self.attendance_heading.setText(
            _("Attendance (the composition on {date})").format(date=day)
        )

    def _grid_heading(self, point: PointRow | None) -> str:
        if point is None:
            return _("Voting")
        if point.counts_only:
            return _("Voting on point {number}: counts only").format(number=point.decision.number)
        presiding = self.live.presiding if self.live is not None else None
        if presiding is None:
            return _("Roll-call vote on point {number}").format(number=point.decision.number)
        return _("Roll-call vote on point {number} (presiding: {name})").format(
            number=point.decision.number, name=presiding.short_name(interface_language())
        )

    def _update_result(self) -> None:
        """The live result sentence of the current decision point (and the counts panel)."""
        point = self.current_point()
        if point is None:
            text = _("No decision point on this item yet: add one with Ctrl+N.")
        elif point.result is None:
            text = _("Point {number}: enter the counts of the show of hands.").format(
                number=point.decision.number
            )
        else:
            text = _("Point {number}: {result}").format(
                number=point.decision.number, result=point.result.explain()
            )
            if point.closed:
                closed = (
                    _("Voting closed without a quorum.")
                    if point.without_quorum
                    else _("Voting closed.")
                )
                text = f"{text} {closed}"
        self.result_label.setText(text)
        if point is not None and point.counts_only:
            self.counts_summary.setText(
                _(
                    "A show of hands is recorded as numbers, without names. Press the button "
                    "(Ctrl+K switches back to a roll call while nothing is recorded)."
                )
            )

    # -- refusals and the undo stack -------------------------------------------------------------
    def _refused(self, error: KenesError) -> None:
        self.refusals += 1
        show_refusal(self, error)

    def _try(self, action: Callable[[], R]) -> R | None:
        """Run a service action; show a refusal and return None when it is refused."""
        try:
            return action()
        except KenesError as exc:
            self._refused(exc)
            return None

    def _saved(self, action: Callable[[], object]) -> bool:
        """Run a structural action; on success reload and tell the Meetings page."""
        before = self.refusals
        self._try(action)
        if self.refusals != before:
            return False
        self.reload()
        self.changed.emit()
        return True

    def undo(self) -> None:
        with self._batched():
            self.undo_stack.undo()

    def redo(self) -> None:
        with self._batched():
            self.undo_stack.redo()

    # -- ballots -----------------------------------------------------------------------------------
    def vote(self, choice: Choice) -> None:
        """Record ``choice`` for the member selected in the grid, then select the next one."""
        point = self.current_point()
        row = self.grid.currentIndex().row()
        if point is None or not (0 <= row < self.voting_model.rowCount()):
            return
        voter = self.voting_model.voter(row)
        wanted = None if choice is Choice.DID_NOT_VOTE else choice
        if voter.choice is wanted:
            self._set_grid_row(row + 1)
            return
        before = self.refusals
        self.undo_stack.push(
            BallotCommand(
                self.db,
                self.actor,
                point.id,
                voter.person_id,
                choice,
                voter.choice,
                text=_("vote of {name}: {choice}").format(
                    name=voter.name, choice=choice_label(choice)
                ),
                on_change=self._ballot_changed,
                on_error=self._refused,
            )
        )
        if self.refusals == before:
            self._set_grid_row(row + 1)

    def _ballot_changed(self, change: VoteChange) -> None:
        """One ballot was saved (or undone): update its grid row, its point and the status line."""
        point = self._points.get(change.decision_point_id)
        if point is None or change.person_id is None:
            self.reload()
            return
        if point.id != self._point_id:
            # An undo or redo elsewhere: bring that point on screen first.
            row = next(
                (
                    r
                    for r, item in enumerate(self.live.items if self.live else ())
                    if any(p.decision.id == point.id for p in item.points)
                ),
                self._item_row,
            )
            self._show_item(row, point.id)
        if self.points_model.row_of(point.id) is not None:
            self.points_model.set_ballot(point.id, change.person_id, change.choice, change.result)
        grid_row = self.voting_model.set_choice(change.person_id, change.choice)
        if grid_row is not None:
            self._set_grid_row(grid_row)
        self._update_result()
        self.changed.emit()

    def _refuse_name_only(self, invited: InvitedInfo) -> None:
        """Someone invited by name only: no service can even be asked, so say the rule here."""
        source = self.live.profile.citation("substitution") if self.live else None
        self._refused(invited_cannot_vote(invited.display_name(interface_language()), source))

    def vote_for_invited(self, choice: Choice) -> None:
        """A vote for an invited person: the services refuse it with the rule, and we show it."""
        point = self.current_point()
        row = self.invited_view.currentIndex().row()
        if point is None or self.live is None or not (0 <= row < self.invited_model.rowCount()):
            return
        invited = self.invited_model.invited(row)
        if invited.person_id is None:
            self._refuse_name_only(invited)
            return
        self.undo_stack.push(
            BallotCommand(
                self.db,
                self.actor,
                point.id,
                invited.person_id,
                choice,
                None,
                text=_("vote of {name}: {choice}").format(
                    name=invited.display_name(interface_language()), choice=choice_label(choice)
                ),
                on_change=self._ballot_changed,
                on_error=self._refused,
            )
        )

    # -- attendance --------------------------------------------------------------------------------
    def _current_member(self) -> MemberLine | None:
        row = self.attendance_view.currentIndex().row()
        if not (0 <= row < self.attendance_model.rowCount()):
            return None
        return self.attendance_model.member(row)

    def _push_attendance(self, member: MemberLine, after: Presence, text: str) -> bool:
        if self.live is None:
            return False
        before = self.refusals
        self.undo_stack.push(
            AttendanceCommand(
                self.db,
                self.actor,
                self.meeting_id,
                member.person.id,
                Presence.of(member.attendance),
                after,
                [item.item.id for item in self.live.items],
                text=text,
                on_change=self._attendance_changed,
                on_error=self._refused,
            )
        )
        return self.refusals == before

    def _attendance_changed(self, person_id: int) -> None:
        if self._batch:
            self._dirty = True
        else:
            self.reload()
        self._select_person(self.attendance_view, self.attendance_model, person_id)
        self.changed.emit()

    def toggle_presence(self) -> None:
        """P: present <-> absent (without a reason; F2 gives one), then the next member."""
        member = self._current_member()
        if member is None:
            return
        name = person_name(member.person)
        row = self.attendance_view.currentIndex().row()
        if Presence.of(member.attendance).present:
            done = self._push_attendance(
                member, Presence(False), _("{name} absent").format(name=name)
            )
        else:
            done = self._push_attendance(
                member, Presence(True), _("{name} present").format(name=name)
            )
        if done and row + 1 < self.attendance_model.rowCount():
            self.attendance_view.setCurrentIndex(self.attendance_model.index(row + 1, 1))

    def mark_rest_present(self) -> None:
        """Everyone not marked yet is present: one undo step."""
        unmarked = [m for m in self.attendance_model_members() if m.attendance is None]
        if not unmarked:
            return
        with self._batched():
            self.undo_stack.beginMacro(_("the rest present"))
            for member in unmarked:
                self._push_attendance(
                    member,
                    Presence(True),
                    _("{name} present").format(name=person_name(member.person)),
                )
            self.undo_stack.endMacro()

    def attendance_model_members(self) -> list[MemberLine]:
        return [self.attendance_model.member(r) for r in range(self.attendance_model.rowCount())]

    def arrived(self) -> None:
        """R: the member arrived before the current item (again: present from the start)."""
        member, item = self._current_member(), self.current_item()
        if member is None or item is None:
            return
        current = Presence.of(member.attendance)
        index = item.index or None
        if current.present and current.arrived == index:
            index = None
        after = Presence(
            True,
            "",
            index,
            current.left if current.present else None,
            arrived_at=self._clock_now() if index is not None else None,
            left_at=current.left_at if current.present else None,
        )
        self._push_attendance(
            member,
            after,
            _("{name} arrived before item {number}").format(
                name=person_name(member.person), number=item.item.number
            ),
        )

    def _clock_now(self) -> time | None:
        """The time of an arrival or departure marked now, during the meeting on its day."""
        if self.live is None or self.live.meeting.day != date.today():
            return None  # recorded afterwards: the time is not known
        return datetime.now().time().replace(second=0, microsecond=0)

    def left(self) -> None:
        """L: the member left after the current item (again: stayed to the end)."""
        member, item = self._current_member(), self.current_item()
        if member is None or item is None:
            return
        current = Presence.of(member.attendance)
        if not current.present:
            # Only someone present can leave: the service says so.
            person_id = member.person.id
            self._try(
                lambda: record_departure(self.db, self.actor, self.meeting_id, person_id, None)
            )
            return
        index: int | None = item.index
        if current.left == index:
            index = None
        self._push_attendance(
            member,
            Presence(
                True,
                "",
                current.arrived,
                index,
                arrived_at=current.arrived_at,
                left_at=self._clock_now() if index is not None else None,
            ),
            _("{name} left after item {number}").format(
                name=person_name(member.person), number=item.item.number
            ),
        )

    def edit_absence(self) -> None:
        """F2 on the attendance: mark the member absent with a reason."""
        member = self._current_member()
        if member is None:
            return
        current = Presence.of(member.attendance)
        name = person_name(member.person)

        def submit(entry: AbsenceEntry) -> bool:
            target = Presence(
                False, kind=entry.kind, reasons=tuple(sorted(entry.reasons.items()))
            )
            return self._push_attendance(member, target, _("{name} absent").format(name=name))

        kind, reasons = (current.kind, dict(current.reasons)) if not current.present else ("", {})
        self._open(AbsenceDialog(submit, name, kind, reasons, self))

    def present_invited(self) -> None:
        """P on an invited person: they are not a member; the services refuse and say why."""
        row = self.invited_view.currentIndex().row()
        if not (0 <= row < self.invited_model.rowCount()):
            return
        invited = self.invited_model.invited(row)
        if invited.person_id is None:
            self._refuse_name_only(invited)
            return
        person_id = invited.person_id
        self._try(lambda: record_attendance(self.db, self.actor, self.meeting_id, person_id, True))

    # -- invited persons ---------------------------------------------------------------------------
    def invite(self) -> InvitedDialog | None:
        if self.live is None:
            return None
        people = [(p.id, person_name(p)) for p in list_people(self.db)]
        members = self.live.members
        not_present = [
            (m.person.id, person_name(m.person))
            for m in members
            if m.attendance is None or not m.attendance.present
        ]
        member_ids = {m.person.id for m in members}
        guests = [(pid, name) for pid, name in people if pid not in member_ids]

        def submit(data: InvitedData) -> bool:
            return self._saved(
                lambda: add_invited_person(self.db, self.actor, self.meeting_id, data)
            )

        dialog = InvitedDialog(submit, guests, not_present, self)
        self._open(dialog)
        return dialog

    def remove_invited(self) -> None:
        row = self.invited_view.currentIndex().row()
        if not (0 <= row < self.invited_model.rowCount()):
            return
        invited = self.invited_model.invited(row)
        question = _("Remove {name} from the invited persons?").format(
            name=invited.display_name(interface_language())
        )
        if ask(self, question):
            self._saved(lambda: remove_invited_person(self.db, self.actor, invited.id))

    # -- decision points ---------------------------------------------------------------------------
    def add_point(self) -> PointDialog | None:
        """Ctrl+N: the next numbered decision point of the current item."""
        item = self.current_item()
        if item is None:
            return None
        item_id = item.item.id

        def submit(entry: PointEntry) -> bool:
            mode = "counts" if entry.counts_only else "roll_call"
            created = self._try(
                lambda: add_decision_point(self.db, self.actor, item_id, entry.texts, mode)
            )
            if created is None:
                return False
            self._point_id = created.id
            self.reload()
            self.changed.emit()
            self.grid_stack_focus()
            return True

        dialog = PointDialog(submit, parent=self)
        self._open(dialog)
        return dialog

    def edit(self) -> QWidget | None:
        """F2: edit what the focus is on (an absence, a dissent or instruction, else the point)."""
        focus = self.focusWidget()
        if focus is self.attendance_view:
            self.edit_absence()
            opened: QWidget | None = self.dialog
            return opened
        if focus is self.notes_view:
            return self.edit_note()
        return self.edit_point()

    def edit_point(self) -> PointDialog | None:
        point = self.current_point()
        if point is None:
            return None
        point_id, was_counts = point.id, point.counts_only

        def submit(entry: PointEntry) -> bool:
            def save() -> None:
                update_decision_point(self.db, self.actor, point_id, entry.texts)
                if entry.counts_only != was_counts:
                    mode = "counts" if entry.counts_only else "roll_call"
                    set_voting_mode(self.db, self.actor, point_id, mode)

            return self._saved(save)

        dialog = PointDialog(submit, point.decision.texts, point.counts_only, self)
        self._open(dialog)
        return dialog

    def remove_point(self) -> None:
        point = self.current_point()
        if point is None:
            return
        question = _("Remove decision point {number}?").format(number=point.decision.number)
        if ask(self, question):
            point_id = point.id
            self._point_id = None
            self._saved(lambda: remove_decision_point(self.db, self.actor, point_id))

    def toggle_counts_mode(self) -> None:
        """Ctrl+K: roll call <-> counts only, while nothing is recorded on the point."""
        point = self.current_point()
        if point is None:
            return
        mode = "roll_call" if point.counts_only else "counts"
        point_id = point.id
        self._saved(lambda: set_voting_mode(self.db, self.actor, point_id, mode))
        self._update_state()

    def enter_counts(self) -> CountsDialog | None:
        point = self.current_point()
        if point is None or self.live is None or not point.counts_only:
            return None
        point_id = point.id
        tie_break = self.live.profile.tie_break
        counts = None
        if point.result is not None:
            counts = (point.result.for_, point.result.against, point.result.abstained)

        def submit(entry: CountsEntry) -> bool:
            casting = entry.casting_choice
            chair = tie_break.value == "chair"
            return self._saved(
                lambda: record_counts(
                    self.db,
                    self.actor,
                    point_id,
                    entry.for_,
                    entry.against,
                    entry.abstained,
                    presiding_choice=None if chair else casting,
                    chair_choice=casting if chair else None,
                )
            )

        dialog = CountsDialog(
            submit, present=len(point.entitled), tie_break=tie_break, counts=counts, parent=self
        )
        self._open(dialog)
        return dialog

    def add_instruction(self) -> InstructionDialog | None:
        point = self.current_point()
        if point is None:
            return None
        point_id = point.id

        def submit(data: InstructionData) -> bool:
            return self._saved(lambda: add_instruction(self.db, self.actor, point_id, data))

        dialog = InstructionDialog(submit, self._people(), parent=self)
        self._open(dialog)
        return dialog

    def _people(self) -> list[tuple[int, str]]:
        """Members first, then the rest of the directory."""
        members = (
            [(m.person.id, person_name(m.person)) for m in self.live.members] if self.live else []
        )
        ids = {pid for pid, _name in members}
        others = [(p.id, person_name(p)) for p in list_people(self.db) if p.id not in ids]
        return members + others

    # -- closing and reopening ---------------------------------------------------------------------
    def close_voting(self) -> None:
        """Ctrl+Enter: close the voting; without a quorum only after a confirmation."""
        point, item = self.current_point(), self.current_item()
        if point is None or item is None or point.closed:
            return
        point_id = point.id
        without_quorum = not item.quorum.has_quorum
        # The profile decides (quorum_loss): confirm "not considered", or the action refuses.
        profile = self.live.profile if self.live else None
        question = closing_question(profile, item.quorum, item.item.number) if profile else None
        if question is not None and not ask(self, question):
            return
        saved = self._saved(
            lambda: close_voting(self.db, self.actor, point_id, without_quorum=without_quorum)
        )
        if saved:
            # Carry on with the next open point of the item, if there is one.
            current = self.current_item()
            rows = [self._points[p.decision.id] for p in current.points] if current else []
            after = [p for p in rows if not p.closed and p.decision.number > point.decision.number]
            if after:
                self._show_point(after[0])

    def reopen_voting(self) -> ReopenDialog | None:
        point = self.current_point()
        if point is None or not point.closed:
            return None
        point_id = point.id

        def submit(reason: str) -> bool:
            return self._saved(lambda: reopen_voting(self.db, self.actor, point_id, reason))

        dialog = ReopenDialog(submit, point.decision.number, self)
        self._open(dialog)
        return dialog

    # -- dissenting opinions and instructions ------------------------------------------------------
    def add_dissent(self) -> DissentDialog | None:
        point = self.current_point()
        if point is None or self.live is None:
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
            for m in self.live.members
            if m.person.id in took_part
        ]
        selected = self._current_person(self.grid, self.voting_model)

        def submit(entry: DissentEntry) -> bool:
            person_id = entry.person_id
            if person_id is None:
                return False
            return self._saved(
                lambda: add_dissent(
                    self.db,
                    self.actor,
                    point_id,
                    person_id,
                    entry.text,
                    entry.language,
                    entry.received_on,
                )
            )

        dialog = DissentDialog(
            submit,
            voters,
            person_id=selected if selected in took_part else None,
            received_on=self.live.meeting.day,
            parent=self,
        )
        self._open(dialog)
        return dialog

    def edit_note(self) -> QWidget | None:
        row = self.notes_view.currentIndex().row()
        if not (0 <= row < self.notes_model.rowCount()):
            return None
        note = self.notes_model.note(row)
        if note.dissent is not None:
            dissent = note.dissent

            def save_dissent(entry: DissentEntry) -> bool:
                return self._saved(
                    lambda: update_dissent(
                        self.db, self.actor, dissent.id, entry.text, entry.language
                    )
                )

            dialog: QWidget = DissentDialog(
                save_dissent,
                [(dissent.person_id, self.person_label(dissent.person_id))],
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
                return self._saved(
                    lambda: update_instruction(self.db, self.actor, instruction.id, data)
                )

            dialog = InstructionDialog(save_instruction, self._people(), instruction, self)
        self._open(dialog)
        return dialog

    def remove_note(self) -> None:
        row = self.notes_view.currentIndex().row()
        if not (0 <= row < self.notes_model.rowCount()):
            return
        note = self.notes_model.note(row)
        if not ask(
            self, _("Remove this entry?\n\n{text}").format(text=self.notes_model.text(note))
        ):
            return
        if note.dissent is not None:
            dissent_id = note.dissent.id
            self._saved(lambda: remove_dissent(self.db, self.actor, dissent_id))
        elif note.instruction is not None:
            instruction_id = note.instruction.id
            self._saved(lambda: remove_instruction(self.db, self.actor, instruction_id))

    def _open(self, dialog: QWidget) -> None:
        """Open a dialog without blocking (tests fill it and accept it)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._dialog_gone)
        dialog.open()  # type: ignore[attr-defined]

    def _dialog_gone(self) -> None:
        self.dialog = None

    # -- keys --------------------------------------------------------------------------------------
    def _grid_key(self, event: QKeyEvent) -> bool:
        choice = vote_key(event)
        if choice is None:
            return False
        self.vote(choice)
        return True

    def _attendance_key(self, event: QKeyEvent) -> bool:
        if letter_key(event, Qt.Key.Key_P):
            self.toggle_presence()
        elif letter_key(event, Qt.Key.Key_R):
            self.arrived()
        elif letter_key(event, Qt.Key.Key_L):
            self.left()
        else:
            return False
        return True

    def _invited_key(self, event: QKeyEvent) -> bool:
        if letter_key(event, Qt.Key.Key_P):
            self.present_invited()
            return True
        if _plain(event) and event.key() == Qt.Key.Key_Delete:
            self.remove_invited()
            return True
        choice = vote_key(event)
        if choice is None or choice is Choice.DID_NOT_VOTE:
            return False
        self.vote_for_invited(choice)
        return True

    def _points_key(self, event: QKeyEvent) -> bool:
        if _plain(event) and event.key() == Qt.Key.Key_Delete:
            self.remove_point()
            return True
        if _plain(event) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.grid_stack_focus()
            return True
        return False

    def _agenda_key(self, event: QKeyEvent) -> bool:
        if _plain(event) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.grid_stack_focus()
            return True
        return False

    def _notes_key(self, event: QKeyEvent) -> bool:
        if _plain(event) and event.key() == Qt.Key.Key_Delete:
            self.remove_note()
            return True
        return False

    # -- language ----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title())
        self.agenda_heading.setText(_("Agenda"))
        self._update_headings()
        self.invited_heading.setText(_("Invited (not counted for the quorum, no vote)"))
        self.points_heading.setText(_("Decision points"))
        self.notes_heading.setText(_("Dissenting opinions and protocol instructions"))
        self.counts_button.setText(_("Enter the counts…"))
        self.help_label.setText(_(KEYS_HELP))
        tooltip = _(KEYS_TOOLTIP)
        self.help_label.setToolTip(tooltip)
        self.grid.setToolTip(tooltip)
        self.attendance_view.setToolTip(tooltip)
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
        }
        for action, text in texts.items():
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({shortcut})" if shortcut else text)
        self._undo_tooltips()
        for model in (
            self.agenda_model,
            self.attendance_model,
            self.invited_model,
            self.points_model,
            self.voting_model,
            self.notes_model,
        ):
            model.retranslate()
        if self.live is not None:
            self._update_state()
            self._fit_columns()
