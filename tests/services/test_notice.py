"""The agenda notice, read back from the PDF in kk, ru and en; the invitations, parsed back."""

from __future__ import annotations

import io
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from app import i18n
from app.domain.errors import DomainError
from app.domain.meeting import INSTRUCTIONS_REPORT_TITLES, MeetingState
from app.domain.regulation import AI_COUNCIL_881
from app.models.database import Database
from app.reports.agenda_notice_pdf import render
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.agenda.common import ItemData
from app.services.meeting_queries import list_meetings
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.notify_members import notify_members
from app.services.notice import file_size, invitations, notice_snapshot
from tests.services.meeting_helpers import (
    AT,
    ME,
    World,
    make_world,
    material_file,
    plan,
)

AI = AI_COUNCIL_881.profile.with_changes(max_deputy_chairs=1)
ALMATY = ZoneInfo("Asia/Almaty")
CONCEPT = {
    "kk": "Жасанды интеллектіні дамыту тұжырымдамасы туралы",
    "ru": "О концепции развития искусственного интеллекта",
    "en": "On the concept for the development of artificial intelligence",
}
LABELS = (
    "Notice of a meeting",
    "Date",
    "Time",
    "Place",
    "Presiding",
    "Agenda",
    "Speakers",
    "Responsible body",
    "Materials",
)
# What only the document in that language says (data, dates, names).
EXPECTED = {
    "kk": [
        "Жасанды интеллектіні дамыту жөніндегі кеңес",
        "2026 жылғы 15 сәуір",
        "Астана қ., Үкімет үйі, 3-зал",
        "Әбенов Нұрлан",
        "Цифрлық даму министрлігі",
    ],
    "ru": [
        "Совет по развитию искусственного интеллекта",
        "15 апреля 2026 года",
        "г. Астана, Дом Правительства, зал 3",
        "Әбенов Нұрлан",
        "Министерство цифрового развития",
    ],
    "en": [
        "Council for the development of artificial intelligence",
        "15 April 2026",
        "Astana, Government House, hall 3",
        "Nurlan Abenov",
        "Ministry of Digital Development",
    ],
}


def meeting_with_agenda(database: Database, tmp_path: Path) -> tuple[World, int]:
    world = make_world(database, AI)
    meeting_id = plan(database, world, number=2)
    change = add_item(
        database,
        ME,
        meeting_id,
        ItemData(
            title_kk=CONCEPT["kk"],
            title_ru=CONCEPT["ru"],
            title_en=CONCEPT["en"],
            responsible_kk="Цифрлық даму министрлігі",
            responsible_ru="Министерство цифрового развития",
            responsible_en="Ministry of Digital Development",
        ),
    )
    assert change.item_id is not None
    add_speaker(
        database,
        ME,
        change.item_id,
        SpeakerData(
            person_id=world.deputy,
            position_kk="министр",
            position_ru="министр",
            position_en="Minister",
        ),
    )
    add_speaker(database, ME, change.item_id, SpeakerData(name="Jane Smith", organisation_en="IDC"))
    attach_material(
        database, ME, change.item_id, material_file(tmp_path, "reference.pdf", b"%PDF-" * 50_000)
    )
    return world, meeting_id


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """The text with line breaks as spaces, so a wrapped title still reads as one."""
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_notice_reads_back_in_each_language(
    database: Database, tmp_path: Path, lang: str
) -> None:
    _world, meeting_id = meeting_with_agenda(database, tmp_path)
    snapshot = notice_snapshot(database, meeting_id, lang)
    data = render(snapshot)
    text = flat(pdf_text(data))
    t = i18n.translations(lang)
    for label in LABELS:
        assert t.gettext(label) in text, label
    for expected in EXPECTED[lang]:
        assert expected in text, expected
    assert snapshot.meeting_line in text and snapshot.meeting_line.endswith("2")
    assert "10:00–12:00" in text
    assert f"1. {INSTRUCTIONS_REPORT_TITLES[lang]}" in text
    assert f"2. {CONCEPT[lang]}" in text
    assert "Jane Smith" in text and "reference.pdf" in text
    assert file_size(250_000, lang) in text
    others = [other for other in EXPECTED if other != lang]
    for other in others:
        assert EXPECTED[other][0] not in text
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == snapshot.title


def test_the_same_snapshot_gives_the_same_bytes(database: Database, tmp_path: Path) -> None:
    _world, meeting_id = meeting_with_agenda(database, tmp_path)
    first = render(notice_snapshot(database, meeting_id, "kk"))
    assert render(notice_snapshot(database, meeting_id, "kk")) == first
    assert render(notice_snapshot(database, meeting_id, "ru")) != first


