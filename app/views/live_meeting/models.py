"""Qt item models of the live meeting screen, each over a row cache.

The window asks :func:`app.services.conduct.queries.live_meeting` for the
whole meeting only after a structural change (attendance, a new decision
point, closing a voting) and hands the rows to these models.  A ballot never
rebuilds anything: :meth:`VotingModel.set_choice` and
:meth:`PointsModel.set_ballot` change one cached row and emit ``dataChanged``
for that row alone.  This module holds the agenda and attendance models and the
helpers they share; the voting side (points, the grid, notes) is in
:mod:`app.views.live_meeting.voting_models`.

Texts are resolved in the interface language whenever Qt asks for them, so a
language switch only has to say that everything changed (:meth:`retranslate`).
Every ``headerData`` returns None for the roles it does not handle (never
``super().headerData``: PySide6 6.12 aborts at exit on it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.domain import translation
from app.domain.absence import absence_text
from app.domain.composition import Role
from app.domain.voting import Choice, TallyResult
from app.i18n import LANGUAGES, N_, _, interface_language, ngettext
from app.services.conduct.attendance import AttendanceInfo
from app.services.conduct.invited import INVITED_ROLE_LABELS, InvitedInfo, InvitedRole
from app.services.conduct.queries import ItemLine, MemberLine
from app.views.composition_model import capitalized, person_name, role_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ID_ROLE = Qt.ItemDataRole.UserRole

CHOICE_LABELS = {
    Choice.FOR: N_("For"),
    Choice.AGAINST: N_("Against"),
    Choice.ABSTAINED: N_("Abstained"),
    Choice.DID_NOT_VOTE: N_("Did not vote"),
}
# Dark enough to read on the light alternating rows of a table.
CHOICE_COLOURS = {
    Choice.FOR: QColor(0, 110, 40),
    Choice.AGAINST: QColor(170, 20, 20),
    Choice.ABSTAINED: QColor(150, 95, 0),
}
NO_BALLOT = "—"
CHECK = "✓"


def choice_label(choice: Choice | None) -> str:
    return _(CHOICE_LABELS[choice]) if choice is not None else ""


def muted() -> QBrush:
    return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def language_name(code: str) -> str:
    """A language in its own name ("Қазақша"), as the language menu shows it."""
    return next((lang.native_name for lang in LANGUAGES if lang.code == code), code)


def counts_phrase(result: TallyResult) -> str:
    """ "5 for, 3 against, 1 abstained" in the interface language (the protocol's words)."""
    for_ = ngettext("{n} for", "{n} for", result.for_).format(n=result.for_)
    against = ngettext("{n} against", "{n} against", result.against).format(n=result.against)
    abstained = ngettext("{n} abstained", "{n} abstained", result.abstained).format(
        n=result.abstained
    )
    return _("{for_}, {against}, {abstained}").format(
        for_=for_, against=against, abstained=abstained
    )


def member_role(role: Role, voting: bool, presiding: bool) -> str:
    """ "Chair, presiding" / "Member, no vote": the role as the tool tip of both grids says it."""
    parts = [role_label(role)]
    if presiding:
        parts.append(_("presiding"))
    if not voting:
        parts.append(_("no vote"))
    return ", ".join(parts)


def meeting_role(role: Role, voting: bool, presiding: bool) -> str:
    """The role column of both grids: "Presiding" for the one who presides, else the seat's role."""
    if presiding:
        return capitalized(_("presiding"))
    if not voting:
        return _("{role}, no vote").format(role=role_label(role))
    return role_label(role)


def member_tooltip(line: MemberLine) -> str:
    """The full name, the position and its organisation (the tables show "Surname N. P.")."""
    lang = interface_language()
    parts = [person_name(line.person)]
    if line.position is not None:
        parts += [line.position.title(lang), line.position.organisation(lang)]
    return "\n".join(p for p in parts if p)


def attendance_text(info: AttendanceInfo | None) -> str:
    """How a member attends the whole meeting: present, from/until an item, absent (why)."""
    if info is None:
        return _("not marked")
    if not info.present:
        reason = absence_text(
            info.absence_kind, info.absence_reasons, interface_language(), translation.current()
        )[0]
        if reason:
            return _("absent: {reason}").format(reason=reason)
        return _("absent")
    arrived, left = info.arrived_before_item, info.left_after_item
    if arrived and left is not None:
        return _("present at items {first}–{last}").format(first=arrived + 1, last=left + 1)
    if arrived:
        return _("present from item {number}").format(number=arrived + 1)
    if left is not None:
        return _("present until item {number}").format(number=left + 1)
    return _("present")


# -- a table over a row cache ----------------------------------------------------------------------


class _Table(QAbstractTableModel):
    """Read-only table: subclasses list their headers and answer :meth:`cell`."""

    headers: tuple[str, ...] = ()  # msgids, marked with N_

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def header_text(self, section: int) -> str:
        return _(self.headers[section])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        # Never super().headerData(): on PySide6 6.12 it aborts the process at exit.
        if (
            orientation == Qt.Orientation.Horizontal
            and role == DISPLAY
            and 0 <= section < len(self.headers)
        ):
            return self.header_text(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self.headers)):
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:  # pragma: no cover - overridden
        return None

    def emit_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.headers) - 1)
            )


class _List(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.column() != 0 or not (0 <= index.row() < len(self._rows)):
            return None
        return self.cell(index.row(), role)

    def cell(self, row: int, role: int) -> Any:  # pragma: no cover - overridden
        return None

    def emit_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))


