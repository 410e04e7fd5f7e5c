"""What the agenda actions share: the item's checked texts, loading an item, unused files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app.domain.errors import DomainError, NotFoundError
from app.models.database import Database
from app.models.meeting import AgendaItem, Material, MaterialBlob
from app.services.agenda.attach_material import attach_material
from app.services.agenda.common import (
    BODY_LIMIT,
    TITLE_LIMIT,
    ItemData,
    clean_item,
    drop_unused_blobs,
    item_columns,
    load_item,
)
from tests.services.meeting_helpers import ME, item, make_world, material_file, plan


def test_clean_item_gives_every_column_checked() -> None:
    values = clean_item(ItemData(title_ru="  Стратегия ИИ ", responsible_en="MDD", note="Бір\nекі"))
    assert values == {
        "title_kk": "",
        "title_ru": "Стратегия ИИ",
        "title_en": "",
        "responsible_kk": "",
        "responsible_ru": "",
        "responsible_en": "MDD",
        "note": "Бір\nекі",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ItemData(), "title in at least one language"),
        (ItemData(title_kk="  ", title_ru="\t"), "title in at least one language"),
        (ItemData(title_kk="x" * (TITLE_LIMIT + 1)), "too long"),
        (ItemData(title_kk="Иә", responsible_ru="x" * (BODY_LIMIT + 1)), "too long"),
        (ItemData(title_kk="Бір\x07"), "control characters"),
        (ItemData(title_kk="Иә", note="x" * 5001), "too long"),
    ],
)
def test_clean_item_refuses_bad_texts(data: ItemData, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        clean_item(data)


def test_clean_item_refuses_data_of_the_wrong_shape() -> None:
    with pytest.raises(DomainError, match="“Agenda item” is not valid"):
        clean_item({"title_kk": "Иә"})  # type: ignore[arg-type]


def test_load_item_and_its_columns(database: Database) -> None:
    meeting_id = plan(database, make_world(database))
    item_id = item(database, meeting_id, "Бірінші")
    with database.reading() as session:
        found, meeting = load_item(session, item_id)
        assert meeting.id == meeting_id
        columns = item_columns(found)
        with pytest.raises(NotFoundError, match=f"#{item_id + 1} does not exist"):
            load_item(session, item_id + 1)
    assert columns["title_kk"] == "Бірінші" and columns["title_en"] == "AI strategy"
    assert set(columns) == {
        *(f"{p}_{lang}" for p in ("title", "responsible") for lang in ("kk", "ru", "en")),
        "note",
    }


def test_only_files_no_material_refers_to_are_dropped(database: Database, tmp_path: Path) -> None:
    meeting_id = plan(database, make_world(database))
    first, second = item(database, meeting_id, "Бір"), item(database, meeting_id, "Екі")
    shared = material_file(tmp_path, "shared.pdf", b"%PDF-1.4 shared")
    attach_material(database, ME, first, shared)
    attach_material(database, ME, second, shared)
    attach_material(database, ME, second, material_file(tmp_path, "own.pdf", b"%PDF-1.4 own"))
    hashes = {hashlib.sha256(d).hexdigest() for d in (b"%PDF-1.4 shared", b"%PDF-1.4 own")}
    with database.transaction() as session:
        session.execute(delete(Material).where(Material.item_id == second))
        drop_unused_blobs(session, hashes)
        drop_unused_blobs(session, set())  # nothing to look at
    with database.reading() as session:
        left = set(session.scalars(select(MaterialBlob.sha256)))
        assert session.get(AgendaItem, second) is not None
    assert left == {hashlib.sha256(b"%PDF-1.4 shared").hexdigest()}
