"""What the composition file actions share: the document languages, writing a file whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import i18n
from app.domain.errors import EnvironmentProblem
from app.services.compositions.common import check_lang, write_file


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_three_document_languages_pass(lang: str) -> None:
    assert check_lang(lang) == lang


@pytest.mark.parametrize("lang", ["de", "", "KK", "kz"])
def test_any_other_language_is_a_bug_of_the_caller(lang: str) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        check_lang(lang)


def test_a_written_file_is_returned(tmp_path: Path) -> None:
    target = tmp_path / "құрам.pdf"
    assert write_file(target, lambda path: path.write_bytes(b"%PDF")) == target
    assert target.read_bytes() == b"%PDF"


def test_a_file_that_cannot_be_written_is_told_in_the_users_language(tmp_path: Path) -> None:
    target = tmp_path / "missing folder" / "құрам.pdf"
    with pytest.raises(EnvironmentProblem) as caught:
        write_file(target, lambda path: path.write_bytes(b"%PDF"))
    assert not target.parent.exists()
    english = caught.value.message(i18n.translations("en"))
    assert english.startswith(f"The file {target} cannot be written: ")
    assert "No such file" in english
    kazakh = caught.value.message(i18n.translations("kk"))
    assert str(target) in kazakh and kazakh != english


def test_other_failures_are_not_disguised(tmp_path: Path) -> None:
    def fail(_path: Path) -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        write_file(tmp_path / "x.pdf", fail)
