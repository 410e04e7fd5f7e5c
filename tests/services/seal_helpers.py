"""A signed meeting on a SQLite file, made once and copied, and ways to tamper with it."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from app.models.database import open_database
from app.services.protocols.actions import Signing, create_protocol, sign_protocol
from tests.services.conduct_helpers import ME
from tests.services.protocol_helpers import held_meeting


def make_signed(folder: Path) -> Path:
    """The held meeting of protocol_helpers, its protocol signed in Kazakh and Russian."""
    path = folder / "signed.sqlite3"
    db = open_database(path)
    try:
        held = held_meeting(db)
        protocol = create_protocol(db, ME, held.board.meeting_id)
        sign_protocol(
            db,
            ME,
            protocol.id,
            Signing(date(2024, 3, 20), languages=("kk", "ru"), accept_gaps=True),
        )
    finally:
        db.close()
    return path


def copy_of(original: Path, target: Path) -> Path:
    shutil.copy2(original, target)
    return target


def tamper(path: Path, *statements: str) -> None:
    """Change the file with Python's sqlite3 module, as any SQLite tool would."""
    con = sqlite3.connect(path)
    try:
        with con:
            for statement in statements:
                con.execute(statement)
    finally:
        con.close()


def ballot_of(path: Path, choice: str) -> tuple[int, str]:
    """A ballot with ``choice`` (its id) and the full name of the member who cast it."""
    con = sqlite3.connect(path)
    try:
        row = con.execute(
            "SELECT b.id, p.surname || ' ' || p.given_name || ' ' || p.patronymic "
            "FROM ballots b JOIN people p ON p.id = b.person_id WHERE b.choice = ? "
            "ORDER BY b.id LIMIT 1",
            (choice,),
        ).fetchone()
    finally:
        con.close()
    return int(row[0]), str(row[1])
