"""The Kenes exchange format, version 1: its layout, and reading a file with limits.

A file is one JSON document (``.json``), or a ZIP archive (``.kenes.zip``)
holding that document as ``kenes-exchange.json`` and the material files (and
the issued protocol PDFs) as ``blobs/<sha256>``.  The layout is described in
``docs/exchange-format.md`` and ``schemas/kenes-exchange-1.schema.json``::

    {"format": "kenes-exchange", "version": 1, "kind": "archive",
     "created_at": "2026-11-22T10:00:00+00:00", "generator": "Kenes 0.1.0",
     "scope": {...}, "package": {...} (meeting packages only),
     "tables": {"councils": [...], "people": [...], ...}}

Every record names itself by its stable identifier ``uid`` (32 hexadecimal
digits) and refers to other records by theirs, never by database ids.  The
few records without an identifier of their own (ballots, reopenings of a
vote, the parts of a protocol) are nested in the record they belong to.

Reading (:func:`read_archive_file`) trusts nothing: the file's size, the
nesting depth (counted before the JSON parser runs), the length of every
string, the number of records, duplicate keys and identifiers, and for a
ZIP archive every entry's name (no absolute paths, no "..", no links), the
number of entries and their total unpacked size (counted while unpacking,
whatever the archive's headers claim).  A file that breaks any of these is
refused with one clear error; problems of single records are all collected
and reported together, each with its place in the file (a JSON pointer).
"""

from __future__ import annotations

import gettext
import hashlib
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from app.domain import translation
from app.domain.composition import Role, SeatKind, Side
from app.domain.council import CouncilKind
from app.domain.errors import DomainError, EnvironmentProblem
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.protocol import ProtocolState
from app.domain.translation import N_
from app.domain.voting import DUPLICATE_BALLOT
from app.formats import atomic

FORMAT_NAME = "kenes-exchange"
FORMAT_VERSION = 1
DOCUMENT_ENTRY = "kenes-exchange.json"
BLOB_PREFIX = "blobs/"

KIND_ARCHIVE = "archive"
KIND_PACKAGE = "meeting-package"
KIND_RETURN = "meeting-return"
KINDS = (KIND_ARCHIVE, KIND_PACKAGE, KIND_RETURN)

UID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
LANGS = ("kk", "ru", "en")
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a file may hold; generous for real archives, tight enough to refuse abuse."""

    max_file_bytes: int = 4096 * MEGABYTE  # the file on disk (ZIP or JSON)
    max_json_bytes: int = 512 * MEGABYTE  # the JSON document itself
    max_depth: int = 40  # nesting of arrays and objects (the layout needs about 12)
    max_string_chars: int = 200_000  # any single string (field limits are tighter)
    max_records: int = 2_000_000  # records in all tables together
    max_entries: int = 100_000  # entries of a ZIP archive
    max_unpacked_bytes: int = 8192 * MEGABYTE  # all entries of a ZIP archive, unpacked


DEFAULT_LIMITS = Limits()


# -- problems -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported: where in the file, and why (untranslated)."""

    location: str  # a JSON pointer ("/tables/seats/3/role") or a ZIP entry ("blobs/…")
    msgid: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, location: str, msgid: str, /, **params: Any) -> Problem:
        return cls(location, msgid, tuple(sorted(params.items())))

    @classmethod
    def from_error(cls, location: str, error: DomainError) -> Problem:
        return cls(location, error.msgid, tuple(sorted(error.params.items())))

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        """The reason in the language of ``translations`` (default: the interface's)."""
        return DomainError(self.msgid, **dict(self.params)).message(translations)

    def __str__(self) -> str:
        return f"{self.location}: {self.message()}"


class ArchiveFileError(DomainError):
    """The file cannot be read as a Kenes exchange file at all; nothing was changed."""


class ImportRefused(DomainError):
    """The import is refused; :attr:`problems` lists every problem found, nothing was changed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(
            N_("The file cannot be imported; nothing was changed. Problems found: {count}."),
            count=len(self.problems),
        )

    def report(self, translations: gettext.NullTranslations | None = None) -> list[tuple[str, str]]:
        """(location, translated message) for every problem, in file order."""
        t = translations if translations is not None else translation.current()
        return [(p.location, p.message(t)) for p in self.problems]


# -- the layout of the tables ------------------------------------------------------------------

TEXT, INT, BOOL, DATE, DATETIME, TIME, JSON, REF, ENUM, SHA, UID, LIST = (
    "text",
    "int",
    "bool",
    "date",
    "datetime",
    "time",
    "json",
    "ref",
    "enum",
    "sha256",
    "uid",
    "list",
)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record: its JSON name and kind, the column it fills, its limits."""

    name: str
    kind: str
    column: str = ""
    nullable: bool = False
    limit: int = 0  # text: the same limit the services apply
    multiline: bool = False
    target: str = ""  # ref: the table referred to
    choices: tuple[str, ...] = ()  # enum
    nested: TableSpec | None = None  # list: the records nested in this one
    # A field added after version 1 was first written: files without it still read,
    # with ``default`` in its place (the importer may then derive the value).
    optional: bool = False
    default: Any = None

    @property
    def attr(self) -> str:
        return self.column or self.name


@dataclass(frozen=True)
class TableSpec:
    """A table of the format: its name (also the database table's) and fields."""

    name: str
    fields: tuple[FieldSpec, ...]
    keyed: bool = True  # a record names itself by "uid"; nested records are not keyed

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _text(name: str, limit: int, *, multiline: bool = False) -> FieldSpec:
    return FieldSpec(name, TEXT, limit=limit, multiline=multiline)


def _langs(prefix: str, limit: int, *, multiline: bool = False) -> tuple[FieldSpec, ...]:
    return tuple(_text(f"{prefix}_{lang}", limit, multiline=multiline) for lang in LANGS)


