"""The Meetings page: the meetings of every council, their state, deadlines and agenda.

Filters (council, year, state, kind) choose what the list shows; the list
(:class:`MeetingListModel`) gives each meeting's date, council, number, kind,
state, presiding person, the materials deadline with its countdown, and its
warnings, coloured when materials are overdue or due soon.  A banner names
the councils behind their regulation's minimum number of sessions a year
(:class:`RegulationBanner`).

The tool bar (:class:`MeetingToolbar`) runs the meeting's actions
(:class:`MeetingCommands`), each enabled only in the states that allow it; a
disabled one says why in its tool tip, and the status bar says why the
selected meeting's next step cannot be done yet, in the domain's words.  The
actions: plan, edit, approve the agenda, notify the members (the notice PDF
and the ``.ics`` invitations saved into a folder), mark held, close,
postpone, re-plan, cancel, preview and print the notice, and open the live
meeting (:attr:`MeetingsPage.open_live`, connected by the main window).
Below the list, :class:`AgendaEditor` shows the chosen meeting's agenda.

Keyboard (while the page has the focus): Ctrl+N plan a meeting, Ctrl+E edit
the meeting (or plan a postponed one again), Ctrl+L open the live meeting,
Ctrl+P preview and print the notice, F5 reload.

A 15-year archive has 2,000 meetings, and a line of the list costs about 100 µs of
Python (its countdowns on the work calendar, its warnings): the page reads every
matching meeting's id and date (:func:`meeting_keys`, sorted in SQL, so clicking a
column header sorts the whole list) and the model builds the lines a page at a time as
they are shown (:meth:`MeetingListModel.set_keys`).  The count above the list says how
many meetings match.  The page loads its list when built and again when shown after
being hidden (another page may have changed the meetings), not twice when first opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QSplitter,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.conduct import CONDUCT_STATES
from app.domain.errors import KenesError
from app.domain.meeting import (
    MeetingKind,
    MeetingState,
)
from app.i18n import _, interface_language
from app.services.base import Actor
from app.services.council_minimum import council_alerts
from app.services.councils import list_councils
from app.services.handles import Database
from app.services.meeting_queries import (
    MeetingKey,
    MeetingOrder,
    MeetingRow,
    meeting_detail,
    meeting_keys,
    meeting_rows,
    meeting_years,
)
from app.services.meetings.common import MeetingInfo
from app.views.agenda_editor import AgendaEditor, SettingsStore
from app.views.column_fit import ColumnFit
from app.views.meeting_commands import MeetingCommands
from app.views.meeting_filters import MeetingFilters
from app.views.meeting_toolbar import MeetingToolbar
from app.views.meetings_banner import RegulationBanner
from app.views.meetings_models import MeetingListModel, nearest_row
from app.views.operations import Record, follow, run
from app.views.paged_model import fit_columns
from app.views.retranslate import Retranslatable
from app.views.role_gate import gate

# Widest a column grows when fitted to its contents (the tool tips show the whole text).
MAX_COLUMN_WIDTH = 240
COLUMN_LIMITS = {MeetingListModel.COUNCIL: 220, MeetingListModel.PRESIDING: 200}
# States in which the live meeting screen records attendance and votes.
LIVE_STATES = CONDUCT_STATES
# What the list shows: a change of these on another view reloads it.
SHOWN_RECORDS = frozenset({Record.COUNCILS, Record.COMPOSITION, Record.MEETINGS, Record.AGENDA})


def prepare_reads(db: Database, today: date | None = None) -> None:
    """Read once what the page reads when first built, its filters as a fresh page has them.

    Run by :class:`~app.views.page_preparer.PagePreparer` on a worker thread, in read-only
    sessions of its own, before the page is first opened: SQLAlchemy compiles each
    statement the first time it runs on an engine and keeps it in the engine's cache, so
    the first click only runs them (about 50 ms less on the 15-year archive).  Nothing
    read is kept; no widget is touched.
    """
    day = today or date.today()
    list_councils(db)
    meeting_years(db)
    keys = meeting_keys(db, lang=interface_language())
    council_alerts(db, council_id=None, year=day.year, today=day)
    row = nearest_row([key.day for key in keys], day)
    if row < 0:
        return
    first = row - row % MeetingListModel.page_size
    page = keys[first : first + MeetingListModel.page_size]
    meeting_rows(db, [key.id for key in page], today=day)
    meeting_detail(db, keys[row].id, today=day)


class MeetingsPage(Retranslatable, QWidget):
    """Meetings of the councils, their actions, and the agenda of the selected one."""

    open_live = Signal(int)  # the meeting id: open the live meeting window

    def __init__(
        self,
        db: Database,
        actor: Actor,
        settings_store: SettingsStore | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsPage")
        self._db = db
        self._actor = actor
        self._clock = clock
        self._stale = True  # reload when shown: nothing loaded yet, or hidden since
        self._on_screen = False
        self._loading = False
        self.status_text = ""
        self.commands = MeetingCommands(self, self, db, actor, clock, now)
        self.header = MeetingFilters(db, clock)
        # The filters by their old names (the main window and the tests use them).
        self.council_filter = self.header.council_filter
        self.year_filter = self.header.year_filter
        self.state_filter = self.header.state_filter
        self.kind_filter = self.header.kind_filter
        self.count_label = self.header.count_label
        self.title = self.header.title
        self.banner = RegulationBanner(db, clock, self)
        self.toolbar = MeetingToolbar(self)
        self._connect_toolbar()
        gate().changed.connect(self._show_possible)  # a sign-in: the roles' reasons again
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(lambda _checked=False: self.refresh())
        self.addAction(self.refresh_action)
        self._build_table()
        self.agenda = AgendaEditor(db, actor, settings_store, clock=clock)
        self.agenda.changed.connect(self._agenda_changed)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.toolbar)
        top_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.agenda)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([230, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.header.changed.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._double_clicked)
        # Another view changed what the list shows: reload now if on screen, else when shown.
        follow(self, SHOWN_RECORDS, lambda _changes: self.refresh())
        self.retranslate_ui()
        self.refresh()

    def _connect_toolbar(self) -> None:
        bar, commands = self.toolbar, self.commands
        bar.run_on(bar.plan_action, commands.plan_meeting)
        bar.run_on(bar.edit_action, commands.edit_meeting)
        bar.run_on(bar.approve_action, commands.approve_agenda)
        bar.run_on(bar.notify_action, commands.notify_members)
        bar.run_on(bar.live_action, self.open_live_meeting)
        bar.run_on(bar.held_action, commands.mark_held)
        bar.run_on(bar.close_action, commands.close_meeting)
        bar.run_on(bar.postpone_action, commands.postpone_meeting)
        bar.run_on(bar.replan_action, commands.replan_meeting)
        bar.run_on(bar.cancel_action, commands.cancel_meeting)
        bar.run_on(bar.preview_action, commands.preview_notice)
        bar.run_on(bar.history_action, self.show_history)

    def show_history(self) -> QWidget | None:
        """The review in the selected meeting's history (app/views/meeting_history.py)."""
        from app.views.meeting_history import show_meeting_history
        from app.views.meetings_wording import meeting_title, meeting_when

        meeting = self.selected_meeting()
        if meeting is None:
            return None
        title = f"{meeting_title(meeting)}, {meeting_when(meeting)}"
        return show_meeting_history(self, self._db, meeting.id, title)

    def _build_table(self) -> None:
        self.model = MeetingListModel(self)
        self.table = QTableView()
        self.table.setObjectName("meetingsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Sorting by a column sorts every matching meeting in SQL (the model asks the page).
        self.model.set_sorter(self._sorted_keys)
        header.setSortIndicator(MeetingListModel.DATE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        # Council names, kinds, states and names are elided rather than run past the edge.
        self.fit = ColumnFit(
            self.table,
            (
                MeetingListModel.COUNCIL,
                MeetingListModel.KIND,
                MeetingListModel.STATE,
                MeetingListModel.PRESIDING,
                MeetingListModel.MATERIALS,
            ),
        )

    # -- filters and the list ----------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        """The filters in force, as :func:`meeting_keys` takes them."""
        return self.header.filters()

    def set_filters(
        self,
        *,
        council_id: int | None = None,
        year: int | None = None,
        state: MeetingState | None = None,
        kind: MeetingKind | None = None,
    ) -> None:
        """Choose every filter at once and reload the list once."""
        self.header.set_values(council_id, year, state, kind)
        self.refresh()

    def refresh(self) -> None:
        """Reload the councils, the meetings and the warnings, keeping the selected meeting.

        Only the meetings' ids and dates are read for the whole list; the lines are built
        as the table shows them.
        """
        current = self._selected_id()
        today = self._clock()
        self._stale = False
        keys = run(self, lambda: self._read_keys(today)) or []
        self.model.set_keys(keys, partial(self._load_rows, today))
        wanted = self.filters()
        self.banner.set_scope(wanted["council_id"], wanted["year"])
        self.header.show_count(self.model.rowCount())
        row = self.model.find(current) if current is not None else -1
        hint = QAbstractItemView.ScrollHint.EnsureVisible
        if row < 0:
            row = self.model.nearest_row(today)
            hint = QAbstractItemView.ScrollHint.PositionAtCenter
        self._fit_columns(max(row, 0))
        if row >= 0:
            self._loading = True
            try:
                self.table.selectRow(row)
            finally:
                self._loading = False
            self.table.scrollTo(self.model.index(row, 0), hint)
        self._selection_changed()

    def _read_keys(self, today: date) -> list[MeetingKey]:
        """The filters' choices and the meetings they let through (sorted)."""
        self.header.reload_choices()
        return meeting_keys(
            self._db,
            **self.filters(),
            order=self.model.sort_order,
            descending=self.model.descending,
            lang=interface_language(),
        )

    def _load_rows(self, today: date, meeting_ids: Sequence[int]) -> Sequence[MeetingRow]:
        """The lines the table is about to show (the model asks a page at a time)."""
        try:
            return meeting_rows(self._db, meeting_ids, today=today)
        except KenesError:
            # Asked while painting: no dialog here; the lines stay empty until F5.
            return []

    def _sorted_keys(self, order: MeetingOrder, descending: bool) -> Sequence[MeetingKey]:
        """Every meeting the filters let through, sorted (in SQL) as the user asked."""
        keys = run(
            self,
            lambda: meeting_keys(
                self._db,
                **self.filters(),
                order=order,
                descending=descending,
                lang=interface_language(),
            ),
        )
        return keys if keys is not None else self.model.keys()

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        """Columns computed in Python (materials due, warnings) do not sort: keep the order."""
        if column in MeetingListModel.SORT_ORDERS:
            return
        header = self.table.horizontalHeader()
        blocked = header.blockSignals(True)
        try:
            header.setSortIndicator(*self.model.sort_indicator())
        finally:
            header.blockSignals(blocked)

    def _fit_columns(self, row: int | None = None) -> None:
        """Fit the columns to the meetings around ``row`` (the selected one by default).

        Long council and person names are elided (the tool tips have the whole text); the
        last column (warnings) takes the room left.
        """
        if row is None:
            selected = self.table.selectionModel().selectedRows()
            row = selected[0].row() if selected else 0
        fit_columns(
            self.table,
            self.model,
            row,
            range(self.model.columnCount() - 1),
            COLUMN_LIMITS,
            MAX_COLUMN_WIDTH,
        )
        self.fit.fitted()

    def banner_text(self) -> str:
        return self.banner.text_shown()

    def selected_meeting(self) -> MeetingInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        line = self.model.line(rows[0].row())
        return line.meeting if line is not None else None

    def _selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.meeting_id(rows[0].row()) if rows else None

    def select_meeting(self, meeting_id: int) -> bool:
        """Select the meeting and scroll to it (as the search panel's "open meeting" asks).

        A meeting anywhere in the list is found, its line loaded if it was not yet; one
        the filters hide is shown by clearing the filters.  False: there is no such meeting.
        """
        if self._select(meeting_id):
            return True
        if any(value is not None for value in self.filters().values()):
            self.set_filters()
            return self._select(meeting_id)
        return False

    def _select(self, meeting_id: int) -> bool:
        row = self.model.find(meeting_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def meeting_numbers(self) -> list[int]:
        """The numbers of the meetings listed, in order (for tests; loads every line)."""
        return [row.meeting.number for row in self.model.rows()]

    def row_texts(self, row: int) -> list[str]:
        return [
            str(self.model.data(self.model.index(row, column)))
            for column in range(self.model.columnCount(QModelIndex()))
        ]

    def _selection_changed(self) -> None:
        if self._loading:
            return
        meeting = self._show_possible()
        self.agenda.set_meeting(meeting.id if meeting is not None else None)

    def _show_possible(self) -> MeetingInfo | None:
        """Enable the selected meeting's actions; say why its next step cannot be done yet."""
        meeting = self.selected_meeting()
        self.status_text = self.toolbar.show_possible(meeting)
        bar = self._status_bar()
        if bar is not None and self.isVisible():
            if self.status_text:
                bar.showMessage(self.status_text)
            else:
                bar.clearMessage()
        return meeting

    def _status_bar(self) -> QStatusBar | None:
        """The main window's status bar (None: the page is shown on its own, as in tests)."""
        window = self.window()
        return window.statusBar() if isinstance(window, QMainWindow) else None

    def chosen_council(self) -> int | None:
        """The council the filter chose (the one a new meeting is planned for)."""
        value = self.council_filter.value()
        return int(value) if value is not None else None

    def _agenda_changed(self) -> None:
        """An agenda change may take the meeting back to "planned": reload the list."""
        meeting_id = self._selected_id()
        self.refresh()
        if meeting_id is not None:
            self._select(meeting_id)

    def show_changed(self, result: object = None) -> None:
        """After an action: reload, and select the meeting it returned (planned, changed...)."""
        meeting = result if isinstance(result, MeetingInfo) else getattr(result, "meeting", None)
        self.refresh()
        if isinstance(meeting, MeetingInfo):
            self._select(meeting.id)
        self.agenda.refresh()

    def _double_clicked(self, _index: QModelIndex) -> None:
        """Edit (a postponed meeting: plan again), as the tool bar's Edit… does; where that is
        disabled, by the meeting's state or the account's roles, the status bar says why."""
        meeting = self.selected_meeting()
        if meeting is None:
            return
        postponed = meeting.state is MeetingState.POSTPONED
        action = self.toolbar.replan_action if postponed else self.toolbar.edit_action
        if not action.isEnabled():
            bar = self._status_bar()
            if bar is not None:
                bar.showMessage(self.toolbar.reason(action))
            return
        if postponed:
            self.commands.replan_meeting()
        else:
            self.commands.edit_meeting()

    def open_live_meeting(self) -> bool:
        meeting = self.selected_meeting()
        if meeting is None or meeting.state not in LIVE_STATES:
            return False
        self.open_live.emit(meeting.id)
        return True

    # -- showing again -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Councils and meetings may have changed on another page: reload when shown again.

        The page loads its list when built; shown right after, it does not load it twice.
        """
        super().showEvent(event)
        if not event.spontaneous():
            if self._stale:
                self.refresh()
            self._on_screen = True
            self._show_possible()  # the status bar speaks of this page's meeting again

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden after being on screen: reload when shown again.

        (A layout hides a page it is given before it was ever shown: that does not count.)
        """
        super().hideEvent(event)
        if not event.spontaneous() and self._on_screen:
            self._on_screen = False
            self._stale = True
            # Another page is shown: its status bar does not speak of this page's meeting.
            bar = self._status_bar()
            if bar is not None and self.status_text and bar.currentMessage() == self.status_text:
                bar.clearMessage()

    # -- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.header.retranslate_ui()
        self.toolbar.retranslate_ui()
        self.refresh_action.setText(_("Reload"))
        self.model.retranslate()
        if self.model.rowCount():
            if self.model.sort_order in (MeetingOrder.COUNCIL, MeetingOrder.PRESIDING):
                self.refresh()  # names sort differently in another language
            else:
                self._fit_columns()
        self.banner.retranslate_ui()
        self.header.show_count(self.model.rowCount())
        if not self._loading:
            self._show_possible()  # the reasons and the status text in the new language
