"""The form of an official protocol: who signs it, how its annexes are headed, its date.

Signature blocks.  The profile says who signs (``Signers``): the presiding person,
or the presiding person and the secretary.  Practice adds the secretary where the
profile does not ask for it: in Kazakh records practice the secretary who keeps
the record and draws up the protocol signs it under the chair ("Хатшы" /
"Секретарь"), which attests the record without making the secretary a signer of
the decisions.  So a council with a secretary in its composition on the meeting
date, who attended the meeting, has the secretary's line too; a secretary who was
absent did not keep this record, and no line is printed for them (unless the
profile asks for the secretary's signature, which the signing then records).

A block reads as the end of official minutes does: the role ("Chair" where the
chair presided, "Presiding" otherwise; "Secretary"), the signer's position under it,
and the name with the initials first, "Н. С. Әбенов", on the right.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime, time

from app.domain.composition import Role
from app.domain.protocol import SignatureBlock
from app.domain.regulation import Signers
from app.formatting import legal_date
from app.services.conduct.queries import LiveMeeting, MemberLine
from app.services.people import PersonInfo
from app.services.protocols.labels import SIGNER_ROLES

NBSP = "\u00a0"


def initials_first(person: PersonInfo, lang: str) -> str:
    """ "Н. С. Әбенов" (no-break spaces: it never breaks); "A. Serikbayev" from a Latin name.

    An initial is the first letter of each part of a given name or patronymic
    ("Мария-Анна" gives "М.-А."); a Kazakh patronymic written apart ("Серік ұлы")
    gives one initial, of the father's name.
    """
    if lang != "en" or not person.latin_name:
        # Names per language, where the person record has them (their initials first).
        per_language = getattr(person, "initials_name", None)
        if per_language is not None and _has_names_by_language(person):
            return NBSP.join(str(per_language(lang)).split())
    if lang == "en" and person.latin_name:
        words = person.latin_name.split()
        if len(words) < 2:
            return person.latin_name
        *given, surname = words
        return NBSP.join([*(_initial(word) for word in given), surname])
    parts = (person.given_name, person.patronymic)
    initials = [_initial(part.split()[0]) for part in parts if part.strip()]
    return NBSP.join([*initials, person.surname]).strip(NBSP)


def _has_names_by_language(person: PersonInfo) -> bool:
    """Whether the person record keeps names per language (then its own initials are used)."""
    return any(hasattr(person, f"surname_{code}") for code in ("kk", "ru", "en"))


def _initial(word: str) -> str:
    return "-".join(f"{part[:1].upper()}." for part in word.split("-") if part)


def _position(member: MemberLine | None, lang: str) -> str:
    if member is None or member.position is None:
        return ""
    return member.position.title(lang)


def _attended(member: MemberLine) -> bool:
    return member.attendance is not None and bool(member.attendance.present)


def signature_blocks(
    live: LiveMeeting, lang: str, t: gettext.NullTranslations
) -> tuple[SignatureBlock, ...]:
    """The presiding person's block, and the secretary's where the profile or practice has one."""
    blocks = []
    presiding_id = live.presiding.id if live.presiding else None
    if live.presiding is not None:
        member = live.member(live.presiding.id)
        chair = member is not None and member.role is Role.CHAIR
        role = SIGNER_ROLES["chair" if chair else "presiding"]
        blocks.append(
            SignatureBlock(
                t.gettext(role), initials_first(live.presiding, lang), _position(member, lang)
            )
        )
    else:
        blocks.append(SignatureBlock(t.gettext(SIGNER_ROLES["presiding"]), ""))
    required = live.profile.signers is Signers.PRESIDING_AND_SECRETARY
    secretary = next((m for m in live.members if m.role is Role.SECRETARY), None)
    if secretary is not None and secretary.person.id == presiding_id:
        return tuple(blocks)  # the secretary presided: one block
    if required or (secretary is not None and _attended(secretary)):
        blocks.append(
            SignatureBlock(
                t.gettext(SIGNER_ROLES["secretary"]),
                initials_first(secretary.person, lang) if secretary else "",
                _position(secretary, lang),
            )
        )
    return tuple(blocks)


ANNEX_HEADING = "annex_heading"


def annex_labels(words: dict[str, str], number: str, day: date, lang: str) -> dict[str, str]:
    """The labels with the annex heading's protocol number and date filled in.

    "Annex {annex} to Minutes No. 3 of 22 November 2026": the renderer numbers the
    annexes.  The Kazakh date is the attributive form, before the noun
    («2026 жылғы 22 қарашадағы № 3 хаттамаға 1-қосымша»).
    """
    heading = words.get(ANNEX_HEADING, "")
    if not heading:
        return words
    filled = heading.replace("{number}", number).replace("{date}", legal_date(day, lang))
    filled = filled.replace("№ ", "№" + NBSP).replace("No. ", "No." + NBSP)  # "№ 3": one line
    return {**words, ANNEX_HEADING: filled}


def draft_date(day: date, starts_at: time | None) -> str:
    """The document date of a draft: the meeting's day and start (local time), ISO 8601."""
    return datetime.combine(day, starts_at or time(0, 0)).isoformat()
