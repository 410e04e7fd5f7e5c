"""Release notes: what changed in a version, in Kazakh, Russian and English.

One small JSON file per version, ``resources/release-notes/<version>.json``, shipped
inside the installed bundle; the first start after an upgrade shows it once
(``app.views.release_notes``).  The file holds a title and the text in each language::

    {"kk": {"title": "...", "text": "..."}, "ru": {...}, "en": {...}}

A missing or malformed file means there is nothing to tell, never an error at start-up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class ReleaseNote:
    """One language's title and text (paragraphs separated by blank lines)."""

    title: str
    text: str


def notes_file(folder: Path, version: str) -> Path:
    """The file of ``version``'s notes in ``folder``."""
    return folder / f"{version}.json"


def read_release_notes(path: Path) -> dict[str, ReleaseNote] | None:
    """The notes in every language, or None when the file is missing or incomplete.

    Every language must be there: a user never reads the notes in another language
    than the interface's.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    notes: dict[str, ReleaseNote] = {}
    for lang in LANGUAGES:
        entry = data.get(lang)
        if not isinstance(entry, dict):
            return None
        title, text = entry.get("title"), entry.get("text")
        if not isinstance(title, str) or not isinstance(text, str):
            return None
        if not title.strip() or not text.strip():
            return None
        notes[lang] = ReleaseNote(title.strip(), text.strip())
    return notes
