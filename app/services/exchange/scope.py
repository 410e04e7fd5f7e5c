"""Which records a file carries, and the tables built from them.

Records are chosen by scope (every record, the records of some councils, or
one meeting with its council's composition on the meeting's date) and then
completed with every record they refer to, so a file is always whole: an
import never meets a reference it cannot resolve.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import __version__
from app.formats.exchange_schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    LIST,
    REF,
    TABLE_BY_NAME,
    TABLES,
    TableSpec,
)
from app.formats.exchange_values import record_hash
from app.models.composition import Act, PositionHolding, Seat
from app.models.meeting import CalendarOverride, MaterialBlob, Meeting
from app.models.profile_history import ProfileVersion
from app.models.protocol import IssuedDocument
from app.services.exchange.records import (
    MEETING_TREE,
    MODELS,
    PARENT_COLUMN,
    UidMap,
    children,
    serialize,
)


@dataclass(frozen=True)
class ExportSummary:
    """What was written: the file, its kind, the records per table and the files embedded."""

    path: Path
    kind: str
    counts: dict[str, int]
    blobs: int
    embedded: bool
    size: int
    package_id: str = ""

    @property
    def records(self) -> int:
        return sum(self.counts.values())


Progress = Callable[[int, int], None]


def _ids(session: Session, model: Any, column: str, values: Iterable[int]) -> set[int]:
    wanted = sorted(set(values))
    found: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(session.scalars(select(model.id).where(getattr(model, column).in_(chunk))))
    return found


def meeting_tree(session: Session, meeting_ids: set[int]) -> dict[str, set[int]]:
    """Every record belonging to the meetings: agenda, conduct, protocols."""
    chosen: dict[str, set[int]] = defaultdict(set)
    chosen["meetings"] = set(meeting_ids)
    for table, column, parent in MEETING_TREE:
        chosen[table] |= _ids(session, MODELS[table], column, chosen[parent])
    return chosen


def _add(chosen: dict[str, set[int]], table: str, values: Iterable[int | None]) -> bool:
    """Add the referred records to ``chosen[table]``; whether any was new."""
    new = {v for v in values if v is not None} - chosen[table]
    chosen[table] |= new
    return bool(new)


def _pull_references(
    session: Session, spec: TableSpec, chunk: list[int], chosen: dict[str, set[int]]
) -> bool:
    """Add what the records ``chunk`` of ``spec`` refer to; whether anything was added."""
    model = MODELS[spec.name]
    changed = False
    refs = [
        f
        for f in spec.fields
        # A revision's item may be gone; it is never pulled in.
        if f.kind == REF and not (spec.name == "agenda_revisions" and f.name == "item")
    ]
    if refs:
        columns = [getattr(model, f.attr) for f in refs]
        rows = session.execute(select(*columns).where(model.id.in_(chunk))).all()
        for position, fspec in enumerate(refs):
            changed |= _add(chosen, fspec.target, (row[position] for row in rows))
    for fspec in spec.fields:
        if fspec.kind != LIST or fspec.nested is None:
            continue
        nested = fspec.nested
        child = MODELS[nested.name]
        parent = getattr(child, PARENT_COLUMN[nested.name])
        for gspec in (g for g in nested.fields if g.kind == REF):
            values = session.scalars(select(getattr(child, gspec.attr)).where(parent.in_(chunk)))
            changed |= _add(chosen, gspec.target, values)
    return changed


def _complete(session: Session, chosen: dict[str, set[int]]) -> dict[str, set[int]]:
    """Add every record the chosen ones refer to, until nothing more is needed."""
    changed = True
    while changed:
        changed = False
        for spec in TABLES:
            wanted = sorted(chosen.get(spec.name) or ())
            for start in range(0, len(wanted), 500):
                changed |= _pull_references(session, spec, wanted[start : start + 500], chosen)
    return chosen


def archive_scope(session: Session, council_ids: set[int] | None) -> dict[str, set[int]]:
    """The records of an archive: everything, or the chosen councils with their history."""
    if council_ids is None:
        chosen: dict[str, set[int]] = defaultdict(set)
        for spec in TABLES:
            chosen[spec.name] = set(session.scalars(select(MODELS[spec.name].id)))
        return chosen
    chosen = defaultdict(set)
    chosen["councils"] = set(council_ids)
    chosen["seats"] = _ids(session, Seat, "council_id", council_ids)
    chosen["acts"] = _ids(session, Act, "council_id", council_ids)
    chosen["profile_versions"] = _ids(session, ProfileVersion, "council_id", council_ids)
    position_ids = (
        {
            p
            for p in session.scalars(select(Seat.position_id).where(Seat.id.in_(chosen["seats"])))
            if p is not None
        }
        if chosen["seats"]
        else set()
    )
    chosen["position_holdings"] = _ids(session, PositionHolding, "position_id", position_ids)
    meetings = _ids(session, Meeting, "council_id", council_ids)
    for table, ids in meeting_tree(session, meetings).items():
        chosen[table] |= ids
    chosen["calendar_overrides"] = set(session.scalars(select(CalendarOverride.id)))
    return _complete(session, chosen)


def package_scope(session: Session, meeting: Meeting) -> dict[str, set[int]]:
    """One meeting with its council's composition on the meeting's date."""
    day = meeting.meeting_date
    chosen: dict[str, set[int]] = defaultdict(set)
    chosen["councils"] = {meeting.council_id}
    # Every profile version: the laptop counts the meeting under the one in force on its date.
    chosen["profile_versions"] = _ids(session, ProfileVersion, "council_id", {meeting.council_id})
    seats = list(
        session.scalars(
            select(Seat).where(
                Seat.council_id == meeting.council_id,
                Seat.valid_from <= day,
                or_(Seat.valid_to.is_(None), Seat.valid_to >= day),
            )
        )
    )
    chosen["seats"] = {s.id for s in seats}
    positions = {s.position_id for s in seats if s.position_id is not None}
    if positions:
        chosen["position_holdings"] = set(
            session.scalars(
                select(PositionHolding.id).where(
                    PositionHolding.position_id.in_(positions),
                    PositionHolding.valid_from <= day,
                    or_(PositionHolding.valid_to.is_(None), PositionHolding.valid_to >= day),
                )
            )
        )
    for table, ids in meeting_tree(session, {meeting.id}).items():
        chosen[table] |= ids
    chosen["calendar_overrides"] = set(session.scalars(select(CalendarOverride.id)))
    return _complete(session, chosen)


def build_tables(
    session: Session, chosen: Mapping[str, set[int]], progress: Progress | None = None
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Callable[[], bytes]]]:
    """Serialise the chosen records of every table, in id order; collect the blobs."""
    uids = UidMap(session)
    tables: dict[str, list[dict[str, Any]]] = {}
    blobs: dict[str, Callable[[], bytes]] = {}
    total = len(TABLES)
    for step, spec in enumerate(TABLES):
        if progress is not None:
            progress(step, total)
        ids = chosen.get(spec.name, set())
        model = MODELS[spec.name]
        rows: list[dict[str, Any]] = []
        wanted = sorted(ids)
        nested = children(session, spec, ids) if wanted else {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in session.scalars(select(model).where(model.id.in_(chunk)).order_by(model.id)):
                rows.append(serialize(spec, row, uids, nested))
        if rows or not spec.optional:  # an optional table is written only with records
            tables[spec.name] = rows
        if spec.name == "materials":
            for record in rows:
                blobs.setdefault(record["sha256"], _blob_loader(session, record["sha256"]))
        if spec.name == "protocols":
            for record in rows:
                for issued in record["issued"]:
                    blobs.setdefault(
                        issued["pdf_sha256"], _pdf_loader(session, issued["pdf_sha256"])
                    )
    if progress is not None:
        progress(total, total)
    return tables, blobs


def _blob_loader(session: Session, sha256: str) -> Callable[[], bytes]:
    def load() -> bytes:
        blob = session.get(MaterialBlob, sha256)
        assert blob is not None
        return bytes(blob.data)

    return load


def _pdf_loader(session: Session, sha256: str) -> Callable[[], bytes]:
    def load() -> bytes:
        data = session.scalar(
            select(IssuedDocument.pdf).where(IssuedDocument.pdf_sha256 == sha256).limit(1)
        )
        assert data is not None
        return bytes(data)

    return load


def header(kind: str, scope: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "kind": kind,
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "generator": f"Kenes {__version__}",
        "scope": scope,
    }


def base_hashes(tables: Mapping[str, list[dict[str, Any]]]) -> dict[str, str]:
    """The content hash of every keyed record ("table/uid" → SHA-256)."""
    return {
        f"{name}/{record['uid']}": record_hash(record, TABLE_BY_NAME[name])
        for name, records in tables.items()
        for record in records
        if "uid" in record
    }
