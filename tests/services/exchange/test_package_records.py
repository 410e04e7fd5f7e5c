"""Meeting packages remembered in the audit trail, and found again by meeting or by id."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.database import Database, open_database
from app.models.meeting import Meeting
from app.services.exchange.package_records import latest_package, package_by_id, record_package
from tests.services.conduct_helpers import ME, board_meeting


def _office(tmp_path: Path) -> tuple[Database, str, int, int]:
    office = open_database(tmp_path / "office.sqlite3")
    board = board_meeting(office)
    with office.reading() as session:
        meeting = session.get(Meeting, board.meeting_id)
        assert meeting is not None
        return office, meeting.uid, meeting.id, meeting.council_id


def _record(db: Database, action: str, package: dict[str, object]) -> None:
    with db.transaction() as session:
        record_package(session, ME, action, package)


def test_a_package_is_recorded_against_its_meeting(tmp_path: Path) -> None:
    office, uid, meeting_id, council_id = _office(tmp_path)
    base = {"meetings/" + uid: "ab" * 32}
    _record(
        office,
        "exchange.package_export",
        {
            "id": "p1",
            "meeting": uid,
            "made_at": "2024-03-01T09:00:00+00:00",
            "base": base,
        },
    )
    with office.reading() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "exchange.package_export")
        ).one()
        assert (event.entity, event.entity_id, event.council_id) == (
            "meetings",
            meeting_id,
            council_id,
        )
        assert event.actor == ME.name
        assert event.after == {
            "package": "p1",
            "meeting": uid,
            "made_at": "2024-03-01T09:00:00+00:00",
            "base": base,
        }
        assert latest_package(session, uid, "exchange.package_export") == event.after


def test_the_newest_package_of_a_meeting_is_found_and_any_by_its_id(tmp_path: Path) -> None:
    office, uid, _meeting_id, _council_id = _office(tmp_path)
    for n in (1, 2):
        _record(office, "exchange.package_export", {"id": f"p{n}", "meeting": uid, "base": {}})
    _record(office, "exchange.package_import", {"id": "p3", "meeting": uid, "base": {}})
    with office.reading() as session:
        newest = latest_package(session, uid, "exchange.package_export")
        assert newest is not None and newest["package"] == "p2"
        imported = latest_package(session, uid, "exchange.package_import")
        assert imported is not None and imported["package"] == "p3"
        older = package_by_id(session, "p1", "exchange.package_export")
        assert older is not None and older["package"] == "p1"
        assert package_by_id(session, "p3", "exchange.package_export") is None
        assert package_by_id(session, "nothing", "exchange.package_export") is None
        assert latest_package(session, "0" * 32, "exchange.package_export") is None


def test_a_package_of_an_unknown_meeting_is_recorded_without_one(tmp_path: Path) -> None:
    office, _uid, _meeting_id, _council_id = _office(tmp_path)
    _record(office, "exchange.package_import", {"id": "p9", "meeting": "f" * 32})
    with office.reading() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "exchange.package_import")
        ).one()
        assert event.entity_id is None and event.council_id is None
        after = event.after or {}
        assert after["base"] == {} and after["made_at"] is None
        assert latest_package(session, "f" * 32, "exchange.package_import") == event.after
