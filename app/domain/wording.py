"""Small rules of official Kazakh and Russian wording that the protocol applies to data.

* A position is written with a small letter inside a sentence («Н. С. Әбенов,
  председатель правления ...»), but only where its first word is a common noun
  of a title (председатель, заместитель, төраға, министр ...): a position that
  begins with a proper name (Қазақстан Республикасының ..., «Астана Хаб» ...)
  keeps its capital.  English keeps its capitals (titles are capitalised).
"""

from __future__ import annotations

_COMMON_TITLES = {
    "ru": frozenset(
        (
            "председатель",
            "заместитель",
            "первый",
            "министр",
            "вице-министр",
            "директор",
            "руководитель",
            "член",
            "советник",
            "секретарь",
            "начальник",
            "глава",
            "генеральный",
            "исполнительный",
            "главный",
            "старший",
            "эксперт",
            "консультант",
            "помощник",
            "ректор",
            "проректор",
            "депутат",
            "аким",
            "представитель",
            "президент",
            "вице-президент",
            "корпоративный",
            "управляющий",
        )
    ),
    "kk": frozenset(
        (
            "төраға",
            "төрағасы",
            "төрағаның",
            "министр",
            "министрі",
            "вице-министр",
            "директор",
            "директоры",
            "басшы",
            "басшысы",
            "кеңесші",
            "хатшы",
            "хатшысы",
            "сарапшы",
            "өкіл",
            "өкілі",
            "мүше",
            "мүшесі",
            "бас",
            "атқарушы",
            "басқарушы",
            "кеңес",
            "кеңестің",
        )
    ),
}


def position_in_sentence(position: str, lang: str) -> str:
    """``position`` as written after a name inside a sentence: «председатель правления ...»."""
    words = position.split(maxsplit=1)
    if not words or lang not in _COMMON_TITLES:
        return position
    first = words[0]
    rest = words[1] if len(words) > 1 else ""
    if rest.startswith(("Республики", "РК")):  # Президент Республики Казахстан: a state office
        return position
    if first.lower() in _COMMON_TITLES[lang] and first[:1].isupper() and first[1:2].islower():
        return first[:1].lower() + position[1:]
    return position


def place_without_city(place: str, city: str) -> str:
    """The place without the city the document already names: "Астана, Үкімет үйі" -> "Үкімет үйі".

    Only a leading "<city>," (or "г. <city>,", "<city> қ.,") is dropped; a place
    that is only the city, or names another one, stays as it is.
    """
    city = city.strip()
    text = place.strip()
    if not city or not text:
        return place
    for prefix in (city, f"г. {city}", f"{city} қ.", f"{city} қаласы", f"{city} city"):
        if text.lower().startswith(prefix.lower() + ","):
            rest = text[len(prefix) + 1 :].strip()
            return rest or place
    return place
