"""What can go wrong with a database's storage, told apart and explained.

A full disk, a read-only folder, a lock held by another program, a damaged file and a
lost connection to the server each get their own translated message, so that only real
damage suggests restoring a backup.  Split from ``app/models/database.py``, which opens
databases and re-exports these names.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy.exc import OperationalError

from app.domain.errors import ConnectionLost, EnvironmentProblem
from app.domain.translation import N_


class DatabaseOpenError(EnvironmentProblem):
    """The database cannot be opened; the file was not touched."""


class NewerSchemaError(DatabaseOpenError):
    """The database was written by a newer Kenes."""


class NotKenesDatabaseError(DatabaseOpenError):
    """The file is not a Kenes database."""


class CorruptDatabaseError(DatabaseOpenError):
    """The file is damaged."""


class DiskFullError(DatabaseOpenError):
    """The disk holding the database is full (not a damaged file)."""


class ReadOnlyStorageError(DatabaseOpenError):
    """The database or its folder cannot be written (not a damaged file)."""


class DatabaseLockedError(DatabaseOpenError):
    """Another program holds the database (not a damaged file)."""


# What went wrong with the storage, told apart so that only real damage suggests a backup.
FULL, READ_ONLY, LOCKED, DAMAGED, OTHER = "full", "read-only", "locked", "damaged", "other"
_SQLITE_KINDS = {
    13: FULL,  # SQLITE_FULL
    8: READ_ONLY,  # SQLITE_READONLY
    3: READ_ONLY,  # SQLITE_PERM
    5: LOCKED,  # SQLITE_BUSY
    6: LOCKED,  # SQLITE_LOCKED
    11: DAMAGED,  # SQLITE_CORRUPT
    26: DAMAGED,  # SQLITE_NOTADB
}
_ERRNO_KINDS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
}


def classify_storage_error(exc: BaseException) -> str:
    """FULL, READ_ONLY, LOCKED, DAMAGED or OTHER for a sqlite3, SQLAlchemy or OS error."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, OSError):
        return _ERRNO_KINDS.get(exc.errno or 0, OTHER)
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_KINDS:
        return _SQLITE_KINDS[code & 0xFF]
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text or "no space" in text:
        return FULL
    if "readonly" in text or "read-only" in text or "permission" in text:
        return READ_ONLY
    if "locked" in text or "busy" in text:
        return LOCKED
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DAMAGED
    return OTHER


MSG_DISK_FULL_OPEN = N_(
    "The disk holding the database {path} is full, so Kenes cannot open it. The database "
    "is not damaged: free some space on the disk and start Kenes again."
)
MSG_LOCKED_OPEN = N_(
    "The database {path} is locked by another program, so Kenes cannot open it now. Close "
    "the other program (or the other Kenes window) and try again; the database is not damaged."
)
MSG_READ_ONLY_OPEN = N_(
    "The database {path} is on a read-only disk or in a read-only folder, and Kenes cannot "
    "open it. The database is not damaged: copy it to a folder you can write to, or ask your "
    "administrator for write access."
)
MSG_DAMAGED = N_(
    "The database {path} is damaged ({reason}). It was left untouched; restore it from a backup."
)
MSG_READ_ONLY_WRITE = N_(
    "The database {path} is on a read-only disk or in a read-only folder, so nothing can be "
    "saved. Reading, exporting and printing still work; to make changes, copy the database "
    "to a folder you can write to, or ask your administrator for write access."
)
MSG_READ_ONLY_NOTICE = N_(
    "The database {path} is on a read-only disk or in a read-only folder, so it was opened "
    "read-only. Reading, exporting and printing work; changes cannot be saved."
)


def open_problem(exc: BaseException, where: str) -> DatabaseOpenError:
    """The open error that says what really happened (only damage suggests a backup)."""
    kind = classify_storage_error(exc)
    if kind == FULL:
        return DiskFullError(MSG_DISK_FULL_OPEN, path=where)
    if kind == READ_ONLY:
        return ReadOnlyStorageError(MSG_READ_ONLY_OPEN, path=where)
    if kind == LOCKED:
        return DatabaseLockedError(MSG_LOCKED_OPEN, path=where)
    orig = getattr(exc, "orig", None)
    reason = str(orig if orig is not None else exc)
    if kind == DAMAGED:
        return CorruptDatabaseError(MSG_DAMAGED, path=where, reason=reason)
    return DatabaseOpenError(
        N_("The database file {path} cannot be opened: {reason}"), path=where, reason=reason
    )


def storage_is_read_only(path: Path) -> bool:
    """True when an existing database file, or its folder, cannot be written."""
    if not path.is_file():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


MSG_CONNECTION_LOST = N_(
    "The connection to the database server {path} was lost. Nothing of this action was "
    "saved; what was saved before is safe. Kenes connects again at the next action: check "
    "the network, then try again."
)


MSG_CONNECTION_LOST_COMMITTING = N_(
    "The connection to the database server {path} was lost while this action was being "
    "saved, so Kenes cannot tell whether the server saved it. Kenes connects again at the "
    "next action: look at the record before repeating the action."
)


def lost_connection(where: str, *, committing: bool) -> ConnectionLost:
    """The explanation of a lost connection: before committing nothing was saved."""
    if committing:
        return ConnectionLost(MSG_CONNECTION_LOST_COMMITTING, repeatable=False, path=where)
    return ConnectionLost(MSG_CONNECTION_LOST, repeatable=True, path=where)


def connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` is a database server that went away (network, restart, admin)."""
    if getattr(exc, "connection_invalidated", False):
        return True
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(
        sign in text
        for sign in (
            "server closed the connection",
            "terminating connection",
            "connection refused",
            "consuming input failed",
            "the connection is closed",
            "connection timed out",
            "could not receive data",
            "could not send data",
        )
    )


def storage_problem(
    exc: OperationalError, where: str, *, committing: bool = False
) -> EnvironmentProblem:
    """A translated explanation of a storage failure (``committing``: it failed at commit)."""
    if connection_lost(exc):
        return lost_connection(where, committing=committing)
    kind = classify_storage_error(exc)
    if kind == FULL:
        return EnvironmentProblem(
            N_(
                "The disk holding {path} is full. Nothing was saved; free some space and try again."
            ),
            path=where,
        )
    if kind == READ_ONLY:
        return EnvironmentProblem(MSG_READ_ONLY_WRITE, path=where)
    if kind == LOCKED:
        return EnvironmentProblem(
            N_(
                "The database {path} is locked by another program. Nothing was saved; try again "
                "in a moment, or close the other program."
            ),
            path=where,
        )
    if kind == DAMAGED:
        return EnvironmentProblem(
            MSG_DAMAGED, path=where, reason=str(exc.orig if exc.orig is not None else exc)
        )
    return EnvironmentProblem(
        N_("The database {path} could not be written: {reason}. Nothing was saved."),
        path=where,
        reason=str(exc.orig if exc.orig is not None else exc),
    )
