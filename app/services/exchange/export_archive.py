"""Export the whole archive, or chosen councils with their history, to an exchange file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.errors import DomainError, NotFoundError, Term
from app.domain.translation import N_
from app.formats.exchange_schema import KIND_ARCHIVE
from app.formats.exchange_writer import write_streamed
from app.models.composition import Council
from app.models.database import Database
from app.services.base import check_flag, check_id, expect
from app.services.exchange.scope import ExportSummary, Progress, archive_scope, header
from app.services.exchange.table_stream import TableStream


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
    stops the export and no file is written.  The records are written as they
    are read (:class:`TableStream`): the archive is never held in memory.
    """
    embed = check_flag(embed_materials, N_("Embed the materials"))
    target = Path(expect(path, str | Path, N_("File")))  # type: ignore[arg-type]
    with db.reading() as session:
        chosen_councils = _check_councils(session, council_ids)
        # The whole archive is read table by table; chosen councils need their ids first.
        scope = archive_scope(session, chosen_councils) if chosen_councils is not None else None
        stream = TableStream(session, scope, progress=progress)
        document = header(
            KIND_ARCHIVE,
            {
                "councils": sorted(
                    u for u in (stream.uids.uid("councils", c) for c in chosen_councils) if u
                )
                if chosen_councils is not None
                else "all",
            },
        )
        size = write_streamed(
            target,
            document,
            stream.tables(),
            stream.blob_items() if embed else (),
            zipped=embed,
        )
    return ExportSummary(
        target,
        KIND_ARCHIVE,
        dict(stream.counts),
        len(stream.blobs) if embed else 0,
        embed,
        size,
    )
