"""The notice of a meeting (with its agenda) as PDF bytes, to preview or print it.

Nothing is recorded: notifying the members (:mod:`app.services.meetings.notify_members`)
issues the same document and records who received it.
"""

from __future__ import annotations

from app.domain.translation import N_
from app.models.database import Database
from app.services.base import check_id
from app.services.notice import check_language, notice_snapshot


def notice_pdf(db: Database, meeting_id: int, lang: str) -> bytes:
    """The notice and agenda of the meeting in ``lang`` (kk, ru or en), as a PDF."""
    from app.reports.agenda_notice_pdf import render  # ReportLab loads when a PDF is made

    meeting_id = check_id(meeting_id, N_("Meeting"))
    return render(notice_snapshot(db, meeting_id, check_language(lang)))
