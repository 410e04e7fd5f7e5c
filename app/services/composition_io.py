"""Import a composition from XLSX or CSV; export it as XLSX and as a PDF list.

Column layout
=============

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
Files: ``.xlsx`` (the first worksheet) or ``.csv`` (UTF-8 with or without a
byte-order mark, comma or semicolon).  :func:`read_composition_file` parses
and checks every row without touching the database; the secretary sees the
preview with a reason for every bad row; :func:`import_composition` then
records the rows as a new edition of the composition in one transaction, or
nothing at all.

Words in the files: what Kenes writes goes through the gettext catalogs of
the chosen language; what it reads is recognised by the fixed vocabulary
below (the file format must not change when a translation is reworded) and
by the catalogs' translations, so every export reads back.
"""

from __future__ import annotations

import csv
import gettext
import io
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import i18n
from app.domain import translation
from app.domain.composition import (
    ROLE_LABELS,
    Role,
    SeatKind,
    Side,
    holder_on,
)
from app.domain.errors import DomainError, EnvironmentProblem, KenesError
from app.domain.translation import N_
from app.formats import atomic
from app.formats.zip_limits import check_zip
from app.formatting import legal_date, short_date
from app.models.composition import Act, Council, Person, Position, PositionHolding, Seat
from app.models.database import Database
from app.services.base import Actor, audit, check_date, clean_text, get, snapshot
from app.services.councils import get_council
from app.services.people import (
    ActData,
    PersonData,
    PersonInfo,
    PositionData,
    PositionInfo,
    _apply_person,
    _apply_position,
    holding_facts,
    make_act,
)
from app.services.seats import (
    CompositionLine,
    SeatData,
    SeatInfo,
    _council_seats,
    _new_seat,
    _validated,
    check_council,
    composition,
    seat_info,
)

if TYPE_CHECKING:  # openpyxl and ReportLab are imported when a file is read or written
    from app.reports.composition_pdf import CompositionEntry, CompositionSnapshot

__all__ = [
    "COLUMNS",
    "COLUMN_KEYS",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "Column",
    "CompositionRow",
    "ImportFileError",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "ImportRowError",
    "Problem",
    "Vocabulary",
    "column_names",
    "composition_snapshot",
    "export_composition_pdf",
    "export_composition_xlsx",
    "import_composition",
    "iter_problems",
    "read_composition_file",
]

LANGS = ("kk", "ru", "en")
_W = TypeVar("_W")
MAX_ROWS = 2000
MAX_SCANNED_ROWS = 50_000  # rows read at all, blank ones included
MAX_COLUMNS = 64
MAX_CELL_CHARS = 10_000
MAX_FILE_BYTES = 20 * 1024 * 1024
TITLE_LIMIT = 1000  # as app.services.people checks them
NAME_LIMIT = 200
LATIN_LIMIT = 300

# -- the column layout ---------------------------------------------------------------------

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

