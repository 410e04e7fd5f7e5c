"""The Meetings page: the meetings of every council, their state, deadlines and agenda.

Filters (council, year, state, kind) choose what the list shows; the list
(:class:`MeetingListModel`) gives each meeting's date, council, number, kind,
state, presiding person, the materials deadline with its countdown, and its
warnings, coloured when materials are overdue or due soon.  A banner names
the councils behind their regulation's minimum number of sessions a year
(``council_alerts``).

The tool bar runs the meeting's actions, each enabled only in the states that
allow it (:func:`app.domain.meeting.allowed_actions`): plan, edit, approve
the agenda, notify the members (the notice PDF and the ``.ics`` invitations
saved into a folder), mark held, close, postpone, re-plan, cancel, and open
the live meeting (:attr:`MeetingsPage.open_live`, connected by the main
window).  Below the list, :class:`AgendaEditor` shows the chosen meeting's
agenda.

Keyboard (while the page has the focus): Ctrl+N plan a meeting, Ctrl+E edit
the meeting (or plan a postponed one again), Ctrl+L open the live meeting,
F5 reload.

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
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QStyle,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.domain.meeting import (
    MEETING_KIND_LABELS,
    MEETING_STATE_LABELS,
    MeetingAction,
    MeetingKind,
    MeetingState,
    allowed_actions,
)
from app.formatting import format_number
from app.i18n import N_, _, interface_language, ngettext
from app.services.base import Actor
from app.services.conduct.common import CONDUCT_STATES
from app.services.councils import list_councils
from app.services.handles import Database
from app.services.meeting_queries import (
    CouncilAlert,
    MeetingKey,
    MeetingOrder,
    MeetingRow,
    council_alerts,
    meeting_keys,
    meeting_rows,
    meeting_years,
)
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.cancel_meeting import cancel_meeting
from app.services.meetings.close_meeting import close_meeting
from app.services.meetings.common import MeetingInfo, StateChange
from app.services.meetings.mark_held import mark_held
from app.services.meetings.postpone_meeting import postpone_meeting
from app.views.agenda_editor import AgendaEditor, SettingsStore
from app.views.form_widgets import ChoiceCombo, Label, Texts, ask
from app.views.meeting_dialog import (
    MeetingDialog,
    NoticeSaved,
    NotifiedDialog,
    NotifyDialog,
    ReasonDialog,
    council_name,
)
from app.views.meetings_models import MeetingListModel, alert_text, meeting_title
from app.views.operations import MEETINGS, Record, follow, run
from app.views.paged_model import fit_columns
from app.views.retranslate import Retranslatable

BANNER_STYLE = "background:#fff3cd; color:#664d03; padding:6px; border-radius:3px;"

STATE_CHOICES: list[tuple[Any, Label]] = [(None, N_("All states"))] + [
    (state, MEETING_STATE_LABELS[state]) for state in MeetingState
]
KIND_CHOICES: list[tuple[Any, Label]] = [(None, N_("All kinds"))] + [
    (kind, MEETING_KIND_LABELS[kind]) for kind in MeetingKind
]
# Widest a column grows when fitted to its contents (the tool tips show the whole text).
MAX_COLUMN_WIDTH = 240
COLUMN_LIMITS = {MeetingListModel.COUNCIL: 220, MeetingListModel.PRESIDING: 200}
# States in which the live meeting screen records attendance and votes.
LIVE_STATES = CONDUCT_STATES
# What the list shows: a change of these on another view reloads it.
SHOWN_RECORDS = frozenset({Record.COUNCILS, Record.COMPOSITION, Record.MEETINGS, Record.AGENDA})


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
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsPage")
        self._db = db
        self._actor = actor
        self._clock = clock
        self._alerts: list[CouncilAlert] = []
        self._stale = True  # reload when shown: nothing loaded yet, or hidden since
        self._on_screen = False
        self.notice_folder: Path | None = None
        self.last_notified: NotifiedDialog | None = None
        self.texts = Texts()

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)

        self.council_filter = ChoiceCombo()
        self.council_filter.setObjectName("councilFilter")
        self.council_filter.setMinimumContentsLength(28)
        self.year_filter = ChoiceCombo()
        self.year_filter.setObjectName("yearFilter")
        self.state_filter = ChoiceCombo(STATE_CHOICES)
        self.state_filter.setObjectName("stateFilter")
        self.kind_filter = ChoiceCombo(KIND_CHOICES)
        self.kind_filter.setObjectName("kindFilter")
        for combo in (self.year_filter, self.state_filter, self.kind_filter):
            combo.setSizeAdjustPolicy(ChoiceCombo.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel()
        self.count_label.setObjectName("meetingsCount")
        header_row = QHBoxLayout()
        header_row.addWidget(self.title)
        header_row.addSpacing(12)
        header_row.addWidget(self.count_label)
        header_row.addStretch(1)
        for label, combo in (
            (N_("Council"), self.council_filter),
            (N_("Year"), self.year_filter),
            (N_("State"), self.state_filter),
            (N_("Kind"), self.kind_filter),
        ):
            header_row.addSpacing(6)
            header_row.addWidget(self.texts.label(label))
            header_row.addWidget(combo)

        self.banner = QLabel()
        self.banner.setObjectName("minimumBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("meetingsToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons = QStyle.StandardPixmap
        self.plan_action = self._action(icons.SP_FileDialogNewFolder, self.plan_meeting, "Ctrl+N")
        self.edit_action = self._action(
            icons.SP_FileDialogDetailedView, self.edit_meeting, "Ctrl+E"
        )
        self.toolbar.addSeparator()
        self.approve_action = self._action(icons.SP_DialogApplyButton, self.approve_agenda)
        self.notify_action = self._action(icons.SP_MessageBoxInformation, self.notify_members)
        self.live_action = self._action(icons.SP_MediaPlay, self.open_live_meeting, "Ctrl+L")
        self.held_action = self._action(icons.SP_DialogYesButton, self.mark_held)
        self.toolbar.addSeparator()
        # The rarer moves wait in a menu, so the tool bar fits a laptop's width.
        self.close_action = self._action(icons.SP_DialogSaveButton, self.close_meeting, menu=True)
        self.postpone_action = self._action(icons.SP_MediaPause, self.postpone_meeting, menu=True)
        self.replan_action = self._action(icons.SP_BrowserReload, self.replan_meeting, menu=True)
        self.cancel_action = self._action(
            icons.SP_DialogCancelButton, self.cancel_meeting, menu=True
        )
        self.more_menu = QMenu(self)
        self.more_menu.setObjectName("meetingMoreMenu")
        for action in (
            self.close_action,
            self.postpone_action,
            self.replan_action,
            self.cancel_action,
        ):
            self.more_menu.addAction(action)
        self.more_button = QToolButton()
        self.more_button.setObjectName("meetingMoreButton")
        self.more_button.setIcon(self.style().standardIcon(icons.SP_ToolBarVerticalExtensionButton))
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(self.more_menu)
        self.toolbar.addWidget(self.more_button)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(lambda _checked=False: self.refresh())
        self.addAction(self.refresh_action)

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
        layout.addLayout(header_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self._loading = False
        for combo in (self.council_filter, self.year_filter, self.state_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._double_clicked)
        # Another view changed what the list shows: reload now if on screen, else when shown.
        follow(self, SHOWN_RECORDS, lambda _changes: self.refresh())
        self.retranslate_ui()
        self.refresh()

    def _action(
        self,
        icon: QStyle.StandardPixmap,
        slot: Callable[[], object],
        shortcut: str = "",
        *,
        menu: bool = False,
    ) -> QAction:
        """An action of the tool bar (or, with ``menu``, of the "More" menu)."""
        action = QAction(self.style().standardIcon(icon), "", self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        if not menu:
            self.toolbar.addAction(action)
        return action

    # -- filters and the list ----------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        """The filters in force, as :func:`meeting_keys` takes them."""
        state = self.state_filter.value()
        kind = self.kind_filter.value()
        return {
            "council_id": self.council_filter.value(),
            "year": self.year_filter.value(),
            "states": None if state is None else (state,),
            "kinds": None if kind is None else (kind,),
        }

    def set_filters(
        self,
        *,
        council_id: int | None = None,
        year: int | None = None,
        state: MeetingState | None = None,
        kind: MeetingKind | None = None,
    ) -> None:
        """Choose every filter at once and reload the list once."""
        self._loading = True
        try:
            self.council_filter.set_value(council_id)
            self.year_filter.set_value(year)
            self.state_filter.set_value(state)
            self.kind_filter.set_value(kind)
        finally:
            self._loading = False
        self.refresh()

    def _filter_changed(self) -> None:
        if not self._loading:
            self.refresh()

    def _reload_filter_choices(self, wanted: dict[str, Any]) -> None:
        """The councils, and the years that have meetings passing the other filters."""
        self._loading = True
        try:
            councils = list_councils(self._db)
            self.council_filter.set_choices(
                [(None, N_("All councils"))] + [(c.id, partial(council_name, c)) for c in councils]
            )
            years = set(
                meeting_years(
                    self._db,
                    council_id=wanted["council_id"],
                    states=wanted["states"],
                    kinds=wanted["kinds"],
                )
            )
            years.add(self._clock().year)
            chosen = self.year_filter.value()
            if chosen is not None:
                years.add(chosen)
            self.year_filter.set_choices(
                [(None, N_("All years"))]
                + [(year, partial(str, year)) for year in sorted(years, reverse=True)]
            )
        finally:
            self._loading = False

    def refresh(self) -> None:
        """Reload the councils, the meetings and the warnings, keeping the selected meeting.

        Only the meetings' ids and dates are read for the whole list; the lines are built
        as the table shows them.
        """
        current = self._selected_id()
        today = self._clock()
        self._alerts = []
        self._stale = False
        keys = run(self, lambda: self._read_keys(today)) or []
        self.model.set_keys(keys, partial(self._load_rows, today))
        self._show_banner()
        self._show_count()
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
        """The filters' choices, the meetings they let through (sorted) and the warnings."""
        self._reload_filter_choices(self.filters())
        wanted = self.filters()
        keys = meeting_keys(
            self._db,
            **wanted,
            order=self.model.sort_order,
            descending=self.model.descending,
            lang=interface_language(),
        )
        self._alerts = council_alerts(
            self._db,
            council_id=wanted["council_id"],
            year=wanted["year"] if wanted["year"] is not None else today.year,
            today=today,
        )
        return keys

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

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("{n} meeting shown", "{n} meetings shown", count).format(
                n=format_number(count, interface_language())
            )
        )

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

    def _show_banner(self) -> None:
        lang = interface_language()
        lines = [f"⚠ {a.council_name(lang)}: {alert_text(a.alert)}" for a in self._alerts]
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    def banner_text(self) -> str:
        return self.banner.text() if not self.banner.isHidden() else ""

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
        meeting = self.selected_meeting()
        allowed = allowed_actions(meeting.state) if meeting is not None else frozenset()
        # Edit… plans a postponed meeting again (as a double click does).
        self.edit_action.setEnabled(
            bool(allowed & {MeetingAction.EDIT_DETAILS, MeetingAction.REPLAN})
        )
        self.approve_action.setEnabled(MeetingAction.APPROVE_AGENDA in allowed)
        self.notify_action.setEnabled(MeetingAction.NOTIFY in allowed)
        self.held_action.setEnabled(MeetingAction.MARK_HELD in allowed)
        self.close_action.setEnabled(MeetingAction.CLOSE in allowed)
        self.postpone_action.setEnabled(MeetingAction.POSTPONE in allowed)
        self.replan_action.setEnabled(MeetingAction.REPLAN in allowed)
        self.cancel_action.setEnabled(MeetingAction.CANCEL in allowed)
        self.more_button.setEnabled(any(a.isEnabled() for a in self.more_menu.actions()))
        self.live_action.setEnabled(meeting is not None and meeting.state in LIVE_STATES)
        self.agenda.set_meeting(meeting.id if meeting is not None else None)

    def _agenda_changed(self) -> None:
        """An agenda change may take the meeting back to "planned": reload the list."""
        meeting_id = self._selected_id()
        self.refresh()
        if meeting_id is not None:
            self._select(meeting_id)

    def _changed(self, result: object = None) -> None:
        """After an action: reload, and select the meeting it returned (planned, changed...)."""
        meeting = result if isinstance(result, MeetingInfo) else getattr(result, "meeting", None)
        self.refresh()
        if isinstance(meeting, MeetingInfo):
            self._select(meeting.id)
        self.agenda.refresh()

    def _double_clicked(self, _index: QModelIndex) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return
        if meeting.state is MeetingState.POSTPONED:
            self.replan_meeting()
        else:
            self.edit_meeting()

    # -- actions -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._changed)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    def plan_meeting(self) -> MeetingDialog:
        council_id = self.council_filter.value()
        if council_id is None:
            selected = self.selected_meeting()
            council_id = selected.council_id if selected is not None else None
        dialog = MeetingDialog(
            self._db, self._actor, council_id=council_id, day=self._clock(), parent=self
        )
        self._open(dialog)
        return dialog

    def edit_meeting(self) -> MeetingDialog | None:
        meeting = self.selected_meeting()
        if meeting is None:
            return None
        if meeting.state is MeetingState.POSTPONED:
            return self.replan_meeting()
        if MeetingAction.EDIT_DETAILS not in allowed_actions(meeting.state):
            return None
        dialog = MeetingDialog(self._db, self._actor, meeting=meeting, parent=self)
        self._open(dialog)
        return dialog

    def replan_meeting(self) -> MeetingDialog | None:
        meeting = self.selected_meeting()
        if meeting is None or MeetingAction.REPLAN not in allowed_actions(meeting.state):
            return None
        dialog = MeetingDialog(self._db, self._actor, meeting=meeting, replan=True, parent=self)
        self._open(dialog)
        return dialog

    def _act(self, question: str, action: Callable[[int], StateChange | Any]) -> bool:
        meeting = self.selected_meeting()
        if meeting is None:
            return False
        if question and not ask(self, question.format(meeting=meeting_title(meeting))):
            return False
        meeting_id = meeting.id
        result = run(self, lambda: action(meeting_id), MEETINGS)
        if result is None:
            return False
        self._changed(result)
        return True

    def approve_agenda(self) -> bool:
        """Record that the chair approved the agenda (the chair in office, by default)."""
        return self._act(
            _("Record that the chair has approved the agenda of {meeting}?"),
            lambda meeting_id: approve_agenda(self._db, self._actor, meeting_id),
        )

    def mark_held(self) -> bool:
        return self._act(
            _("Mark {meeting} as held?"),
            lambda meeting_id: mark_held(self._db, self._actor, meeting_id, today=self._clock()),
        )

    def close_meeting(self) -> bool:
        return self._act(
            _("Close {meeting}? Its record is then complete and nothing moves it further."),
            lambda meeting_id: close_meeting(self._db, self._actor, meeting_id),
        )

    def _reason_dialog(
        self, action: MeetingAction, title: str, prompt: str, run: Callable[[int, str], object]
    ) -> ReasonDialog | None:
        meeting = self.selected_meeting()
        if meeting is None or action not in allowed_actions(meeting.state):
            return None
        meeting_id = meeting.id
        dialog = ReasonDialog(
            title,
            prompt.format(meeting=meeting_title(meeting)),
            lambda reason: run(meeting_id, reason),
            self,
        )
        self._open(dialog)
        return dialog

    def postpone_meeting(self) -> ReasonDialog | None:
        return self._reason_dialog(
            MeetingAction.POSTPONE,
            _("Postpone the meeting"),
            _(
                "Why is {meeting} postponed? The approval of its agenda lapses until it is "
                "planned again."
            ),
            lambda meeting_id, reason: postpone_meeting(self._db, self._actor, meeting_id, reason),
        )

    def cancel_meeting(self) -> ReasonDialog | None:
        return self._reason_dialog(
            MeetingAction.CANCEL,
            _("Cancel the meeting"),
            _("Why is {meeting} cancelled? A cancelled meeting stays in the record."),
            lambda meeting_id, reason: cancel_meeting(self._db, self._actor, meeting_id, reason),
        )

    def notify_members(self, folder: Path | None = None) -> NotifyDialog | None:
        """Ask for the notice's language and a folder; then notify and show who was notified."""
        meeting = self.selected_meeting()
        if meeting is None or MeetingAction.NOTIFY not in allowed_actions(meeting.state):
            return None
        dialog = NotifyDialog(
            self._db, self._actor, meeting, folder or self.notice_folder, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.notified.connect(self._changed)
        dialog.saved.connect(self._notified)
        dialog.open()
        return dialog

    def _notified(self, saved: object) -> None:
        assert isinstance(saved, NoticeSaved)
        self.notice_folder = saved.folder
        dialog = NotifiedDialog(saved, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None: self._forget_notified(dialog))
        self.last_notified = dialog
        dialog.open()

    def _forget_notified(self, dialog: NotifiedDialog) -> None:
        if self.last_notified is dialog:
            self.last_notified = None

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

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden after being on screen: reload when shown again.

        (A layout hides a page it is given before it was ever shown: that does not count.)
        """
        super().hideEvent(event)
        if not event.spontaneous() and self._on_screen:
            self._on_screen = False
            self._stale = True

    # -- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Meetings"))
        self.texts.apply()
        self.toolbar.setWindowTitle(_("Meetings"))
        for combo in (self.council_filter, self.year_filter, self.state_filter, self.kind_filter):
            combo.retranslate()
        self.plan_action.setText(_("Plan meeting…"))
        self.plan_action.setToolTip(_("Plan a meeting of a council (Ctrl+N)"))
        self.edit_action.setText(_("Edit…"))
        self.edit_action.setToolTip(
            _(
                "Correct the date, time, place, number or presiding person; plan a postponed "
                "meeting again (Ctrl+E)"
            )
        )
        self.approve_action.setText(_("Approve agenda"))
        self.approve_action.setToolTip(_("Record that the chair approved the agenda"))
        self.notify_action.setText(_("Notify members…"))
        self.notify_action.setToolTip(
            _("Issue the notice (PDF) and the calendar invitations (.ics) into a folder")
        )
        self.live_action.setText(_("Open live meeting"))
        self.live_action.setToolTip(_("Attendance and votes, live (Ctrl+L)"))
        self.held_action.setText(_("Mark held"))
        self.close_action.setText(_("Close"))
        self.close_action.setToolTip(_("The record of the held meeting is complete"))
        self.postpone_action.setText(_("Postpone…"))
        self.replan_action.setText(_("Re-plan…"))
        self.replan_action.setToolTip(_("Plan the postponed meeting for a new date"))
        self.cancel_action.setText(_("Cancel…"))
        self.more_button.setText(_("More"))
        self.more_button.setToolTip(_("Close, postpone, plan again or cancel the meeting"))
        self.refresh_action.setText(_("Reload"))
        self.model.retranslate()
        if self.model.rowCount():
            if self.model.sort_order in (MeetingOrder.COUNCIL, MeetingOrder.PRESIDING):
                self.refresh()  # names sort differently in another language
            else:
                self._fit_columns()
        self._show_banner()
        self._show_count()
