"""The Kazakh and Russian catalogs are complete, current and consistent with the sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from app import i18n
from app.paths import TRANSLATIONS_DIR
from tools.gendered_pot import gendered_entries

ROOT = Path(__file__).resolve().parent.parent
# As tasks.py extracts: N_ marks, NP_ marks with a context, GN_ gendered messages.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "NP_": ((1, "c"), 2), "GN_": None}
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
NATIVE_PLURALS = {"kk": 2, "ru": 3}


Key = tuple[str | None, str | tuple[str, ...]]  # (gettext context, msgid)


def source_messages() -> set[Key]:
    """Every (context, msgid) the sources mark, with the gendered entries of GN_ messages."""
    found: set[Key] = set()
    for _file, _line, message, _comments, ctx in extract_from_dir(
        ROOT / "app", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add((ctx, message if isinstance(message, str) else tuple(message)))
    found |= set(gendered_entries(ROOT / "app"))
    return found


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "kenes.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalog_has_no_untranslated_or_fuzzy_entry(lang: str) -> None:
    problems = []
    for message in catalog(lang):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags:
            problems.append(("fuzzy", message.id))
        elif not all(strings):
            problems.append(("untranslated", message.id))
    assert problems == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_catalog_holds_every_message_of_the_sources(lang: str) -> None:
    """A new string without a catalog entry fails here: run `python3 tasks.py catalogs`."""
    in_catalog: set[Key] = {
        (m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog(lang) if m.id
    }
    missing = source_messages() - in_catalog
    assert missing == set()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if text:  # an empty translation is reported by the completeness test
                assert set(PLACEHOLDER.findall(text)) == expected, (message.id, text)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_plural_forms_match_the_language(lang: str) -> None:
    cat = catalog(lang)
    assert cat.num_plurals == NATIVE_PLURALS[lang]
    for message in cat:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == NATIVE_PLURALS[lang], message.id


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_compiled_catalog_is_used(lang: str) -> None:
    assert i18n.catalog_available(lang), "the set-up compiles the catalogs"
    assert i18n.translations(lang).gettext("Councils") != "Councils"


def test_terms_in_a_refusal_are_translated_with_it() -> None:
    from app.domain.errors import DomainError, Term

    error = DomainError("The field “{field}” must not be empty.", field=Term("Surname"))
    assert error.message(i18n.translations("ru")) == "Поле «Фамилия» не должно быть пустым."
    assert error.message(i18n.translations("kk")) == "«Тегі» өрісі бос болмауы керек."
    assert error.message() == "The field “Surname” must not be empty."
