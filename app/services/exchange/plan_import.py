"""What importing a file would change, found by a dry run: nothing is written.

The whole import runs in a transaction that is rolled back, so the summary
(new, updated and unchanged records per table) and every refusal are known
before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.formats.exchange_archive import ArchiveFile
from app.formats.problem import Problem
from app.models.database import Database
from app.services.exchange.frozen_votes import ProfileChangeNote
from app.services.exchange.import_common import checked_archive, refuse_return
from app.services.exchange.merger import Merger, TableCounts, counts_of


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, found by a dry run; ``problems`` empty means it can be applied."""

    archive: ArchiveFile
    counts: dict[str, TableCounts]
    problems: tuple[Problem, ...] = ()
    # Every change of a council's regulation profile, said in words before importing.
    profile_changes: tuple[ProfileChangeNote, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def new(self) -> int:
        return sum(c.new for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())


class _DryRun(Exception):
    def __init__(self, merger: Merger) -> None:
        super().__init__("dry run")
        self.merger = merger


def _merge_dry(db: Database, archive: ArchiveFile) -> Merger:
    try:
        with db.transaction() as session:
            merger = Merger(session, archive)
            merger.run()
            raise _DryRun(merger)
    except _DryRun as dry:
        return dry.merger


def plan_import(db: Database, archive: ArchiveFile) -> ImportPlan:
    """What importing ``archive`` would change, and every problem that refuses it.

    The import is run in a transaction that is rolled back: nothing is written.
    """
    checked = checked_archive(archive)
    refuse_return(checked)
    merger = _merge_dry(db, checked)
    return ImportPlan(
        checked, counts_of(merger), tuple(merger.problems), tuple(merger.profile_notes)
    )
