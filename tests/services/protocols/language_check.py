"""Reading an issued protocol back as a reader would: its text, and words in another language.

A Russian protocol must not print Kazakh words, a Kazakh one Russian words,
an English one Cyrillic; proper names are the exception, so the checks strip
the names of the people in the record, organisation names in quotation marks
and the members' own dissenting opinions (annexed in the language they were
written in) before looking.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import docx
from pypdf import PdfReader

KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
LATIN_WORD = re.compile(r"\b[A-Za-z][A-Za-z'’-]*\b")
QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»|\"[^\"]*\"|“[^”]*”")
# Russian words no Kazakh sentence contains (whole words, case-insensitive).
RUSSIAN_ONLY = re.compile(
    r"\b(?:и|в|на|по|от|для|или|что|который|решение|принято|заседани\w*|присутств\w*|"
    r"голос(?:а|ов)?|против|воздерж\w*|пункт\w*|положени\w*)\b",
    re.IGNORECASE,
)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def squash(text: str) -> str:
    """Lines joined and spaces (no-break ones too) made single: text as a reader sees it."""
    return " ".join(text.replace("\u00a0", " ").split())


def strip_allowed(text: str, names: Iterable[str], own_texts: Iterable[str]) -> str:
    """The text without proper names, quoted names and the members' own words."""
    flat = squash(text)
    for own in sorted({squash(t) for t in own_texts if t.strip()}, key=len, reverse=True):
        flat = flat.replace(own, " ")
    flat = QUOTED.sub(" ", flat)
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        # The name as written, or declined («Әлімжановой», «Нұржана»): its stem and an ending.
        stem = name[:-1] if len(name) > 4 else name
        flat = re.sub(rf"(?<!\w){re.escape(stem)}\w{{0,3}}(?!\w)", " ", flat)
    return flat


def key(text: str) -> str:
    """The text without spaces and hyphens: found the same however the lines broke."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def foreign_words(text: str, lang: str) -> list[str]:
    """Words of another language than ``lang`` (after :func:`strip_allowed`)."""
    words = text.split()
    if lang == "en":
        return [w for w in words if CYRILLIC.search(w)]
    latin = [w for w in LATIN_WORD.findall(text) if not (w.isupper() and len(w) <= 5)]
    if lang == "ru":
        return [w for w in words if KAZAKH_LETTERS.search(w)] + latin
    return RUSSIAN_ONLY.findall(text) + latin
