"""Opening a Kenes database: checks first, then engine, pragmas and migrations.

Nothing is written to a database before it is known to be a Kenes database
whose schema this version understands.  SQLite files are inspected through a
read-only connection, so a refused file stays byte-identical.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.domain.collation import compare as kazakh_compare
from app.domain.errors import ChangedMeanwhile, EnvironmentProblem
from app.domain.translation import N_
from app.models.changes import CheckMemory, stamp_of
from app.models.collation import SQLITE_COLLATION
from app.models.meta import SQLITE_APPLICATION_ID, ensure_identity
from app.models.storage_errors import (
    DAMAGED as DAMAGED,
)
from app.models.storage_errors import (
    FULL as FULL,
)
from app.models.storage_errors import (
    LOCKED as LOCKED,
)
from app.models.storage_errors import (
    MSG_CONNECTION_LOST as MSG_CONNECTION_LOST,
)
from app.models.storage_errors import (
    MSG_DAMAGED as MSG_DAMAGED,
)
from app.models.storage_errors import (
    MSG_READ_ONLY_NOTICE as MSG_READ_ONLY_NOTICE,
)
from app.models.storage_errors import (
    MSG_READ_ONLY_OPEN as MSG_READ_ONLY_OPEN,
)
from app.models.storage_errors import (
    MSG_READ_ONLY_WRITE as MSG_READ_ONLY_WRITE,
)
from app.models.storage_errors import (
    OTHER as OTHER,
)
from app.models.storage_errors import (
    READ_ONLY as READ_ONLY,
)
from app.models.storage_errors import (  # re-exported for the callers
    CorruptDatabaseError as CorruptDatabaseError,
)
from app.models.storage_errors import (
    DatabaseLockedError as DatabaseLockedError,
)
from app.models.storage_errors import (
    DatabaseOpenError as DatabaseOpenError,
)
from app.models.storage_errors import (
    DiskFullError as DiskFullError,
)
from app.models.storage_errors import (
    NewerSchemaError as NewerSchemaError,
)
from app.models.storage_errors import (
    NotKenesDatabaseError as NotKenesDatabaseError,
)
from app.models.storage_errors import (
    ReadOnlyStorageError as ReadOnlyStorageError,
)
from app.models.storage_errors import (
    classify_storage_error as classify_storage_error,
)
from app.models.storage_errors import (
    connection_lost as connection_lost,
)
from app.models.storage_errors import (
    lost_connection as lost_connection,
)
from app.models.storage_errors import (
    open_problem as open_problem,
)
from app.models.storage_errors import (
    storage_is_read_only as storage_is_read_only,
)
from app.models.storage_errors import (
    storage_problem as storage_problem,
)

if TYPE_CHECKING:  # Alembic is imported only when a schema must change (it costs 0.3 s)
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# A file up to this size gets SQLite's quick check before it opens (about 0.1 s); a larger
# one is checked in the background once the window is shown (KenesApp.back_up_at_start).
QUICK_CHECK_MAX_BYTES = 64 * 2**20


def alembic_config() -> Config:
    """Alembic configuration pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


_REVISION = re.compile(r"^(down_)?revision\s*=\s*['\"]?([\w.-]+|None)['\"]?\s*$", re.MULTILINE)


@cache
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing Alembic.

    Alembic itself agrees (``tests/models/test_database.py`` compares them); reading the
    two lines of each file takes a millisecond where loading the script directory takes
    a third of a second at every start.
    """
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict((bool(m.group(1)), m.group(2)) for m in _REVISION.finditer(path.read_text()))
        if False in found:
            down = found.get(True)
            graph[found[False]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    """The newest schema revision this version of Kenes knows."""
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down is not None}
    assert len(heads) == 1, f"the migrations must have one head, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    """Every schema revision this version of Kenes can migrate from."""
    return set(_revision_graph())


def to_url(target: str | Path) -> URL:
    """Turn a file path or a database URL into a SQLAlchemy URL."""
    text = str(target)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseOpenError(
            N_("“{url}” is not a database address Kenes understands."), url=text
        ) from exc
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def describe(url: URL) -> str:
    """A short human name of the database, without any password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


