"""Export a whole archive, chosen councils, or one meeting to an exchange file.

Records are chosen by scope (every record, the records of some councils, or
one meeting with its council's composition on the meeting's date) and then
completed with every record they refer to, so a file is always whole: an
import never meets a reference it cannot resolve.  Database ids never leave
the database; records name each other by their stable ``uid``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import __version__
from app.domain.errors import DomainError
from app.domain.translation import N_
from app.models.composition import Act, Council, Person, Position, PositionHolding, Seat
from app.models.conduct import (
    Attendance,
    Ballot,
    DecisionPoint,
    DissentingOpinion,
    InvitedPerson,
    ProtocolInstruction,
    VotingReopening,
)
from app.models.database import Database
from app.models.meeting import (
    AgendaApproval,
    AgendaItem,
    AgendaRevision,
    CalendarOverride,
    ItemSpeaker,
    Material,
    MaterialBlob,
    Meeting,
    Notification,
)
from app.models.protocol import (
    IssuedDocument,
    Protocol,
    ProtocolAgreement,
    ProtocolCopy,
    ProtocolNarrative,
    ProtocolSignature,
)
from app.services.base import check_flag, check_id, expect
from app.services.exchange.format import (
    DATE,
    DATETIME,
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_ARCHIVE,
    LIST,
    REF,
    TABLE_BY_NAME,
    TABLES,
    TIME,
    TableSpec,
    normalized,
    record_hash,
    utc_text,
    write_file,
)

MODELS: dict[str, type[Any]] = {
    "councils": Council,
    "acts": Act,
    "people": Person,
    "positions": Position,
    "position_holdings": PositionHolding,
    "seats": Seat,
    "meetings": Meeting,
    "agenda_items": AgendaItem,
    "item_speakers": ItemSpeaker,
    "materials": Material,
    "agenda_approvals": AgendaApproval,
    "agenda_revisions": AgendaRevision,
    "notifications": Notification,
    "attendance": Attendance,
    "invited_persons": InvitedPerson,
    "decision_points": DecisionPoint,
    "dissenting_opinions": DissentingOpinion,
    "protocol_instructions": ProtocolInstruction,
    "protocols": Protocol,
    "calendar_overrides": CalendarOverride,
    # nested: (model, the column naming the parent)
    "ballots": Ballot,
    "voting_reopenings": VotingReopening,
    "protocol_narratives": ProtocolNarrative,
    "protocol_agreements": ProtocolAgreement,
    "protocol_signatures": ProtocolSignature,
    "protocol_copies": ProtocolCopy,
    "issued_documents": IssuedDocument,
}
PARENT_COLUMN = {
    "ballots": "decision_point_id",
    "voting_reopenings": "decision_point_id",
    "protocol_narratives": "protocol_id",
    "protocol_agreements": "protocol_id",
    "protocol_signatures": "protocol_id",
    "protocol_copies": "protocol_id",
    "issued_documents": "protocol_id",
}
# Order of nested records (they have no identifier): as the services list them.
NESTED_ORDER = {
    "ballots": ("person_id",),
    "protocol_narratives": ("item_id", "lang"),
    "issued_documents": ("lang",),
}
# Tables that belong to one meeting: (table, column of the meeting or of the parent row).
MEETING_TREE: tuple[tuple[str, str, str], ...] = (
    ("agenda_items", "meeting_id", "meetings"),
    ("item_speakers", "item_id", "agenda_items"),
    ("materials", "item_id", "agenda_items"),
    ("agenda_approvals", "meeting_id", "meetings"),
    ("agenda_revisions", "meeting_id", "meetings"),
    ("notifications", "meeting_id", "meetings"),
    ("attendance", "meeting_id", "meetings"),
    ("invited_persons", "meeting_id", "meetings"),
    ("decision_points", "item_id", "agenda_items"),
    ("dissenting_opinions", "decision_point_id", "decision_points"),
    ("protocol_instructions", "decision_point_id", "decision_points"),
    ("protocols", "meeting_id", "meetings"),
)
MEETING_TABLES = ("meetings", *(t for t, _c, _p in MEETING_TREE))


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


# -- serialising one record ------------------------------------------------------------------


class UidMap:
    """Database id → uid of every keyed table, loaded once per export (or import)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._maps: dict[str, dict[int, str]] = {}

    def uid(self, table: str, record_id: int | None) -> str | None:
        if record_id is None:
            return None
        if table not in self._maps:
            model = MODELS[table]
            self._maps[table] = dict(self.session.execute(select(model.id, model.uid)).all())
        return self._maps[table].get(record_id)

    def forget(self, table: str) -> None:
        self._maps.pop(table, None)


