"""The records of an export read as they are written: a batch of rows at a time, never a table.

An archive of fifteen years holds some 600,000 ballots; building every record
before writing held about 2 GB.  Here each table is read with SQLAlchemy Core
in id order, ``batch`` rows at a time with the nested rows of just those rows,
and each record is handed on as soon as it is made, so what is held does not
grow with the archive (:attr:`TableStream.most_held` counts it, for the tests).
The records, their order and their content are those of
:func:`app.services.exchange.scope.build_tables`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.formats.exchange_schema import LIST, TABLES, TableSpec
from app.models.meeting import MaterialBlob
from app.models.protocol import IssuedDocument
from app.services.exchange.records import MODELS, NESTED_ORDER, PARENT_COLUMN, UidMap, serialize
from app.services.exchange.scope import Progress

BATCH = 500  # rows of a table read together (with their nested rows)


class TableStream:
    """Every table of ``scope`` (or every row of every table) as records, batch by batch.

    ``scope`` None means the whole archive: each table is read whole, in id order,
    without first collecting its ids.  The files the records name (materials,
    issued PDFs) are gathered in :attr:`blobs` as the records pass, to be written
    after the document.
    """

    def __init__(
        self,
        session: Session,
        scope: Mapping[str, set[int]] | None,
        *,
        batch: int = BATCH,
        progress: Progress | None = None,
    ) -> None:
        self.session = session
        self.scope = scope
        self.batch = batch
        self.progress = progress
        self.uids = UidMap(session)
        self.counts: dict[str, int] = {}
        self.blobs: dict[str, Callable[[], bytes]] = {}
        self.most_held = 0  # the most rows (with nested rows) held at once

    def tables(self) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
        """(table name, its records) for every table of the format, in layout order."""
        total = len(TABLES)
        for step, spec in enumerate(TABLES):
            if self.progress is not None:
                self.progress(step, total)
            self.counts[spec.name] = 0
            records = self._records(spec)
            if spec.optional:  # written only when it has records (see TableSpec.optional)
                first = next(records, None)
                if first is None:
                    del self.counts[spec.name]
                    continue
                records = chain((first,), records)
            yield spec.name, records
        if self.progress is not None:
            self.progress(total, total)

    def blob_items(self) -> Iterator[tuple[str, Callable[[], bytes]]]:
        """The files gathered, by SHA-256 (read after the document is written)."""
        yield from sorted(self.blobs.items())

    def _records(self, spec: TableSpec) -> Iterator[dict[str, Any]]:
        for rows in self._batches(spec):
            nested = self._children(spec, [row.id for row in rows])
            held = len(rows) + sum(
                len(group) for kids in nested.values() for group in kids.values()
            )
            self.most_held = max(self.most_held, held)
            for row in rows:
                record = serialize(spec, row, self.uids, nested)
                self.counts[spec.name] += 1
                self._note_blobs(spec.name, record)
                yield record

    def _batches(self, spec: TableSpec) -> Iterator[Sequence[Row[Any]]]:
        """The table's rows in id order, ``batch`` at a time (Core rows, not ORM objects)."""
        table = MODELS[spec.name].__table__
        if self.scope is None:
            result = self.session.execute(
                select(table).order_by(table.c.id), execution_options={"yield_per": self.batch}
            )
            yield from result.partitions()
            return
        wanted = sorted(self.scope.get(spec.name, ()))
        for start in range(0, len(wanted), self.batch):
            chunk = wanted[start : start + self.batch]
            yield self.session.execute(
                select(table).where(table.c.id.in_(chunk)).order_by(table.c.id)
            ).all()

    def _children(self, spec: TableSpec, ids: list[int]) -> dict[str, dict[int, list[Any]]]:
        """The nested rows of ``ids``: by nested table, then parent id, in list order."""
        found: dict[str, dict[int, list[Any]]] = {}
        for fspec in spec.fields:
            if fspec.kind != LIST or fspec.nested is None:
                continue
            name = fspec.nested.name
            table = MODELS[name].__table__
            parent_name = PARENT_COLUMN[name]
            parent = table.c[parent_name]
            order = [table.c[c] for c in NESTED_ORDER.get(name, ())] + [table.c.id]
            groups: dict[int, list[Any]] = defaultdict(list)
            for row in self.session.execute(select(table).where(parent.in_(ids)).order_by(*order)):
                groups[getattr(row, parent_name)].append(row)
            found[name] = groups
        return found

    def _note_blobs(self, table: str, record: Mapping[str, Any]) -> None:
        if table == "materials" and record["sha256"] not in self.blobs:
            self.blobs[record["sha256"]] = _material_loader(self.session, record["sha256"])
        elif table == "protocols":
            for issued in record["issued"]:
                if issued["pdf_sha256"] not in self.blobs:
                    self.blobs[issued["pdf_sha256"]] = _pdf_loader(
                        self.session, issued["pdf_sha256"]
                    )


def _material_loader(session: Session, sha256: str) -> Callable[[], bytes]:
    def load() -> bytes:
        data = session.scalar(select(MaterialBlob.data).where(MaterialBlob.sha256 == sha256))
        assert data is not None
        return bytes(data)

    return load


def _pdf_loader(session: Session, sha256: str) -> Callable[[], bytes]:
    def load() -> bytes:
        data = session.scalar(
            select(IssuedDocument.pdf).where(IssuedDocument.pdf_sha256 == sha256).limit(1)
        )
        assert data is not None
        return bytes(data)

    return load