@dataclass(frozen=True)
class SchemaState:
    """What the read-only inspection found."""

    exists: bool
    revision: str | None


def inspect_sqlite_file(
    path: Path, *, quick_check: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> SchemaState:
    """Look at a SQLite file without writing to it; refuse what Kenes must not open.

    ``quick_check`` False leaves out SQLite's quick check (it reads the whole file: about
    a second for a 500 MB archive); the header, the application id and the schema
    revision are always checked.
    """
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(exists=False, revision=None)
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        if classify_storage_error(exc) in (FULL, READ_ONLY, LOCKED):
            raise open_problem(exc, str(path)) from exc
        raise DatabaseOpenError(
            N_("The database file {path} cannot be read: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    if header != SQLITE_HEADER:
        raise NotKenesDatabaseError(
            N_("{path} is not a Kenes database (it is not a SQLite file). It was left untouched."),
            path=str(path),
        )
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as exc:
        raise open_problem(exc, str(path)) from exc
    try:
        try:
            check = con.execute("PRAGMA quick_check").fetchone() if quick_check else ("ok",)
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError as exc:
            raise open_problem(exc, str(path)) from exc
        if check is None or check[0] != "ok":
            raise CorruptDatabaseError(
                MSG_DAMAGED,
                path=str(path),
                reason=str(check[0]) if check else "quick_check",
            )
        if not tables:
            return SchemaState(exists=False, revision=None)
        if app_id != SQLITE_APPLICATION_ID or "alembic_version" not in tables:
            raise NotKenesDatabaseError(
                N_("{path} is a database of another program, not of Kenes. It was left untouched."),
                path=str(path),
            )
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return SchemaState(exists=True, revision=row[0] if row else None)
    finally:
        con.close()


def _check_revision(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            N_(
                "The database {path} was written by a newer version of Kenes "
                "(schema {revision}). Install the newer Kenes to open it; the file was "
                "left untouched."
            ),
            path=where,
            revision=revision,
        )


def _install_sqlite_pragmas(
    engine: Engine, busy_timeout_ms: int, *, read_only: bool = False
) -> None:
    """WAL, foreign keys, a busy timeout, and transactions that really begin (SQLAlchemy recipe)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()
        # Kazakh alphabetical order for ORDER BY (app/models/collation.py); never in the schema,
        # so other SQLite tools still open the file.
        dbapi_connection.create_collation(SQLITE_COLLATION, kazakh_compare)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock at BEGIN, so a check-then-write never meets SQLITE_BUSY halfway.
        write = conn.get_execution_options().get("kenes_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


_THIS_THREAD = threading.local()


def commits_in_this_thread() -> int:
    """How many write transactions this thread has committed (any database).

    The views' runner repeats an action whose connection was lost only when none of its
    transactions committed: repeating it then cannot save anything twice.
    """
    return int(getattr(_THIS_THREAD, "commits", 0))


class Database:
    """An open Kenes database: engine, sessions and a name to show."""

    def __init__(self, engine: Engine, *, created: bool = False) -> None:
        self.engine = engine
        self.created = created  # True when this open created the database (a first start)
        self.needs_check = False  # opened without SQLite's quick check: check it soon
        self.read_only = False  # on a read-only disk or folder: reading works, writes are refused
        self.url = engine.url
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(kenes_write=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_name(self) -> str:
        return describe(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed on success, rolled back on any error.

        Failures of the machine (disk full, read-only folder, a lock held by
        another program) become an :class:`EnvironmentProblem` with a clear
        message; the transaction is rolled back, so nothing is half-saved.
        """
        if self.read_only:
            raise EnvironmentProblem(MSG_READ_ONLY_WRITE, path=self.display_name)
        committing = False  # a connection lost at COMMIT may have saved it: not repeatable
        try:
            with self._write.begin() as session:
                yield session
                session.flush()
                committing = True
        except OperationalError as exc:
            raise storage_problem(exc, self.display_name, committing=committing) from exc
        except StaleDataError as exc:
            # Another workstation saved the same record after this one read it: its
            # version no longer matches (PostgreSQL; SQLite writers take turns earlier).
            raise ChangedMeanwhile from exc
        _THIS_THREAD.commits = commits_in_this_thread() + 1

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end)."""
        session = self._read()
        try:
            with session.begin():
                yield session
                session.rollback()
        except OperationalError as exc:
            if not connection_lost(exc):
                raise
            raise lost_connection(self.display_name, committing=False) from exc
        finally:
            session.close()

    def revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()


def _make_engine(
    url: URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS, *, read_only: bool = False
) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
        _install_sqlite_pragmas(engine, busy_timeout_ms, read_only=read_only)
        return engine
    return create_engine(url, pool_pre_ping=True)


def upgrade(database: Database, revision: str = "head") -> None:
    """Apply the pending migrations (up to ``revision``) in one transaction."""
    from alembic import command

    cfg = alembic_config()
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def open_database(
    target: str | Path,
    *,
    migrate: bool = True,
    backup_dir: Path | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    quick_check_max_bytes: int | None = None,
    read_only: bool | None = None,
    check_memory: CheckMemory | None = None,
) -> Database:
    """Open (creating and migrating where needed) the database at ``target``.

    Raises a :class:`DatabaseOpenError` subclass, with the file untouched, when
    the database is newer than this Kenes, is not a Kenes database, or is damaged.
    A SQLite file larger than ``quick_check_max_bytes`` (None: no limit) opens without
    SQLite's quick check; the caller checks it later (``Database.needs_check``).
    With ``check_memory``, a file unchanged since its last clean check is not checked again
    (app/models/changes.py), and a clean check is remembered.
    A SQLite file on a read-only disk or in a read-only folder (or with ``read_only`` True)
    opens read-only (``Database.read_only``; show :data:`MSG_READ_ONLY_NOTICE`): reading,
    exporting and printing work, writes are refused with a clear message.
    """
    url = to_url(target)
    where = describe(url)
    opening = _Opening()
    if url.get_backend_name() == "sqlite":
        opening = _open_sqlite_file(
            url,
            where,
            migrate=migrate,
            backup_dir=backup_dir,
            busy_timeout_ms=busy_timeout_ms,
            quick_check_max_bytes=quick_check_max_bytes,
            read_only=read_only,
            check_memory=check_memory,
        )
        if opening.read_only is not None:
            return opening.read_only
    engine = _make_engine(url, busy_timeout_ms)
    database = Database(engine, created=opening.created)
    database.needs_check = opening.unchecked
    try:
        if url.get_backend_name() != "sqlite":
            database.created = _check_server_database(engine, where)
        if migrate and not opening.at_head:  # at the newest schema, Alembic has nothing to do
            _upgrade_or_refuse(database, where)
        if migrate:
            _ensure_identity(engine)
    except OperationalError as exc:
        engine.dispose()
        if classify_storage_error(exc) != OTHER:
            raise open_problem(exc, where) from exc
        raise DatabaseOpenError(
            N_("The database {path} cannot be opened: {reason}"),
            path=where,
            reason=str(exc.orig) if exc.orig is not None else str(exc),
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return database


@dataclass(frozen=True)
class _Opening:
    """What inspecting a SQLite file found before its engine is made."""

    created: bool = False
    at_head: bool = False
    unchecked: bool = False
    read_only: Database | None = None  # opened already, read-only


def _open_sqlite_file(
    url: URL,
    where: str,
    *,
    migrate: bool,
    backup_dir: Path | None,
    busy_timeout_ms: int,
    quick_check_max_bytes: int | None,
    read_only: bool | None,
    check_memory: CheckMemory | None,
) -> _Opening:
    """Check a SQLite file before opening it: revision, integrity, storage; back it up."""
    if not url.database or url.database == ":memory:":
        raise DatabaseOpenError(N_("Kenes needs a database file, not an in-memory database."))
    path = Path(url.database)
    size = path.stat().st_size if path.is_file() else 0
    known = check_memory is not None and check_memory.unchanged_since_clean_check(path)
    unchecked = not known and quick_check_max_bytes is not None and size > quick_check_max_bytes
    stamp = stamp_of(path) if check_memory is not None and not (known or unchecked) else None
    state = inspect_sqlite_file(
        path, quick_check=not (known or unchecked), busy_timeout_ms=busy_timeout_ms
    )
    if check_memory is not None and stamp is not None and state.exists:
        check_memory.remember_clean(path, stamp)
    _check_revision(state.revision, where)
    if read_only is None:
        read_only = storage_is_read_only(path)
    if read_only and state.exists:
        return _Opening(read_only=_open_read_only(path, state, where, busy_timeout_ms, unchecked))
    if read_only:
        raise ReadOnlyStorageError(MSG_READ_ONLY_OPEN, path=where)
    at_head = state.exists and state.revision == head_revision()
    if migrate and backup_dir is not None and state.exists and not at_head:
        from app.models.backup import backup_database, folder_for

        backup_database(path, folder_for(backup_dir, path), "before-migration")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseOpenError(
            N_("The folder {path} cannot be created: {reason}"),
            path=str(path.parent),
            reason=exc.strerror or str(exc),
        ) from exc
    return _Opening(created=not state.exists, at_head=at_head, unchecked=unchecked)


def _open_read_only(
    path: Path, state: SchemaState, where: str, busy_timeout_ms: int, unchecked: bool
) -> Database:
    """Open a database that cannot be written: no migration, no identity, writes refused."""
    if state.revision != head_revision():  # an older schema would need writing to upgrade
        raise ReadOnlyStorageError(MSG_READ_ONLY_OPEN, path=where)
    query = {"mode": "ro", "uri": "true"}
    if not os.access(path.parent, os.W_OK):  # no -wal/-shm can be made beside it
        query["immutable"] = "1"
    url = URL.create("sqlite", database="file:" + path.resolve().as_posix(), query=query)
    engine = _make_engine(url, busy_timeout_ms, read_only=True)
    database = Database(engine)
    database.url = to_url(path)  # the name shown is the file's, not the URI's
    database.read_only = True
    database.needs_check = unchecked
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1 FROM alembic_version").fetchall()
    except OperationalError as exc:
        engine.dispose()
        raise open_problem(exc, where) from exc
    return database


def _ensure_identity(engine: Engine) -> None:
    """Give the database the identity its backups are kept under (once, at its first open).

    A database on a read-only medium opens without one; its backups get it later.
    """
    try:
        with engine.begin() as conn:
            ensure_identity(conn)
    except OperationalError:
        if engine.url.get_backend_name() != "sqlite":
            raise


def _upgrade_or_refuse(database: Database, where: str) -> None:
    from alembic.util.exc import CommandError

    try:
        upgrade(database)
    except CommandError as exc:
        raise NewerSchemaError(
            N_(
                "The database {path} was written by a newer version of Kenes "
                "(schema {revision}). Install the newer Kenes to open it; the file was "
                "left untouched."
            ),
            path=where,
            revision=str(exc),
        ) from exc


def _check_server_database(engine: Engine, where: str) -> bool:
    """The same checks as for a file, on a server database; True when it is empty (new)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return True
        if "alembic_version" not in tables or "kenes_meta" not in tables:
            raise NotKenesDatabaseError(
                N_("{path} is a database of another program, not of Kenes. It was left untouched."),
                path=where,
            )
        revision = MigrationContext.configure(conn).get_current_revision()
    _check_revision(revision, where)
    return False
