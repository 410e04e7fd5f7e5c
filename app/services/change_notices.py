"""Tell other workstations what changed: PostgreSQL's NOTIFY, sent with each write.

Every write records an audit event (``app.services.base.audit``), which calls
:func:`notify` with the kind of record it touched.  PostgreSQL delivers a notification
only when the transaction commits, and once per distinct payload, so a refused action
tells nobody anything and a long action a few words.  SQLite has no such channel: one
workstation per SQLite file is the rule there (see ``app/models/network_share.py``).

The payload is ``"<process>:<kind>"``: a workstation ignores its own notifications, its
views having refreshed already.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

CHANNEL = "kenes_changes"
PROCESS = uuid.uuid4().hex[:12]


def notify(session: Session, kind: str) -> None:
    """Queue a notification of ``kind`` (a table's name) for when the transaction commits."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {
            "channel": CHANNEL,
            "payload": f"{PROCESS}:{kind}"[:7000],
        },
    )


def parse(payload: str) -> tuple[str, str]:
    """``(process, kind)`` of a notification's payload."""
    process, _, kind = payload.partition(":")
    return process, kind