def json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == DATE and isinstance(value, date):
        return value.isoformat()
    if kind == DATETIME and isinstance(value, datetime):
        return utc_text(value)
    if kind == TIME and isinstance(value, time):
        return value.replace(tzinfo=None).isoformat()
    return value


def serialize(
    spec: TableSpec,
    row: Any,
    uids: UidMap,
    children: Mapping[str, Mapping[int, list[Any]]] | None = None,
) -> dict[str, Any]:
    """A database row as a record of the format (references by uid)."""
    record: dict[str, Any] = {}
    for fspec in spec.fields:
        if fspec.kind == LIST:
            assert fspec.nested is not None
            rows = (children or {}).get(fspec.nested.name, {}).get(row.id, [])
            nested = [serialize(fspec.nested, child, uids) for child in rows]
            record[fspec.name] = nested
            continue
        value = getattr(row, fspec.attr)
        if fspec.kind == REF:
            record[fspec.name] = uids.uid(fspec.target, value)
        else:
            record[fspec.name] = json_value(fspec.kind, value)
    if spec.name == "agenda_revisions":
        record["details"] = revision_details_out(record["details"], uids)
    elif spec.name == "voting_reopenings":
        record["previous"] = frozen_out(record["previous"], uids)
    return normalized(spec, record)


def revision_details_out(details: Any, uids: UidMap) -> Any:
    """A revision's details name a speaker by person id; the file names them by uid."""
    if isinstance(details, dict) and "person_id" in details:
        out = {k: v for k, v in details.items() if k != "person_id"}
        person_id = details["person_id"]
        out["person"] = uids.uid("people", person_id) if isinstance(person_id, int) else None
        return out
    return details


def frozen_out(frozen: Any, uids: UidMap) -> Any:
    """A frozen vote's people as uids (the previous state of a reopened vote)."""
    if not isinstance(frozen, dict):
        return frozen

    def person(value: Any) -> Any:
        return uids.uid("people", value) if isinstance(value, int) else None

    out = dict(frozen)
    if isinstance(frozen.get("entitled_present"), list):
        out["entitled_present"] = [person(p) for p in frozen["entitled_present"]]
    for key in ("presiding_id", "chair_id"):
        if key in frozen:
            out[key] = person(frozen[key])
    if isinstance(frozen.get("ballots"), dict):
        out["ballots"] = {
            str(person(int(k)) if str(k).isdigit() else k): v for k, v in frozen["ballots"].items()
        }
    result = frozen.get("result")
    if isinstance(result, dict) and "deciding_voter_id" in result:
        out["result"] = {**result, "deciding_voter_id": person(result["deciding_voter_id"])}
    return out


# -- choosing the records ------------------------------------------------------------------------


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


def _complete(session: Session, chosen: dict[str, set[int]]) -> dict[str, set[int]]:
    """Add every record the chosen ones refer to, until nothing more is needed."""
    changed = True
    while changed:
        changed = False
        for spec in TABLES:
            ids = chosen.get(spec.name)
            if not ids:
                continue
            model = MODELS[spec.name]
            refs = [f for f in spec.fields if f.kind == REF]
            nested_refs = [
                (f.nested, g)
                for f in spec.fields
                if f.kind == LIST and f.nested is not None
                for g in f.nested.fields
                if g.kind == REF
            ]
            wanted = sorted(ids)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                if refs:
                    columns = [getattr(model, f.attr) for f in refs]
                    for values in session.execute(select(*columns).where(model.id.in_(chunk))):
                        for fspec, value in zip(refs, values, strict=True):
                            if value is not None and value not in chosen[fspec.target]:
                                if spec.name == "agenda_revisions" and fspec.name == "item":
                                    continue  # the item may be gone; never pulled in
                                chosen[fspec.target].add(value)
                                changed = True
                for nested, gspec in nested_refs:
                    child = MODELS[nested.name]
                    parent = getattr(child, PARENT_COLUMN[nested.name])
                    for value in session.scalars(
                        select(getattr(child, gspec.attr)).where(parent.in_(chunk))
                    ):
                        if value is not None and value not in chosen[gspec.target]:
                            chosen[gspec.target].add(value)
                            changed = True
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


