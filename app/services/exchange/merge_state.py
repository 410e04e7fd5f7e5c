"""The state a merge of an exchange file builds up, shared by its resolve, write and check steps.

Every record of the file is known by its place in the file (a JSON pointer),
its row in the session and, when it was already here, its database id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.errors import KenesError
from app.domain.protocol import ProtocolSnapshot
from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile
from app.formats.exchange_schema import TABLES, TableSpec
from app.formats.exchange_values import pointer, problem_at
from app.formats.problem import Problem
from app.models.composition import Person
from app.models.conduct import DecisionPoint
from app.models.meeting import AgendaItem
from app.services.exchange.frozen_votes import ProfileChangeNote
from app.services.exchange.records import UidMap

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


# Tables whose written rows no later step reads but for their id and the parent naming their
# meeting (about 175,000 of a large archive's 180,000 records).  Their new records go in as
# plain multi-row inserts (``MergeWrite._insert_fresh``), and once a table is written the
# merge keeps a :class:`Written` of each row, not the ORM row (the session holds written,
# unchanged rows by weak reference only); a check that needs a row reads it again.
RELEASED = frozenset(
    {
        "meetings",
        "agenda_items",
        "item_speakers",
        "protocols",
        "agenda_approvals",
        "notifications",
        "attendance",
        "invited_persons",
        "decision_points",
        "dissenting_opinions",
        "protocol_instructions",
    }
)


class Written:
    """What the merge keeps of a written row of a :data:`RELEASED` table."""

    __slots__ = ("decision_point_id", "id", "item_id", "meeting_id", "uid")

    def __init__(self, row: Any) -> None:
        self.id = row.id
        self.uid = row.uid
        self.meeting_id = getattr(row, "meeting_id", None)
        self.item_id = getattr(row, "item_id", None)
        self.decision_point_id = getattr(row, "decision_point_id", None)


class Stop(Exception):
    """The merge cannot go on (references missing, a conflict in the database)."""


class MergeState:
    """What the steps of a merge share: the session, the file, and what was found so far.

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
        consume: bool = False,
    ) -> None:
        self.session = session
        self.archive = archive
        # The merge may empty the records it no longer needs (a one-pass import, which
        # reads the file for itself: see :meth:`_release`).
        self.consume = consume
        self.ballot_people: dict[str, tuple[Any, ...]] = {}  # point uid → its ballots' people
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
        self.states_here: dict[str, str] = {}  # protocol uid → state, before the import
        self.latest_here: dict[int, str] = {}  # meeting id → its latest protocol's state, before
        self.taken: dict[str, dict[tuple[Any, ...], str]] = {}  # table → places of a unique key
        self.closed_before: dict[int, Any] = {}  # point id → frozen record, closed here
        self.profiles_before: dict[int, Any] = {}  # council id → its profile, before the import
        self.profile_notes: list[ProfileChangeNote] = []
        self.item_of_point: dict[int, int] = {}  # decision point id → item id, once released
        self.meeting_of_item: dict[int, int] = {}  # agenda item id → meeting id, once released

    def problem(self, where: str, msgid: str, **params: Any) -> None:
        self.problems.append(problem_at(where, msgid, **params))

    def error(self, where: str, exc: KenesError) -> None:
        self.problems.append(Problem.from_error(exc).at(pointer=where))

    def refuse(self, where: str, refusal: KenesError | None) -> bool:
        """Record a domain rule's refusal (None: the rule allows it); whether it refused."""
        if refusal is None:
            return False
        self.error(where, refusal)
        return True

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

    def _flush(self, spec: TableSpec) -> None:
        try:
            with self.session.begin_nested():
                self.session.flush()
        except IntegrityError as exc:
            self.problem(pointer("tables", spec.name), CONFLICT_IN_DATABASE)
            raise Stop from exc

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
            "review_remarks",
        ):
            return int(row.meeting_id)
        if table in ("item_speakers", "materials", "decision_points"):
            return self._meeting_of_item(row.item_id)
        if table in ("dissenting_opinions", "protocol_instructions"):
            item_id = self.item_of_point.get(row.decision_point_id)
            if item_id is None:
                point = self.session.get(DecisionPoint, row.decision_point_id)
                if point is None:
                    return None
                item_id = point.item_id
            return self._meeting_of_item(item_id)
        return None

    def _meeting_of_item(self, item_id: int | None) -> int | None:
        meeting_id = self.meeting_of_item.get(item_id) if item_id is not None else None
        if meeting_id is not None:
            return meeting_id
        item = self.session.get(AgendaItem, item_id)
        return int(item.meeting_id) if item is not None else None

    def _release(self, table: str, records: Sequence[dict[str, Any]]) -> None:
        """The written rows of ``records`` (of ``table``) replaced by :class:`Written` (see
        :data:`RELEASED`); when the merge may consume the file, the records emptied too."""
        if table not in RELEASED:
            return
        for record in records:
            key = (table, record["uid"])
            row = self.rows.get(key)
            if row is None or row.id is None:
                continue
            kept = self.rows[key] = row if type(row) is Written else Written(row)
            if table == "decision_points" and kept.item_id is not None:
                self.item_of_point[kept.id] = kept.item_id
            elif table == "agenda_items" and kept.meeting_id is not None:
                self.meeting_of_item[kept.id] = kept.meeting_id
        if self.consume:
            self._consume(table, records)

    def _consume(self, table: str, records: Sequence[dict[str, Any]]) -> None:
        """The written ``records`` of ``table`` emptied but for their uid; of a decision point's
        ballots, the people kept in order (a refusal of a ballot names its place); of a
        protocol already here that the file changes, its number (``_check_locks`` names it)."""
        for record in records:
            uid = record["uid"]
            if table == "decision_points":
                ballots = record.get("ballots") or ()
                self.ballot_people[uid] = tuple(b.get("person") for b in ballots)
            number = record.get("number")
            record.clear()
            record["uid"] = uid
            key = (table, uid)
            if table == "protocols" and key in self.existing and key in self.changed:
                record["number"] = number

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

    def _loc(self, table: str, row: Any) -> str:
        return self.where.get((table, row.uid), pointer("tables", table))
