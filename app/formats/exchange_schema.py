"""The Kenes exchange format, version 1: the layout of its document and of every table.

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
This module only declares the layout; reading (``exchange_reader``), value
checks (``exchange_values``) and writing (``exchange_writer``) follow it.

>>> TABLE_BY_NAME["seats"].field("council").target
'councils'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.domain.composition import Role, SeatKind, Side
from app.domain.council import CouncilKind
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.protocol import ProtocolState

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
    # A table added after version 1 was first written, and written only when it has
    # records: files without it (older ones, or with nothing to carry) read as before.
    optional: bool = False

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
# Added with dated profile changes; older files have none (the council's profile then
# stands for every meeting, as it did).
PROFILE_VERSIONS = TableSpec(
    "profile_versions",
    (
        _UID,
        _CREATED,
        _ref("council", "councils"),
        FieldSpec("effective_from", DATE, nullable=True),
        FieldSpec("profile", JSON),
        _text("act_title", 1000),
        _text("act_number", 64),
        FieldSpec("act_date", DATE, nullable=True),
        _text("act_text", 20_000, multiline=True),
        FieldSpec("recorded_at", DATETIME),
        _text("recorded_by", 200),
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
        # The record frozen at closing, people named by uid, with the profile it was counted
        # under.  Added later: an older file has none, and the vote is counted on import.
        FieldSpec("frozen", JSON, nullable=True, optional=True, default=None),
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
# Added with the chair's review: the remarks on a meeting's agenda or protocol and their
# answers, the accounts named as text.  Written only when there are any.
REVIEW_REMARKS = TableSpec(
    "review_remarks",
    (
        _UID,
        FieldSpec("created_at", DATETIME, column="made_at"),  # when the remark was made
        _ref("meeting", "meetings"),
        _enum("subject", ("agenda", "protocol")),
        _ref("protocol", "protocols", nullable=True),
        _text("text", 5000, multiline=True),
        _text("author", 200),
        _text("answer", 5000, multiline=True),
        _text("answered_by", 200),
        FieldSpec("answered_at", DATETIME, nullable=True),
    ),
    optional=True,
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
    PROFILE_VERSIONS,
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
    REVIEW_REMARKS,
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
