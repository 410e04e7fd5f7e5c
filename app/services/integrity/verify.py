"""Verify the record: every seal of a signed meeting, and the audit chain.

The result is data: each :class:`Finding` names the meeting (its number, date and
council) and what differs from the seal, or which audit events are missing or altered,
worded in the interface language when shown.  Nothing is repaired or written: the
findings say that the record was changed outside Kenes, and where; what to do about it
(compare with a backup, restore one) is the user's decision (docs/recovery.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.domain import translation
from app.domain.council import pick
from app.domain.errors import Term
from app.domain.seal import (
    ADDED,
    ALTERED,
    CHANGED,
    CUT,
    MISSING,
    REMOVED,
    UNCHAINED,
    ChainedEvent,
    RowChange,
    Seal,
    chain_breaks,
    compare,
)
from app.domain.translation import N_
from app.formatting import legal_date
from app.models.audit import AuditEvent
from app.models.composition import Council, Person
from app.models.database import Database
from app.models.meeting import Meeting
from app.models.protocol import IssuedDocument, Protocol, ProtocolSeal
from app.services.integrity.canonical import PROTOCOL_KINDS, sealed_rows
from app.services.integrity.chain import read_chain
from app.services.protocols.common import LOCKED_STATES

MEETING = N_("Meeting No. {number} of {date} ({council})")
LANGUAGE_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English")}

# What differs, by the kind of row and the change (app/services/integrity/canonical.py).
ROW_MESSAGES: dict[tuple[str, str], str] = {
    ("meeting", "changed"): N_(
        "{meeting}: the meeting's details (number, date, time, place or presiding) were changed."
    ),
    ("protocol", "changed"): N_(
        "{meeting}: the details of the signed protocol (number, city, language or signing "
        "date) were changed."
    ),
    ("protocol", "removed"): N_("{meeting}: the signed protocol was removed."),
    ("item", "changed"): N_("{meeting}: agenda item {item} was changed."),
    ("item", "removed"): N_("{meeting}: agenda item {item} was removed."),
    ("item", "added"): N_("{meeting}: agenda item {item} was added."),
    ("attendance", "changed"): N_("{meeting}: the attendance of {name} was changed."),
    ("attendance", "removed"): N_("{meeting}: the attendance of {name} was removed."),
    ("attendance", "added"): N_("{meeting}: an attendance of {name} was added."),
    ("invited", "changed"): N_("{meeting}: the entry of the invited person {name} was changed."),
    ("invited", "removed"): N_("{meeting}: the invited person {name} was removed."),
    ("invited", "added"): N_("{meeting}: an invited person {name} was added."),
    ("point", "changed"): N_(
        "{meeting}: the text of decision point {point} of item {item} was changed."
    ),
    ("point", "removed"): N_("{meeting}: decision point {point} of item {item} was removed."),
    ("point", "added"): N_("{meeting}: decision point {point} was added to item {item}."),
    ("result", "changed"): N_(
        "{meeting}: the result of the vote on decision point {point} of item {item} was changed."
    ),
    ("ballot", "changed"): N_(
        "{meeting}: the vote of {name} on decision point {point} of item {item} was changed."
    ),
    ("ballot", "removed"): N_(
        "{meeting}: the vote of {name} on decision point {point} of item {item} was removed."
    ),
    ("ballot", "added"): N_(
        "{meeting}: a vote of {name} on decision point {point} of item {item} was added."
    ),
    ("dissent", "changed"): N_(
        "{meeting}: the dissenting opinion of {name} on decision point {point} of item {item} "
        "was changed."
    ),
    ("dissent", "removed"): N_(
        "{meeting}: the dissenting opinion of {name} on decision point {point} of item {item} "
        "was removed."
    ),
    ("dissent", "added"): N_(
        "{meeting}: a dissenting opinion of {name} on decision point {point} of item {item} "
        "was added."
    ),
    ("instruction", "changed"): N_(
        "{meeting}: instruction {instruction} of decision point {point} of item {item} was changed."
    ),
    ("instruction", "removed"): N_(
        "{meeting}: instruction {instruction} of decision point {point} of item {item} was removed."
    ),
    ("instruction", "added"): N_(
        "{meeting}: instruction {instruction} was added to decision point {point} of item {item}."
    ),
    ("narrative", "changed"): N_(
        "{meeting}: the protocol's text on item {item} in {language} was changed."
    ),
    ("narrative", "removed"): N_(
        "{meeting}: the protocol's text on item {item} in {language} was removed."
    ),
    ("narrative", "added"): N_(
        "{meeting}: a protocol text on item {item} in {language} was added."
    ),
    ("signature", "changed"): N_("{meeting}: the signature of {name} was changed."),
    ("signature", "removed"): N_("{meeting}: the signature of {name} was removed."),
    ("signature", "added"): N_("{meeting}: a signature of {name} was added."),
    ("issued", "changed"): N_(
        "{meeting}: the record of the protocol issued in {language} was changed."
    ),
    ("issued", "removed"): N_("{meeting}: the protocol issued in {language} was removed."),
    ("issued", "added"): N_("{meeting}: a protocol issued in {language} was added."),
}
ROW_FALLBACK = {
    CHANGED: N_("{meeting}: a part of the signed record was changed."),
    REMOVED: N_("{meeting}: a part of the signed record was removed."),
    ADDED: N_("{meeting}: a part was added to the signed record."),
}
SEAL_EDITED = N_("{meeting}: the seal itself was changed.")
SEAL_MISSING = N_("{meeting}: the protocol is signed, but its seal was removed.")
UNSIGNED = N_("{meeting}: the protocol was sealed as signed, but is now marked as not signed.")
PDF_DIFFERS = N_(
    "{meeting}: the PDF of the protocol issued in {language} no longer matches the one issued."
)
SNAPSHOT_DIFFERS = N_(
    "{meeting}: the text of the protocol issued in {language} no longer matches the one issued."
)
PROTOCOL_GONE = N_(
    "A signed protocol (audit event {seq}) is no longer in the database: it was removed."
)
EVENTS_MISSING = N_("Audit events {first}–{last} are missing.")
EVENT_MISSING = N_("Audit event {first} is missing.")
EVENT_ALTERED = N_("Audit event {first} was altered.")
EVENTS_CUT = N_(
    "Audit events {first}–{last} are missing from the end of the trail (a seal was made "
    "after event {last})."
)
EVENT_UNCHAINED = N_("An audit event (row {first}) was added: it has no place in the chain.")
UNKNOWN_PERSON = N_("a person no longer in the register")


@dataclass(frozen=True)
class MeetingName:
    """How a finding names the meeting: its number, date and council, in words."""

    number: int
    day: date
    council: Mapping[str, str]

    def words(self, lang: str, t: Any) -> str:
        council = pick(dict(self.council), lang)
        return str(t.gettext(MEETING)).format(
            number=self.number, date=legal_date(self.day, lang), council=council
        )


@dataclass(frozen=True)
class Finding:
    """One thing the check found, worded when shown (in the interface language)."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    meeting: MeetingName | None = None
    meeting_id: int | None = None

    def message(self, lang: str = "en") -> str:
        t = translation.current()
        params = {k: t.gettext(v) if isinstance(v, Term) else v for k, v in self.params.items()}
        if self.meeting is not None:
            params["meeting"] = self.meeting.words(lang, t)
        text = t.gettext(self.msgid)
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return self.msgid.format(**params)