def _ref(name: str, target: str, *, nullable: bool = False, column: str = "") -> FieldSpec:
    return FieldSpec(name, REF, column=column or f"{name}_id", target=target, nullable=nullable)


def _enum(name: str, choices: Iterable[str], *, nullable: bool = False) -> FieldSpec:
    return FieldSpec(name, ENUM, choices=tuple(choices), nullable=nullable)


_UID = FieldSpec("uid", UID)
_CREATED = FieldSpec("created_at", DATETIME)
_FLAGS = (FieldSpec("is_demo", BOOL), FieldSpec("archived", BOOL))
_CHOICES = ("for", "against", "abstained")

ACTS = TableSpec(
    "acts",
    (
        _UID,
        _CREATED,
        _ref("council", "councils", nullable=True),
        _text("title", 1000),
        # Added with titles per language; older files: ``title`` filed under its language.
        *(
            FieldSpec(f"title_{lang}", TEXT, limit=1000, optional=True, default="")
            for lang in LANGS
        ),
        _text("number", 64),
        FieldSpec("act_date", DATE, nullable=True),
        _text("note", 5000, multiline=True),
    ),
)
COUNCILS = TableSpec(
    "councils",
    (
        _UID,
        _CREATED,
        *_langs("name", 1000),
        _enum("kind", (k.value for k in CouncilKind)),
        _ref("parent", "councils", nullable=True),
        _text("act_title", 1000),
        _text("act_number", 64),
        FieldSpec("act_date", DATE, nullable=True),
        *_langs("working_body", 1000),
        _text("preset_key", 64),
        FieldSpec("profile", JSON),
        *_FLAGS,
    ),
)
PEOPLE = TableSpec(
    "people",
    (
        _UID,
        _CREATED,
        _text("surname", 200),
        _text("given_name", 200),
        _text("patronymic", 200),
        # Added with grammatical gender.  Empty (or absent, in older files): taken from
        # the patronymic on import.
        FieldSpec(
            "gender", ENUM, choices=("", "male", "female", "unknown"), optional=True, default=""
        ),
        _text("latin_name", 300),
        _text("email", 300),
        _text("phone", 100),
        _text("note", 5000, multiline=True),
        *_FLAGS,
    ),
)
POSITIONS = TableSpec(
    "positions",
    (_UID, _CREATED, *_langs("title", 1000), *_langs("organisation", 1000), *_FLAGS),
)
HOLDINGS = TableSpec(
    "position_holdings",
    (
        _UID,
        _CREATED,
        _ref("position", "positions"),
        _ref("person", "people"),
        FieldSpec("valid_from", DATE),
        FieldSpec("valid_to", DATE, nullable=True),
        _ref("act", "acts", nullable=True),
    ),
)
SEATS = TableSpec(
    "seats",
    (
        _UID,
        _CREATED,
        _ref("council", "councils"),
        _enum("role", (r.value for r in Role)),
        _enum("kind", (k.value for k in SeatKind)),
        _ref("position", "positions", nullable=True),
        _ref("person", "people", nullable=True),
        FieldSpec("voting", BOOL),
        FieldSpec("by_agreement", BOOL),
        _enum("side", (s.value for s in Side)),
        FieldSpec("valid_from", DATE),
        FieldSpec("valid_to", DATE, nullable=True),
        FieldSpec("sort_order", INT),
        _ref("act", "acts", nullable=True),
        _ref("end_act", "acts", nullable=True),
        _text("note", 2000),
    ),
)
MEETINGS = TableSpec(
    "meetings",
    (
        _UID,
        _CREATED,
        _ref("council", "councils"),
        _enum("kind", (k.value for k in MeetingKind)),
        FieldSpec("number", INT),
        FieldSpec("meeting_date", DATE),
        FieldSpec("starts_at", TIME),
        FieldSpec("ends_at", TIME, nullable=True),
        *_langs("place", 1000),
        _ref("presiding_person", "people"),
        _enum("state", (s.value for s in MeetingState)),
        _text("state_reason", 5000, multiline=True),
        FieldSpec("state_changed_at", DATETIME),
        _text("state_changed_by", 200),
        FieldSpec("approved_at", DATETIME, nullable=True),
        _text("approved_by", 200),
        _ref("approver_person", "people", nullable=True),
        _text("note", 5000, multiline=True),
    ),
)
AGENDA_ITEMS = TableSpec(
    "agenda_items",
    (
        _UID,
        _CREATED,
        _ref("meeting", "meetings"),
        FieldSpec("position", INT),
        *_langs("title", 2000),
        *_langs("responsible", 1000),
        FieldSpec("is_instructions_report", BOOL),
        _text("note", 5000, multiline=True),
    ),
)
ITEM_SPEAKERS = TableSpec(
    "item_speakers",
    (
        _UID,
        _CREATED,
        _ref("item", "agenda_items"),
        FieldSpec("position", INT),
        _ref("person", "people", nullable=True),
        _text("name", 300),
        *_langs("position", 1000),
        *_langs("organisation", 1000),
    ),
)
MATERIALS = TableSpec(
    "materials",
    (
        _UID,
        _CREATED,
        _ref("item", "agenda_items"),
        FieldSpec("position", INT),
        _text("file_name", 255),
        _text("media_type", 200),
        FieldSpec("size", INT),
        FieldSpec("sha256", SHA),
        _text("attached_by", 200),
    ),
)
APPROVALS = TableSpec(
    "agenda_approvals",
    (
        _UID,
        _CREATED,
        _ref("meeting", "meetings"),
        FieldSpec("approved_at", DATETIME),
        _text("approved_by", 200),
        _ref("approver_person", "people"),
        FieldSpec("item_count", INT),
        FieldSpec("agenda_digest", SHA),
    ),
)
REVISIONS = TableSpec(
    "agenda_revisions",
    (
        _UID,
        _CREATED,
        _ref("meeting", "meetings"),
        _ref("approval", "agenda_approvals"),
        FieldSpec("changed_at", DATETIME),
        _text("changed_by", 200),
        _text("action", 64),
        # The item changed; null when it was removed (the database keeps no key to it).
        _ref("item", "agenda_items", nullable=True),
        FieldSpec("revoked_approval", BOOL),
        FieldSpec("details", JSON),
    ),
)
NOTIFICATIONS = TableSpec(
    "notifications",
    (
        _UID,
        _CREATED,
        _ref("meeting", "meetings"),
        _ref("person", "people"),
        FieldSpec("round", INT),
        _enum("channel", ("pdf", "ics")),
        _enum("lang", LANGS),
        _text("file_name", 500),
        FieldSpec("file_sha256", SHA),
        FieldSpec("notified_at", DATETIME),
        _text("notified_by", 200),
    ),
)
ATTENDANCE = TableSpec(
    "attendance",
    (
        _UID,
        _CREATED,
        _ref("meeting", "meetings"),
        _ref("person", "people"),
        FieldSpec("present", BOOL),
        _text("absence_reason", 1000),
        # Added with reasons per language; older files: read from absence_reason on import.
        FieldSpec(
            "absence_kind",
            ENUM,
            choices=("", "business_trip", "illness", "vacation", "family", "other"),
            optional=True,
            default="",
        ),
        *(
            FieldSpec(f"absence_reason_{lang}", TEXT, limit=1000, optional=True, default="")
            for lang in LANGS
        ),
        FieldSpec("arrived_before_item", INT, nullable=True),
        FieldSpec("left_after_item", INT, nullable=True),
        # Added with the times of arrivals and departures; older files have none.
        FieldSpec("arrived_at", TIME, nullable=True, optional=True, default=None),
        FieldSpec("left_at", TIME, nullable=True, optional=True, default=None),
    ),
)
INVITED = TableSpec(
    "invited_persons",
    (
        _UID,
        _CREATED,
        _ref("meeting", "meetings"),
        _ref("person", "people", nullable=True),
        _text("name", 300),
        _text("latin_name", 300),
        *_langs("position", 1000),
        *_langs("organisation", 1000),
        _enum("role", ("speaker", "expert", "guest", "substitute")),
        _ref("instead_of_person", "people", nullable=True),
        FieldSpec("sort_order", INT),
    ),
)
BALLOTS = TableSpec(
    "ballots",
    (
        _ref("person", "people"),
        _enum("choice", _CHOICES),
        FieldSpec("recorded_at", DATETIME),
    ),
    keyed=False,
)
REOPENINGS = TableSpec(
    "voting_reopenings",
    (
        FieldSpec("reopened_at", DATETIME),
        _text("reopened_by", 200),
        _text("reason", 2000, multiline=True),
        # The closed state it replaced, people named by uid (history, never a result in force).
        FieldSpec("previous", JSON, nullable=True),
    ),
    keyed=False,
)
DECISION_POINTS = TableSpec(
    "decision_points",
    (
        _UID,
        _CREATED,
        _ref("item", "agenda_items"),
        FieldSpec("number", INT),
        *_langs("text", 20_000, multiline=True),
        _enum("mode", ("roll_call", "counts")),
        _enum("state", ("open", "closed")),
        FieldSpec("count_for", INT, nullable=True),
        FieldSpec("count_against", INT, nullable=True),
        FieldSpec("count_abstained", INT, nullable=True),
        _enum("presiding_choice", ("", *_CHOICES, "did_not_vote")),
        _enum("chair_choice", ("", *_CHOICES, "did_not_vote")),
        FieldSpec("closed_at", DATETIME, nullable=True),
        _text("closed_by", 200),
        FieldSpec("ballots", LIST, nested=BALLOTS),
        FieldSpec("reopenings", LIST, nested=REOPENINGS),
    ),
)
DISSENTS = TableSpec(
    "dissenting_opinions",
    (
        _UID,
        _CREATED,
        _ref("decision_point", "decision_points"),
        _ref("person", "people"),
        _text("text", 50_000, multiline=True),
        _enum("language", LANGS),
        FieldSpec("received_on", DATE),
    ),
)
INSTRUCTIONS = TableSpec(
    "protocol_instructions",
    (
        _UID,
        _CREATED,
        _ref("decision_point", "decision_points"),
        FieldSpec("number", INT),
        *_langs("text", 20_000, multiline=True),
        _ref("executor_person", "people", nullable=True),
        *_langs("executor", 20_000, multiline=True),
        FieldSpec("deadline", DATE, nullable=True),
        *_langs("completion_form", 20_000, multiline=True),
        _text("state", 16),
    ),
)
NARRATIVES = TableSpec(
    "protocol_narratives",
    (
        _ref("item", "agenda_items"),
        _enum("lang", LANGS),
        _text("heard", 50_000, multiline=True),
        _text("spoke", 10_000, multiline=True),
        _text("discussion", 50_000, multiline=True),
    ),
    keyed=False,
)
AGREEMENTS = TableSpec(
    "protocol_agreements",
    (
        _text("agreed_by", 500),
        FieldSpec("agreed_on", DATE),
        _text("remarks", 20_000, multiline=True),
        FieldSpec("recorded_at", DATETIME),
    ),
    keyed=False,
)
SIGNATURES = TableSpec(
    "protocol_signatures",
    (
        _ref("person", "people"),
        _enum("role", ("presiding", "secretary")),
        FieldSpec("signed_on", DATE),
        _enum("method", ("paper", "electronic")),
    ),
    keyed=False,
)
COPIES = TableSpec(
    "protocol_copies",
    (
        _ref("person", "people", nullable=True),
        _text("recipient", 500),
        FieldSpec("sent_on", DATE),
        _text("channel", 32),
    ),
    keyed=False,
)
ISSUED = TableSpec(
    "issued_documents",
    (
        _enum("lang", LANGS),
        FieldSpec("snapshot", JSON),
        FieldSpec("snapshot_sha256", SHA),
        FieldSpec("pdf_sha256", SHA),
        FieldSpec("with_gaps", BOOL),
        FieldSpec("gaps", JSON),
        FieldSpec("issued_at", DATETIME),
        _text("issued_by", 200),
    ),
    keyed=False,
)
PROTOCOLS = TableSpec(
    "protocols",
    (
        _UID,
        _CREATED,
        _ref("meeting", "meetings"),
        FieldSpec("revision", INT),
        _ref("replaces", "protocols", nullable=True, column="replaces_id"),
        _text("revision_reason", 5000, multiline=True),
        _text("number", 64),
        *_langs("city", 200),
        _enum("main_language", LANGS),
        _enum("state", (s.value for s in ProtocolState)),
        FieldSpec("agreed_at", DATETIME, nullable=True),
        FieldSpec("signed_on", DATE, nullable=True),
        FieldSpec("signed_at", DATETIME, nullable=True),
        _text("signed_by", 200),
        FieldSpec("copies_sent_on", DATE, nullable=True),
        FieldSpec("narratives", LIST, nested=NARRATIVES),
        FieldSpec("agreements", LIST, nested=AGREEMENTS),
        FieldSpec("signatures", LIST, nested=SIGNATURES),
        FieldSpec("copies", LIST, nested=COPIES),
        FieldSpec("issued", LIST, nested=ISSUED),
    ),
)
CALENDAR = TableSpec(
    "calendar_overrides",
    (
        _UID,
        _CREATED,
        FieldSpec("day", DATE),
        FieldSpec("is_working_day", BOOL),
        _text("note", 1000),
    ),
)

