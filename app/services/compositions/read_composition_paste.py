"""Read a table of members pasted from Word or Excel and check every row, writing nothing."""

from __future__ import annotations

from app import i18n
from app.domain.translation import N_
from app.formats.composition_columns import Vocabulary
from app.formats.composition_paste import read_pasted_table
from app.formats.composition_rows import ImportPreview
from app.services.base import expect
from app.services.compositions.read_composition_file import FIELD_RULES


def read_composition_paste(text: str, html: str = "", name: str = "") -> ImportPreview:
    """Read and check a pasted table (the clipboard's text and HTML); the database is not touched.

    The preview is the one a composition file gives, and imports the same
    way (:func:`~app.services.compositions.import_composition.import_composition`).
    ``name`` names the table in messages and in the preview.  Refuses
    (:class:`~app.formats.composition_sheet_reader.ImportFileError`) what
    holds no composition table.
    """
    expect(text, str, N_("Pasted table"))
    expect(html, str, N_("Pasted table"))
    expect(name, str, N_("Pasted table"))
    return read_pasted_table(text, html, name, Vocabulary.build(i18n.translations), FIELD_RULES)
