"""Arrivals, departures and the quorum at each item, as the protocol states them.

Who was present at each item must be derivable from the protocol alone: the
header's count and list of members present, plus the changes printed at the
head of each item, reproduce exactly the voters of each item's roll call.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.domain.protocol import ProtocolSnapshot
from app.domain.voting import Choice
from app.models.database import Database, open_database
from app.services.conduct.attendance import record_arrival, record_attendance, record_departure
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.councils import set_profile
from app.services.meetings.mark_held import mark_held
from app.services.meetings.notify_members import notify_members
from app.services.protocols.actions import create_protocol
from app.services.protocols.documents import protocol_pdf, protocol_snapshot
from tests.services.conduct_helpers import ME, Board, board_meeting
from tests.services.quorum_helpers import WITH_QUORUM, quorum_meeting, vote_all_for

ITEMS = 4
QUORUM = 8  # WITH_QUORUM: more than half of the board's 15 members with a vote
ARRIVED = re.compile(r"^(?P<name>.+) arrived before this item was considered\.$")
LEFT = re.compile(r"^(?P<name>.+) left the meeting after item (?P<item>\d+) was considered\.$")
COUNT = re.compile(r"^(?P<present>\d+) of (?P<total>\d+) members? of the council")


def _issue(db: Database, board: Board) -> int:
    notify_members(db, ME, board.meeting_id, "kk", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
    mark_held(db, ME, board.meeting_id, today=date(2024, 3, 15))
    return create_protocol(db, ME, board.meeting_id).id


# --- worked example: the quorum lost after item 1 and restored before item 3 -----------------


@pytest.fixture
def quorum_protocol(database: Database) -> tuple[Database, Board, int]:
    board = quorum_meeting(database)
    close_voting(database, ME, vote_all_for(database, board, 0))
    close_voting(database, ME, vote_all_for(database, board, 1), without_quorum=True)
    close_voting(database, ME, vote_all_for(database, board, 2))
    return database, board, _issue(database, board)


def _names(db: Database, board: Board, lang: str) -> list[str]:
    live = live_meeting(db, board.meeting_id)
    by_id = {m.person.id: m.person.full_name(lang) for m in live.members}
    return [by_id[p] for p in board.members]


def test_the_protocol_states_departures_and_the_quorum_lost_at_the_item(
    quorum_protocol: tuple[Database, Board, int],
) -> None:
    db, board, protocol = quorum_protocol
    snap = protocol_snapshot(db, protocol, "en")
    names = _names(db, board, "en")
    first, second, third = snap.items
    assert first.attendance_notes == () and first.quorum_note == ""
    assert second.attendance_notes == (
        f"{names[7]} left the meeting after item 1 was considered.",
        f"{names[8]} left the meeting after item 1 was considered.",
    )
    assert second.quorum_note == (
        f"The quorum was lost after item 1 was considered (left: {names[7]}, {names[8]}): "
        "7 of 15 members with a vote present at this item; at least 8 were needed."
    )
    assert second.decisions[0].result.endswith("Not considered: no quorum.")
    assert not second.decisions[0].adopted and second.decisions[0].without_quorum
    assert third.attendance_notes == (f"{names[9]} arrived before this item was considered.",)
    assert third.quorum_note == (
        f"The quorum was restored before this item (arrived: {names[9]}): "
        "8 of 15 members with a vote present at this item; at least 8 were needed."
    )
    assert third.decisions[0].adopted
    # The header: 9 at the opening, and the notes of those who did not attend every item.
    assert snap.present_count.startswith("9 of 15")
    notes = {line.name: line.note for line in snap.present}
    assert notes[names[7]] == notes[names[8]] == "present up to and including item 1"
    assert notes[names[9]] == "present from item 3"
    assert notes[names[0]] == ""


def test_the_issued_pdf_prints_the_changes_before_heard(
    quorum_protocol: tuple[Database, Board, int],
) -> None:
    db, board, protocol = quorum_protocol
    pdf = protocol_pdf(db, protocol, "en")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    names = _names(db, board, "en")
    lost = text.index("The quorum was lost after item 1 was considered")
    assert text.index(f"{names[7]} left the meeting after item 1") < lost
    assert lost < text.index("Not considered: no quorum.")
    assert text.index("The quorum was restored before this item") > lost


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_changes_are_worded_in_the_protocols_language(
    quorum_protocol: tuple[Database, Board, int], lang: str
) -> None:
    db, board, protocol = quorum_protocol
    snap = protocol_snapshot(db, protocol, lang)
    names = _names(db, board, lang)
    second, third = snap.items[1], snap.items[2]
    for text in (
        *second.attendance_notes,
        second.quorum_note,
        *third.attendance_notes,
        third.quorum_note,
    ):
        assert not re.search(r"[A-Za-z]", text), text  # no English left in kk/ru
        assert "(а)" not in text
    assert names[7] in second.attendance_notes[0] and names[9] in third.attendance_notes[0]
    assert "7" in second.quorum_note and "15" in second.quorum_note


# --- generated meetings: header + per-item changes == roll-call voters -------------------------


@dataclass(frozen=True)
class Plan:
    spans: dict[int, tuple[int, int] | None]  # member index -> (first, last item) or absent
    votes: dict[tuple[int, int], Choice]  # (item, member index) -> choice


@st.composite
def plans(draw: st.DrawFn, members: int = 15) -> Plan:
    spans: dict[int, tuple[int, int] | None] = {}
    for m in range(members):
        if draw(st.booleans()) and draw(st.booleans()):
            spans[m] = None
            continue
        first = draw(st.sampled_from([0, 0, 0, 1, 2, 3]))
        last = draw(st.sampled_from([ITEMS - 1, ITEMS - 1, 0, 1, 2]))
        spans[m] = (first, max(first, last))
    votes = {
        (i, m): draw(st.sampled_from(Choice))
        for m, span in spans.items()
        if span is not None
        for i in range(span[0], span[1] + 1)
    }
    return Plan(spans, votes)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Board]:
    """A planned meeting of the demo board with four items, built once and copied.

    The board's profile gets a quorum (more than half of its 15 members: 8), so
    generated attendance crosses the quorum line both ways.
    """
    path = tmp_path_factory.mktemp("template") / "kenes.sqlite3"
    db = open_database(path)
    try:
        board = board_meeting(db, items=ITEMS)
        set_profile(db, ME, 1, WITH_QUORUM)
    finally:
        db.close()
    return path, board


def _record(db: Database, board: Board, plan: Plan) -> None:
    for m, span in plan.spans.items():
        person = board.members[m]
        record_attendance(db, ME, board.meeting_id, person, span is not None)
        if span is None:
            continue
        if span[0] > 0:
            record_arrival(db, ME, board.meeting_id, person, board.items[span[0]])
        if span[1] < ITEMS - 1:
            record_departure(db, ME, board.meeting_id, person, board.items[span[1]])
    for item in range(ITEMS):
        point = add_decision_point(db, ME, board.items[item], {"en": f"Decision {item + 1}"})
        for (i, m), choice in sorted(plan.votes.items()):
            if i == item and choice is not Choice.DID_NOT_VOTE:
                cast_ballot(db, ME, point.id, board.members[m], choice)
        close_voting(db, ME, point.id, without_quorum=True)  # confirms "not considered"


def _present_by_item(snap: ProtocolSnapshot) -> list[set[str]]:
    """Who was present at each item, read from the protocol's text alone."""
    arrivals: dict[int, set[str]] = {}
    departures: dict[int, set[str]] = {}
    for index, item in enumerate(snap.items):
        for note in item.attendance_notes:
            if came := ARRIVED.match(note):
                arrivals.setdefault(index, set()).add(came["name"])
            else:
                went = LEFT.match(note)
                assert went is not None, note
                assert int(went["item"]) == index  # "after item N" is printed at item N + 1
                departures.setdefault(index, set()).add(went["name"])
    late = set().union(*arrivals.values()) if arrivals else set()
    at_item = {line.name for line in snap.present} - late
    count = COUNT.match(snap.present_count)
    assert count is not None, snap.present_count
    assert len(at_item) == int(count["present"])
    result = []
    for index in range(len(snap.items)):
        if index:
            at_item = (at_item | arrivals.get(index, set())) - departures.get(index, set())
        result.append(set(at_item))
    return result


