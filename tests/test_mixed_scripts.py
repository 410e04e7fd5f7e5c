"""No word mixes Latin and Cyrillic letters: not in the kk/ru catalogs, not in the demo data.

A Latin "c", "o" or "p" inside a Cyrillic word looks right on screen but
breaks search, sorting, hyphenation and a reader's screen reader.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.paths import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W\d_]+")  # runs of letters
LATIN = re.compile("[A-Za-z]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")


def mixed_words(text: str) -> list[str]:
    """The words of ``text`` that hold both Latin and Cyrillic letters."""
    text = PLACEHOLDER.sub(" ", text)
    return [w for w in WORD.findall(text) if LATIN.search(w) and CYRILLIC.search(w)]


def test_the_check_finds_a_mixed_word() -> None:
    assert mixed_words("Кеңес мүшеci") == ["мүшеci"]  # Latin c and i
    assert mixed_words("{number}-шешім, Kenes, Қазақстан") == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_catalog_entry_mixes_scripts(lang: str) -> None:
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "kenes.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text and mixed_words(text):
                found.append((message.id, mixed_words(text)))
    assert found == []


def demo_strings() -> list[str]:
    texts = []
    for path in sorted((ROOT / "app" / "services").glob("demo*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        texts += [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
    return texts


def test_the_demo_data_has_no_mixed_word() -> None:
    texts = demo_strings()
    assert len(texts) > 100  # the demo council, its people and meeting were read
    assert [(t, mixed_words(t)) for t in texts if mixed_words(t)] == []


def test_the_demo_data_quotes_kazakh_and_russian_with_guillemets() -> None:
    """«» in Kazakh and Russian texts, „“ inside them; never typewriter quotes."""
    straight = [t for t in demo_strings() if CYRILLIC.search(t) and '"' in t]
    assert straight == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalog_quotes_are_guillemets_nested_with_low_high_quotes(lang: str) -> None:
    """«…» outside, „…“ inside: never "…" or “…”, never «…«…»…»."""
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "kenes.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    wrong = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wrong += [s for s in strings if s and re.search("[\"”]|«[^»]*«", s)]
    assert wrong == []