# In the order records are written: every table after the tables it refers to
# (the two references to a record of the same table are set in a second pass).
TABLES: tuple[TableSpec, ...] = (
    COUNCILS,
    ACTS,
    PEOPLE,
    POSITIONS,
    HOLDINGS,
    SEATS,
    MEETINGS,
    AGENDA_ITEMS,
    ITEM_SPEAKERS,
    MATERIALS,
    APPROVALS,
    REVISIONS,
    NOTIFICATIONS,
    ATTENDANCE,
    INVITED,
    DECISION_POINTS,
    DISSENTS,
    INSTRUCTIONS,
    PROTOCOLS,
    CALENDAR,
)
TABLE_BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}
TOP_LEVEL_KEYS = (
    "format",
    "version",
    "kind",
    "created_at",
    "generator",
    "scope",
    "package",
    "tables",
)
REQUIRED_TOP_LEVEL = ("format", "version", "kind", "created_at", "tables")


# -- values ------------------------------------------------------------------------------------


def utc_text(moment: datetime) -> str:
    """A moment as ISO 8601 in UTC (SQLite hands moments back without a zone: they are UTC)."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.isoformat()


def parse_moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    return moment.astimezone(UTC)


def canonical(value: Any) -> str:
    """The canonical JSON text of a value: sorted keys, no spaces, UTF-8 characters kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _key_text(value: Any) -> str:
    return "" if value is None else str(value)