@dataclass(frozen=True)
class RecordCheck:
    """The findings, and how much was verified."""

    findings: tuple[Finding, ...]
    seals: int
    events: int
    head: str = ""  # the hash of the last audit event: noted elsewhere, a witness of the trail

    @property
    def ok(self) -> bool:
        return not self.findings


def verify_record(db: Database) -> RecordCheck:
    """Verify every seal and the whole audit chain (read only)."""
    with db.reading() as session:
        return verify_in(session)


def verify_in(session: Session) -> RecordCheck:
    findings: list[Finding] = []
    names = _Names(session)
    anchors: dict[int, str] = {}
    seals = list(session.scalars(select(ProtocolSeal).order_by(ProtocolSeal.protocol_id)))
    sealed_ids = {s.protocol_id for s in seals}
    for seal in seals:
        if seal.anchor_seq is not None:
            anchors[seal.anchor_seq] = seal.anchor_hash
        findings += _check_seal(session, names, seal)
    for protocol in session.scalars(
        select(Protocol).where(Protocol.state.in_(LOCKED_STATES)).order_by(Protocol.id)
    ):
        if protocol.id not in sealed_ids:
            findings.append(_about(names, protocol.meeting_id, SEAL_MISSING))
    existing = set(session.scalars(select(Protocol.id)))
    for seq, entity_id in session.execute(
        select(AuditEvent.seq, AuditEvent.entity_id).where(AuditEvent.action == "protocol.sign")
    ):
        if entity_id is not None and entity_id not in existing:
            findings.append(Finding(PROTOCOL_GONE, {"seq": seq}))
    trail = _Trail()
    for gap in chain_breaks(trail.read(session.connection()), anchors):
        findings.append(_chain_finding(gap.kind, gap.first, gap.last))
    return RecordCheck(tuple(findings), len(seals), trail.count, trail.head)


