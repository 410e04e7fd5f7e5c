"""Export a council's composition on a day as a PDF list (seed 000's annex form)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.formats import atomic
from app.models.database import Database
from app.services.compositions.common import write_file
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
