"""Read a composition file and check every row, before anything is written."""

from __future__ import annotations

from pathlib import Path

from app import i18n
from app.formats.composition_columns import Vocabulary
from app.formats.composition_rows import FieldRules, ImportPreview
from app.formats.composition_sheet_reader import read_composition_sheet
from app.services.base import check_date, clean_text

# The file's texts and dates obey the rules of every text and date Kenes stores.
FIELD_RULES = FieldRules(
    text=lambda value, field, limit: clean_text(value, field, limit=limit),
    day=check_date,
)


def read_composition_file(path: Path) -> ImportPreview:
    """Read and check a composition file (.xlsx or .csv); the database is not touched.

    Refuses (:class:`~app.formats.composition_sheet_reader.ImportFileError`)
    a file that cannot be a composition list at all; problems of single rows
    are listed in the preview with the row number and the reason.  Headers
    and words are recognised in every language Kenes has a catalog for.
    """
    return read_composition_sheet(Path(path), Vocabulary.build(i18n.translations), FIELD_RULES)
