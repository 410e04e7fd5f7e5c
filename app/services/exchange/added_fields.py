"""Fields added to exchange format version 1 later, filled in for files written before them.

A file without ``people.gender`` gets the gender the patronymic tells; a file
without ``attendance.absence_kind`` has its single ``absence_reason`` text read
as a listed reason or as "other" in the language its letters show (the same
rules as migration 0007 applies to a database); a file without ``acts.title_kk``
and its siblings has the single ``title`` filed under the language its letters show
(as migration 0009 does).
"""

from __future__ import annotations

from typing import Any

from app.domain.absence import OTHER, classify_reason, language_of
from app.domain.gender import gender_from_patronymic


def fill_added_fields(table: str, row: Any) -> None:
    """Complete ``row``, just filled from a record of ``table``, where a field was absent."""
    if table == "people":
        if not row.gender:
            row.gender = gender_from_patronymic(row.patronymic or "")
    elif table == "acts":
        titles = [getattr(row, f"title_{lang}") for lang in ("kk", "ru", "en")]
        if not any(titles) and (row.title or "").strip():
            setattr(row, f"title_{language_of(row.title) or 'ru'}", row.title)
    elif table == "attendance":
        if row.present:
            row.absence_kind = ""
        elif not row.absence_kind and (row.absence_reason or "").strip():
            kind, texts = classify_reason(row.absence_reason)
            row.absence_kind = kind
            if kind == OTHER and not any(
                getattr(row, f"absence_reason_{lang}") for lang in ("kk", "ru", "en")
            ):
                for lang, text in texts.items():
                    setattr(row, f"absence_reason_{lang}", text)


__all__ = ["fill_added_fields"]
