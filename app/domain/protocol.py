"""The protocol as plain data: what is rendered, hashed, frozen at signing and rendered again.

A :class:`ProtocolSnapshot` holds every text of one protocol already resolved
in one language (labels included), so a PDF or DOCX can be produced from it
years later, without the database and without the catalogs, to the same bytes.
It converts to and from JSON-ready dictionaries for storage.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from app.domain.translation import N_

SNAPSHOT_VERSION = 1


class ProtocolState(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    SIGNED = "signed"
    COPIES_SENT = "copies_sent"


PROTOCOL_STATE_LABELS = {
    ProtocolState.DRAFT: N_("Draft"),
    ProtocolState.AGREED: N_("Agreed"),
    ProtocolState.SIGNED: N_("Signed"),
    ProtocolState.COPIES_SENT: N_("Copies sent"),
}


@dataclass(frozen=True)
class PersonLine:
    """A member present or absent: name, position, role in the council, reason of absence."""

    name: str
    position: str = ""
    role: str = ""
    note: str = ""  # reason of absence; "arrived before item 2", "left after item 3"


@dataclass(frozen=True)
class InvitedLine:
    name: str
    position: str = ""
    organisation: str = ""
    instead_of: str = ""  # "attended instead of N" already worded in the language


@dataclass(frozen=True)
class VoteRow:
    name: str
    choice: str  # the worded choice: "for", "қолдап", "за" ...
    presiding: bool = False


@dataclass(frozen=True)
class InstructionLine:
    number: str  # "1.2.1": item, decision, instruction
    text: str
    executor: str
    deadline: str = ""  # legal date or ""
    completion_form: str = ""


@dataclass(frozen=True)
class DissentLine:
    number: str  # the decision it concerns, "2.1"
    name: str
    text: str
    language: str
    received: str  # legal date


@dataclass(frozen=True)
class DecisionLine:
    number: str  # "2.1"
    text: str
    adopted: bool
    counts: tuple[int, int, int, int]  # for, against, abstained, did not vote
    result: str  # how it was reached, a full sentence
    instructions: tuple[InstructionLine, ...] = ()
    dissent_mentions: tuple[str, ...] = ()  # "N stated a dissenting opinion (annex 2)."
    without_quorum: bool = False


@dataclass(frozen=True)
class ItemSection:
    number: int
    title: str
    heard: tuple[str, ...] = ()  # speakers: "Name, position"
    heard_summary: str = ""  # narrative, edited per language
    spoke: tuple[str, ...] = ()
    spoke_summary: str = ""
    decisions: tuple[DecisionLine, ...] = ()
    # Printed before "Heard": who arrived before this item or left after the previous one.
    attendance_notes: tuple[str, ...] = ()
    quorum_note: str = ""  # the quorum lost or restored with those changes: "N of M ..."


@dataclass(frozen=True)
class RollCall:
    item_number: int
    decision_number: str
    decision_text: str
    rows: tuple[VoteRow, ...]
    counts_only: bool = False


@dataclass(frozen=True)
class SignatureBlock:
    role: str  # "Presiding", "Secretary"
    name: str  # initials first: "Н. С. Әбенов"
    position: str = ""  # the signer's position, printed under the role


@dataclass(frozen=True)
class ProtocolSnapshot:
    """Everything one protocol shows, in one language."""

    lang: str
    labels: dict[str, str]  # fixed words of the document in this language (see LABEL_KEYS)
    council_name: str
    title: str  # "PROTOCOL No. 3 of the meeting of ..." headline
    number: str  # protocol number shown on every page, e.g. "3" or "3/2026"
    city: str
    date_text: str  # legal date
    time_text: str  # "10:00–12:30"
    place: str
    presiding: str  # "Presiding: Name, position"
    present: tuple[PersonLine, ...]
    present_count: str  # "9 of 15 members present"
    quorum: str
    invited: tuple[InvitedLine, ...]
    absent: tuple[PersonLine, ...]
    agenda: tuple[str, ...]
    items: tuple[ItemSection, ...]
    roll_calls: tuple[RollCall, ...]
    dissents: tuple[DissentLine, ...]
    signatures: tuple[SignatureBlock, ...]
    recommendations_note: str = ""  # 004 §4: decisions are recommendations
    legal_basis: str = ""  # the council's act named in full, once: "Legal basis: ..."
    revision_note: str = ""  # "Revision 2, replacing the protocol of ...: reason"
    gaps: tuple[str, ...] = ()  # what was missing in this language (fallback used)
    version: int = SNAPSHOT_VERSION
    extra: dict[str, str] = field(default_factory=dict)
    # When the document was made, ISO 8601: the signing time of an issued protocol, the
    # meeting's day of a draft.  The documents' creation date; "" in older snapshots.
    document_date: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def digest(self) -> str:
        """SHA-256 of the snapshot's canonical JSON: what the protocol says, not how it looks."""
        data = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProtocolSnapshot:
        return _build(cls, data)


# Labels a renderer needs; the services fill each in the protocol's language.
LABEL_KEYS = (
    "protocol",  # "PROTOCOL" / "ХАТТАМА" / "ПРОТОКОЛ"
    "present",  # "Present:" / "Қатысқандар:" / "Присутствовали:"
    "members",  # "Members of the council:"
    "invited",  # "Invited:"
    "absent",  # "Absent:"
    "agenda",  # "Agenda:" / "Күн тәртібі:" / "Повестка дня:"
    "heard",  # "Heard:" / "Тыңдалды:" / "Слушали:"
    "spoke",  # "Spoke:" / "Сөз сөйлегендер:" / "Выступили:"
    "decided",  # "Decided:" / "Шешті:" / "Решили:"
    "voting",  # "Voting:"
    "instructions",  # "Protocol instructions:"
    "executor",  # "Responsible executor"
    "deadline",  # "Deadline"
    "completion_form",  # "Form of completion"
    "annex_roll_call",  # "Annex 1. Roll call"
    "annex_dissents",  # "Annex 2. Dissenting opinions"
    "member",  # table header "Member"
    "vote",  # table header "Vote"
    "presiding_mark",  # "(presiding)"
    "page",  # "Page" (footer "Page N / M" may be just "N / M")
    "protocol_no",  # "Protocol No. {number}" in the footer
    "signature",  # "(signature)"
    "counts_only",  # "Votes counted without names"
    "received",  # "Received"
    "number_sign",  # the number column's heading: "No." / "№" (older snapshots: "№")
    "annex_heading",  # "Annex {annex} to Minutes No. 3 of 22 November 2026" (number, date filled)
    "roll_call_title",  # "Results of the roll-call vote" (under the annex heading)
    "dissents_title",  # "Dissenting opinions"
)

T = TypeVar("T")

_NESTED: dict[str, type] = {
    "present": PersonLine,
    "absent": PersonLine,
    "invited": InvitedLine,
    "items": ItemSection,
    "decisions": DecisionLine,
    "instructions": InstructionLine,
    "roll_calls": RollCall,
    "rows": VoteRow,
    "dissents": DissentLine,
    "signatures": SignatureBlock,
}


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild nested frozen dataclasses from plain data (lists become tuples)."""
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    for key, raw in data.items():
        if key not in names:
            continue
        if isinstance(raw, list | tuple):
            inner = _NESTED.get(key)
            values[key] = tuple(_build(inner, v) if inner else v for v in raw)
        else:
            values[key] = raw
    return cls(**values)