def test_the_fonts_are_embedded_dejavu(database: Database, tmp_path: Path) -> None:
    _world, meeting_id = meeting_with_agenda(database, tmp_path)
    reader = PdfReader(io.BytesIO(render(notice_snapshot(database, meeting_id, "kk"))))
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert fonts and all("LiberationSerif" in name or "Kenes" in name for name in fonts), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_a_long_agenda_numbers_the_later_pages(database: Database) -> None:
    world = make_world(database, AI)
    meeting_id = plan(database, world)
    for number in range(2, 41):
        add_item(database, ME, meeting_id, ItemData(title_ru=f"Вопрос о проекте номер {number}"))
    data = render(notice_snapshot(database, meeting_id, "ru"))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert reader.pages[0].extract_text().split()[0] != "1"  # the first page has no number
    assert reader.pages[1].extract_text().split()[0] == "2"
    assert "40. Вопрос о проекте номер 40" in flat(pdf_text(data))


def test_a_notice_without_materials_says_so(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    text = flat(pdf_text(render(notice_snapshot(database, meeting_id, "en"))))
    assert "No materials have been attached to the agenda." in text


def test_documents_only_in_kk_ru_en(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world)
    with pytest.raises(DomainError, match="Kazakh, Russian or English"):
        notice_snapshot(database, meeting_id, "fr")


def test_sizes_for_people() -> None:
    assert file_size(100, "en") == "1 KB"
    assert file_size(250_000, "en") == "244 KB"
    assert file_size(3_400_000, "en") == "3.2 MB"
    assert file_size(3_400_000, "ru") == i18n.translations("ru").gettext("{size} MB").format(
        size="3,2"
    )


# -- the invitations --------------------------------------------------------------------


def event_of(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert len(calendar.walk("VTIMEZONE")) == 1
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_each_member_gets_an_invitation_that_parses_back(
    database: Database, tmp_path: Path
) -> None:
    world, meeting_id = meeting_with_agenda(database, tmp_path)
    approve_agenda(database, ME, meeting_id, at=AT)
    done = notify_members(database, ME, meeting_id, "ru", at=AT)
    by_person = {i.person_id: i for i in done.invitations}
    chair = event_of(by_person[world.chair].data)
    start = chair.decoded("DTSTART")
    assert start == datetime(2026, 4, 15, 10, 0, tzinfo=ALMATY)
    assert isinstance(start.tzinfo, ZoneInfo) and start.tzinfo.key == "Asia/Almaty"
    assert chair.decoded("DTEND") == datetime(2026, 4, 15, 12, 0, tzinfo=ALMATY)
    assert chair.decoded("DTSTAMP") == AT
    line = notice_snapshot(database, meeting_id, "ru").meeting_line
    assert line == i18n.translations("ru").gettext("{kind} No. {number}").format(
        kind=i18n.translations("ru").gettext("Regular meeting"), number=2
    )
    assert str(chair["SUMMARY"]) == f"{line}: Совет по развитию искусственного интеллекта"
    assert chair["SUMMARY"].params["LANGUAGE"] == "ru"
    assert str(chair["LOCATION"]) == "г. Астана, Дом Правительства, зал 3"
    assert str(chair["UID"]) == f"{done.meeting.uid}@kenes"
    attendee = chair["ATTENDEE"]
    assert str(attendee) == "mailto:abenov@example.kz"
    assert attendee.params["CN"] == "Әбенов Нұрлан"
    assert attendee.params["ROLE"] == "CHAIR"
    description = str(chair["DESCRIPTION"])
    assert INSTRUCTIONS_REPORT_TITLES["ru"] in description
    assert CONCEPT["ru"] in description and "reference.pdf" in description
    member = event_of(by_person[world.members[0]].data)
    assert member["ATTENDEE"].params["ROLE"] == "REQ-PARTICIPANT"
    assert str(member["ATTENDEE"]).startswith("urn:uuid:")  # no e-mail in the register


def test_invitations_are_previewed_without_recording(database: Database, tmp_path: Path) -> None:
    world, meeting_id = meeting_with_agenda(database, tmp_path)
    first = invitations(database, meeting_id, "en", stamp=AT)
    assert invitations(database, meeting_id, "en", stamp=AT) == first
    deputy = next(i for i in first if i.person_id == world.deputy)
    event = event_of(deputy.data)
    assert event["ATTENDEE"].params["CN"] == "Aigerim Zhaksylykova"
    assert "Regular meeting No. 2" in str(event["SUMMARY"])


def test_a_meeting_without_an_end_has_no_dtend(database: Database) -> None:
    world = make_world(database)
    meeting_id = plan(database, world, ends_at=None, starts_at=time(9, 30))
    event = event_of(invitations(database, meeting_id, "kk", stamp=AT)[0].data)
    assert event.decoded("DTSTART") == datetime(2026, 4, 15, 9, 30, tzinfo=ALMATY)
    assert "DTEND" not in event
    assert list_meetings(database)[0].meeting.state is MeetingState.PLANNED  # only a preview
