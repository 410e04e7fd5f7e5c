"""The Instructions page: every protocol instruction of every council, open and overdue first.

Each instruction of a held (or closed) meeting becomes a row: council, meeting date and
number, the instruction's number ("1.1.1": item, decision, instruction), its
text, the responsible executor, the deadline with the days left, and its
state.  An open instruction past its deadline is overdue and highlighted.
The filters (open / overdue / all, and a council) are conditions of the one query
that reads the rows (:func:`app.services.instruction_queries.list_instructions`), so
the usual view reads only the open instructions; walking every meeting's record took
80 s on an archive of 2,000 meetings, and reading all 10,000 instructions of a 15-year
archive for every view about 1 s.  The page reads the counts and one screen of ids
(:class:`~app.services.instruction_queries.InstructionList`), and the next screens' ids
with their lines as they are shown.  The columns are fitted to the first page of texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadlines import days_left
from app.i18n import N_, _, ngettext
from app.services.base import Actor
from app.services.councils import CouncilInfo, list_councils
from app.services.handles import Database
from app.services.instruction_queries import (
    InstructionLine,
    InstructionList,
    instruction_lines,
    list_instructions,
)
from app.views.form_widgets import ChoiceCombo, Label, Texts
from app.views.operations import Record, follow, run
from app.views.paged_model import fit_columns
from app.views.protocols_models import InstructionRow, InstructionsModel, council_choices
from app.views.retranslate import Retranslatable


class Show(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    ALL = "all"


SHOW_CHOICES: list[tuple[Any, Label]] = [
    (Show.OPEN, N_("Open")),
    (Show.OVERDUE, N_("Overdue")),
    (Show.ALL, N_("All")),
]


FIT_LIMIT = 320
"""The widest a column fitted to its texts gets (the tool tip has the whole text)."""

FIXED_WIDTHS = {InstructionsModel.COUNCIL_COLUMN: 200, InstructionsModel.EXECUTOR_COLUMN: 200}
"""Council names and executors are long: a fixed share, elided, the whole in the tool tip."""

# What the list shows: a change of these on another view reloads it.
SHOWN_RECORDS = frozenset(
    {Record.COUNCILS, Record.MEETINGS, Record.CONDUCT, Record.PROTOCOLS, Record.INSTRUCTIONS}
)


def instruction_row(
    line: InstructionLine, today: date, councils: dict[int, CouncilInfo]
) -> InstructionRow:
    """The page's row of an instruction: its council, days left and whether it is overdue."""
    deadline = line.instruction.deadline
    left = days_left(today, deadline) if deadline is not None else None
    return InstructionRow(
        council=councils.get(line.council_id),
        meeting_id=line.meeting_id,
        meeting_number=line.meeting_number,
        meeting_day=line.meeting_day,
        number=line.number,
        instruction=line.instruction,
        executor_person=line.executor_person,
        overdue=line.instruction.state == "open" and left is not None and left < 0,
        days_left=left,
    )


def _filters(show: Show, today: date) -> dict[str, Any]:
    return {"open_only": show == Show.OPEN, "overdue_on": today if show == Show.OVERDUE else None}


def collect_instructions(
    db: Database,
    today: date,
    show: Show = Show.ALL,
    council_id: int | None = None,
) -> list[InstructionRow]:
    """Every instruction ``show`` asks for, as rows, in the page's order (for exports, tests)."""
    councils = {c.id: c for c in list_councils(db, include_archived=True)}
    lines = list_instructions(db, today, council_id=council_id, **_filters(show, today))
    return [instruction_row(line, today, councils) for line in lines]


def prepare_reads(db: Database, today: date | None = None) -> None:
    """Read once what the page reads when first built (see ``meetings_page.prepare_reads``).

    Run by :class:`~app.views.page_preparer.PagePreparer` on a worker thread, before the
    page is first opened: its filters as a fresh page has them (open instructions of every
    council), the counts and the first screen.  Nothing read is kept, nothing is written.
    """
    day = today or date.today()
    list_councils(db, include_archived=True)
    shown = InstructionList(day, None, **_filters(Show(SHOW_CHOICES[0][0]), day))
    counts = shown.counts(db)
    if counts.shown:
        ids = shown.ids(db, 0, min(InstructionsModel.page_size, counts.shown), counts.dated)
        instruction_lines(db, ids)