# -- building the document ---------------------------------------------------------------------


@dataclass
class Built:
    """A document in memory with the files it may carry."""

    document: dict[str, Any]
    blobs: dict[str, Callable[[], bytes]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _children(session: Session, spec: TableSpec, ids: set[int]) -> dict[str, dict[int, list[Any]]]:
    found: dict[str, dict[int, list[Any]]] = {}
    for fspec in spec.fields:
        if fspec.kind != LIST or fspec.nested is None:
            continue
        name = fspec.nested.name
        model = MODELS[name]
        parent = PARENT_COLUMN[name]
        groups: dict[int, list[Any]] = defaultdict(list)
        wanted = sorted(ids)
        order = [getattr(model, c) for c in NESTED_ORDER.get(name, ())] + [model.id]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in session.scalars(
                select(model).where(getattr(model, parent).in_(chunk)).order_by(*order)
            ):
                groups[getattr(row, parent)].append(row)
        found[name] = groups
    return found


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
        children = _children(session, spec, ids) if wanted else {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in session.scalars(select(model).where(model.id.in_(chunk)).order_by(model.id)):
                rows.append(serialize(spec, row, uids, children))
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


def _check_councils(session: Session, council_ids: object) -> set[int] | None:
    if council_ids is None:
        return None
    if isinstance(council_ids, str | bytes) or not isinstance(council_ids, Iterable):
        raise DomainError(N_("The data for “{what}” is not valid."), what=N_("Council"))
    chosen = {check_id(c, N_("Council")) for c in council_ids}
    if not chosen:
        raise DomainError(N_("Choose at least one council to export."))
    for council_id in chosen:
        if session.get(Council, council_id) is None:
            from app.domain.errors import NotFoundError, Term

            raise NotFoundError(
                N_("{what} #{id} does not exist."), what=Term(N_("Council")), id=council_id
            )
    return chosen


def export_archive(
    db: Database,
    path: Path | str,
    *,
    council_ids: Iterable[int] | None = None,
    embed_materials: bool = True,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the whole archive, or the chosen councils with their history, to ``path``.

    ``embed_materials`` writes a ZIP archive carrying the material files and
    the issued PDFs; without it, a JSON file refers to them by SHA-256 (an
    import then finds them in its own database, or renders the PDFs again
    from their frozen snapshots and checks the hash).  ``progress(done,
    total)`` is called as tables are written; an exception raised from it
    stops the export and no file is written.
    """
    embed = check_flag(embed_materials, N_("Embed the materials"))
    target = Path(expect(path, str | Path, N_("File")))  # type: ignore[arg-type]
    with db.reading() as session:
        chosen_councils = _check_councils(session, council_ids)
        scope = archive_scope(session, chosen_councils)
        tables, blobs = build_tables(session, scope, progress)
        uids = UidMap(session)
        document = header(
            KIND_ARCHIVE,
            {
                "councils": sorted(
                    u for u in (uids.uid("councils", c) for c in chosen_councils or ()) if u
                )
                if chosen_councils is not None
                else "all",
            },
        )
        document["tables"] = tables
        size = write_file(target, document, sorted(blobs.items()) if embed else (), zipped=embed)
    return ExportSummary(
        target,
        KIND_ARCHIVE,
        {k: len(v) for k, v in tables.items()},
        len(blobs) if embed else 0,
        embed,
        size,
    )


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
