"""Export a council's composition on a day as a PDF list (seed 000's annex form)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.formats import atomic
from app.models.database import Database
from app.services.compositions.common import check_lang, write_file
from app.services.compositions.composition_snapshot import composition_snapshot


def export_composition_pdf(
    db: Database,
    council_id: int,
    on: date,
    path: Path,
    lang: str,
    *,
    with_names: bool = False,
    heading: str | None = None,
) -> Path:
    """Write the composition on ``on`` as a PDF list in ``lang``, whole or not at all."""
    from app.reports import composition_pdf  # ReportLab loads when a list is made

    data = composition_pdf.render(
        composition_snapshot(db, council_id, on, lang, heading), with_names=with_names
    )
    return write_file(Path(path), lambda target: atomic.write_bytes(target, data))


def composition_pdf_bytes(
    db: Database, council_id: int, on: date, lang: str, *, with_names: bool = True
) -> bytes:
    """The composition on ``on`` as PDF bytes in ``lang``, for the preview and the printer.

    With the names of the members by default: a printed working list says who
    sits; the official annex (:func:`export_composition_pdf`) names positions.
    """
    from app.reports import composition_pdf

    check_lang(lang)
    return composition_pdf.render(
        composition_snapshot(db, council_id, on, lang), with_names=bool(with_names)
    )
