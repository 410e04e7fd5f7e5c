"""The merge of an exchange file into a session: resolve, write, check, then seal.

The file is never trusted.  Records are matched by their stable ``uid``
(updated, never duplicated); every rule the services apply is checked on the
result with the same domain functions (the composition on every date, the
attendance, who may vote, who may state a dissenting opinion ...), and every
problem is collected with its place in the file before the import is
refused.  Results of closed votes are kept as frozen when they were closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from app.formats.exchange_schema import TABLES, TableSpec
from app.services.base import SYSTEM
from app.services.exchange.merge_checks import RecordChecks
from app.services.exchange.merge_conduct import ConductChecks
from app.services.exchange.merge_protocols import ProtocolChecks
from app.services.exchange.merge_resolve import MergeResolve
from app.services.exchange.merge_state import CONFLICT_IN_DATABASE, Stop
from app.services.exchange.merge_write import MergeWrite
from app.services.exchange.profile_checks import ProfileChecks
from app.services.integrity.seal_meeting import seal_arrived
from app.services.search_index import new_rows_indexed_at_end


class Merger(ProfileChecks, ConductChecks, ProtocolChecks, RecordChecks, MergeWrite, MergeResolve):
    """Writes the records of an archive into a session and checks every rule on the result.

    The steps are resolve (``merge_resolve``), write (``merge_write``) and check
    (``merge_checks``, ``merge_conduct``, ``merge_protocols``, ``profile_checks``);
    every problem is collected with its place in the file before anything refuses.
    """

    def run(self) -> None:
        try:
            with self.session.no_autoflush:
                self._steps()
        except Stop:
            return
        except IntegrityError:
            self.problem("", CONFLICT_IN_DATABASE)

    def _steps(self) -> None:
        try:
            self._index()
            self._resolve()
            if self.problems:
                raise Stop
            self._read_locks()
            self._note_locks()
            self._note_closed()
            self._delete()
            with new_rows_indexed_at_end(self.session):
                for spec in TABLES:
                    self._write(spec)
                self._touch()
                self._check_rules()
            self.seal()
        except Stop:
            return

    def seal(self) -> None:
        """A meeting that arrives signed is sealed on arrival (when nothing refused the file)."""
        if not self.problems:
            seal_arrived(self.session, self.touched_meetings, SYSTEM.name)

    # A file merged as it is read (``merge_stream``): the same steps, a part at a time.

    def start_parts(self) -> None:
        """Before the first part: what the checks compare with, read before anything changes."""
        assert not self.deletions  # only an import merges as it reads; a return deletes
        self._read_locks()
        self._note_closed()

    def merge_part(self, spec: TableSpec, part: list[dict[str, Any]], at: int) -> None:
        """Records of ``spec``'s table from place ``at``, found, resolved and written; every
        table they may name came before them.  Raises :class:`Stop` at a problem."""
        self._index_records(spec, part, at)
        self._resolve_records(spec, part, at)
        if self.problems:
            raise Stop
        self._write(spec, part, at)

    def end_parts(self) -> None:
        """After the last part: every rule checked on the result."""
        self._note_locks()
        self._touch()
        self._check_rules()

    def _check_rules(self) -> None:
        self._flush(TABLES[0])
        self._check_records()
        self._check_locks()
        self._check_profiles()
        for council_id in sorted(self.touched_councils):
            self._check_council(council_id)
        self._check_positions()
        self._check_remarks()
        for meeting_id in sorted(self.touched_meetings):
            checked = self._check_meeting(meeting_id)
            if checked is not None:
                self._check_conduct(*checked)
                self._check_protocols(*checked)


@dataclass(frozen=True)
class TableCounts:
    """Records of one table: new, updated, unchanged, removed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> int:
        return self.new + self.updated + self.removed


def counts_of(merger: Merger) -> dict[str, TableCounts]:
    """What the merge did to each table of the file (and to every table it changed)."""
    return {
        name: TableCounts(*values)
        for name, values in merger.counts.items()
        if any(values) or merger.archive.records(name)
    }
