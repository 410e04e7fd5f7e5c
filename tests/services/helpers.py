"""Helpers for service tests: row counts that prove a refusal wrote nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.composition import Act, Council, Person, Position, PositionHolding, Seat
from app.models.database import Database

TABLES = (Council, Person, Position, PositionHolding, Seat, Act, AuditEvent)


def counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in TABLES
        }


def audit_actions(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
