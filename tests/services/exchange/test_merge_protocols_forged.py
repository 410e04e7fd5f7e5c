"""Issue 14, finding 2: a file whose signed meeting differs from its signed protocol is refused."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.formats.exchange_archive import ImportRefused
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.exchange_helpers import database_bytes, read_package, write_package


def forge(original: Path, target: Path) -> tuple[Path, str]:
    """Three "against" turned "for" and the Russian decision text replaced; the point's uid."""
    data, entries = read_package(original)
    point = next(
        p
        for p in data["tables"]["decision_points"]
        if sum(b["choice"] == "against" for b in p["ballots"]) >= 3
    )
    turned = 0
    for ballot in point["ballots"]:
        if ballot["choice"] == "against" and turned < 3:
            ballot["choice"] = "for"
            turned += 1
    point["text_ru"] = "Отклонить план развития инновационного кластера."
    return write_package(target, data, entries), point["uid"]


def messages(problems: Any) -> list[str]:
    return [p.message() for p in problems]


def assert_named(problems: Any) -> None:
    said = messages(problems)
    votes = [m for m in said if "the vote of" in m and "differs from the signed protocol" in m]
    assert len(votes) == 3, said
    assert any(
        "the Russian text of the decision differs from the signed protocol" in m for m in said
    )
    assert not any("the Kazakh text" in m for m in said)
    counts = [m for m in said if "the signed protocol counts for:" in m]
    assert len(counts) == 1, said  # the same counts in every language: named once
    assert all("/tables/decision_points/" in p.pointer for p in problems if "decision" in p.msgid)


def assert_refused(forged: Path, target: Path) -> None:
    """Planned and applied into ``target``: refused, every forgery named, not a byte written."""
    before = database_bytes(target)
    db = open_database(target)
    plan = plan_import(db, read_archive(forged))
    assert not plan.ok
    assert_named(plan.problems)
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, plan)
    db.close()
    assert database_bytes(target) == before


def test_a_forged_signed_meeting_is_refused_into_an_empty_database(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    forged, _uid = forge(demo[1], tmp_path / "forged.kenes.zip")
    target = tmp_path / "empty.sqlite3"
    db = open_database(target)
    db.close()
    assert_refused(forged, target)


def test_a_forged_signed_meeting_is_refused_into_the_same_database(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    forged, _uid = forge(demo[1], tmp_path / "forged.kenes.zip")
    target = tmp_path / "same.sqlite3"
    shutil.copyfile(demo[0], target)
    assert_refused(forged, target)


def test_the_untouched_file_still_imports(demo: tuple[Path, Path], tmp_path: Path) -> None:
    db = open_database(tmp_path / "empty.sqlite3")
    plan = plan_import(db, read_archive(demo[1]))
    assert plan.ok, messages(plan.problems)
    apply_import(db, SYSTEM, plan)
    db.close()


def test_the_cli_refuses_a_forged_signed_meeting(
    demo: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged, _uid = forge(demo[1], tmp_path / "forged.kenes.zip")
    target = tmp_path / "cli.sqlite3"
    db = open_database(target)
    db.close()
    before = database_bytes(target)
    code = main(["--db", str(target), "--lang", "en", "import", str(forged), "--yes"])
    assert code != 0
    out = capsys.readouterr()
    printed = out.out + out.err
    assert printed.count("differs from the signed protocol") == 4, printed
    assert "the signed protocol counts for: 11, against: 3" in printed
    assert "the record counts for: 14, against: 0" in printed
    assert "the Russian text of the decision differs" in printed
    assert "/tables/decision_points/" in printed
    assert database_bytes(target) == before
