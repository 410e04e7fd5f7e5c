"""The column layout of a composition spreadsheet, and the words a file may use.

The first row names the columns; the order is free, unknown columns are
ignored, header names are recognised in English, Russian or Kazakh (case and
punctuation do not matter: "Должность (каз.)", "position_kk" and
"Лауазымы (қаз.)" are the same column).  An export writes exactly these
columns, so an exported file imports again.

===============  ==============================  ======================================
column           example headers                 values
===============  ==============================  ======================================
role             Role / Роль / Рөлі              chair, deputy chair, secretary, member,
                                                 co-chair (also председатель, төраға,
                                                 заместитель председателя, хатшы ...);
                                                 empty = member
kind             Kind of seat / Вид места /      ex officio (по должности, лауазымы
                 Орын түрі                       бойынша) or personal (персонально,
                                                 жеке); empty = ex officio when a
                                                 position is given and no person,
                                                 otherwise personal
position_kk/ru/  Position (kk) / Должность       the position's title in that language;
en               (рус.) / Лауазымы (ағылш.)      a bare "Должность" is the Russian title
organisation_    Organisation (kk) / ...         the organisation in that language
kk/ru/en
surname          Surname / Фамилия / Тегі        the person (for an ex officio seat: the
given_name       Name / Имя / Аты                holder of the position, appointed from
patronymic       Patronymic / Отчество / ...     the seat's start when the position has
latin_name       Name in Latin letters / ...     no holder then)
by_agreement     By agreement / По согласованию  yes/no, да/нет, иә/жоқ, 1/0, x; empty = no
side             Side / Сторона / Тарап          Kazakh side, Foreign side or empty
voting           Voting / Право голоса / ...     yes/no; empty = yes
valid_from       Valid from / Дата начала / ...  a date (31.12.2024, 2024-12-31 or a date
                                                 cell); empty = the import's date
===============  ==============================  ======================================

Either a role column and a position or surname column must be present.

Words in the files: what Kenes writes goes through the gettext catalogs of
the chosen language; what it reads is recognised by the fixed vocabulary
below (the file format must not change when a translation is reworded) and
by the catalogs' translations, so every export reads back.  The catalogs are
handed in (:data:`Catalogs`): this module reads no files of its own.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.composition import ROLE_LABELS, Role, SeatKind, Side
from app.domain.council import LANGS
from app.domain.translation import N_

# The catalog of a language by its code ("kk", "ru", "en"): app.i18n.translations.
Catalogs = Callable[[str], gettext.NullTranslations]

_LANG_SUFFIXES = {
    "kk": (
        "kk",
        "kaz",
        "kazakh",
        "in kazakh",
        "каз",
        "казах",
        "казахский",
        "на казахском",
        "на казахском языке",
        "қаз",
        "қазақ",
        "қазақша",
        "қазақ тілінде",
    ),
    "ru": (
        "ru",
        "rus",
        "russian",
        "in russian",
        "рус",
        "русский",
        "на русском",
        "на русском языке",
        "орыс",
        "орысша",
        "орыс тілінде",
    ),
    "en": (
        "en",
        "eng",
        "english",
        "in english",
        "англ",
        "английский",
        "на английском",
        "на английском языке",
        "ағылш",
        "ағылшын",
        "ағылшынша",
        "ағылшын тілінде",
    ),
}
# Base words of the language columns, by the language of the word itself: a bare
# "Должность" is the Russian title, a bare "Лауазымы" the Kazakh one.
_LANG_BASES = {
    "position": {
        "en": ("position", "title", "position title"),
        "ru": ("должность", "наименование должности"),
        "kk": ("лауазым", "лауазымы", "лауазымның атауы"),
    },
    "organisation": {
        "en": ("organisation", "organization"),
        "ru": ("организация", "наименование организации"),
        "kk": ("ұйым", "ұйымы", "ұйымның атауы"),
    },
}


@dataclass(frozen=True)
class Column:
    """One column of the layout: its key, export header (a msgid) and other names."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()


def _language_column(base: str, lang: str, label: str) -> Column:
    aliases: list[str] = []
    for word_lang, words in _LANG_BASES[base].items():
        for word in words:
            aliases.extend(f"{word} {suffix}" for suffix in _LANG_SUFFIXES[lang])
            if word_lang == lang:
                aliases.append(word)
    return Column(f"{base}_{lang}", label, tuple(aliases))


