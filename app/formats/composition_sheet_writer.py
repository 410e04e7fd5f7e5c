"""Write a composition as an XLSX workbook in the layout the reader takes back.

The rows come as plain values in the order of
:data:`~app.formats.composition_columns.COLUMN_KEYS` (texts already in the
file's language, the start date as a date); the header row and the sheet's
name are written in the language of the catalog given.  The file is written
whole or not at all (:mod:`app.formats.atomic`).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from pathlib import Path

from app.domain.translation import N_
from app.formats import atomic
from app.formats.composition_columns import COLUMN_KEYS, COLUMNS

# Column widths in characters; the title and organisation columns get 45.
WIDTHS = {
    "role": 22,
    "kind": 16,
    "surname": 18,
    "given_name": 16,
    "patronymic": 18,
    "latin_name": 24,
    "by_agreement": 14,
    "side": 18,
    "voting": 12,
    "valid_from": 13,
}
DEFAULT_WIDTH = 45


def write_composition_sheet(
    path: Path, rows: Sequence[Sequence[object]], catalog: gettext.NullTranslations
) -> Path:
    """Write ``rows`` under a bold header row; raises :class:`OSError` when it cannot."""
    import openpyxl  # imported when a file is written: it is slow to load
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(catalog.gettext(N_("Composition")))
    sheet.append([catalog.gettext(c.label) for c in COLUMNS])
    for values in rows:
        sheet.append(list(values))
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, key in enumerate(COLUMN_KEYS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(key, DEFAULT_WIDTH)
        sheet.cell(row=1, column=index).font = bold
        sheet.cell(row=1, column=index).alignment = wrap
    date_column = COLUMN_KEYS.index("valid_from") + 1
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a title is text, never a formula
        row[date_column - 1].number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    # Synced before the rename; the temporary file is removed on any failure.
    atomic.write_path(path, lambda temporary: book.save(str(temporary)))
    return path


def sheet_title(text: str) -> str:
    """``text`` as Excel allows a sheet's name: no []:*?/\\ and at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip() or "Composition"
    return cleaned[:31]
