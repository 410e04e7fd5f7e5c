"""A deterministic, realistic archive of many years of council meetings, for the benchmarks.

:func:`ensure_archive` returns a Kenes SQLite file under ``bench/out/`` (made once, then
reused while :data:`ARCHIVE_VERSION` and the :class:`Scale` stay the same).  The full scale
is about 20 councils over 15 years: 2,000 meetings, 20,000 agenda items, 40,000 decision
points, 600,000 ballots, 500 dissenting opinions and 10,000 protocol instructions, with
their attendance, invited persons, speakers, protocols (narratives in kk, ru and en,
signatures, copies), agenda approvals, notifications and an audit trail.

The data keeps the rules the services enforce, but is written in bulk (``executemany``,
one transaction per table), not one service call per record:

* compositions change over time: ex officio seats follow their positions' holders
  (ministers change every few years), new editions of a composition end and add personal
  seats, and an ex officio seat sometimes moves to another position;
  :func:`app.domain.composition.check_composition` is run on every council;
* attendance is per member of the composition on the meeting date (some arrive late or
  leave early), the presiding person (the chair) is always present, and invited persons
  (one attending instead of an absent member) never vote;
* every ballot's voter is in the ``entitled_present`` frozen with its decision point;
  each point is closed with its result counted by :func:`app.domain.voting.tally` (or
  :func:`~app.domain.voting.tally_counts` for a show of hands) and its quorum, exactly as
  :func:`app.services.conduct.voting.close_voting` freezes them;
* a dissenting opinion comes from a member who voted against or abstained;
* instructions have an executor and a deadline after the meeting.

Past meetings are closed with their protocol signed and copies sent; the last meeting of
each council is held with a draft protocol.  Signed protocols have no issued PDF (the
``issued_documents`` table stays empty): rendering 2,000 PDFs would take most of an hour,
and no benchmark reads them.  The search index is filled by the triggers of migration
``0006_search`` as the rows go in, as it is in use.

Run ``python bench/archive.py`` to make the full archive and print its figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import operator
import os
import random
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/archive.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.absence import language_of
from app.domain.attendance import AttendanceRecord, validate_attendance
from app.domain.composition import (
    HoldingFacts,
    Member,
    Period,
    Role,
    SeatFacts,
    SeatKind,
    Side,
    check_composition,
    composition_on,
)
from app.domain.gender import gender_from_patronymic
from app.domain.meeting import INSTRUCTIONS_REPORT_TITLES, MeetingKind
from app.domain.quorum import quorum_status
from app.domain.regulation import (
    AI_COUNCIL_881,
    MORE_THAN_HALF,
    SUPERVISORY_BOARD_690,
    RegulationProfile,
    profile_to_dict,
)
from app.domain.voting import Ballot, Choice, VotingContext, tally, tally_counts
from app.models.database import head_revision, open_database
from app.models.meta import IDENTITY_KEY
from app.services.conduct.common import result_data
from bench import vocabulary as words

ARCHIVE_VERSION = 2  # bump when the generated content changes
OUT_DIR = Path(__file__).resolve().parent / "out"
ARCHIVE_KEY = "bench_archive"
LANGS = ("kk", "ru", "en")


def _absence_columns(reason: str) -> dict[str, str]:
    """The reason as Kenes stores it: a kind of the translated list, or "other" in each language."""
    index = next((i for i, pair in enumerate(words.ABSENCE) if reason in pair), None)
    kind = words.ABSENCE_KINDS[index] if index is not None else ""
    texts = words.ABSENCE_OTHER if kind == "other" else {}
    return {
        "absence_kind": kind,
        **{f"absence_reason_{lang}": texts.get(lang, "") for lang in LANGS},
    }


@dataclass(frozen=True)
class Scale:
    """How big the archive is; every count but councils and years is exact."""

    councils: int = 20
    years: int = 15
    meetings: int = 2_000
    items: int = 20_000
    points: int = 40_000
    ballots: int = 600_000
    dissents: int = 500
    instructions: int = 10_000
    first_year: int = 2011
    seed: int = 15
    large_council: int = 30  # voting seats of council 1 (the live voting benchmark's)

    def key(self) -> str:
        """Names the archive: the generator's version, the scale and the schema revision."""
        text = json.dumps(dataclasses.asdict(self), sort_keys=True)
        basis = f"{ARCHIVE_VERSION}:{head_revision()}:{text}"
        return hashlib.sha256(basis.encode()).hexdigest()[:12]

    def check(self) -> None:
        if not (self.councils > 0 and self.years > 0):
            raise ValueError("an archive needs councils and years")
        if self.meetings < self.councils:
            raise ValueError("every council needs a meeting")
        if not (self.meetings <= self.items <= self.points):
            raise ValueError("meetings <= items <= points")
        if self.instructions > self.points or self.dissents > self.points:
            raise ValueError("at most one instruction and one dissent per point")


FULL = Scale()


@dataclass(frozen=True)
class ArchiveFacts:
    """What was generated, for the benchmarks' report."""

    path: Path
    scale: Scale
    counts: dict[str, int]
    seconds: float
    size_bytes: int
    large_council_id: int


# -- storage formats (as SQLAlchemy writes them on SQLite) --------------------------------


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _clock(value: clock | None) -> str | None:
    return None if value is None else value.strftime("%H:%M:%S.%f")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _uid(table: str, row_id: int) -> str:
    return hashlib.md5(f"{table}:{row_id}".encode()).hexdigest()


