"""On PostgreSQL, the rows the import writes as plain inserts are the ones the ORM writes."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from app.models.database import Database, open_database
from app.services.base import SYSTEM
from app.services.exchange import merge_write
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.merge_state import RELEASED
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from app.services.exchange.records import MODELS, PARENT_COLUMN
from tests.postgres import POSTGRES, cluster
from tests.services.exchange.test_merge_write import rows_of
from tests.services.exchange.trip_helpers import document_of
from tests.services.protocol_helpers import held_meeting

pytestmark = POSTGRES


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def _imported(url: str, folder: Path, document: dict[str, Any]) -> Database:
    path = folder / "full.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    db = open_database(url)
    apply_import(db, SYSTEM, plan_import(db, read_archive(path)))
    return db


def test_rows_written_as_plain_inserts_are_the_rows_the_orm_writes(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = open_database(tmp_path / "source.sqlite3")
    held_meeting(source)
    export_archive(source, tmp_path / "held.kenes.zip")
    source.close()
    document = document_of(tmp_path / "held.kenes.zip")[0]
    tables = [MODELS[name].__table__.name for name in sorted({*RELEASED, *PARENT_COLUMN})]
    plain = _imported(pg_url, tmp_path, copy.deepcopy(document))
    found = rows_of(plain, tables)
    plain.close()
    admin = create_engine(pg_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE kenes_orm"))
    admin.dispose()
    monkeypatch.setattr(merge_write, "RELEASED", frozenset())
    orm = _imported(pg_url.rsplit("/", 1)[0] + "/kenes_orm", tmp_path, document)
    assert found["ballots"] and found["attendance"]
    assert found == rows_of(orm, tables)
    orm.close()
