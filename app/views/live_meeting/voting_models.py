"""The models of the voting side of the live meeting: decision points, the grid, the notes.

Split from :mod:`app.views.live_meeting.models` (the agenda and the attendance),
which keeps the shared helpers these models use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from app.domain.composition import Role
from app.domain.voting import Choice, TallyResult
from app.i18n import N_, _, interface_language, ngettext
from app.services.conduct.decisions import DecisionInfo, InstructionInfo
from app.services.conduct.dissent import DissentInfo
from app.services.conduct.queries import PointLine
from app.views.composition_model import shown_date
from app.views.live_meeting.models import (
    CHOICE_COLOURS,
    DISPLAY,
    ID_ROLE,
    NO_BALLOT,
    TOOLTIP,
    _List,
    _Table,
    bold,
    choice_label,
    counts_phrase,
    language_name,
    meeting_role,
    member_role,
    muted,
)

Index = QModelIndex | QPersistentModelIndex


@dataclass
class PointRow:
    """A decision point as the screen keeps it: ballots and result change in place."""

    decision: DecisionInfo
    ballots: dict[int, Choice]
    result: TallyResult | None
    closed: bool
    entitled: frozenset[int]
    without_quorum: bool
    dissents: tuple[DissentInfo, ...]
    instructions: tuple[InstructionInfo, ...]

    @classmethod
    def from_line(cls, line: PointLine) -> PointRow:
        return cls(
            line.decision,
            dict(line.ballots),
            line.result,
            line.closed,
            line.entitled,
            line.without_quorum,
            line.dissents,
            line.instructions,
        )

    @property
    def id(self) -> int:
        return self.decision.id

    @property
    def counts_only(self) -> bool:
        return self.decision.mode == "counts"


def point_status(point: PointRow) -> str:
    """ "voting open · 5 for, 3 against, 0 abstained" for the list of decision points."""
    parts = []
    if point.closed:
        parts.append(_("closed without a quorum") if point.without_quorum else _("voting closed"))
    else:
        parts.append(_("voting open"))
    if point.counts_only:
        parts.append(_("counts only"))
    if point.result is not None:
        parts.append(counts_phrase(point.result))
        if point.closed:
            parts.append(_("adopted") if point.result.adopted else _("not adopted"))
    if point.dissents:
        count = len(point.dissents)
        parts.append(
            ngettext("{n} dissenting opinion", "{n} dissenting opinions", count).format(n=count)
        )
    if point.instructions:
        count = len(point.instructions)
        parts.append(
            ngettext("{n} protocol instruction", "{n} protocol instructions", count).format(n=count)
        )
    return " · ".join(parts)


class PointsModel(_List):
    """The numbered decision points of the current item."""

    def set_points(self, points: Sequence[PointRow]) -> None:
        self.beginResetModel()
        self._rows = list(points)
        self.endResetModel()

    def point(self, row: int) -> PointRow:
        point: PointRow = self._rows[row]
        return point

    def points(self) -> list[PointRow]:
        return list(self._rows)

    def row_of(self, point_id: int) -> int | None:
        return next((r for r, p in enumerate(self._rows) if p.id == point_id), None)

    def set_ballot(
        self, point_id: int, person_id: int, choice: Choice | None, result: TallyResult | None
    ) -> None:
        """One ballot changed: update its point's row only."""
        row = self.row_of(point_id)
        if row is None:
            return
        point = self.point(row)
        if choice is None or choice is Choice.DID_NOT_VOTE:
            point.ballots.pop(person_id, None)
        else:
            point.ballots[person_id] = choice
        point.result = result
        self.emit_row(row)

    def cell(self, row: int, role: int) -> Any:
        point = self.point(row)
        text = point.decision.text(interface_language())
        if role == DISPLAY:
            first_line = text.splitlines()[0] if text else ""
            return f"{point.decision.number}. {first_line}\n{point_status(point)}"
        if role == TOOLTIP:
            return f"{point.decision.number}. {text}\n{point_status(point)}"
        if role == Qt.ItemDataRole.ForegroundRole and point.closed:
            return muted()
        if role == ID_ROLE:
            return point.id
        return None


# -- the voting grid -----------------------------------------------------------------------------


@dataclass
class VoterRow:
    """A member present at the item with a vote, and their ballot on the current point."""

    person_id: int
    name: str
    role: Role
    presiding: bool
    choice: Choice | None
    tooltip: str = ""  # the full name and position


