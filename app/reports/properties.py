"""The document properties of a protocol, the same in its PDF and its DOCX.

Title (the protocol, the council, the date), author (the council), subject (the
agenda), keywords, language, and the creation date: the snapshot's
``document_date`` (the signing time of an issued protocol, the meeting's day of a
draft), so the same snapshot gives the same bytes without claiming that the
document was made on 1 January 2000.  A snapshot made before it had no date: it
keeps ReportLab's invariant date.

A DOCX working copy also carries the protocol's identity as custom properties
(:data:`IDENTITY_KEYS`), so ``kenes protocol verify`` can say which protocol it is
an editable copy of.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.protocol import ProtocolSnapshot
from app.reports.official_page import PRODUCER

LANGUAGE_TAGS = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}
SUBJECT_LIMIT = 1000  # characters of the agenda in the subject

# Custom properties of a DOCX working copy (names as Word shows them).
IDENTITY_PROTOCOL = "Kenes protocol"  # the protocol's number
IDENTITY_REVISION = "Kenes revision"
IDENTITY_LANGUAGE = "Kenes language"  # kk, ru, en
IDENTITY_SNAPSHOT = "Kenes snapshot SHA-256"  # the snapshot the copy was made from
IDENTITY_STATE = "Kenes state"  # draft, agreed, signed, copies_sent
IDENTITY_KEYS = (
    IDENTITY_PROTOCOL,
    IDENTITY_REVISION,
    IDENTITY_LANGUAGE,
    IDENTITY_SNAPSHOT,
    IDENTITY_STATE,
)


@dataclass(frozen=True)
class DocumentProperties:
    title: str
    author: str
    subject: str
    keywords: str
    language: str  # a BCP 47 tag: kk-KZ, ru-RU, en-GB
    created: datetime | None  # None: no date in the snapshot
    producer: str = PRODUCER


def _plain(text: str) -> str:
    """One line, the no-break spaces of dates as spaces (metadata is searched, not set)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def created_of(snapshot: ProtocolSnapshot) -> datetime | None:
    """The snapshot's ``document_date`` as a datetime (a day: its midnight), or None."""
    text = getattr(snapshot, "document_date", "")
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return datetime(day.year, day.month, day.day)


def properties_of(snapshot: ProtocolSnapshot, number_line: str) -> DocumentProperties:
    """The properties of the protocol's documents; ``number_line``: "Protocol No. 3"."""
    council = _plain(snapshot.council_name)
    number = _plain(number_line)
    day = _plain(snapshot.date_text)
    title = " – ".join(part for part in (number, council, day) if part)
    subject = _plain("; ".join(snapshot.agenda))
    if len(subject) > SUBJECT_LIMIT:
        subject = subject[: SUBJECT_LIMIT - 1].rstrip() + "…"
    keywords = "; ".join(part for part in (number, council, day, _plain(snapshot.city)) if part)
    return DocumentProperties(
        title=title,
        author=council or PRODUCER,
        subject=subject or number,
        keywords=keywords,
        language=LANGUAGE_TAGS.get(snapshot.lang, snapshot.lang),
        created=created_of(snapshot),
    )


def pdf_date(moment: datetime) -> str:
    """A PDF date string: ``D:20261204101500+05'00'`` (no offset for a local time)."""
    text = moment.strftime("D:%Y%m%d%H%M%S")
    offset = moment.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    if minutes == 0:
        return text + "Z"
    return f"{text}{sign}{minutes // 60:02d}'{minutes % 60:02d}'"
