"""A meeting that arrives signed by import is sealed on arrival; the seal then holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.demo_meeting import create_demo_meeting
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.integrity.verify import verify_record


def digest(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT digest FROM protocol_seals").fetchone()[0])
    finally:
        con.close()


def test_an_imported_signed_meeting_is_sealed_and_verified(tmp_path: Path) -> None:
    source = open_database(tmp_path / "office.sqlite3")
    try:
        create_demo(source, SYSTEM)
        create_demo_meeting(source, SYSTEM)
        assert verify_record(source).seals == 1  # signed (and sealed) in the office
        export_archive(source, tmp_path / "archive.kenes.zip")
    finally:
        source.close()
    target = open_database(tmp_path / "laptop.sqlite3")
    try:
        apply_import(
            target, SYSTEM, plan_import(target, read_archive(tmp_path / "archive.kenes.zip"))
        )
        found = verify_record(target)
        assert found.ok, [f.message() for f in found.findings]
        assert found.seals == 1
        # Imported again, unchanged: the seal it has is kept, none is added.
        apply_import(
            target, SYSTEM, plan_import(target, read_archive(tmp_path / "archive.kenes.zip"))
        )
        assert verify_record(target).seals == 1
    finally:
        target.close()
    # The seal is made over uids, so the same record gives the same seal in both databases.
    assert digest(tmp_path / "laptop.sqlite3") == digest(tmp_path / "office.sqlite3")
    con = sqlite3.connect(tmp_path / "laptop.sqlite3")
    with con:
        con.execute("UPDATE decision_points SET count_for = 99 WHERE mode = 'counts' OR id = 1")
    con.close()
    target = open_database(tmp_path / "laptop.sqlite3")
    try:
        found = verify_record(target)
        assert [f.message("en") for f in found.findings] and not found.ok
        assert all("the result of the vote" in f.message("en") for f in found.findings)
    finally:
        target.close()
