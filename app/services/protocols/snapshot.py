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
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.absence import absence_text
from app.domain.citation import cite
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
    VoteRow,
)
from app.domain.russian_names import full_name_genitive
from app.domain.translation import GN_, _, gendered
from app.domain.voting import Choice
from app.domain.wording import place_without_city, position_in_sentence
from app.formatting import (
    date_on,
    deadline_date,
    format_time,
    kazakh_numeral_possessive,
    legal_date_plain,
)
from app.i18n import translations
from app.models.composition import Council, Person
from app.models.protocol import Protocol, ProtocolNarrative
from app.services.conduct.queries import LiveMeeting, MemberLine, PointLine, live_meeting_in
from app.services.councils import info as council_info
from app.services.meetings.common import SpeakerInfo
from app.services.people import PersonInfo, person_info
from app.services.protocols.form import annex_labels, draft_date, signature_blocks
from app.services.protocols.item_attendance import item_attendance, presence_note
from app.services.protocols.labels import (
    CHOICE_WORDS,
    LANGUAGE_NAMES,
    ROLE_IN_PROTOCOL,
    labels,
)
from app.services.protocols.legal_basis import legal_basis_line


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


# Russian: «выразил особое мнение» / «выразила» agree with the member (never «выразил(а)»).
DISSENT_STATED = GN_("{name} stated a dissenting opinion (see annex 2).")


# No substitution takes place: the deputy is an invited person, listed, without a vote.
ON_BEHALF_OF = GN_("attended on behalf of the absent member {name}, without a vote")


def _text(gaps: _Gaps, texts: dict[str, str], what: str) -> str:
    """An optional text in the protocol's language; a gap only where another language has it."""
    return gaps.pick(texts, what) if any(texts.values()) else ""


def _position_of(speaker: SpeakerInfo, lang: str) -> str:
    return _("Position of {name}").format(name=speaker.display_name(lang))


def _organisation_of(speaker: SpeakerInfo, lang: str) -> str:
    return _("Organisation of {name}").format(name=speaker.display_name(lang))


def _gender(people: dict[int, PersonInfo], person_id: int | None) -> str:
    return people[person_id].gender if person_id is not None and person_id in people else ""


def _name_genitive(people: dict[int, PersonInfo], person_id: int | None, lang: str) -> str:
    """The name as "on behalf of ..." needs it: the genitive in Russian, as written elsewhere."""
    if lang != "ru" or person_id is None or person_id not in people:
        return _person_name(people, person_id, lang)
    p = people[person_id]
    return full_name_genitive(p.surname, p.given_name, p.patronymic, p.gender)


def _person_name(people: dict[int, PersonInfo], person_id: int | None, lang: str) -> str:
    if person_id is None or person_id not in people:
        return ""
    return people[person_id].full_name(lang)


@dataclass
class _Parts:
    """What one protocol is assembled from, in its language; the gaps found on the way."""

    live: LiveMeeting
    lang: str
    t: gettext.NullTranslations
    gaps: _Gaps
    people: dict[int, PersonInfo]
    words: dict[str, str]
    narratives: dict[tuple[int, str], ProtocolNarrative]


@dataclass
class _Items:
    """The agenda and its items as the protocol lists them."""

    agenda: list[str] = field(default_factory=list)
    sections: list[ItemSection] = field(default_factory=list)
    roll_calls: list[RollCall] = field(default_factory=list)
    dissents: list[DissentLine] = field(default_factory=list)


def build_snapshot(session: Session, protocol: Protocol, lang: str) -> ProtocolSnapshot:
    """The protocol in ``lang`` as it stands now (a draft), or as it will be frozen at signing."""
    t = translations(lang)
    live = live_meeting_in(session, protocol.meeting_id)
    council_row = session.get(Council, live.meeting.council_id)
    assert council_row is not None
    council = council_info(council_row)
    parts = _Parts(
        live,
        lang,
        t,
        _Gaps(t, lang),
        {p.id: person_info(p) for p in session.scalars(select(Person))},
        labels(t),
        {
            (n.item_id, n.lang): n
            for n in session.scalars(
                select(ProtocolNarrative).where(ProtocolNarrative.protocol_id == protocol.id)
            )
        },
    )
    gaps = parts.gaps
    # What is missing is named in the interface language: the secretary reads it.
    council_name = gaps.pick(council.names, _("Name of the council"))
    city = gaps.pick({k: getattr(protocol, f"city_{k}") for k in ("kk", "ru", "en")}, _("City"))
    meeting = live.meeting
    times = format_time(meeting.starts_at, lang)
    if meeting.ends_at is not None:
        times += "–" + format_time(meeting.ends_at, lang)
    place = place_without_city(gaps.pick(meeting.places, _("Place")), city)  # city said once
    present, absent = _attendance_lines(live, lang, t)
    _note_member_gaps(parts)
    invited = _invited_lines(parts)
    items = _items(parts)
    return ProtocolSnapshot(
        lang=lang,
        labels=annex_labels(parts.words, protocol.number, meeting.day, lang),
        document_date=draft_date(meeting.day, meeting.starts_at),
        council_name=council_name,
        title=t.gettext("MINUTES No. {number}").format(number=protocol.number),
        number=protocol.number,
        city=city,
        date_text=legal_date_plain(meeting.day, lang),
        time_text=times,
        place=place,
        presiding=_presiding(live, lang, t),
        present=present,
        present_count=_present_count(live, lang, t),
        quorum=live.items[0].quorum.statement(t) if live.items else "",
        invited=invited,
        absent=absent,
        agenda=tuple(items.agenda),
        items=tuple(items.sections),
        roll_calls=tuple(items.roll_calls),
        dissents=tuple(items.dissents),
        signatures=tuple(signature_blocks(live, lang, t)),
        recommendations_note=_recommendations(live, t),
        legal_basis=legal_basis_line(live.profile.act, lang, t),
        revision_note=_revision_note(session, protocol, lang, t),
        gaps=tuple(dict.fromkeys(gaps.found)),
    )


