"""The demo council's held meeting: votes (one a tie), a dissent, and a signed protocol.

Built through the same services a secretary uses, so a newcomer sees the
whole path on first start: plan, agenda, approval, notification, attendance
without substitution, roll-call votes, the presiding member's casting vote,
a dissenting opinion, the protocol agreed, signed and sent.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select

from app.domain.absence import BUSINESS_TRIP
from app.domain.meeting import MeetingKind
from app.domain.voting import Choice
from app.models.database import Database
from app.models.meeting import Meeting
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.common import ItemData
from app.services.base import Actor
from app.services.conduct.attendance import record_attendance
from app.services.conduct.decisions import InstructionData, add_decision_point, add_instruction
from app.services.conduct.dissent import add_dissent
from app.services.conduct.invited import InvitedData, InvitedRole, add_invited_person
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.close_meeting import close_meeting
from app.services.meetings.common import MeetingData
from app.services.meetings.mark_held import mark_held
from app.services.meetings.notify_members import notify_members
from app.services.meetings.plan_meeting import plan_meeting
from app.services.protocols.actions import (
    Narrative,
    ProtocolDetails,
    Signing,
    create_protocol,
    mark_agreed,
    mark_copies_sent,
    record_agreement,
    record_copy,
    set_narrative,
    sign_protocol,
    update_protocol,
)
from app.services.seats import composition

DAY = date(2024, 3, 14)
ITEMS = (
    (
        "Инновациялық кластерді 2024–2026 жылдарға дамыту жоспары туралы",
        "О плане развития инновационного кластера на 2024–2026 годы",
        "On the development plan of the innovation cluster for 2024–2026",
    ),
    (
        "Жасанды интеллект зертханасын қаржыландыру туралы",
        "О финансировании лаборатории искусственного интеллекта",
        "On the funding of the artificial intelligence laboratory",
    ),
    (
        "Қамқоршылық кеңестің 2024 жылға арналған жұмыс жоспары туралы",
        "О плане работы попечительского совета на 2024 год",
        "On the work plan of the supervisory board for 2024",
    ),
)
DECISIONS = (
    (
        "Инновациялық кластерді дамыту жоспары бекітілсін.",
        "Утвердить план развития инновационного кластера.",
        "Approve the development plan of the innovation cluster.",
    ),
    (
        "Зертхананы 2024 жылы қаржыландыру мақұлдансын.",
        "Одобрить финансирование лаборатории в 2024 году.",
        "Approve the funding of the laboratory in 2024.",
    ),
    (
        "Кеңестің 2024 жылға арналған жұмыс жоспары бекітілсін.",
        "Утвердить план работы совета на 2024 год.",
        "Approve the council's work plan for 2024.",
    ),
)


def has_demo_meeting(db: Database) -> bool:
    with db.reading() as session:
        return (
            session.scalar(
                select(Meeting.id).where(Meeting.council_id == 1, Meeting.meeting_date == DAY)
            )
            is not None
        )


def _record_demo_attendance(
    db: Database, actor: Actor, meeting_id: int, members: list[int], absent: int
) -> None:
    """Every member present but one, away on a business trip."""
    for person in members:
        record_attendance(
            db,
            actor,
            meeting_id,
            person,
            person != absent,
            absence_kind=BUSINESS_TRIP if person == absent else "",
        )


def _cast_demo_ballots(db: Database, actor: Actor, points: list[int], present: list[int]) -> None:
    """11–3 on the first point, 7–7 decided by the chair on the second, all for on the third."""
    for person in present[:11]:
        cast_ballot(db, actor, points[0], person, Choice.FOR)
    for person in present[11:]:
        cast_ballot(db, actor, points[0], person, Choice.AGAINST)
    for person in present[:7]:  # the chair presides and votes for: 7–7, the chair decides
        cast_ballot(db, actor, points[1], person, Choice.FOR)
    for person in present[7:]:
        cast_ballot(db, actor, points[1], person, Choice.AGAINST)
    for person in present:
        cast_ballot(db, actor, points[2], person, Choice.FOR)


def _add_demo_instruction(db: Database, actor: Actor, point_id: int) -> None:
    """The instruction of the first decision: an action plan, by a date."""
    add_instruction(
        db,
        actor,
        point_id,
        InstructionData(
            texts={
                "kk": "Жоспарды іске асыру жөніндегі іс-шаралар жоспарын әзірлеу.",
                "ru": "Разработать план мероприятий по реализации плана.",
                "en": "Draft the action plan for implementing the plan.",
            },
            executors={
                "kk": "«Инновациялық технологиялар паркі» ДКҚ",
                "ru": "АКФ «Парк инновационных технологий»",
                "en": "“Innovative Technologies Park” fund",
            },
            deadline=date(2024, 6, 1),
            completion_forms={
                "kk": "Кеңеске ақпарат",
                "ru": "Информация в Совет",
                "en": "Information to the board",
            },
        ),
    )


def create_demo_meeting(db: Database, actor: Actor) -> bool:
    """Hold the demo meeting and sign its protocol, unless it exists; True if created."""
    if has_demo_meeting(db):
        return False
    council_id = 1
    members = [line.person.id for line in composition(db, council_id, DAY) if line.person]
    planned = plan_meeting(
        db,
        actor,
        council_id,
        MeetingData(
            kind=MeetingKind.REGULAR,
            day=DAY,
            starts_at=time(10, 0),
            ends_at=time(11, 30),
            place_kk="Астана қ., Үкімет үйі, 3-зал",
            place_ru="г. Астана, Дом Правительства, зал 3",
            place_en="Astana, Government House, hall 3",
            number=1,
        ),
    )
    meeting_id = planned.meeting.id
    items = []
    for kk, ru, en in ITEMS:
        change = add_item(db, actor, meeting_id, ItemData(title_kk=kk, title_ru=ru, title_en=en))
        assert change.item_id is not None
        items.append(change.item_id)
    add_speaker(db, actor, items[0], SpeakerData(person_id=members[1]))
    approve_agenda(db, actor, meeting_id, at=datetime(2024, 2, 26, 6, 0, tzinfo=UTC))
    notify_members(db, actor, meeting_id, "kk", at=datetime(2024, 2, 27, 6, 0, tzinfo=UTC))
    absent = members[13]
    _record_demo_attendance(db, actor, meeting_id, members, absent)
    add_invited_person(
        db,
        actor,
        meeting_id,
        InvitedData(
            InvitedRole.SUBSTITUTE,
            name="Серікбаев Алмас Ерланұлы",
            latin_name="Almas Serikbayev",
            positions={
                "kk": "Басқарушы директордың орынбасары",
                "ru": "Заместитель управляющего директора",
                "en": "Deputy Managing Director",
            },
            instead_of_person_id=absent,
        ),
    )
    points = [
        add_decision_point(db, actor, item, {"kk": kk, "ru": ru, "en": en})
        for item, (kk, ru, en) in zip(items, DECISIONS, strict=True)
    ]
    present = [p for p in members if p != absent]  # 14 members with a vote
    _cast_demo_ballots(db, actor, [p.id for p in points], present)
    _add_demo_instruction(db, actor, points[0].id)
    for point in points:
        close_voting(db, actor, point.id)
    add_dissent(
        db,
        actor,
        points[1].id,
        present[9],
        "Зертхананы қаржыландыру көзі айқындалмаған, сондықтан шешімге қарсымын.",
        "kk",
        date(2024, 3, 15),
    )
    mark_held(db, actor, meeting_id, today=DAY)
    _write_demo_protocol(db, actor, meeting_id, items, members)
    close_meeting(db, actor, meeting_id)
    return True


def _write_demo_protocol(
    db: Database, actor: Actor, meeting_id: int, items: list[int], members: list[int]
) -> None:
    """The protocol: written, agreed, signed on paper and sent to every member."""
    protocol = create_protocol(db, actor, meeting_id)
    update_protocol(
        db,
        actor,
        protocol.id,
        ProtocolDetails("1", {"kk": "Астана қ.", "ru": "г. Астана", "en": "Astana"}, "kk"),
    )
    heard = {
        "kk": "Цифрлық даму министрінің баяндамасы тыңдалды.",
        "ru": "Заслушан доклад министра цифрового развития.",
        "en": "The report of the Minister of Digital Development was heard.",
    }
    for item in items:
        for lang, text in heard.items():
            set_narrative(db, actor, protocol.id, item, lang, Narrative(heard=text))
    record_agreement(db, actor, protocol.id, "Цифрлық даму министрлігі", date(2024, 3, 18))
    mark_agreed(db, actor, protocol.id)
    sign_protocol(db, actor, protocol.id, Signing(date(2024, 3, 20), "paper", ("kk", "ru", "en")))
    for person in members:
        record_copy(db, actor, protocol.id, date(2024, 3, 22), person_id=person, channel="email")
    mark_copies_sent(db, actor, protocol.id)
