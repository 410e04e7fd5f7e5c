"""What bringing a meeting back from a laptop would change, and what conflicts; nothing written."""

from __future__ import annotations

from app.formats.exchange_archive import ArchiveFile
from app.models.database import Database
from app.services.exchange.import_common import checked_archive
from app.services.exchange.return_analysis import ReturnPlan, analyse, refuse_kind


def plan_return(db: Database, package_from_laptop: ArchiveFile) -> ReturnPlan:
    """Compare a meeting brought back from a laptop with this database; nothing is written."""
    archive = checked_archive(package_from_laptop)
    refuse_kind(archive)
    with db.reading() as session:
        found = analyse(session, archive)
        return ReturnPlan(
            archive=archive,
            meeting_id=found.meeting.id,
            meeting_number=found.meeting.number,
            meeting_day=found.meeting.meeting_date.isoformat(),
            package_id=str((archive.package or {}).get("id", "")),
            base_from_office=found.base_from_office,
            changes=tuple(found.changes),
            conflicts=tuple(found.conflicts),
            kept=found.kept,
            fingerprint=found.fingerprint,
        )
