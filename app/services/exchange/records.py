"""Database rows as records of the exchange format, and back: references by uid, never ids.

Which model stores each table, the column naming a nested record's parent,
the tables that belong to one meeting, and the conversion of one row to a
record (:func:`serialize`) and of one value back (:func:`python_value`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formats.exchange_schema import DATE, DATETIME, LIST, REF, TIME, FieldSpec, TableSpec
from app.formats.exchange_values import normalized, parse_moment, utc_text
from app.models.composition import Act, Council, Person, Position, PositionHolding, Seat
from app.models.conduct import (
    Attendance,
    Ballot,
    DecisionPoint,
    DissentingOpinion,
    InvitedPerson,
    ProtocolInstruction,
    VotingReopening,
)
from app.models.meeting import (
    AgendaApproval,
    AgendaItem,
    AgendaRevision,
    CalendarOverride,
    ItemSpeaker,
    Material,
    Meeting,
    Notification,
)
from app.models.profile_history import ProfileVersion
from app.models.protocol import (
    IssuedDocument,
    Protocol,
    ProtocolAgreement,
    ProtocolCopy,
    ProtocolNarrative,
    ProtocolSignature,
)
from app.models.review import ReviewRemark
from app.services.exchange.frozen_ids import frozen_out

MODELS: dict[str, type[Any]] = {
    "councils": Council,
    "profile_versions": ProfileVersion,
    "acts": Act,
    "people": Person,
    "positions": Position,
    "position_holdings": PositionHolding,
    "seats": Seat,
    "meetings": Meeting,
    "agenda_items": AgendaItem,
    "item_speakers": ItemSpeaker,
    "materials": Material,
    "agenda_approvals": AgendaApproval,
    "agenda_revisions": AgendaRevision,
    "notifications": Notification,
    "attendance": Attendance,
    "invited_persons": InvitedPerson,
    "decision_points": DecisionPoint,
    "dissenting_opinions": DissentingOpinion,
    "protocol_instructions": ProtocolInstruction,
    "protocols": Protocol,
    "review_remarks": ReviewRemark,
    "calendar_overrides": CalendarOverride,
    # nested: (model, the column naming the parent)
    "ballots": Ballot,
    "voting_reopenings": VotingReopening,
    "protocol_narratives": ProtocolNarrative,
    "protocol_agreements": ProtocolAgreement,
    "protocol_signatures": ProtocolSignature,
    "protocol_copies": ProtocolCopy,
    "issued_documents": IssuedDocument,
}
PARENT_COLUMN = {
    "ballots": "decision_point_id",
    "voting_reopenings": "decision_point_id",
    "protocol_narratives": "protocol_id",
    "protocol_agreements": "protocol_id",
    "protocol_signatures": "protocol_id",
    "protocol_copies": "protocol_id",
    "issued_documents": "protocol_id",
}
# Order of nested records (they have no identifier): as the services list them.
NESTED_ORDER = {
    "ballots": ("person_id",),
    "protocol_narratives": ("item_id", "lang"),
    "issued_documents": ("lang",),
}
# Tables that belong to one meeting: (table, column of the meeting or of the parent row).
MEETING_TREE: tuple[tuple[str, str, str], ...] = (
    ("agenda_items", "meeting_id", "meetings"),
    ("item_speakers", "item_id", "agenda_items"),
    ("materials", "item_id", "agenda_items"),
    ("agenda_approvals", "meeting_id", "meetings"),
    ("agenda_revisions", "meeting_id", "meetings"),
    ("notifications", "meeting_id", "meetings"),
    ("attendance", "meeting_id", "meetings"),
    ("invited_persons", "meeting_id", "meetings"),
    ("decision_points", "item_id", "agenda_items"),
    ("dissenting_opinions", "decision_point_id", "decision_points"),
    ("protocol_instructions", "decision_point_id", "decision_points"),
    ("protocols", "meeting_id", "meetings"),
    ("review_remarks", "meeting_id", "meetings"),
)
MEETING_TABLES = ("meetings", *(t for t, _c, _p in MEETING_TREE))


# The record each record of a meeting belongs to: (field, table).
MEETING_PARENT = {
    "agenda_items": ("meeting", "meetings"),
    "item_speakers": ("item", "agenda_items"),
    "materials": ("item", "agenda_items"),
    "agenda_approvals": ("meeting", "meetings"),
    "agenda_revisions": ("meeting", "meetings"),
    "notifications": ("meeting", "meetings"),
    "attendance": ("meeting", "meetings"),
    "invited_persons": ("meeting", "meetings"),
    "decision_points": ("item", "agenda_items"),
    "dissenting_opinions": ("decision_point", "decision_points"),
    "protocol_instructions": ("decision_point", "decision_points"),
    "protocols": ("meeting", "meetings"),
    "review_remarks": ("meeting", "meetings"),
}


class UidMap:
    """Database id → uid of every keyed table, loaded once per export (or import)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._maps: dict[str, dict[int, str]] = {}

    def uid(self, table: str, record_id: int | None) -> str | None:
        if record_id is None:
            return None
        if table not in self._maps:
            model = MODELS[table]
            self._maps[table] = dict(self.session.execute(select(model.id, model.uid)).all())
        return self._maps[table].get(record_id)

    def forget(self, table: str) -> None:
        self._maps.pop(table, None)


