"""Issue 14, finding 3: `kenes check --full` finds a signed record changed with a SQLite tool."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from tests.services.seal_helpers import ballot_of, copy_of, make_signed, tamper
from tests.test_cli import database_bytes, run_kenes


@pytest.fixture(scope="module")
def signed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_signed(tmp_path_factory.mktemp("cli-signed"))


@pytest.fixture
def path(signed_file: Path, tmp_path: Path) -> Path:
    return copy_of(signed_file, tmp_path / "kenes.sqlite3")


def full_check(path: Path, capsys: pytest.CaptureFixture[str], lang: str = "en") -> tuple[int, str]:
    code = main(["--db", str(path), "--lang", lang, "check", "--full"])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).replace("\xa0", " ")


def test_an_untouched_signed_record_passes(path: Path) -> None:
    result = run_kenes("--db", str(path), "--lang", "en", "check", "--full")
    assert result.returncode == 0, result.stderr
    assert "is sound" in result.stdout
    assert "the hash of the last one is" in result.stdout  # to be noted elsewhere


def test_a_changed_ballot_fails_and_names_the_meeting_and_the_member(path: Path) -> None:
    ballot, name = ballot_of(path, "against")
    tamper(path, f"UPDATE ballots SET choice = 'for' WHERE id = {ballot}")
    before = database_bytes(path)
    result = run_kenes("--db", str(path), "--lang", "en", "check", "--full")
    assert result.returncode == 3
    err = result.stderr.replace("\xa0", " ")
    assert "changed outside Kenes" in err
    assert "Meeting No. 1 of 14 March 2024" in err
    assert f"the vote of {name} on decision point 1 of item 1 was changed" in err
    assert database_bytes(path) == before  # the check wrote nothing


def test_a_changed_decision_text_fails(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(path, "UPDATE decision_points SET text_kk = 'Жоспар қабылданбасын.' WHERE id = 1")
    code, out = full_check(path, capsys)
    assert code == 3
    assert "the text of decision point 1 of item 1 was changed" in out


def test_deleted_audit_rows_fail(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(path, "DELETE FROM audit_events WHERE seq BETWEEN 41 AND 43")
    code, out = full_check(path, capsys)
    assert code == 3
    assert "Audit events 41–43 are missing." in out


def test_one_altered_audit_row_fails(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(
        path, "UPDATE audit_events SET after = json_set(after, '$.choice', 'for') WHERE seq = 57"
    )
    code, out = full_check(path, capsys)
    assert code == 3
    assert "Audit event 57 was altered." in out


def test_the_findings_speak_the_chosen_language(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ballot, name = ballot_of(path, "against")
    tamper(path, f"UPDATE ballots SET choice = 'for' WHERE id = {ballot}")
    code, out = full_check(path, capsys, "ru")
    assert code == 3
    assert name in out and "2024 года" in out
    assert "Meeting" not in out and "decision point" not in out


def test_the_quick_check_stays_quick_and_does_not_verify_seals(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(path, "UPDATE decision_points SET text_kk = 'Өзгертілді.' WHERE id = 1")
    code = main(["--db", str(path), "--lang", "en", "check"])
    assert code == 0
    assert "is sound" in capsys.readouterr().out
