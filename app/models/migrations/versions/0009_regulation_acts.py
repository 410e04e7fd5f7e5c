"""Regulation profiles name their act; rules cite a paragraph of it, not the seed shorthand.

Revision ID: 0009_regulation_acts
Revises: 0008_record_completeness
Create Date: 2026-12-04

Hand-written data migration.  Profiles stored before this revision say where a rule
comes from in the project's internal shorthand ("000 §15": seed file 000, paragraph
15), which documents printed as it stood.  Each council's profile now:

* keeps only the paragraph in ``sources`` and in each deadline's ``source`` ("15");
* gains ``act``, the act of the seed its sources named (the two presets' Regulations,
  approved by Government decree No. 690 and Presidential decree No. 881), when every
  source names the same seed and the profile has no act yet.

The acts behind composition changes gain a title per language (``title_kk``,
``title_ru``, ``title_en``): a Russian composition list printed a Kazakh act title.  An
existing title is filed under the language its letters show (Kazakh letters: kk; other
Cyrillic: ru; Latin: en); ``title`` keeps the text as first entered.

Every other value of a profile, including one a user edited, stays as it was.  Frozen
results of closed votes are never touched: they keep their shorthand, and the
renderer cites its paragraph (``app.domain.citation.paragraph_of``).  The acts are
copied here because a migration never imports application code that may change.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009_regulation_acts"
down_revision = "0008_record_completeness"
branch_labels = None
depends_on = None

DEADLINE_FIELDS = (
    "materials_deadline",
    "materials_deadline_interim",
    "protocol_draft_deadline",
    "protocol_draft_deadline_interim",
    "copies_deadline",
)
LEGACY = re.compile(r"^\s*(\d{3})\s*§\s*(\d+(?:\.\d+)?)\s*$")
PARAGRAPH = re.compile(r"^\d+(?:\.\d+)?$")

ACTS: dict[str, dict[str, Any]] = {
    "000": {
        "kind": "regulation",
        "titles": {
            "kk": "«Инновациялық технологиялар паркі» инновациялық кластерінің қамқоршылық "
            "кеңесі туралы ереже",
            "ru": "Положение о попечительском совете инновационного кластера "
            "«Парк инновационных технологий»",
            "en": "Regulation on the supervisory board of the “Innovative Technologies Park” "
            "innovation cluster",
        },
        "issuers": {
            "kk": "Қазақстан Республикасы Үкіметінің",
            "ru": "Правительства Республики Казахстан",
            "en": "the Government of the Republic of Kazakhstan",
        },
        "instruments": {"kk": "қаулысымен", "ru": "постановлением", "en": "Decree"},
        "number": "690",
        "approved_on": "2017-10-31",
    },
    "004": {
        "kind": "regulation",
        "titles": {
            "kk": "Жасанды интеллектіні дамыту жөніндегі кеңес туралы ереже",
            "ru": "Положение о Совете по развитию искусственного интеллекта",
            "en": "Regulation on the Council for the Development of Artificial Intelligence",
        },
        "issuers": {
            "kk": "Қазақстан Республикасы Президентінің",
            "ru": "Президента Республики Казахстан",
            "en": "the President of the Republic of Kazakhstan",
        },
        "instruments": {"kk": "Жарлығымен", "ru": "Указом", "en": "Decree"},
        "number": "881",
        "approved_on": "2025-05-19",
    },
}


def paragraph(source: object) -> tuple[str, str]:
    """(seed, paragraph) of a stored source; ("", "") when it names no paragraph."""
    text = str(source or "").strip()
    if PARAGRAPH.match(text):
        return "", text
    legacy = LEGACY.match(text)
    return (legacy.group(1), legacy.group(2)) if legacy else ("", "")


def migrate_profile(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile with paragraphs for sources and its act named (see the module's text)."""
    result = dict(profile)
    seeds: set[str] = set()
    sources = {}
    for rule, source in (profile.get("sources") or {}).items():
        seed, number = paragraph(source)
        seeds.add(seed)
        if number:
            sources[rule] = number
    result["sources"] = sources
    for name in DEADLINE_FIELDS:
        deadline = profile.get(name)
        if isinstance(deadline, dict):
            seed, number = paragraph(deadline.get("source"))
            seeds.add(seed)
            result[name] = {**deadline, "source": number}
    named = seeds - {""}
    if not result.get("act") and len(named) == 1:
        result["act"] = ACTS.get(named.pop())
    return result


KAZAKH = re.compile("[әғқңөұүһі]", re.IGNORECASE)
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN = re.compile("[a-z]", re.IGNORECASE)


def language_of(text: str) -> str:
    if KAZAKH.search(text):
        return "kk"
    if CYRILLIC.search(text):
        return "ru"
    return "en" if LATIN.search(text) else ""


def upgrade() -> None:
    # Skip a column that is there already: a database re-run from an older revision.
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("acts")}
    for lang in ("kk", "ru", "en"):
        if f"title_{lang}" not in existing:
            op.add_column(
                "acts", sa.Column(f"title_{lang}", sa.Text(), nullable=False, server_default="")
            )
    bind = op.get_bind()
    acts = sa.table(
        "acts",
        sa.column("id", sa.Integer),
        sa.column("title", sa.Text),
        *(sa.column(f"title_{lang}", sa.Text) for lang in ("kk", "ru", "en")),
    )
    untitled = (acts.c.title_kk == "") & (acts.c.title_ru == "") & (acts.c.title_en == "")
    for act_id, title in bind.execute(sa.select(acts.c.id, acts.c.title).where(untitled)).all():
        lang = language_of(title or "")
        if lang:
            bind.execute(acts.update().where(acts.c.id == act_id).values({f"title_{lang}": title}))
    councils = sa.table("councils", sa.column("id", sa.Integer), sa.column("profile", sa.JSON))
    for row in bind.execute(sa.select(councils.c.id, councils.c.profile)).all():
        profile = row.profile if isinstance(row.profile, dict) else json.loads(row.profile or "{}")
        migrated = migrate_profile(profile)
        if migrated != profile:
            bind.execute(councils.update().where(councils.c.id == row.id).values(profile=migrated))


def downgrade() -> None:
    """The per-language titles go; an older Kenes ignores a profile's ``act``."""
    with op.batch_alter_table("acts") as batch:
        for lang in ("kk", "ru", "en"):
            batch.drop_column(f"title_{lang}")
