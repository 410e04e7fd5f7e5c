"""handles: what views may hold of the storage, the very objects the storage makes."""

from __future__ import annotations

from pathlib import Path

from app.models import backup, database
from app.models.database import open_database
from app.services import handles
from app.services.backups import BackupPolicy, back_up_now
from app.services.base import Actor
from app.services.people import PersonData, create_person


def test_every_name_is_the_storages_own_object() -> None:
    assert {"BackupFile", "Database"} <= set(handles.__all__)
    for name in handles.__all__:
        own = getattr(database, name, None) or getattr(backup, name)
        assert getattr(handles, name) is own


def test_what_the_services_hand_to_views_has_those_types(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert isinstance(db, handles.Database)
        before = handles.commits_in_this_thread()
        create_person(db, Actor("secretary"), PersonData(surname="Әбенов"))
        assert handles.commits_in_this_thread() > before
    finally:
        db.close()
    made = back_up_now(db_path, BackupPolicy(tmp_path / "backups"))
    assert isinstance(made, handles.BackupFile) and made.path.exists()
