"""Words and colours shared by the meetings widgets: titles, dates, countdowns, warnings.

The list, the agenda editor, the dialogs and the banner word a meeting the
same way, in the interface language, when they are asked (so a language
switch needs nothing else).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtGui import QBrush, QColor

from app.domain.meeting import (
    MEETING_KIND_LABELS,
    MEETING_STATE_LABELS,
    Alert,
    AlertKind,
    MeetingKind,
    MeetingState,
)
from app.formatting import format_time, short_date
from app.i18n import _, interface_language, ngettext
from app.services.meetings.common import MeetingInfo


def kind_label(kind: MeetingKind) -> str:
    return _(MEETING_KIND_LABELS[MeetingKind(kind)])


def state_label(state: MeetingState) -> str:
    return _(MEETING_STATE_LABELS[MeetingState(state)])


def meeting_title(meeting: MeetingInfo) -> str:
    """ "Regular meeting No. 3" in the interface language."""
    return _("{kind} No. {number}").format(kind=kind_label(meeting.kind), number=meeting.number)


def meeting_when(meeting: MeetingInfo) -> str:
    """ "15.04.2026 10:00–12:00"."""
    lang = interface_language()
    times = format_time(meeting.starts_at, lang)
    if meeting.ends_at is not None:
        times = f"{times}–{format_time(meeting.ends_at, lang)}"
    return f"{short_date(meeting.day, lang)} {times}"


def countdown(days: int) -> str:
    """ "in 5 days", "today", "3 days overdue": how far a deadline is from today."""
    if days > 0:
        return ngettext("in {count} day", "in {count} days", days).format(count=days)
    if days == 0:
        return _("today")
    late = -days
    return ngettext("{count} day overdue", "{count} days overdue", late).format(count=late)


def alert_text(alert: Alert) -> str:
    """The warning in the interface language, its dates written as the tables write them."""
    params = [(key, _table_date(value) if key == "due" else value) for key, value in alert.params]
    return Alert(alert.kind, alert.msgid, tuple(params)).message()


def _table_date(value: object) -> object:
    """An ISO date (as the warnings carry them) written as the tables write dates."""
    if not isinstance(value, str):
        return value
    try:
        return short_date(date.fromisoformat(value), interface_language())
    except ValueError:
        return value


class Level:
    """How urgent a warning is: the colours of its cells."""

    NONE = 0
    SOON = 1
    OVERDUE = 2


_BACKGROUNDS = {Level.SOON: QColor("#fff3cd"), Level.OVERDUE: QColor("#f8d7da")}
_FOREGROUNDS = {Level.SOON: QColor("#664d03"), Level.OVERDUE: QColor("#842029")}


def level_brushes(level: int) -> tuple[QBrush, QBrush] | None:
    """Background and text brushes for a warning level (None: the normal colours)."""
    if level == Level.NONE:
        return None
    return QBrush(_BACKGROUNDS[level]), QBrush(_FOREGROUNDS[level])


def alert_level(alerts: Sequence[Alert]) -> int:
    kinds = {alert.kind for alert in alerts}
    if AlertKind.MATERIALS_OVERDUE in kinds:
        return Level.OVERDUE
    if kinds:
        return Level.SOON
    return Level.NONE
