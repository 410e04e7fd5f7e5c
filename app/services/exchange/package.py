"""A meeting taken to a laptop and brought back: the package, and the three-way comparison.

At the office, :func:`export_meeting_package` writes the meeting with its
council's composition on the meeting's date, the agenda and the materials,
and the *base*: the content hash of every record as it left.  The office
remembers the base in its audit trail.  On the laptop the package is imported
like any file (:func:`app.services.exchange.importer.apply_import`), which
remembers the base there; the meeting is conducted with the laptop's own
Kenes; :func:`export_meeting_package` on the laptop then writes the meeting
back with the same package id and base ("meeting-return").

Back at the office, :func:`plan_return` compares each record three ways:
the base, the office's record now ("ours") and the laptop's ("theirs").
Changed only on the laptop: taken.  Changed only at the office: kept.
Changed in both places: a conflict, shown side by side, and
:func:`apply_return` refuses until the user has chosen a side for each.
Nothing is overwritten silently; everything written is checked by the same
rules as any import, in one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.models.common import new_uid
from app.models.composition import Council, Person
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.base import SYSTEM, Actor, audit, check_flag, check_id, expect, get
from app.services.exchange.export import (
    MEETING_TABLES,
    ExportSummary,
    base_hashes,
    build_tables,
    header,
    meeting_tree,
    package_scope,
)
from app.services.exchange.format import (
    KIND_ARCHIVE,
    KIND_PACKAGE,
    KIND_RETURN,
    REF,
    TABLE_BY_NAME,
    TABLES,
    ArchiveFile,
    ImportRefused,
    Problem,
    canonical,
    normalized,
    pointer,
    record_hash,
    write_file,
)
from app.services.exchange.importer import (
    Key,
    Merger,
    TableCounts,
    _checked_archive,
    _counts,
    latest_package,
    package_by_id,
    record_package,
)

# What comes back from a laptop: the meeting and what belongs to it, and people first
# met there (an invited person, an executor).  The composition stays as the office keeps it.
RETURN_TABLES = MEETING_TABLES
# Records that are the same thing when they name the same place, whatever their uid:
# both sides may have recorded the same member's attendance or the same decision point.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "attendance": ("meeting", "person"),
    "decision_points": ("item", "number"),
    "dissenting_opinions": ("decision_point", "person"),
}
TABLE_LABELS = {
    "meetings": N_("Meeting"),
    "agenda_items": N_("Agenda item"),
    "item_speakers": N_("Speaker"),
    "materials": N_("Material"),
    "agenda_approvals": N_("Approval of the agenda"),
    "agenda_revisions": N_("Change of the agenda"),
    "notifications": N_("Notification"),
    "attendance": N_("Attendance"),
    "invited_persons": N_("Invited person"),
    "decision_points": N_("Decision point"),
    "dissenting_opinions": N_("Dissenting opinion"),
    "protocol_instructions": N_("Protocol instruction"),
    "protocols": N_("Protocol"),
    "people": N_("Person"),
}

OURS, THEIRS = "ours", "theirs"
ADD, UPDATE, DELETE = "add", "update", "delete"


def export_meeting_package(
    db: Database,
    meeting_id: int,
    path: Path | str,
    *,
    embed_materials: bool = True,
    actor: Actor | None = None,
) -> ExportSummary:
    """Write a meeting package, or, on the laptop that received one, the meeting to bring back.

    A fresh package carries the composition on the meeting's date, the agenda,
    the materials and the base of every record; the office records the base in
    its audit trail (by ``actor``).  When this database received the meeting in
    a package, the file is a "meeting-return" with that package's id and base.
    """
    meeting_key = check_id(meeting_id, N_("Meeting"))
    embed = check_flag(embed_materials, N_("Embed the materials"))
    target = Path(expect(path, str | Path, N_("File")))  # type: ignore[arg-type]
    with db.reading() as session:
        meeting = get(session, Meeting, meeting_key, N_("Meeting"))
        tables, blobs = build_tables(session, package_scope(session, meeting))
        received = latest_package(session, meeting.uid, "exchange.package_import")
        council_uid = session.scalar(select(Council.uid).where(Council.id == meeting.council_id))
        if received is not None:
            kind = KIND_RETURN
            package = {
                "id": received["package"],
                "meeting": meeting.uid,
                "made_at": received["made_at"],
                "base": received["base"],
            }
        else:
            kind = KIND_PACKAGE
            package = {
                "id": new_uid(),
                "meeting": meeting.uid,
                "made_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "base": base_hashes(tables),
            }
        document = header(kind, {"meeting": meeting.uid, "council": council_uid})
        document["package"] = package
        document["tables"] = tables
        size = write_file(target, document, sorted(blobs.items()) if embed else (), zipped=embed)
    if kind == KIND_PACKAGE:
        with db.transaction() as session:
            record_package(session, actor or SYSTEM, "exchange.package_export", package)
    return ExportSummary(
        target,
        kind,
        {k: len(v) for k, v in tables.items()},
        len(blobs) if embed else 0,
        embed,
        size,
        str(package["id"]),
    )


# -- the plan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A record the laptop changed and the office did not: it is taken as it is there."""

    table: str
    uid: str
    action: str  # add, update, delete
    label: str


