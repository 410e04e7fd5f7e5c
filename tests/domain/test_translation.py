"""Messages that agree with a person's gender: the catalogs' entries and the fallbacks."""

from __future__ import annotations

import gettext
import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from app import i18n
from app.domain import translation
from app.domain.translation import FEMALE, GN_, MALE, NP_, UNKNOWN, gendered, pgettext

STATED = "{name} stated a dissenting opinion (see annex 2)."


def _catalog(entries: dict[tuple[str | None, str], str]) -> gettext.GNUTranslations:
    catalog = Catalog(locale="ru")
    for (context, msgid), text in entries.items():
        catalog.add(msgid, text, context=context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def test_the_markers_return_the_message() -> None:
    assert GN_("x") == "x"
    assert NP_("male", "y") == "y"


def test_russian_verbs_agree_with_the_gender() -> None:
    ru = i18n.translations("ru")
    assert gendered(STATED, MALE, ru).startswith("{name} выразил особое")
    assert gendered(STATED, FEMALE, ru).startswith("{name} выразила особое")
    neutral = gendered(STATED, UNKNOWN, ru)
    assert "выразил" not in neutral and "(а)" not in neutral
    assert gendered(STATED, None, ru) == neutral


def test_kazakh_and_english_do_not_change() -> None:
    kk = i18n.translations("kk")
    assert gendered(STATED, MALE, kk) == gendered(STATED, FEMALE, kk) == gendered(STATED, "", kk)
    en = i18n.translations("en")
    assert gendered(STATED, FEMALE, en) == STATED


def test_a_missing_gendered_entry_falls_back_to_the_neutral_one() -> None:
    t = _catalog({(None, "{name} left"): "{name}: ушли", ("male", "{name} left"): "{name} ушел"})
    assert gendered("{name} left", MALE, t) == "{name} ушел"
    assert gendered("{name} left", FEMALE, t) == "{name}: ушли"
    assert gendered("{name} came", FEMALE, t) == "{name} came"


def test_the_interface_language_is_the_default() -> None:
    before = translation.current()
    try:
        translation.install(i18n.translations("ru"))
        assert gendered(STATED, FEMALE).startswith("{name} выразила")
        assert pgettext("male", STATED).startswith("{name} выразил ")
    finally:
        translation.install(before)


def test_no_russian_entry_hedges_the_gender() -> None:
    """Never «выразил(а)»: a gendered verb is chosen, or the wording is neutral."""
    from babel.messages.pofile import read_po

    from app.paths import TRANSLATIONS_DIR

    with (TRANSLATIONS_DIR / "ru" / "LC_MESSAGES" / "kenes.po").open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    hedged = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        hedged += [s for s in strings if s and ("л(а)" in s or "ся(ась)" in s)]
    assert hedged == []