# Nested records have no identifier: they are kept in this order, which does not depend on
# any database's ids, so the same content is always the same JSON.
NESTED_SORT: dict[str, Callable[[Mapping[str, Any]], tuple[str, ...]]] = {
    "ballots": lambda r: (_key_text(r.get("person")),),
    "voting_reopenings": lambda r: (
        _key_text(r.get("reopened_at")),
        _key_text(r.get("reopened_by")),
    ),
    "protocol_narratives": lambda r: (_key_text(r.get("item")), _key_text(r.get("lang"))),
    "protocol_agreements": lambda r: (
        _key_text(r.get("recorded_at")),
        _key_text(r.get("agreed_by")),
    ),
    "protocol_signatures": lambda r: (_key_text(r.get("role")), _key_text(r.get("person"))),
    "protocol_copies": lambda r: (
        _key_text(r.get("sent_on")),
        _key_text(r.get("person")),
        _key_text(r.get("recipient")),
        _key_text(r.get("channel")),
    ),
    "issued_documents": lambda r: (_key_text(r.get("lang")),),
}


def normalized(spec: TableSpec, record: Mapping[str, Any]) -> dict[str, Any]:
    """The record with its nested records in their canonical order."""
    out = dict(record)
    for fspec in spec.fields:
        if (
            fspec.kind == LIST
            and fspec.nested is not None
            and isinstance(out.get(fspec.name), list)
        ):
            rows = [r for r in out[fspec.name] if isinstance(r, dict)]
            order = NESTED_SORT[fspec.nested.name]

            def sort_key(
                row: Mapping[str, Any], order: Callable[..., tuple[str, ...]] = order
            ) -> tuple[tuple[str, ...], str]:
                return (order(row), canonical(row))

            out[fspec.name] = sorted(rows, key=sort_key)
    return out


def record_hash(record: Mapping[str, Any], spec: TableSpec | None = None) -> str:
    """SHA-256 of a record's content; its own ``uid`` is left out (it names, it is not content)."""
    content = {k: v for k, v in record.items() if k != "uid"}
    if spec is not None:
        content = normalized(spec, content)
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) to a place in the document."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


