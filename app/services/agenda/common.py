"""What the agenda actions share: the data they take and how items are loaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.meeting import check_item_titles
from app.domain.translation import N_
from app.models.meeting import AgendaItem, Material, MaterialBlob, Meeting
from app.services.base import clean_text, expect, get
from app.services.meetings.common import LANGS

TITLE_LIMIT = 2000
BODY_LIMIT = 1000


@dataclass(frozen=True)
class ItemData:
    """What the agenda editor sends for an item: titles and the body responsible."""

    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    responsible_kk: str = ""
    responsible_ru: str = ""
    responsible_en: str = ""
    note: str = ""


def clean_item(data: ItemData) -> dict[str, str]:
    """The item's columns after the checks; an item needs a title in some language."""
    expect(data, ItemData, N_("Agenda item"))
    values = {
        f"title_{lang}": clean_text(getattr(data, f"title_{lang}"), N_("Title"), limit=TITLE_LIMIT)
        for lang in LANGS
    }
    check_item_titles({lang: values[f"title_{lang}"] for lang in LANGS})
    for lang in LANGS:
        values[f"responsible_{lang}"] = clean_text(
            getattr(data, f"responsible_{lang}"), N_("Responsible body"), limit=BODY_LIMIT
        )
    values["note"] = clean_text(data.note, N_("Note"), limit=5000, multiline=True)
    return values


def item_columns(item: AgendaItem) -> dict[str, Any]:
    """The item's own texts, for the record of a revision."""
    keys = [f"{p}_{lang}" for p in ("title", "responsible") for lang in LANGS] + ["note"]
    return {key: getattr(item, key) for key in keys}


def load_item(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    item = get(session, AgendaItem, item_id, N_("Agenda item"))
    return item, item.meeting


def drop_unused_blobs(session: Session, hashes: set[str]) -> None:
    """Delete the stored files no material refers to any more."""
    session.flush()
    if not hashes:
        return
    used = set(session.scalars(select(Material.sha256).where(Material.sha256.in_(hashes))))
    unused = hashes - used
    if unused:
        session.execute(delete(MaterialBlob).where(MaterialBlob.sha256.in_(unused)))