def spread(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into ``len(weights)`` whole parts, each at least ``minimum``."""
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError(f"cannot give {len(weights)} parts at least {minimum} of {total}")
    whole = sum(weights)
    quotas = [rest * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    left = rest - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for index in order[:left]:
        counts[index] += 1
    return [minimum + c for c in counts]


class Tables:
    """Rows of every table, in id order, as dicts checked against the table's columns."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.next_id: dict[str, int] = {}

    def new_id(self, table: str) -> int:
        value = self.next_id.get(table, 1)
        self.next_id[table] = value + 1
        return value

    def add(
        self,
        table: str,
        values: dict[str, Any],
        *,
        identified: bool = True,
        created: datetime | None = None,
    ) -> int:
        row_id = values.get("id") or self.new_id(table)
        values["id"] = row_id
        if identified:
            values["uid"] = _uid(table, row_id)
            values["version"] = 1
            values["created_at"] = _moment(created or datetime(2010, 1, 1))
        self.rows.setdefault(table, []).append(values)
        return int(row_id)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


# -- the people and positions -----------------------------------------------------------


@dataclass
class Holding:
    position_id: int
    person_id: int
    start: date
    end: date | None


@dataclass
class SeatPlan:
    id: int
    role: Role
    kind: SeatKind
    position_id: int | None
    person_id: int | None
    voting: bool
    by_agreement: bool
    side: Side
    start: date
    end: date | None
    order: int
    act_id: int | None
    end_act_id: int | None = None

    def facts(self) -> SeatFacts:
        return SeatFacts(
            self.id,
            self.role,
            self.kind,
            Period(self.start, self.end),
            self.position_id,
            self.person_id,
            self.voting,
            self.by_agreement,
            self.side,
            self.order,
        )


@dataclass
class CouncilPlan:
    id: int
    index: int
    names: words.Texts
    profile: RegulationProfile
    established: date
    first_year: int
    seats: list[SeatPlan] = field(default_factory=list)
    positions: set[int] = field(default_factory=set)
    actor: str = ""


@dataclass
class PointPlan:
    """A decision point as pass 1 leaves it: who could vote; ballots come in pass 2."""

    id: int
    meeting_id: int
    council: CouncilPlan
    day: date
    closed_at: datetime
    mode: str
    entitled: frozenset[int]
    composition_size: int
    presiding_id: int
    chair_id: int | None
    topic: words.Texts
    choices: dict[int, Choice] = field(default_factory=dict)
    frozen: dict[str, Any] = field(default_factory=dict)


class Generator:
    def __init__(self, scale: Scale) -> None:
        scale.check()
        self.scale = scale
        self.rng = random.Random(scale.seed)
        self.t = Tables()
        self.holdings: list[Holding] = []
        self.holdings_by_position: dict[int, list[Holding]] = {}
        self.position_kind: dict[int, str] = {}
        self.position_names: dict[int, words.Texts] = {}
        self.person_names: dict[int, tuple[str, str]] = {}  # id -> (full name, Latin)
        self.councils: list[CouncilPlan] = []
        self.points: list[PointPlan] = []
        self.start = date(scale.first_year - 3, 1, 10)
        self.end_year = scale.first_year + scale.years - 1

    # -- registers --------------------------------------------------------------------
    def person(self, created: date) -> int:
        surname, given, patronymic, latin = words.person_name(self.rng)
        person_id = self.t.add(
            "people",
            {
                "surname": surname,
                "given_name": given,
                "patronymic": patronymic,
                "gender": gender_from_patronymic(patronymic),
                "latin_name": latin,
                "email": "",
                "phone": "",
                "note": "",
                "is_demo": 0,
                "archived": 0,
                "search_text": " ".join((surname, given, patronymic, latin)).casefold(),
            },
            created=datetime.combine(created, clock(9)),
        )
        self.person_names[person_id] = (f"{surname} {given} {patronymic}", latin)
        return person_id

    def act(
        self, council_id: int | None, title: str, number: str, day: date, note: str = ""
    ) -> int:
        return self.t.add(
            "acts",
            {
                "council_id": council_id,
                "title": title,
                **{f"title_{lang}": title if lang == language_of(title) else "" for lang in LANGS},
                "number": number,
                "act_date": _day(day),
                "note": note,
            },
            created=datetime.combine(day, clock(9)),
        )

    def make_positions(self) -> None:
        for titles, where, kind in words.positions():
            position_id = self.t.add(
                "positions",
                {
                    "title_kk": titles[0],
                    "title_ru": titles[1],
                    "title_en": titles[2],
                    "organisation_kk": where[0],
                    "organisation_ru": where[1],
                    "organisation_en": where[2],
                    "is_demo": 0,
                    "archived": 0,
                    "search_text": " ".join(titles + where).casefold(),
                },
            )
            self.position_kind[position_id] = kind
            self.position_names[position_id] = titles
            self.holdings_by_position[position_id] = []
            day = self.start
            horizon = date(self.end_year + 2, 12, 31)
            while True:
                length = self.rng.randint(700, 2200)
                end = day + timedelta(days=length - 1)
                person_id = self.person(day)
                act_id = None
                if day != self.start:
                    act_id = self.act(
                        None,
                        "Қазақстан Республикасы Президентінің Жарлығы",
                        str(self.rng.randint(100, 999)),
                        day,
                    )
                last = end > horizon
                holding = Holding(position_id, person_id, day, None if last else end)
                self.holdings.append(holding)
                self.holdings_by_position[position_id].append(holding)
                self.t.add(
                    "position_holdings",
                    {
                        "position_id": position_id,
                        "person_id": person_id,
                        "valid_from": _day(day),
                        "valid_to": _day(holding.end),
                        "act_id": act_id,
                    },
                    created=datetime.combine(day, clock(9)),
                )
                if last:
                    break
                day = end + timedelta(days=1)

    # -- councils and their compositions ----------------------------------------------
    def profile(self, index: int) -> tuple[str, RegulationProfile]:
        if index % 3 == 1:
            return AI_COUNCIL_881.key, AI_COUNCIL_881.profile
        if index % 3 == 2:
            base = SUPERVISORY_BOARD_690.profile
            sources = dict(base.sources, quorum="Ереже, 12-тармақ")
            return "", base.with_changes(quorum=MORE_THAN_HALF, sources=sources)
        return SUPERVISORY_BOARD_690.key, SUPERVISORY_BOARD_690.profile

    def make_councils(self) -> None:
        scale = self.scale
        early = max(1, (scale.councils * 7 + 9) // 10)
        for index in range(scale.councils):
            kind, names = words.COUNCILS[index % len(words.COUNCILS)]
            if index >= len(words.COUNCILS):
                suffix = f" {index // len(words.COUNCILS) + 1}"
                names = (names[0] + suffix, names[1] + suffix, names[2] + suffix)
            offset = 0 if index < early else 1 + (index * 5) % max(1, scale.years - 2)
            offset = min(offset, scale.years - 1)
            first_year = scale.first_year + offset
            established = date(first_year - 1, 10, 1 + index % 20)
            preset, profile = self.profile(index)
            act_number = str(100 + index * 37 % 800)
            council_id = self.t.add(
                "councils",
                {
                    "name_kk": names[0],
                    "name_ru": names[1],
                    "name_en": names[2],
                    "kind": kind,
                    "parent_id": None,
                    "act_title": "Қазақстан Республикасы Үкіметінің қаулысы",
                    "act_number": act_number,
                    "act_date": _day(established),
                    "working_body_kk": words.MINISTRIES[index % 15].kk,
                    "working_body_ru": words.MINISTRIES[index % 15].ru,
                    "working_body_en": words.MINISTRIES[index % 15].en,
                    "preset_key": preset,
                    "profile": _json(profile_to_dict(profile)),
                    "is_demo": 0,
                    "archived": 0,
                },
                created=datetime.combine(established, clock(9)),
            )
            plan = CouncilPlan(
                council_id,
                index,
                names,
                profile,
                established,
                first_year,
                actor=f"secretary{index + 1}",
            )
            self.councils.append(plan)
            self.make_seats(plan, act_number)

    def _pick(self, plan: CouncilPlan, kinds: tuple[str, ...]) -> int:
        pool = [p for p, k in self.position_kind.items() if k in kinds and p not in plan.positions]
        if not pool:
            pool = [p for p in self.position_kind if p not in plan.positions]
        choice = self.rng.choice(pool)
        plan.positions.add(choice)
        return choice

    def _seat(
        self,
        plan: CouncilPlan,
        role: Role,
        start: date,
        act_id: int | None,
        order: int,
        *,
        position_id: int | None = None,
        person_id: int | None = None,
        voting: bool = True,
        side: Side = Side.NONE,
    ) -> SeatPlan:
        kind = SeatKind.EX_OFFICIO if position_id is not None else SeatKind.PERSONAL
        seat = SeatPlan(
            self.t.new_id("seats"),
            role,
            kind,
            position_id,
            person_id,
            voting,
            kind is SeatKind.PERSONAL,
            side,
            start,
            None,
            order,
            act_id,
        )
        plan.seats.append(seat)
        return seat

    def make_seats(self, plan: CouncilPlan, act_number: str) -> None:
        index, start = plan.index, plan.established
        act_id = self.act(
            plan.id,
            "Қазақстан Республикасы Үкіметінің қаулысы",
            act_number,
            start,
            "Кеңестің құрамы бекітілді.",
        )
        target = self.scale.large_council if index == 0 else 14 + (index * 7) % 9
        deputies = min(1, plan.profile.max_deputy_chairs)
        foreign = plan.profile.recommendations_only  # the AI council has a foreign side
        order = 10
        self._seat(
            plan,
            Role.CHAIR,
            start,
            act_id,
            order,
            position_id=self._pick(plan, ("leader", "minister")),
        )
        for _ in range(deputies):
            order += 10
            self._seat(
                plan,
                Role.DEPUTY_CHAIR,
                start,
                act_id,
                order,
                position_id=self._pick(plan, ("vice",)),
            )
        order += 10
        self._seat(
            plan, Role.SECRETARY, start, act_id, order, position_id=self._pick(plan, ("director",))
        )
        rest = target - 2 - deputies
        ex_officio = (rest * 11) // 20
        for _ in range(ex_officio):
            order += 10
            self._seat(
                plan,
                Role.MEMBER,
                start,
                act_id,
                order,
                position_id=self._pick(plan, ("minister", "vice", "other")),
                side=Side.KAZAKH if foreign else Side.NONE,
            )
        for n in range(rest - ex_officio):
            order += 10
            side = (Side.FOREIGN if n % 3 == 2 else Side.KAZAKH) if foreign else Side.NONE
            self._seat(
                plan, Role.MEMBER, start, act_id, order, person_id=self.person(start), side=side
            )
        if index % 4 == 3:  # an adviser without a vote
            order += 10
            self._seat(
                plan, Role.MEMBER, start, act_id, order, person_id=self.person(start), voting=False
            )
        # New editions of the composition every three years.
        year = plan.first_year + 2
        while year <= self.end_year:
            day = date(year, 1 + self.rng.randrange(11), 1 + self.rng.randrange(27))
            edition = self.act(
                plan.id,
                "Қазақстан Республикасы Үкіметінің қаулысы",
                str(self.rng.randint(100, 999)),
                day,
                f"Құрам жаңа редакцияда - {day:%d.%m.%Y} қаулысымен.",
            )
            for seat in list(plan.seats):
                if seat.end is not None or seat.role is not Role.MEMBER:
                    continue
                replace_personal = seat.kind is SeatKind.PERSONAL and self.rng.random() < 0.35
                replace_office = seat.kind is SeatKind.EX_OFFICIO and self.rng.random() < 0.08
                if not (replace_personal or replace_office):
                    continue
                seat.end, seat.end_act_id = day - timedelta(days=1), edition
                if replace_personal:
                    self._seat(
                        plan,
                        Role.MEMBER,
                        day,
                        edition,
                        seat.order,
                        person_id=self.person(day),
                        voting=seat.voting,
                        side=seat.side,
                    )
                else:
                    self._seat(
                        plan,
                        Role.MEMBER,
                        day,
                        edition,
                        seat.order,
                        position_id=self._pick(plan, ("minister", "vice", "other")),
                        side=seat.side,
                    )
            if index != 0 and year == plan.first_year + 2:  # the council grows by one seat
                order += 10
                self._seat(
                    plan,
                    Role.MEMBER,
                    day,
                    edition,
                    order,
                    person_id=self.person(day),
                    side=Side.KAZAKH if foreign else Side.NONE,
                )
            year += 3
        seats = [s.facts() for s in plan.seats]
        check_composition(
            seats,
            self.council_holdings(plan),
            max_deputy_chairs=plan.profile.max_deputy_chairs,
            max_co_chairs=plan.profile.max_co_chairs,
        )
        for seat in plan.seats:
            self.t.add(
                "seats",
                {
                    "id": seat.id,
                    "council_id": plan.id,
                    "role": seat.role.value,
                    "kind": seat.kind.value,
                    "position_id": seat.position_id,
                    "person_id": seat.person_id,
                    "voting": int(seat.voting),
                    "by_agreement": int(seat.by_agreement),
                    "side": seat.side.value,
                    "valid_from": _day(seat.start),
                    "valid_to": _day(seat.end),
                    "sort_order": seat.order,
                    "act_id": seat.act_id,
                    "end_act_id": seat.end_act_id,
                    "note": "",
                },
                created=datetime.combine(seat.start, clock(9)),
            )

    def council_holdings(self, plan: CouncilPlan) -> list[HoldingFacts]:
        return [
            HoldingFacts(h.position_id, h.person_id, Period(h.start, h.end))
            for p in sorted(plan.positions)
            for h in self.holdings_by_position[p]
        ]

    # -- meetings ---------------------------------------------------------------------
    def meeting_days(self) -> list[tuple[date, CouncilPlan, int]]:
        """(day, council, number in its year) of every meeting, by date."""
        scale = self.scale
        active = [self.end_year - c.first_year + 1 for c in self.councils]
        per_council = spread(scale.meetings, active, minimum=1)
        days = []
        for plan, count, years in zip(self.councils, per_council, active, strict=True):
            per_year = spread(count, [1.0] * years)
            for offset, n in enumerate(per_year):
                year = plan.first_year + offset
                taken: set[date] = set()
                for number in range(1, n + 1):
                    doy = int((number - 0.5) * 350 / n) + self.rng.randint(-4, 4)
                    day = date(year, 1, 10) + timedelta(days=max(0, min(doy, 345)))
                    while day.weekday() >= 5 or day in taken:
                        day += timedelta(days=1)
                    taken.add(day)
                for number, day in enumerate(sorted(taken), 1):
                    days.append((day, plan, number))
        days.sort(key=lambda d: (d[0], d[1].id))
        return days

    def make_meetings(self) -> None:
        scale = self.scale
        days = self.meeting_days()
        item_counts = spread(scale.items, [0.5 + self.rng.random() for _ in days], minimum=1)
        point_counts = spread(
            scale.points, [0.5 + self.rng.random() for _ in range(scale.items)], minimum=1
        )
        last_of = {
            plan.id: max(i for i, d in enumerate(days) if d[1] is plan) for plan in self.councils
        }
        item_cursor = 0
        seats_of = {p.id: [s.facts() for s in p.seats] for p in self.councils}
        holdings_of = {p.id: self.council_holdings(p) for p in self.councils}
        for index, (day, plan, number) in enumerate(days):
            members = composition_on(day, seats_of[plan.id], holdings_of[plan.id])
            n_items = item_counts[index]
            points = point_counts[item_cursor : item_cursor + n_items]
            item_cursor += n_items
            self.meeting(plan, day, number, members, points, last=index == last_of[plan.id])

    def meeting(
        self,
        plan: CouncilPlan,
        day: date,
        number: int,
        members: list[Member],
        point_counts: list[int],
        *,
        last: bool,
    ) -> None:
        rng, t, profile = self.rng, self.t, plan.profile
        roll = rng.random()
        kind = MeetingKind.REGULAR
        if roll < 0.1:
            kind = MeetingKind.EXTRAORDINARY
        elif roll < 0.2 and profile.recommendations_only:
            kind = MeetingKind.INTERIM
        chair = next((m.person_id for m in members if m.role is Role.CHAIR), None)
        deputy = next((m.person_id for m in members if m.role is Role.DEPUTY_CHAIR), None)
        presiding = chair
        if kind is MeetingKind.INTERIM or presiding is None:
            presiding = deputy or chair
        assert presiding is not None, "every council has a chair"
        starts = clock(10) if rng.random() < 0.7 else clock(15)
        ends = clock(starts.hour + 2, 30)
        place = words.PLACES[rng.randrange(len(words.PLACES))]
        at = datetime.combine(day, starts)
        approved = at - timedelta(days=14)
        closed = at + timedelta(days=12)
        meeting_id = t.new_id("meetings")
        lang = "kk" if rng.random() < 0.6 else "ru"
        self.audit(plan, approved - timedelta(days=10), "meeting.plan", "meetings", meeting_id)

        # attendance
        people = [m for m in members if m.person_id is not None]
        voting = {
            m.person_id
            for m in people
            if m.seat.voting and (profile.secretary_votes or m.role is not Role.SECRETARY)
        }
        n_items = len(point_counts)
        records: list[AttendanceRecord] = []
        for member in people:
            pid = member.person_id
            assert pid is not None
            present = pid == presiding or rng.random() < 0.88
            arrived = left = None
            reason = ""
            if present and pid != presiding and n_items >= 3:
                roll = rng.random()
                if roll < 0.03:
                    arrived = 1
                elif roll < 0.06:
                    left = n_items - 2
            if not present:
                reason = words.ABSENCE[rng.randrange(len(words.ABSENCE))][lang == "ru"]
            records.append(AttendanceRecord(pid, present, reason, arrived, left))
        validate_attendance(records, n_items)
        for record in records:
            t.add(
                "attendance",
                {
                    "meeting_id": meeting_id,
                    "person_id": record.person_id,
                    "present": int(record.present),
                    "absence_reason": record.absence_reason,
                    **_absence_columns(record.absence_reason),
                    "arrived_before_item": record.arrived_before_item,
                    "left_after_item": record.left_after_item,
                    "arrived_at": None,
                    "left_at": None,
                },
                created=at,
            )
            self.audit(
                plan,
                at,
                "attendance.record",
                "attendance",
                meeting_id,
                after={"person_id": record.person_id, "present": record.present},
            )
        absent = [r.person_id for r in records if not r.present]
        invited_order = 0
        if absent and rng.random() < 0.3:
            surname, given, patronymic, latin = words.person_name(rng)
            invited_order += 1
            t.add(
                "invited_persons",
                {
                    "meeting_id": meeting_id,
                    "person_id": None,
                    "name": f"{surname} {given} {patronymic}",
                    "latin_name": latin,
                    "position_kk": "Вице-министр",
                    "position_ru": "Вице-министр",
                    "position_en": "Vice Minister",
                    "organisation_kk": "",
                    "organisation_ru": "",
                    "organisation_en": "",
                    "role": "substitute",
                    "instead_of_person_id": absent[0],
                    "sort_order": invited_order,
                },
                created=at,
            )

        # agenda, decision points
        year = day.year
        titles = []
        present_ids = [r.person_id for r in records if r.present]
        for position, n_points in enumerate(point_counts):
            topic = words.TOPICS[rng.randrange(len(words.TOPICS))]
            org = words.ORGS[rng.randrange(len(words.ORGS))]
            region = words.REGIONS[rng.randrange(len(words.REGIONS))]
            report = (
                position == 0
                and profile.opens_with_instructions_report
                and kind in (MeetingKind.REGULAR, MeetingKind.EXTRAORDINARY)
            )
            if report:
                title = tuple(INSTRUCTIONS_REPORT_TITLES[lang] for lang in LANGS)
            else:
                title = words.item_title(rng, topic, org, region, year)
            item_id = t.add(
                "agenda_items",
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "title_kk": title[0],
                    "title_ru": title[1],
                    "title_en": title[2],
                    "responsible_kk": org.kk,
                    "responsible_ru": org.ru,
                    "responsible_en": org.en,
                    "is_instructions_report": int(report),
                    "note": "",
                },
                created=approved,
            )
            speaker = present_ids[(position * 7 + 3) % len(present_ids)]
            t.add(
                "item_speakers",
                {
                    "item_id": item_id,
                    "position": 0,
                    "person_id": speaker,
                    "name": "",
                    "position_kk": "",
                    "position_ru": "",
                    "position_en": "",
                    "organisation_kk": "",
                    "organisation_ru": "",
                    "organisation_en": "",
                },
                created=approved,
            )
            titles.append((item_id, title, org, speaker, topic))
            entitled = frozenset(r.person_id for r in records if r.attends(position)) & voting
            for point_number in range(1, n_points + 1):
                amount = rng.randint(5, 900) * 10
                deadline = day + timedelta(days=rng.randint(30, 200))
                text = words.decision_text(rng, topic, org, amount, deadline, year)
                mode = "counts" if rng.random() < 0.04 else "roll_call"
                point_id = t.new_id("decision_points")
                closed_at = at + timedelta(minutes=20 * position + point_number)
                self.points.append(
                    PointPlan(
                        point_id,
                        meeting_id,
                        plan,
                        day,
                        closed_at,
                        mode,
                        entitled,
                        len(voting),
                        presiding,
                        chair,
                        topic,
                    )
                )
                t.add(
                    "decision_points",
                    {
                        "id": point_id,
                        "item_id": item_id,
                        "number": point_number,
                        "text_kk": text[0],
                        "text_ru": text[1],
                        "text_en": text[2],
                        "mode": mode,
                        "state": "closed",
                        "count_for": None,
                        "count_against": None,
                        "count_abstained": None,
                        "presiding_choice": "",
                        "chair_choice": "",
                        "closed_at": _moment(closed_at),
                        "closed_by": plan.actor,
                        "frozen": None,
                        "without_quorum": 0,
                    },
                    created=at,
                )

        # the meeting itself, its approval and notifications
        digest = hashlib.sha256(
            json.dumps(
                [
                    {
                        "titles": dict(zip(LANGS, title, strict=True)),
                        "responsible": {"kk": org.kk, "ru": org.ru, "en": org.en},
                        "speakers": [
                            [
                                speaker,
                                "",
                                {"kk": "", "ru": "", "en": ""},
                                {"kk": "", "ru": "", "en": ""},
                            ]
                        ],
                        "materials": [],
                    }
                    for _item, title, org, speaker, _topic in titles
                ],
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            ).encode()
        ).hexdigest()
        state = "held" if last else "closed"
        t.add(
            "meetings",
            {
                "id": meeting_id,
                "council_id": plan.id,
                "kind": kind.value,
                "number": number,
                "year": year,
                "meeting_date": _day(day),
                "starts_at": _clock(starts),
                "ends_at": _clock(ends),
                "place_kk": place[0],
                "place_ru": place[1],
                "place_en": place[2],
                "presiding_person_id": presiding,
                "state": state,
                "state_reason": "",
                "state_changed_at": _moment(at + timedelta(hours=3) if last else closed),
                "state_changed_by": plan.actor,
                "approved_at": None,
                "approved_by": "",
                "approver_person_id": None,
                "note": "",
            },
            created=approved - timedelta(days=10),
        )
        t.add(
            "agenda_approvals",
            {
                "meeting_id": meeting_id,
                "approved_at": _moment(approved),
                "approved_by": plan.actor,
                "approver_person_id": chair or presiding,
                "item_count": len(titles),
                "agenda_digest": digest,
            },
            created=approved,
        )
        self.audit(plan, approved, "meeting.approve_agenda", "meetings", meeting_id)
        file_name = f"notice-{plan.id}-{year}-{number}.pdf"
        file_sha = hashlib.sha256(file_name.encode()).hexdigest()
        for record in records:
            t.add(
                "notifications",
                {
                    "meeting_id": meeting_id,
                    "person_id": record.person_id,
                    "round": 1,
                    "channel": "pdf",
                    "lang": lang,
                    "file_name": file_name,
                    "file_sha256": file_sha,
                    "notified_at": _moment(approved + timedelta(days=1)),
                    "notified_by": plan.actor,
                },
                created=approved + timedelta(days=1),
            )
        self.audit(plan, approved + timedelta(days=1), "meeting.notify", "meetings", meeting_id)
        self.audit(plan, at + timedelta(hours=3), "meeting.held", "meetings", meeting_id)

        # the protocol
        signed = day + timedelta(days=rng.randint(3, 9))
        city = words.CITIES[0 if "Астана" in place[0] else 1]
        protocol_id = t.add(
            "protocols",
            {
                "meeting_id": meeting_id,
                "revision": 1,
                "replaces_id": None,
                "revision_reason": "",
                "number": str(number),
                "city_kk": city[0],
                "city_ru": city[1],
                "city_en": city[2],
                "main_language": lang,
                "state": "draft" if last else "copies_sent",
                "agreed_at": None if last else _moment(datetime.combine(signed, clock(9))),
                "signed_on": None if last else _day(signed),
                "signed_at": None if last else _moment(datetime.combine(signed, clock(11))),
                "signed_by": "" if last else plan.actor,
                "copies_sent_on": None if last else _day(signed + timedelta(days=2)),
            },
            created=at + timedelta(hours=4),
        )
        self.audit(plan, at + timedelta(hours=4), "protocol.create", "protocols", protocol_id)
        for item_id, _title, _org, speaker, topic in titles:
            planned = rng.randint(6, 30)
            name, latin = self.person_names[speaker]
            heard = words.heard_text(
                topic,
                (name, name, latin),
                planned,
                rng.randint(1, planned),
                rng.randint(5, 900) * 10,
            )
            discussion = words.DISCUSSIONS[rng.randrange(len(words.DISCUSSIONS))]
            spoke = self.person_names[present_ids[(item_id * 5) % len(present_ids)]]
            for n, code in enumerate(LANGS):
                t.add(
                    "protocol_narratives",
                    {
                        "protocol_id": protocol_id,
                        "item_id": item_id,
                        "lang": code,
                        "heard": heard[n],
                        "spoke": spoke[1] if code == "en" else spoke[0],
                        "discussion": discussion[n],
                    },
                    identified=False,
                )
        if not last:
            t.add(
                "protocol_agreements",
                {
                    "protocol_id": protocol_id,
                    "agreed_by": words.ORGS[plan.index % 15].kk,
                    "agreed_on": _day(signed - timedelta(days=1)),
                    "remarks": "",
                    "recorded_at": _moment(datetime.combine(signed, clock(9))),
                },
                identified=False,
            )
            t.add(
                "protocol_signatures",
                {
                    "protocol_id": protocol_id,
                    "person_id": presiding,
                    "role": "presiding",
                    "signed_on": _day(signed),
                    "method": "paper",
                },
                identified=False,
            )
            self.audit(
                plan, datetime.combine(signed, clock(11)), "protocol.sign", "protocols", protocol_id
            )
            for record in records:
                t.add(
                    "protocol_copies",
                    {
                        "protocol_id": protocol_id,
                        "person_id": record.person_id,
                        "recipient": "",
                        "sent_on": _day(signed + timedelta(days=2)),
                        "channel": "email",
                    },
                    identified=False,
                )
            self.audit(plan, closed, "meeting.close", "meetings", meeting_id)

    def audit(
        self,
        plan: CouncilPlan,
        at: datetime,
        action: str,
        entity: str,
        entity_id: int,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.t.add(
            "audit_events",
            {
                "at": _moment(at),
                "actor": plan.actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "council_id": plan.id,
                "before": _json(before),
                "after": _json(after if after is not None else {"id": entity_id}),
                # Chained after loading (write), as migration 0011 chains older trails.
                "seq": None,
                "prev_hash": None,
                "hash": None,
            },
            identified=False,
        )

    # -- votes --------------------------------------------------------------------------
    def votes(self) -> None:
        """Pass 2: exactly ``scale.ballots`` ballots, each from a member present and entitled."""
        rng, scale = self.rng, self.scale
        roll_calls = [p for p in self.points if p.mode == "roll_call"]
        capacity = sum(len(p.entitled) for p in roll_calls)
        if capacity < scale.ballots:
            raise ValueError(
                f"the meetings have room for {capacity} ballots, not "
                f"{scale.ballots}; add members or points"
            )
        silent = spread(capacity - scale.ballots, [len(p.entitled) for p in roll_calls])
        skipped = dict(zip((p.id for p in roll_calls), silent, strict=True))
        for point in self.points:
            voters = sorted(point.entitled)
            roll = rng.random()
            if roll < 0.8:
                weights = (0.86, 0.07, 0.07)
            elif roll < 0.97:
                weights = (0.5, 0.38, 0.12)
            else:
                weights = (0.5, 0.5, 0.0)
            options = (Choice.FOR, Choice.AGAINST, Choice.ABSTAINED)
            if point.mode == "roll_call":
                quiet = set(rng.sample(voters, skipped[point.id]))
                voters = [v for v in voters if v not in quiet]
            point.choices = {v: rng.choices(options, weights)[0] for v in voters}
            self.close(point)

    def close(self, point: PointPlan) -> None:
        profile = point.council.profile
        context = VotingContext(
            point.entitled, point.composition_size, point.presiding_id, point.chair_id
        )
        quorum = quorum_status(len(point.entitled), point.composition_size, profile)
        values: dict[str, Any] = {}
        if point.mode == "roll_call":
            result = tally(
                [Ballot(v, c) for v, c in sorted(point.choices.items())], context, profile
            )
            ballots = {str(k): v.value for k, v in sorted(point.choices.items())}
        else:
            counts = [
                list(point.choices.values()).count(c)
                for c in (Choice.FOR, Choice.AGAINST, Choice.ABSTAINED)
            ]

            def known(person: int | None) -> Choice | None:
                if person is None or person not in point.entitled:
                    return None
                return point.choices.get(person, Choice.DID_NOT_VOTE)

            presiding, chair = known(point.presiding_id), known(point.chair_id)
            result = tally_counts(
                *counts, context, profile, presiding_choice=presiding, chair_choice=chair
            )
            ballots = {}
            values = {
                "count_for": counts[0],
                "count_against": counts[1],
                "count_abstained": counts[2],
                "presiding_choice": presiding.value if presiding else "",
                "chair_choice": chair.value if chair else "",
            }
        point.frozen = {
            "entitled_present": sorted(point.entitled),
            "composition_size": point.composition_size,
            "presiding_id": point.presiding_id,
            "chair_id": point.chair_id,
            "ballots": ballots,
            "quorum": {
                "has_quorum": quorum.has_quorum,
                "present": quorum.present,
                "base": quorum.base,
                "required": quorum.required,
                "source": quorum.source,
            },
            "result": result_data(result),
        }
        values["frozen"] = _json(point.frozen)
        values["without_quorum"] = int(not quorum.has_quorum)
        self.t.rows["decision_points"][point.id - 1].update(values)
        plan = point.council
        self.audit(
            plan,
            point.closed_at - timedelta(minutes=15),
            "decision.add",
            "decision_points",
            point.id,
        )
        if point.mode == "roll_call":
            for voter, choice in sorted(point.choices.items()):
                self.t.add(
                    "ballots",
                    {
                        "decision_point_id": point.id,
                        "person_id": voter,
                        "choice": choice.value,
                        "recorded_at": _moment(point.closed_at - timedelta(minutes=1)),
                    },
                    identified=False,
                )
                self.audit(
                    plan,
                    point.closed_at - timedelta(minutes=1),
                    "ballot.cast",
                    "ballots",
                    point.id,
                    before={"person_id": voter, "choice": None},
                    after={"person_id": voter, "choice": choice.value},
                )
        self.audit(
            plan,
            point.closed_at,
            "voting.close",
            "decision_points",
            point.id,
            after={"id": point.id, "state": "closed", "frozen": point.frozen},
        )

    def opinions(self) -> None:
        """Dissenting opinions of members who voted against or abstained; instructions."""
        rng, t = self.rng, self.t
        eligible = [
            p
            for p in self.points
            if p.mode == "roll_call" and any(c is not Choice.FOR for c in p.choices.values())
        ]
        if len(eligible) < self.scale.dissents:
            raise ValueError("too few decisions with votes against for the dissents asked")
        for point in sorted(rng.sample(eligible, self.scale.dissents), key=lambda p: p.id):
            dissenter = min(v for v, c in point.choices.items() if c is not Choice.FOR)
            roll = rng.random()
            lang = "kk" if roll < 0.4 else "ru" if roll < 0.9 else "en"
            template = words.DISSENTS[rng.randrange(len(words.DISSENTS))]
            text = words.fill(template, point.topic)[LANGS.index(lang)]
            received = point.day + timedelta(days=rng.randint(0, 2))
            t.add(
                "dissenting_opinions",
                {
                    "decision_point_id": point.id,
                    "person_id": dissenter,
                    "text": text,
                    "language": lang,
                    "received_on": _day(received),
                },
                created=datetime.combine(received, clock(12)),
            )
        for point in sorted(rng.sample(self.points, self.scale.instructions), key=lambda p: p.id):
            org = words.ORGS[rng.randrange(len(words.ORGS))]
            text = words.fill(
                words.INSTRUCTIONS[rng.randrange(len(words.INSTRUCTIONS))], point.topic
            )
            form = words.COMPLETION_FORMS[rng.randrange(len(words.COMPLETION_FORMS))]
            t.add(
                "protocol_instructions",
                {
                    "decision_point_id": point.id,
                    "number": 1,
                    "text_kk": text[0],
                    "text_ru": text[1],
                    "text_en": text[2],
                    "executor_person_id": None,
                    "executor_kk": org.kk,
                    "executor_ru": org.ru,
                    "executor_en": org.en,
                    "deadline": _day(point.day + timedelta(days=rng.randint(30, 365))),
                    "completion_form_kk": form[0],
                    "completion_form_ru": form[1],
                    "completion_form_en": form[2],
                    "state": "open",
                },
                created=point.closed_at,
            )

    def run(self) -> Tables:
        self.make_positions()
        self.make_councils()
        self.make_meetings()
        self.votes()
        self.opinions()
        return self.t


# Parents before children (the foreign keys are checked after the load).
TABLE_ORDER = (
    "people",
    "positions",
    "acts",
    "position_holdings",
    "councils",
    "seats",
    "meetings",
    "agenda_items",
    "item_speakers",
    "agenda_approvals",
    "notifications",
    "attendance",
    "invited_persons",
    "decision_points",
    "ballots",
    "dissenting_opinions",
    "protocol_instructions",
    "protocols",
    "protocol_narratives",
    "protocol_agreements",
    "protocol_signatures",
    "protocol_copies",
    "audit_events",
)


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]


def write(tables: Tables, path: Path, key: str) -> None:
    """Create the schema (migrations, triggers) and load every table in one transaction each."""
    database = open_database(path)
    database.close()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -200000")
        con.execute("PRAGMA foreign_keys = OFF")
        # acts.council_id refers to councils, which refer to nothing in acts: load councils
        # first when both exist (the foreign keys are off; the order only reads naturally).
        for table in TABLE_ORDER:
            rows = tables.rows.get(table, [])
            if not rows:
                continue
            columns = _columns(con, table)
            for row in rows[:1]:
                if set(row) != set(columns):
                    raise ValueError(f"{table}: columns {sorted(set(row) ^ set(columns))} differ")
            getter = operator.itemgetter(*columns)
            con.execute("BEGIN")
            con.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                (getter(row) for row in rows),
            )
            con.execute("COMMIT")
        con.execute("INSERT INTO kenes_meta (key, value) VALUES (?, ?)", (ARCHIVE_KEY, key))
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"foreign keys broken: {problems[:5]}")
        con.execute("PRAGMA journal_mode = WAL")
    finally:
        con.close()
    # The audit trail chained and the signed meetings sealed, as Kenes keeps them.
    from app.services.integrity.chain import link_unchained
    from app.services.integrity.seal_meeting import seal_unsealed

    database = open_database(path)
    try:
        with database.engine.begin() as conn:
            link_unchained(conn)
            seal_unsealed(conn, "bench", at=datetime(2000, 1, 1))
    finally:
        database.close()