class _Trail:
    """The audit events as they are read for the check: how many, and the last hash."""

    def __init__(self) -> None:
        self.count = 0
        self.head = ""

    def read(self, conn: Connection) -> Iterator[ChainedEvent]:
        for event in read_chain(conn):
            self.count += 1
            if event.seq is not None:
                self.head = event.hash or ""
            yield event


def _chain_finding(kind: str, first: int, last: int) -> Finding:
    if kind == MISSING:
        msgid = EVENT_MISSING if first == last else EVENTS_MISSING
    elif kind == CUT:
        msgid = EVENT_MISSING if first == last else EVENTS_CUT
    elif kind == ALTERED:
        msgid = EVENT_ALTERED
    else:
        assert kind == UNCHAINED
        msgid = EVENT_UNCHAINED
    return Finding(msgid, {"first": first, "last": last})


class _Names:
    """Meetings and people named once each."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.meetings: dict[int, MeetingName | None] = {}
        self.people: dict[str, str] = {}

    def meeting(self, meeting_id: int) -> MeetingName | None:
        if meeting_id not in self.meetings:
            row = self.session.get(Meeting, meeting_id)
            council = self.session.get(Council, row.council_id) if row is not None else None
            self.meetings[meeting_id] = (
                None
                if row is None
                else MeetingName(
                    row.number,
                    row.meeting_date,
                    {
                        lang: getattr(council, f"name_{lang}", "") if council else ""
                        for lang in ("kk", "ru", "en")
                    },
                )
            )
        return self.meetings[meeting_id]

    def person(self, uid: object) -> str | Term:
        if not isinstance(uid, str):
            return Term(UNKNOWN_PERSON)
        if uid not in self.people:
            person = self.session.scalar(select(Person).where(Person.uid == uid))
            self.people[uid] = (
                " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
                if person is not None
                else ""
            )
        return self.people[uid] or Term(UNKNOWN_PERSON)


def _about(names: _Names, meeting_id: int, msgid: str, **params: Any) -> Finding:
    return Finding(msgid, params, names.meeting(meeting_id), meeting_id)


def _check_seal(session: Session, names: _Names, seal: ProtocolSeal) -> list[Finding]:
    protocol = session.get(Protocol, seal.protocol_id)
    if protocol is None:  # the foreign key keeps it, unless the file was edited with it off
        return [Finding(PROTOCOL_GONE, {"seq": seal.anchor_seq or 0})]
    meeting_id = protocol.meeting_id
    stored = Seal.from_json(seal.digest, seal.rows, seal.scheme)
    if not stored.consistent():
        return [_about(names, meeting_id, SEAL_EDITED)]
    found: list[Finding] = []
    if protocol.state not in LOCKED_STATES:
        found.append(_about(names, meeting_id, UNSIGNED))
    latest = session.scalar(
        select(sa.func.max(Protocol.revision)).where(Protocol.meeting_id == meeting_id)
    )
    # A revision replaced by a correction vouches for its own rows, not for the record
    # the correction may have changed since.
    kinds = None if protocol.revision == latest else PROTOCOL_KINDS
    for change in compare(stored, sealed_rows(session.connection(), protocol.id), kinds):
        found.append(_row_finding(names, meeting_id, change))
    found += _issued_files(session, names, protocol)
    return found


def _row_finding(names: _Names, meeting_id: int, change: RowChange) -> Finding:
    msgid = ROW_MESSAGES.get((change.kind, change.change), ROW_FALLBACK[change.change])
    where = change.where
    params: dict[str, Any] = {
        "item": where.get("item", "?"),
        "point": where.get("point", "?"),
        "instruction": where.get("instruction", "?"),
        "language": Term(LANGUAGE_NAMES.get(str(where.get("lang")), N_("English"))),
    }
    if "person" in where or change.kind in ("attendance", "ballot", "dissent", "signature"):
        params["name"] = names.person(where.get("person"))
    if change.kind == "invited" and not where.get("person"):
        params["name"] = where.get("name") or Term(UNKNOWN_PERSON)
    return _about(names, meeting_id, msgid, **params)


def _issued_files(session: Session, names: _Names, protocol: Protocol) -> list[Finding]:
    """The issued PDFs and snapshots still match the hashes recorded (and sealed) at signing."""
    found: list[Finding] = []
    for doc in session.scalars(
        select(IssuedDocument).where(IssuedDocument.protocol_id == protocol.id)
    ):
        language = Term(LANGUAGE_NAMES.get(doc.lang, N_("English")))
        if hashlib.sha256(doc.pdf or b"").hexdigest() != doc.pdf_sha256:
            found.append(_about(names, protocol.meeting_id, PDF_DIFFERS, language=language))
        text = json.dumps(doc.snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc.snapshot_sha256:
            found.append(_about(names, protocol.meeting_id, SNAPSHOT_DIFFERS, language=language))
    return found