COLUMNS: tuple[Column, ...] = (
    Column("role", N_("Role"), ("role", "роль", "рөл", "рөлі", "роль в составе", "құрамдағы рөлі")),
    Column(
        "kind",
        N_("Kind of seat"),
        (
            "kind",
            "seat kind",
            "вид",
            "вид места",
            "вид членства",
            "түрі",
            "орын түрі",
            "мүшелік түрі",
        ),
    ),
    _language_column("position", "kk", N_("Position (kk)")),
    _language_column("position", "ru", N_("Position (ru)")),
    _language_column("position", "en", N_("Position (en)")),
    _language_column("organisation", "kk", N_("Organisation (kk)")),
    _language_column("organisation", "ru", N_("Organisation (ru)")),
    _language_column("organisation", "en", N_("Organisation (en)")),
    Column(
        "surname", N_("Surname"), ("surname", "last name", "family name", "фамилия", "тегі", "тек")
    ),
    Column("given_name", N_("Name"), ("given name", "first name", "name", "имя", "аты", "есімі")),
    Column(
        "patronymic", N_("Patronymic"), ("patronymic", "middle name", "отчество", "әкесінің аты")
    ),
    Column(
        "latin_name",
        N_("Name in Latin letters"),
        (
            "latin name",
            "name in latin",
            "name latin",
            "латиницей",
            "имя латиницей",
            "фио латиницей",
            "имя латинскими буквами",
            "латынша",
            "латынша аты жөні",
            "латын әріптерімен аты жөні",
        ),
    ),
    Column(
        "by_agreement", N_("By agreement"), ("by agreement", "по согласованию", "келісу бойынша")
    ),
    Column("side", N_("Side"), ("side", "сторона", "тарап", "тарапы")),
    Column(
        "voting",
        N_("Voting"),
        (
            "voting",
            "vote",
            "votes",
            "with a vote",
            "right to vote",
            "право голоса",
            "с правом голоса",
            "голосование",
            "дауыс",
            "дауыс беру",
            "дауыс беру құқығы",
            "дауыс беру құқығымен",
        ),
    ),
    Column(
        "valid_from",
        N_("Valid from"),
        (
            "valid from",
            "from",
            "start",
            "start date",
            "since",
            "действует с",
            "дата начала",
            "начало",
            "бастап",
            "басталуы",
            "басталу күні",
            "қашаннан бастап",
        ),
    ),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
POSITION_KEYS = ("position_kk", "position_ru", "position_en")

ROLE_WORDS = {
    Role.CHAIR: (
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "председатель",
        "төраға",
        "төрағасы",
    ),
    Role.CO_CHAIR: (
        "co chair",
        "cochair",
        "co chairman",
        "сопредседатель",
        "тең төраға",
        "тең төрағасы",
    ),
    Role.DEPUTY_CHAIR: (
        "deputy chair",
        "deputy chairman",
        "vice chair",
        "vice chairman",
        "заместитель председателя",
        "зам председателя",
        "төрағаның орынбасары",
        "төраға орынбасары",
    ),
    Role.SECRETARY: ("secretary", "секретарь", "ответственный секретарь", "хатшы", "хатшысы"),
    Role.MEMBER: (
        "member",
        "член",
        "член совета",
        "член комиссии",
        "мүше",
        "мүшесі",
        "кеңес мүшесі",
        "комиссия мүшесі",
    ),
}
KIND_LABELS = {SeatKind.EX_OFFICIO: N_("ex officio"), SeatKind.PERSONAL: N_("personal")}
KIND_WORDS = {
    SeatKind.EX_OFFICIO: (
        "ex officio",
        "by position",
        "по должности",
        "лауазымы бойынша",
        "лауазым бойынша",
    ),
    SeatKind.PERSONAL: (
        "personal",
        "personally",
        "in person",
        "персонально",
        "персональный",
        "персональное",
        "лично",
        "жеке",
        "дербес",
        "жеке өзі",
    ),
}
SIDE_LABELS = {Side.KAZAKH: N_("Kazakh side"), Side.FOREIGN: N_("Foreign side")}
SIDE_WORDS = {
    Side.NONE: ("none", "not distinguished"),
    Side.KAZAKH: (
        "kazakh",
        "kazakhstan",
        "kz",
        "казахстанская",
        "казахстанская сторона",
        "с казахстанской стороны",
        "қазақстан",
        "қазақстан тарапы",
        "қазақстан тарапынан",
        "отандық",
    ),
    Side.FOREIGN: (
        "foreign",
        "иностранная",
        "иностранная сторона",
        "с иностранной стороны",
        "шетел",
        "шетелдік",
        "шетел тарапы",
        "шетел тарапынан",
    ),
}
YES, NO = N_("yes"), N_("no")
YES_WORDS = ("yes", "y", "true", "1", "x", "х", "да", "д", "иә", "ия")
NO_WORDS = ("no", "n", "false", "0", "нет", "н", "жоқ")
YES_SYMBOLS = ("+", "✓", "✔", "v")
NO_SYMBOLS = ("-", "–", "—")


def word_key(text: str) -> str:
    """A header or a word as compared: case-folded, punctuation and extra spaces dropped."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _catalog_words(msgid: str, catalogs: Catalogs) -> set[str]:
    """``msgid`` and its translation in every language, as keys."""
    return {word_key(catalogs(lang).gettext(msgid)) for lang in LANGS} | {word_key(msgid)}


def _vocabulary(
    words: Mapping[Any, Iterable[str]], labels: Mapping[Any, str], catalogs: Catalogs
) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for value, aliases in words.items():
        for alias in aliases:
            table[word_key(alias)] = value
    for value, label in labels.items():
        for word in _catalog_words(label, catalogs):
            table.setdefault(word, value)
    return table


def column_names(key: str, catalogs: Catalogs) -> str:
    """A column's names in the three languages ("Role / Роль / Рөлі"), for messages."""
    label = next(c.label for c in COLUMNS if c.key == key)
    names = [catalogs(lang).gettext(label) for lang in ("en", "ru", "kk")]
    return " / ".join(dict.fromkeys(names))


@dataclass(frozen=True)
class Vocabulary:
    """The words a file may use, as keys: the fixed ones above and the catalogs' ones."""

    headers: Mapping[str, str]
    roles: Mapping[str, Role]
    kinds: Mapping[str, SeatKind]
    sides: Mapping[str, Side]
    yes_no: Mapping[str, bool]
    names: Mapping[str, str]  # a column's key -> "Role / Роль / Рөлі", for messages

    @classmethod
    def build(cls, catalogs: Catalogs) -> Vocabulary:
        return cls(
            headers=_vocabulary(
                {c.key: (c.key, *c.aliases) for c in COLUMNS},
                {c.key: c.label for c in COLUMNS},
                catalogs,
            ),
            roles=_vocabulary({r: (*ROLE_WORDS[r], r.value) for r in Role}, ROLE_LABELS, catalogs),
            kinds=_vocabulary(
                {k: (*KIND_WORDS[k], k.value) for k in SeatKind}, KIND_LABELS, catalogs
            ),
            sides=_vocabulary(
                {s: (*SIDE_WORDS[s], s.value) if s.value else SIDE_WORDS[s] for s in Side},
                SIDE_LABELS,
                catalogs,
            ),
            yes_no=_vocabulary(
                {True: YES_WORDS, False: NO_WORDS}, {True: YES, False: NO}, catalogs
            ),
            names={c.key: column_names(c.key, catalogs) for c in COLUMNS},
        )


# Words an official list writes after a position, in brackets, for a seat by agreement.
AGREEMENT_WORDS = ("келісу бойынша", "по согласованию", "by agreement")


@dataclass(frozen=True)
class ListLine:
    """One line of a composition as an official list writes it, taken apart."""

    title: str
    role: Role | None = None
    by_agreement: bool = False


def read_list_line(text: str, words: Vocabulary) -> ListLine:
    """Take a list line apart: "Премьер-Министр, төраға (келісу бойынша)".

    The bracketed "by agreement" and the role after the last comma are the
    marks a Government resolution's list writes; the rest is the title.

    >>> words = Vocabulary.build(lambda _lang: gettext.NullTranslations())
    >>> read_list_line("Премьер-Министр, төраға", words)
    ListLine(title='Премьер-Министр', role=<Role.CHAIR: 'chair'>, by_agreement=False)
    >>> read_list_line('"Verny Capital" ЖШС бас директоры (келісу бойынша)', words).by_agreement
    True
    """
    title = " ".join(text.split())
    by_agreement = False
    if title.endswith(")") and "(" in title:
        head, _sep, tail = title[:-1].rpartition("(")
        if word_key(tail) in {word_key(w) for w in AGREEMENT_WORDS}:
            title, by_agreement = head.strip(), True
    role = None
    head, comma, tail = title.rpartition(",")
    if comma and (found := words.roles.get(word_key(tail))) is not None:
        title, role = head.strip(), found
    return ListLine(title, role, by_agreement)
