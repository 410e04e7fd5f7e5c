"""A date in a refusal is written as the reader's language writes it, never as ISO."""

from __future__ import annotations

import gettext
from datetime import date

import pytest

from app import i18n
from app.domain.errors import DomainError
from app.formatting import short_date

HOLDER = "The position already has a holder from {day}; change that appointment instead."
DAY = date(2026, 11, 22)


def test_a_date_reads_in_the_language_of_the_message() -> None:
    error = DomainError(HOLDER, day=DAY)
    assert "22.11.2026 күннен бастап" in error.message(i18n.translations("kk"))
    assert "с 22.11.2026" in error.message(i18n.translations("ru"))
    assert "from 22/11/2026" in error.message(i18n.translations("en"))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_date_is_the_short_date_of_the_formatting_module(lang: str) -> None:
    text = DomainError("{day}", day=DAY).message(i18n.translations(lang))
    assert text == short_date(DAY, lang)


def test_the_untranslated_source_text_keeps_iso() -> None:
    """No catalog at all (a log line, the exception's args): the unambiguous ISO form."""
    error = DomainError(HOLDER, day=DAY)
    assert "from 2026-11-22" in error.message(gettext.NullTranslations())
    assert "2026-11-22" in error.args[0]
