"""Move a whole archive between databases: SQLite to PostgreSQL and back, verified.

``kenes copy --from URL --to URL`` copies every table of the schema, row for row with
its ids, into an empty database of the same schema version, in one transaction, then
verifies the copy: the number of rows of every table, the audit trail's hash chain and
the seals of signed meetings (``app/services/integrity/verify.py``).  Unlike an exchange
file, which carries a council's record between secretariats, this moves one
secretariat's database to another server, accounts included.

Times are stored in UTC by Kenes; SQLite gives them back without a zone and PostgreSQL
in the session's zone, so each is written as an aware UTC time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Table, func, insert, select, text
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.base import Base
from app.models.database import Database
from app.services.accounts.authorize import authorize
from app.services.base import Actor
from app.services.integrity.verify import RecordCheck, verify_in

BATCH = 2000


@dataclass(frozen=True)
class CopyReport:
    """What was copied, and what the check of the copy found."""

    rows: Mapping[str, int]
    record: RecordCheck

    @property
    def total(self) -> int:
        return sum(self.rows.values())


#: The database's own facts (its identity, which Kenes made it) stay the target's.
OWN_TABLES = frozenset({"kenes_meta"})


def _tables() -> list[Table]:
    import app.models.registry  # noqa: F401 -- every mapped table in the metadata

    return [t for t in Base.metadata.sorted_tables if t.name not in OWN_TABLES]


def _count(session: Session, table: Table) -> int:
    return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _utc(value: object) -> object:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def _rows(table: Table, batch: Iterable[Any]) -> list[dict[str, Any]]:
    zoned = [c.name for c in table.columns if isinstance(c.type, DateTime) and c.type.timezone]
    rows = [dict(row._mapping) for row in batch]
    for row in rows:
        for name in zoned:
            row[name] = _utc(row[name])
    return rows


def _refuse_unless_empty(session: Session, tables: list[Table]) -> None:
    for table in tables:
        if _count(session, table):
            raise DomainError(
                N_(
                    "The target database already holds records; a copy goes only into an "
                    "empty database (create a new one, or give another address)."
                )
            )


def _continue_sequences(session: Session, tables: list[Table]) -> None:
    """PostgreSQL: each id sequence continues after the copied ids."""
    for table in tables:
        if "id" not in table.columns or not table.columns["id"].primary_key:
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def copy_database(source: Database, target: Database, actor: Actor) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target``, then verify the copy.

    With accounts, only an administrator of the source database may copy it.
    """
    with source.reading() as session:
        authorize(session, actor.name, "database.copy", None)
    if source.revision() != target.revision():
        raise DomainError(
            N_("The two databases have different schema versions; open both with this Kenes.")
        )
    tables = _tables()
    copied: dict[str, int] = {}
    with source.reading() as reading, target.transaction() as writing:
        _refuse_unless_empty(writing, tables)
        for table in tables:
            result = reading.execute(select(table).execution_options(yield_per=BATCH))
            copied[table.name] = 0
            for batch in result.partitions(BATCH):
                rows = _rows(table, batch)
                writing.execute(insert(table), rows)
                copied[table.name] += len(rows)
        if writing.get_bind().dialect.name == "postgresql":
            _continue_sequences(writing, tables)
    with target.reading() as session:
        landed = {table.name: _count(session, table) for table in tables}
        record = verify_in(session)
    if landed != copied:
        differing = sorted(name for name in copied if landed.get(name) != copied[name])
        raise DomainError(
            N_("The copy is incomplete: these tables differ in their number of rows: {tables}."),
            tables=", ".join(differing),
        )
    return CopyReport(copied, record)