# -- the archive as read --------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveFile:
    """A checked exchange file: its document, and the files a ZIP archive carries.

    ``tables`` holds each table's records as in the file (texts normalised);
    ``locations`` the JSON pointer of each keyed record, by (table, uid).
    Blob bytes stay in the archive and are read (and their hash checked) only
    when an import writes them.
    """

    source: str
    kind: str
    version: int
    created_at: str
    generator: str
    scope: dict[str, Any]
    package: dict[str, Any] | None
    tables: dict[str, list[dict[str, Any]]]
    blob_entries: frozenset[str] = frozenset()
    zipped: bool = False
    limits: Limits = field(default=DEFAULT_LIMITS, compare=False)

    def records(self, table: str) -> list[dict[str, Any]]:
        return self.tables.get(table, [])

    def has_blob(self, sha256: str) -> bool:
        return BLOB_PREFIX + sha256 in self.blob_entries

    def read_blob(self, sha256: str, size_limit: int | None = None) -> bytes | None:
        """The bytes of ``blobs/<sha256>``, checked against the hash; None if not carried."""
        if not self.zipped or not self.has_blob(sha256):
            return None
        limit = size_limit if size_limit is not None else self.limits.max_unpacked_bytes
        name = os.path.basename(self.source)
        try:
            with zipfile.ZipFile(self.source) as archive:
                data = _read_entry(archive, archive.getinfo(BLOB_PREFIX + sha256), limit, name)
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise ArchiveFileError(
                N_("{name} cannot be read: {reason}"), name=name, reason=str(exc)
            ) from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ImportRefused(
                [
                    Problem.of(
                        BLOB_PREFIX + sha256,
                        N_(
                            "The file's content does not match its SHA-256; the archive is damaged."
                        ),
                    )
                ]
            )
        return data


def _file_error(msgid: str, path: Path, **params: Any) -> ArchiveFileError:
    return ArchiveFileError(msgid, name=path.name, **params)


def _too_large(path: Path, size: int, limit: int) -> ArchiveFileError:
    return _file_error(
        N_("{name} is too large ({size} MB; at most {limit} MB)."),
        path,
        size=size // MEGABYTE + 1,
        limit=limit // MEGABYTE,
    )


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """Unpack one entry, counting the bytes really produced (headers may lie)."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1024 * 1024)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ArchiveFileError(
                    N_("{name} would unpack to more than {limit} MB; it is refused."),
                    name=name,
                    limit=max(1, limit // MEGABYTE),
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _safe_entry_name(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    if any(part in ("", ".", "..") for part in name.rstrip("/").split("/")):
        return False
    mode = info.external_attr >> 16
    return not stat.S_ISLNK(mode)


def _open_zip(path: Path, limits: Limits) -> tuple[bytes, frozenset[str]]:
    """The JSON document of a ZIP archive and the names of its blobs; every entry checked."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _file_error(
            N_("{name} is a damaged ZIP archive: {reason}"), path, reason=str(exc)
        ) from exc
    with archive:
        try:
            infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise _file_error(
                N_("{name} is a damaged ZIP archive: {reason}"), path, reason=str(exc)
            ) from exc
        if len(infos) > limits.max_entries:
            raise _file_error(
                N_("{name} holds too many entries ({count}; at most {limit})."),
                path,
                count=len(infos),
                limit=limits.max_entries,
            )
        seen: set[str] = set()
        declared = 0
        for info in infos:
            if not _safe_entry_name(info):
                raise _file_error(
                    N_(
                        "{name} holds an entry with an unsafe name ({entry}): absolute paths, "
                        "“..” and links are refused."
                    ),
                    path,
                    entry=info.filename[:200],
                )
            if info.filename in seen:
                raise _file_error(
                    N_("{name} holds the entry {entry} twice."), path, entry=info.filename[:200]
                )
            seen.add(info.filename)
            declared += max(0, info.file_size)
            if info.is_dir():
                continue
            if info.filename != DOCUMENT_ENTRY and not (
                info.filename.startswith(BLOB_PREFIX)
                and SHA256_PATTERN.match(info.filename[len(BLOB_PREFIX) :])
            ):
                raise _file_error(
                    N_("{name} holds an unexpected entry {entry}."), path, entry=info.filename[:200]
                )
        if declared > limits.max_unpacked_bytes:
            raise _file_error(
                N_("{name} would unpack to more than {limit} MB; it is refused."),
                path,
                limit=max(1, limits.max_unpacked_bytes // MEGABYTE),
            )
        if DOCUMENT_ENTRY not in seen:
            raise _file_error(N_("{name} holds no {entry}."), path, entry=DOCUMENT_ENTRY)
        # Unpack everything once, counting real bytes: a bomb is refused here, whatever
        # its headers say; the blobs themselves are read again when they are written.
        total = 0
        document = b""
        try:
            for info in infos:
                if info.is_dir():
                    continue
                budget = limits.max_unpacked_bytes - total
                if info.filename == DOCUMENT_ENTRY:
                    budget = min(budget, limits.max_json_bytes)
                data = _read_entry(archive, info, max(budget, 0), path.name)
                total += len(data)
                if info.filename == DOCUMENT_ENTRY:
                    document = data
        except ArchiveFileError:
            raise
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
            NotImplementedError,
        ) as exc:
            raise _file_error(
                N_("{name} is a damaged ZIP archive: {reason}"), path, reason=str(exc)
            ) from exc
        blobs = frozenset(n for n in seen if n.startswith(BLOB_PREFIX) and n != BLOB_PREFIX)
        return document, blobs