@dataclass(frozen=True)
class FieldDifference:
    field: str
    ours: str
    theirs: str


@dataclass(frozen=True)
class Conflict:
    """A record changed in both places (or added in both): the user chooses a side."""

    id: str  # "table/uid"
    table: str
    uid: str
    label: str
    ours: dict[str, Any] | None  # None: deleted here
    theirs: dict[str, Any] | None  # None: deleted there
    differences: tuple[FieldDifference, ...]

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table, self.table)


@dataclass(frozen=True)
class ReturnPlan:
    archive: ArchiveFile
    meeting_id: int
    meeting_number: int
    meeting_day: str
    package_id: str
    base_from_office: bool
    changes: tuple[Change, ...]
    conflicts: tuple[Conflict, ...]
    kept: int  # records changed only here (kept as they are)
    fingerprint: str  # of the office's records when the plan was made

    @property
    def conflict_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.conflicts)


@dataclass(frozen=True)
class ReturnResult:
    counts: dict[str, TableCounts]
    taken: int
    kept_ours: int


@dataclass
class _Analysis:
    meeting: Meeting
    base: dict[str, str]
    base_from_office: bool
    ours: dict[Key, dict[str, Any]]
    theirs: dict[Key, dict[str, Any]]
    theirs_index: dict[Key, int]
    alias: dict[str, str]  # their uid -> our uid
    changes: list[Change]
    conflicts: list[Conflict]
    kept: int
    fingerprint: str


def _refuse_kind(archive: ArchiveFile) -> None:
    if archive.kind == KIND_PACKAGE:
        raise DomainError(
            N_(
                "This file is a meeting package made to be taken to a laptop; "
                "import it on the laptop. A meeting brought back is exported there "
                "with “Meeting package…” again."
            )
        )
    if archive.kind == KIND_ARCHIVE:
        raise DomainError(
            N_(
                "This file is an archive, not a meeting brought back from a "
                "laptop; import it with “Import…”."
            )
        )


def _remap(record: Mapping[str, Any], table: str, alias: Mapping[str, str]) -> dict[str, Any]:
    spec = TABLE_BY_NAME[table]
    out = dict(record)
    if out.get("uid") in alias:
        out["uid"] = alias[out["uid"]]
    for fspec in spec.fields:
        if fspec.kind == REF and out.get(fspec.name) in alias:
            out[fspec.name] = alias[out[fspec.name]]
        elif fspec.nested is not None and isinstance(out.get(fspec.name), list):
            out[fspec.name] = [
                {k: alias.get(v, v) if isinstance(v, str) else v for k, v in child.items()}
                for child in out[fspec.name]
            ]
    return normalized(spec, out)


def _natural(table: str, record: Mapping[str, Any]) -> tuple[Any, ...] | None:
    fields = NATURAL_KEYS.get(table)
    return tuple(record.get(f) for f in fields) if fields else None


