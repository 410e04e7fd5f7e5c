"""The rules of the services checked on the merged records: councils, people, seats, meetings.

Each rule is the domain's own function, run on the result of the merge (the
file's records together with the database's), so an import can never record
what the services would refuse.  The rules of a meeting's conduct and of its
protocols follow in ``merge_conduct`` and ``merge_protocols``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from app.domain.composition import (
    HoldingFacts,
    Period,
    SeatFacts,
    check_composition,
    check_holdings,
    seat_kind_refusal,
)
from app.domain.council import CouncilKind, check_sort_order, cycle_error, parent_cycles, pick
from app.domain.errors import DomainError, KenesError, Term
from app.domain.meeting import MeetingKind, check_item_titles, check_times, choose_presiding
from app.domain.regulation import PRESETS, profile_from_data
from app.domain.translation import N_
from app.formats.exchange_schema import TABLES
from app.formats.exchange_values import pointer
from app.i18n import interface_language
from app.models.composition import Council, PositionHolding, Seat
from app.models.meeting import Meeting
from app.services.composition_check import seat_facts
from app.services.conduct.common import MeetingFrame, frame
from app.services.exchange.merge_state import LOCKED, MergeState
from app.services.exchange.records import MEETING_PARENT, MODELS
from app.services.protocols.common import LOCKED_STATES


class RecordChecks(MergeState):
    """Checks every rule on each record and on the composition it makes."""

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

    def _each(self, table: str) -> Iterator[tuple[Any, str]]:
        """Every record of ``table`` in the file: its row in the session and its place."""
        for record in self.archive.records(table):
            key = (table, record["uid"])
            yield self.rows[key], self.where[key]

    def _each_read(self, table: str, *columns: str) -> Iterator[tuple[Any, str]]:
        """Every record of ``table`` in the file: ``columns`` of its row as written (read again
        a chunk at a time: the merge keeps no ORM row of a released table) and its place."""
        model = MODELS[table]
        keys = [(table, record["uid"]) for record in self.archive.records(table)]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found = {
                row.id: row
                for row in self.session.execute(
                    select(model.id, *(getattr(model, c) for c in columns)).where(
                        model.id.in_([self.rows[key].id for key in chunk])
                    )
                )
            }
            for key in chunk:
                yield found[self.rows[key].id], self.where[key]

    def _check_records(self) -> None:
        """What the services' editors check on each record by itself."""
        self._check_councils()
        self._check_parents()
        self._check_people()
        self._check_periods()
        self._check_agenda_records()

    def _check_councils(self) -> None:
        for row, where in self._each("councils"):
            if not any((row.name_kk, row.name_ru, row.name_en)):
                self.problem(where, N_("A council needs a name in at least one language."))
            if row.kind == CouncilKind.WORKING_GROUP.value and row.parent_id is None:
                self.problem(where, N_("A working group must name the council it works for."))
            if row.preset_key and row.preset_key not in PRESETS:
                self.problem(where, N_("Unknown regulation preset: {key}."), key=row.preset_key)

    def _check_people(self) -> None:
        for row, where in self._each("people"):
            if not row.surname:
                self.problem(
                    where, N_("The field “{field}” must not be empty."), field=Term(N_("Surname"))
                )
            if row.email and ("@" not in row.email or " " in row.email):
                self.problem(where, N_("“{email}” is not an e-mail address."), email=row.email)
        for row, where in self._each("positions"):
            if not any((row.title_kk, row.title_ru, row.title_en)):
                self.problem(where, N_("A position needs a title in at least one language."))

    def _check_periods(self) -> None:
        """Holdings and seats: a period that ends after it starts; a seat's order and kind."""
        for table in ("position_holdings", "seats"):
            for row, where in self._each(table):
                try:
                    Period(row.valid_from, row.valid_to)
                except DomainError as exc:
                    self.error(where, exc)
                if table != "seats":
                    continue
                try:
                    check_sort_order(row.sort_order)
                except DomainError as exc:
                    self.error(where, exc)
                self.refuse(where, seat_kind_refusal(row.kind, row.position_id, row.person_id))

    def _check_agenda_records(self) -> None:
        for row, where in self._each_read("agenda_items", "title_kk", "title_ru", "title_en"):
            try:
                check_item_titles({"kk": row.title_kk, "ru": row.title_ru, "en": row.title_en})
            except DomainError as exc:
                self.error(where, exc)
        for row, where in self._each_read("item_speakers", "person_id", "name"):
            if row.person_id is None and not row.name:
                self.problem(where, N_("A speaker needs a person from the register or a name."))

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
        changed = sorted(self.changed) if self.locked_before else ()  # none locked: none told
        for table, uid in changed:
            if table in ("protocols", "review_remarks") or (
                table not in MEETING_PARENT and table != "meetings"
            ):
                continue  # remarks are history beside the record, checked on their own
            row = self.rows.get((table, uid))
            meeting_id = self._meeting_of_row(table, row) if row is not None else None
            if meeting_id in self.locked_before and meeting_id not in reported:
                assert meeting_id is not None
                reported.add(meeting_id)
                meeting = self.session.get(Meeting, meeting_id)
                self.problem(
                    self.where.get((table, uid), ""),
                    LOCKED,
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
                facts.append(seat_facts(seat))
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

    def _check_meeting(self, meeting_id: int) -> tuple[MeetingFrame, str] | None:
        """The meeting's own rules; its frame and place, for the conduct and protocol checks."""
        meeting = self.session.get(Meeting, meeting_id)
        if meeting is None:
            return None
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
            return None
        try:  # the person named presides, or the rule says why not
            choose_presiding(
                MeetingKind(meeting.kind),
                meeting.meeting_date,
                fr.members,
                meeting.presiding_person_id,
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
        return fr, where
