"""Dated changes of a council's regulation profile, and the profile in force on a day.

A profile change takes effect from a date (the act that changed it says which) and
never reaches back over a closed vote or a signed protocol: the votes already
closed keep the profile they were counted under (frozen with them), and a change
dated on or before such a meeting is refused (a change that counts no vote
differently, such as who signs, only on or before a signed protocol).  The rule is
written once here, for the council editor and for the import alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.profile_changes import changes_counting
from app.domain.regulation import RegulationProfile, profile_from_dict, profile_to_dict
from app.domain.translation import N_
from app.formatting import legal_date, legal_date_plain
from app.i18n import interface_language
from app.models.composition import Council
from app.models.conduct import DecisionPoint
from app.models.meeting import AgendaItem, Meeting
from app.models.profile_history import ProfileVersion
from app.models.protocol import Protocol
from app.services.base import Actor, check_date, clean_text, expect


@dataclass(frozen=True)
class ProfileAct:
    """The act that changed a council's regulation profile, as the secretary enters it."""

    title: str = ""
    number: str = ""
    act_date: date | None = None
    text: str = ""


@dataclass(frozen=True)
class ClosedMeeting:
    """A meeting whose record a profile change may not reach: a vote closed, or signed."""

    number: int
    meeting_date: date
    signed: bool = False  # a signed protocol: no change reaches it, whatever it changes


def stored_profile(data: object) -> RegulationProfile:
    """A profile as Kenes stored it (``{}`` or a legacy shape read with the defaults)."""
    return profile_from_dict(data if isinstance(data, dict) else {})


def versions_of(session: Session, council_id: int) -> list[ProfileVersion]:
    """The council's profile versions, the oldest first (undated first, then by date)."""
    rows = list(
        session.scalars(
            select(ProfileVersion)
            .where(ProfileVersion.council_id == council_id)
            .order_by(ProfileVersion.id)
        )
    )
    return sorted(rows, key=lambda v: (v.effective_from or date.min, v.id))


def profile_on(session: Session, council_id: int, day: date) -> RegulationProfile:
    """The profile in force on ``day``: the latest version dated on or before it."""
    chosen: ProfileVersion | None = None
    for version in versions_of(session, council_id):
        if version.effective_from is None or version.effective_from <= day:
            chosen = version
    if chosen is not None:
        return stored_profile(chosen.profile)
    council = session.get(Council, council_id)
    return stored_profile(council.profile if council is not None else {})


def closed_meetings(session: Session, council_id: int) -> list[ClosedMeeting]:
    """Meetings of the council with a closed vote or a signed protocol, the earliest first."""
    from app.services.protocols.common import LOCKED_STATES

    voted = session.execute(
        select(Meeting.number, Meeting.meeting_date)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .join(DecisionPoint, DecisionPoint.item_id == AgendaItem.id)
        .where(Meeting.council_id == council_id, DecisionPoint.state == "closed")
    ).all()
    signed = session.execute(
        select(Meeting.number, Meeting.meeting_date)
        .join(Protocol, Protocol.meeting_id == Meeting.id)
        .where(Meeting.council_id == council_id, Protocol.state.in_(sorted(LOCKED_STATES)))
    ).all()
    signed_keys = {(int(n), d) for n, d in signed}
    found = {ClosedMeeting(int(n), d, (int(n), d) in signed_keys) for n, d in (*voted, *signed)}
    return sorted(found, key=lambda m: (m.meeting_date, m.number))


