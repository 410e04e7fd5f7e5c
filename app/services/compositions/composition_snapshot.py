"""Gather a council's composition on a day as the plain data the PDF list renders.

The heading puts the council's name in the genitive where Kenes can
(:mod:`app.domain.genitive`), the edition note names the act of the
composition's latest edition, and every seat becomes one line in the annex's
form ("<position>, <role> (by agreement)"); :mod:`app.reports.composition_pdf`
lays them out and neither reads the database nor translates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app import i18n
from app.domain.composition import ROLE_LABELS, Role, SeatKind
from app.domain.genitive import council_genitive
from app.domain.translation import N_
from app.formatting import legal_date, short_date
from app.models.composition import Act, Seat
from app.models.database import Database
from app.services.base import check_date
from app.services.composition_check import council_seats
from app.services.compositions.common import check_lang
from app.services.councils import CouncilInfo, get_council
from app.services.people import PersonInfo, PositionInfo
from app.services.seats import CompositionLine, composition

if TYPE_CHECKING:  # ReportLab is imported when a list is made, not when Kenes starts
    from app.reports.composition_pdf import CompositionEntry, CompositionSnapshot

BY_AGREEMENT = N_("by agreement")  # printed in brackets after a seat, as the seed does


def composition_snapshot(
    db: Database, council_id: int, on: date, lang: str, heading: str | None = None
) -> CompositionSnapshot:
    """The composition on ``on`` as plain data in ``lang``, ready for the PDF.

    ``heading`` replaces the generated heading (e.g. when the council's name
    needs a grammatical form Kenes cannot derive).
    """
    from app.reports.composition_pdf import CompositionSnapshot

    check_lang(lang)
    day = check_date(on, N_("Date"))
    assert day is not None
    t = i18n.translations(lang)
    council = get_council(db, council_id)
    lines = composition(db, council_id, day)
    return CompositionSnapshot(
        lang=lang,
        council_name=council.name(lang),
        heading=heading.strip() if heading and heading.strip() else _heading(council, lang),
        edition_note=_edition_note(db, council_id, day, lang),
        on=day,
        date_line=t.gettext(N_("As of {date}")).format(date=legal_date(day, lang)),
        entries=tuple(_entry(line, lang) for line in lines),
        vacant_label=t.gettext(N_("vacant")),
    )


def _heading(council: CouncilInfo, lang: str) -> str:
    t = i18n.translations(lang)
    genitive = council_genitive(council.names.get(lang, ""), lang)
    if genitive is not None:
        return t.gettext(N_("Composition of the {council}")).format(council=genitive)
    return t.gettext(N_("Composition: {council}")).format(council=council.name(lang))


def _edition_act(session: Session, seats: Sequence[Seat], on: date) -> Act | None:
    valid = [
        s
        for s in seats
        if s.valid_from <= on and (s.valid_to is None or on <= s.valid_to) and s.act_id is not None
    ]
    if not valid:
        return None
    latest = max(s.valid_from for s in valid)
    acts = Counter(s.act_id for s in valid if s.valid_from == latest)
    act_id = max(acts, key=lambda a: (acts[a], a or 0))
    return session.get(Act, act_id) if act_id else None


def _edition_note(db: Database, council_id: int, on: date, lang: str) -> str:
    t = i18n.translations(lang)
    with db.reading() as session:
        act = _edition_act(session, council_seats(session, council_id), on)
        if act is None:
            return ""
        # The title in the list's language only: a Russian list never prints a Kazakh title.
        parts = [getattr(act, f"title_{lang}")]
        if act.act_date:
            parts.append(short_date(act.act_date, lang))
        if act.number:
            parts.append(t.gettext(N_("No. {number}")).format(number=act.number))
        reference = " ".join(p for p in parts if p)
    if not reference:
        return ""
    return t.gettext(N_("Note. The composition as amended by {act}.")).format(act=reference)


def _entry(line: CompositionLine, lang: str) -> CompositionEntry:
    from app.reports.composition_pdf import CompositionEntry

    t = i18n.translations(lang)
    seat = line.seat
    title = _position_line(line.position, lang)
    role = t.gettext(ROLE_LABELS[seat.role]) if seat.role is not Role.MEMBER else ""
    agreement = f" ({t.gettext(BY_AGREEMENT)})" if seat.by_agreement else ""
    person = line.person
    name = person.full_name(lang) if person else ""
    position_text = ", ".join(p for p in (title, role) if p) + agreement if title else ""
    if seat.kind is SeatKind.PERSONAL or not title:
        listed = f"{name} – {title}" if title else name
        text = ", ".join(p for p in (listed, role) if p) + agreement
    else:
        text = position_text
    table_text = position_text or (t.gettext(ROLE_LABELS[seat.role]) + agreement)
    return CompositionEntry(
        text=text,
        role=seat.role.value,
        by_agreement=seat.by_agreement,
        person=name,
        person_lines=_person_lines(person, lang),
        table_text=table_text,
    )


def _position_line(position: PositionInfo | None, lang: str) -> str:
    if position is None:
        return ""
    title = position.title(lang)
    organisation = position.organisation(lang)
    if organisation and organisation not in title:
        return f"{title}, {organisation}"
    return title


def _person_lines(person: PersonInfo | None, lang: str) -> tuple[str, ...]:
    if person is None:
        return ()
    if lang == "en" and person.latin_name:
        return (person.latin_name,)
    rest = " ".join(p for p in (person.given_name, person.patronymic) if p)
    return (person.surname, rest) if rest else (person.surname,)
