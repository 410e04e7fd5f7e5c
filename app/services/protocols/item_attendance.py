"""Who came and went during a meeting, told where it happened in the protocol.

The protocol's header states how many members with a vote were present when
the meeting opened (at the first item) and lists everyone who was present at
any item, with a note of the items they attended.  Each later item then opens
with the changes since the item before it: who arrived before it, who left
after the previous one, and, when that crossed the quorum line, that the
quorum was lost or restored and how many members with a vote were present.
So the members present at any item, and so the voters of its roll call, are
derivable from the protocol alone: the header, plus every change up to that
item (tests/services/protocols/test_item_attendance.py checks it for generated
meetings).

Russian verbs agree with the person's gender where it is known (``GN_``
messages, see :mod:`app.domain.translation`); otherwise the neutral wording
is used, which never writes «прибыл(а)».
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass

from app.domain.quorum import QuorumStatus
from app.domain.translation import GN_, N_, gendered
from app.formatting import format_time
from app.services.conduct.queries import LiveMeeting, MemberLine

ARRIVED = GN_("{name} arrived before this item was considered.")
LEFT = GN_("{name} left the meeting after item {number} was considered.")
# The same, with the clock time the secretary recorded.
ARRIVED_AT = GN_("{name} arrived at {time}, before this item was considered.")
LEFT_AT = GN_("{name} left the meeting at {time}, after item {number} was considered.")
QUORUM_LOST = N_(
    "The quorum was lost after item {number} was considered (left: {names}): {present}; "
    "at least {required} were needed."
)
QUORUM_RESTORED = N_(
    "The quorum was restored before this item (arrived: {names}): {present}; "
    "at least {required} were needed."
)
# Notes after a name in the header's list of members present.
FROM_ITEM = N_("present from item {number}")
UNTIL_ITEM = N_("present up to and including item {number}")
ITEMS_SPAN = N_("present at items {first} to {last}")
ONE_ITEM = N_("present at item {number} only")


@dataclass(frozen=True)
class ItemAttendance:
    """What the protocol says at the head of one item about who is there."""

    notes: tuple[str, ...] = ()  # arrivals, then departures, one sentence each
    quorum_note: str = ""  # the quorum lost or restored with these changes, or ""


def _gender(member: MemberLine) -> str:
    """The person's gender: "male", "female" or "unknown" (then the neutral wording)."""
    return member.person.gender


def _arrived(member: MemberLine) -> int | None:
    """The 0-based item a present member arrived before, when after the opening."""
    record = member.attendance
    if record is None or not record.present or record.arrived_before_item is None:
        return None
    return record.arrived_before_item if record.arrived_before_item > 0 else None


def _left(member: MemberLine, item_count: int) -> int | None:
    """The 0-based item after which a present member left, when before the end."""
    record = member.attendance
    if record is None or not record.present or record.left_after_item is None:
        return None
    return record.left_after_item if record.left_after_item < item_count - 1 else None


def presence_note(member: MemberLine, item_count: int, t: gettext.NullTranslations) -> str:
    """The header's note for a member who did not attend every item ("present from item 2")."""
    arrived, left = _arrived(member), _left(member, item_count)
    if arrived is None and left is None:
        return ""
    if arrived is None:
        assert left is not None
        return t.gettext(UNTIL_ITEM).format(number=left + 1)
    if left is None:
        return t.gettext(FROM_ITEM).format(number=arrived + 1)
    if left == arrived:
        return t.gettext(ONE_ITEM).format(number=arrived + 1)
    return t.gettext(ITEMS_SPAN).format(first=arrived + 1, last=left + 1)


def _count(t: gettext.NullTranslations, quorum: QuorumStatus) -> str:
    return t.ngettext(
        "{present} of {total} member with a vote present at this item",
        "{present} of {total} members with a vote present at this item",
        quorum.base,
    ).format(present=quorum.present, total=quorum.base)


def _arrival(member: MemberLine, lang: str, t: gettext.NullTranslations) -> str:
    name = member.person.full_name(lang)
    at = member.attendance.arrived_at if member.attendance else None
    if at is None:
        return gendered(ARRIVED, _gender(member), t).format(name=name)
    return gendered(ARRIVED_AT, _gender(member), t).format(name=name, time=format_time(at, lang))


def _departure(member: MemberLine, after: int, lang: str, t: gettext.NullTranslations) -> str:
    """``after``: the item (numbered from 1) after which the member left."""
    name = member.person.full_name(lang)
    at = member.attendance.left_at if member.attendance else None
    if at is None:
        return gendered(LEFT, _gender(member), t).format(name=name, number=after)
    return gendered(LEFT_AT, _gender(member), t).format(
        name=name, number=after, time=format_time(at, lang)
    )


def item_attendance(
    live: LiveMeeting, lang: str, t: gettext.NullTranslations
) -> tuple[ItemAttendance, ...]:
    """One :class:`ItemAttendance` per agenda item, in the language of ``t``."""
    count = len(live.items)
    sections = []
    for line in live.items:
        index = line.index
        if index == 0:
            sections.append(ItemAttendance())
            continue
        came = [m for m in live.members if _arrived(m) == index]
        went = [m for m in live.members if _left(m, count) == index - 1]
        notes = [_arrival(m, lang, t) for m in came]
        notes += [_departure(m, index, lang, t) for m in went]
        before, now = live.items[index - 1].quorum, line.quorum
        quorum_note = ""
        if now.required is not None and before.has_quorum != now.has_quorum:
            if now.has_quorum:
                movers, text = [m for m in came if m.voting], QUORUM_RESTORED
            else:
                movers, text = [m for m in went if m.voting], QUORUM_LOST
            quorum_note = t.gettext(text).format(
                number=index,
                names=", ".join(m.person.full_name(lang) for m in movers),
                present=_count(t, now),
                required=now.required,
            )
        sections.append(ItemAttendance(tuple(notes), quorum_note))
    return tuple(sections)
