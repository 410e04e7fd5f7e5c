"""End the meeting from the live window: close the open votings, then the meeting.

At the end of a sitting the secretary should not have to leave the live window,
find the meeting on the Meetings page, mark it held and close it.  "End meeting…"
does the same steps with the same actions (``close_voting``, ``mark_held``,
``close_meeting``), after one confirmation that says what will happen.

Nothing is written until every step is known to be allowed: a voting that would
need the secretary's judgement (counts not entered, an item without a quorum) or a
meeting that cannot be closed yet is refused first, the standard way, with the
database unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from PySide6.QtWidgets import QWidget

from app.domain.errors import DomainError, KenesError
from app.domain.meeting import MeetingAction, MeetingState, check_not_in_future, held_early
from app.domain.meeting import refusal as meeting_refusal
from app.domain.translation import N_
from app.i18n import _, ngettext
from app.services.conduct.queries import LiveMeeting
from app.services.conduct.voting import close_voting
from app.services.meetings.close_meeting import close_meeting
from app.services.meetings.mark_held import mark_held
from app.views.form_widgets import ask
from app.views.live_meeting.state import LiveState
from app.views.operations import CONDUCT, MEETINGS, run

COUNTS_MISSING = N_(
    "Meeting No. {number} cannot be ended yet: the counts of decision point {point} "
    "(item {item}) have not been entered. Enter them, or remove the point, first."
)
NO_QUORUM = N_(
    "Meeting No. {number} cannot be ended yet: item {item} has no quorum. Close the voting "
    "on decision point {point} yourself (Ctrl+Enter), as the regulation asks, first."
)


@dataclass(frozen=True)
class Ending:
    """What ending the meeting will do: the votings to close, whether to mark it held."""

    point_ids: tuple[int, ...]
    mark_held: bool
    early: bool  # the planned start has not come yet


def why_not(live: LiveMeeting) -> KenesError | None:
    """Why the meeting cannot be ended from its state (None: it can), for the tool tip too."""
    meeting = live.meeting
    if meeting.state in (MeetingState.HELD, MeetingState.NOTIFIED):
        return None
    closed = meeting.state is MeetingState.CLOSED
    action = MeetingAction.CLOSE if closed else MeetingAction.MARK_HELD
    return meeting_refusal(action, meeting.state, number=meeting.number)


def plan_ending(state: LiveState, today: date, now: datetime) -> Ending:
    """The steps, or the refusal of the first one that is not allowed (nothing written)."""
    live = state.live
    assert live is not None
    meeting = live.meeting
    error = why_not(live)
    if error is not None:
        raise error
    if meeting.state is MeetingState.NOTIFIED:
        check_not_in_future(meeting.day, today, number=meeting.number)
    points: list[int] = []
    for item in live.items:
        for row in state.item_points(item):
            if row.closed:
                continue
            params = {"number": meeting.number, "point": row.decision.number}
            if row.result is None:
                raise DomainError(COUNTS_MISSING, item=item.item.number, **params)
            if not item.quorum.has_quorum:
                raise DomainError(NO_QUORUM, item=item.item.number, **params)
            points.append(row.decision.id)
    held = meeting.state is MeetingState.NOTIFIED
    early = held and held_early(meeting.day, meeting.starts_at, now)
    return Ending(tuple(points), held, early)


def question(number: int, ending: Ending) -> str:
    """The confirmation: every step that will be taken, in order."""
    lines = [_("End meeting No. {number}?").format(number=number)]
    count = len(ending.point_ids)
    if count:
        lines.append(
            ngettext(
                "The voting on {n} open decision point will be closed with the result it has now.",
                "The voting on {n} open decision points will be closed with the results "
                "they have now.",
                count,
            ).format(n=count)
        )
    if ending.mark_held:
        lines.append(_("The meeting will be recorded as held."))
        if ending.early:
            lines.append(_("Its planned start has not come yet."))
    lines.append(
        _(
            "Then the meeting will be closed: nothing more can be recorded in it, and its "
            "protocol can be drafted. This window will close."
        )
    )
    return "\n\n".join(lines)


def end_meeting(parent: QWidget, state: LiveState) -> bool:
    """Ask, then close the votings, mark the meeting held if needed and close it."""
    if state.live is None:
        return False
    number, meeting_id = state.live.meeting.number, state.meeting_id
    ending = run(parent, lambda: plan_ending(state, date.today(), datetime.now()))
    if ending is None or not ask(parent, question(number, ending)):
        return False
    db, actor = state.db, state.actor
    done = True
    for point_id in ending.point_ids:
        done = run(parent, partial(close_voting, db, actor, point_id), CONDUCT) is not None
        if not done:
            break
    if done and ending.mark_held:
        done = run(parent, lambda: mark_held(db, actor, meeting_id), MEETINGS) is not None
    if done:
        done = run(parent, lambda: close_meeting(db, actor, meeting_id), MEETINGS) is not None
    state.stale.emit()
    state.saved.emit()
    return done