def generate(path: Path, scale: Scale = FULL) -> ArchiveFacts:
    """Make the archive at ``path`` (replacing any file there)."""
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    generator = Generator(scale)
    tables = generator.run()
    write(tables, path, scale.key())
    counts = {table: tables.count(table) for table in TABLE_ORDER}
    return ArchiveFacts(
        path,
        scale,
        counts,
        time.perf_counter() - started,
        path.stat().st_size,
        generator.councils[0].id,
    )


def archive_path(scale: Scale = FULL, folder: Path = OUT_DIR) -> Path:
    return folder / f"archive-v{ARCHIVE_VERSION}-{scale.key()}.sqlite3"


def is_ready(path: Path, scale: Scale) -> bool:
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT value FROM kenes_meta WHERE key = ?", (ARCHIVE_KEY,)
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == scale.key()


def ensure_archive(scale: Scale = FULL, folder: Path = OUT_DIR, *, log: bool = True) -> Path:
    """The archive of ``scale`` under ``folder``, generated first when it is not there."""
    path = archive_path(scale, folder)
    if is_ready(path, scale):
        return path
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".partial-{os.getpid()}")
    facts = generate(partial, scale)
    os.replace(partial, path)
    if log:
        print(
            f"generated {path.name}: {facts.size_bytes / 2**20:.0f} MB in {facts.seconds:.1f} s",
            file=sys.stderr,
        )
    return path


def content_digest(path: Path) -> str:
    """SHA-256 of every row of every table (the search index included), in rowid order.

    The database's identity (a random uuid, :mod:`app.models.meta`) is left out.
    """
    digest = hashlib.sha256()
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'search_index_%' ORDER BY name"
            )
        ]
        for name in names:
            digest.update(f"\n{name}\n".encode())
            for row in con.execute(f"SELECT rowid, * FROM {name} ORDER BY rowid"):
                if name == "kenes_meta" and IDENTITY_KEY in row:
                    continue  # every database is a database of its own: its identity differs
                digest.update(repr(row).encode())
    finally:
        con.close()
    return digest.hexdigest()


def counts_of(path: Path, tables: Iterable[str] = TABLE_ORDER) -> dict[str, int]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write here instead of the cache")
    args = parser.parse_args(argv)
    if args.out:
        facts = generate(args.out, FULL)
        path = args.out
        print(f"{facts.seconds:.1f} s, {facts.size_bytes / 2**20:.0f} MB")
    else:
        path = ensure_archive(FULL)
    for table, n in counts_of(path).items():
        print(f"{table:24} {n:>9,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