def check_takes_effect(
    day: date | None, closed: Iterable[ClosedMeeting], *, counting: bool = True
) -> None:
    """Refuse a change that would reach a closed vote or a signed protocol.

    ``day`` None is a change with no date, in force for every meeting: allowed only
    while the council has no closed vote and no signed protocol at all.  A change
    that leaves every counting rule as it was (``counting`` False: who signs, the
    deadlines) cannot alter a closed result, so only signed protocols stop it.
    """
    lang = interface_language()
    reached = [m for m in closed if counting or m.signed]
    for meeting in sorted(reached, key=lambda m: (m.meeting_date, m.number)):
        if day is None:
            raise DomainError(
                N_(
                    "Say from which date the new regulation profile takes effect: meeting "
                    "No. {number} of {meeting_day} already has a closed vote or a signed "
                    "protocol, and its results stay as they were counted."
                ),
                number=meeting.number,
                meeting_day=legal_date(meeting.meeting_date, lang),
            )
        if meeting.meeting_date >= day:
            raise DomainError(
                N_(
                    "The new regulation profile cannot take effect from {day}: meeting "
                    "No. {number} of {meeting_day} already has a closed vote or a signed "
                    "protocol, and its results stay as they were counted. Choose a date "
                    "after that meeting."
                ),
                day=legal_date_plain(day, lang),
                number=meeting.number,
                meeting_day=legal_date(meeting.meeting_date, lang),
            )


def check_order(day: date, versions: Iterable[ProfileVersion]) -> None:
    """Refuse a change dated before a change already recorded (the history stays in order)."""
    dated = [v.effective_from for v in versions if v.effective_from is not None]
    if dated and day < max(dated):
        raise DomainError(
            N_(
                "A later change of the regulation profile is recorded already, in force from "
                "{day}; a new change cannot take effect before it."
            ),
            day=legal_date_plain(max(dated), interface_language()),
        )


def clean_act(act: object) -> ProfileAct:
    value = expect(act, ProfileAct, N_("Act"))
    return ProfileAct(
        title=clean_text(value.title, N_("Act"), limit=1000),
        number=clean_text(value.number, N_("Act number"), limit=64),
        act_date=check_date(value.act_date, N_("Act date"), required=False),
        text=clean_text(value.text, N_("Text"), limit=20_000, multiline=True),
    )


def change_profile(
    session: Session,
    actor: Actor,
    council: Council,
    profile: RegulationProfile,
    effective_from: date | None,
    act: ProfileAct | None,
) -> ProfileVersion | None:
    """Make ``profile`` the council's profile from ``effective_from`` (the act's date by default).

    Returns the version recorded, or None when the profile did not change or the
    council, with nothing closed yet, simply takes it for every meeting.
    """
    new = profile_to_dict(profile)
    if profile_to_dict(stored_profile(council.profile)) == new:
        return None
    clean = clean_act(act) if act is not None else ProfileAct()
    day = check_date(effective_from, N_("Takes effect from"), required=False) or clean.act_date
    versions = versions_of(session, council.id)
    counting = changes_counting(stored_profile(council.profile), profile)
    check_takes_effect(day, closed_meetings(session, council.id), counting=counting)
    if day is None:
        if versions:
            raise DomainError(
                N_(
                    "The regulation profile of this council has changed before; say from "
                    "which date the new profile takes effect."
                )
            )
        council.profile = new
        return None
    check_order(day, versions)
    moment = datetime.now(UTC)
    if not versions:  # the profile in force until now becomes the first version
        session.add(
            ProfileVersion(
                council_id=council.id,
                effective_from=None,
                profile=dict(council.profile or {}),
                recorded_at=moment,
                recorded_by=actor.name,
            )
        )
    version = ProfileVersion(
        council_id=council.id,
        effective_from=day,
        profile=new,
        act_title=clean.title,
        act_number=clean.number,
        act_date=clean.act_date,
        act_text=clean.text,
        recorded_at=moment,
        recorded_by=actor.name,
    )
    session.add(version)
    council.profile = new
    session.flush()
    return version


def version_data(version: ProfileVersion) -> dict[str, Any]:
    """What the audit trail keeps of a version."""
    return {
        "effective_from": version.effective_from.isoformat() if version.effective_from else None,
        "act_title": version.act_title,
        "act_number": version.act_number,
        "act_date": version.act_date.isoformat() if version.act_date else None,
    }
