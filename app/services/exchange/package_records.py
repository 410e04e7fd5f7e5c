"""Meeting packages remembered in the audit trail: the base of every record as it left."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.meeting import Meeting
from app.services.base import Actor, audit


def record_package(session: Session, actor: Actor, action: str, package: Mapping[str, Any]) -> None:
    """Remember a package's base (the hash of every record as it left the office)."""
    meeting_uid = package.get("meeting")
    meeting = session.scalar(select(Meeting).where(Meeting.uid == meeting_uid))
    audit(
        session,
        actor,
        action,
        entity="meetings",
        entity_id=meeting.id if meeting is not None else None,
        council_id=meeting.council_id if meeting is not None else None,
        after={
            "package": package.get("id"),
            "meeting": meeting_uid,
            "made_at": package.get("made_at"),
            "base": dict(package.get("base", {})),
        },
    )


def latest_package(session: Session, meeting_uid: str, action: str) -> dict[str, Any] | None:
    """The newest package of a meeting recorded with ``action`` (imported or exported)."""
    for event in session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == action, AuditEvent.entity == "meetings")
        .order_by(AuditEvent.id.desc())
    ):
        after = event.after or {}
        if after.get("meeting") == meeting_uid:
            return dict(after)
    return None


def package_by_id(session: Session, package_id: str, action: str) -> dict[str, Any] | None:
    for event in session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    ):
        after = event.after or {}
        if after.get("package") == package_id:
            return dict(after)
    return None
