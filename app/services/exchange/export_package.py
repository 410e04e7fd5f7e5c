"""A meeting taken to a laptop: the package written at the office, or brought back from there.

At the office, :func:`export_meeting_package` writes the meeting with its
council's composition on the meeting's date, the agenda and the materials,
and the *base*: the content hash of every record as it left.  The office
remembers the base in its audit trail.  On the laptop the package is imported
like any file (:func:`app.services.exchange.apply_import.apply_import`), which
remembers the base there; the meeting is conducted with the laptop's own
Kenes; :func:`export_meeting_package` on the laptop then writes the meeting
back with the same package id and base ("meeting-return").
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from app.domain.translation import N_
from app.formats.exchange_schema import KIND_PACKAGE, KIND_RETURN
from app.formats.exchange_writer import write_file
from app.models.common import new_uid
from app.models.composition import Council
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.base import SYSTEM, Actor, check_flag, check_id, expect, get
from app.services.exchange.package_records import latest_package, record_package
from app.services.exchange.scope import (
    ExportSummary,
    base_hashes,
    build_tables,
    header,
    package_scope,
)


def export_meeting_package(
    db: Database,
    meeting_id: int,
    path: Path | str,
    *,
    embed_materials: bool = True,
    actor: Actor | None = None,
) -> ExportSummary:
    """Write a meeting package, or, on the laptop that received one, the meeting to bring back.

    A fresh package carries the composition on the meeting's date, the agenda,
    the materials and the base of every record; the office records the base in
    its audit trail (by ``actor``).  When this database received the meeting in
    a package, the file is a "meeting-return" with that package's id and base.
    """
    meeting_key = check_id(meeting_id, N_("Meeting"))
    embed = check_flag(embed_materials, N_("Embed the materials"))
    target = Path(expect(path, str | Path, N_("File")))  # type: ignore[arg-type]
    with db.reading() as session:
        meeting = get(session, Meeting, meeting_key, N_("Meeting"))
        tables, blobs = build_tables(session, package_scope(session, meeting))
        received = latest_package(session, meeting.uid, "exchange.package_import")
        council_uid = session.scalar(select(Council.uid).where(Council.id == meeting.council_id))
        if received is not None:
            kind = KIND_RETURN
            package = {
                "id": received["package"],
                "meeting": meeting.uid,
                "made_at": received["made_at"],
                "base": received["base"],
            }
        else:
            kind = KIND_PACKAGE
            package = {
                "id": new_uid(),
                "meeting": meeting.uid,
                "made_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "base": base_hashes(tables),
            }
        document = header(kind, {"meeting": meeting.uid, "council": council_uid})
        document["package"] = package
        document["tables"] = tables
        size = write_file(target, document, sorted(blobs.items()) if embed else (), zipped=embed)
    if kind == KIND_PACKAGE:
        with db.transaction() as session:
            record_package(session, actor or SYSTEM, "exchange.package_export", package)
    return ExportSummary(
        target,
        kind,
        {k: len(v) for k, v in tables.items()},
        len(blobs) if embed else 0,
        embed,
        size,
        str(package["id"]),
    )
