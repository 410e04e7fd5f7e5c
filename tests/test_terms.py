"""One term per concept in the kk and ru catalogs, and Kazakh numbers that read right.

The choices live in ``translations/terms.json`` (concept, chosen term, rejected
variants with the reason); this test reads the .po catalogs through Babel and
fails on any rejected variant in a msgstr.  It also guards the Kazakh
numbers: a case ending glued to a placeholder («1-ден {limit}-ге») is right
for some values and wrong for others (6-ға, 10-ға), and an ordinal keeps its
hyphen («{number}-шешім»; «{number} шешім» reads "N decisions").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.paths import TRANSLATIONS_DIR

TERMS = Path(__file__).resolve().parent.parent / "translations" / "terms.json"


@dataclass(frozen=True)
class Rejected:
    """A variant a catalog may not use, and where (the English msgid) the rule holds."""

    concept: str
    pattern: re.Pattern[str]
    where: re.Pattern[str] | None
    reason: str


@cache
def terms() -> dict:  # type: ignore[type-arg]
    return json.loads(TERMS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def compile_form(entry: dict[str, object]) -> re.Pattern[str]:
    """A rejected form as a pattern: a whole word, a stem with ``*``, or a regex."""
    flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
    if "regex" in entry:
        return re.compile(str(entry["regex"]), flags)
    form = str(entry["form"])
    stem = form.endswith("*")
    body = re.escape(form.rstrip("*")).replace(r"\ ", r"\s+")
    ending = r"\w*" if stem else ""
    return re.compile(rf"(?<!\w){body}{ending}(?!\w)", flags)


def rejected(lang: str) -> list[Rejected]:
    found = []
    for concept in terms()["concepts"]:
        for entry in concept[lang]["rejected"]:
            where = entry.get("where")
            found.append(
                Rejected(
                    concept["concept"],
                    compile_form(entry),
                    re.compile(where, re.IGNORECASE) if where else None,
                    entry["reason"],
                )
            )
    return found


@cache
def entries(lang: str) -> tuple[tuple[str, str], ...]:
    """(English msgid, msgstr) for every translated string of the catalog, plural forms apart."""
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "kenes.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    found: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(str(ids[0]), str(text)) for text in strings if text]
    return tuple(found)


def term_violations(lang: str, pairs: tuple[tuple[str, str], ...]) -> list[str]:
    problems = []
    rules = rejected(lang)
    for msgid, text in pairs:
        for rule in rules:
            if rule.where is not None and not rule.where.search(msgid):
                continue
            hit = rule.pattern.search(text)
            if hit:
                problems.append(f"{rule.concept}: «{hit.group(0)}» in {text!r} ({msgid!r})")
    return problems


def _numbers() -> dict:  # type: ignore[type-arg]
    return terms()["kazakh_numbers"]  # type: ignore[no-any-return]


def glued_endings(text: str) -> list[str]:
    """Case endings written onto a placeholder: «{limit}-ге», «{n}-ден», «{count}ға»."""
    endings = "|".join(sorted(map(re.escape, _numbers()["case_endings"]), key=len, reverse=True))
    return re.findall(rf"\{{[a-z_0-9]*\}}-?(?:{endings})(?!\w)", text)


def unhyphenated_ordinals(text: str) -> list[str]:
    """Ordinals without their hyphen: «{number} шешім» ("N decisions") for «{number}-шешім»."""
    names = "|".join(_numbers()["ordinal_placeholders"])
    nouns = "|".join(_numbers()["ordinal_nouns"])
    pattern = rf"(?<!№ )\{{(?:{names})\}} (?:{nouns})\w*"
    return re.findall(pattern, text, re.IGNORECASE)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_catalog_entry_uses_a_rejected_term(lang: str) -> None:
    assert term_violations(lang, entries(lang)) == []


def test_no_case_ending_is_glued_to_a_placeholder() -> None:
    found = [(msgid, text) for msgid, text in entries("kk") if glued_endings(text)]
    assert found == []


def test_kazakh_ordinals_keep_their_hyphen() -> None:
    found = [(msgid, text) for msgid, text in entries("kk") if unhyphenated_ordinals(text)]
    assert found == []


def test_every_concept_names_both_languages_and_a_reason() -> None:
    for concept in terms()["concepts"]:
        for lang in ("kk", "ru"):
            assert concept[lang]["term"], concept["concept"]
            assert all(entry["reason"] for entry in concept[lang]["rejected"])


def test_the_checks_find_what_they_are_for() -> None:
    """Each check catches the review's examples and lets the right forms through."""
    kk = [("Invited person", "Шақырылған адам"), ("Redo", "Қайтару")]
    kk += [("Restore", "Қайтару"), ("Bring back", "Қайтару"), ("x", "Шақырылған тұлға")]
    assert len(term_violations("kk", tuple(kk))) == 3
    assert term_violations("kk", (("x", "кворумға кеңес мүшелері"),)) == []
    assert term_violations("kk", (("x", "қатысқан Кеңес мүшесі"),)) != []
    points = [("x", "№ {number} шешім тармағы"), ("x", "{point} шешім тармағында")]
    assert len(term_violations("kk", tuple(points))) == 2
    assert term_violations("kk", (("x", "{n} шешім тармағы, шешімнің {number}-тармағы"),)) == []
    ru = [("x", "Приглашённые"), ("x", "Пришел перед этим вопросом"), ("x", "Изменение повестки")]
    ru += [("x", "конфликт"), ("x", "выпущен с пробелами"), ("months", "месяцев")]
    assert len(term_violations("ru", tuple(ru))) == 6
    fine = [("x", "Изменение повестки дня"), ("x", "конфликт интересов"), ("x", "Прибыл")]
    fine += [("x", "повестку дня заседания"), ("months", "мес."), ("x", "лицо")]
    assert term_violations("ru", tuple(fine)) == []
    assert glued_endings("1-ден {limit}-ге дейінгі") == ["{limit}-ге"]
    assert glued_endings("{count}ға") == ["{count}ға"]
    assert glued_endings("{number}-шешім, {number}-ші, {number}-тармағы, {row}-жолда") == []
    assert unhyphenated_ordinals("{number} шешім тармағы") == ["{number} шешім"]
    assert unhyphenated_ordinals("№ {number} отырыс, {number}-шешім, {n} шешім") == []
