"""The agenda packet of a meeting: its notice and agenda, then every material, in one PDF.

For the chair and members who review on a tablet or on paper; see
``app/reports/agenda_packet.py`` for what the file holds.  Reads only.
"""

from __future__ import annotations

from pathlib import Path

from app import i18n
from app.domain.council import pick
from app.domain.errors import EnvironmentProblem
from app.domain.translation import N_
from app.formats import atomic
from app.models.database import Database
from app.models.meeting import MaterialBlob
from app.reports.agenda_notice_pdf import render
from app.reports.agenda_packet import PacketLabels, PacketMaterial, assemble
from app.services.accounts.scope import check_meeting
from app.services.base import expect
from app.services.meetings.common import LANGS, load_meeting
from app.services.notice import build_notice, check_language


def _labels(lang: str, meeting_line: str) -> PacketLabels:
    t = i18n.translations(lang)
    return PacketLabels(
        title=t.gettext(N_("Agenda packet: {meeting}")).format(meeting=meeting_line),
        agenda=t.gettext(N_("Notice and agenda")),
        attached_heading=t.gettext(N_("Materials attached to this file")),
        attached_intro=t.gettext(
            N_("These materials are not PDF documents; open them from the file's attachments.")
        ),
        item_line=t.gettext(N_("Item {number}: {file}")),
    )


def agenda_packet(db: Database, meeting_id: int, lang: str) -> bytes:
    """The packet of ``meeting_id`` in ``lang`` as PDF bytes."""
    check_language(lang)
    with db.reading() as session:
        meeting = load_meeting(session, meeting_id)
        check_meeting(session, meeting)
        snapshot = build_notice(session, meeting, lang)
        items: list[tuple[int, str]] = []
        materials: list[PacketMaterial] = []
        for number, item in enumerate(meeting.items, start=1):
            titles = {code: getattr(item, f"title_{code}") for code in LANGS}
            items.append((number, pick(titles, lang)))
            for material in item.materials:
                blob = session.get(MaterialBlob, material.sha256)
                if blob is None:
                    continue
                materials.append(
                    PacketMaterial(number, material.file_name, material.media_type, blob.data)
                )
    return assemble(render(snapshot), items, materials, _labels(lang, snapshot.meeting_line))


def save_agenda_packet(db: Database, meeting_id: int, lang: str, path: Path | str) -> Path:
    """Write the packet to ``path`` whole (never half a file); a refusal names the reason."""
    output = Path(expect(path, (str, Path), N_("File")))  # type: ignore[arg-type]
    data = agenda_packet(db, meeting_id, lang)
    try:
        atomic.write_bytes(output, data)
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(output),
            reason=exc.strerror or str(exc),
        ) from exc
    return output
