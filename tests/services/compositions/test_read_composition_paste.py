"""read_composition_paste: a members table pasted from Excel or Word, checked, nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.composition import Role
from app.domain.errors import DomainError
from app.formats.composition_sheet_reader import ImportFileError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.compositions.import_composition import import_composition
from app.services.compositions.read_composition_paste import read_composition_paste
from app.services.seats import composition
from tests.services.compositions.composition_helpers import ACT, EFFECTIVE, counts, new_council

EXCEL = (
    "Рөлі\tЛауазымы\tТегі\tАты\tКелісу бойынша\r\n"
    "төраға\tҚазақстан Республикасының Премьер-Министрі\tӘбенов\tНұрлан\tжоқ\r\n"
    "мүше\t«Атамекен» ҰКП басқармасының төрағасы\t\t\tиә\r\n"
)
NAME = "Кесте"


def test_a_pasted_excel_range_is_read_and_checked() -> None:
    preview = read_composition_paste(EXCEL, "", NAME)
    assert preview.ok and preview.source == NAME and preview.row_count == 2
    chair, member = (r.values for r in preview.rows)
    assert chair.role is Role.CHAIR and chair.surname == "Әбенов" and not chair.by_agreement
    assert member.role is Role.MEMBER and member.by_agreement and not member.has_person


def test_the_services_field_rules_judge_each_cell() -> None:
    text = "Role\tPosition\tValid from\nmember\tAkim\t01.01.1800\nmember\tA\x07b\t\n"
    preview = read_composition_paste(text)
    assert not preview.ok and preview.bad_row_count == 2
    problems = [(p.row, p.column, p.msgid) for row in preview.bad_rows for p in row.problems]
    assert problems == [
        (2, "valid_from", "The date {day} is out of range."),
        (3, "position_en", "The field “{field}” contains control characters."),
    ]


def test_the_preview_imports_like_a_file(database: Database) -> None:
    council = new_council(database)
    before = counts(database)
    preview = read_composition_paste(EXCEL, "", NAME)
    assert counts(database) == before  # reading wrote nothing
    import_composition(database, SYSTEM, council, preview, EFFECTIVE, ACT)
    lines = composition(database, council, date(2024, 3, 2))
    assert [line.seat.role for line in lines] == [Role.CHAIR, Role.MEMBER]
    assert lines[0].person is not None and lines[0].person.surname == "Әбенов"


@pytest.mark.parametrize(
    "args", [(None,), (b"Role\tPosition",), ("Role\tPosition", None), ("x", "", 3)]
)
def test_data_of_the_wrong_shape_is_refused(args: tuple[object, ...]) -> None:
    with pytest.raises(DomainError, match="Pasted table"):
        read_composition_paste(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " \n\t ", "Name\tE-mail\nAbenov\ta@b.kz\n"])
def test_a_paste_without_a_composition_table_is_refused(text: str) -> None:
    with pytest.raises(ImportFileError):
        read_composition_paste(text)
