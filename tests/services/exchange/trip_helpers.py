"""A meeting package taken from an office database to a laptop database, and brought back.

Real SQLite files on both sides; the package and the return are real exchange files
written by the export and read back with :func:`read_archive`.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.voting import Choice
from app.formats.exchange_schema import DOCUMENT_ENTRY
from app.models.database import Database, open_database
from app.models.meeting import AgendaItem, Meeting
from app.services.agenda.attach_material import attach_material
from app.services.conduct.attendance import record_attendance
from app.services.conduct.decisions import add_decision_point
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_package import export_meeting_package
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.meetings.approve_agenda import approve_agenda
from app.services.seats import composition
from tests.services.conduct_helpers import DAY, ME, board_meeting

MATERIAL = b"%PDF-1.4 the draft decision"


@dataclass
class Trip:
    office: Database
    office_path: Path
    laptop: Database
    office_meeting: int
    laptop_meeting: int
    members: list[int]  # laptop person ids, in composition order
    office_members: list[int]
    package: Path
    package_id: str
    folder: Path


def files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte."""
    return {
        p.name: p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    }


def document_of(path: Path) -> tuple[dict[str, Any], set[str]]:
    """The exchange document in ``path`` (ZIP or plain JSON) and the ZIP's other entries."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            return json.loads(archive.read(DOCUMENT_ENTRY)), names - {DOCUMENT_ENTRY}
    return json.loads(path.read_bytes()), set()


def office_with_material(folder: Path) -> tuple[Database, Path, int, list[int], list[int]]:
    """The office: the demo council's board meeting, agenda approved, one material on item 1."""
    path = folder / "office.sqlite3"
    office = open_database(path)
    board = board_meeting(office)
    draft = folder / "draft.pdf"
    draft.write_bytes(MATERIAL)
    attach_material(office, ME, board.items[0], draft)
    approve_agenda(office, ME, board.meeting_id)  # a material added reopens the agenda
    return office, path, board.meeting_id, board.items, board.members


def send(folder: Path) -> Trip:
    """The office exports the meeting package; the laptop imports it."""
    office, office_path, meeting, _items, members = office_with_material(folder)
    package = folder / "package.kenes.zip"
    summary = export_meeting_package(office, meeting, package, actor=ME)
    laptop = open_database(folder / "laptop.sqlite3")
    plan = plan_import(laptop, read_archive(package))
    assert plan.ok, plan.problems
    apply_import(laptop, ME, plan)
    with laptop.reading() as session:
        laptop_meeting = session.scalars(select(Meeting.id)).one()
    on_laptop = [line.person.id for line in composition(laptop, 1, DAY) if line.person]
    return Trip(
        office,
        office_path,
        laptop,
        meeting,
        laptop_meeting,
        on_laptop,
        members,
        package,
        summary.package_id,
        folder,
    )


def conduct_on_laptop(trip: Trip) -> None:
    """Attendance (the last member absent) and a vote adopted 10 to 4 on the first item."""
    laptop, meeting = trip.laptop, trip.laptop_meeting
    for person in trip.members:
        absent = person == trip.members[-1]
        record_attendance(laptop, ME, meeting, person, not absent, "ill" if absent else "")
    with laptop.reading() as session:
        first = session.scalars(
            select(AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting)
            .order_by(AgendaItem.position)
        ).first()
    assert first is not None
    point = add_decision_point(
        laptop, ME, first, {"kk": "Бекітілсін.", "ru": "Утвердить.", "en": "Approve."}
    )
    for person in trip.members[:10]:
        cast_ballot(laptop, ME, point.id, person, Choice.FOR)
    for person in trip.members[10:14]:
        cast_ballot(laptop, ME, point.id, person, Choice.AGAINST)
    close_voting(laptop, ME, point.id)


def bring_back(trip: Trip, name: str = "back.kenes.zip") -> Path:
    path = trip.folder / name
    export_meeting_package(trip.laptop, trip.laptop_meeting, path)
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
