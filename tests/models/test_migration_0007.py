"""Migration 0007 on data: people get a gender from their patronymic, reasons their kind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.models.database import head_revision, open_database, upgrade

PEOPLE = [
    (1, "Әбенов", "Нұрлан", "Серікұлы", "male"),
    (2, "Омарова", "Гүлнар", "Ерболқызы", "female"),
    (3, "Иванов", "Иван", "Петрович", "male"),
    (4, "Петрова", "Анна", "Сергеевна", "female"),
    (5, "Smith", "John", "", "unknown"),
]
REASONS = [
    (1, False, "іссапар", "business_trip", ("", "", "")),
    (2, False, "Болезнь", "illness", ("", "", "")),
    (3, False, "участие в форуме", "other", ("", "участие в форуме", "")),
    (4, False, "халықаралық форумда", "other", ("халықаралық форумда", "", "")),
    (5, True, "", "", ("", "", "")),
]


def _at_0006(path: Path) -> None:
    db = open_database(path, migrate=False)
    try:
        upgrade(db, "0006_search")
    finally:
        db.close()
    con = sqlite3.connect(path)
    with con:
        for pid, surname, name, patronymic, _gender in PEOPLE:
            con.execute(
                "INSERT INTO people (id, uid, version, created_at, surname, given_name, "
                "patronymic, latin_name, email, phone, note, is_demo, archived, search_text) "
                "VALUES (?, ?, 1, '2024-01-01 00:00:00', ?, ?, ?, '', '', '', '', 0, 0, '')",
                (pid, f"{pid:032x}", surname, name, patronymic),
            )
        for pid, present, reason, _kind, _texts in REASONS:
            con.execute(
                "INSERT INTO attendance (id, uid, version, created_at, meeting_id, person_id, "
                "present, absence_reason) VALUES (?, ?, 1, '2024-01-01 00:00:00', 1, ?, ?, ?)",
                (pid, f"{pid + 100:032x}", pid, present, reason),
            )
    con.close()


def test_existing_people_and_reasons_are_carried_over(db_path: Path) -> None:
    _at_0006(db_path)
    db = open_database(db_path)  # migrates to the head
    try:
        assert db.revision() == head_revision()
    finally:
        db.close()
    con = sqlite3.connect(db_path)
    genders = dict(con.execute("SELECT id, gender FROM people"))
    assert genders == {pid: gender for pid, *_rest, gender in PEOPLE}
    rows = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT person_id, absence_reason, absence_kind, absence_reason_kk, "
            "absence_reason_ru, absence_reason_en FROM attendance"
        )
    }
    for pid, _present, reason, kind, texts in REASONS:
        assert rows[pid] == (reason, kind, *texts), pid
    con.close()


def test_a_new_person_row_defaults_to_unknown(db_path: Path) -> None:
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    with con:
        con.execute(
            "INSERT INTO people (id, uid, version, created_at, surname, given_name, patronymic, "
            "latin_name, email, phone, note, is_demo, archived, search_text) "
            "VALUES (9, 'ab', 1, '2024-01-01', 'X', '', '', '', '', '', '', 0, 0, '')"
        )
    assert con.execute("SELECT gender FROM people WHERE id = 9").fetchone() == ("unknown",)
    con.close()
