"""The agenda notice of a meeting and the calendar invitation of each person notified.

:func:`build_notice` turns a meeting into a
:class:`~app.reports.agenda_notice_pdf.NoticeSnapshot`: council, meeting,
date, time, place, presiding person, agenda and the list of materials, every
text resolved in one language (kk, ru or en) with the document's words from
that language's catalog, whatever the interface language is.  The PDF is
rendered from the snapshot by :mod:`app.reports.agenda_notice_pdf`;
:func:`invitation_ics` writes the ``.ics`` invitation (RFC 5545, with the
meeting's time in Asia/Almaty) for one person.

Who is notified (:func:`recipients`): the members of the council on the
meeting's date, the presiding person, and the speakers from the register
who are not members (invited persons).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app import i18n
from app.domain.composition import ROLE_LABELS
from app.domain.council import pick
from app.domain.errors import DomainError
from app.domain.file_names import person_file_name, unique_names
from app.domain.meeting import MEETING_KIND_LABELS, MeetingKind
from app.domain.translation import N_
from app.domain.wording import position_in_sentence
from app.formats import atomic
from app.formatting import DEFAULT_TIMEZONE, format_number, format_time, legal_date_plain
from app.models.composition import Council, Person
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.meetings.common import LANGS, load_meeting, members_on, speaker_info
from app.services.people import person_info

if TYPE_CHECKING:  # ReportLab and icalendar load when a notice is made, not at start
    from app.reports.agenda_notice_pdf import NoticeLabels, NoticeSnapshot

_KB = 1024
_MB = 1024 * 1024


def check_language(lang: str) -> str:
    if lang not in LANGS:
        raise DomainError(
            N_("Documents are issued in Kazakh, Russian or English, not “{lang}”."), lang=lang
        )
    return lang


def file_size(size: int, lang: str) -> str:
    """A file size for people: "245 KB", "1,2 MB" (in the language's number style)."""
    t = i18n.translations(lang)
    if size < _MB:
        kilobytes = max(1, (size + _KB // 2) // _KB)
        return t.gettext(N_("{size} KB")).format(size=format_number(kilobytes, lang))
    megabytes = (Decimal(size) / _MB).quantize(Decimal("0.1"))
    return t.gettext(N_("{size} MB")).format(size=format_number(megabytes, lang))


def _labels(lang: str) -> NoticeLabels:
    from app.reports.agenda_notice_pdf import NoticeLabels

    t = i18n.translations(lang)
    return NoticeLabels(
        heading=t.gettext(N_("Notice of a meeting")),
        date=t.gettext(N_("Date")),
        time=t.gettext(N_("Time")),
        place=t.gettext(N_("Place")),
        presiding=t.gettext(N_("Presiding")),
        agenda=t.gettext(N_("Agenda")),
        speakers=t.gettext(N_("Speakers")),
        responsible=t.gettext(N_("Responsible body")),
        materials=t.gettext(N_("Materials")),
        material_number=t.gettext(N_("No.")),
        material_file=t.gettext(N_("File")),
        material_item=t.gettext(N_("Item No.")),
        material_size=t.gettext(N_("Size")),
        no_materials=t.gettext(N_("No materials have been attached to the agenda.")),
    )


def meeting_line(kind: MeetingKind, number: int, lang: str) -> str:
    """ "Regular meeting No. 3" in ``lang``."""
    t = i18n.translations(lang)
    return t.gettext(N_("{kind} No. {number}")).format(
        kind=t.gettext(MEETING_KIND_LABELS[kind]), number=number
    )


def build_notice(session: Session, meeting: Meeting, lang: str) -> NoticeSnapshot:
    """The notice of ``meeting`` in ``lang``, from the records as they stand in ``session``."""
    from app.reports.agenda_notice_pdf import NoticeItem, NoticeMaterial, NoticeSnapshot

    check_language(lang)
    t = i18n.translations(lang)
    council = session.get(Council, meeting.council_id)
    assert council is not None
    names = {code: getattr(council, f"name_{code}") for code in LANGS}
    bodies = {code: getattr(council, f"working_body_{code}") for code in LANGS}
    body = pick(bodies, lang)
    members = members_on(session, meeting.council_id, meeting.meeting_date)
    presiding = session.get(Person, meeting.presiding_person_id)
    assert presiding is not None
    presiding_text = person_info(presiding).full_name(lang)
    roles = [m.role for m in members if m.person_id == presiding.id]
    if roles:
        role = position_in_sentence(t.gettext(ROLE_LABELS[roles[0]]), lang)
        presiding_text = f"{presiding_text}, {role}"
    times = format_time(meeting.starts_at, lang)
    if meeting.ends_at is not None:
        times = f"{times}–{format_time(meeting.ends_at, lang)}"
    items: list[NoticeItem] = []
    materials: list[NoticeMaterial] = []
    for index, item in enumerate(meeting.items, start=1):
        speakers = []
        for speaker in item.speakers:
            info = speaker_info(session, speaker)
            position = position_in_sentence(info.position(lang), lang)  # after a comma
            parts = (info.display_name(lang), position, info.organisation(lang))
            speakers.append(", ".join(p for p in parts if p))
        titles = {code: getattr(item, f"title_{code}") for code in LANGS}
        responsible = {code: getattr(item, f"responsible_{code}") for code in LANGS}
        items.append(
            NoticeItem(index, pick(titles, lang), tuple(speakers), pick(responsible, lang))
        )
        for material in item.materials:
            materials.append(
                NoticeMaterial(
                    len(materials) + 1, index, material.file_name, file_size(material.size, lang)
                )
            )
    kind = MeetingKind(meeting.kind)
    return NoticeSnapshot(
        lang=lang,
        council_name=pick(names, lang),
        working_body=(
            t.gettext(N_("Working body of the council: {body}")).format(body=body) if body else ""
        ),
        meeting_line=meeting_line(kind, meeting.number, lang),
        date_text=legal_date_plain(meeting.meeting_date, lang),
        time_text=times,
        place=pick({code: getattr(meeting, f"place_{code}") for code in LANGS}, lang),
        presiding=presiding_text,
        items=tuple(items),
        materials=tuple(materials),
        labels=_labels(lang),
        meeting_uid=meeting.uid,
        day=meeting.meeting_date,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        timezone=DEFAULT_TIMEZONE,
    )


def notice_snapshot(db: Database, meeting_id: int, lang: str) -> NoticeSnapshot:
    """The notice of a meeting in ``lang`` (to preview or print it without notifying)."""
    check_language(lang)
    with db.reading() as session:
        return build_notice(session, load_meeting(session, meeting_id), lang)


# -- who is notified --------------------------------------------------------------------


class RecipientRole(StrEnum):
    PRESIDING = "presiding"
    MEMBER = "member"
    INVITED = "invited"


# The iCalendar ROLE parameter of each (RFC 5545 §3.2.16).
_ICS_ROLES = {
    RecipientRole.PRESIDING: "CHAIR",
    RecipientRole.MEMBER: "REQ-PARTICIPANT",
    RecipientRole.INVITED: "OPT-PARTICIPANT",
}


@dataclass(frozen=True)
class Recipient:
    person_id: int
    person_uid: str
    name: str
    email: str
    role: RecipientRole


def recipients(session: Session, meeting: Meeting, lang: str = "kk") -> list[Recipient]:
    """Members on the meeting's date, the presiding person and invited speakers; once each."""
    found: dict[int, RecipientRole] = {}
    for member in members_on(session, meeting.council_id, meeting.meeting_date):
        if member.person_id is not None:
            found.setdefault(member.person_id, RecipientRole.MEMBER)
    found[meeting.presiding_person_id] = RecipientRole.PRESIDING
    for item in meeting.items:
        for speaker in item.speakers:
            if speaker.person_id is not None:
                found.setdefault(speaker.person_id, RecipientRole.INVITED)
    result = []
    for person_id, role in found.items():
        person = session.get(Person, person_id)
        assert person is not None
        info = person_info(person)
        result.append(Recipient(person_id, info.uid, info.full_name(lang), info.email, role))
    return result


# -- the invitation ---------------------------------------------------------------------


def _address(recipient: Recipient) -> str:
    if recipient.email:
        return f"mailto:{recipient.email}"
    return uuid.UUID(hex=recipient.person_uid).urn


def _description(snapshot: NoticeSnapshot) -> str:
    labels = snapshot.labels
    lines = [
        f"{labels.presiding}: {snapshot.presiding}",
        "",
        f"{labels.agenda}:",
        *(f"{item.number}. {item.title}" for item in snapshot.items),
    ]
    if snapshot.materials:
        lines += ["", f"{labels.materials}:"]
        lines += [f"{m.number}. {m.file_name} ({m.size})" for m in snapshot.materials]
    return "\n".join(lines)


def invitation_ics(
    snapshot: NoticeSnapshot, recipient: Recipient, *, stamp: datetime, sequence: int = 0
) -> bytes:
    """The ``.ics`` invitation of one person to the meeting of ``snapshot``.

    The event keeps one UID across notifications and ``sequence`` counts the
    earlier ones, so a calendar replaces the old event with the new one.
    The same arguments give the same bytes.
    """
    from icalendar import Calendar, Event, vCalAddress, vText

    zone = ZoneInfo(snapshot.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//Kenes//Agenda notice//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{snapshot.meeting_uid}@kenes")
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", datetime.combine(snapshot.day, snapshot.starts_at, zone))
    if snapshot.ends_at is not None:
        event.add("dtend", datetime.combine(snapshot.day, snapshot.ends_at, zone))
    summary = f"{snapshot.meeting_line}: {snapshot.council_name}"
    event.add("summary", summary, parameters={"LANGUAGE": snapshot.lang})
    if snapshot.place:
        event.add("location", snapshot.place, parameters={"LANGUAGE": snapshot.lang})
    event.add("description", _description(snapshot), parameters={"LANGUAGE": snapshot.lang})
    attendee = vCalAddress(_address(recipient))
    attendee.params["CN"] = vText(recipient.name)
    attendee.params["CUTYPE"] = vText("INDIVIDUAL")
    attendee.params["ROLE"] = vText(_ICS_ROLES[recipient.role])
    attendee.params["PARTSTAT"] = vText("NEEDS-ACTION")
    event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


@dataclass(frozen=True)
class Invitation:
    """One person's ``.ics`` file."""

    person_id: int
    name: str
    email: str
    file_name: str
    data: bytes
    sha256: str


def make_invitations(
    session: Session, meeting: Meeting, snapshot: NoticeSnapshot, *, stamp: datetime, sequence: int
) -> tuple[Invitation, ...]:
    result = []
    people = recipients(session, meeting, snapshot.lang)
    # Named by the person and the meeting ("Әбенов Әсет-3-2026-03-14.ics"), namesakes apart.
    names = unique_names(
        person_file_name(
            r.name,
            ".ics",
            number=meeting.number,
            day=meeting.meeting_date,
            fallback=str(r.person_id),
        )
        for r in people
    )
    for recipient, file_name in zip(people, names, strict=True):
        data = invitation_ics(snapshot, recipient, stamp=stamp, sequence=sequence)
        result.append(
            Invitation(
                recipient.person_id,
                recipient.name,
                recipient.email,
                file_name,
                data,
                hashlib.sha256(data).hexdigest(),
            )
        )
    return tuple(result)


def invitations(
    db: Database, meeting_id: int, lang: str, *, stamp: datetime | None = None
) -> tuple[Invitation, ...]:
    """Every person's invitation, without recording a notification (a preview)."""
    check_language(lang)
    moment = stamp if stamp is not None else datetime.now(UTC)
    with db.reading() as session:
        meeting = load_meeting(session, meeting_id)
        snapshot = build_notice(session, meeting, lang)
        return make_invitations(session, meeting, snapshot, stamp=moment, sequence=0)


def save_files(folder: Path, files: Iterable[tuple[str, bytes]]) -> tuple[Path, ...]:
    """Write each (file name, bytes) of a notice into ``folder``: the notice PDF and the
    ``.ics`` invitations. Each file is written whole or not at all (a temporary file
    beside it, synced and renamed), so a full disk never leaves a torn PDF or a half
    invitation that a calendar would read wrongly. Raises the :class:`OSError` of the
    first file that cannot be written; the files before it are complete.
    """
    written = []
    for file_name, data in files:
        # The names are Kenes's own ("Әбенов Әсет-3-2026-03-14.ics"); keep them in the folder.
        target = Path(folder) / Path(file_name).name
        atomic.write_bytes(target, data)
        written.append(target)
    return tuple(written)
