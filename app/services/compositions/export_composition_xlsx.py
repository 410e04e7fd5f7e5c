"""Export a council's composition on a day as an XLSX file that imports again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app import i18n
from app.domain.composition import ROLE_LABELS, Side
from app.domain.council import LANGS
from app.formats.composition_columns import COLUMN_KEYS, KIND_LABELS, NO, SIDE_LABELS, YES
from app.formats.composition_sheet_writer import write_composition_sheet
from app.models.database import Database
from app.services.compositions.common import check_lang, write_file
from app.services.seats import CompositionLine, composition


def export_composition_xlsx(db: Database, council_id: int, on: date, path: Path, lang: str) -> Path:
    """Write the composition on ``on`` as an XLSX file in the import's column layout."""
    check_lang(lang)
    catalog = i18n.translations(lang)
    rows = [_row_values(line, lang) for line in composition(db, council_id, on)]
    return write_file(Path(path), lambda target: write_composition_sheet(target, rows, catalog))


def _row_values(line: CompositionLine, lang: str) -> list[object]:
    """A seat as the columns of the file, in the order of the layout."""
    t = i18n.translations(lang)
    seat, position, person = line.seat, line.position, line.person
    titles = position.titles if position else {}
    organisations = position.organisations if position else {}
    values: dict[str, object] = {
        "role": t.gettext(ROLE_LABELS[seat.role]),
        "kind": t.gettext(KIND_LABELS[seat.kind]),
        **{f"position_{lg}": titles.get(lg, "") for lg in LANGS},
        **{f"organisation_{lg}": organisations.get(lg, "") for lg in LANGS},
        "surname": person.surname if person else "",
        "given_name": person.given_name if person else "",
        "patronymic": person.patronymic if person else "",
        "latin_name": person.latin_name if person else "",
        "by_agreement": t.gettext(YES if seat.by_agreement else NO),
        "side": t.gettext(SIDE_LABELS[seat.side]) if seat.side is not Side.NONE else "",
        "voting": t.gettext(YES if seat.voting else NO),
        "valid_from": seat.valid_from,
    }
    return [values[key] for key in COLUMN_KEYS]
