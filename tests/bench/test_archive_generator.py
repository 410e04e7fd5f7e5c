"""The benchmarks' archive generator, at a tiny scale: a sound Kenes database that keeps
the rules, the counts asked for, and the same content on every run."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from app.domain.voting import Ballot, Choice, VotingContext, tally
from app.models.database import head_revision, open_database
from app.services.conduct.common import result_data
from app.services.conduct.queries import live_meeting
from app.services.councils import get_council
from app.services.meeting_queries import list_meetings
from app.services.protocols.snapshot import build_snapshot
from app.services.search import search
from app.services.seats import composition
from bench.archive import (
    Scale,
    content_digest,
    counts_of,
    ensure_archive,
    generate,
    is_ready,
    spread,
)

TINY = Scale(
    councils=3,
    years=3,
    meetings=14,
    items=45,
    points=80,
    ballots=800,
    dissents=4,
    instructions=12,
    large_council=30,
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("archive") / "tiny.sqlite3"
    generate(path, TINY)
    return path


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_counts_are_those_asked_for(tiny: Path) -> None:
    counts = counts_of(tiny)
    assert counts["councils"] == TINY.councils
    assert counts["meetings"] == TINY.meetings
    assert counts["agenda_items"] == TINY.items
    assert counts["decision_points"] == TINY.points
    assert counts["ballots"] == TINY.ballots
    assert counts["dissenting_opinions"] == TINY.dissents
    assert counts["protocol_instructions"] == TINY.instructions
    assert counts["protocols"] == TINY.meetings
    assert counts["protocol_narratives"] == 3 * TINY.items
    years = rows(tiny, "SELECT min(year), max(year) FROM meetings")[0]
    assert years == (TINY.first_year, TINY.first_year + TINY.years - 1)


def test_it_opens_as_a_sound_kenes_database(tiny: Path) -> None:
    assert rows(tiny, "PRAGMA integrity_check") == [("ok",)]
    assert rows(tiny, "PRAGMA foreign_key_check") == []
    db = open_database(tiny)
    try:
        assert db.revision() == head_revision()
        assert not db.created
        meetings = list_meetings(db, today=date(2026, 11, 22))
        assert len(meetings) == TINY.meetings
        assert {m.meeting.state.value for m in meetings} == {"closed", "held"}
        assert get_council(db, 1).names["kk"].startswith("«Инновациялық")
        # The protocol of every meeting assembles from the record, in every language.
        with db.reading() as session:
            from app.models.protocol import Protocol

            for protocol in session.query(Protocol).order_by(Protocol.id).limit(4):
                for lang in ("kk", "ru", "en"):
                    snapshot = build_snapshot(session, protocol, lang)
                    assert snapshot.items and snapshot.roll_calls
                    assert snapshot.gaps == ()
        # The texts are in the search index, in the three languages.
        for word, lang in (("министрлігі", "kk"), ("министерств", "ru"), ("ministry", "en")):
            assert {h.lang for h in search(db, word)} == {lang}
    finally:
        db.close()


def test_every_ballot_comes_from_a_member_present_and_entitled(tiny: Path) -> None:
    frozen = {
        point_id: json.loads(str(data))
        for point_id, data in rows(tiny, "SELECT id, frozen FROM decision_points")
    }
    cast: dict[int, dict[str, str]] = defaultdict(dict)
    for point_id, person_id, choice in rows(
        tiny, "SELECT decision_point_id, person_id, choice FROM ballots"
    ):
        assert isinstance(point_id, int)
        assert person_id in frozen[point_id]["entitled_present"]
        cast[point_id][str(person_id)] = str(choice)
    profiles = {
        council_id: json.loads(str(profile))
        for council_id, profile in rows(tiny, "SELECT id, profile FROM councils")
    }
    council_of = dict(
        rows(
            tiny,
            "SELECT d.id, m.council_id FROM decision_points d "
            "JOIN agenda_items i ON i.id = d.item_id JOIN meetings m ON m.id = i.meeting_id",
        )
    )
    from app.domain.regulation import profile_from_dict

    for point_id, data in frozen.items():
        assert data["ballots"] == cast.get(point_id, {})
        context = VotingContext(
            frozenset(data["entitled_present"]),
            data["composition_size"],
            data["presiding_id"],
            data["chair_id"],
        )
        if data["ballots"]:  # roll call: the frozen result is the tally of the ballots
            ballots = [Ballot(int(k), Choice(v)) for k, v in data["ballots"].items()]
            profile = profile_from_dict(profiles[council_of[point_id]])
            assert data["result"] == result_data(tally(ballots, context, profile))


def test_attendance_follows_the_composition_on_each_date(tiny: Path) -> None:
    db = open_database(tiny)
    try:
        for meeting_id, council_id, day in rows(
            tiny, "SELECT id, council_id, meeting_date FROM meetings ORDER BY id"
        ):
            live = live_meeting(db, int(str(meeting_id)))
            members = {
                line.person.id
                for line in composition(db, int(str(council_id)), date.fromisoformat(str(day)))
                if line.person
            }
            assert {m.person.id for m in live.members} == members
            assert all(m.attendance is not None for m in live.members)
            presiding = live.member(live.meeting.presiding_person_id)
            assert presiding is not None and presiding.attendance is not None
            assert presiding.attendance.present
    finally:
        db.close()


def test_compositions_change_over_time(tiny: Path) -> None:
    ended = rows(tiny, "SELECT count(*) FROM seats WHERE valid_to IS NOT NULL")[0][0]
    assert isinstance(ended, int) and ended > 0
    successions = rows(
        tiny,
        "SELECT count(*) FROM position_holdings h WHERE EXISTS (SELECT 1 FROM position_holdings "
        "o WHERE o.position_id = h.position_id AND o.id != h.id)",
    )[0][0]
    assert isinstance(successions, int) and successions > 0
    voting = rows(
        tiny,
        "SELECT count(*) FROM seats WHERE council_id = 1 AND voting AND valid_to IS NULL",
    )
    assert voting == [(TINY.large_council,)]


def test_dissents_come_from_members_who_did_not_vote_for(tiny: Path) -> None:
    for choice in rows(
        tiny,
        "SELECT b.choice FROM dissenting_opinions o JOIN ballots b "
        "ON b.decision_point_id = o.decision_point_id AND b.person_id = o.person_id",
    ):
        assert choice[0] in ("against", "abstained")
    assert rows(tiny, "SELECT count(*) FROM dissenting_opinions")[0][0] == TINY.dissents


def test_it_is_deterministic(tiny: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite3"
    generate(again, TINY)
    assert content_digest(again) == content_digest(tiny)
    other = tmp_path / "other.sqlite3"
    generate(other, Scale(**{**TINY.__dict__, "seed": TINY.seed + 1}))
    assert content_digest(other) != content_digest(tiny)


def test_the_archive_is_made_once_and_kept(tmp_path: Path) -> None:
    small = Scale(
        councils=1, years=1, meetings=2, items=3, points=4, ballots=30, dissents=1, instructions=1
    )
    path = ensure_archive(small, tmp_path, log=False)
    assert is_ready(path, small)
    made = path.stat().st_mtime_ns
    assert ensure_archive(small, tmp_path, log=False) == path
    assert path.stat().st_mtime_ns == made
    assert not is_ready(path, Scale(**{**small.__dict__, "ballots": 31}))


def test_impossible_scales_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="room for"):
        generate(
            tmp_path / "x.sqlite3",
            Scale(
                councils=1,
                years=1,
                meetings=1,
                items=1,
                points=1,
                ballots=500,
                dissents=0,
                instructions=0,
            ),
        )
    with pytest.raises(ValueError):
        Scale(meetings=10, items=5).check()


def test_spread_splits_exactly() -> None:
    assert spread(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(spread(1000, [0.3, 1.7, 2.2, 0.9], minimum=5)) == 1000
    with pytest.raises(ValueError):
        spread(2, [1, 1, 1], minimum=1)
