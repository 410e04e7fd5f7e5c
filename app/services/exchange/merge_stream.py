"""An exchange file merged as it is read: a table at a time, a large table a part at a time.

Every reference of the layout names an earlier table or its own (a council's parent, a
protocol's revision it replaces), and the export writes the tables in that order.  So a
table's records can be found, resolved, written and released as soon as they are read,
and the file is never held whole: the archive of fifteen years held about 530 MB once
read, its decision points with their 600,000 ballots about 280 MB of it.  A table whose
records the merge releases once written (:data:`RELEASED`) goes a part at a time; any
other table goes whole, when its last record is read.

The merge goes on only while nothing is wrong.  At the first problem of any kind (in the
file's layout, a reference, a rule), or when the tables come in another order, it stops
and :class:`ReadWhole` says so at the end: the caller rolls back and merges the file read
whole, which finds and reports every problem exactly as it always did.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.formats.exchange_archive import ArchiveFile
from app.formats.exchange_schema import KIND_RETURN, TABLE_BY_NAME, TABLES
from app.services.exchange.merge_state import RELEASED, Stop
from app.services.exchange.merger import Merger
from app.services.search_index import new_rows_indexed_at_end

# The tables merged a part at a time: those whose records are released once written.  A
# record may name one of its own table (a protocol the revision it replaces): one of an
# earlier part is known by then, one here before keeps its id, and any other (a later part)
# is not found, which stops the merge (the file read whole writes it).
IN_PARTS = RELEASED
_ORDER = {spec.name: index for index, spec in enumerate(TABLES)}


class ReadWhole(Exception):
    """The file is to be merged read whole; what was written meanwhile is to be rolled back."""


class StreamedMerge:
    """Takes the records of a file as the reader hands them over, and merges them.

    A :class:`app.formats.exchange_stream.RecordSink`.  The parts are written inside
    :meth:`writing`; :meth:`finished` checks the rules on the result.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.merger: Merger | None = None
        self.stopped = False
        self.merged: dict[str, int] = {}  # table → its records merged
        self._last = -1  # the place in the layout of the table merged last
        self._stack: ExitStack | None = None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """While inside, the parts are written (the search index is filled on leaving)."""
        with ExitStack() as stack:
            self._stack = stack
            try:
                yield
            finally:
                self._stack = None

    def opened(self, archive: ArchiveFile) -> None:
        if archive.kind == KIND_RETURN or self._stack is None:
            self.stopped = True  # a return is refused on the way that reads it whole
            return
        self.merger = Merger(self.session, archive, consume=True)
        self._stack.enter_context(self.session.no_autoflush)
        self._stack.enter_context(new_rows_indexed_at_end(self.session))
        self.merger.start_parts()

    def records(self, table: str, start: int, done: bool) -> None:
        if self.stopped or self.merger is None:
            return
        if table not in self.merged:
            if _ORDER[table] <= self._last:  # a table the tables merged may name
                self.stopped = True
                return
            self._last = _ORDER[table]
            self.merged[table] = 0
        rows = self.merger.archive.tables[table]
        if table in IN_PARTS:
            self._merge(table, rows[start:], start)
        elif done:
            self._merge(table, rows, 0)

    def _merge(self, table: str, part: list[dict[str, object]], at: int) -> None:
        assert self.merger is not None
        try:
            self.merger.merge_part(TABLE_BY_NAME[table], part, at)
        except (Stop, IntegrityError):
            self.stopped = True
            return
        if self.merger.problems:
            self.stopped = True
            return
        self.merged[table] = at + len(part)

    def finished(self, archive: ArchiveFile) -> Merger:
        """The merge of ``archive`` (the file the reader returned), its rules checked.

        Raises :class:`ReadWhole` unless every record of that file was merged without a
        problem: then the file is to be merged read whole.
        """
        merger = self.merger
        if self.stopped or merger is None:
            raise ReadWhole
        if archive.tables is not merger.archive.tables or replace(archive, tables={}) != replace(
            merger.archive, tables={}
        ):
            raise ReadWhole  # something after the tables changed what came before them
        if any(self.merged.get(name, 0) != len(rows) for name, rows in archive.tables.items()):
            raise ReadWhole
        try:
            merger.end_parts()
        except (Stop, IntegrityError) as exc:
            raise ReadWhole from exc
        if merger.problems:
            raise ReadWhole
        return merger
