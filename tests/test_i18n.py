"""app/i18n.py: the languages Kenes speaks, their catalogs, and the interface language."""

from __future__ import annotations

import pytest

from app import i18n
from app.domain import translation


def test_the_three_languages_and_kazakh_by_default() -> None:
    assert i18n.LANGUAGE_CODES == ("kk", "ru", "en")
    assert i18n.DEFAULT_LANGUAGE == "kk"
    assert [lang.native_name for lang in i18n.LANGUAGES] == ["Қазақша", "Русский", "English"]
    assert i18n.language("ru").babel_locale == "ru_RU"
    assert i18n.language("de").code == "kk"  # an unknown code: the default


@pytest.mark.parametrize(
    ("code", "word"), [("kk", "Хаттама"), ("ru", "Протокол"), ("en", "Protocol")]
)
def test_every_language_has_its_catalog(code: str, word: str) -> None:
    if code != "en":  # English is the source language: its catalog is optional
        assert i18n.catalog_available(code)
    assert i18n.translations(code).gettext("Protocol") == word


def test_a_language_without_a_catalog_reads_the_source_strings() -> None:
    assert not i18n.catalog_available("de")
    assert i18n.translations("de").gettext("Protocol") == "Protocol"


def test_the_interface_language_is_installed_for_every_message() -> None:
    assert i18n.set_interface_language("ru") == "ru"
    assert i18n.interface_language() == "ru"
    assert translation.current().gettext("Protocol") == "Протокол"
    assert i18n._("Protocol") == "Протокол"

    assert i18n.set_interface_language("xx") == "kk"  # unknown: the default, never nothing
    assert i18n.interface_language() == "kk"
    assert i18n._("Protocol") == "Хаттама"


def test_plural_forms_follow_the_language() -> None:
    i18n.set_interface_language("ru")
    forms = [i18n.ngettext("{n} working day", "{n} working days", n).format(n=n) for n in (1, 3, 5)]
    assert len(set(forms)) == 3  # Russian has three forms: день, дня, дней
