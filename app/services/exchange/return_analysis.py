"""A meeting brought back from a laptop, compared three ways with the office's records.

Each record is compared with the base (as it left the office), the office's
record now ("ours") and the laptop's ("theirs").  Changed only on the laptop:
taken.  Changed only at the office: kept.  Changed in both places: a
conflict, shown side by side, for the user to choose a side.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile
from app.formats.exchange_schema import KIND_ARCHIVE, KIND_PACKAGE, REF, TABLE_BY_NAME, TABLES
from app.formats.exchange_values import canonical, normalized, record_hash
from app.models.composition import Person
from app.models.meeting import Meeting
from app.services.exchange.merge_state import Key
from app.services.exchange.merger import TableCounts
from app.services.exchange.package_records import package_by_id
from app.services.exchange.records import MEETING_PARENT, MEETING_TABLES
from app.services.exchange.scope import build_tables, meeting_tree

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
    "review_remarks": N_("Remark"),
    "people": N_("Person"),
}

OURS, THEIRS = "ours", "theirs"
ADD, UPDATE, DELETE = "add", "update", "delete"


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
class Analysis:
    """The comparison, as :func:`analyse` found it."""

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


def refuse_kind(archive: ArchiveFile) -> None:
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


def _meeting_and_base(
    session: Session, archive: ArchiveFile
) -> tuple[Meeting, dict[str, str], bool]:
    """The meeting brought back, and the base: as the office recorded it, else as the file says."""
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
    return meeting, base, base_from_office


def _ours(session: Session, meeting: Meeting) -> tuple[dict[Key, dict[str, Any]], str]:
    """The office's records of the meeting now, and their fingerprint."""
    tables, _blobs = build_tables(session, meeting_tree(session, {meeting.id}))
    ours = {(name, r["uid"]): r for name in RETURN_TABLES for r in tables.get(name, [])}
    fingerprint = hashlib.sha256(
        canonical(
            sorted((f"{t}/{u}", record_hash(r, TABLE_BY_NAME[t])) for (t, u), r in ours.items())
        ).encode("utf-8")
    ).hexdigest()
    return ours, fingerprint


def _theirs_raw(
    archive: ArchiveFile, meeting: Meeting
) -> tuple[dict[Key, dict[str, Any]], dict[Key, int]]:
    """Their records of this meeting only (the file may not smuggle in other meetings)."""
    theirs_raw: dict[Key, dict[str, Any]] = {}
    theirs_index: dict[Key, int] = {}
    belongs = {("meetings", meeting.uid)}
    for name in RETURN_TABLES:
        for index, record in enumerate(archive.records(name)):
            if name == "meetings":
                ok = record["uid"] == meeting.uid
            else:
                ref, target = MEETING_PARENT[name]
                ok = (target, record[ref]) in belongs
            if ok:
                belongs.add((name, record["uid"]))
                theirs_raw[(name, record["uid"])] = record
                theirs_index[(name, record["uid"])] = index
    return theirs_raw, theirs_index


def _aliases(
    ours: Mapping[Key, dict[str, Any]],
    theirs_raw: Mapping[Key, dict[str, Any]],
    base: Mapping[str, str],
) -> dict[str, str]:
    """The same attendance, decision point or opinion recorded in both places."""
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
    return alias


def _theirs(
    session: Session,
    archive: ArchiveFile,
    theirs_raw: Mapping[Key, dict[str, Any]],
    theirs_index: dict[Key, int],
    alias: Mapping[str, str],
) -> dict[Key, dict[str, Any]]:
    """Their records under our uids; ``theirs_index`` follows the renaming."""
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
    return theirs


def _compare(session: Session, found: Analysis) -> None:
    """Each record three ways: a change to take, one to keep, or a conflict."""
    base, ours, theirs = found.base, found.ours, found.theirs
    keys = sorted(
        set(ours)
        | set(theirs)
        | {
            (k.partition("/")[0], k.partition("/")[2])
            for k in base
            if k.partition("/")[0] in RETURN_TABLES
        },
        key=lambda k: (table_order(k[0]), found.theirs_index.get(k, 10**9), k[1]),
    )
    for key in keys:
        table, uid = key
        b: str | None = base.get(f"{table}/{uid}")
        o_rec, t_rec = ours.get(key), theirs.get(key)
        spec = TABLE_BY_NAME[table]
        o: str | None = record_hash(o_rec, spec) if o_rec is not None else None
        h_theirs: str | None = record_hash(t_rec, spec) if t_rec is not None else None
        if o == h_theirs or (table == "review_remarks" and t_rec is None and o is not None):
            continue  # a remark is never removed: a laptop without it leaves it as it is
        label = _label(session, table, t_rec or o_rec or {})
        if b is None and o is None:
            found.changes.append(Change(table, uid, ADD, label))
        elif (b is None and h_theirs is None) or (b is not None and h_theirs == b):
            found.kept += 1
        elif b is not None and o == b:
            action = DELETE if h_theirs is None else (ADD if o is None else UPDATE)
            found.changes.append(Change(table, uid, action, label))
        else:
            found.conflicts.append(
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


def analyse(session: Session, archive: ArchiveFile) -> Analysis:
    """The three-way comparison of a meeting brought back (writes nothing)."""
    meeting, base, base_from_office = _meeting_and_base(session, archive)
    ours, fingerprint = _ours(session, meeting)
    theirs_raw, theirs_index = _theirs_raw(archive, meeting)
    alias = _aliases(ours, theirs_raw, base)
    theirs = _theirs(session, archive, theirs_raw, theirs_index, alias)
    found = Analysis(
        meeting,
        base,
        base_from_office,
        ours,
        theirs,
        theirs_index,
        alias,
        changes=[],
        conflicts=[],
        kept=0,
        fingerprint=fingerprint,
    )
    _compare(session, found)
    return found


def table_order(table: str) -> int:
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
    if table == "review_remarks":
        return str(record.get("text", ""))[:60]
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