_ROLE_WORDS = {
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
_KIND_WORDS = {
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
_SIDE_WORDS = {
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
BY_AGREEMENT = N_("by agreement")  # printed in brackets after a seat, as the seed does
_YES_WORDS = ("yes", "y", "true", "1", "x", "х", "да", "д", "иә", "ия")
_NO_WORDS = ("no", "n", "false", "0", "нет", "н", "жоқ")
_YES_SYMBOLS = ("+", "✓", "✔", "v")
_NO_SYMBOLS = ("-", "–", "—")
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")

_ROLE_PROBLEM = N_(
    "Unknown role “{value}” in the column “{column}”; write chair, deputy chair, "
    "secretary, member or co-chair."
)
_KIND_PROBLEM = N_(
    "Unknown kind of seat “{value}” in the column “{column}”; write ex officio or personal."
)
_SIDE_PROBLEM = N_(
    "Unknown side “{value}” in the column “{column}”; write Kazakh side, "
    "Foreign side or leave it empty."
)
_YES_NO_PROBLEM = N_("“{value}” in the column “{column}” is not yes or no.")
_DATE_PROBLEM = N_("“{value}” in the column “{column}” is not a date; write it as 31.12.2024.")
_TWICE_PROBLEM = N_("{person} is already in row {first}; a person holds one seat in a council.")


def _key(text: str) -> str:
    """A header or a word as compared: case-folded, punctuation and extra spaces dropped."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _catalog_words(msgid: str) -> set[str]:
    """``msgid`` and its translation in every language, as keys."""
    return {_key(i18n.translations(lang).gettext(msgid)) for lang in LANGS} | {_key(msgid)}


def _vocabulary(words: Mapping[Any, Iterable[str]], labels: Mapping[Any, str]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for value, aliases in words.items():
        for alias in aliases:
            table[_key(alias)] = value
    for value, label in labels.items():
        for word in _catalog_words(label):
            table.setdefault(word, value)
    return table


@dataclass(frozen=True)
class Vocabulary:
    """The words a file may use, as keys: the fixed ones above and the catalogs' ones."""

    headers: Mapping[str, str]
    roles: Mapping[str, Role]
    kinds: Mapping[str, SeatKind]
    sides: Mapping[str, Side]
    yes_no: Mapping[str, bool]

    @classmethod
    def build(cls) -> Vocabulary:
        return cls(
            headers=_vocabulary(
                {c.key: (c.key, *c.aliases) for c in COLUMNS}, {c.key: c.label for c in COLUMNS}
            ),
            roles=_vocabulary({r: (*_ROLE_WORDS[r], r.value) for r in Role}, ROLE_LABELS),
            kinds=_vocabulary({k: (*_KIND_WORDS[k], k.value) for k in SeatKind}, KIND_LABELS),
            sides=_vocabulary(
                {s: (*_SIDE_WORDS[s], s.value) if s.value else _SIDE_WORDS[s] for s in Side},
                SIDE_LABELS,
            ),
            yes_no=_vocabulary({True: _YES_WORDS, False: _NO_WORDS}, {True: YES, False: NO}),
        )


def column_names(key: str) -> str:
    """A column's names in the three languages ("Role / Роль / Рөлі"), for messages."""
    label = next(c.label for c in COLUMNS if c.key == key)
    names = [i18n.translations(lang).gettext(label) for lang in ("en", "ru", "kk")]
    return " / ".join(dict.fromkeys(names))


# -- the preview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why a row cannot be imported: an untranslated message id and its parameters."""

    msgid: str
    params: tuple[tuple[str, str | int], ...] = ()
    column: str = ""

    @classmethod
    def of(cls, msgid: str, column_key: str = "", /, **params: str | int) -> Problem:
        return cls(msgid, tuple(sorted(params.items())), column_key)

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        """The reason in the language of ``translations`` (default: the interface's)."""
        return DomainError(self.msgid, **dict(self.params)).message(translations)

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class CompositionRow:
    """One seat as a file describes it (parsed; texts normalised)."""

    role: Role = Role.MEMBER
    kind: SeatKind = SeatKind.EX_OFFICIO
    position_kk: str = ""
    position_ru: str = ""
    position_en: str = ""
    organisation_kk: str = ""
    organisation_ru: str = ""
    organisation_en: str = ""
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    latin_name: str = ""
    by_agreement: bool = False
    side: Side = Side.NONE
    voting: bool = True
    valid_from: date | None = None

    @property
    def titles(self) -> dict[str, str]:
        return {"kk": self.position_kk, "ru": self.position_ru, "en": self.position_en}

    @property
    def organisations(self) -> dict[str, str]:
        return {"kk": self.organisation_kk, "ru": self.organisation_ru, "en": self.organisation_en}

    @property
    def has_position(self) -> bool:
        return any(self.titles.values())

    @property
    def has_person(self) -> bool:
        return bool(self.surname or self.given_name or self.patronymic or self.latin_name)

    @property
    def full_name(self) -> str:
        name = " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)
        return name or self.latin_name

    def person_key(self) -> tuple[str, str, str]:
        return (self.surname.casefold(), self.given_name.casefold(), self.patronymic.casefold())


@dataclass(frozen=True)
class ImportRow:
    """A row of the file: its number in the file (the header is row 1), values, problems."""

    row: int
    values: CompositionRow
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportPreview:
    """What a file holds, checked row by row, before anything is written."""

    source: str
    columns: tuple[str, ...]
    rows: tuple[ImportRow, ...]
    ignored_headers: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.rows) and all(r.ok for r in self.rows)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def bad_rows(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if not r.ok)

    @property
    def bad_row_count(self) -> int:
        return len(self.bad_rows)

    @property
    def problem_count(self) -> int:
        return sum(len(r.problems) for r in self.rows)

    @property
    def role_counts(self) -> dict[Role, int]:
        counts = Counter(r.values.role for r in self.rows)
        return {role: counts[role] for role in Role if counts[role]}


class ImportFileError(DomainError):
    """The file cannot be read as a composition at all (nothing was imported)."""


class ImportRowError(DomainError):
    """A row was refused while importing; the message names the row and the reason."""

    def __init__(self, row: int, reason: KenesError) -> None:
        self.row = row
        self.reason = reason
        super().__init__(N_("Row {row}: {reason}"), row=row, reason=reason.msgid)

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        t = translations if translations is not None else translation.current()
        reason = self.reason.message(t)
        try:
            return str(t.gettext(self.msgid).format(row=self.row, reason=reason))
        except (KeyError, IndexError, ValueError):
            return self.msgid.format(row=self.row, reason=reason)


def _file_error(msgid: str, path: Path, **params: str | int) -> ImportFileError:
    return ImportFileError(msgid, name=path.name, **params)


def read_composition_file(path: Path) -> ImportPreview:
    """Read and check a composition file (.xlsx or .csv); nothing is written anywhere.

    Refuses (:class:`ImportFileError`) an unknown extension, a file that
    cannot be read or is damaged, an empty file, missing columns, more than
    :data:`MAX_ROWS` rows, or a cell over :data:`MAX_CELL_CHARS` characters.
    Problems of single rows do not refuse the file: they are listed in the
    preview with the row number and the reason.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise _file_error(
            N_("{name}: Kenes reads compositions from .xlsx and .csv files only."), path
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    if size == 0:
        raise _file_error(N_("{name} is empty."), path)
    if size > MAX_FILE_BYTES:
        raise _file_error(
            N_("{name} is too large for a composition list ({size} MB; at most {limit} MB)."),
            path,
            size=size // (1024 * 1024) + 1,
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    raw_rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    return _preview(path, raw_rows)


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook whose parts would unpack beyond what an office PC can hold."""
    try:
        problem = check_zip(path)
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    if problem is None:
        return
    if problem.kind == "damaged":
        raise _file_error(N_("{name} is not an Excel workbook (.xlsx) or it is damaged."), path)
    if problem.kind == "ratio":
        raise _file_error(
            N_(
                "{name} cannot be read safely: its part {part} unpacks to {ratio} times its "
                "packed size (at most {limit} times). Such a file may be made to exhaust the "
                "computer's memory; save the list again in Excel or as CSV."
            ),
            path,
            part=problem.entry,
            ratio=problem.value,
            limit=problem.limit,
        )
    raise _file_error(
        N_(
            "{name} cannot be read safely: unpacked it would take {size} MB (at most {limit} MB). "
            "Such a file may be made to exhaust the computer's memory; save the list again in "
            "Excel or as CSV."
        ),
        path,
        size=problem.value // (1024 * 1024) + 1,
        limit=max(problem.limit // (1024 * 1024), 1),
    )


def _xlsx_rows(path: Path) -> list[tuple[int, list[object]]]:
    _check_unpacked_size(path)  # before openpyxl unpacks anything
    rows: list[tuple[int, list[object]]] = []
    try:
        # openpyxl warns about features it drops (data validation, styles); not our concern.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise _file_error(N_("{name} has no worksheet."), path)
                sheet = book.worksheets[0]
                for number, values in enumerate(
                    sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
                ):
                    _check_scanned(path, number, values)
                    rows.append((number, list(values)))
            finally:
                book.close()
    except KenesError:
        raise
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    except Exception as exc:
        # A damaged or foreign file can fail anywhere in openpyxl (zip, XML, types).
        raise _file_error(
            N_("{name} is not an Excel workbook (.xlsx) or it is damaged."), path
        ) from exc
    return rows


def _csv_rows(path: Path) -> list[tuple[int, list[object]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            N_("{name} is not UTF-8 text; save it as “CSV UTF-8” and try again."), path
        ) from exc
    if "\x00" in text:
        raise _file_error(N_("{name} is not a text file."), path)
    if not text.strip():
        raise _file_error(N_("{name} is empty."), path)
    delimiter = _delimiter(text)
    rows: list[tuple[int, list[object]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, start=1):
            _check_scanned(path, number, values)
            rows.append((number, list(values[:MAX_COLUMNS])))
    except csv.Error as exc:
        raise _file_error(
            N_("{name} is not a valid CSV file ({reason})."), path, reason=str(exc)
        ) from exc
    return rows


def _delimiter(text: str) -> str:
    """Semicolon (Excel in Kazakh and Russian settings) or comma, as the file uses."""
    header = text.lstrip().splitlines()[0] if text.strip() else ""
    try:
        found = csv.Sniffer().sniff(text[:16384], delimiters=";,\t").delimiter
        if found in header:
            return found
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _check_scanned(path: Path, number: int, values: Sequence[object]) -> None:
    if number > MAX_SCANNED_ROWS:
        raise _file_error(
            N_("{name} has too many rows for a composition (at most {limit})."),
            path,
            limit=MAX_ROWS,
        )
    for value in values:
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise _file_error(
                N_(
                    "{name}: a cell in row {row} holds {length} characters (at most {limit}); "
                    "this is not a composition list."
                ),
                path,
                row=number,
                length=len(value),
                limit=MAX_CELL_CHARS,
            )


def _blank(values: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _preview(path: Path, raw_rows: list[tuple[int, list[object]]]) -> ImportPreview:
    rows = [(n, v) for n, v in raw_rows if not _blank(v)]
    if not rows:
        raise _file_error(N_("{name} is empty."), path)
    header_number, header = rows[0]
    data_rows = rows[1:]
    if len(data_rows) > MAX_ROWS:
        raise _file_error(
            N_("{name} has too many rows for a composition (at most {limit})."),
            path,
            limit=MAX_ROWS,
        )
    words = Vocabulary.build()
    columns, ignored = _map_headers(path, header, words)
    if not data_rows:
        raise _file_error(
            N_("{name} has no rows under the header row {row}."), path, row=header_number
        )
    parsed = [_parse_row(number, values, columns, words) for number, values in data_rows]
    found = {c.key for c in columns.values()}
    return ImportPreview(
        source=path.name,
        columns=tuple(k for k in COLUMN_KEYS if k in found),
        rows=tuple(_cross_check(parsed)),
        ignored_headers=tuple(ignored),
    )


@dataclass(frozen=True)
class _FileColumn:
    key: str
    header: str  # as the file writes it, for messages


def _map_headers(
    path: Path, header: Sequence[object], words: Vocabulary
) -> tuple[dict[int, _FileColumn], list[str]]:
    columns: dict[int, _FileColumn] = {}
    seen: dict[str, str] = {}
    ignored: list[str] = []
    for index, cell in enumerate(header):
        name = " ".join(_cell_text(cell).split())
        if not name:
            continue
        key = words.headers.get(_key(name))
        if key is None:
            ignored.append(name[:100])
            continue
        if key in seen:
            raise _file_error(
                N_(
                    "{name}: the columns “{first}” and “{second}” both mean "
                    "“{column}”; keep one of them."
                ),
                path,
                first=seen[key][:100],
                second=name[:100],
                column=column_names(key),
            )
        seen[key] = name
        columns[index] = _FileColumn(key, name[:100])
    if "role" not in seen:
        raise _file_error(
            N_("{name} has no column “{column}”; the first row must name the columns."),
            path,
            column=column_names("role"),
        )
    if not any(k in seen for k in (*POSITION_KEYS, "surname")):
        raise _file_error(
            N_("{name} needs a column for the position title or for the surname."), path
        )
    return columns, ignored


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class _RowParser:
    """Parse the cells of one row, collecting a problem for every bad cell."""

    def __init__(self, cells: dict[str, tuple[str, object]], words: Vocabulary) -> None:
        self.cells = cells  # key -> (header as written, value)
        self.words = words
        self.problems: list[Problem] = []

    def header(self, key: str) -> str:
        return self.cells[key][0] if key in self.cells else key

    def raw(self, key: str) -> object:
        return self.cells[key][1] if key in self.cells else None

    def refuse(self, exc: DomainError, key: str) -> None:
        self.problems.append(Problem.of(exc.msgid, key, **_str_params(exc.params)))

    def text(self, key: str, limit: int) -> str:
        value = _cell_text(self.raw(key))
        try:
            return clean_text(" ".join(value.split()), self.header(key), limit=limit)
        except DomainError as exc:
            self.refuse(exc, key)
            return ""

    def word(self, key: str, table: Mapping[str, _W], msgid: str) -> _W | None:
        value = " ".join(_cell_text(self.raw(key)).split())
        if not value:
            return None
        found = table.get(_key(value))
        if found is None:
            self.problems.append(Problem.of(msgid, key, value=value[:100], column=self.header(key)))
        return found

    def yes_no(self, key: str, default: bool) -> bool:
        value = self.raw(key)
        if isinstance(value, bool):
            return value
        text = _cell_text(value).strip()
        if not text:
            return default
        if text.casefold() in _YES_SYMBOLS:
            return True
        if text in _NO_SYMBOLS:
            return False
        found = self.words.yes_no.get(_key(text))
        if found is None:
            self.problems.append(
                Problem.of(_YES_NO_PROBLEM, key, value=text[:100], column=self.header(key))
            )
            return default
        return found

    def day(self, key: str) -> date | None:
        value = self.raw(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        parsed: date | None = None
        if isinstance(value, datetime):
            parsed = value.date()
        elif isinstance(value, date):
            parsed = value
        elif isinstance(value, str):
            parsed = _parse_date(value.strip())
        if parsed is None:
            self.problems.append(
                Problem.of(
                    _DATE_PROBLEM, key, value=_cell_text(value)[:100], column=self.header(key)
                )
            )
            return None
        try:
            return check_date(parsed, self.header(key))
        except DomainError as exc:
            self.refuse(exc, key)
            return None


def _str_params(params: Mapping[str, Any]) -> dict[str, str | int]:
    return {
        k: v if isinstance(v, int) and not isinstance(v, bool) else str(v)
        for k, v in params.items()
    }


def _parse_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if "T" in text:  # "2024-01-26T00:00:00", as a CSV saved from a date cell may hold
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return None
    return None


def _parse_row(
    number: int, values: Sequence[object], columns: dict[int, _FileColumn], words: Vocabulary
) -> ImportRow:
    cells = {
        column.key: (column.header, values[index] if index < len(values) else None)
        for index, column in columns.items()
    }
    p = _RowParser(cells, words)
    role = p.word("role", words.roles, _ROLE_PROBLEM)
    kind = p.word("kind", words.kinds, _KIND_PROBLEM)
    side = p.word("side", words.sides, _SIDE_PROBLEM)
    row = CompositionRow(
        role=role or Role.MEMBER,
        position_kk=p.text("position_kk", TITLE_LIMIT),
        position_ru=p.text("position_ru", TITLE_LIMIT),
        position_en=p.text("position_en", TITLE_LIMIT),
        organisation_kk=p.text("organisation_kk", TITLE_LIMIT),
        organisation_ru=p.text("organisation_ru", TITLE_LIMIT),
        organisation_en=p.text("organisation_en", TITLE_LIMIT),
        surname=p.text("surname", NAME_LIMIT),
        given_name=p.text("given_name", NAME_LIMIT),
        patronymic=p.text("patronymic", NAME_LIMIT),
        latin_name=p.text("latin_name", LATIN_LIMIT),
        by_agreement=p.yes_no("by_agreement", False),
        side=side or Side.NONE,
        voting=p.yes_no("voting", True),
        valid_from=p.day("valid_from"),
    )
    if kind is None:
        kind = SeatKind.EX_OFFICIO if row.has_position else SeatKind.PERSONAL
    row = replace(row, kind=kind)
    problems = p.problems
    failed = {problem.column for problem in problems}
    if not row.has_position and not row.has_person:
        if not failed & {*POSITION_KEYS, "surname", "given_name", "patronymic", "latin_name"}:
            problems.append(Problem.of(N_("The row names neither a position nor a person.")))
    elif kind is SeatKind.EX_OFFICIO and not row.has_position:
        problems.append(
            Problem.of(N_("An ex officio seat must name the position it belongs to."), "kind")
        )
    elif kind is SeatKind.PERSONAL and not row.has_person:
        problems.append(
            Problem.of(N_("A personal seat must name the person who holds it."), "kind")
        )
    if row.has_person and not row.surname and "surname" not in failed:
        problems.append(
            Problem.of(
                N_("The person's surname is missing; write it or leave the name cells empty."),
                "surname",
            )
        )
    return ImportRow(number, row, tuple(problems))


def _position_keys(row: CompositionRow) -> set[tuple[str, str]]:
    return {(lang, title) for lang, title in row.titles.items() if title}


def _cross_check(rows: list[ImportRow]) -> list[ImportRow]:
    """Problems between rows: a second chair or secretary, a person or position twice."""
    first_of_role: dict[Role, int] = {}
    person_rows: dict[tuple[str, str, str], int] = {}
    position_rows: dict[tuple[str, str], int] = {}
    single = {
        Role.CHAIR: N_("A second chair in the file (the first is in row {first})."),
        Role.SECRETARY: N_("A second secretary in the file (the first is in row {first})."),
    }
    result = []
    for row in rows:
        values, extra = row.values, []
        if values.role in single:
            if values.role in first_of_role:
                extra.append(
                    Problem.of(single[values.role], "role", first=first_of_role[values.role])
                )
            else:
                first_of_role[values.role] = row.row
        if values.surname:
            key = values.person_key()
            if key in person_rows:
                extra.append(
                    Problem.of(
                        _TWICE_PROBLEM, "surname", person=values.full_name, first=person_rows[key]
                    )
                )
            else:
                person_rows[key] = row.row
        if values.kind is SeatKind.EX_OFFICIO:
            keys = _position_keys(values)
            earlier = sorted({position_rows[k] for k in keys if k in position_rows})
            if earlier:
                extra.append(
                    Problem.of(
                        N_(
                            "The position is already in row {first}; an ex officio seat is listed "
                            "once."
                        ),
                        "position_kk",
                        first=earlier[0],
                    )
                )
            for k in keys:
                position_rows.setdefault(k, row.row)
        result.append(ImportRow(row.row, values, row.problems + tuple(extra)))
    return result


# -- the import ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    council_id: int
    effective: date
    seats: tuple[SeatInfo, ...]
    ended_seats: int = 0
    positions_created: int = 0
    people_created: int = 0
    holdings_created: int = 0
    positions_matched: int = 0
    people_matched: int = 0


def _title_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class _Directory:
    """Positions and people already recorded, found by title or by name."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.positions: dict[tuple[str, str], list[int]] = {}
        self.people: dict[tuple[str, str, str], list[Person]] = {}
        for position in session.scalars(
            select(Position).where(Position.archived.is_(False)).order_by(Position.id)
        ):
            self.add_position(position)
        for person in session.scalars(
            select(Person).where(Person.archived.is_(False)).order_by(Person.id)
        ):
            self.add_person(person)

    def add_position(self, position: Position) -> None:
        for lang in LANGS:
            title = _title_key(getattr(position, f"title_{lang}"))
            if title:
                self.positions.setdefault((lang, title), []).append(position.id)

    def add_person(self, person: Person) -> None:
        key = (
            person.surname.casefold(),
            person.given_name.casefold(),
            person.patronymic.casefold(),
        )
        self.people.setdefault(key, []).append(person)

    def position_for(self, row: CompositionRow) -> int | None:
        found: list[int] = []
        for lang, title in row.titles.items():
            ids = self.positions.get((lang, _title_key(title)), []) if title else []
            if ids and ids[0] not in found:
                found.append(ids[0])
        if len(found) > 1:
            a, b = (self.session.get(Position, i) for i in found[:2])
            raise DomainError(
                N_(
                    "The titles in the row match two different recorded positions: “{first}” "
                    "and “{second}”; make the titles agree."
                ),
                first=_position_title(a),
                second=_position_title(b),
            )
        return found[0] if found else None

    def person_for(self, row: CompositionRow) -> Person | None:
        candidates = self.people.get(row.person_key(), [])
        if len(candidates) > 1 and row.latin_name:
            same = [p for p in candidates if p.latin_name.casefold() == row.latin_name.casefold()]
            candidates = same or candidates
        return candidates[0] if candidates else None


def _position_title(position: Position | None) -> str:
    if position is None:
        return ""
    return position.title_kk or position.title_ru or position.title_en


@dataclass
class _Counts:
    positions_created: int = 0
    people_created: int = 0
    holdings_created: int = 0
    positions_matched: int = 0
    people_matched: int = 0
    holding_positions: set[int] = field(default_factory=set)


def import_composition(
    db: Database,
    actor: Actor,
    council_id: int,
    preview: ImportPreview,
    effective: date,
    act: ActData,
) -> ImportResult:
    """Record the rows of a checked file as a new edition of a council's composition.

    One transaction: positions and people are found (a position by its title in
    any language, a person by surname, name and patronymic) or created; an ex
    officio seat whose position has no holder when the seat starts gets the
    person of the row as holder; every seat valid on ``effective`` ends the day
    before, and the rows start on ``effective`` (or on their own later "valid
    from" date).  Any problem in the file, any composition rule broken, or any
    refusal on the way, and nothing is written.
    """
    start = check_date(effective, N_("From"))
    assert start is not None
    _check_preview(preview)
    if not preview.rows:
        raise DomainError(N_("A new edition of the composition needs at least one seat."))
    if not preview.ok:
        raise DomainError(
            N_(
                "The file has problems in {count} row(s); correct them and read the file "
                "again. Nothing was imported."
            ),
            count=preview.bad_row_count,
        )
    if not isinstance(act, ActData) or (not act.title and not act.number):
        raise DomainError(N_("A new edition of the composition needs the act that approves it."))
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        act_record = make_act(session, act, council.id)
        ended = _end_current_seats(session, actor, council.id, start, act_record)
        directory = _Directory(session)
        counts = _Counts()
        created: list[Seat] = []
        for index, row in enumerate(preview.rows):
            try:
                data = _seat_data(session, actor, directory, counts, row.values, start)
                clean = _validated(session, data)
                created.append(_new_seat(session, council, clean, act_record, (index + 1) * 10))
                session.flush()
            except KenesError as exc:
                raise ImportRowError(row.row, exc) from exc
        check_council(session, council.id)
        _check_other_councils(session, council.id, counts.holding_positions)
        for seat in created:
            audit(session, actor, "seat.create", seat, council_id=council.id)
        audit(
            session,
            actor,
            "composition.import",
            entity="councils",
            entity_id=council.id,
            council_id=council.id,
            after={
                "file": preview.source,
                "effective": start.isoformat(),
                "act": act.title,
                "number": act.number,
                "seats": len(created),
                "ended_seats": ended,
                "positions_created": counts.positions_created,
                "people_created": counts.people_created,
                "holdings_created": counts.holdings_created,
            },
        )
        return ImportResult(
            council_id=council.id,
            effective=start,
            seats=tuple(seat_info(s) for s in created),
            ended_seats=ended,
            positions_created=counts.positions_created,
            people_created=counts.people_created,
            holdings_created=counts.holdings_created,
            positions_matched=counts.positions_matched,
            people_matched=counts.people_matched,
        )


_ROW_TYPES: dict[str, type | tuple[type, ...]] = {
    "role": Role,
    "kind": SeatKind,
    "side": Side,
    "by_agreement": bool,
    "voting": bool,
    "valid_from": (date, type(None)),
}


def _check_preview(preview: object) -> None:
    """Refuse a preview that :func:`read_composition_file` cannot have made."""
    stale = DomainError(N_("Read the file again before importing it."))
    if not isinstance(preview, ImportPreview) or not isinstance(preview.rows, tuple | list):
        raise stale
    for row in preview.rows:
        if not (
            isinstance(row, ImportRow)
            and isinstance(row.row, int)
            and isinstance(row.problems, tuple | list)
            and isinstance(row.values, CompositionRow)
        ):
            raise stale
        for item in fields(CompositionRow):
            value = getattr(row.values, item.name)
            expected = _ROW_TYPES.get(item.name, str)
            if not isinstance(value, expected) or isinstance(value, datetime):
                raise stale
        if row.values.valid_from is not None:
            check_date(row.values.valid_from, N_("Valid from"))


def _end_current_seats(
    session: Session, actor: Actor, council_id: int, start: date, act_record: Act | None
) -> int:
    """End every seat valid on ``start`` the day before (as record_new_edition does)."""
    ended = 0
    for seat in _council_seats(session, council_id):
        if seat.valid_from >= start:
            raise DomainError(
                N_(
                    "A seat already starts on or after {day}; a new edition cannot start before it."
                ),
                day=start.isoformat(),
            )
        if seat.valid_to is None or seat.valid_to >= start:
            before = snapshot(seat)
            seat.valid_to = start - timedelta(days=1)
            seat.end_act_id = act_record.id if act_record else None
            audit(session, actor, "seat.end", seat, before=before, council_id=council_id)
            ended += 1
    return ended


def _seat_data(
    session: Session,
    actor: Actor,
    directory: _Directory,
    counts: _Counts,
    row: CompositionRow,
    start: date,
) -> SeatData:
    seat_start = max(start, row.valid_from) if row.valid_from else start
    position_id: int | None = None
    if row.has_position:
        position_id = directory.position_for(row)
        if position_id is None:
            position = Position()
            _apply_position(
                position,
                PositionData(
                    title_kk=row.position_kk,
                    title_ru=row.position_ru,
                    title_en=row.position_en,
                    organisation_kk=row.organisation_kk,
                    organisation_ru=row.organisation_ru,
                    organisation_en=row.organisation_en,
                ),
            )
            session.add(position)
            audit(session, actor, "position.create", position)
            directory.add_position(position)
            position_id = position.id
            counts.positions_created += 1
        else:
            counts.positions_matched += 1
    person: Person | None = None
    if row.has_person:
        person = directory.person_for(row)
        if person is None:
            person = Person()
            _apply_person(
                person,
                PersonData(
                    surname=row.surname,
                    given_name=row.given_name,
                    patronymic=row.patronymic,
                    latin_name=row.latin_name,
                ),
            )
            session.add(person)
            audit(session, actor, "person.create", person)
            directory.add_person(person)
            counts.people_created += 1
        else:
            counts.people_matched += 1
    if row.kind is SeatKind.EX_OFFICIO:
        if position_id is None:
            raise DomainError(N_("An ex officio seat must name the position it belongs to."))
        if person is not None:
            _ensure_holder(session, actor, counts, position_id, person, seat_start)
        return SeatData(
            row.role,
            SeatKind.EX_OFFICIO,
            seat_start,
            position_id=position_id,
            voting=row.voting,
            by_agreement=row.by_agreement,
            side=row.side,
        )
    if person is None:
        raise DomainError(N_("A personal seat must name the person who holds it."))
    return SeatData(
        row.role,
        SeatKind.PERSONAL,
        seat_start,
        position_id=position_id,
        person_id=person.id,
        voting=row.voting,
        by_agreement=row.by_agreement,
        side=row.side,
    )


def _ensure_holder(
    session: Session, actor: Actor, counts: _Counts, position_id: int, person: Person, day: date
) -> None:
    """The row's person holds the position on ``day``: already, or appointed from then."""
    holdings = holding_facts(session, {position_id})
    holder = holder_on(position_id, day, holdings)
    if holder == person.id:
        return
    if holder is not None:
        other = session.get(Person, holder)
        raise DomainError(
            N_(
                "The position “{title}” is held by {holder} on {day}, not by {person}; record "
                "the appointment first or leave the name cells empty."
            ),
            title=_position_title(session.get(Position, position_id)),
            holder=_name(other),
            person=_name(person),
            day=day.isoformat(),
        )
    if person.archived:
        raise DomainError(N_("Archived people and positions cannot be appointed."))
    later = sorted(h.period.start for h in holdings if h.period.start > day)
    end = later[0] - timedelta(days=1) if later else None
    holding = PositionHolding(
        position_id=position_id, person_id=person.id, valid_from=day, valid_to=end
    )
    session.add(holding)
    audit(session, actor, "holding.create", holding)
    counts.holdings_created += 1
    counts.holding_positions.add(position_id)


def _name(person: Person | None) -> str:
    if person is None:
        return ""
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


def _check_other_councils(session: Session, council_id: int, position_ids: set[int]) -> None:
    """A new holder sits in the position's ex officio seats of other councils too."""
    if not position_ids:
        return
    others = set(
        session.scalars(
            select(Seat.council_id).where(
                Seat.position_id.in_(position_ids), Seat.council_id != council_id
            )
        )
    )
    for other in sorted(others):
        check_council(session, other)


# -- export --------------------------------------------------------------------------------


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return lang


def _row_values(line: CompositionLine, lang: str) -> list[object]:
    t = i18n.translations(lang)
    seat, position, person = line.seat, line.position, line.person
    titles = position.titles if position else {}
    organisations = position.organisations if position else {}
    values: dict[str, object] = {
        "role": t.gettext(ROLE_LABELS[seat.role]),
        "kind": t.gettext(KIND_LABELS[seat.kind]),
        **{f"position_{lg}": titles.get(lg, "") for lg in LANGS},
        **{f"organisation_{lg}": organisations.get(lg, "") for lg in LANGS},
        "surname": person.surname if person else "",
        "given_name": person.given_name if person else "",
        "patronymic": person.patronymic if person else "",
        "latin_name": person.latin_name if person else "",
        "by_agreement": t.gettext(YES if seat.by_agreement else NO),
        "side": t.gettext(SIDE_LABELS[seat.side]) if seat.side is not Side.NONE else "",
        "voting": t.gettext(YES if seat.voting else NO),
        "valid_from": seat.valid_from,
    }
    return [values[key] for key in COLUMN_KEYS]


_WIDTHS = {
    "role": 22,
    "kind": 16,
    "surname": 18,
    "given_name": 16,
    "patronymic": 18,
    "latin_name": 24,
    "by_agreement": 14,
    "side": 18,
    "voting": 12,
    "valid_from": 13,
}


def export_composition_xlsx(db: Database, council_id: int, on: date, path: Path, lang: str) -> Path:
    """Write the composition on ``on`` as an XLSX file in the import's column layout."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _check_lang(lang)
    t = i18n.translations(lang)
    lines = composition(db, council_id, on)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(t.gettext(N_("Composition")))
    sheet.append([t.gettext(c.label) for c in COLUMNS])
    for line in lines:
        sheet.append(_row_values(line, lang))
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, key in enumerate(COLUMN_KEYS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(key, 45)
        sheet.cell(row=1, column=index).font = bold
        sheet.cell(row=1, column=index).alignment = wrap
    date_column = COLUMN_KEYS.index("valid_from") + 1
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a title is text, never a formula
        row[date_column - 1].number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    return _write_atomically(Path(path), book.save)


def _sheet_title(text: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip() or "Composition"
    return cleaned[:31]


def _write_atomically(path: Path, write: Callable[[str], object]) -> Path:
    """Write through a temporary file in the same folder, so no half-written file remains."""
    try:
        # Synced before the rename; the temporary file is removed on any failure.
        atomic.write_path(path, lambda temporary: write(str(temporary)))
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    return path


# -- the PDF list --------------------------------------------------------------------------


def _kk_genitive(word: str) -> str:
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


def _ru_genitive(name: str) -> str | None:
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


def _heading(council: Any, lang: str) -> str:
    t = i18n.translations(lang)
    own = council.names.get(lang, "")
    name = council.name(lang)
    if own and lang == "kk":
        words = own.split(" ")
        words[-1] = _kk_genitive(words[-1])
        return t.gettext(N_("Composition of the {council}")).format(council=" ".join(words))
    if own and lang == "ru":
        genitive = _ru_genitive(own)
        if genitive is not None:
            return t.gettext(N_("Composition of the {council}")).format(council=genitive)
    if own and lang == "en":
        bare = own[4:] if own.lower().startswith("the ") else own
        return t.gettext(N_("Composition of the {council}")).format(council=bare)
    return t.gettext(N_("Composition: {council}")).format(council=name)


def _edition_act(session: Session, seats: Sequence[Seat], on: date) -> Act | None:
    valid = [
        s
        for s in seats
        if s.valid_from <= on and (s.valid_to is None or on <= s.valid_to) and s.act_id is not None
    ]
    if not valid:
        return None
    latest = max(s.valid_from for s in valid)
    acts = Counter(s.act_id for s in valid if s.valid_from == latest)
    act_id = max(acts, key=lambda a: (acts[a], a or 0))
    return session.get(Act, act_id) if act_id else None


def _edition_note(db: Database, council_id: int, on: date, lang: str) -> str:
    t = i18n.translations(lang)
    with db.reading() as session:
        act = _edition_act(session, _council_seats(session, council_id), on)
        if act is None:
            return ""
        # The title in the list's language only: a Russian list never prints a Kazakh title.
        parts = [getattr(act, f"title_{lang}")]
        if act.act_date:
            parts.append(short_date(act.act_date, lang))
        if act.number:
            parts.append(t.gettext(N_("No. {number}")).format(number=act.number))
        reference = " ".join(p for p in parts if p)
    if not reference:
        return ""
    return t.gettext(N_("Note. The composition as amended by {act}.")).format(act=reference)


def _entry(line: CompositionLine, lang: str) -> CompositionEntry:
    from app.reports.composition_pdf import CompositionEntry

    t = i18n.translations(lang)
    seat = line.seat
    title = _position_line(line.position, lang)
    role = t.gettext(ROLE_LABELS[seat.role]) if seat.role is not Role.MEMBER else ""
    agreement = f" ({t.gettext(BY_AGREEMENT)})" if seat.by_agreement else ""
    person = line.person
    name = person.full_name(lang) if person else ""
    position_text = ", ".join(p for p in (title, role) if p) + agreement if title else ""
    if seat.kind is SeatKind.PERSONAL or not title:
        listed = f"{name} – {title}" if title else name
        text = ", ".join(p for p in (listed, role) if p) + agreement
    else:
        text = position_text
    table_text = position_text or (t.gettext(ROLE_LABELS[seat.role]) + agreement)
    return CompositionEntry(
        text=text,
        role=seat.role.value,
        by_agreement=seat.by_agreement,
        person=name,
        person_lines=_person_lines(person, lang),
        table_text=table_text,
    )


def _position_line(position: PositionInfo | None, lang: str) -> str:
    if position is None:
        return ""
    title = position.title(lang)
    organisation = position.organisation(lang)
    if organisation and organisation not in title:
        return f"{title}, {organisation}"
    return title


def _person_lines(person: PersonInfo | None, lang: str) -> tuple[str, ...]:
    if person is None:
        return ()
    if lang == "en" and person.latin_name:
        return (person.latin_name,)
    rest = " ".join(p for p in (person.given_name, person.patronymic) if p)
    return (person.surname, rest) if rest else (person.surname,)


def composition_snapshot(
    db: Database, council_id: int, on: date, lang: str, heading: str | None = None
) -> CompositionSnapshot:
    """The composition on ``on`` as plain data in ``lang``, ready for the PDF.

    ``heading`` replaces the generated heading (e.g. when the council's name
    needs a grammatical form Kenes cannot derive).
    """
    from app.reports.composition_pdf import CompositionSnapshot

    _check_lang(lang)
    day = check_date(on, N_("Date"))
    assert day is not None
    t = i18n.translations(lang)
    council = get_council(db, council_id)
    lines = composition(db, council_id, day)
    return CompositionSnapshot(
        lang=lang,
        council_name=council.name(lang),
        heading=heading.strip() if heading and heading.strip() else _heading(council, lang),
        edition_note=_edition_note(db, council_id, day, lang),
        on=day,
        date_line=t.gettext(N_("As of {date}")).format(date=legal_date(day, lang)),
        entries=tuple(_entry(line, lang) for line in lines),
        vacant_label=t.gettext(N_("vacant")),
    )


def export_composition_pdf(
    db: Database,
    council_id: int,
    on: date,
    path: Path,
    lang: str,
    *,
    with_names: bool = False,
    heading: str | None = None,
) -> Path:
    """Write the composition on ``on`` as a PDF list in ``lang`` (seed 000's annex form)."""
    from app.reports import composition_pdf

    data = composition_pdf.render(
        composition_snapshot(db, council_id, on, lang, heading), with_names=with_names
    )
    return _write_atomically(Path(path), lambda target: Path(target).write_bytes(data))


def iter_problems(preview: ImportPreview) -> Iterator[tuple[int, Problem]]:
    """Every (row number, problem) of a preview, in file order."""
    for row in preview.rows:
        for problem in row.problems:
            yield row.row, problem