# -- the agenda --------------------------------------------------------------------------------


class AgendaModel(_List):
    """The agenda items, the current one in bold; a tick when all its votings are closed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._current = -1

    def set_items(self, items: Sequence[ItemLine]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        if self._current >= len(self._rows):
            self._current = -1
        self.endResetModel()

    def item(self, row: int) -> ItemLine:
        line: ItemLine = self._rows[row]
        return line

    def items(self) -> list[ItemLine]:
        return list(self._rows)

    @property
    def current(self) -> int:
        return self._current

    def set_current(self, row: int) -> None:
        old, self._current = self._current, row
        for changed in {old, row}:
            if 0 <= changed < len(self._rows):
                self.emit_row(changed)

    def cell(self, row: int, role: int) -> Any:
        line = self.item(row)
        if role == DISPLAY:
            text = f"{line.item.number}. {line.item.title(interface_language())}"
            if line.points and all(p.closed for p in line.points):
                text += f"  {CHECK}"
            return text
        if role == TOOLTIP:
            points = ngettext("{n} decision point", "{n} decision points", len(line.points)).format(
                n=len(line.points)
            )
            title = line.item.title(interface_language())
            return f"{title}\n{line.quorum.explain()}\n{points}"
        if role == Qt.ItemDataRole.FontRole and row == self._current:
            return bold()
        if role == ID_ROLE:
            return line.item.id
        return None


# -- attendance ------------------------------------------------------------------------------------


class AttendanceModel(_Table):
    """The composition on the meeting date: how each member attends, and whether at this item."""

    headers = (N_("№"), N_("Member"), N_("Role"), N_("Attendance"), N_("At item {number}"))
    AT_ITEM_COLUMN = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._here: frozenset[int] = frozenset()
        self._item_number = 0
        self._presiding: int | None = None

    def set_members(
        self,
        members: Sequence[MemberLine],
        present_here: frozenset[int],
        item_number: int,
        presiding_id: int | None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(members)
        self._here = present_here
        self._item_number = item_number
        self._presiding = presiding_id
        self.endResetModel()

    def set_item(self, present_here: frozenset[int], item_number: int) -> None:
        """Another item is current: only the last column changes."""
        self._here, self._item_number = present_here, item_number
        column = self.AT_ITEM_COLUMN
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def member(self, row: int) -> MemberLine:
        line: MemberLine = self._rows[row]
        return line

    def row_of(self, person_id: int) -> int | None:
        return next((r for r, m in enumerate(self._rows) if m.person.id == person_id), None)

    def header_text(self, section: int) -> str:
        if section == self.AT_ITEM_COLUMN:
            return _(self.headers[section]).format(number=self._item_number)
        return _(self.headers[section])

    def cell(self, row: int, column: int, role: int) -> Any:
        line = self.member(row)
        if role == DISPLAY:
            return self._display(row, column, line)
        if role == TOOLTIP:
            return self._tooltip(column, line)
        return self._style(column, role, line)

    def _display(self, row: int, column: int, line: MemberLine) -> str:
        if column == 0:
            return str(row + 1)
        if column == 1:
            return line.person.short_name(interface_language())
        if column == 2:
            return meeting_role(line.role, line.voting, line.person.id == self._presiding)
        if column == 3:
            return attendance_text(line.attendance)
        return CHECK if line.person.id in self._here else ""

    def _tooltip(self, column: int, line: MemberLine) -> str | None:
        if column == 1:
            return member_tooltip(line)
        if column == 2:
            return member_role(line.role, line.voting, line.person.id == self._presiding)
        if column == 3:
            return attendance_text(line.attendance)
        return None

    def _style(self, column: int, role: int, line: MemberLine) -> Any:
        """The font, alignment, colour and id of a cell (the roles other than the texts)."""
        if role == Qt.ItemDataRole.FontRole and line.person.id == self._presiding:
            return bold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, self.AT_ITEM_COLUMN):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and line.person.id not in self._here:
            return muted()
        if role == ID_ROLE:
            return line.person.id
        return None


# -- invited persons ---------------------------------------------------------------------------


class InvitedModel(_Table):
    """Speakers, experts, guests and those who came instead of a member: never counted."""

    headers = (N_("Name"), N_("Invited as"), N_("Position"), N_("Organisation"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: Mapping[int, str] = {}

    def set_invited(self, invited: Sequence[InvitedInfo], names: Mapping[int, str]) -> None:
        """``names``: members' names by person id, for "attended instead of N"."""
        self.beginResetModel()
        self._rows = list(invited)
        self._names = dict(names)
        self.endResetModel()

    def invited(self, row: int) -> InvitedInfo:
        info: InvitedInfo = self._rows[row]
        return info

    def role_text(self, info: InvitedInfo) -> str:
        if info.role is InvitedRole.SUBSTITUTE and info.instead_of_person_id is not None:
            name = self._names.get(info.instead_of_person_id, "")
            # No substitution: an invited person, on behalf of the absent member, no vote.
            return _("on behalf of {name}, without a vote").format(name=name)
        return _(INVITED_ROLE_LABELS[info.role])

    def cell(self, row: int, column: int, role: int) -> Any:
        info = self.invited(row)
        lang = interface_language()
        if role in (DISPLAY, TOOLTIP):
            if column == 0:
                return info.display_name(lang)
            if column == 1:
                return self.role_text(info)
            if column == 2:
                return info.position(lang)
            return info.organisation(lang)
        if role == ID_ROLE:
            return info.id
        return None


# -- decision points -----------------------------------------------------------------------------
