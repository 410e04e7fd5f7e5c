"""Helpers for the composition file actions: files written by hand, the database's counts."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
from sqlalchemy import text

from app.formats.composition_rows import ImportPreview
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import CouncilData, create_council
from app.services.people import ActData
from app.services.seats import CompositionLine

ON = date(2024, 1, 1)
EFFECTIVE = date(2024, 3, 1)
ACT = ActData("Қазақстан Республикасы Үкіметінің қаулысы", "99", date(2024, 2, 20))
TABLES = ("seats", "people", "positions", "position_holdings", "acts", "audit_events", "councils")


def new_council(db: Database, name: str = "Жаңа кеңес") -> int:
    return create_council(db, SYSTEM, CouncilData(name_kk=name, name_en="New council")).id


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, delimiter: str = ",", bom: bool = False
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def line_key(line: CompositionLine) -> tuple[object, ...]:
    seat = line.seat
    return (
        seat.role,
        seat.kind,
        line.position.id if line.position else None,
        line.person.id if line.person else None,
        seat.by_agreement,
        seat.voting,
        seat.side,
    )


def problems_by_row(preview: ImportPreview) -> dict[int, list[str]]:
    return {row.row: [p.msgid for p in row.problems] for row in preview.rows if row.problems}


# -- a broken file -------------------------------------------------------------------------

BROKEN_HEADER: list[object] = [
    "Role",
    "Position (kk)",
    "Surname",
    "Name",
    "Patronymic",
    "Valid from",
    "By agreement",
]


def broken_rows() -> list[list[object]]:
    return [
        BROKEN_HEADER,
        ["chair", "Премьер-Министр", "", "", "", "", ""],  # 2 fine
        ["president of the world", "Министр", "", "", "", "", ""],  # 3 role
        ["member", "", "", "", "", "", ""],  # 4 nothing
        ["member", "Әкім", "", "", "", "31.02.2024", ""],  # 5 date
        ["төраға", "Вице-министр", "", "", "", "", ""],  # 6 2nd chair
        ["member", "Директор", "Ахметов", "Серік", "", "", ""],  # 7 fine
        ["member", "", "ахметов", "Серік", "", "", "perhaps"],  # 8 twice, y/n
        ["member", "Бас директор", "Ә" * 300, "", "", "", ""],  # 9 too long
        ["member", "", "", "Серік", "", "", ""],  # 10 no surname
        ["secretary", "Хатшы", "", "", "", datetime(2024, 3, 1), "1"],  # 11 fine
    ]