class VotingModel(_Table):
    """Roll call: one row per member present at the item with a vote; the presiding one in bold."""

    headers = (N_("№"), N_("Member"), N_("Role"), N_("Vote"))
    VOTE_COLUMN = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._closed = False
        self._by_person: dict[int, int] = {}

    def set_voters(self, voters: Sequence[VoterRow], *, closed: bool) -> None:
        self.beginResetModel()
        self._rows = list(voters)
        self._by_person = {v.person_id: r for r, v in enumerate(self._rows)}
        self._closed = closed
        self.endResetModel()

    def voter(self, row: int) -> VoterRow:
        voter: VoterRow = self._rows[row]
        return voter

    def voters(self) -> list[VoterRow]:
        return list(self._rows)

    def row_of(self, person_id: int) -> int | None:
        return self._by_person.get(person_id)

    def set_choice(self, person_id: int, choice: Choice | None) -> int | None:
        """One ballot changed: update that row alone; return it (None if not shown)."""
        row = self._by_person.get(person_id)
        if row is None:
            return None
        self._rows[row].choice = None if choice is Choice.DID_NOT_VOTE else choice
        index = self.index(row, self.VOTE_COLUMN)
        self.dataChanged.emit(index, index)
        return row

    def vote_text(self, voter: VoterRow) -> str:
        if voter.choice is not None:
            return choice_label(voter.choice)
        return choice_label(Choice.DID_NOT_VOTE) if self._closed else NO_BALLOT

    def cell(self, row: int, column: int, role: int) -> Any:
        voter = self.voter(row)
        if role == DISPLAY:
            return self._display(row, column, voter)
        if role == TOOLTIP:
            return self._tooltip(column, voter)
        return self._style(column, role, voter)

    def _display(self, row: int, column: int, voter: VoterRow) -> str:
        if column == 0:
            return str(row + 1)
        if column == 1:
            return voter.name
        if column == 2:
            return meeting_role(voter.role, True, voter.presiding)
        return self.vote_text(voter)

    def _tooltip(self, column: int, voter: VoterRow) -> str | None:
        if column == 1:
            return voter.tooltip or voter.name
        if column == 2:
            return member_role(voter.role, True, voter.presiding)
        return self.vote_text(voter) if column == self.VOTE_COLUMN else None

    def _style(self, column: int, role: int, voter: VoterRow) -> Any:
        """The font, colour, alignment and id of a cell (the roles other than the texts)."""
        vote = column == self.VOTE_COLUMN
        if role == Qt.ItemDataRole.FontRole and (
            voter.presiding or (vote and voter.choice is not None)
        ):
            return bold()
        if role == Qt.ItemDataRole.ForegroundRole and vote:
            return muted() if voter.choice is None else QBrush(CHOICE_COLOURS[voter.choice])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return Qt.AlignmentFlag.AlignCenter
        if role == ID_ROLE:
            return voter.person_id
        return None


# -- dissents and instructions of a decision point -------------------------------------------------


@dataclass(frozen=True)
class NoteRow:
    """A dissenting opinion or a protocol instruction shown with its decision."""

    dissent: DissentInfo | None = None
    instruction: InstructionInfo | None = None


class NotesModel(_List):
    """The dissenting opinions and protocol instructions of the current decision point."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._name: Callable[[int], str] = str

    def set_point(self, point: PointRow | None, name: Callable[[int], str]) -> None:
        """``name`` gives a person's name by id (members and the directory)."""
        self.beginResetModel()
        self._name = name
        self._rows = []
        if point is not None:
            self._rows = [NoteRow(dissent=d) for d in point.dissents]
            self._rows += [NoteRow(instruction=i) for i in point.instructions]
        self.endResetModel()

    def note(self, row: int) -> NoteRow:
        note: NoteRow = self._rows[row]
        return note

    def text(self, note: NoteRow) -> str:
        lang = interface_language()
        if note.dissent is not None:
            d = note.dissent
            return _("Dissenting opinion of {name} ({language}, received {date}): {text}").format(
                name=self._name(d.person_id),
                language=language_name(d.language),
                date=shown_date(d.received_on),
                text=d.text,
            )
        assert note.instruction is not None
        i = note.instruction
        if i.executor_person_id is not None:
            executor = self._name(i.executor_person_id)
        else:
            executor = i.executor(lang)
        parts = [
            _("Protocol instruction {number}: {text}").format(number=i.number, text=i.text(lang)),
            _("executor: {executor}").format(executor=executor),
        ]
        if i.deadline is not None:
            parts.append(_("deadline: {date}").format(date=shown_date(i.deadline)))
        if i.completion_form(lang):
            parts.append(_("form of completion: {form}").format(form=i.completion_form(lang)))
        return "; ".join(parts)

    def cell(self, row: int, role: int) -> Any:
        note = self.note(row)
        if role == DISPLAY:
            return " ".join(self.text(note).split())
        if role == TOOLTIP:
            return self.text(note)
        if role == ID_ROLE:
            record = note.dissent or note.instruction
            return record.id if record is not None else None
        return None