def _analyse(session: Session, archive: ArchiveFile) -> _Analysis:
    package = archive.package or {}
    meeting_uid = package.get("meeting")
    meeting = session.scalar(select(Meeting).where(Meeting.uid == meeting_uid))
    if meeting is None:
        raise DomainError(
            N_(
                "The meeting this file brings back is not in this database; "
                "import the package it was made from first."
            )
        )
    office = package_by_id(session, str(package.get("id")), "exchange.package_export")
    base_from_office = office is not None and isinstance(office.get("base"), dict)
    base: dict[str, str] = (
        dict(office["base"])
        if office is not None and base_from_office
        else dict(package.get("base") or {})
    )
    tables, _blobs = build_tables(session, meeting_tree(session, {meeting.id}))
    ours = {(name, r["uid"]): r for name in RETURN_TABLES for r in tables.get(name, [])}
    fingerprint = hashlib.sha256(
        canonical(
            sorted((f"{t}/{u}", record_hash(r, TABLE_BY_NAME[t])) for (t, u), r in ours.items())
        ).encode("utf-8")
    ).hexdigest()
    # Their records of this meeting only (the file may not smuggle in other meetings).
    theirs_raw: dict[Key, dict[str, Any]] = {}
    theirs_index: dict[Key, int] = {}
    belongs = {("meetings", meeting.uid)}
    parents = {
        "agenda_items": ("meeting", "meetings"),
        "item_speakers": ("item", "agenda_items"),
        "materials": ("item", "agenda_items"),
        "agenda_approvals": ("meeting", "meetings"),
        "agenda_revisions": ("meeting", "meetings"),
        "notifications": ("meeting", "meetings"),
        "attendance": ("meeting", "meetings"),
        "invited_persons": ("meeting", "meetings"),
        "decision_points": ("item", "agenda_items"),
        "dissenting_opinions": ("decision_point", "decision_points"),
        "protocol_instructions": ("decision_point", "decision_points"),
        "protocols": ("meeting", "meetings"),
    }
    for name in RETURN_TABLES:
        for index, record in enumerate(archive.records(name)):
            if name == "meetings":
                ok = record["uid"] == meeting.uid
            else:
                ref, target = parents[name]
                ok = (target, record[ref]) in belongs
            if ok:
                belongs.add((name, record["uid"]))
                theirs_raw[(name, record["uid"])] = record
                theirs_index[(name, record["uid"])] = index
    # The same attendance, decision point or opinion recorded in both places.
    alias: dict[str, str] = {}
    for name in RETURN_TABLES:
        if name not in NATURAL_KEYS:
            continue
        ours_by_key = {_natural(name, r): u for (t, u), r in ours.items() if t == name}
        for (t, uid), record in theirs_raw.items():
            if t != name or (t, uid) in ours or f"{t}/{uid}" in base:
                continue
            remapped = _remap(record, name, alias)
            other = ours_by_key.get(_natural(name, remapped))
            if other is not None and other != uid:
                alias[uid] = other
    theirs: dict[Key, dict[str, Any]] = {}
    for (name, uid), record in theirs_raw.items():
        remapped = _remap(record, name, alias)
        theirs[(name, remapped["uid"])] = remapped
        theirs_index[(name, remapped["uid"])] = theirs_index.pop((name, uid))
    # People first met on the laptop come along; people known here stay as they are.
    for index, record in enumerate(archive.records("people")):
        key = ("people", record["uid"])
        if session.scalar(select(Person.id).where(Person.uid == record["uid"])) is None:
            theirs[key] = normalized(TABLE_BY_NAME["people"], record)
            theirs_index[key] = index
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    kept = 0
    keys = sorted(
        set(ours)
        | set(theirs)
        | {
            (k.partition("/")[0], k.partition("/")[2])
            for k in base
            if k.partition("/")[0] in RETURN_TABLES
        },
        key=lambda k: (_order(k[0]), theirs_index.get(k, 10**9), k[1]),
    )
    for key in keys:
        table, uid = key
        b: str | None = base.get(f"{table}/{uid}")
        o_rec, t_rec = ours.get(key), theirs.get(key)
        spec = TABLE_BY_NAME[table]
        o: str | None = record_hash(o_rec, spec) if o_rec is not None else None
        h_theirs: str | None = record_hash(t_rec, spec) if t_rec is not None else None
        if o == h_theirs:
            continue
        label = _label(session, table, t_rec or o_rec or {})
        if b is None and o is None:
            changes.append(Change(table, uid, ADD, label))
        elif (b is None and h_theirs is None) or (b is not None and h_theirs == b):
            kept += 1
        elif b is not None and o == b:
            action = DELETE if h_theirs is None else (ADD if o is None else UPDATE)
            changes.append(Change(table, uid, action, label))
        else:
            conflicts.append(
                Conflict(
                    f"{table}/{uid}",
                    table,
                    uid,
                    label,
                    o_rec,
                    t_rec,
                    _differences(session, table, o_rec, t_rec),
                )
            )
    return _Analysis(
        meeting,
        base,
        base_from_office,
        ours,
        theirs,
        theirs_index,
        alias,
        changes,
        conflicts,
        kept,
        fingerprint,
    )


