"""The voting panel of the live meeting: the current item's decision points and their votes.

The decision points of the current agenda item are listed on top, the
roll-call grid (or the counts of a show of hands) of the current point under
them, and its dissenting opinions and protocol instructions at the bottom.
A ballot is an undoable step saved at once (:class:`BallotCommand`); it
updates the grid row and the point's row from the :class:`VoteChange` it
returns, without reading the meeting again.  Adding, editing, closing and
reopening are actions on record in their own right, each saved at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.quorum_loss import closing_question
from app.domain.voting import Choice
from app.i18n import _, interface_language
from app.services.conduct.decisions import (
    add_decision_point,
    remove_decision_point,
    set_voting_mode,
    update_decision_point,
)
from app.services.conduct.queries import ItemLine
from app.services.conduct.voting import VoteChange, close_voting, record_counts, reopen_voting
from app.views.form_widgets import ask
from app.views.live_meeting.commands import BallotCommand
from app.views.live_meeting.dialogs import (
    CountsDialog,
    CountsEntry,
    PointDialog,
    PointEntry,
    ReopenDialog,
)
from app.views.live_meeting.models import choice_label, member_tooltip
from app.views.live_meeting.notes import NotesBox
from app.views.live_meeting.state import LiveState
from app.views.live_meeting.views import (
    ENTER,
    KeyListView,
    KeyTableView,
    column,
    current_person,
    heading,
    plain_key,
    vote_key,
    wrap,
)
from app.views.live_meeting.voting_models import PointRow, PointsModel, VoterRow, VotingModel

# Widest the grid's columns grow when fitted (the name takes the rest; the vote is fixed).
COLUMN_LIMITS = {0: 60, 2: 200}
VOTE_WIDTH = 110


class VotingPanel(QWidget):
    """The decision points of the current item, the vote on the current one, its notes."""

    point_changed = Signal()  # another point is current, or its state changed
    result_changed = Signal()  # a ballot changed the current point's result, nothing else
    item_wanted = Signal(int, object)  # show agenda row int with decision point id (or None)

    def __init__(self, state: LiveState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("votingPanel")
        self.state = state
        self._updating = False
        self._shown_item = -1
        self.points_model = PointsModel(self)
        self.voting_model = VotingModel(self)

        self.item_title = heading("itemTitle")
        self.item_title.setWordWrap(True)
        self.points_heading = heading("pointsHeading")
        self.points_view = KeyListView(self._points_key)
        self.points_view.setObjectName("pointsView")
        self.points_view.setModel(self.points_model)
        self.points_view.setSpacing(1)
        self.points_view.selectionModel().currentRowChanged.connect(self._point_row_changed)
        self.grid_heading = heading("gridHeading")
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
        self.notes = NotesBox(state, self._selected_voter, self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(column(self.item_title, self.points_heading, self.points_view))
        splitter.addWidget(column(self.grid_heading, self.grid_stack, stretch=self.grid_stack))
        splitter.addWidget(self.notes)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 420, 110])
        wrap(splitter, self)
        state.voted.connect(self._ballot_changed)

    # -- showing ---------------------------------------------------------------------------------
    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Selection changes made by the panel itself do not re-enter it."""
        was, self._updating = self._updating, True
        try:
            yield
        finally:
            self._updating = was

    def show_item(self, item: ItemLine | None, point_id: int | None) -> None:
        """The points of ``item``; show ``point_id`` or its first open point."""
        points = self.state.item_points(item)
        with self._quiet():
            self.points_model.set_points(points)
        chosen = next((p for p in points if p.id == point_id), None)
        if chosen is None:
            chosen = next((p for p in points if not p.closed), points[0] if points else None)
        self.show_point(chosen)

    def _point_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._updating and current.isValid():
            point = self.points_model.point(current.row())
            if point.id != self.state.point_id:
                self.show_point(point)

    def show_point(self, point: PointRow | None) -> None:
        """Make ``point`` current: its voters in the grid (or its counts), its notes."""
        state = self.state
        item, live = state.current_item(), state.live
        new_id = point.id if point is not None else None
        # The same point shown again (after a reload) keeps its member; another starts at the top.
        same = new_id == state.point_id and item is not None and item.index == self._shown_item
        person = self._selected_voter() if same else None
        state.point_id = new_id
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
            presiding = live.meeting.presiding_person_id if live else None
            voters = [
                VoterRow(
                    m.person.id,
                    m.person.short_name(interface_language()),
                    m.role,
                    m.person.id == presiding,
                    point.ballots.get(m.person.id) if point is not None else None,
                    member_tooltip(m),
                )
                for m in (live.members if live else ())
                if m.person.id in entitled
            ]
            self.voting_model.set_voters(voters, closed=point is not None and point.closed)
            self.notes.show_point(point)
        self.grid_stack.setCurrentIndex(1 if point is not None and point.counts_only else 0)
        row = self.voting_model.row_of(person) if person is not None else None
        self._set_grid_row(row or 0)
        self.fit_columns()
        self.refresh_labels()

    def _selected_voter(self) -> int | None:
        person: int | None = current_person(self.grid, self.voting_model)
        return person

    def _set_grid_row(self, row: int) -> None:
        if 0 <= row < self.voting_model.rowCount():
            index = self.voting_model.index(row, 1)
            # A ballot's own row is current and selected already: selecting it again costs.
            if index != self.grid.currentIndex() or not self.grid.selectionModel().isSelected(
                index
            ):
                self.grid.setCurrentIndex(index)

    def fit_columns(self) -> None:
        """Numbers and roles fit their contents within limits; names take the rest."""
        for index, limit in COLUMN_LIMITS.items():
            self.grid.resizeColumnToContents(index)
            self.grid.setColumnWidth(index, min(self.grid.columnWidth(index), limit))
        self.grid.setColumnWidth(VotingModel.VOTE_COLUMN, VOTE_WIDTH)

    def grid_stack_focus(self) -> None:
        if self.grid_stack.currentIndex() == 0:
            self.grid.setFocus()
        else:
            self.counts_button.setFocus()

    def refresh_labels(self) -> None:
        """The item's title and the grid's heading; then the window follows the point."""
        item, point = self.state.current_item(), self.state.current_point()
        if item is None:
            self.item_title.setText(_("The agenda has no items."))
        else:
            self.item_title.setText(
                _("Item {number}. {title}").format(
                    number=item.item.number, title=item.item.title(interface_language())
                )
            )
        open_point = point is not None and not point.closed
        self.counts_button.setEnabled(open_point and point is not None and point.counts_only)
        self.grid_heading.setText(self._grid_heading(point))
        self.point_changed.emit()

    def _grid_heading(self, point: PointRow | None) -> str:
        if point is None:
            return _("Voting")
        if point.counts_only:
            return _("Voting on point {number}: counts only").format(number=point.decision.number)
        live = self.state.live
        presiding = live.presiding if live is not None else None
        if presiding is None:
            return _("Roll-call vote on point {number}").format(number=point.decision.number)
        return _("Roll-call vote on point {number} (presiding: {name})").format(
            number=point.decision.number, name=presiding.short_name(interface_language())
        )

    def retranslate_ui(self, keys_tooltip: str) -> None:
        self.points_heading.setText(_("Decision points"))
        self.counts_button.setText(_("Enter the counts…"))
        self.counts_summary.setText(
            _(
                "A show of hands is recorded as numbers, without names. Press the button "
                "(Ctrl+K switches back to a roll call while nothing is recorded)."
            )
        )
        self.grid.setToolTip(keys_tooltip)
        self.points_model.retranslate()
        self.voting_model.retranslate()
        self.notes.retranslate_ui()
        if self.state.live is not None:
            self.refresh_labels()
            self.fit_columns()

    # -- ballots ---------------------------------------------------------------------------------
    def vote(self, choice: Choice) -> None:
        """Record ``choice`` for the member selected in the grid, then select the next one."""
        point = self.state.current_point()
        row = self.grid.currentIndex().row()
        if point is None or not (0 <= row < self.voting_model.rowCount()):
            return
        voter = self.voting_model.voter(row)
        wanted = None if choice is Choice.DID_NOT_VOTE else choice
        if voter.choice is wanted:
            self._set_grid_row(row + 1)
            return
        done = self.state.push(
            BallotCommand(
                self.state.db,
                self.state.actor,
                point.id,
                voter.person_id,
                choice,
                voter.choice,
                text=_("vote of {name}: {choice}").format(
                    name=voter.name, choice=choice_label(choice)
                ),
                on_change=self.state.voted.emit,
                on_error=lambda error: self.state.refused(self, error),
            )
        )
        if done:
            self._set_grid_row(row + 1)

    def _ballot_changed(self, change: VoteChange) -> None:
        """One ballot was saved (or undone): update its grid row, its point and the status line."""
        point = self.state.points.get(change.decision_point_id)
        if point is None or change.person_id is None:
            self.state.stale.emit()
            return
        if point.id != self.state.point_id:
            # An undo or redo elsewhere: bring that point on screen first.
            row = self.state.row_of_point(point.id)
            self.item_wanted.emit(self.state.item_row if row is None else row, point.id)
        if self.points_model.row_of(point.id) is not None:
            self.points_model.set_ballot(point.id, change.person_id, change.choice, change.result)
        grid_row = self.voting_model.set_choice(change.person_id, change.choice)
        if grid_row is not None:
            self._set_grid_row(grid_row)
        self.result_changed.emit()
        self.state.recorded(self)

    # -- decision points -------------------------------------------------------------------------
    def add_point(self) -> PointDialog | None:
        """Ctrl+N: the next numbered decision point of the current item."""
        item, state = self.state.current_item(), self.state
        if item is None:
            return None
        item_id = item.item.id

        def submit(entry: PointEntry) -> bool:
            mode = "counts" if entry.counts_only else "roll_call"
            created = state.attempt(
                self, lambda: add_decision_point(state.db, state.actor, item_id, entry.texts, mode)
            )
            if created is None:
                return False
            state.point_id = created.id
            state.stale.emit()
            state.saved.emit()
            self.grid_stack_focus()
            return True

        dialog = PointDialog(submit, parent=self)
        state.open(dialog)
        return dialog

    def edit_point(self) -> PointDialog | None:
        point, state = self.state.current_point(), self.state
        if point is None:
            return None
        point_id, was_counts = point.id, point.counts_only

        def submit(entry: PointEntry) -> bool:
            def save() -> None:
                update_decision_point(state.db, state.actor, point_id, entry.texts)
                if entry.counts_only != was_counts:
                    mode = "counts" if entry.counts_only else "roll_call"
                    set_voting_mode(state.db, state.actor, point_id, mode)

            return state.save(self, save)

        dialog = PointDialog(submit, point.decision.texts, point.counts_only, self)
        state.open(dialog)
        return dialog

    def remove_point(self) -> None:
        point, state = self.state.current_point(), self.state
        if point is None:
            return
        question = _("Remove decision point {number}?").format(number=point.decision.number)
        if ask(self, question):
            point_id = point.id
            state.point_id = None
            state.save(self, lambda: remove_decision_point(state.db, state.actor, point_id))

    def toggle_counts_mode(self) -> None:
        """Ctrl+K: roll call <-> counts only, while nothing is recorded on the point."""
        point, state = self.state.current_point(), self.state
        if point is None:
            return
        mode = "roll_call" if point.counts_only else "counts"
        point_id = point.id
        state.save(self, lambda: set_voting_mode(state.db, state.actor, point_id, mode))
        self.refresh_labels()

    def enter_counts(self) -> CountsDialog | None:
        point, state = self.state.current_point(), self.state
        if point is None or state.live is None or not point.counts_only:
            return None
        point_id = point.id
        tie_break = state.live.profile.tie_break
        counts = None
        if point.result is not None:
            counts = (point.result.for_, point.result.against, point.result.abstained)

        def submit(entry: CountsEntry) -> bool:
            casting = entry.casting_choice
            chair = tie_break.value == "chair"
            return state.save(
                self,
                lambda: record_counts(
                    state.db,
                    state.actor,
                    point_id,
                    entry.for_,
                    entry.against,
                    entry.abstained,
                    presiding_choice=None if chair else casting,
                    chair_choice=casting if chair else None,
                ),
            )

        dialog = CountsDialog(
            submit, present=len(point.entitled), tie_break=tie_break, counts=counts, parent=self
        )
        state.open(dialog)
        return dialog

    # -- closing and reopening -------------------------------------------------------------------
    def close_voting(self) -> None:
        """Ctrl+Enter: close the voting; without a quorum only after a confirmation."""
        state = self.state
        point, item = state.current_point(), state.current_item()
        if point is None or item is None or point.closed:
            return
        point_id = point.id
        without_quorum = not item.quorum.has_quorum
        # The profile decides (quorum_loss): confirm "not considered", or the action refuses.
        profile = state.live.profile if state.live else None
        question = closing_question(profile, item.quorum, item.item.number) if profile else None
        if question is not None and not ask(self, question):
            return
        saved = state.save(
            self,
            lambda: close_voting(state.db, state.actor, point_id, without_quorum=without_quorum),
        )
        if saved:
            # Carry on with the next open point of the item, if there is one.
            rows = state.item_points(state.current_item())
            after = [p for p in rows if not p.closed and p.decision.number > point.decision.number]
            if after:
                self.show_point(after[0])

    def reopen_voting(self) -> ReopenDialog | None:
        point, state = self.state.current_point(), self.state
        if point is None or not point.closed:
            return None
        point_id = point.id

        def submit(reason: str) -> bool:
            return state.save(self, lambda: reopen_voting(state.db, state.actor, point_id, reason))

        dialog = ReopenDialog(submit, point.decision.number, self)
        state.open(dialog)
        return dialog

    # -- keys ------------------------------------------------------------------------------------
    def _grid_key(self, event: QKeyEvent) -> bool:
        choice = vote_key(event)
        if choice is None:
            return False
        self.vote(choice)
        return True

    def _points_key(self, event: QKeyEvent) -> bool:
        if plain_key(event, Qt.Key.Key_Delete):
            self.remove_point()
            return True
        if plain_key(event, *ENTER):
            self.grid_stack_focus()
            return True
        return False