class InstructionsPage(Retranslatable, QWidget):
    """Protocol instructions across councils: open, overdue or all; by council."""

    def __init__(
        self, db: Database, actor: Actor, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instructionsPage")
        self._db = db
        self._actor = actor
        self._today = today
        self._councils: list[CouncilInfo] = []
        self._overdue = 0  # overdue instructions among those shown
        self.texts = Texts()

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)

        self.show_filter = ChoiceCombo(SHOW_CHOICES)
        self.show_filter.setObjectName("instructionsShow")
        self.council = ChoiceCombo([(None, N_("All councils"))])
        self.council.setObjectName("instructionsCouncil")
        self.council.setMinimumContentsLength(24)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("instructionsRefresh")
        filters = QHBoxLayout()
        filters.addWidget(self.texts.label(N_("Show:")))
        filters.addWidget(self.show_filter)
        filters.addSpacing(16)
        filters.addWidget(self.texts.label(N_("Council:")))
        filters.addWidget(self.council, 1)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)

        self.model = InstructionsModel(self)
        self.table = QTableView()
        self.table.setObjectName("instructionsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(InstructionsModel.TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column, width in FIXED_WIDTHS.items():
            header.resizeSection(column, width)
        self.summary = QLabel()
        self.summary.setObjectName("instructionsSummary")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self.show_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.council.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.refresh_button.clicked.connect(self.refresh)
        # Instructions come with the meetings' decisions: another view changed them.
        follow(self, SHOWN_RECORDS, lambda _changes: self.refresh())
        self.retranslate_ui()
        self.refresh()

    def today(self) -> date:
        return self._today or date.today()

    def refresh(self) -> None:
        """Read the councils and the instructions again (after a meeting or protocol changed)."""
        self._councils = run(self, lambda: list_councils(self._db, include_archived=True)) or []
        self.council.blockSignals(True)
        self.council.set_choices(council_choices(self._councils))
        self.council.blockSignals(False)
        self.apply_filter()

    def set_filter(self, show: Show, council_id: int | None = None) -> None:
        for combo, value in ((self.show_filter, show), (self.council, council_id)):
            combo.blockSignals(True)
            combo.set_value(value)
            combo.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Read which instructions the filters ask for; their lines are read when shown."""
        today = self.today()
        db = self._db
        councils = {c.id: c for c in self._councils}

        def load(ids: Sequence[int]) -> list[InstructionRow]:
            lines = run(self, lambda: instruction_lines(db, ids)) or []
            return [instruction_row(line, today, councils) for line in lines if line is not None]

        shown = InstructionList(
            today, self.council.value(), **_filters(Show(self.show_filter.value()), today)
        )
        counts = run(self, lambda: shown.counts(db))
        shown_count, dated = (counts.shown, counts.dated) if counts else (0, 0)
        self._overdue = counts.overdue if counts else 0

        def read_ids(first: int, count: int) -> list[int]:
            return run(self, lambda: shown.ids(db, first, count, dated)) or []

        self.model.set_source(shown_count, read_ids, load)
        self._fit_columns()
        self._summarize()

    def _fit_columns(self) -> None:
        """Fit to the first page of texts: Qt's own fitting asks every role of every cell."""
        fitted = [
            c
            for c in range(self.model.columnCount())
            if c not in FIXED_WIDTHS and c != InstructionsModel.TEXT_COLUMN
        ]
        fit_columns(self.table, self.model, 0, fitted, {}, FIT_LIMIT)

    def rows(self) -> list[InstructionRow]:
        return self.model.rows()

    def _summarize(self) -> None:
        shown = self.model.rowCount()
        overdue = self._overdue
        text = ngettext("{n} instruction shown", "{n} instructions shown", shown).format(n=shown)
        if overdue:
            text += ", " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        self.summary.setText(text)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Instructions"))
        self.texts.apply()
        self.show_filter.retranslate()
        self.council.retranslate()
        self.refresh_button.setText(_("Refresh"))
        self.model.retranslate()
        self._fit_columns()  # the titles and texts have other widths in another language
        self._summarize()