def json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == DATE and isinstance(value, date):
        return value.isoformat()
    if kind == DATETIME and isinstance(value, datetime):
        return utc_text(value)
    if kind == TIME and isinstance(value, time):
        return value.replace(tzinfo=None).isoformat()
    return value


def serialize(
    spec: TableSpec,
    row: Any,
    uids: UidMap,
    children: Mapping[str, Mapping[int, list[Any]]] | None = None,
) -> dict[str, Any]:
    """A database row as a record of the format (references by uid)."""
    record: dict[str, Any] = {}
    for fspec in spec.fields:
        if fspec.kind == LIST:
            assert fspec.nested is not None
            rows = (children or {}).get(fspec.nested.name, {}).get(row.id, [])
            nested = [serialize(fspec.nested, child, uids) for child in rows]
            record[fspec.name] = nested
            continue
        value = getattr(row, fspec.attr)
        if fspec.kind == REF:
            record[fspec.name] = uids.uid(fspec.target, value)
        else:
            record[fspec.name] = json_value(fspec.kind, value)
    if spec.name == "agenda_revisions":
        record["details"] = revision_details_out(record["details"], uids)
    elif spec.name in ("voting_reopenings", "decision_points"):
        name = "previous" if spec.name == "voting_reopenings" else "frozen"
        record[name] = frozen_out(record[name], uids.uid)
    return normalized(spec, record)


def revision_details_out(details: Any, uids: UidMap) -> Any:
    """A revision's details name a speaker by person id; the file names them by uid."""
    if isinstance(details, dict) and "person_id" in details:
        out = {k: v for k, v in details.items() if k != "person_id"}
        person_id = details["person_id"]
        out["person"] = uids.uid("people", person_id) if isinstance(person_id, int) else None
        return out
    return details


def children(session: Session, spec: TableSpec, ids: set[int]) -> dict[str, dict[int, list[Any]]]:
    """The nested rows of the records ``ids``: by nested table, then parent id, in list order."""
    found: dict[str, dict[int, list[Any]]] = {}
    for fspec in spec.fields:
        if fspec.kind != LIST or fspec.nested is None:
            continue
        name = fspec.nested.name
        model = MODELS[name]
        parent = PARENT_COLUMN[name]
        groups: dict[int, list[Any]] = defaultdict(list)
        wanted = sorted(ids)
        order = [getattr(model, c) for c in NESTED_ORDER.get(name, ())] + [model.id]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in session.scalars(
                select(model).where(getattr(model, parent).in_(chunk)).order_by(*order)
            ):
                groups[getattr(row, parent)].append(row)
        found[name] = groups
    return found


def python_value(fspec: FieldSpec, value: Any) -> Any:
    """A value of the file as its database column holds it (dates, moments, times)."""
    convert = python_converter(fspec.kind)
    return value if convert is None else convert(value)


def _none_or(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return None if value is None else parse(value)

    return convert


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    DATE: _none_or(date.fromisoformat),
    DATETIME: _none_or(parse_moment),
    TIME: _none_or(time.fromisoformat),
}


def python_converter(kind: str) -> Callable[[Any], Any] | None:
    """What :func:`python_value` does to the values of a field of ``kind`` (None: they are
    stored as they are), for a writer to look up once per field rather than per value."""
    return _CONVERTERS.get(kind)
