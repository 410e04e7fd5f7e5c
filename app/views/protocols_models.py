"""Qt item models of the Protocols and Instructions pages, each over a row cache.

The pages ask the services for plain data (:func:`protocol_lines`,
:func:`live_meeting`) and hand the rows to these models; ``data`` only reads
the cache.  Texts are resolved in the interface language whenever Qt asks for
them, so a language switch only has to say that everything changed
(:meth:`RowCacheModel.retranslate`).  Overdue rows are painted on a light red
background, with the overdue date in dark red and bold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.protocol import PROTOCOL_STATE_LABELS, ProtocolState
from app.formatting import short_date
from app.i18n import LANGUAGE_CODES, LANGUAGES, N_, _, interface_language, ngettext
from app.services.conduct.decisions import InstructionInfo
from app.services.councils import CouncilInfo
from app.services.people import PersonInfo
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import ProtocolDue
from app.views.composition_model import Column, shown_date
from app.views.form_widgets import Label
from app.views.paged_model import PagedRowModel

# Light enough to read dark text on, in both alternating row colours.
OVERDUE_BACKGROUND = QColor(255, 222, 218)
OVERDUE_TEXT = QColor(150, 20, 20)

INSTRUCTION_STATE_LABELS = {
    "open": N_("Open"),
    "done": N_("Done"),
    "removed": N_("Removed from control"),
}


def language_name(code: str) -> str:
    """A language in its own name ("Қазақша"), as the language menu shows it."""
    return next((lang.native_name for lang in LANGUAGES if lang.code == code), code)


def language_choices(codes: Sequence[str] = LANGUAGE_CODES) -> list[tuple[Any, Label]]:
    """Combo choices of languages, each named in itself."""
    return [(code, partial(language_name, code)) for code in codes]


def issued_languages(info: ProtocolInfo) -> list[str]:
    """The languages a protocol was issued in, Kazakh, Russian, English in that order."""
    issued = {i.lang for i in info.issued}
    return [code for code in LANGUAGE_CODES if code in issued]


def council_label(council: CouncilInfo) -> str:
    return council.name(interface_language())


def council_choices(councils: Iterable[CouncilInfo]) -> list[tuple[Any, Label]]:
    """ "All councils", then each council by its name in the interface language."""
    choices: list[tuple[Any, Label]] = [(None, N_("All councils"))]
    choices += [(c.id, partial(council_label, c)) for c in councils]
    return choices


def days_phrase(days_left: int) -> str:
    """ "3 days left", "due today", "2 days overdue"."""
    if days_left > 0:
        return ngettext("{n} day left", "{n} days left", days_left).format(n=days_left)
    if days_left == 0:
        return _("due today")
    late = -days_left
    return ngettext("{n} day overdue", "{n} days overdue", late).format(n=late)


def due_text(day: date | None, days_left: int | None = None) -> str:
    """A due date as the tables show it, with the days left when they matter."""
    if day is None:
        return ""
    if days_left is None:
        return shown_date(day)
    return _("{date} ({left})").format(date=shown_date(day), left=days_phrase(days_left))


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


# -- protocols ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtocolRow:
    """A held meeting with its newest protocol (if any) and their deadlines."""

    due: ProtocolDue
    council: CouncilInfo | None
    protocol: ProtocolInfo | None

    @property
    def state(self) -> ProtocolState | None:
        return self.due.state

    @property
    def unsigned(self) -> bool:
        return self.due.state in (None, ProtocolState.DRAFT, ProtocolState.AGREED)

    @property
    def overdue(self) -> bool:
        return self.due.draft_overdue or self.due.copies_overdue

    def council_name(self) -> str:
        return self.council.name(interface_language()) if self.council is not None else ""


def protocol_state_text(row: ProtocolRow) -> str:
    """ "Signed", "Draft, revision 2", "No protocol yet"."""
    if row.state is None:
        return _("No protocol yet")
    label = _(PROTOCOL_STATE_LABELS[row.state])
    if row.protocol is not None and row.protocol.revision > 1:
        return _("{state}, revision {revision}").format(state=label, revision=row.protocol.revision)
    return label


def describe_protocol(row: ProtocolRow) -> str:
    """One line on the selected protocol: number, revision, languages, signing, copies."""
    info = row.protocol
    if info is None:
        return _("Meeting No. {number} of {date} was held and has no protocol yet.").format(
            number=row.due.meeting_number,
            date=short_date(row.due.meeting_day, interface_language()),
        )
    parts = [_("Protocol No. {number}").format(number=info.number)]
    if info.revision > 1:
        parts.append(
            _("revision {revision}: {reason}").format(
                revision=info.revision, reason=info.revision_reason
            )
        )
    parts.append(_("main language: {language}").format(language=language_name(info.main_language)))
    if info.issued:
        parts.append(
            _("issued in: {languages}").format(
                languages=", ".join(language_name(code) for code in issued_languages(info))
            )
        )
        if any(i.with_gaps for i in info.issued):
            parts.append(_("issued with gaps"))
    if info.signed_on is not None:
        parts.append(
            _("signed on {date}").format(date=short_date(info.signed_on, interface_language()))
        )
    if info.copies_sent_on is not None:
        parts.append(
            _("copies sent on {date}").format(
                date=short_date(info.copies_sent_on, interface_language())
            )
        )
    return " · ".join(parts)


def _draft_due(_r: int, row: ProtocolRow) -> str:
    return due_text(row.due.draft_due, row.due.days_left if row.unsigned else None)


def _copies_due(_r: int, row: ProtocolRow) -> str:
    signed = row.state is ProtocolState.SIGNED
    return due_text(row.due.copies_due, row.due.days_left if signed else None)


def _state_tooltip(_r: int, row: ProtocolRow) -> str:
    info = row.protocol
    if info is None:
        return _("The meeting was held; create its protocol from the record.")
    parts = [protocol_state_text(row)]
    if info.issued:
        parts.append(
            _("Issued in: {languages}").format(
                languages=", ".join(language_name(code) for code in issued_languages(info))
            )
        )
    if info.revision > 1 and info.revision_reason:
        parts.append(_("Reason of the revision: {reason}").format(reason=info.revision_reason))
    return "\n".join(parts)


def _due_tooltip(_r: int, row: ProtocolRow) -> str:
    if row.due.draft_overdue:
        return _("The draft protocol is overdue.")
    if row.due.copies_overdue:
        return _("The copies of the signed protocol are overdue.")
    return ""


class ProtocolsModel(PagedRowModel[ProtocolRow]):
    """Held meetings and their protocols, newest meeting first.

    The lines are built a page at a time (:class:`PagedRowModel`): the page gives every
    held meeting's id (:func:`protocol_meeting_ids`) and a loader of their lines.
    """

    columns = (
        Column[ProtocolRow](N_("Meeting date"), lambda _r, row: shown_date(row.due.meeting_day)),
        Column[ProtocolRow](N_("Council"), lambda _r, row: row.council_name()),
        Column[ProtocolRow](
            N_("Meeting No."), lambda _r, row: str(row.due.meeting_number), align_right=True
        ),
        Column[ProtocolRow](
            N_("Protocol"), lambda _r, row: protocol_state_text(row), _state_tooltip
        ),
        Column[ProtocolRow](N_("Draft due"), _draft_due, _due_tooltip),
        Column[ProtocolRow](N_("Copies due"), _copies_due, _due_tooltip),
    )
    COUNCIL_COLUMN = 1
    DRAFT_DUE_COLUMN = 4
    COPIES_DUE_COLUMN = 5

    def row_id(self, item: ProtocolRow) -> int:
        return item.due.meeting_id

    def cell_data(self, column: int, item: ProtocolRow, role: int) -> Any:
        late = (column == self.DRAFT_DUE_COLUMN and item.due.draft_overdue) or (
            column == self.COPIES_DUE_COLUMN and item.due.copies_overdue
        )
        if late and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_TEXT)
        if late and role == Qt.ItemDataRole.FontRole:
            return _bold()
        return None

    def extra_data(self, item: ProtocolRow, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and item.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        return None


# -- instructions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstructionRow:
    """A protocol instruction with the meeting it was given at."""

    council: CouncilInfo | None
    meeting_id: int
    meeting_number: int
    meeting_day: date
    number: str  # "1.1.1": item, decision, instruction
    instruction: InstructionInfo
    executor_person: PersonInfo | None
    overdue: bool
    days_left: int | None

    @property
    def council_id(self) -> int | None:
        return self.council.id if self.council is not None else None

    @property
    def is_open(self) -> bool:
        return self.instruction.state == "open"

    def council_name(self) -> str:
        return self.council.name(interface_language()) if self.council is not None else ""

    def executor(self) -> str:
        lang = interface_language()
        if self.executor_person is not None:
            return self.executor_person.full_name(lang)
        return self.instruction.executor(lang)

    def state_text(self) -> str:
        label = INSTRUCTION_STATE_LABELS.get(self.instruction.state)
        return _(label) if label else self.instruction.state


def _deadline(_r: int, row: InstructionRow) -> str:
    return due_text(row.instruction.deadline, row.days_left if row.is_open else None)


def _completion_tooltip(_r: int, row: InstructionRow) -> str:
    text = row.instruction.text(interface_language())
    form = row.instruction.completion_form(interface_language())
    if form:
        return _("{text}\nForm of completion: {form}").format(text=text, form=form)
    return text


class InstructionsModel(PagedRowModel[InstructionRow]):
    """Protocol instructions of held meetings: executor, deadline, state.

    Rows are instruction ids; a long list builds its lines a page at a time.
    """

    columns = (
        Column[InstructionRow](N_("Council"), lambda _r, row: row.council_name()),
        Column[InstructionRow](N_("Meeting date"), lambda _r, row: shown_date(row.meeting_day)),
        Column[InstructionRow](
            N_("Meeting No."), lambda _r, row: str(row.meeting_number), align_right=True
        ),
        Column[InstructionRow](N_("No."), lambda _r, row: row.number),
        Column[InstructionRow](
            N_("Instruction"),
            lambda _r, row: row.instruction.text(interface_language()),
            _completion_tooltip,
            header_tip=N_("Protocol instruction"),
        ),
        Column[InstructionRow](
            N_("Executor"),
            lambda _r, row: row.executor(),
            header_tip=N_("Responsible executor"),
        ),
        Column[InstructionRow](N_("Deadline"), _deadline),
        Column[InstructionRow](N_("State"), lambda _r, row: row.state_text()),
    )
    COUNCIL_COLUMN = 0
    TEXT_COLUMN = 4
    EXECUTOR_COLUMN = 5
    DEADLINE_COLUMN = 6

    def row_id(self, item: InstructionRow) -> int:
        return item.instruction.id

    def cell_data(self, column: int, item: InstructionRow, role: int) -> Any:
        if column == self.DEADLINE_COLUMN and item.overdue:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_TEXT)
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
        return None

    def extra_data(self, item: InstructionRow, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and item.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        return None