def _presiding(live: LiveMeeting, lang: str, t: gettext.NullTranslations) -> str:
    """ "Presiding: name, position" (the position as a sentence writes it)."""
    presiding_name = live.presiding.full_name(lang) if live.presiding else ""
    presiding_member = live.member(live.presiding.id) if live.presiding else None
    presiding_position = _position(presiding_member, lang)
    return t.gettext("Presiding: {name}").format(
        name=", ".join(p for p in (presiding_name, presiding_position) if p)
    )


def _note_member_gaps(parts: _Parts) -> None:
    """The members' absence reasons and positions missing in the protocol's language."""
    lang, t, gaps = parts.lang, parts.t, parts.gaps
    for member in parts.live.members:
        record = member.attendance
        if (
            record is not None
            and not record.present
            and absence_text(record.absence_kind, record.absence_reasons, lang, t)[1]
        ):
            gaps.found.append(
                _("Reason of absence of {name}").format(name=member.person.initials_name(lang))
            )
        if member.position is not None:  # the list of members names each one's position
            _text(
                gaps,
                member.position.titles,
                _("Position of {name}").format(name=member.person.initials_name(lang)),
            )


def _present_count(live: LiveMeeting, lang: str, t: gettext.NullTranslations) -> str:
    """How many members with a vote were present, of how many."""
    voting_total = sum(1 for m in live.members if m.voting)
    present_voting = (
        len(live.items[0].present & {m.person.id for m in live.members if m.voting})
        if live.items
        else sum(1 for m in live.members if m.voting and m.attendance and m.attendance.present)
    )
    # Kazakh: «15 мүшенің 14-і қатысты», the count of those present takes the possessive.
    return t.ngettext(
        "{present} of {total} member of the council with a vote was present",
        "{present} of {total} members of the council with a vote were present",
        voting_total,
    ).format(
        present=kazakh_numeral_possessive(present_voting) if lang == "kk" else present_voting,
        total=voting_total,
    )


def _invited_lines(parts: _Parts) -> tuple[InvitedLine, ...]:
    lang, t, gaps, people = parts.lang, parts.t, parts.gaps, parts.people
    return tuple(
        InvitedLine(
            name=i.display_name(lang),
            position=position_in_sentence(
                gaps.pick(i.positions, _("Position of {name}").format(name=i.display_name(lang))),
                lang,
            )
            if any(i.positions.values())
            else "",
            organisation=pick(i.organisations, lang),
            instead_of=gendered(ON_BEHALF_OF, _gender(people, i.person_id), t).format(
                name=_name_genitive(people, i.instead_of_person_id, lang)
            )
            if i.instead_of_person_id
            else "",
        )
        for i in parts.live.invited
    )


def _items(parts: _Parts) -> _Items:
    """Every item: its title in the agenda, its section, roll calls and opinions."""
    lang, t, gaps, narratives = parts.lang, parts.t, parts.gaps, parts.narratives
    found = _Items()
    item_changes = item_attendance(parts.live, lang, t)
    for item_line in parts.live.items:
        number = item_line.index + 1
        title = gaps.pick(item_line.item.titles, _("Title of item {number}").format(number=number))
        found.agenda.append(title)  # the renderers number the agenda
        narrative = narratives.get((item_line.item.id, lang))
        if narrative is None and any(
            (item_line.item.id, other) in narratives for other in ("kk", "ru", "en")
        ):
            gaps.found.append(_("Narrative of item {number}").format(number=number))
            narrative = next(
                narratives[(item_line.item.id, o)]
                for o in ("kk", "ru", "en")
                if (item_line.item.id, o) in narratives
            )
        heard = tuple(
            ", ".join(
                p
                for p in (
                    s.display_name(lang),
                    position_in_sentence(_text(gaps, s.positions, _position_of(s, lang)), lang),
                    _text(gaps, s.organisations, _organisation_of(s, lang)),
                )
                if p
            )
            for s in item_line.item.speakers
        )
        decisions = _points(parts, item_line.points, number, found)
        found.sections.append(
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
                attendance_notes=item_changes[item_line.index].notes,
                quorum_note=item_changes[item_line.index].quorum_note,
            )
        )
    return found


