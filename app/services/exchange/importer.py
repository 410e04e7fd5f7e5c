"""Import an exchange file: read and check it, show what it would change, then write it at once.

:func:`read_archive` checks the file and writes nothing; :func:`plan_import`
runs the whole import in a transaction that is rolled back, so the summary
(new, updated and unchanged records per table) and every refusal are known
before anything is written; :func:`apply_import` does it again, for real, in
one transaction: all or nothing.

The file is never trusted.  Records are matched by their stable ``uid``
(updated, never duplicated); every rule the services apply is checked on the
result with the same domain functions (the composition on every date, the
attendance, who may vote, who may state a dissenting opinion ...), and every
problem is collected with its place in the file before the import is
refused.  Results of votes are never read from the file: the frozen record
of every closed vote is counted again by :func:`app.domain.voting.tally`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.attendance import LISTED_TWICE, validate_attendance
from app.domain.composition import (
    HoldingFacts,
    Period,
    Role,
    SeatFacts,
    SeatKind,
    Side,
    check_composition,
    check_holdings,
)
from app.domain.council import CouncilKind, check_sort_order, cycle_error, parent_cycles, pick
from app.domain.dissent import not_a_participant
from app.domain.errors import DomainError, KenesError, Term
from app.domain.meeting import (
    MeetingKind,
    MeetingState,
    check_item_titles,
    check_number,
    check_times,
    choose_presiding,
)
from app.domain.protocol import ProtocolSnapshot
from app.domain.quorum_loss import closing_without_quorum
from app.domain.regulation import PRESETS, profile_from_data, profile_to_dict
from app.domain.translation import N_
from app.domain.voting import Choice, not_considered
from app.i18n import interface_language
from app.models.audit import AuditEvent
from app.models.composition import Council, Person, PositionHolding, Seat
from app.models.conduct import DecisionPoint
from app.models.database import Database
from app.models.meeting import AgendaItem, MaterialBlob, Meeting
from app.models.protocol import IssuedDocument, Protocol
from app.services.base import Actor, audit, expect
from app.services.conduct.common import (
    DISSENT_STATES,
    MeetingFrame,
    attendance_records,
    ballots_of,
    frame,
    item_quorum,
    live_result,
    result_data,
    voting_context,
)
from app.services.exchange.added_fields import fill_added_fields
from app.services.exchange.export import MODELS, PARENT_COLUMN, UidMap, serialize
from app.services.exchange.format import (
    DATE,
    DATETIME,
    DEFAULT_LIMITS,
    KIND_PACKAGE,
    KIND_RETURN,
    LIST,
    REF,
    TABLE_BY_NAME,
    TABLES,
    TIME,
    ArchiveFile,
    FieldSpec,
    ImportRefused,
    Limits,
    Problem,
    TableSpec,
    canonical,
    normalized,
    parse_moment,
    pointer,
    read_archive_file,
)
from app.services.protocols.common import LOCKED_STATES

Key = tuple[str, str]  # (table, uid)

CONFLICT_IN_DATABASE = N_(
    "Some records conflict with records already in the database (the same number, date or "
    "person twice)."
)
LOCKED = N_(
    "The protocol of meeting No. {number} is signed, so its record cannot change. Make a "
    "correction as a new revision of the protocol, with a reason."
)
DANGLING = N_("“{field}” refers to {uid}, which is neither in the file nor in the database.")


def read_archive(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> ArchiveFile:
    """Read and check an exchange file (JSON or ZIP); nothing is written anywhere."""
    return read_archive_file(path, limits)


@dataclass(frozen=True)
class TableCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> int:
        return self.new + self.updated + self.removed


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, found by a dry run; ``problems`` empty means it can be applied."""

    archive: ArchiveFile
    counts: dict[str, TableCounts]
    problems: tuple[Problem, ...] = ()

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


@dataclass(frozen=True)
class ImportResult:
    counts: dict[str, TableCounts]
    kind: str
    package_id: str = ""

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.counts.values())


# -- the merge -------------------------------------------------------------------------------


class _Stop(Exception):
    """The merge cannot go on (references missing, a conflict in the database)."""


class _DryRun(Exception):
    def __init__(self, merger: Merger) -> None:
        super().__init__("dry run")
        self.merger = merger


