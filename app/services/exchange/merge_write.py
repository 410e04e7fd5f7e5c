"""The second step of a merge: the records of the file written into the session.

Records are matched by uid (updated, never duplicated); a record whose content
is already here is counted as unchanged and left alone.  A record that would
take a place already taken (the same meeting number, the same day) is refused
with a clear reason before the database's own constraint would refuse it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from itertools import groupby
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.exc import IntegrityError

from app.domain.attendance import LISTED_TWICE
from app.domain.errors import DomainError
from app.domain.meeting import check_number
from app.domain.regulation import profile_from_data, profile_to_dict
from app.domain.translation import N_
from app.formats.exchange_schema import LIST, REF, TABLES, FieldSpec, TableSpec
from app.formats.exchange_values import canonical, normalized, pointer
from app.models.meeting import Meeting
from app.services.exchange.added_fields import fill_added_fields
from app.services.exchange.frozen_ids import frozen_in
from app.services.exchange.merge_files import ensure_blob, issued_pdf
from app.services.exchange.merge_remarks import RemarkChecks
from app.services.exchange.merge_state import (
    CONFLICT_IN_DATABASE,
    LOCKED,
    RELEASED,
    Key,
    Stop,
    Written,
)
from app.services.exchange.plain_insert import insert_plain
from app.services.exchange.records import (
    MODELS,
    PARENT_COLUMN,
    children,
    python_converter,
    serialize,
)

NESTED_BATCH = 5_000  # nested rows per insert
FRESH_BATCH = 2_000  # new plain records per insert (see ``_write``)

# How a record's field is written: (field name, attribute, table referred to or "",
# conversion of the file's value or None when the value is stored as it is).
FieldPlan = tuple[str, str, str, Callable[[Any], Any] | None]


_PLANS: dict[str, tuple[FieldPlan, ...]] = {}


def fields_to_fill(spec: TableSpec) -> tuple[FieldPlan, ...]:
    """The fields a record of ``spec`` fills (all but the uid and the nested lists)."""
    plan = _PLANS.get(spec.name)
    if plan is None:
        plan = _PLANS[spec.name] = tuple(
            (f.name, f.attr, f.target, None)
            if f.kind == REF
            else (f.name, f.attr, "", python_converter(f.kind))
            for f in spec.fields
            if f.name != "uid" and f.kind != LIST
        )
    return plan


class Memo(dict[Any, Any]):
    """``compute(value)`` of each value, computed once: the ids of a table written before
    (its ids no longer change) or the moments of a file, met many times (a ballot's person
    and time)."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, value: Any) -> Any:
        found = self[value] = self._compute(value)
        return found


# How a nested record's field is written: (field name, column, the column's value of each
# value of the file, or None when it is stored as it is).
NestedField = tuple[str, str, Memo | None]


def nested_values(
    fields: Sequence[NestedField], child: Mapping[str, Any], values: dict[str, Any]
) -> dict[str, Any]:
    """``values`` (the parent's column) with the columns of the nested record ``child``."""
    for name, attr, stored in fields:
        value = child.get(name)
        values[attr] = value if stored is None else stored[value]
    return values


