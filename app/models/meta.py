"""What marks a database as Kenes's own."""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import Connection, String, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

# PRAGMA application_id of a Kenes SQLite file: "KENS" in ASCII.
SQLITE_APPLICATION_ID = 0x4B454E53
MARKER_KEY = "application"
MARKER_VALUE = "kenes"


class KenesMeta(Base):
    """Key/value facts about the database itself (which application, which version made it)."""

    __tablename__ = "kenes_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


# The database's identity: a uuid made once, kept in ``kenes_meta``.  Backups are kept in
# a folder per identity, so two databases never rotate away each other's copies.
IDENTITY_KEY = "database_id"
_IDENTITY = re.compile(r"^[0-9a-f]{32}$")


def new_identity() -> str:
    return uuid.uuid4().hex


def is_identity(value: object) -> bool:
    return isinstance(value, str) and _IDENTITY.match(value) is not None


def read_identity(path: Path) -> str | None:
    """The identity stored in a Kenes SQLite file, read-only; None when it cannot be told."""
    if not path.is_file():
        return None
    # Without a -wal beside it, the file alone holds everything, and a read-only
    # connection would leave an empty -wal and -shm behind; "immutable" reads it as it is.
    wal = Path(f"{path}-wal").exists()
    try:
        con = sqlite3.connect(
            path.resolve().as_uri() + ("?mode=ro" if wal else "?mode=ro&immutable=1"), uri=True
        )
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM kenes_meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return row[0] if row is not None and is_identity(row[0]) else None


def ensure_identity(connection: Connection) -> str:
    """The identity of the database on ``connection`` (in a transaction); made when missing."""
    found = connection.execute(
        select(KenesMeta.value).where(KenesMeta.key == IDENTITY_KEY)
    ).scalar_one_or_none()
    if found is not None and is_identity(found):
        return str(found)
    identity = new_identity()
    if found is None:
        connection.execute(insert(KenesMeta).values(key=IDENTITY_KEY, value=identity))
    else:
        connection.execute(
            update(KenesMeta).where(KenesMeta.key == IDENTITY_KEY).values(value=identity)
        )
    return identity


def write_file_identity(path: Path, *, renew: bool = False) -> str:
    """Make sure a Kenes SQLite file has an identity (a new one if ``renew``); return it.

    Only for a file already known to be a Kenes database (``kenes_meta`` exists since the
    first schema).
    """
    con = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        row = con.execute("SELECT value FROM kenes_meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
        if row is not None and is_identity(row[0]) and not renew:
            con.execute("ROLLBACK")
            return str(row[0])
        identity = new_identity()
        con.execute(
            "INSERT INTO kenes_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (IDENTITY_KEY, identity),
        )
        con.execute("COMMIT")
        return identity
    finally:
        con.close()
