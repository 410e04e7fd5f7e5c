"""On PostgreSQL, an import merged as it is read writes what the import read whole writes.

(Not what plan and apply write: the plan's dry run draws ids from the server's sequences,
which its rollback does not give back, so the ids that follow differ.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.formats import exchange_stream
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange import apply_import as apply_import_module
from app.services.exchange.apply_import import import_at_once
from app.services.exchange.merge_state import RELEASED
from app.services.exchange.records import MODELS, PARENT_COLUMN
from tests.postgres import POSTGRES, cluster
from tests.services.exchange.exchange_helpers import exported_archive
from tests.services.exchange.test_apply_import_at_once import TINY, seals_of
from tests.services.exchange.test_merge_stream import reads as noted_reads
from tests.services.exchange.test_merge_write import rows_of

pytestmark = POSTGRES
reads = noted_reads  # each read of the file: whether it was merged as it was read


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with cluster() as url:
        yield url


def test_a_file_merged_as_it_is_read_is_written_as_when_read_whole(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[bool]
) -> None:
    exported = exported_archive(tmp_path, TINY, "tiny")
    monkeypatch.setattr(exchange_stream, "SINK_BATCH", 7)
    once = open_database(pg_url)
    plan, result = import_at_once(once, SYSTEM, exported)
    assert reads == [True] and plan.ok and result is not None
    admin = create_engine(pg_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE kenes_whole"))
    admin.dispose()
    whole = open_database(pg_url.rsplit("/", 1)[0] + "/kenes_whole")
    monkeypatch.setattr(apply_import_module, "_streamed_at_once", lambda *_args: None)
    plan, result = import_at_once(whole, SYSTEM, exported)
    assert reads == [True, False] and plan.ok and result is not None
    tables = [MODELS[name].__table__.name for name in sorted({*RELEASED, *PARENT_COLUMN})]
    try:
        found = rows_of(once, tables)
        assert found["ballots"] and found == rows_of(whole, tables)
        assert seals_of(once) == seals_of(whole)
    finally:
        once.close()
        whole.close()