def _order(table: str) -> int:
    names = [t.name for t in TABLES]
    return names.index(table)


def _person_name(session: Session, uid: Any) -> str:
    if not isinstance(uid, str):
        return ""
    person = session.scalar(select(Person).where(Person.uid == uid))
    if person is None:
        return uid[:8]
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


def _label(session: Session, table: str, record: Mapping[str, Any]) -> str:
    """A short description of a record for the user (names and titles as recorded)."""
    if table == "people":
        return " ".join(str(record.get(k) or "") for k in ("surname", "given_name")).strip()
    if table in ("attendance", "dissenting_opinions"):
        return _person_name(session, record.get("person"))
    if table == "invited_persons":
        return str(record.get("name") or _person_name(session, record.get("person")))
    if table in ("meetings", "decision_points", "protocol_instructions", "protocols"):
        return f"№ {record.get('number', '')}"
    if table == "agenda_items":
        title = next(
            (
                record.get(f"title_{lang}")
                for lang in ("kk", "ru", "en")
                if record.get(f"title_{lang}")
            ),
            "",
        )
        return f"{int(record.get('position') or 0) + 1}. {title}"
    if table == "materials":
        return str(record.get("file_name", ""))
    if table == "item_speakers":
        return str(record.get("name") or _person_name(session, record.get("person")))
    return str(record.get("uid", ""))[:8]


def _shown(session: Session, table: str, name: str, value: Any) -> str:
    spec = TABLE_BY_NAME[table]
    try:
        fspec = spec.field(name)
    except KeyError:
        return canonical(value)
    if value is None:
        return "—"
    if fspec.kind == REF and fspec.target == "people":
        return _person_name(session, value)
    if fspec.kind == REF:
        return str(value)[:8]
    if fspec.nested is not None and fspec.nested.name == "ballots":
        return "; ".join(
            f"{_person_name(session, b.get('person'))}: {b.get('choice')}" for b in value
        )
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, str | int):
        return str(value)
    return canonical(value)


def _differences(
    session: Session, table: str, ours: Mapping[str, Any] | None, theirs: Mapping[str, Any] | None
) -> tuple[FieldDifference, ...]:
    spec = TABLE_BY_NAME[table]
    found = []
    for fspec in spec.fields:
        if fspec.name in ("uid", "created_at"):
            continue
        o = ours.get(fspec.name) if ours is not None else None
        t = theirs.get(fspec.name) if theirs is not None else None
        if ours is not None and theirs is not None and canonical(o) == canonical(t):
            continue
        found.append(
            FieldDifference(
                fspec.name,
                _shown(session, table, fspec.name, o) if ours is not None else "—",
                _shown(session, table, fspec.name, t) if theirs is not None else "—",
            )
        )
    return tuple(found)


