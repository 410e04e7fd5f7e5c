"""Export the whole archive, or chosen councils with their history, to an exchange file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.errors import DomainError, NotFoundError, Term
from app.domain.translation import N_
from app.formats.exchange_schema import KIND_ARCHIVE
from app.formats.exchange_writer import write_file
from app.models.composition import Council
from app.models.database import Database
from app.services.base import check_flag, check_id, expect
from app.services.exchange.records import UidMap
from app.services.exchange.scope import ExportSummary, Progress, archive_scope, build_tables, header


def _check_councils(session: Session, council_ids: object) -> set[int] | None:
    if council_ids is None:
        return None
    if isinstance(council_ids, str | bytes) or not isinstance(council_ids, Iterable):
        raise DomainError(N_("The data for “{what}” is not valid."), what=N_("Council"))
    chosen = {check_id(c, N_("Council")) for c in council_ids}
    if not chosen:
        raise DomainError(N_("Choose at least one council to export."))
    for council_id in chosen:
        if session.get(Council, council_id) is None:
            raise NotFoundError(
                N_("{what} #{id} does not exist."), what=Term(N_("Council")), id=council_id
            )
    return chosen


def export_archive(
    db: Database,
    path: Path | str,
    *,
    council_ids: Iterable[int] | None = None,
    embed_materials: bool = True,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the whole archive, or the chosen councils with their history, to ``path``.

    ``embed_materials`` writes a ZIP archive carrying the material files and
    the issued PDFs; without it, a JSON file refers to them by SHA-256 (an
    import then finds them in its own database, or renders the PDFs again
    from their frozen snapshots and checks the hash).  ``progress(done,
    total)`` is called as tables are written; an exception raised from it
    stops the export and no file is written.
    """
    embed = check_flag(embed_materials, N_("Embed the materials"))
    target = Path(expect(path, str | Path, N_("File")))  # type: ignore[arg-type]
    with db.reading() as session:
        chosen_councils = _check_councils(session, council_ids)
        scope = archive_scope(session, chosen_councils)
        tables, blobs = build_tables(session, scope, progress)
        uids = UidMap(session)
        document = header(
            KIND_ARCHIVE,
            {
                "councils": sorted(
                    u for u in (uids.uid("councils", c) for c in chosen_councils or ()) if u
                )
                if chosen_councils is not None
                else "all",
            },
        )
        document["tables"] = tables
        size = write_file(target, document, sorted(blobs.items()) if embed else (), zipped=embed)
    return ExportSummary(
        target,
        KIND_ARCHIVE,
        {k: len(v) for k, v in tables.items()},
        len(blobs) if embed else 0,
        embed,
        size,
    )