def _span_note(span: tuple[int, int]) -> str:
    first, last = span[0] + 1, span[1] + 1
    if (first, last) == (1, ITEMS):
        return ""
    if first == 1:
        return f"present up to and including item {last}"
    if last == ITEMS:
        return f"present from item {first}"
    if first == last:
        return f"present at item {first} only"
    return f"present at items {first} to {last}"


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_header_and_changes_reproduce_every_roll_call(
    template: tuple[Path, Board], plan: Plan
) -> None:
    source, board = template
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kenes.sqlite3"
        shutil.copy(source, path)
        db = open_database(path)
        try:
            _record(db, board, plan)
            snap = protocol_snapshot(db, _issue(db, board), "en")
            names = _names(db, board, "en")
        finally:
            db.close()
    derived = _present_by_item(snap)
    for index, present in enumerate(derived):
        roll_call = snap.roll_calls[index]
        assert roll_call.item_number == index + 1
        # Every member of the demo board has a vote (000: the secretary votes too).
        assert {row.name for row in roll_call.rows} == present
        expected = {names[m] for m, s in plan.spans.items() if s and s[0] <= index <= s[1]}
        assert present == expected
    # The quorum: stated where it was lost or restored, and no decision without it.
    quorum = [len(present) >= QUORUM for present in derived]
    for index, item in enumerate(snap.items):
        lost = index > 0 and quorum[index - 1] and not quorum[index]
        restored = index > 0 and quorum[index] and not quorum[index - 1]
        assert item.quorum_note.startswith("The quorum was lost") == lost
        assert item.quorum_note.startswith("The quorum was restored") == restored
        assert bool(item.quorum_note) == (lost or restored)
        if item.quorum_note:
            assert f"{len(derived[index])} of 15 members" in item.quorum_note
        for decision in item.decisions:
            assert decision.without_quorum == (not quorum[index])
            if not quorum[index]:
                assert not decision.adopted
                assert decision.result.endswith("Not considered: no quorum.")
    # The header's notes name the same items as the changes.
    notes = {line.name: line.note for line in snap.present}
    for m, span in plan.spans.items():
        if span is not None:
            assert notes[names[m]] == _span_note(span)
        else:
            assert names[m] not in notes
