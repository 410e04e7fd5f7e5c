"""Import a planned file in one transaction: everything, or nothing and every reason.

The import is run again, for real; it is refused when any rule is broken or
when the database changed since the plan was made.  :func:`import_at_once`
plans and writes in one pass, for a user who said yes before seeing the
summary (``kenes import --yes``): the merge of a large archive is not done twice.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile, ImportRefused
from app.formats.exchange_reader import read_archive_file
from app.formats.exchange_schema import KIND_PACKAGE, TABLE_BY_NAME
from app.formats.exchange_stream import NotStreamable
from app.models.database import Database
from app.services.base import Actor, audit, expect
from app.services.exchange.import_common import checked_archive, refuse_return
from app.services.exchange.merge_state import Key
from app.services.exchange.merge_stream import ReadWhole, StreamedMerge
from app.services.exchange.merger import Merger, TableCounts, counts_of
from app.services.exchange.package_records import record_package
from app.services.exchange.plan_import import ImportPlan


@dataclass(frozen=True)
class ImportResult:
    counts: dict[str, TableCounts]
    kind: str
    package_id: str = ""

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.counts.values())


def _without(archive: ArchiveFile, keep_ours: set[Key]) -> ArchiveFile:
    tables = {
        name: [r for r in records if (name, r["uid"]) not in keep_ours]
        for name, records in archive.tables.items()
    }
    return ArchiveFile(
        archive.source,
        archive.kind,
        archive.version,
        archive.created_at,
        archive.generator,
        archive.scope,
        archive.package,
        tables,
        archive.blob_entries,
        archive.zipped,
        archive.limits,
    )


def _resolutions(archive: ArchiveFile, resolutions: object) -> set[Key]:
    """Records the user keeps as they are in the database ("table/uid": "ours")."""
    if resolutions is None:
        return set()
    chosen = expect(resolutions, dict, N_("Import"))
    keep: set[Key] = set()
    for key, choice in chosen.items():
        if not isinstance(key, str) or choice not in ("ours", "theirs"):
            raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Import")))
        table, _sep, uid = key.partition("/")
        if table not in TABLE_BY_NAME or not any(r["uid"] == uid for r in archive.records(table)):
            raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Import")))
        if choice == "ours":
            keep.add((table, uid))
    return keep


def apply_import(
    db: Database,
    actor: Actor,
    plan: ImportPlan,
    resolutions: dict[str, str] | None = None,
) -> ImportResult:
    """Import the planned file in one transaction: everything, or nothing and the reasons.

    ``resolutions`` may keep records as they are here ("table/uid" → "ours");
    every other record of the file is written.  Refused (nothing written) when
    any rule is broken, or when the database changed since the plan was made.
    """
    expect(plan, ImportPlan, N_("Import"))
    archive = checked_archive(plan.archive)
    refuse_return(archive)
    keep = _resolutions(archive, resolutions)
    source = _without(archive, keep) if keep else archive
    with db.transaction() as session:
        merger = Merger(session, source)
        merger.run()
        if merger.problems:
            raise ImportRefused(merger.problems)
        counts = counts_of(merger)
        if not keep and isinstance(plan.counts, dict) and counts != plan.counts:
            raise DomainError(
                N_(
                    "The database changed since the summary was made; read the "
                    "file again and review the new summary."
                )
            )
        return _record(session, actor, archive, counts, keep)


def _record(
    session: Session,
    actor: Actor,
    archive: ArchiveFile,
    counts: dict[str, TableCounts],
    keep: set[Key],
) -> ImportResult:
    """The audit event of the import (and the package's, for a meeting package)."""
    audit(
        session,
        actor,
        "exchange.import",
        entity="exchange",
        after={
            "file": Path(archive.source).name,
            "kind": archive.kind,
            "counts": {k: [c.new, c.updated, c.unchanged, c.removed] for k, c in counts.items()},
            "kept": sorted(f"{t}/{u}" for t, u in keep),
        },
    )
    package_id = ""
    if archive.kind == KIND_PACKAGE and archive.package is not None:
        package_id = str(archive.package.get("id", ""))
        record_package(session, actor, "exchange.package_import", archive.package)
    return ImportResult(counts, archive.kind, package_id)


class _Refused(Exception):
    """Rolls the one-pass import back; carries the plan with its problems."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("refused")
        self.plan = plan


def import_at_once(
    db: Database, actor: Actor, path: Path | str
) -> tuple[ImportPlan, ImportResult | None]:
    """Read the file at ``path``, plan and write it in one pass: the summary and what was written.

    For a user who agreed before the summary (``kenes import --yes``): the file is read
    and checked once, here (no archive is taken from a caller), and the merge runs once
    instead of a dry run and then again.  When any rule is broken nothing is written,
    and the plan lists every problem (the result is then None).  The plan's archive is
    spent (the records written are emptied as the merge goes): it is a summary, and
    :func:`apply_import` refuses it.
    """
    expect(actor, Actor, N_("Import"))
    file = Path(expect(path, str | Path, N_("File")))  # type: ignore[arg-type]
    with _collector_paused():
        streamed = _streamed_at_once(db, actor, file)
        if streamed is not None:
            return streamed
        archive = read_archive_file(file)
        refuse_return(archive)
        return _merged_at_once(db, actor, archive)


def _streamed_at_once(
    db: Database, actor: Actor, file: Path
) -> tuple[ImportPlan, ImportResult] | None:
    """The file merged as it is read (``merge_stream``): never held whole.

    None when it is to be merged read whole: a problem was found (reported from there, as
    ever), or the file cannot be merged as it is read; nothing was written then.  A file
    that is not a good exchange file is refused here, as the reader refuses it.
    """
    try:
        with db.transaction() as session:
            merge = StreamedMerge(session)
            with merge.writing():
                try:
                    archive = read_archive_file(file, sink=merge)
                except NotStreamable as exc:
                    raise ReadWhole from exc
                merger = merge.finished(archive)
            with session.no_autoflush:
                merger.seal()
            counts = counts_of(merger)
            plan = ImportPlan(archive, counts, (), tuple(merger.profile_notes))
            return plan, _record(session, actor, archive, counts, set())
    except ReadWhole:
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector's automatic passes paused while the file is read and merged.

    A large archive makes millions of objects with no garbage cycle among them (records
    are plain dicts, lists and texts; ORM rows and their states hold each other weakly),
    and every full pass walked them all: 32 passes, 5.4 s of a 62 s import of the bench
    archive, for a peak 1% lower than without them (860 against 869 MB; bench 13,
    2026-12-05).  Objects are still freed as soon as they are dropped.  At the end, what
    the import made and still holds goes to the oldest generation at once: the first pass
    after the pause would otherwise walk every object made meanwhile (about 1 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            frozen_before = gc.get_freeze_count()
            gc.freeze()  # every tracked object, the young ones counted as collected
            if not frozen_before:
                gc.unfreeze()  # back to the oldest generation (others' frozen ones stay)
            gc.enable()


def _merged_at_once(
    db: Database, actor: Actor, archive: ArchiveFile
) -> tuple[ImportPlan, ImportResult | None]:
    try:
        with db.transaction() as session:
            # The merge empties the records it has written and no longer needs: the
            # archive is this function's own (read above), and its plan is a summary.
            merger = Merger(session, archive, consume=True)
            merger.run()
            counts = counts_of(merger)
            plan = ImportPlan(archive, counts, tuple(merger.problems), tuple(merger.profile_notes))
            if merger.problems:
                raise _Refused(plan)
            return plan, _record(session, actor, archive, counts, set())
    except _Refused as refused:
        return refused.plan, None
