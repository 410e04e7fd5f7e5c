"""Meetings of a council: kinds, states and the rules that move a meeting between them.

A meeting is planned, its agenda approved by the chair (000 §8.5; 004 §20.1),
the members notified of place, time and agenda (000 §11.3; 004 §24), then it
is held and closed.  It may be postponed or cancelled with a reason on the
way.  Every move is a :class:`MeetingAction`; :data:`TRANSITIONS` says from
which state each action is allowed and where it leads, and :func:`guard`
refuses the others with a message that says why (OpenSlides' guard clauses).

Changing the agenda is an action too: after approval it takes the meeting
back to "planned", so the chair approves the changed agenda again.

The module also holds the pure rules around meetings: who presides, the
number proposed for a new meeting, the materials deadline (004 §27, §36), and
the warnings of the meetings list (materials overdue or due soon, a council
behind its minimum number of meetings a year, 004 §25).  It imports nothing
but the standard library and the domain.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from app.domain import translation
from app.domain.composition import Member, Role
from app.domain.deadlines import WorkCalendar, add_span, days_left
from app.domain.errors import DomainError, Term
from app.domain.regulation import Deadline, RegulationProfile
from app.domain.translation import N_


class MeetingKind(StrEnum):
    """Kinds of meeting (000 §12–13; 004 §25, §31–32)."""

    REGULAR = "regular"  # a session of the council (кезекті отырыс)
    EXTRAORDINARY = "extraordinary"  # at the chair's initiative (000 §13)
    INTERIM = "interim"  # between sessions, presided by someone named (004 §31)
    THEMATIC = "thematic"  # with the co-chairs of working groups (004 §32)


MEETING_KIND_LABELS = {
    MeetingKind.REGULAR: N_("Regular meeting"),
    MeetingKind.EXTRAORDINARY: N_("Extraordinary meeting"),
    MeetingKind.INTERIM: N_("Interim meeting"),
    MeetingKind.THEMATIC: N_("Thematic meeting"),
}

# Sessions of the council itself: the chair presides, they count towards the
# yearly minimum (004 §25) and open with the instructions report (004 §26).
SESSION_KINDS = frozenset({MeetingKind.REGULAR, MeetingKind.EXTRAORDINARY})
# Meetings over which the regulation lets a named person preside (004 §31–32).
NAMED_PRESIDING_KINDS = frozenset({MeetingKind.INTERIM, MeetingKind.THEMATIC})


class MeetingState(StrEnum):
    PLANNED = "planned"
    AGENDA_APPROVED = "agenda_approved"
    NOTIFIED = "notified"
    HELD = "held"
    CLOSED = "closed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


MEETING_STATE_LABELS = {
    MeetingState.PLANNED: N_("Planned"),
    MeetingState.AGENDA_APPROVED: N_("Agenda approved"),
    MeetingState.NOTIFIED: N_("Members notified"),
    MeetingState.HELD: N_("Held"),
    MeetingState.CLOSED: N_("Closed"),
    MeetingState.POSTPONED: N_("Postponed"),
    MeetingState.CANCELLED: N_("Cancelled"),
}

# States in which the meeting is still ahead: deadlines and warnings apply.
ACTIVE_STATES = frozenset(
    {MeetingState.PLANNED, MeetingState.AGENDA_APPROVED, MeetingState.NOTIFIED}
)
# States in which the agenda stands approved by the chair.
APPROVED_STATES = frozenset({MeetingState.AGENDA_APPROVED, MeetingState.NOTIFIED})


class MeetingAction(StrEnum):
    """What a user can do to a meeting; each is one service."""

    APPROVE_AGENDA = "approve_agenda"
    NOTIFY = "notify"
    MARK_HELD = "mark_held"
    CLOSE = "close"
    POSTPONE = "postpone"
    CANCEL = "cancel"
    REPLAN = "replan"
    EDIT_DETAILS = "edit_details"  # number, kind, date, time, place, presiding
    EDIT_AGENDA = "edit_agenda"  # items, speakers, materials


_S = MeetingState
_A = MeetingAction

TRANSITIONS: Mapping[MeetingState, Mapping[MeetingAction, MeetingState]] = {
    _S.PLANNED: {
        _A.APPROVE_AGENDA: _S.AGENDA_APPROVED,
        _A.POSTPONE: _S.POSTPONED,
        _A.CANCEL: _S.CANCELLED,
        _A.EDIT_DETAILS: _S.PLANNED,
        _A.EDIT_AGENDA: _S.PLANNED,
    },
    _S.AGENDA_APPROVED: {
        _A.NOTIFY: _S.NOTIFIED,
        _A.POSTPONE: _S.POSTPONED,
        _A.CANCEL: _S.CANCELLED,
        _A.EDIT_DETAILS: _S.AGENDA_APPROVED,
        # A changed agenda needs the chair's approval again.
        _A.EDIT_AGENDA: _S.PLANNED,
    },
    _S.NOTIFIED: {
        # Notifying again (a new member, a lost letter) adds to the list of the notified.
        _A.NOTIFY: _S.NOTIFIED,
        _A.MARK_HELD: _S.HELD,
        _A.POSTPONE: _S.POSTPONED,
        _A.CANCEL: _S.CANCELLED,
        # New date, time, place or presiding: the members must be notified again.
        _A.EDIT_DETAILS: _S.AGENDA_APPROVED,
        _A.EDIT_AGENDA: _S.PLANNED,
    },
    _S.HELD: {_A.CLOSE: _S.CLOSED},
    _S.CLOSED: {},
    _S.POSTPONED: {
        _A.REPLAN: _S.PLANNED,
        _A.CANCEL: _S.CANCELLED,
        # The agenda may be prepared further; re-planning asks for approval anyway.
        _A.EDIT_AGENDA: _S.POSTPONED,
    },
    _S.CANCELLED: {},
}

# Why an action is refused, whatever the state; {number} and {state} are filled in.
_REFUSALS = {
    _A.APPROVE_AGENDA: N_(
        "The agenda of meeting No. {number} cannot be approved: the meeting is in the "
        "state “{state}”, and only a planned meeting's agenda is approved."
    ),
    _A.NOTIFY: N_(
        "The members cannot be notified of meeting No. {number}: it is in the state "
        "“{state}”; notify them once the chair has approved the agenda."
    ),
    _A.MARK_HELD: N_(
        "Meeting No. {number} cannot be marked as held: it is in the state “{state}”; "
        "only a meeting whose members were notified is held."
    ),
    _A.CLOSE: N_(
        "Meeting No. {number} cannot be closed: it is in the state “{state}”; only a held "
        "meeting is closed."
    ),
    _A.POSTPONE: N_(
        "Meeting No. {number} cannot be postponed: it is in the state “{state}”; only a "
        "meeting still ahead is postponed."
    ),
    _A.CANCEL: N_(
        "Meeting No. {number} cannot be cancelled: it is in the state “{state}”; a held "
        "meeting stays in the record."
    ),
    _A.REPLAN: N_(
        "Meeting No. {number} cannot be planned again: it is in the state “{state}”; only "
        "a postponed meeting is planned for a new date."
    ),
    _A.EDIT_DETAILS: N_(
        "Meeting No. {number} can no longer be changed: it is in the state “{state}”."
    ),
    _A.EDIT_AGENDA: N_(
        "The agenda of meeting No. {number} can no longer be changed: the meeting is in "
        "the state “{state}”."
    ),
}

_NOT_NOTIFIED = N_(
    "Meeting No. {number} cannot be marked as held yet: the members have not been notified of it."
)
# Clearer words for a few refusals than the general ones above.
_SPECIFIC_REFUSALS = {
    (_A.APPROVE_AGENDA, _S.AGENDA_APPROVED): N_(
        "The agenda of meeting No. {number} is already approved."
    ),
    (_A.APPROVE_AGENDA, _S.NOTIFIED): N_("The agenda of meeting No. {number} is already approved."),
    (_A.NOTIFY, _S.PLANNED): N_(
        "The members cannot be notified of meeting No. {number} yet: the chair has not "
        "approved its agenda."
    ),
    (_A.MARK_HELD, _S.PLANNED): _NOT_NOTIFIED,
    (_A.MARK_HELD, _S.AGENDA_APPROVED): _NOT_NOTIFIED,
    (_A.MARK_HELD, _S.HELD): N_("Meeting No. {number} is already marked as held."),
    (_A.CLOSE, _S.CLOSED): N_("Meeting No. {number} is already closed."),
    (_A.POSTPONE, _S.POSTPONED): N_("Meeting No. {number} is already postponed."),
    (_A.CANCEL, _S.CANCELLED): N_("Meeting No. {number} is already cancelled."),
    (_A.EDIT_DETAILS, _S.POSTPONED): N_(
        "Meeting No. {number} is postponed; plan it again for a new date instead of editing it."
    ),
}


def allowed_actions(state: MeetingState) -> frozenset[MeetingAction]:
    """The actions a meeting in ``state`` allows (for enabling buttons)."""
    return frozenset(TRANSITIONS[state])


def can(action: MeetingAction, state: MeetingState) -> bool:
    return action in TRANSITIONS[state]


def refusal(action: MeetingAction, state: MeetingState, *, number: int) -> DomainError | None:
    """Why ``action`` cannot be done in ``state`` (None: it can), without raising.

    The views show it beside a disabled action (tool tip, status bar), so the
    words a user sees before trying are the words :func:`guard` refuses with.
    """
    if action in TRANSITIONS[state]:
        return None
    message = _SPECIFIC_REFUSALS.get((action, state), _REFUSALS[action])
    return DomainError(message, number=number, state=Term(MEETING_STATE_LABELS[state]))


def guard(action: MeetingAction, state: MeetingState, *, number: int) -> MeetingState:
    """The state ``action`` leads to from ``state``, or a refusal that says why not."""
    error = refusal(action, state, number=number)
    if error is not None:
        raise error
    return TRANSITIONS[state][action]


# -- the other guards of the transitions -----------------------------------------------


def check_agenda_not_empty(item_count: int, *, number: int) -> None:
    """An empty agenda is never approved."""
    if item_count < 1:
        raise DomainError(
            N_(
                "The agenda of meeting No. {number} is empty; add at least one item "
                "before it is approved."
            ),
            number=number,
        )


def check_not_in_future(day: date, today: date, *, number: int) -> None:
    """A meeting is marked as held on or after its date, never before."""
    if day > today:
        raise DomainError(
            N_(
                "Meeting No. {number} is dated {day}, which is still ahead; it cannot be "
                "marked as held before it takes place."
            ),
            number=number,
            day=day,
        )


def held_early(day: date, starts_at: time, now: datetime) -> bool:
    """Whether recording the meeting as held at ``now`` comes before its planned start.

    A meeting dated later is refused (:func:`check_not_in_future`); one that is
    due to start later today may have been held early, so the view asks first.
    """
    return now.date() == day and now.time() < starts_at


def check_reason(reason: str, action: MeetingAction) -> None:
    """Postponing and cancelling say why."""
    if not reason:
        if action is MeetingAction.POSTPONE:
            raise DomainError(N_("Say why the meeting is postponed."))
        raise DomainError(N_("Say why the meeting is cancelled."))


def check_times(starts: time, ends: time | None) -> None:
    """The end, when given, comes after the start."""
    if ends is not None and ends <= starts:
        raise DomainError(
            N_("The meeting must end after it starts: it starts at {start} and ends at {end}."),
            start=f"{starts:%H:%M}",
            end=f"{ends:%H:%M}",
        )


# -- numbering -------------------------------------------------------------------------


def propose_number(taken: Iterable[int]) -> int:
    """The number proposed for a new meeting of a council in a year: the highest + 1."""
    return max(taken, default=0) + 1


MAX_MEETING_NUMBER = 9999


def check_number(number: object, taken: Iterable[int], *, year: int) -> int:
    """A meeting number is a whole number from 1 to 9999, unique for the council in its year."""
    taken_set = set(taken)
    if (
        isinstance(number, bool)
        or not isinstance(number, int)
        or not 1 <= number <= MAX_MEETING_NUMBER
    ):
        raise DomainError(
            N_("A meeting number is a whole number from 1 to {limit}."), limit=MAX_MEETING_NUMBER
        )
    if number in taken_set:
        raise DomainError(
            N_(
                "The council already has a meeting No. {number} in {year}; choose another "
                "number (No. {proposed} is free)."
            ),
            number=number,
            year=year,
            proposed=propose_number(taken_set),
        )
    return number


# -- presiding -------------------------------------------------------------------------

_CHAIR_ROLES = (Role.CHAIR, Role.CO_CHAIR)


def presiding_candidates(members: Sequence[Member]) -> list[int]:
    """Who may preside over a session on a date, in order: chair (co-chairs), deputy chairs."""
    chairs = [m.person_id for m in members if m.role in _CHAIR_ROLES and m.person_id]
    deputies = [m.person_id for m in members if m.role is Role.DEPUTY_CHAIR and m.person_id]
    return [p for p in chairs + deputies if p is not None]


def choose_presiding(
    kind: MeetingKind, day: date, members: Sequence[Member], named: int | None = None
) -> int:
    """The person who presides over a meeting of ``kind`` on ``day``.

    ``members`` is the composition on ``day``.  Sessions (regular and
    extraordinary) are presided by the chair, or by a deputy chair when the
    chair is absent (named) or the chair's seat is vacant (by default); a
    session dated when the composition has no chair's seat is refused.
    Interim and thematic meetings may be presided by anyone named (004 §31
    names the head of the Presidential Administration); without a name the
    chair, else a deputy chair, presides.
    """
    candidates = presiding_candidates(members)
    if kind in NAMED_PRESIDING_KINDS:
        if named is not None:
            return named
        if candidates:
            return candidates[0]
        raise DomainError(
            N_(
                "The council has no chair or deputy chair in office on {day}; name the "
                "person who presides over the meeting."
            ),
            day=day,
        )
    if not any(m.role in _CHAIR_ROLES for m in members):
        raise DomainError(
            N_(
                "The council had no chair on {day}: its composition has no chair's seat on "
                "that date, so no session of the council can be planned then."
            ),
            day=day,
        )
    if not candidates:
        raise DomainError(
            N_(
                "On {day} the chair's seat is vacant and no deputy chair is in office, so "
                "nobody can preside over the session."
            ),
            day=day,
        )
    if named is None:
        return candidates[0]
    if named not in candidates:
        raise DomainError(
            N_(
                "A session of the council is presided by the chair, or by a deputy chair in "
                "the chair's absence; the person named holds neither seat on {day}."
            ),
            day=day,
        )
    return named


def default_approver(members: Sequence[Member], presiding: int) -> int:
    """Who approves the agenda by default: the chair in office, else the presiding person."""
    chairs = [m.person_id for m in members if m.role in _CHAIR_ROLES and m.person_id]
    return chairs[0] if chairs and chairs[0] is not None else presiding


def check_approver(approver: int, members: Sequence[Member], presiding: int, *, day: date) -> None:
    """The agenda is approved by the chair (000 §8.5; 004 §20.1) or whoever presides."""
    allowed = set(presiding_candidates(members)) | {presiding}
    if approver not in allowed:
        raise DomainError(
            N_(
                "The agenda is approved by the chair or by the person presiding; the person "
                "named is neither on {day}."
            ),
            day=day,
        )


# -- the agenda ------------------------------------------------------------------------

# The first item of a session when the profile asks for it (004 §26), in the three
# languages.  Stored as data on the item, not translated: it is the council's text.
INSTRUCTIONS_REPORT_TITLES = {
    "kk": "Алдыңғы отырыс хаттамасының хаттамалық тапсырмаларының орындалуы туралы есеп",
    "ru": "Отчет об исполнении протокольных поручений предыдущего заседания",
    "en": "Report on the execution of the previous protocol's instructions",
}


def opens_with_instructions_report(profile: RegulationProfile, kind: MeetingKind) -> bool:
    """Whether a new meeting's agenda starts with the instructions report (004 §26).

    004 §26 speaks of the council's sessions; interim meetings discuss
    "preliminary results" (004 §34) and are left to the secretary.
    """
    return profile.opens_with_instructions_report and kind in SESSION_KINDS


def check_item_titles(titles: Mapping[str, str]) -> None:
    """An agenda item has a title in at least one language."""
    if not any(t.strip() for t in titles.values()):
        raise DomainError(N_("An agenda item needs a title in at least one language."))


def check_move(index: object, count: int) -> int:
    """A place in an agenda of ``count`` items (0-based), or a refusal."""
    if isinstance(index, bool) or not isinstance(index, int) or not (0 <= index < count):
        raise DomainError(
            N_("There is no place {place} in the agenda; its places are numbered 1 to {count}."),
            count=count,
            place=index + 1 if isinstance(index, int) else str(index),
        )
    return index


def moved(order: Sequence[int], item_id: int, index: int) -> list[int]:
    """``order`` with ``item_id`` moved to ``index`` (the others keep their order)."""
    rest = [i for i in order if i != item_id]
    rest.insert(index, item_id)
    return rest


# -- deadlines -------------------------------------------------------------------------


def materials_deadline(profile: RegulationProfile, kind: MeetingKind) -> Deadline | None:
    """How long before a meeting of ``kind`` the materials are due, per the profile.

    Interim and thematic meetings use the interim deadline (004 §36: 15
    working days); when a profile has none, the general one applies.
    """
    if kind in NAMED_PRESIDING_KINDS and profile.materials_deadline_interim is not None:
        return profile.materials_deadline_interim
    return profile.materials_deadline


def materials_due(
    profile: RegulationProfile, kind: MeetingKind, day: date, calendar: WorkCalendar
) -> date | None:
    """The last day the materials for a meeting on ``day`` may be submitted, or None.

    Counted backwards with :func:`app.domain.deadlines.add_span`: "at least 15
    working days before" is the 15th working day before the meeting; a
    calendar-day or month deadline landing on a day off moves to the working
    day before it.
    """
    deadline = materials_deadline(profile, kind)
    if deadline is None:
        return None
    return add_span(day, deadline, calendar, before=True)


def protocol_draft_deadline(profile: RegulationProfile, kind: MeetingKind) -> Deadline | None:
    """How long after the meeting the draft protocol is due (004 §30, §38)."""
    if kind in NAMED_PRESIDING_KINDS and profile.protocol_draft_deadline_interim is not None:
        return profile.protocol_draft_deadline_interim
    return profile.protocol_draft_deadline


def protocol_draft_due(
    profile: RegulationProfile, kind: MeetingKind, day: date, calendar: WorkCalendar
) -> date | None:
    """The day the draft protocol of a meeting held on ``day`` is due, or None."""
    deadline = protocol_draft_deadline(profile, kind)
    if deadline is None:
        return None
    return add_span(day, deadline, calendar)


# -- warnings --------------------------------------------------------------------------


class AlertKind(StrEnum):
    MATERIALS_OVERDUE = "materials_overdue"
    MATERIALS_DUE_SOON = "materials_due_soon"
    BEHIND_MINIMUM = "behind_minimum"


@dataclass(frozen=True)
class Alert:
    """A warning for the meetings list, translated where it is shown.

    ``msgid`` is untranslated; :meth:`message` words it in the language in
    force (or in ``translations``).  The words avoid counted nouns
    ("items without materials: 3"), so no plural forms are needed.
    """

    kind: AlertKind
    msgid: str
    params: tuple[tuple[str, object], ...] = ()

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        t = translations if translations is not None else translation.current()
        return t.gettext(self.msgid).format(**dict(self.params))

    def __str__(self) -> str:
        return self.message()


# Materials are "due soon" within this many calendar days of their due date.
DUE_SOON_DAYS = 7


def materials_alert(
    today: date, due: date | None, items_without_materials: int, *, soon_days: int = DUE_SOON_DAYS
) -> Alert | None:
    """A warning when materials are overdue or due soon and some items still have none."""
    if due is None or items_without_materials <= 0:
        return None
    left = days_left(today, due)
    params = (("due", due.isoformat()), ("count", items_without_materials))
    if left < 0:
        return Alert(
            AlertKind.MATERIALS_OVERDUE,
            N_("Materials were due on {due}; agenda items still without materials: {count}."),
            params,
        )
    if left <= soon_days:
        return Alert(
            AlertKind.MATERIALS_DUE_SOON,
            N_("Materials are due on {due}; agenda items without materials yet: {count}."),
            params,
        )
    return None


@dataclass(frozen=True)
class YearTally:
    """A council's sessions in a year against its regulation's minimum (004 §25)."""

    year: int
    required: int
    held: int
    planned: int
    since: date | None = None  # the day the council was entered, when known

    def behind(self, today: date) -> bool:
        """Past years count what was held; the current and later years count the planned too.

        A council entered today is behind nothing yet: its secretary has had no
        day to plan its sessions, and a warning on the first screen would only
        alarm.
        """
        if self.required <= 0 or self.since == today:
            return False
        if self.year < today.year:
            return self.held < self.required
        return self.held + self.planned < self.required


def minimum_alert(tally: YearTally, today: date) -> Alert | None:
    """A warning when the council is behind its minimum number of meetings a year."""
    if not tally.behind(today):
        return None
    return Alert(
        AlertKind.BEHIND_MINIMUM,
        N_(
            "The council is behind its regulation: sessions required a year: {required}; in "
            "{year} held: {held}, planned: {planned}."
        ),
        (
            ("required", tally.required),
            ("year", tally.year),
            ("held", tally.held),
            ("planned", tally.planned),
        ),
    )
