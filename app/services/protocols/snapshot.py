"""Assemble a protocol from the meeting record, in one language.

Everything but the narrative (what was heard and said) comes from the record
and cannot drift from it: the composition on the meeting date, attendance,
invited persons, the agenda, decision points with their frozen results,
instructions and dissenting opinions.  Where a text is missing in the
protocol's language, another language fills in and the gap is listed, so the
secretary sees before issuing what still needs translating.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.composition import Role
from app.domain.council import pick
from app.domain.protocol import (
    DecisionLine,
    DissentLine,
    InstructionLine,
    InvitedLine,
    ItemSection,
    PersonLine,
    ProtocolSnapshot,
    RollCall,
    SignatureBlock,
    VoteRow,
)
from app.domain.regulation import Signers
from app.domain.voting import Choice
from app.formatting import format_time, legal_date
from app.i18n import translations
from app.models.composition import Council, Person
from app.models.protocol import Protocol, ProtocolNarrative
from app.services.conduct.queries import LiveMeeting, MemberLine, PointLine, live_meeting_in
from app.services.councils import info as council_info
from app.services.people import PersonInfo, person_info
from app.services.protocols.labels import (
    CHOICE_WORDS,
    LANGUAGE_NAMES,
    ROLE_IN_PROTOCOL,
    SIGNER_ROLES,
    labels,
)


@dataclass
class _Gaps:
    """Texts that fell back to another language."""

    t: gettext.NullTranslations
    lang: str
    found: list[str] = field(default_factory=list)

    def pick(self, texts: dict[str, str], what: str) -> str:
        if (not texts.get(self.lang) and any(texts.values())) or not any(texts.values()):
            self.found.append(what)
        return pick(texts, self.lang)


def _person_name(people: dict[int, PersonInfo], person_id: int | None, lang: str) -> str:
    if person_id is None or person_id not in people:
        return ""
    return people[person_id].full_name(lang)


def build_snapshot(session: Session, protocol: Protocol, lang: str) -> ProtocolSnapshot:
    """The protocol in ``lang`` as it stands now (a draft), or as it will be frozen at signing."""
    t = translations(lang)
    gaps = _Gaps(t, lang)
    live = live_meeting_in(session, protocol.meeting_id)
    council_row = session.get(Council, live.meeting.council_id)
    assert council_row is not None
    council = council_info(council_row)
    people = {p.id: person_info(p) for p in session.scalars(select(Person))}
    words = labels(t)
    narratives = {
        (n.item_id, n.lang): n
        for n in session.scalars(
            select(ProtocolNarrative).where(ProtocolNarrative.protocol_id == protocol.id)
        )
    }

    council_name = gaps.pick(council.names, t.gettext("Name of the council"))
    city = gaps.pick(
        {k: getattr(protocol, f"city_{k}") for k in ("kk", "ru", "en")}, t.gettext("City")
    )
    meeting = live.meeting
    times = format_time(meeting.starts_at, lang)
    if meeting.ends_at is not None:
        times += "–" + format_time(meeting.ends_at, lang)
    place = gaps.pick(meeting.places, t.gettext("Place"))
    presiding_name = live.presiding.full_name(lang) if live.presiding else ""
    presiding_member = live.member(live.presiding.id) if live.presiding else None
    presiding_position = _position(presiding_member, lang)
    presiding = t.gettext("Presiding: {name}").format(
        name=", ".join(p for p in (presiding_name, presiding_position) if p)
    )

    present, absent = _attendance_lines(live, lang, t)
    voting_total = sum(1 for m in live.members if m.voting)
    present_voting = (
        len(live.items[0].present & {m.person.id for m in live.members if m.voting})
        if live.items
        else sum(1 for m in live.members if m.voting and m.attendance and m.attendance.present)
    )
    present_count = t.ngettext(
        "{present} of {total} member of the council with a vote present",
        "{present} of {total} members of the council with a vote present",
        voting_total,
    ).format(present=present_voting, total=voting_total)
    quorum = live.items[0].quorum.explain(t) if live.items else ""

    invited = tuple(
        InvitedLine(
            name=i.display_name(lang),
            position=gaps.pick(i.positions, i.display_name(lang))
            if any(i.positions.values())
            else "",
            organisation=pick(i.organisations, lang),
            instead_of=t.gettext("attended instead of {name}").format(
                name=_person_name(people, i.instead_of_person_id, lang)
            )
            if i.instead_of_person_id
            else "",
        )
        for i in live.invited
    )

    agenda = []
    sections = []
    roll_calls = []
    dissents = []
    for item_line in live.items:
        number = item_line.index + 1
        title = gaps.pick(
            item_line.item.titles, t.gettext("Title of item {number}").format(number=number)
        )
        agenda.append(title)  # the renderers number the agenda
        narrative = narratives.get((item_line.item.id, lang))
        if narrative is None and any(
            (item_line.item.id, other) in narratives for other in ("kk", "ru", "en")
        ):
            gaps.found.append(t.gettext("Narrative of item {number}").format(number=number))
            narrative = next(
                narratives[(item_line.item.id, o)]
                for o in ("kk", "ru", "en")
                if (item_line.item.id, o) in narratives
            )
        heard = tuple(
            ", ".join(
                p for p in (s.display_name(lang), s.position(lang), s.organisation(lang)) if p
            )
            for s in item_line.item.speakers
        )
        decisions = []
        for point in item_line.points:
            decision_number = f"{number}.{point.decision.number}"
            decisions.append(_decision_line(point, decision_number, lang, t, gaps, people, words))
            if point.decision.mode == "roll_call":
                roll_calls.append(
                    _roll_call(point, number, decision_number, lang, t, gaps, live, people)
                )
            else:
                roll_calls.append(
                    RollCall(number, decision_number, pick(point.decision.texts, lang), (), True)
                )
            for opinion in point.dissents:
                dissents.append(
                    DissentLine(
                        decision_number,
                        _person_name(people, opinion.person_id, lang),
                        opinion.text,
                        t.gettext(LANGUAGE_NAMES.get(opinion.language, "")),
                        legal_date(opinion.received_on, lang),
                    )
                )
        sections.append(
            ItemSection(
                number=number,
                title=title,
                heard=heard,
                heard_summary=narrative.heard if narrative else "",
                spoke=tuple(
                    line.strip()
                    for line in (narrative.spoke if narrative else "").splitlines()
                    if line.strip()
                ),
                spoke_summary=narrative.discussion if narrative else "",
                decisions=tuple(decisions),
            )
        )

    signatures = [
        SignatureBlock(
            t.gettext(SIGNER_ROLES["presiding"]),
            live.presiding.short_name(lang) if live.presiding else "",
        )
    ]
    if live.profile.signers is Signers.PRESIDING_AND_SECRETARY:
        secretary = next((m for m in live.members if m.role is Role.SECRETARY), None)
        signatures.append(
            SignatureBlock(
                t.gettext(SIGNER_ROLES["secretary"]),
                secretary.person.short_name(lang) if secretary else "",
            )
        )

    recommendations = ""
    if live.profile.recommendations_only:
        source = live.profile.source("recommendations")
        recommendations = t.gettext("The decisions of the council are recommendations.")
        if source:
            recommendations = recommendations[:-1] + f" ({source})."
    revision_note = ""
    if protocol.revision > 1 and protocol.replaces_id is not None:
        replaced = session.get(Protocol, protocol.replaces_id)
        revision_note = t.gettext(
            "Revision {revision}: replaces the protocol signed on {date}. Reason: {reason}"
        ).format(
            revision=protocol.revision,
            date=legal_date(replaced.signed_on, lang) if replaced and replaced.signed_on else "",
            reason=protocol.revision_reason,
        )

    return ProtocolSnapshot(
        lang=lang,
        labels=words,
        council_name=council_name,
        title=f"{words['protocol']} № {protocol.number}",
        number=protocol.number,
        city=city,
        date_text=legal_date(meeting.day, lang),
        time_text=times,
        place=place,
        presiding=presiding,
        present=present,
        present_count=present_count,
        quorum=quorum,
        invited=invited,
        absent=absent,
        agenda=tuple(agenda),
        items=tuple(sections),
        roll_calls=tuple(roll_calls),
        dissents=tuple(dissents),
        signatures=tuple(signatures),
        recommendations_note=recommendations,
        revision_note=revision_note,
        gaps=tuple(dict.fromkeys(gaps.found)),
    )


def _position(member: MemberLine | None, lang: str) -> str:
    if member is None or member.position is None:
        return ""
    return member.position.title(lang)


def _attendance_lines(
    live: LiveMeeting, lang: str, t: gettext.NullTranslations
) -> tuple[tuple[PersonLine, ...], tuple[PersonLine, ...]]:
    present = []
    absent = []
    count = len(live.items)
    for member in live.members:
        role = t.gettext(ROLE_IN_PROTOCOL[member.role]) if ROLE_IN_PROTOCOL[member.role] else ""
        record = member.attendance
        name = member.person.full_name(lang)
        position = _position(member, lang)
        if record is not None and record.present:
            notes = []
            if record.arrived_before_item is not None and record.arrived_before_item > 0:
                notes.append(
                    t.gettext("arrived before item {number}").format(
                        number=record.arrived_before_item + 1
                    )
                )
            if record.left_after_item is not None and record.left_after_item < count - 1:
                notes.append(
                    t.gettext("left after item {number}").format(number=record.left_after_item + 1)
                )
            present.append(PersonLine(name, position, role, "; ".join(notes)))
        else:
            reason = record.absence_reason if record is not None else ""
            absent.append(PersonLine(name, position, role, reason))
    return tuple(present), tuple(absent)


def _decision_line(
    point: PointLine,
    number: str,
    lang: str,
    t: gettext.NullTranslations,
    gaps: _Gaps,
    people: dict[int, PersonInfo],
    words: dict[str, str],
) -> DecisionLine:
    text = gaps.pick(point.decision.texts, t.gettext("Decision {number}").format(number=number))
    result = point.result
    if result is None:
        counts = (0, 0, 0, 0)
        sentence = t.gettext("The vote was not recorded.")
        adopted = False
    else:
        counts = (result.for_, result.against, result.abstained, result.did_not_vote)
        sentence = result.explain(t)
        adopted = result.adopted
    if not point.closed:
        sentence += " " + t.gettext("(The voting is not closed.)")
    instructions = tuple(
        InstructionLine(
            number=f"{number}.{i.number}",
            text=gaps.pick(
                i.texts, t.gettext("Instruction {number}").format(number=f"{number}.{i.number}")
            ),
            executor=_person_name(people, i.executor_person_id, lang) or pick(i.executors, lang),
            deadline=legal_date(i.deadline, lang) if i.deadline else "",
            completion_form=pick(i.completion_forms, lang),
        )
        for i in point.instructions
    )
    mentions = tuple(
        t.gettext("{name} stated a dissenting opinion (see annex 2).").format(
            name=_person_name(people, d.person_id, lang)
        )
        for d in point.dissents
    )
    return DecisionLine(
        number, text, adopted, counts, sentence, instructions, mentions, point.without_quorum
    )


def _roll_call(
    point: PointLine,
    item_number: int,
    number: str,
    lang: str,
    t: gettext.NullTranslations,
    gaps: _Gaps,
    live: LiveMeeting,
    people: dict[int, PersonInfo],
) -> RollCall:
    rows = []
    for member in live.members:
        if member.person.id not in point.entitled:
            continue
        choice = point.ballots.get(member.person.id, Choice.DID_NOT_VOTE)
        rows.append(
            VoteRow(
                member.person.full_name(lang),
                t.gettext(CHOICE_WORDS[choice]),
                member.person.id == live.meeting.presiding_person_id,
            )
        )
    return RollCall(item_number, number, pick(point.decision.texts, lang), tuple(rows))
