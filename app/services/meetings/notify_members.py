"""Notify the members of a meeting: the agenda notice (PDF) and an invitation (.ics) each."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.domain.file_names import DocumentKind, document_file_name
from app.domain.meeting import MeetingAction, MeetingState, guard
from app.domain.translation import N_
from app.models.database import Database
from app.models.meeting import Notification
from app.services.base import Actor
from app.services.meetings.common import (
    LANGS,
    MeetingInfo,
    as_utc,
    audit_meeting,
    check_moment,
    load_meeting,
    meeting_info,
    meeting_snapshot,
    set_state,
)
from app.services.notice import (
    Invitation,
    build_notice,
    check_language,
    make_invitations,
)


class Channel:
    PDF = "pdf"
    ICS = "ics"


@dataclass(frozen=True)
class NotificationInfo:
    id: int
    meeting_id: int
    person_id: int
    round: int
    channel: str
    lang: str
    file_name: str
    file_sha256: str
    notified_at: datetime
    notified_by: str


def notification_info(row: Notification) -> NotificationInfo:
    moment = as_utc(row.notified_at)
    assert moment is not None
    return NotificationInfo(
        row.id,
        row.meeting_id,
        row.person_id,
        row.round,
        row.channel,
        row.lang,
        row.file_name,
        row.file_sha256,
        moment,
        row.notified_by,
    )


@dataclass(frozen=True)
class NoticeFile:
    file_name: str
    data: bytes
    sha256: str


@dataclass(frozen=True)
class MembersNotified:
    """The files to send, and the record of who was notified (``round`` 1, 2...)."""

    meeting: MeetingInfo
    previous: MeetingState
    round: int
    notice: NoticeFile
    invitations: tuple[Invitation, ...]
    notifications: tuple[NotificationInfo, ...]


def notify_members(
    db: Database, actor: Actor, meeting_id: int, lang: str = "kk", *, at: datetime | None = None
) -> MembersNotified:
    """Issue the agenda notice in ``lang`` and an invitation per person, and record them.

    Allowed once the chair has approved the agenda, and again after
    notification (a new member, a lost letter): each round is recorded and
    the invitations carry a higher sequence, so calendars update the event.
    The meeting needs a place.  ``at`` is the moment of notification
    (default: now).
    """
    check_language(lang)
    moment = check_moment(at)
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        previous = MeetingState(meeting.state)
        target = guard(MeetingAction.NOTIFY, previous, number=meeting.number)
        if not any(getattr(meeting, f"place_{code}") for code in LANGS):
            raise DomainError(
                N_(
                    "Meeting No. {number} has no place yet; enter where it takes place before "
                    "notifying the members."
                ),
                number=meeting.number,
            )
        done = session.scalar(
            select(func.max(Notification.round)).where(Notification.meeting_id == meeting.id)
        )
        round_ = (done or 0) + 1
        snapshot = build_notice(session, meeting, lang)
        from app.reports.agenda_notice_pdf import render

        pdf = render(snapshot)
        notice = NoticeFile(
            document_file_name(DocumentKind.NOTICE, meeting.number, meeting.meeting_date, lang),
            pdf,
            hashlib.sha256(pdf).hexdigest(),
        )
        invites = make_invitations(session, meeting, snapshot, stamp=moment, sequence=round_ - 1)
        rows = []
        for invite in invites:
            for channel, name, digest in (
                (Channel.PDF, notice.file_name, notice.sha256),
                (Channel.ICS, invite.file_name, invite.sha256),
            ):
                row = Notification(
                    meeting_id=meeting.id,
                    person_id=invite.person_id,
                    round=round_,
                    channel=channel,
                    lang=lang,
                    file_name=name,
                    file_sha256=digest,
                    notified_at=moment,
                    notified_by=actor.name,
                )
                session.add(row)
                rows.append(row)
        before = meeting_snapshot(meeting)
        set_state(meeting, target, actor, moment)
        audit_meeting(session, actor, "meeting.notify", meeting, before=before)
        return MembersNotified(
            meeting_info(meeting),
            previous,
            round_,
            notice,
            invites,
            tuple(notification_info(r) for r in rows),
        )