def _python(fspec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if fspec.kind == DATE:
        return date.fromisoformat(value)
    if fspec.kind == DATETIME:
        return parse_moment(value)
    if fspec.kind == TIME:
        return time.fromisoformat(value)
    return value


MEETING_PARENT = {
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


class Merger:
    """Writes the records of an archive into a session and checks every rule on the result.

    ``deletions`` (table → uids) are removed first (a meeting brought back from a laptop
    may have lost records there).  Problems are collected in :attr:`problems`.
    """

    def __init__(
        self,
        session: Session,
        archive: ArchiveFile,
        *,
        deletions: Mapping[str, set[str]] | None = None,
        render_pdf: Callable[[ProtocolSnapshot], bytes] | None = None,
    ) -> None:
        self.session = session
        self.archive = archive
        self.deletions = {k: set(v) for k, v in (deletions or {}).items()}
        self.problems: list[Problem] = []
        self.counts: dict[str, list[int]] = {t.name: [0, 0, 0, 0] for t in TABLES}
        self.where: dict[Key, str] = {}
        self.rows: dict[Key, Any] = {}  # the ORM row of every record of the file
        self.existing: dict[Key, int] = {}  # database id of every uid found in the database
        self.changed: set[Key] = set()
        self.locked_before: set[int] = set()  # meetings whose signed protocol locks the record
        self.uids = UidMap(session)
        self.render_pdf = render_pdf
        self.touched_meetings: set[int] = set()
        self.touched_councils: set[int] = set()
        self.protocol_state_before: dict[str, str] = {}

    # -- helpers --------------------------------------------------------------------------
    def problem(self, where: str, msgid: str, **params: Any) -> None:
        self.problems.append(Problem.of(where, msgid, **params))

    def error(self, where: str, exc: KenesError) -> None:
        self.problems.append(Problem(where, exc.msgid, tuple(sorted(exc.params.items()))))

    def id_of(self, table: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        row = self.rows.get((table, uid))
        if row is not None and row.id is not None:
            return int(row.id)
        return self.existing.get((table, uid))

    def record_of(self, table: str, uid: str) -> dict[str, Any] | None:
        for record in self.archive.records(table):
            if record.get("uid") == uid:
                return record
        return None

    # -- the steps --------------------------------------------------------------------------
    def run(self) -> None:
        try:
            with self.session.no_autoflush:
                self._steps()
        except _Stop:
            return
        except IntegrityError:
            self.problem("", CONFLICT_IN_DATABASE)

    def _steps(self) -> None:
        try:
            self._index()
            self._resolve()
            if self.problems:
                raise _Stop
            self._note_locks()
            self._delete()
            for spec in TABLES:
                self._write(spec)
            self._touch()
            self._check_rules()
        except _Stop:
            return

    def _index(self) -> None:
        for spec in TABLES:
            records = self.archive.records(spec.name)
            for index, record in enumerate(records):
                self.where[(spec.name, record["uid"])] = pointer("tables", spec.name, index)
            uids = sorted({r["uid"] for r in records} | self.deletions.get(spec.name, set()))
            model = MODELS[spec.name]
            for start in range(0, len(uids), 500):
                chunk = uids[start : start + 500]
                for record_id, uid in self.session.execute(
                    select(model.id, model.uid).where(model.uid.in_(chunk))
                ):
                    self.existing[(spec.name, uid)] = record_id

    def _refs(self) -> Iterable[tuple[str, str, str, str]]:
        """(pointer, field, target table, uid) of every reference in the file."""
        for spec in TABLES:
            for index, record in enumerate(self.archive.records(spec.name)):
                for fspec in spec.fields:
                    value = record.get(fspec.name)
                    if fspec.kind == REF and value is not None:
                        yield (
                            pointer("tables", spec.name, index, fspec.name),
                            fspec.name,
                            fspec.target,
                            value,
                        )
                    elif fspec.kind == LIST and fspec.nested is not None:
                        for j, child in enumerate(value or []):
                            for g in fspec.nested.fields:
                                if g.kind == REF and child.get(g.name) is not None:
                                    yield (
                                        pointer("tables", spec.name, index, fspec.name, j, g.name),
                                        g.name,
                                        g.target,
                                        child[g.name],
                                    )

    def _resolve(self) -> None:
        in_file = {(t, uid) for (t, uid) in self.where}
        wanted: dict[str, set[str]] = defaultdict(set)
        refs = list(self._refs())
        for _where, _name, target, uid in refs:
            if (target, uid) not in in_file:
                wanted[target].add(uid)
        for target, uids in wanted.items():
            model = MODELS[target]
            ordered = sorted(uids)
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                for record_id, uid in self.session.execute(
                    select(model.id, model.uid).where(model.uid.in_(chunk))
                ):
                    self.existing[(target, uid)] = record_id
        for where, name, target, uid in refs:
            key = (target, uid)
            if (key not in in_file and key not in self.existing) or (
                key in in_file and key in self._deleted_keys()
            ):
                self.problem(where, DANGLING, field=name, uid=uid)
        self._check_blobs()

    def _deleted_keys(self) -> set[Key]:
        return {(t, u) for t, uids in self.deletions.items() for u in uids}

    def _check_blobs(self) -> None:
        shas: dict[str, tuple[int, dict[str, Any]]] = {}
        for index, record in enumerate(self.archive.records("materials")):
            shas.setdefault(record["sha256"], (index, record))
        if not shas:
            return
        present = set(
            self.session.scalars(
                select(MaterialBlob.sha256).where(MaterialBlob.sha256.in_(sorted(shas)))
            )
        )
        for sha, (index, record) in shas.items():
            if sha not in present and not self.archive.has_blob(sha):
                self.problem(
                    pointer("tables", "materials", index, "sha256"),
                    N_(
                        "The file of the material “{name}” is neither in the archive nor in the "
                        "database (SHA-256 {sha})."
                    ),
                    name=record["file_name"],
                    sha=sha,
                )

    def _note_locks(self) -> None:
        for (table, uid), record_id in self.existing.items():
            if table == "protocols":
                state = self.session.scalar(select(Protocol.state).where(Protocol.id == record_id))
                if state is not None:
                    self.protocol_state_before[uid] = state
        meeting_ids = {self.existing[k] for k in self.existing if k[0] == "meetings"}
        for meeting_id in meeting_ids:
            latest = self.session.scalar(
                select(Protocol)
                .where(Protocol.meeting_id == meeting_id)
                .order_by(Protocol.revision.desc())
                .limit(1)
            )
            if latest is not None and latest.state in LOCKED_STATES:
                self.locked_before.add(meeting_id)

    def _delete(self) -> None:
        for spec in reversed(TABLES):
            uids = self.deletions.get(spec.name)
            if not uids:
                continue
            model = MODELS[spec.name]
            for uid in sorted(uids):
                record_id = self.existing.get((spec.name, uid))
                if record_id is None:
                    continue
                row = self.session.get(model, record_id)
                if row is None:
                    continue
                meeting_id = self._meeting_of_row(spec.name, row)
                if meeting_id is not None:
                    self.touched_meetings.add(meeting_id)
                    if meeting_id in self.locked_before:
                        meeting = self.session.get(Meeting, meeting_id)
                        self.problem(
                            pointer("tables", spec.name),
                            LOCKED,
                            number=meeting.number if meeting else "?",
                        )
                        raise _Stop
                for fspec in spec.fields:
                    if fspec.kind == LIST and fspec.nested is not None:
                        child = MODELS[fspec.nested.name]
                        self.session.execute(
                            delete(child).where(
                                getattr(child, PARENT_COLUMN[fspec.nested.name]) == row.id
                            )
                        )
                self.session.delete(row)
                self.counts[spec.name][3] += 1
                self.changed.add((spec.name, uid))
            self._flush(spec)

    def _meeting_of_row(self, table: str, row: Any) -> int | None:
        if table == "meetings":
            return int(row.id)
        if table in (
            "agenda_items",
            "agenda_approvals",
            "agenda_revisions",
            "notifications",
            "attendance",
            "invited_persons",
            "protocols",
        ):
            return int(row.meeting_id)
        if table in ("item_speakers", "materials", "decision_points"):
            item = self.session.get(AgendaItem, row.item_id)
            return int(item.meeting_id) if item is not None else None
        if table in ("dissenting_opinions", "protocol_instructions"):
            point = self.session.get(DecisionPoint, row.decision_point_id)
            if point is None:
                return None
            item = self.session.get(AgendaItem, point.item_id)
            return int(item.meeting_id) if item is not None else None
        return None

    # -- writing ---------------------------------------------------------------------------
    def _children(self, spec: TableSpec, ids: list[int]) -> dict[str, dict[int, list[Any]]]:
        from app.services.exchange.export import _children

        return _children(self.session, spec, set(ids))

    def _write(self, spec: TableSpec) -> None:
        records = self.archive.records(spec.name)
        if not records:
            return
        model = MODELS[spec.name]
        existing_ids = [
            self.existing[(spec.name, r["uid"])]
            for r in records
            if (spec.name, r["uid"]) in self.existing
        ]
        rows_by_id = {}
        for start in range(0, len(existing_ids), 500):
            chunk = existing_ids[start : start + 500]
            for row in self.session.scalars(select(model).where(model.id.in_(chunk))):
                rows_by_id[row.id] = row
        children = self._children(spec, existing_ids) if existing_ids else {}
        self._unique_checks(spec)
        if spec.name == "materials":
            for record in records:
                try:
                    self._ensure_blob(record)
                except DomainError as exc:
                    self.error(self.where[(spec.name, record["uid"])], exc)
            self._flush(spec)
        later: list[tuple[Any, FieldSpec, str]] = []
        counts = self.counts[spec.name]
        for record in records:
            key = (spec.name, record["uid"])
            record_id = self.existing.get(key)
            row = rows_by_id.get(record_id) if record_id is not None else None
            if row is not None:
                self.rows[key] = row
                old = serialize(spec, row, self.uids, children)
                if canonical(old) == canonical(normalized(spec, record)):
                    counts[2] += 1
                    continue
                counts[1] += 1
            else:
                row = model(uid=record["uid"])
                self.rows[key] = row
                self.session.add(row)
                counts[0] += 1
            self.changed.add(key)
            try:
                self._fill(spec, row, record, later, replace_children=record_id is not None)
            except DomainError as exc:
                self.error(self.where[key], exc)
        self._flush(spec)
        for row, fspec, uid in later:
            setattr(row, fspec.attr, self.id_of(fspec.target, uid))
        if later:
            self._flush(spec)
        self._write_nested(spec)
        self.uids.forget(spec.name)

    def _flush(self, spec: TableSpec) -> None:
        try:
            with self.session.begin_nested():
                self.session.flush()
        except IntegrityError as exc:
            self.problem(pointer("tables", spec.name), CONFLICT_IN_DATABASE)
            raise _Stop from exc

    def _fill(
        self,
        spec: TableSpec,
        row: Any,
        record: Mapping[str, Any],
        later: list[tuple[Any, FieldSpec, str]],
        *,
        replace_children: bool,
    ) -> None:
        for fspec in spec.fields:
            if fspec.name == "uid":
                continue
            value = record.get(fspec.name)
            if fspec.kind == LIST:
                continue
            if fspec.kind == REF:
                target_id = self.id_of(fspec.target, value)
                if value is not None and target_id is None:
                    later.append((row, fspec, value))  # the same table, written just now
                    setattr(row, fspec.attr, None)
                    continue
                setattr(row, fspec.attr, target_id)
                continue
            setattr(row, fspec.attr, _python(fspec, value))
        if spec.name == "councils":
            row.profile = profile_to_dict(profile_from_data(record.get("profile")))
        elif spec.name == "meetings":
            row.year = row.meeting_date.year
        elif spec.name in ("people", "attendance", "acts"):
            fill_added_fields(spec.name, row)  # fields older files do not have
        elif spec.name == "agenda_revisions":
            row.details = self._details_in(record["details"])
        if replace_children:
            for fspec in spec.fields:
                if fspec.kind == LIST and fspec.nested is not None and row.id is not None:
                    child = MODELS[fspec.nested.name]
                    self.session.execute(
                        delete(child).where(
                            getattr(child, PARENT_COLUMN[fspec.nested.name]) == row.id
                        )
                    )

    def _details_in(self, details: Any) -> Any:
        if isinstance(details, dict) and "person" in details:
            out = {k: v for k, v in details.items() if k != "person"}
            uid = details["person"]
            out["person_id"] = self.id_of("people", uid) if isinstance(uid, str) else None
            return out
        return details

    def _frozen_in(self, frozen: Any) -> Any:
        if not isinstance(frozen, dict):
            return frozen

        def person(value: Any) -> Any:
            return self.id_of("people", value) if isinstance(value, str) else None

        out = dict(frozen)
        if isinstance(frozen.get("entitled_present"), list):
            out["entitled_present"] = [person(p) for p in frozen["entitled_present"]]
        for key in ("presiding_id", "chair_id"):
            if key in frozen:
                out[key] = person(frozen[key])
        if isinstance(frozen.get("ballots"), dict):
            out["ballots"] = {str(person(k)): v for k, v in frozen["ballots"].items()}
        result = frozen.get("result")
        if isinstance(result, dict) and "deciding_voter_id" in result:
            out["result"] = {**result, "deciding_voter_id": person(result["deciding_voter_id"])}
        return out

    def _ensure_blob(self, record: Mapping[str, Any]) -> None:
        sha = record["sha256"]
        blob = self.session.get(MaterialBlob, sha)
        if blob is not None:
            if blob.size != record["size"]:
                raise DomainError(
                    N_("The size of the material “{name}” does not match its file."),
                    name=record["file_name"],
                )
            return
        data = self.archive.read_blob(sha)
        if data is None:
            raise DomainError(
                N_(
                    "The file of the material “{name}” is neither in the archive nor in the "
                    "database (SHA-256 {sha})."
                ),
                name=record["file_name"],
                sha=sha,
            )
        if len(data) != record["size"]:
            raise DomainError(
                N_("The size of the material “{name}” does not match its file."),
                name=record["file_name"],
            )
        self.session.add(MaterialBlob(sha256=sha, size=len(data), data=data))

    def _write_nested(self, spec: TableSpec) -> None:
        nested = [f for f in spec.fields if f.kind == LIST and f.nested is not None]
        if not nested:
            return
        for index, record in enumerate(self.archive.records(spec.name)):
            key = (spec.name, record["uid"])
            if key not in self.changed:
                continue
            row = self.rows[key]
            for fspec in nested:
                assert fspec.nested is not None
                child_model = MODELS[fspec.nested.name]
                for j, child in enumerate(record[fspec.name]):
                    where = pointer("tables", spec.name, index, fspec.name, j)
                    values: dict[str, Any] = {PARENT_COLUMN[fspec.nested.name]: row.id}
                    for g in fspec.nested.fields:
                        value = child.get(g.name)
                        values[g.attr] = (
                            self.id_of(g.target, value) if g.kind == REF else _python(g, value)
                        )
                    if fspec.nested.name == "voting_reopenings":
                        values["previous"] = self._frozen_in(child["previous"])
                    if fspec.nested.name == "issued_documents":
                        try:
                            values["pdf"] = self._issued_pdf(child)
                        except DomainError as exc:
                            self.error(where, exc)
                            continue
                    self.session.add(child_model(**values))
        self._flush(spec)

    def _issued_pdf(self, child: Mapping[str, Any]) -> bytes:
        """The issued PDF: carried by the archive, already stored, or rendered again."""
        try:
            snapshot = ProtocolSnapshot.from_dict(child["snapshot"])
            digest = snapshot.digest()
            same = canonical(snapshot.to_dict()) == canonical(child["snapshot"])
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise DomainError(
                N_("The frozen snapshot of an issued protocol is not valid.")
            ) from exc
        if not same or digest != child["snapshot_sha256"]:
            raise DomainError(
                N_(
                    "The frozen snapshot of an issued protocol does not match its "
                    "SHA-256; the file was changed after the protocol was signed."
                )
            )
        sha = child["pdf_sha256"]
        data = self.archive.read_blob(sha)
        if data is None:
            stored = self.session.scalar(
                select(IssuedDocument.pdf).where(IssuedDocument.pdf_sha256 == sha).limit(1)
            )
            data = bytes(stored) if stored is not None else None
        if data is None:
            if self.render_pdf is not None:
                data = self.render_pdf(snapshot)
            else:
                from app.reports.protocol_pdf import render_pdf

                data = render_pdf(snapshot)
            if hashlib.sha256(data).hexdigest() != sha:
                raise DomainError(
                    N_(
                        "The issued PDF of the protocol cannot be reproduced from its snapshot "
                        "here; import an archive with the files embedded."
                    )
                )
        return data

    def _unique_checks(self, spec: TableSpec) -> None:
        """Refuse, with a clear reason, records that would take a place already taken."""
        rules: dict[str, tuple[tuple[str, ...], str]] = {
            "meetings": (("council", "year", "number"), ""),
            "attendance": (("meeting", "person"), LISTED_TWICE),
            "decision_points": (
                ("item", "number"),
                N_("Decision point No. {number} appears twice on the same agenda item."),
            ),
            "protocols": (
                ("meeting", "revision"),
                N_("Revision {revision} of the meeting's protocol appears twice."),
            ),
            "calendar_overrides": (("day",), N_("The day {day} has two calendar overrides.")),
        }
        rule = rules.get(spec.name)
        if rule is None:
            return
        _fields, msgid = rule
        model = MODELS[spec.name]
        taken: dict[tuple[Any, ...], str] = {}
        file_uids = {r["uid"] for r in self.archive.records(spec.name)}
        deleted = self.deletions.get(spec.name, set())
        for row in self.session.scalars(select(model)):
            if row.uid in file_uids or row.uid in deleted:
                continue
            taken[self._db_key(spec.name, row)] = row.uid
        for index, record in enumerate(self.archive.records(spec.name)):
            key = self._file_key(spec.name, record)
            if key is None:
                continue
            other = taken.get(key)
            where = pointer("tables", spec.name, index)
            if other is not None and other != record["uid"]:
                if spec.name == "meetings":
                    try:
                        check_number(
                            record["number"],
                            [record["number"]],
                            year=int(record["meeting_date"][:4]),
                        )
                    except DomainError as exc:
                        self.error(where, exc)
                elif spec.name == "attendance":
                    self.problem(where, msgid, person_id=self._person_name(record["person"]))
                else:
                    self.problem(
                        where,
                        msgid,
                        number=record.get("number", ""),
                        revision=record.get("revision", ""),
                        day=record.get("day", ""),
                    )
            taken[key] = record["uid"]
        if self.problems:
            raise _Stop

    def _db_key(self, table: str, row: Any) -> tuple[Any, ...]:
        if table == "meetings":
            return (row.council_id, row.year, row.number)
        if table == "attendance":
            return (row.meeting_id, row.person_id)
        if table == "decision_points":
            return (row.item_id, row.number)
        if table == "protocols":
            return (row.meeting_id, row.revision)
        return (row.day.isoformat(),)

    def _file_key(self, table: str, record: Mapping[str, Any]) -> tuple[Any, ...] | None:
        if table == "meetings":
            return (
                self.id_of("councils", record["council"]),
                int(record["meeting_date"][:4]),
                record["number"],
            )
        if table == "attendance":
            return (
                self.id_of("meetings", record["meeting"]),
                self.id_of("people", record["person"]),
            )
        if table == "decision_points":
            return (self.id_of("agenda_items", record["item"]), record["number"])
        if table == "protocols":
            return (self.id_of("meetings", record["meeting"]), record["revision"])
        return (record["day"],)

    def _person_name(self, uid: str | None) -> str:
        person_id = self.id_of("people", uid)
        person = self.session.get(Person, person_id) if person_id is not None else None
        if person is None:
            return str(uid)
        return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)

    def _name(self, person_id: int | None) -> str:
        person = self.session.get(Person, person_id) if person_id is not None else None
        if person is None:
            return f"#{person_id}"
        return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)

    # -- the rules ---------------------------------------------------------------------------
    def _touch(self) -> None:
        for spec in TABLES:
            for record in self.archive.records(spec.name):
                row = self.rows.get((spec.name, record["uid"]))
                if row is None or row.id is None:
                    continue
                meeting_id = self._meeting_of_row(spec.name, row)
                if meeting_id is not None:
                    self.touched_meetings.add(meeting_id)
                if spec.name == "councils":
                    self.touched_councils.add(int(row.id))
                elif spec.name == "seats":
                    self.touched_councils.add(int(row.council_id))

    def _check_rules(self) -> None:
        self._flush(TABLES[0])
        self._check_records()
        self._check_locks()
        for council_id in sorted(self.touched_councils):
            self._check_council(council_id)
        self._check_positions()
        for meeting_id in sorted(self.touched_meetings):
            self._check_meeting(meeting_id)

    def _loc(self, table: str, row: Any) -> str:
        return self.where.get((table, row.uid), pointer("tables", table))

    def _check_records(self) -> None:
        """What the services' editors check on each record by itself."""
        for record in self.archive.records("councils"):
            row = self.rows[("councils", record["uid"])]
            where = self.where[("councils", record["uid"])]
            if not any((row.name_kk, row.name_ru, row.name_en)):
                self.problem(where, N_("A council needs a name in at least one language."))
            if row.kind == CouncilKind.WORKING_GROUP.value and row.parent_id is None:
                self.problem(where, N_("A working group must name the council it works for."))
            if row.preset_key and row.preset_key not in PRESETS:
                self.problem(where, N_("Unknown regulation preset: {key}."), key=row.preset_key)
        self._check_parents()
        for record in self.archive.records("people"):
            row = self.rows[("people", record["uid"])]
            where = self.where[("people", record["uid"])]
            if not row.surname:
                self.problem(
                    where, N_("The field “{field}” must not be empty."), field=Term(N_("Surname"))
                )
            if row.email and ("@" not in row.email or " " in row.email):
                self.problem(where, N_("“{email}” is not an e-mail address."), email=row.email)
        for record in self.archive.records("positions"):
            row = self.rows[("positions", record["uid"])]
            if not any((row.title_kk, row.title_ru, row.title_en)):
                self.problem(
                    self.where[("positions", record["uid"])],
                    N_("A position needs a title in at least one language."),
                )
        for table in ("position_holdings", "seats"):
            for record in self.archive.records(table):
                row = self.rows[(table, record["uid"])]
                where = self.where[(table, record["uid"])]
                try:
                    Period(row.valid_from, row.valid_to)
                except DomainError as exc:
                    self.error(where, exc)
                if table == "seats":
                    try:
                        check_sort_order(row.sort_order)
                    except DomainError as exc:
                        self.error(where, exc)
                    if row.kind == SeatKind.EX_OFFICIO.value and row.position_id is None:
                        self.problem(
                            where, N_("An ex officio seat must name the position it belongs to.")
                        )
                    if row.kind == SeatKind.PERSONAL.value and row.person_id is None:
                        self.problem(
                            where, N_("A personal seat must name the person who holds it.")
                        )
        for record in self.archive.records("agenda_items"):
            row = self.rows[("agenda_items", record["uid"])]
            try:
                check_item_titles({"kk": row.title_kk, "ru": row.title_ru, "en": row.title_en})
            except DomainError as exc:
                self.error(self.where[("agenda_items", record["uid"])], exc)
        for record in self.archive.records("item_speakers"):
            row = self.rows[("item_speakers", record["uid"])]
            if row.person_id is None and not row.name:
                self.problem(
                    self.where[("item_speakers", record["uid"])],
                    N_("A speaker needs a person from the register or a name."),
                )

    def _check_parents(self) -> None:
        """No council may end up its own parent at any depth, with the database's councils."""
        rows = self.session.execute(
            select(
                Council.id,
                Council.uid,
                Council.parent_id,
                Council.name_kk,
                Council.name_ru,
                Council.name_en,
            ).order_by(Council.id)
        ).all()
        lang = interface_language()
        names = {
            r.id: pick({"kk": r.name_kk, "ru": r.name_ru, "en": r.name_en}, lang) for r in rows
        }
        uids = {r.id: r.uid for r in rows}
        for cycle in parent_cycles({r.id: r.parent_id for r in rows}):
            where = next(
                (self.where[key] for c in cycle if (key := ("councils", uids[c])) in self.where),
                pointer("tables", "councils"),
            )
            self.error(where, cycle_error(cycle, names))

    def _check_locks(self) -> None:
        """A signed protocol locks its meeting's record, as it does for every service."""
        reported: set[int] = set()
        for table, uid in sorted(self.changed):
            if table == "protocols" or (table not in MEETING_PARENT and table != "meetings"):
                continue
            row = self.rows.get((table, uid))
            meeting_id = self._meeting_of_row(table, row) if row is not None else None
            if meeting_id in self.locked_before and meeting_id not in reported:
                assert meeting_id is not None
                reported.add(meeting_id)
                meeting = self.session.get(Meeting, meeting_id)
                self.problem(
                    self.where.get((table, uid), ""),
                    N_(
                        "The protocol of meeting No. {number} is signed, so its record cannot "
                        "change. Make a correction as a new revision of the protocol, with a "
                        "reason."
                    ),
                    number=meeting.number if meeting else "?",
                )
        for record in self.archive.records("protocols"):
            key = ("protocols", record["uid"])
            if key not in self.changed or key not in self.existing:
                continue
            if self.protocol_state_before.get(record["uid"]) in LOCKED_STATES:
                self.problem(
                    self.where[key],
                    N_(
                        "Protocol No. {number} is signed and cannot change; make a correction as a "
                        "new revision."
                    ),
                    number=record["number"],
                )

    def _check_council(self, council_id: int) -> None:
        council = self.session.get(Council, council_id)
        if council is None:
            return
        try:
            profile = profile_from_data(council.profile)  # refused already when senseless
        except (ValueError, TypeError, KeyError, AttributeError, KenesError):
            return
        seats = list(
            self.session.scalars(
                select(Seat).where(Seat.council_id == council_id).order_by(Seat.id)
            )
        )
        ordered = sorted(
            seats,
            key=lambda s: (
                (self.where.get(("seats", s.uid), ""), s.id)
                if ("seats", s.uid) in self.where
                else ("", s.id)
            ),
        )
        facts: list[SeatFacts] = []
        for seat in ordered:
            try:
                facts.append(
                    SeatFacts(
                        seat.id,
                        Role(seat.role),
                        SeatKind(seat.kind),
                        Period(seat.valid_from, seat.valid_to),
                        seat.position_id,
                        seat.person_id,
                        seat.voting,
                        seat.by_agreement,
                        Side(seat.side),
                        seat.sort_order,
                    )
                )
            except (DomainError, ValueError):
                return  # reported with the seat itself
        positions = {f.position_id for f in facts if f.position_id is not None}
        holdings = self._holding_facts(positions)

        def check(prefix: list[SeatFacts]) -> DomainError | None:
            try:
                check_composition(
                    prefix,
                    holdings,
                    max_deputy_chairs=profile.max_deputy_chairs,
                    max_co_chairs=profile.max_co_chairs,
                    name_of=self._name,
                )
            except DomainError as exc:
                return exc
            return None

        error = check(facts)
        if error is None:
            return
        # The seat that breaks the rule: the first one whose addition makes the check fail.
        culprit = ordered[-1]
        for end in range(1, len(facts) + 1):
            found = check(facts[:end])
            if found is not None:
                culprit, error = ordered[end - 1], found
                break
        where = self.where.get(("seats", culprit.uid)) or self.where.get(
            ("councils", council.uid), pointer("tables", "councils")
        )
        self.error(where, error)

    def _holding_facts(self, positions: set[int]) -> list[HoldingFacts]:
        if not positions:
            return []
        return [
            HoldingFacts(h.position_id, h.person_id, Period(h.valid_from, h.valid_to))
            for h in self.session.scalars(
                select(PositionHolding).where(PositionHolding.position_id.in_(sorted(positions)))
            )
            if h.valid_to is None or h.valid_to >= h.valid_from
        ]

    def _check_positions(self) -> None:
        positions = {
            self.rows[("position_holdings", r["uid"])].position_id
            for r in self.archive.records("position_holdings")
        }
        for position_id in sorted(p for p in positions if p is not None):
            holdings = list(
                self.session.scalars(
                    select(PositionHolding)
                    .where(PositionHolding.position_id == position_id)
                    .order_by(PositionHolding.valid_from, PositionHolding.id)
                )
            )
            facts = []
            for h in holdings:
                if h.valid_to is not None and h.valid_to < h.valid_from:
                    return
                facts.append(
                    (h, HoldingFacts(h.position_id, h.person_id, Period(h.valid_from, h.valid_to)))
                )
            try:
                check_holdings([f for _h, f in facts], self._name)
            except DomainError as exc:
                culprit = holdings[-1]
                for end in range(2, len(facts) + 1):
                    try:
                        check_holdings([f for _h, f in facts[:end]], self._name)
                    except DomainError:
                        culprit = facts[end - 1][0]
                        break
                self.error(self._loc("position_holdings", culprit), exc)

    def _check_meeting(self, meeting_id: int) -> None:
        meeting = self.session.get(Meeting, meeting_id)
        if meeting is None:
            return
        where = self._loc("meetings", meeting)
        try:
            check_times(meeting.starts_at, meeting.ends_at)
        except DomainError as exc:
            self.error(where, exc)
        try:
            fr = frame(self.session, meeting_id)
        except (DomainError, ValueError) as exc:
            if isinstance(exc, DomainError):
                self.error(where, exc)
            return
        try:
            presiding = choose_presiding(
                MeetingKind(meeting.kind),
                meeting.meeting_date,
                fr.members,
                meeting.presiding_person_id,
            )
            if presiding != meeting.presiding_person_id:
                raise DomainError(
                    N_(
                        "A session of the council is presided by the chair, or by a deputy "
                        "chair in the chair's absence; the person named holds neither seat on "
                        "{day}."
                    ),
                    day=meeting.meeting_date.isoformat(),
                )
        except DomainError as exc:
            self.error(where, exc)
        positions = [item.position for item in fr.items]
        if positions != list(range(len(positions))):
            self.problem(
                where,
                N_("The agenda items of meeting No. {number} are not numbered one after another."),
                number=meeting.number,
            )
        self._check_conduct(fr, where)
        self._check_protocols(fr, where)

    def _pointer_of_ballot(self, point: DecisionPoint, person_id: int) -> str:
        key = ("decision_points", point.uid)
        base = self.where.get(key)
        record = self.record_of("decision_points", point.uid) if base else None
        person_uid = self.uids.uid("people", person_id)
        if base is None or record is None:
            return base or pointer("tables", "decision_points")
        for index, ballot in enumerate(record.get("ballots", [])):
            if ballot.get("person") == person_uid:
                return f"{base}/ballots/{index}"
        return base

    def _check_conduct(self, fr: MeetingFrame, where: str) -> None:
        from app.models.conduct import (
            Attendance,
            DissentingOpinion,
            InvitedPerson,
            ProtocolInstruction,
        )
        from app.services.conduct.dissent import _took_part_frozen
        from app.services.conduct.voting import _check_voter

        session, meeting = self.session, fr.meeting
        attendance = list(
            session.scalars(
                select(Attendance)
                .where(Attendance.meeting_id == meeting.id)
                .order_by(Attendance.id)
            )
        )
        invited = list(
            session.scalars(
                select(InvitedPerson)
                .where(InvitedPerson.meeting_id == meeting.id)
                .order_by(InvitedPerson.id)
            )
        )
        item_ids = [item.id for item in fr.items]
        points = (
            list(
                session.scalars(
                    select(DecisionPoint)
                    .where(DecisionPoint.item_id.in_(item_ids))
                    .order_by(DecisionPoint.id)
                )
            )
            if item_ids
            else []
        )
        point_ids = [p.id for p in points]
        dissents = (
            list(
                session.scalars(
                    select(DissentingOpinion)
                    .where(DissentingOpinion.decision_point_id.in_(point_ids))
                    .order_by(DissentingOpinion.id)
                )
            )
            if point_ids
            else []
        )
        instructions = (
            list(
                session.scalars(
                    select(ProtocolInstruction)
                    .where(ProtocolInstruction.decision_point_id.in_(point_ids))
                    .order_by(ProtocolInstruction.id)
                )
            )
            if point_ids
            else []
        )
        if not (attendance or invited or points):
            return
        if MeetingState(meeting.state) not in DISSENT_STATES:
            self.problem(
                where,
                N_(
                    "Attendance and votes of meeting No. {number} cannot be recorded in the state "
                    "“{state}”: record them once the agenda is approved, until the meeting is "
                    "closed."
                ),
                number=meeting.number,
                state=meeting.state,
            )
            return
        members = fr.member_ids()
        day = fr.day.isoformat()
        for row in attendance:
            if row.person_id not in members:
                self.problem(
                    self._loc("attendance", row),
                    N_(
                        "{name} is not a member of the council on {day}; record them as an invited "
                        "person. Members take part without the right of substitution."
                    ),
                    name=self._name(row.person_id),
                    day=day,
                )
        records = attendance_records(session, meeting.id)
        try:
            validate_attendance(records, len(fr.items))
        except DomainError as exc:
            params = dict(exc.params)
            culprit = params.get("person_id")
            row_at = next((r for r in attendance if r.person_id == culprit), None)
            if isinstance(culprit, int):
                params["person_id"] = self._name(culprit)
            self.problems.append(
                Problem(
                    self._loc("attendance", row_at) if row_at is not None else where,
                    exc.msgid,
                    tuple(sorted(params.items())),
                )
            )
            return
        present = {r.person_id for r in records if r.present}
        for guest in invited:
            at = self._loc("invited_persons", guest)
            if guest.person_id is not None and guest.person_id in members:
                self.problem(
                    at,
                    N_(
                        "{name} is a member of the council; record their attendance "
                        "instead of inviting them."
                    ),
                    name=self._name(guest.person_id),
                )
            if not guest.name:
                self.problem(at, N_("An invited person needs a name."))
            if guest.role == "substitute":
                if guest.instead_of_person_id is None:
                    self.problem(at, N_("Say which member this person came instead of."))
                elif guest.instead_of_person_id not in members:
                    self.problem(
                        at,
                        N_("The person replaced is not a member of the council on {day}."),
                        day=day,
                    )
                elif guest.instead_of_person_id in present:
                    self.problem(
                        at,
                        N_(
                            "The member is marked present in person; nobody can "
                            "attend instead of them."
                        ),
                    )
            elif guest.instead_of_person_id is not None:
                self.problem(at, N_("Only someone who came instead of a member names the member."))
        frozen_now: dict[int, dict[str, Any] | None] = {}
        for point in points:
            at = self._loc("decision_points", point)
            index = fr.item_index(point.item_id)
            cast = ballots_of(session, point.id)
            has_counts = any(
                v is not None for v in (point.count_for, point.count_against, point.count_abstained)
            )
            if point.mode == "counts" and cast:
                self.problem(
                    at,
                    N_(
                        "Decision point {number} is voted by counts only; enter the "
                        "counts instead of names."
                    ),
                    number=point.number,
                )
                continue
            if point.mode == "roll_call" and (
                has_counts or point.presiding_choice or point.chair_choice
            ):
                self.problem(
                    at,
                    N_("Decision point {number} is a roll call; record each member's vote."),
                    number=point.number,
                )
                continue
            try:
                context = voting_context(fr, records, index)
            except DomainError as exc:
                self.error(at, exc)
                continue
            refused = False
            for person_id in sorted(cast):
                if person_id in context.entitled_present:
                    continue
                refused = True
                try:
                    _check_voter(session, fr, index, person_id, records)
                except DomainError as exc:
                    self.error(self._pointer_of_ballot(point, person_id), exc)
            if refused:
                continue
            try:
                result = live_result(session, point, fr, records, index)
            except DomainError as exc:
                self.error(at, exc)
                continue
            if point.state == "closed":
                if result is None:
                    self.problem(
                        at,
                        N_(
                            "Enter the counts of decision point {number} before closing its voting."
                        ),
                        number=point.number,
                    )
                    continue
                quorum = item_quorum(fr, records, index)
                # The rule the service applied when it closed the vote (quorum_loss).
                try:
                    if closing_without_quorum(fr.profile, quorum, index + 1, confirmed=True):
                        result = not_considered(result)
                except DomainError as exc:
                    self.error(at, exc)
                    continue
                frozen: dict[str, Any] = {
                    "entitled_present": sorted(context.entitled_present),
                    "composition_size": context.composition_size,
                    "presiding_id": context.presiding_id,
                    "chair_id": context.chair_id,
                    "ballots": {str(k): v.value for k, v in sorted(cast.items())},
                    "quorum": {
                        "has_quorum": quorum.has_quorum,
                        "present": quorum.present,
                        "base": quorum.base,
                        "required": quorum.required,
                        "source": quorum.source,
                    },
                    "result": result_data(result),
                }
                if point.frozen != frozen:
                    point.frozen = frozen
                if point.without_quorum != (not quorum.has_quorum):
                    point.without_quorum = not quorum.has_quorum
                if point.closed_at is None:
                    self.problem(
                        at, N_("The field “{field}” must not be empty."), field="closed_at"
                    )
                frozen_now[point.id] = frozen
            else:
                if point.frozen is not None:
                    point.frozen = None
                if point.without_quorum:
                    point.without_quorum = False
                frozen_now[point.id] = None
        by_point = {p.id: p for p in points}
        seen: set[tuple[int, int]] = set()
        for opinion in dissents:
            at = self._loc("dissenting_opinions", opinion)
            point = by_point[opinion.decision_point_id]
            name = self._name(opinion.person_id)
            if (point.id, opinion.person_id) in seen:
                self.problem(
                    at,
                    N_(
                        "{name} has already stated a dissenting opinion on this "
                        "decision; change that one instead."
                    ),
                    name=name,
                )
                continue
            seen.add((point.id, opinion.person_id))
            if not opinion.text:
                self.problem(
                    at,
                    N_("The field “{field}” must not be empty."),
                    field=Term(N_("Dissenting opinion")),
                )
            if opinion.received_on < fr.day:
                self.problem(
                    at, N_("An opinion cannot be received before the meeting ({day})."), day=day
                )
            frozen_state = frozen_now.get(point.id)
            if frozen_state is not None:
                took_part = _took_part_frozen(frozen_state, opinion.person_id, point.mode)
            elif point.mode == "counts":
                try:
                    context = voting_context(fr, records, fr.item_index(point.item_id))
                except DomainError:
                    continue
                took_part = opinion.person_id in context.entitled_present
            else:
                took_part = (
                    ballots_of(session, point.id).get(opinion.person_id, Choice.DID_NOT_VOTE)
                    is not Choice.DID_NOT_VOTE
                )
            if not took_part:
                refusal = not_a_participant(name, point.number, fr.profile.citation("dissent"))
                self.error(at, refusal)
        for instruction in instructions:
            at = self._loc("protocol_instructions", instruction)
            if not any((instruction.text_kk, instruction.text_ru, instruction.text_en)):
                self.problem(
                    at,
                    N_("“{field}” needs a text in at least one language."),
                    field=Term(N_("Instruction")),
                )
            if instruction.executor_person_id is None and not any(
                (instruction.executor_kk, instruction.executor_ru, instruction.executor_en)
            ):
                self.problem(
                    at,
                    N_(
                        "An instruction needs a responsible executor (a person or an organisation)."
                    ),
                )
            if instruction.deadline is not None and instruction.deadline < fr.day:
                self.problem(
                    at,
                    N_("The deadline {deadline} is before the meeting."),
                    deadline=instruction.deadline.isoformat(),
                )

    def _check_protocols(self, fr: MeetingFrame, where: str) -> None:
        meeting = fr.meeting
        protocols = list(
            self.session.scalars(
                select(Protocol)
                .where(Protocol.meeting_id == meeting.id)
                .order_by(Protocol.revision)
            )
        )
        if not protocols:
            return
        if meeting.state not in (MeetingState.HELD.value, MeetingState.CLOSED.value):
            self.problem(
                self._loc("protocols", protocols[0]),
                N_(
                    "Meeting No. {number} has not been held yet, so it has no protocol. Mark it "
                    "as held first."
                ),
                number=meeting.number,
            )
            return
        item_ids = [item.id for item in fr.items]
        open_point = (
            self.session.scalar(
                select(DecisionPoint.id)
                .where(DecisionPoint.item_id.in_(item_ids), DecisionPoint.state == "open")
                .limit(1)
            )
            if item_ids
            else None
        )
        for row in protocols:
            if row.state in LOCKED_STATES and row.id == protocols[-1].id and open_point:
                self.problem(
                    self._loc("protocols", row),
                    N_(
                        "Some votes of the meeting are still open; close every voting before "
                        "signing the protocol."
                    ),
                )
        if protocols[-1].state in LOCKED_STATES:
            self._check_signed_record(fr, protocols[-1])

    def _check_signed_record(self, fr: MeetingFrame, row: Protocol) -> None:
        """Finding 14.2: the record of a signed meeting agrees with every frozen snapshot."""
        from app.domain.signed_record import VOTE_DIFFERS, VOTES_DIFFER, disagreements
        from app.i18n import translations
        from app.services.conduct.queries import live_meeting_in
        from app.services.protocols.labels import CHOICE_WORDS
        from app.services.protocols.snapshot import build_snapshot

        issued = list(
            self.session.scalars(
                select(IssuedDocument)
                .where(IssuedDocument.protocol_id == row.id)
                .order_by(IssuedDocument.lang)
            )
        )
        if not issued:
            return
        try:
            live = live_meeting_in(self.session, fr.meeting.id)
        except (DomainError, ValueError):
            return
        points: dict[str, str] = {}
        for item_line in live.items:
            for point in item_line.points:
                number = f"{item_line.index + 1}.{point.decision.number}"
                point_row = self.session.get(DecisionPoint, point.decision.id)
                if point_row is not None:
                    points[number] = self._loc("decision_points", point_row)
        where = self._loc("protocols", row)
        seen: set[tuple[str, str, str]] = set()
        votes_named: set[str] = set()  # names differ by language: one language names them
        for document in issued:
            try:
                signed = ProtocolSnapshot.from_dict(document.snapshot)
                now = build_snapshot(self.session, row, document.lang)
            except (DomainError, ValueError, TypeError, KeyError):
                continue
            t = translations(document.lang)
            words = frozenset(t.gettext(word) for word in CHOICE_WORDS.values())
            found = disagreements(signed, now, words)
            named_here: set[str] = set()
            for each in found:
                if each.msgid in (VOTE_DIFFERS, VOTES_DIFFER):
                    if each.decision in votes_named:
                        continue
                    named_here.add(each.decision)
                if each.key in seen:
                    continue
                seen.add(each.key)
                self.error(points.get(each.decision, where), each.error(fr.meeting.number))
            votes_named |= named_here


def _counts(merger: Merger) -> dict[str, TableCounts]:
    return {
        name: TableCounts(*values)
        for name, values in merger.counts.items()
        if any(values) or merger.archive.records(name)
    }


# -- the actions -----------------------------------------------------------------------------


def _checked_archive(archive: object) -> ArchiveFile:
    """An archive as :func:`read_archive` made it (checked again: nothing is taken on trust)."""
    value = expect(archive, ArchiveFile, N_("Import"))
    shapes_ok = (
        isinstance(value.tables, dict)
        and all(isinstance(k, str) and isinstance(v, list) for k, v in value.tables.items())
        and isinstance(value.kind, str)
        and isinstance(value.version, int)
        and isinstance(value.created_at, str)
        and isinstance(value.scope, dict)
        and (value.package is None or isinstance(value.package, dict))
        and isinstance(value.source, str)
        and isinstance(value.blob_entries, frozenset)
        and isinstance(value.zipped, bool)
        and isinstance(value.limits, Limits)
    )
    if not shapes_ok:
        raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Import")))
    from app.services.exchange.format import check_document

    document: dict[str, Any] = {
        "format": "kenes-exchange",
        "version": value.version,
        "kind": value.kind,
        "created_at": value.created_at,
        "generator": value.generator,
        "scope": value.scope,
        "tables": value.tables,
    }
    if value.package is not None:
        document["package"] = value.package
    checked = check_document(
        document,
        Path(value.source or "import"),
        value.limits,
        zipped=value.zipped,
        blobs=value.blob_entries,
    )
    return checked


def _refuse_return(archive: ArchiveFile) -> None:
    if archive.kind == KIND_RETURN:
        raise DomainError(
            N_(
                "This file brings a meeting back from a laptop; use “Bring back "
                "from laptop” to import it, so changes made in both places are "
                "shown side by side."
            )
        )


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
    checked = _checked_archive(archive)
    _refuse_return(checked)
    merger = _merge_dry(db, checked)
    return ImportPlan(checked, _counts(merger), tuple(merger.problems))


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
    archive = _checked_archive(plan.archive)
    _refuse_return(archive)
    keep = _resolutions(archive, resolutions)
    source = _without(archive, keep) if keep else archive
    with db.transaction() as session:
        merger = Merger(session, source)
        merger.run()
        if merger.problems:
            raise ImportRefused(merger.problems)
        counts = _counts(merger)
        if not keep and isinstance(plan.counts, dict) and counts != plan.counts:
            raise DomainError(
                N_(
                    "The database changed since the summary was made; read the "
                    "file again and review the new summary."
                )
            )
        audit(
            session,
            actor,
            "exchange.import",
            entity="exchange",
            after={
                "file": Path(archive.source).name,
                "kind": archive.kind,
                "counts": {
                    k: [c.new, c.updated, c.unchanged, c.removed] for k, c in counts.items()
                },
                "kept": sorted(f"{t}/{u}" for t, u in keep),
            },
        )
        package_id = ""
        if archive.kind == KIND_PACKAGE and archive.package is not None:
            package_id = str(archive.package.get("id", ""))
            record_package(session, actor, "exchange.package_import", archive.package)
        return ImportResult(counts, archive.kind, package_id)


def record_package(session: Session, actor: Actor, action: str, package: Mapping[str, Any]) -> None:
    """Remember a package's base (the hash of every record as it left the office)."""
    meeting_uid = package.get("meeting")
    meeting = session.scalar(select(Meeting).where(Meeting.uid == meeting_uid))
    audit(
        session,
        actor,
        action,
        entity="meetings",
        entity_id=meeting.id if meeting is not None else None,
        council_id=meeting.council_id if meeting is not None else None,
        after={
            "package": package.get("id"),
            "meeting": meeting_uid,
            "made_at": package.get("made_at"),
            "base": dict(package.get("base", {})),
        },
    )


def latest_package(session: Session, meeting_uid: str, action: str) -> dict[str, Any] | None:
    """The newest package of a meeting recorded with ``action`` (imported or exported)."""
    for event in session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == action, AuditEvent.entity == "meetings")
        .order_by(AuditEvent.id.desc())
    ):
        after = event.after or {}
        if after.get("meeting") == meeting_uid:
            return dict(after)
    return None


def package_by_id(session: Session, package_id: str, action: str) -> dict[str, Any] | None:
    for event in session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    ):
        after = event.after or {}
        if after.get("package") == package_id:
            return dict(after)
    return None
