"""Export a composition as XLSX: it reads back as the same rows and imports again."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app import i18n
from app.domain.composition import Role, SeatKind
from app.formats.composition_columns import COLUMN_KEYS
from app.models.database import Database
from app.services import demo_data
from app.services.base import SYSTEM
from app.services.compositions.export_composition_xlsx import export_composition_xlsx
from app.services.compositions.import_composition import import_composition
from app.services.compositions.read_composition_file import read_composition_file
from app.services.people import PositionData, create_position
from app.services.seats import SeatData, add_seat, composition
from tests.services.compositions.composition_helpers import (
    ACT,
    EFFECTIVE,
    ON,
    line_key,
    new_council,
)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_export_reads_back_as_the_same_rows(
    database: Database, demo: int, tmp_path: Path, lang: str
) -> None:
    lines = composition(database, demo, ON)
    path = export_composition_xlsx(database, demo, ON, tmp_path / f"board-{lang}.xlsx", lang)

    preview = read_composition_file(path)

    assert preview.ok and preview.problem_count == 0
    assert preview.columns == COLUMN_KEYS and preview.ignored_headers == ()
    assert preview.row_count == len(lines) == len(demo_data.SEATS)
    assert [r.row for r in preview.rows] == list(range(2, len(lines) + 2))
    for row, line in zip(preview.rows, lines, strict=True):
        values = row.values
        assert line.position is not None and line.person is not None
        assert values.role is line.seat.role and values.kind is line.seat.kind
        assert values.titles == line.position.titles
        assert (values.surname, values.given_name, values.patronymic, values.latin_name) == (
            line.person.surname,
            line.person.given_name,
            line.person.patronymic,
            line.person.latin_name,
        )
        assert values.by_agreement is line.seat.by_agreement
        assert values.voting is line.seat.voting and values.side is line.seat.side
        assert values.valid_from == line.seat.valid_from
    assert preview.role_counts == {
        Role.CHAIR: 1,
        Role.DEPUTY_CHAIR: 1,
        Role.SECRETARY: 1,
        Role.MEMBER: len(lines) - 3,
    }


def test_the_export_has_a_bold_header_widths_and_a_titled_sheet(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export_composition_xlsx(database, demo, ON, tmp_path / "board.xlsx", "ru")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    assert sheet.title == i18n.translations("ru").gettext("Composition")[:31]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["C"].width >= 40
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=1).value == "председатель"
    assert isinstance(sheet.cell(row=2, column=16).value, datetime)
    book.close()


def test_an_export_imports_into_another_council_as_the_same_composition(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export_composition_xlsx(database, demo, ON, tmp_path / "board.xlsx", "kk")
    target = new_council(database)

    result = import_composition(
        database, SYSTEM, target, read_composition_file(path), EFFECTIVE, ACT
    )

    imported = composition(database, target, EFFECTIVE)
    assert [line_key(line) for line in imported] == [
        line_key(line) for line in composition(database, demo, EFFECTIVE)
    ]
    assert all(line.seat.valid_from == EFFECTIVE for line in imported)
    assert result.positions_created == result.people_created == result.holdings_created == 0
    assert result.positions_matched == result.people_matched == len(imported)
    assert len(result.seats) == len(imported) and result.ended_seats == 0
    assert composition(database, target, date(2024, 2, 29)) == []


def test_a_title_that_looks_like_a_formula_is_exported_as_text(
    database: Database, tmp_path: Path
) -> None:
    target = new_council(database)
    position = create_position(database, SYSTEM, PositionData(title_en='=HYPERLINK("x")'))
    add_seat(
        database,
        SYSTEM,
        target,
        SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, ON, position_id=position.id),
    )
    path = export_composition_xlsx(database, target, ON, tmp_path / "f.xlsx", "en")
    [row] = read_composition_file(path).rows
    assert row.values.position_en == '=HYPERLINK("x")'


def test_a_vacant_seat_exports_without_a_person(database: Database, tmp_path: Path) -> None:
    target = new_council(database)
    position = create_position(database, SYSTEM, PositionData(title_kk="Бос лауазым"))
    add_seat(
        database,
        SYSTEM,
        target,
        SeatData(Role.SECRETARY, SeatKind.EX_OFFICIO, ON, position_id=position.id),
    )
    path = export_composition_xlsx(database, target, ON, tmp_path / "v.xlsx", "kk")
    [row] = read_composition_file(path).rows
    assert row.values.surname == "" and row.values.position_kk == "Бос лауазым"
    assert row.values.role is Role.SECRETARY and row.values.kind is SeatKind.EX_OFFICIO
