"""Names of the files Kenes writes, so a folder says what each file holds.

A secretary saves a notice, an agenda or a protocol into a folder shared with
Word documents and scans; "notice-2026-3-kk.pdf" says little there, and
"Хабарлама-3-2026-03-14-kk.pdf" says what it is, which meeting and which
language.  The word for the kind of document is the document's own language,
not the interface's: a Russian protocol is "Протокол-…" even when the
interface is in Kazakh, so the word is data here, not a translated message.

Every name is safe on Windows (the strictest file system our users have):
the characters ``<>:"/\\|?*`` and control characters are removed, trailing dots
and spaces dropped, the device names (CON, NUL, COM1…) avoided and the length
kept under the usual 255-character limit.

Examples::

    >>> from datetime import date
    >>> document_file_name(DocumentKind.PROTOCOL, 1, date(2026, 3, 14), "kk")
    'Хаттама-1-2026-03-14-kk.pdf'
    >>> document_file_name(DocumentKind.NOTICE, 3, date(2026, 3, 14), "ru")
    'Уведомление-3-2026-03-14-ru.pdf'
    >>> person_file_name("Әбенов Әсет", ".ics", number=3, day=date(2026, 3, 14))
    'Әбенов Әсет-3-2026-03-14.ics'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from enum import StrEnum


class DocumentKind(StrEnum):
    """The documents Kenes issues as files."""

    PROTOCOL = "protocol"
    NOTICE = "notice"
    AGENDA = "agenda"
    PACKET = "packet"  # the agenda packet: the notice and every material


# The word that starts a file name, in the language of the document.
KIND_WORDS: dict[DocumentKind, dict[str, str]] = {
    DocumentKind.PROTOCOL: {"kk": "Хаттама", "ru": "Протокол", "en": "Protocol"},
    DocumentKind.NOTICE: {"kk": "Хабарлама", "ru": "Уведомление", "en": "Notice"},
    DocumentKind.AGENDA: {"kk": "Күн тәртібі", "ru": "Повестка", "en": "Agenda"},
    DocumentKind.PACKET: {"kk": "Материалдар", "ru": "Материалы", "en": "Materials"},
}

# Characters Windows refuses in a file name (besides control characters).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
# Names Windows reserves for devices, with or without an extension.
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
# Most file systems allow 255 characters in a name; keep a margin for " (2)".
MAX_STEM = 200


def safe_part(text: str, fallback: str = "file") -> str:
    """``text`` made usable in a file name on Windows, macOS and Linux.

    Unsafe characters are dropped, runs of white space become one space,
    leading and trailing dots and spaces go; an empty result or a device
    name gives ``fallback`` (itself assumed safe).
    """
    cleaned = _UNSAFE.sub("", unicodedata.normalize("NFC", str(text)))
    cleaned = _SPACES.sub(" ", cleaned).strip(" .")
    cleaned = cleaned[:MAX_STEM].rstrip(" .")
    if not cleaned or cleaned.split(".")[0].upper() in _RESERVED:
        return fallback
    return cleaned


def _suffix(suffix: str) -> str:
    part = safe_part(suffix.lstrip("."), "")
    return f".{part}" if part else ""


def document_file_name(
    kind: DocumentKind, number: int | str, day: date, lang: str, suffix: str = ".pdf"
) -> str:
    """The name of a meeting's document: kind word, number, date, language.

    The date is ISO (year first) so the files of a council sort by date in any
    file manager; the number is the meeting's (or the protocol's) own, which
    may hold letters ("3-К"); an unknown language falls back to English words.
    """
    word = KIND_WORDS[kind].get(lang, KIND_WORDS[kind]["en"])
    number_part = safe_part(str(number).replace(" ", "-"), "")
    parts = [word, number_part, day.isoformat(), safe_part(lang, "")]
    stem = "-".join(p for p in parts if p)
    return f"{safe_part(stem)}{_suffix(suffix)}"


def person_file_name(
    name: str,
    suffix: str,
    *,
    number: int | str | None = None,
    day: date | None = None,
    fallback: str = "file",
) -> str:
    """A file named after a person, e.g. a calendar invitation: "Әбенов Әсет-3-2026-03-14.ics".

    The meeting's number and date, when given, keep the invitations of two
    meetings saved into one folder from replacing each other.
    """
    parts = [safe_part(name, fallback)]
    if number is not None:
        parts.append(safe_part(str(number).replace(" ", "-"), ""))
    if day is not None:
        parts.append(day.isoformat())
    stem = "-".join(p for p in parts if p)
    return f"{safe_part(stem, fallback)}{_suffix(suffix)}"


def unique_names(names: Iterable[str]) -> list[str]:
    """``names`` with repeats told apart: "Name.ics", "Name (2).ics", in order.

    Two members may share a name; their invitations must not overwrite each
    other in one folder.  Compared without case, as Windows and macOS do.
    """
    seen: set[str] = set()
    result = []
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem:
            stem, ext = name, ""
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})"
        seen.add(candidate.casefold())
        result.append(candidate)
    return result