_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def check_depth(data: bytes, limit: int) -> bool:
    """Whether arrays and objects nest at most ``limit`` deep (strings are skipped whole)."""
    depth = 0
    for match in _JSON_TOKEN.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return False
        elif token in (b"]", b"}"):
            depth -= 1
    return True


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def parse_json(data: bytes, path: Path, limits: Limits) -> Any:
    """Parse the document: UTF-8, depth checked first, no duplicate keys, no NaN."""
    if len(data) > limits.max_json_bytes:
        raise _too_large(path, len(data), limits.max_json_bytes)
    if not data.strip():
        raise _file_error(N_("{name} is empty."), path)
    if not check_depth(data, limits.max_depth):
        raise _file_error(
            N_("{name} nests data deeper than {limit} levels; it is not a Kenes exchange file."),
            path,
            limit=limits.max_depth,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _file_error(N_("{name} is not valid JSON (it is not UTF-8 text)."), path) from exc
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except _DuplicateKey as exc:
        raise _file_error(
            N_("{name} is not valid JSON: the key “{key}” appears twice in one object."),
            path,
            key=exc.key[:100],
        ) from exc
    except json.JSONDecodeError as exc:
        raise _file_error(
            N_("{name} is not valid JSON (line {line}, column {column})."),
            path,
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise _file_error(
            N_("{name} is not valid JSON (line {line}, column {column})."), path, line=0, column=0
        ) from exc


def _scan_strings(document: Any, limits: Limits, path: Path) -> None:
    """Refuse a document with an over-long string or too many values, without recursion."""
    stack: list[Any] = [document]
    count = 0
    while stack:
        value = stack.pop()
        count += 1
        if count > limits.max_records * 64:
            raise _file_error(
                N_("{name} holds too many records ({count}; at most {limit})."),
                path,
                count=count,
                limit=limits.max_records,
            )
        if isinstance(value, str):
            if len(value) > limits.max_string_chars:
                raise _file_error(
                    N_("{name} holds a text of {length} characters; at most {limit} are allowed."),
                    path,
                    length=len(value),
                    limit=limits.max_string_chars,
                )
        elif isinstance(value, dict):
            for key, inner in value.items():
                if len(key) > 200:
                    raise _file_error(
                        N_(
                            "{name} holds a text of {length} characters; at most {limit} are "
                            "allowed."
                        ),
                        path,
                        length=len(key),
                        limit=200,
                    )
                stack.append(inner)
        elif isinstance(value, list):
            stack.extend(value)


def read_archive_file(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> ArchiveFile:
    """Read and check an exchange file; nothing is written anywhere.

    Raises :class:`ArchiveFileError` for a file that is not a readable Kenes
    exchange file, and :class:`ImportRefused` listing every record that breaks
    the layout (wrong types, missing or unknown fields, over-long texts,
    duplicate identifiers, invalid values).
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise _file_error(
                N_("{name} cannot be read: {reason}"), file, reason="not a regular file"
            )
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), file, reason=exc.strerror or str(exc)
        ) from exc
    if size == 0:
        raise _file_error(N_("{name} is empty."), file)
    if size > limits.max_file_bytes:
        raise _too_large(file, size, limits.max_file_bytes)
    try:
        with file.open("rb") as stream:
            head = stream.read(4)
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), file, reason=exc.strerror or str(exc)
        ) from exc
    zipped = head.startswith(b"PK")
    blobs: frozenset[str] = frozenset()
    if zipped:
        data, blobs = _open_zip(file, limits)
    else:
        if size > limits.max_json_bytes:
            raise _too_large(file, size, limits.max_json_bytes)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise _file_error(
                N_("{name} cannot be read: {reason}"), file, reason=exc.strerror or str(exc)
            ) from exc
        stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped and stripped[:1] not in (b"{", b"["):
            raise _file_error(
                N_("{name} is not a Kenes exchange file: it is neither JSON nor a ZIP archive."),
                file,
            )
        data = stripped
    document = parse_json(data, file, limits)
    _scan_strings(document, limits, file)
    return check_document(document, file, limits, zipped=zipped, blobs=blobs)


def check_document(
    document: Any,
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    *,
    zipped: bool = False,
    blobs: frozenset[str] = frozenset(),
) -> ArchiveFile:
    """Check the layout of a parsed document; every record problem is collected."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise _file_error(N_("{name} is not a Kenes exchange file."), path)
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _file_error(N_("{name} names no format version Kenes knows."), path)
    if version > FORMAT_VERSION:
        raise _file_error(
            N_(
                "{name} was written in exchange format version {version}, which this Kenes does "
                "not know (it reads versions up to {supported}). Install a newer Kenes to "
                "import it."
            ),
            path,
            version=version,
            supported=FORMAT_VERSION,
        )
    problems: list[Problem] = []
    for key in document:
        if key not in TOP_LEVEL_KEYS:
            problems.append(Problem.of(pointer(key), N_("Unknown field “{field}”."), field=key))
    for key in REQUIRED_TOP_LEVEL:
        if key not in document:
            problems.append(Problem.of("", N_("The field “{field}” is missing."), field=key))
    kind = document.get("kind")
    if kind not in KINDS:
        problems.append(_choice_problem(pointer("kind"), "kind", kind, KINDS))
    created = document.get("created_at")
    if not isinstance(created, str) or not _is_moment(created):
        problems.append(
            Problem.of(
                pointer("created_at"),
                N_("The moment of an action must be a date and time with a time zone."),
            )
        )
    generator = document.get("generator", "")
    if not isinstance(generator, str) or len(generator) > 200:
        problems.append(
            Problem.of(
                pointer("generator"), N_("The field “{field}” must be text."), field="generator"
            )
        )
        generator = ""
    scope = document.get("scope", {})
    if not isinstance(scope, dict):
        problems.append(_shape_problem(pointer("scope"), "scope"))
        scope = {}
    package = document.get("package")
    if package is not None and not isinstance(package, dict):
        problems.append(_shape_problem(pointer("package"), "package"))
        package = None
    if kind in (KIND_PACKAGE, KIND_RETURN):
        package = _check_package(package, problems)
    tables_raw = document.get("tables", {})
    tables: dict[str, list[dict[str, Any]]] = {}
    if not isinstance(tables_raw, dict):
        problems.append(_shape_problem(pointer("tables"), "tables"))
        tables_raw = {}
    total = 0
    for name, rows in tables_raw.items():
        spec = TABLE_BY_NAME.get(name)
        where = pointer("tables", name)
        if spec is None:
            problems.append(Problem.of(where, N_("Unknown table “{table}”."), table=name))
            continue
        if not isinstance(rows, list):
            problems.append(_shape_problem(where, name))
            continue
        total += len(rows)
        if total > limits.max_records:
            raise _file_error(
                N_("{name} holds too many records ({count}; at most {limit})."),
                path,
                count=total,
                limit=limits.max_records,
            )
        tables[name] = [
            _check_record(spec, row, ("tables", name, index), problems)
            for index, row in enumerate(rows)
        ]
    _check_identifiers(tables, problems)
    if problems:
        raise ImportRefused(problems)
    assert isinstance(kind, str) and isinstance(created, str)
    return ArchiveFile(
        source=str(path),
        kind=kind,
        version=version,
        created_at=created,
        generator=generator,
        scope=scope,
        package=package,
        tables=tables,
        blob_entries=blobs,
        zipped=zipped,
        limits=limits,
    )


def _is_moment(text: str) -> bool:
    try:
        parse_moment(text)
    except ValueError:
        return False
    return True


def _shape_problem(where: str, what: str) -> Problem:
    return Problem.of(where, N_("The data for “{what}” is not valid."), what=what)


def _choice_problem(where: str, name: str, value: object, choices: Sequence[str]) -> Problem:
    shown = value if isinstance(value, str) else json.dumps(value)[:60]
    return Problem.of(
        where,
        N_("“{value}” is not one of the allowed values of “{field}”: {allowed}."),
        value=str(shown)[:60],
        field=name,
        allowed=", ".join(f"“{c}”" for c in choices),
    )


def _check_package(package: dict[str, Any] | None, problems: list[Problem]) -> dict[str, Any]:
    where = pointer("package")
    if package is None:
        problems.append(Problem.of("", N_("The field “{field}” is missing."), field="package"))
        return {}
    for key in package:
        if key not in ("id", "meeting", "made_at", "base"):
            problems.append(
                Problem.of(pointer("package", key), N_("Unknown field “{field}”."), field=key)
            )
    for key in ("id", "meeting"):
        value = package.get(key)
        if not isinstance(value, str) or not UID_PATTERN.match(value):
            problems.append(
                Problem.of(
                    pointer("package", key),
                    N_("“{value}” is not a stable identifier (32 hexadecimal digits)."),
                    value=str(value)[:60],
                )
            )
    made = package.get("made_at")
    if not isinstance(made, str) or not _is_moment(made):
        problems.append(
            Problem.of(
                pointer("package", "made_at"),
                N_("The moment of an action must be a date and time with a time zone."),
            )
        )
    base = package.get("base")
    if not isinstance(base, dict):
        problems.append(_shape_problem(pointer("package", "base"), "base"))
        return {**package, "base": {}}
    for key, value in base.items():
        table, _sep, uid = key.partition("/")
        if (
            table not in TABLE_BY_NAME
            or not UID_PATTERN.match(uid)
            or not isinstance(value, str)
            or not SHA256_PATTERN.match(value)
        ):
            problems.append(_shape_problem(pointer("package", "base", key), "base"))
    del where
    return package


def _check_record(
    spec: TableSpec, row: object, at: tuple[str | int, ...], problems: list[Problem]
) -> dict[str, Any]:
    """A record with its values checked and texts normalised; problems are appended."""
    where = pointer(*at)
    if not isinstance(row, dict):
        problems.append(_shape_problem(where, spec.name))
        return {}
    clean: dict[str, Any] = {}
    for key in row:
        if key not in spec.names:
            problems.append(
                Problem.of(pointer(*at, key), N_("Unknown field “{field}”."), field=key)
            )
    for fspec in spec.fields:
        place = pointer(*at, fspec.name)
        if fspec.name not in row:
            if fspec.optional:
                clean[fspec.name] = fspec.default
                continue
            problems.append(
                Problem.of(where, N_("The field “{field}” is missing."), field=fspec.name)
            )
            continue
        try:
            clean[fspec.name] = check_value(fspec, row[fspec.name], (*at, fspec.name), problems)
        except DomainError as exc:
            problems.append(Problem.from_error(place, exc))
    return clean


def check_value(
    fspec: FieldSpec, value: Any, at: tuple[str | int, ...], problems: list[Problem]
) -> Any:
    """One value of the kind ``fspec`` names, normalised; raises :class:`DomainError`."""
    name = fspec.name
    if value is None:
        if fspec.nullable:
            return None
        # A JSON null where a value is required: say so, not "empty" (the value is absent).
        raise DomainError(
            N_("The field “{field}” is null (it has no value), but a value is required."),
            field=name,
        )
    kind = fspec.kind
    if kind == TEXT:
        return clean_field_text(value, name, limit=fspec.limit, multiline=fspec.multiline)
    if kind == INT:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**62:
            raise DomainError(N_("The field “{field}” must be a number."), field=name)
        return value
    if kind == BOOL:
        if not isinstance(value, bool):
            raise DomainError(N_("The field “{field}” must be yes or no."), field=name)
        return value
    if kind == DATE:
        if not isinstance(value, str):
            raise DomainError(N_("The field “{field}” must be a date."), field=name)
        try:
            day = date.fromisoformat(value)
        except ValueError as exc:
            raise DomainError(N_("The field “{field}” must be a date."), field=name) from exc
        if not (date(1900, 1, 1) <= day <= date(2200, 12, 31)) or len(value) != 10:
            raise DomainError(N_("The date {day} is out of range."), day=value[:20])
        return value
    if kind == DATETIME:
        if not isinstance(value, str) or not _is_moment(value):
            raise DomainError(
                N_("The moment of an action must be a date and time with a time zone.")
            )
        moment = parse_moment(value)
        if not (1900 <= moment.year <= 2200):
            raise DomainError(N_("The date {day} is out of range."), day=value[:30])
        return utc_text(moment)
    if kind == TIME:
        try:
            if not isinstance(value, str) or len(value) > 15:
                raise ValueError(value)
            clock = time.fromisoformat(value)
        except ValueError as exc:
            raise DomainError(N_("The field “{field}” must be a time of day."), field=name) from exc
        if clock.tzinfo is not None:
            raise DomainError(N_("The field “{field}” must be a time of day."), field=name)
        return clock.isoformat()
    if kind in (REF, UID):
        if not isinstance(value, str) or not UID_PATTERN.match(value):
            raise DomainError(
                N_("“{value}” is not a stable identifier (32 hexadecimal digits)."),
                value=str(value)[:60],
            )
        return value
    if kind == SHA:
        if not isinstance(value, str) or not SHA256_PATTERN.match(value):
            raise DomainError(
                N_("“{value}” is not a SHA-256 digest (64 hexadecimal digits)."),
                value=str(value)[:80],
            )
        return value
    if kind == ENUM:
        if not isinstance(value, str) or value not in fspec.choices:
            problem = _choice_problem(pointer(*at), name, value, fspec.choices)
            raise DomainError(problem.msgid, **dict(problem.params))
        return value
    if kind == JSON:
        check_json_text(value, name)
        return value
    if kind == LIST:
        assert fspec.nested is not None
        if not isinstance(value, list):
            raise DomainError(N_("The data for “{what}” is not valid."), what=name)
        return [
            _check_record(fspec.nested, row, (*at, index), problems)
            for index, row in enumerate(value)
        ]
    raise AssertionError(kind)


def clean_field_text(value: object, name: str, *, limit: int, multiline: bool) -> str:
    """A text field: what ``clean_text`` accepts, and no half of a surrogate pair."""
    from app.services.base import clean_text

    if isinstance(value, str) and any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise DomainError(N_("The field “{field}” contains invalid characters."), field=name)
    return clean_text(value, name, limit=limit, multiline=multiline)


def check_json_text(value: Any, name: str) -> None:
    """Free-form JSON (a profile, a snapshot): no numbers other than integers, valid text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            raise DomainError(N_("The data for “{what}” is not valid."), what=name)
        if isinstance(item, str):
            if any(0xD800 <= ord(ch) <= 0xDFFF for ch in item):
                raise DomainError(
                    N_("The field “{field}” contains invalid characters."), field=name
                )
        elif isinstance(item, dict):
            stack.extend(item.values())
            for key in item:
                if any(0xD800 <= ord(ch) <= 0xDFFF for ch in key):
                    raise DomainError(
                        N_("The field “{field}” contains invalid characters."), field=name
                    )
        elif isinstance(item, list):
            stack.extend(item)


NESTED_UNIQUE = {
    "ballots": ("person",),
    "protocol_narratives": ("item", "lang"),
    "issued_documents": ("lang",),
}


def _check_identifiers(tables: Mapping[str, list[dict[str, Any]]], problems: list[Problem]) -> None:
    """Each uid once per table (a record named twice is ambiguous); nested entries once each."""
    for name, rows in tables.items():
        spec = TABLE_BY_NAME[name]
        for index, row in enumerate(rows):
            for fspec in spec.fields:
                if fspec.nested is None or fspec.nested.name not in NESTED_UNIQUE:
                    continue
                keys = NESTED_UNIQUE[fspec.nested.name]
                seen: set[tuple[Any, ...]] = set()
                for j, child in enumerate(row.get(fspec.name) or []):
                    key = tuple(child.get(k) for k in keys)
                    if key in seen:
                        where = pointer("tables", name, index, fspec.name, j)
                        if fspec.nested.name == "ballots":
                            problems.append(
                                Problem.of(
                                    where,
                                    DUPLICATE_BALLOT,
                                    voter_id=str(key[0]),
                                )
                            )
                        else:
                            problems.append(
                                Problem.of(
                                    where,
                                    N_("The same entry appears twice ({key})."),
                                    key=", ".join(str(k) for k in key),
                                )
                            )
                    seen.add(key)
        first: dict[str, int] = {}
        for index, row in enumerate(rows):
            uid = row.get("uid")
            if not isinstance(uid, str):
                continue
            if uid in first:
                problems.append(
                    Problem.of(
                        pointer("tables", name, index, "uid"),
                        N_("The identifier {uid} appears twice in “{table}” (first at {first})."),
                        uid=uid,
                        table=name,
                        first=pointer("tables", name, first[uid]),
                    )
                )
            else:
                first[uid] = index


# -- writing ------------------------------------------------------------------------------------


def document_bytes(document: Mapping[str, Any]) -> bytes:
    """The document as written: UTF-8, indented for people who read it, keys in layout order."""
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def write_file(
    path: Path,
    document: Mapping[str, Any],
    blobs: Iterable[tuple[str, Callable[[], bytes]]] = (),
    *,
    zipped: bool,
) -> int:
    """Write the file atomically (a temporary file renamed into place); return its size."""
    target = Path(path)

    def write_zip(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(DOCUMENT_ENTRY), document_bytes(document))
            written: set[str] = set()
            for sha256, load in blobs:
                if sha256 in written:
                    continue
                written.add(sha256)
                archive.writestr(_entry(BLOB_PREFIX + sha256), load())

    try:
        if zipped:
            return atomic.write_path(target, write_zip)
        return atomic.write_bytes(target, document_bytes(document))
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(target),
            reason=exc.strerror or str(exc),
        ) from exc


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