class MergeWrite(RemarkChecks):
    """Deletes, inserts and updates the records of the file, table after table."""

    known_ids: dict[str, Memo]  # the table written now: ids of the tables written before

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
                        raise Stop
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

    def _write(
        self, spec: TableSpec, part: Sequence[dict[str, Any]] | None = None, at: int = 0
    ) -> None:
        """The records of ``spec``'s table written: all of them, or ``part`` of them, from
        place ``at`` (a file merged as it is read: see ``merge_stream``)."""
        records = self.archive.records(spec.name) if part is None else part
        if not records:
            return
        model = MODELS[spec.name]
        # The ids of the tables written before this one, looked up once for all its records.
        self.known_ids = {
            table: Memo(partial(self.id_of, table))
            for table in {"people", *(target for _n, _a, target, _c in fields_to_fill(spec))}
            if table and table != spec.name
        }
        # Of its own table, the ids of the rows here before: a reference to a record written
        # now waits for its id (``later``), as when every new row waits for the ORM's flush.
        self.known_ids[spec.name] = Memo(lambda uid: self.existing.get((spec.name, uid)))
        rows_by_id, nested = self._existing_rows(spec, records)
        self._unique_checks(spec, records, at)
        if spec.name == "materials":
            self._store_blobs(spec, records)
        later: list[tuple[Any, FieldSpec, str]] = []
        fresh: list[tuple[Key, SimpleNamespace]] = []
        # While every record so far is new and plain, the new rows go in a batch at a time (a
        # large table's rows are not all held); when the table has rows here before, all go in
        # at the end, after the ORM's updates (as the ORM's own flush orders them).
        batches = not rows_by_id
        plain = spec.name in RELEASED
        counts = self.counts[spec.name]
        for record in records:
            key = (spec.name, record["uid"])
            record_id = self.existing.get(key)
            row = rows_by_id.get(record_id) if record_id is not None else None
            if batches and len(fresh) >= FRESH_BATCH:
                self._insert_fresh(spec, fresh)
                fresh.clear()
            if row is not None:
                batches = False
                self.rows[key] = row
                old = serialize(spec, row, self.uids, nested)
                if canonical(old) == canonical(normalized(spec, record)) or (
                    spec.name == "review_remarks" and self._remark_left_as_is(key, old, record)
                ):
                    counts[2] += 1
                    continue
                counts[1] += 1
            else:
                counts[0] += 1
                if plain and self._fill_plain(spec, record, fresh, later):
                    self.changed.add(key)
                    continue  # written below with the others, without an ORM row
                if plain:  # this new row and the next ones are the ORM's, in file order
                    plain = False
                    self._fresh_to_orm(spec, fresh)
                batches = False
                row = model(uid=record["uid"])
                self.rows[key] = row
                self.session.add(row)
            self.changed.add(key)
            try:
                self._fill(spec, row, record, later, replace_children=record_id is not None)
            except DomainError as exc:
                self.error(self.where[key], exc)
        self._flush(spec)
        self._insert_fresh(spec, fresh)
        for row, fspec, uid in later:
            setattr(row, fspec.attr, self.id_of(fspec.target, uid))
        if later:
            self._flush(spec)
        self._write_nested(spec, records, at)
        self.uids.forget(spec.name)
        self._release(spec.name, records)

    def _fill_plain(
        self,
        spec: TableSpec,
        record: Mapping[str, Any],
        fresh: list[tuple[Key, SimpleNamespace]],
        later: list[tuple[Any, FieldSpec, str]],
    ) -> bool:
        """A new record of a :data:`RELEASED` table filled as plain values, added to ``fresh``;
        False when a rule refuses a value (the record then takes the ORM way, which says why).
        """
        row = SimpleNamespace(uid=record["uid"])
        mark = len(later)
        try:
            self._fill(spec, row, record, later, replace_children=False)
        except DomainError:
            del later[mark:]
            return False
        if len(later) > mark:  # a record of its own table written now: the ORM's way
            del later[mark:]
            return False
        fresh.append(((spec.name, record["uid"]), row))
        return True

    def _fresh_to_orm(self, spec: TableSpec, fresh: list[tuple[Key, SimpleNamespace]]) -> None:
        """The new rows not yet inserted, added to the session as ORM rows (emptied after), so
        that they go in before a record that takes the ORM way: the ids the ORM would give."""
        model = MODELS[spec.name]
        for key, values in fresh:
            row = model()
            for attr, value in vars(values).items():
                setattr(row, attr, value)
            self.rows[key] = row
            self.session.add(row)
        fresh.clear()

    def _insert_fresh(self, spec: TableSpec, fresh: list[tuple[Key, SimpleNamespace]]) -> None:
        """The new records of a :data:`RELEASED` table, in file order, as multi-row inserts.

        Each row holds the values the ORM would insert: a None it leaves out (the column's
        default applies) is left out here too, and rows with the same columns go together
        in their order, as the ORM's own batches (so the ids are the ones it would give).
        """
        if not fresh:
            return
        table = MODELS[spec.name].__table__
        keeps_none = {c.key for c in table.columns if c.type.should_evaluate_none}
        values = [
            {k: v for k, v in vars(row).items() if v is not None or k in keeps_none}
            for _key, row in fresh
        ]
        self._insert_plain(spec, table, values)
        model = MODELS[spec.name]
        ids: dict[str, int] = {}
        uids = [key[1] for key, _row in fresh]
        for start in range(0, len(uids), 500):
            chunk = uids[start : start + 500]
            ids.update(
                (uid, record_id)
                for record_id, uid in self.session.execute(
                    select(model.id, model.uid).where(model.uid.in_(chunk))
                )
            )
        for key, row in fresh:
            row.id = ids[key[1]]
            self.rows[key] = Written(row)

    def _existing_rows(
        self, spec: TableSpec, records: Sequence[Mapping[str, Any]]
    ) -> tuple[dict[int, Any], Any]:
        """The database's rows of the records already there, and their nested rows."""
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
        nested = children(self.session, spec, set(existing_ids)) if existing_ids else {}
        return rows_by_id, nested

    def _store_blobs(self, spec: TableSpec, records: Sequence[Mapping[str, Any]]) -> None:
        """The material files the records name, stored once by their hash."""
        for record in records:
            try:
                ensure_blob(self.session, self.archive, record)
            except DomainError as exc:
                self.error(self.where[(spec.name, record["uid"])], exc)
        self._flush(spec)

    def _fill(
        self,
        spec: TableSpec,
        row: Any,
        record: Mapping[str, Any],
        later: list[tuple[Any, FieldSpec, str]],
        *,
        replace_children: bool,
    ) -> None:
        for name, attr, target, convert in fields_to_fill(spec):
            value = record.get(name)
            if target:
                known = self.known_ids.get(target)
                target_id = known[value] if known is not None else self.id_of(target, value)
                if value is not None and target_id is None:
                    later.append((row, spec.field(name), value))  # the same table, written now
                    setattr(row, attr, None)
                    continue
                setattr(row, attr, target_id)
                continue
            setattr(row, attr, value if convert is None else convert(value))
        self._fill_derived(spec, row, record)
        if replace_children:
            self._clear_children(spec, row)

    def _fill_derived(self, spec: TableSpec, row: Any, record: Mapping[str, Any]) -> None:
        """The columns a table computes from its record (profiles, frozen votes, years)."""
        if spec.name in ("councils", "profile_versions"):
            row.profile = profile_to_dict(profile_from_data(record.get("profile")))
        elif spec.name == "decision_points":
            row.frozen = self._frozen_in(record.get("frozen"))
        elif spec.name == "meetings":
            row.year = row.meeting_date.year
        elif spec.name in ("people", "attendance", "acts"):
            fill_added_fields(spec.name, row)  # fields older files do not have
        elif spec.name == "agenda_revisions":
            row.details = self._details_in(record["details"])

    def _clear_children(self, spec: TableSpec, row: Any) -> None:
        """An updated record's nested rows go; the file's are written after."""
        for fspec in spec.fields:
            if fspec.kind == LIST and fspec.nested is not None and row.id is not None:
                child = MODELS[fspec.nested.name]
                self.session.execute(
                    delete(child).where(getattr(child, PARENT_COLUMN[fspec.nested.name]) == row.id)
                )

    def _details_in(self, details: Any) -> Any:
        if isinstance(details, dict) and "person" in details:
            out = {k: v for k, v in details.items() if k != "person"}
            uid = details["person"]
            out["person_id"] = self.id_of("people", uid) if isinstance(uid, str) else None
            return out
        return details

    def _frozen_in(self, frozen: Any) -> Any:
        people = self.known_ids["people"]  # about 40 people in each closed vote
        return frozen_in(frozen, lambda _table, uid: people[uid])

    def _write_nested(self, spec: TableSpec, records: Sequence[dict[str, Any]], at: int) -> None:
        nested = [f for f in spec.fields if f.kind == LIST and f.nested is not None]
        if not nested:
            return
        # Nested rows (600,000 ballots in a large archive) go in as plain rows, not ORM objects.
        pending: dict[str, list[dict[str, Any]]] = {f.name: [] for f in nested}
        plans = {f.name: self._nested_plan(f) for f in nested}
        for index, record in enumerate(records, at):
            key = (spec.name, record["uid"])
            if key not in self.changed:
                continue
            row_id = self.rows[key].id
            for fspec in nested:
                assert fspec.nested is not None
                name = fspec.nested.name
                parent, fields = plans[fspec.name]
                rows = pending[fspec.name]
                for j, child in enumerate(record[fspec.name]):
                    values = nested_values(fields, child, {parent: row_id})
                    if name == "voting_reopenings":
                        values["previous"] = self._frozen_in(child["previous"])
                    if name == "issued_documents":
                        try:
                            values["pdf"] = issued_pdf(
                                self.session, self.archive, child, self.render_pdf
                            )
                        except DomainError as exc:
                            self.error(pointer("tables", spec.name, index, fspec.name, j), exc)
                            continue
                    rows.append(values)
                    if len(rows) >= NESTED_BATCH:
                        self._insert_nested(spec, fspec, rows)
        for fspec in nested:
            self._insert_nested(spec, fspec, pending[fspec.name])
        self._flush(spec)

    def _nested_plan(self, fspec: FieldSpec) -> tuple[str, list[NestedField]]:
        """A nested list's parent column, and how each field of its records is written."""
        assert fspec.nested is not None
        fields: list[NestedField] = []
        for name, attr, target, convert in fields_to_fill(fspec.nested):
            if target:
                fields.append((name, attr, Memo(partial(self.id_of, target))))
            else:
                fields.append((name, attr, None if convert is None else Memo(convert)))
        return PARENT_COLUMN[fspec.nested.name], fields

    def _insert_nested(self, spec: TableSpec, fspec: FieldSpec, rows: list[dict[str, Any]]) -> None:
        """One multi-row insert of nested rows (emptied after); a conflict refuses the file."""
        if not rows:
            return
        assert fspec.nested is not None
        self._insert_plain(spec, MODELS[fspec.nested.name].__table__, rows)
        rows.clear()

    def _insert_plain(self, spec: TableSpec, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """``rows`` as multi-row inserts, a run of rows with the same columns at a time (as
        the ORM's own batches go, so the ids are the ones it would give); a conflict refuses
        the file (``spec``: the file's table the rows come from)."""
        try:
            with self.session.begin_nested():
                connection = self.session.connection()
                for _columns, group in groupby(rows, key=dict.keys):
                    same = list(group)
                    if not insert_plain(connection, table, same):
                        self.session.execute(insert(table), same)
        except IntegrityError as exc:
            self.problem(pointer("tables", spec.name), CONFLICT_IN_DATABASE)
            raise Stop from exc

    def _unique_checks(
        self, spec: TableSpec, records: Sequence[Mapping[str, Any]], at: int
    ) -> None:
        """Refuse, with a clear reason, records that would take a place already taken.

        ``records``: of the table, from place ``at``; the places taken are kept for the
        table's next part, and read here with the first (the rows here that the first part
        does not name: never fewer than those the whole file does not name).
        """
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
        taken = self.taken.get(spec.name) if at else None
        if taken is None:
            taken = self.taken[spec.name] = self._taken_here(spec, records)
        for index, record in enumerate(records, at):
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
            raise Stop

    def _taken_here(
        self, spec: TableSpec, records: Sequence[Mapping[str, Any]]
    ) -> dict[tuple[Any, ...], str]:
        """The places taken by the rows here that neither ``records`` nor the deletions name."""
        model = MODELS[spec.name]
        taken: dict[tuple[Any, ...], str] = {}
        file_uids = {r["uid"] for r in records}
        deleted = self.deletions.get(spec.name, set())
        for row in self.session.scalars(select(model)):
            if row.uid in file_uids or row.uid in deleted:
                continue
            taken[self._db_key(spec.name, row)] = row.uid
        return taken

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
