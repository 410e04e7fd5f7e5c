"""``copy_database`` between two SQLite files: complete, verified, refused into a full one."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.domain.errors import DomainError
from app.models.database import open_database
from app.services.copy_database import copy_database
from tests.services.copy_helpers import ME, exported, fill


def test_a_copy_holds_everything_and_exports_the_same(tmp_path: Path) -> None:
    source = open_database(tmp_path / "source.sqlite")
    fill(source)
    target = open_database(tmp_path / "target.sqlite")
    report = copy_database(source, target, ME)
    assert report.record.ok and report.total > 50
    assert report.rows["audit_events"] > 0 and report.rows["protocol_seals"] > 0
    assert exported(target, tmp_path / "b.json") == exported(source, tmp_path / "a.json")
    # The copy goes on working: new ids continue after the copied ones.
    fill(target)
    source.close()
    target.close()


def test_a_copy_into_a_database_with_records_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    source = open_database(tmp_path / "source.sqlite")
    fill(source)
    target = open_database(tmp_path / "target.sqlite")
    fill(target)
    target.close()
    before = (tmp_path / "target.sqlite").read_bytes()
    target = open_database(tmp_path / "target.sqlite")
    with pytest.raises(DomainError, match="already holds records"):
        copy_database(source, target, ME)
    target.close()
    source.close()
    assert (tmp_path / "target.sqlite").read_bytes() == before


def test_the_command_line_copy_says_it_verified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = open_database(tmp_path / "a.sqlite")
    fill(source)
    source.close()
    code = main(
        [
            "--lang",
            "en",
            "copy",
            "--from",
            str(tmp_path / "a.sqlite"),
            "--to",
            str(tmp_path / "b.sqlite"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "rows from" in out and "verified" in out
