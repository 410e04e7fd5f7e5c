"""Names of councils and other bodies in the genitive, as a heading needs them.

«... қамқоршылық кеңесінің құрамы», «Состав Попечительского совета ...»,
"Composition of the Supervisory board ...": the heading of a composition
list puts the council's name in the genitive.  Kazakh marks it on the last
word only (-ның/-нің, -дың/-дің, -тың/-тің by vowel harmony and the last
sound); Russian declines the leading adjectives and the head noun and leaves
the words after it, already in the genitive.  Where Kenes is not sure of the
Russian form it says so (None) and the caller writes a heading that needs no
declension.  People's names are declined in :mod:`app.domain.russian_names`.

>>> kazakh_genitive("кеңесі"), kazakh_genitive("топ")
('кеңесінің', 'топтың')
>>> russian_genitive("Экспертный совет")
'Экспертного совета'
>>> council_genitive("The Supervisory board", "en")
'Supervisory board'
"""

from __future__ import annotations


def kazakh_genitive(word: str) -> str:
    """A Kazakh word in the genitive: кеңесі -> кеңесінің, кеңес -> кеңестің, топ -> топтың."""
    lower = word.lower()
    letters = [ch for ch in lower if ch.isalpha()]
    if not letters:
        return word
    front = False
    for ch in reversed(letters):
        if ch in "аоұыяёу":
            break
        if ch in "әөүіеэию":
            front = True
            break
    last = letters[-1]
    if not lower[-1].isalpha() or not ("\u0400" <= last <= "\u04ff"):
        ending = "тің" if front else "тың"
        return f"{word}-{ending}"
    if last in "аәеёиоөуұүыіэюя" or last in "мнң":
        consonant = "н"
    elif last in "лржзй":
        consonant = "д"
    else:
        consonant = "т"
    ending = consonant + ("ің" if front else "ың")
    return word + (ending.upper() if word.isupper() else ending)


_RU_HUSHING = "гкхжшщч"


def _ru_adjective_genitive(word: str) -> str | None:
    lower = word.lower()
    if len(lower) < 4:
        return None
    stem, ending = lower[:-2], lower[-2:]
    soft_after = stem[-1:] in "жшщч"
    if ending in ("ый", "ой"):
        new = "ого"
    elif ending == "ий":
        new = "его" if soft_after or stem[-1:] not in _RU_HUSHING else "ого"
    elif ending == "ая":
        new = "ей" if soft_after else "ой"
    elif ending == "яя":
        new = "ей"
    elif ending == "ое":
        new = "ого"
    elif ending == "ее":
        new = "его"
    else:
        return None
    return word[:-2] + (new.upper() if word.isupper() else new)


def _ru_noun_genitive(word: str) -> str | None:
    lower = word.lower()
    if len(lower) < 2 or not lower.isalpha():
        return None
    if lower.endswith("ия"):
        new, cut = "ии", 2
    elif lower.endswith("ие"):
        new, cut = "ия", 2
    elif lower.endswith("я"):
        new, cut = "и", 1
    elif lower.endswith("а"):
        new, cut = ("и" if lower[-2] in _RU_HUSHING else "ы"), 1
    elif lower.endswith("й"):
        new, cut = "я", 1
    elif lower[-1] in "бвгджзклмнпрстфхцчшщ":
        new, cut = "а", 0
    else:
        return None
    base = word[:-cut] if cut else word
    return base + (new.upper() if word.isupper() else new)


def russian_genitive(name: str) -> str | None:
    """The Russian genitive of a council's name, None when unsure.

    "Попечительский совет кластера" -> "Попечительского совета кластера": the
    leading adjectives and the head noun change; the words after it are
    already in the genitive ("совет *инновационного кластера*").
    """
    words = name.split(" ")
    for index, word in enumerate(words):
        adjective = _ru_adjective_genitive(word)
        if adjective is not None:
            words[index] = adjective
            continue
        noun = _ru_noun_genitive(word)
        if noun is None:
            return None
        words[index] = noun
        return " ".join(words)
    return None


def council_genitive(name: str, lang: str) -> str | None:
    """The council's own ``name`` in ``lang`` as "the composition of ..." needs it.

    Kazakh: the last word in the genitive; Russian: :func:`russian_genitive`
    (None when unsure); English: the name without a leading "the" (the
    heading supplies it); None for an empty name or another language.
    """
    if not name:
        return None
    if lang == "kk":
        words = name.split(" ")
        words[-1] = kazakh_genitive(words[-1])
        return " ".join(words)
    if lang == "ru":
        return russian_genitive(name)
    if lang == "en":
        return name[4:] if name.lower().startswith("the ") else name
    return None