def _points(
    parts: _Parts, points: Sequence[PointLine], number: int, found: _Items
) -> list[DecisionLine]:
    """The decisions of item ``number``; their roll calls and opinions go to ``found``."""
    lang, t, gaps, people = parts.lang, parts.t, parts.gaps, parts.people
    decisions = []
    for point in points:
        decision_number = f"{number}.{point.decision.number}"
        decisions.append(_decision_line(point, decision_number, lang, t, gaps, people, parts.words))
        if point.decision.mode == "roll_call":
            found.roll_calls.append(
                _roll_call(point, number, decision_number, lang, t, gaps, parts.live, people)
            )
        else:
            found.roll_calls.append(
                RollCall(number, decision_number, pick(point.decision.texts, lang), (), True)
            )
        for opinion in point.dissents:
            found.dissents.append(
                DissentLine(
                    decision_number,
                    _person_name(people, opinion.person_id, lang),
                    opinion.text,
                    t.gettext(LANGUAGE_NAMES.get(opinion.language, "")),
                    date_on(opinion.received_on, lang),
                )
            )
    return decisions


def _recommendations(live: LiveMeeting, t: gettext.NullTranslations) -> str:
    """The sentence that the council's decisions are recommendations, where its act says so."""
    if not live.profile.recommendations_only:
        return ""
    sentence = t.gettext("The decisions of the council are recommendations.")
    return (
        cite(t, sentence.rstrip("."), live.profile.source("recommendations"), live.profile.act_kind)
        + "."
    )


def _revision_note(
    session: Session, protocol: Protocol, lang: str, t: gettext.NullTranslations
) -> str:
    """A new revision names the protocol it replaces and why."""
    if protocol.revision <= 1 or protocol.replaces_id is None:
        return ""
    replaced = session.get(Protocol, protocol.replaces_id)
    return t.gettext(
        "Revision {revision}: replaces the protocol signed on {date}. Reason: {reason}"
    ).format(
        revision=protocol.revision,
        date=date_on(replaced.signed_on, lang) if replaced and replaced.signed_on else "",
        reason=protocol.revision_reason,
    )


def _position(member: MemberLine | None, lang: str) -> str:
    """The member's position as the protocol writes it after the name («..., министр ...»)."""
    if member is None or member.position is None:
        return ""
    return position_in_sentence(member.position.title(lang), lang)


def _attendance_lines(
    live: LiveMeeting, lang: str, t: gettext.NullTranslations
) -> tuple[tuple[PersonLine, ...], tuple[PersonLine, ...]]:
    present = []
    absent = []
    count = len(live.items)
    for member in live.members:
        role = (
            position_in_sentence(t.gettext(ROLE_IN_PROTOCOL[member.role]), lang)
            if ROLE_IN_PROTOCOL[member.role]
            else ""
        )
        record = member.attendance
        name = member.person.full_name(lang)
        position = _position(member, lang)
        if record is not None and record.present:
            # The items attended; each item tells of the arrival or departure (item_attendance).
            present.append(PersonLine(name, position, role, presence_note(member, count, t)))
        else:
            reason = (
                absence_text(record.absence_kind, record.absence_reasons, lang, t)[0]
                if record is not None
                else ""
            )
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
    text = gaps.pick(point.decision.texts, _("Text of decision {number}").format(number=number))
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
                i.texts, _("Text of instruction {number}").format(number=f"{number}.{i.number}")
            ),
            executor=_person_name(people, i.executor_person_id, lang)
            or _text(
                gaps,
                i.executors,
                _("Responsible executor of instruction {number}").format(
                    number=f"{number}.{i.number}"
                ),
            ),
            deadline=deadline_date(i.deadline, lang, wrap=True) if i.deadline else "",
            completion_form=_text(
                gaps,
                i.completion_forms,
                _("Form of completion of instruction {number}").format(
                    number=f"{number}.{i.number}"
                ),
            ),
        )
        for i in point.instructions
    )
    mentions = tuple(
        gendered(DISSENT_STATED, _gender(people, d.person_id), t).format(
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