def plan_return(db: Database, package_from_laptop: ArchiveFile) -> ReturnPlan:
    """Compare a meeting brought back from a laptop with this database; nothing is written."""
    archive = _checked_archive(package_from_laptop)
    _refuse_kind(archive)
    with db.reading() as session:
        found = _analyse(session, archive)
        return ReturnPlan(
            archive=archive,
            meeting_id=found.meeting.id,
            meeting_number=found.meeting.number,
            meeting_day=found.meeting.meeting_date.isoformat(),
            package_id=str((archive.package or {}).get("id", "")),
            base_from_office=found.base_from_office,
            changes=tuple(found.changes),
            conflicts=tuple(found.conflicts),
            kept=found.kept,
            fingerprint=found.fingerprint,
        )


def _check_choices(plan: ReturnPlan, choices: object) -> dict[str, str]:
    chosen = expect(choices, dict, N_("Conflicts"))
    valid: dict[str, str] = {}
    ids = set(plan.conflict_ids)
    for key, value in chosen.items():
        if key not in ids or value not in (OURS, THEIRS):
            raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Conflicts")))
        valid[key] = value
    missing = ids - set(valid)
    if missing:
        raise DomainError(
            N_(
                "Choose which version to keep for every record changed in both "
                "places; still to choose: {count}."
            ),
            count=len(missing),
        )
    return valid


def _relocate(problems: Iterable[Problem], located: Mapping[str, str]) -> list[Problem]:
    """Problems found on the records written, placed where those records are in the file."""
    out = []
    for problem in problems:
        location = problem.location
        for prefix, original in located.items():
            if location == prefix or location.startswith(prefix + "/"):
                location = original + location[len(prefix) :]
                break
        out.append(Problem(location, problem.msgid, problem.params))
    return out


def apply_return(
    db: Database,
    actor: Actor,
    plan: ReturnPlan,
    choices: dict[str, str] | None = None,
) -> ReturnResult:
    """Bring the laptop's changes in, with the user's choice for every conflict ("ours" or
    "theirs"); refused while any conflict has no choice, or if anything breaks a rule."""
    expect(plan, ReturnPlan, N_("Conflicts"))
    archive = _checked_archive(plan.archive)
    _refuse_kind(archive)
    chosen = _check_choices(plan, {} if choices is None else choices)
    with db.transaction() as session:
        found = _analyse(session, archive)
        if found.fingerprint != plan.fingerprint or {c.id for c in found.conflicts} != set(
            plan.conflict_ids
        ):
            raise DomainError(
                N_(
                    "The database changed since the summary was made; read the "
                    "file again and review the new summary."
                )
            )
        upserts: list[Key] = []
        deletions: dict[str, set[str]] = {}
        for change in found.changes:
            key = (change.table, change.uid)
            if change.action == DELETE:
                deletions.setdefault(change.table, set()).add(change.uid)
            else:
                upserts.append(key)
        taken = len(found.changes)
        for conflict in found.conflicts:
            if chosen[conflict.id] != THEIRS:
                continue
            taken += 1
            if conflict.theirs is None:
                deletions.setdefault(conflict.table, set()).add(conflict.uid)
            else:
                upserts.append((conflict.table, conflict.uid))
        tables: dict[str, list[dict[str, Any]]] = {}
        located: dict[str, str] = {}
        for table, uid in sorted(
            upserts, key=lambda k: (_order(k[0]), found.theirs_index.get(k, 0))
        ):
            rows = tables.setdefault(table, [])
            original = found.theirs_index.get((table, uid))
            if original is not None:
                located[pointer("tables", table, len(rows))] = pointer("tables", table, original)
            rows.append(found.theirs[(table, uid)])
        written = ArchiveFile(
            archive.source,
            KIND_RETURN,
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
        merger = Merger(session, written, deletions=deletions)
        merger.touched_meetings.add(found.meeting.id)
        merger.run()
        if merger.problems:
            raise ImportRefused(_relocate(merger.problems, located))
        counts = _counts(merger)
        audit(
            session,
            actor,
            "exchange.return",
            entity="meetings",
            entity_id=found.meeting.id,
            council_id=found.meeting.council_id,
            after={
                "package": plan.package_id,
                "file": Path(archive.source).name,
                "taken": taken,
                "kept": found.kept,
                "choices": dict(sorted(chosen.items())),
            },
        )
        return ReturnResult(counts, taken, sum(1 for v in chosen.values() if v == OURS))
