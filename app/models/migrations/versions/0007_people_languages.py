"""People and attendance in every language: gender, absence reasons per language.

Revision ID: 0007_people_languages
Revises: 0006_search
Create Date: 2026-12-04

Hand-written.

* ``people.gender`` ("male", "female", "unknown"): Russian verbs in a protocol
  agree with it.  Existing people get the gender their patronymic tells
  (-ұлы/-улы/-ович/-евич/-ич male, -қызы/-кызы/-овна/-евна/-ична female),
  otherwise "unknown".
* ``attendance.absence_kind`` and ``absence_reason_kk/ru/en``: a reason from the
  translated list (business trip, illness, vacation, family circumstances) or
  "other" with a text per language.  An existing reason is read once: a text
  naming a listed reason becomes that kind, any other text becomes "other" in
  the language its letters show (Kazakh letters: kk, other Cyrillic: ru, Latin:
  en).  ``absence_reason`` keeps the text as it was.

The rules are copied here (not imported from ``app.domain``): a migration never
imports application code that may change later.  Columns are added with
``ADD COLUMN`` so no table is rebuilt (the search triggers stay in place).
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0007_people_languages"
down_revision = "0006_search"
branch_labels = None
depends_on = None

_MALE = ("ұлы", "улы", "uly", "ovich", "evich", "ович", "евич", "ич")
_FEMALE = ("қызы", "кызы", "kyzy", "ovna", "evna", "овна", "евна", "ична", "инична")
_KINDS = (
    ("business_trip", ("іссапар", "командир", "business trip", "mission")),
    ("illness", ("ауру", "науқас", "болезн", "болен", "больнич", "ill", "sick")),
    ("vacation", ("демалыс", "отпуск", "vacation", "holiday", "leave")),
    ("family", ("отбасы", "семейн", "family")),
)


def _gender(patronymic: str | None) -> str:
    words = (patronymic or "").strip().lower().replace("ё", "е").split()
    if not words:
        return "unknown"
    word = words[-1].strip(".,;")
    if word.endswith(_FEMALE):
        return "female"
    if word.endswith(_MALE):
        return "male"
    return "unknown"


def _language(text: str) -> str:
    if re.search("[әғқңөұүһі]", text, re.IGNORECASE):
        return "kk"
    if re.search("[а-яё]", text, re.IGNORECASE):
        return "ru"
    return "en" if re.search("[a-z]", text, re.IGNORECASE) else "ru"


def _reason(text: str | None) -> tuple[str, str, str]:
    """(kind, language, text) of an old reason; ("", "", "") when there is none."""
    clean = (text or "").strip()
    if not clean:
        return "", "", ""
    lower = clean.lower()
    for kind, words in _KINDS:
        if len(lower) <= 40 and any(w in lower for w in words):
            return kind, "", ""
    return "other", _language(clean), clean


def _add(table: str, column: sa.Column[object], existing: set[str]) -> None:
    """Add ``column`` unless it is there already (a database re-run from an older revision)."""
    if column.name not in existing:
        op.add_column(table, column)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    people_columns = {c["name"] for c in inspector.get_columns("people")}
    attendance_columns = {c["name"] for c in inspector.get_columns("attendance")}
    _add(
        "people",
        sa.Column("gender", sa.String(16), nullable=False, server_default="unknown"),
        people_columns,
    )
    _add(
        "attendance",
        sa.Column("absence_kind", sa.String(32), nullable=False, server_default=""),
        attendance_columns,
    )
    for lang in ("kk", "ru", "en"):
        _add(
            "attendance",
            sa.Column(f"absence_reason_{lang}", sa.Text(), nullable=False, server_default=""),
            attendance_columns,
        )
    people = bind.execute(
        sa.text("SELECT id, patronymic FROM people WHERE gender = 'unknown'")
    ).all()
    for person_id, patronymic in people:
        gender = _gender(patronymic)
        if gender != "unknown":
            bind.execute(
                sa.text("UPDATE people SET gender = :g WHERE id = :id"),
                {"g": gender, "id": person_id},
            )
    rows = bind.execute(
        sa.text(
            "SELECT id, absence_reason FROM attendance "
            "WHERE absence_reason != '' AND absence_kind = ''"
        )
    ).all()
    for row_id, text in rows:
        kind, lang, own = _reason(text)
        if not kind:
            continue
        values = {"kind": kind, "id": row_id, "kk": "", "ru": "", "en": ""}
        if lang:
            values[lang] = own
        bind.execute(
            sa.text(
                "UPDATE attendance SET absence_kind = :kind, absence_reason_kk = :kk, "
                "absence_reason_ru = :ru, absence_reason_en = :en WHERE id = :id"
            ),
            values,
        )


def downgrade() -> None:
    with op.batch_alter_table("attendance") as batch:
        for column in ("absence_reason_en", "absence_reason_ru", "absence_reason_kk"):
            batch.drop_column(column)
        batch.drop_column("absence_kind")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("gender")
