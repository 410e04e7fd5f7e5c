"""Reading limited by role in headless commands: ``kenes --user LOGIN meetings|protocol export``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.services.base import work_as
from tests.services.accounts.test_scope_matrix import PASSWORD, Archive, _build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return _build(tmp_path_factory.mktemp("scope_cli") / "archive.sqlite3")


@pytest.fixture
def kenes(built: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    path = Path(shutil.copy2(built.path, tmp_path / "archive.sqlite3"))
    monkeypatch.setenv("KENES_PASSWORD", PASSWORD)

    def run(login: str, *args: str) -> int:
        work_as(None)
        try:
            return main(["--db", str(path), "--lang", "en", "--user", login, *args])
        finally:
            work_as(None)

    return run


@pytest.mark.parametrize(
    ("login", "sees"),
    [("admin", 2), ("seitov", 2), ("abenov", 2), ("omarova", 2), ("reader", 0)],
)
def test_meetings_lists_only_what_the_role_reads(kenes, capsys, login: str, sees: int) -> None:  # type: ignore[no-untyped-def]
    assert kenes(login, "meetings", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == sees


@pytest.mark.parametrize(
    ("login", "exported"),
    [("abenov", True), ("seitov", True), ("omarova", False), ("reader", False)],
)
def test_a_draft_protocol_is_exported_only_for_who_reads_drafts(  # type: ignore[no-untyped-def]
    kenes, built: Archive, tmp_path: Path, capsys, login: str, exported: bool
) -> None:
    output = tmp_path / "protocol.pdf"
    status = kenes(
        login, "protocol", "export", "--meeting", str(built.held), "--output", str(output)
    )
    assert (status == 0) is exported
    assert output.exists() is exported
    if not exported:
        assert f"“{login}” may not read this record" in capsys.readouterr().err
