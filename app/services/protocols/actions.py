"""User actions on a protocol, each one transaction: draft, edit, agree, sign, send, revise.

States: draft → agreed → signed → copies sent (:class:`ProtocolState`).  An
agreement round may be recorded while the draft is open; "agreed" closes the
rounds.  Signing freezes the protocol: the snapshot of each issued language,
its PDF and their SHA-256 are stored, and the meeting's record is locked
(every conduct action refuses).  A correction is a new revision, with a
reason, that refers to the signed one; the signed one stays as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import ChangedMeanwhile, DomainError
from app.domain.meeting import MeetingState
from app.domain.protocol import ProtocolSnapshot, ProtocolState
from app.domain.protocol_states import ProtocolAction, guard
from app.domain.regulation import Signers
from app.domain.translation import N_
from app.models.composition import Person
from app.models.database import Database
from app.models.meeting import AgendaItem, Meeting
from app.models.protocol import (
    IssuedDocument,
    Protocol,
    ProtocolAgreement,
    ProtocolCopy,
    ProtocolNarrative,
    ProtocolSignature,
)
from app.services.base import (
    Actor,
    audit,
    check_date,
    check_flag,
    check_id,
    clean_text,
    expect,
    get,
    snapshot,
)
from app.services.conduct.common import now
from app.services.integrity.seal_meeting import seal_signed
from app.services.meetings.common import council_profile, load_meeting, members_on
from app.services.protocols.common import (
    ISSUABLE_MEETING_STATES,
    LANGS,
    ProtocolInfo,
    guard_draft,
    latest_protocol,
    load_protocol,
    protocol_info,
)
from app.services.protocols.snapshot import build_snapshot


def _check_lang(lang: object) -> str:
    if lang not in LANGS:
        raise DomainError(N_("A protocol is issued in Kazakh, Russian or English."))
    assert isinstance(lang, str)
    return lang


def create_protocol(
    db: Database, actor: Actor, meeting_id: int, *, main_language: str = "kk"
) -> ProtocolInfo:
    """Start the draft protocol of a held meeting (numbered like the meeting)."""
    lang = _check_lang(main_language)
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        if meeting.state not in ISSUABLE_MEETING_STATES:
            raise DomainError(
                N_(
                    "Meeting No. {number} has not been held yet, so it has no protocol. Mark it "
                    "as held first."
                ),
                number=meeting.number,
            )
        if latest_protocol(session, meeting.id) is not None:
            raise DomainError(
                N_("Meeting No. {number} already has a protocol."), number=meeting.number
            )
        row = Protocol(
            meeting_id=meeting.id,
            revision=1,
            number=str(meeting.number),
            main_language=lang,
            state=ProtocolState.DRAFT.value,
        )
        for code, city in _default_city(session, meeting).items():
            setattr(row, f"city_{code}", city)
        session.add(row)
        audit(session, actor, "protocol.create", row, council_id=meeting.council_id)
        return protocol_info(session, row)


def _default_city(session: Session, meeting: Meeting) -> dict[str, str]:
    """The city of the council's previous protocol, so it is typed once."""
    previous = session.scalar(
        select(Protocol)
        .join(Meeting, Meeting.id == Protocol.meeting_id)
        .where(Meeting.council_id == meeting.council_id, Protocol.meeting_id != meeting.id)
        .order_by(Protocol.id.desc())
        .limit(1)
    )
    if previous is None:
        return {}
    return {code: getattr(previous, f"city_{code}") for code in LANGS}


@dataclass(frozen=True)
class ProtocolDetails:
    number: str
    cities: dict[str, str]
    main_language: str = "kk"


def update_protocol(
    db: Database,
    actor: Actor,
    protocol_id: int,
    details: ProtocolDetails,
    expected_version: int | None = None,
) -> ProtocolInfo:
    """Change the protocol's number, city or main language while it is a draft."""
    expect(details, ProtocolDetails, N_("Protocol"))
    number = clean_text(details.number, N_("Protocol number"), required=True, limit=64)
    cities = expect(details.cities, dict, N_("City"))
    lang = _check_lang(details.main_language)
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        guard_draft(row)
        if expected_version is not None and row.version != expected_version:
            raise ChangedMeanwhile
        before = snapshot(row)
        row.number, row.main_language = number, lang
        for code in LANGS:
            setattr(row, f"city_{code}", clean_text(cities.get(code, ""), N_("City"), limit=200))
        meeting = load_meeting(session, row.meeting_id)
        audit(session, actor, "protocol.update", row, before=before, council_id=meeting.council_id)
        return protocol_info(session, row)


@dataclass(frozen=True)
class Narrative:
    heard: str = ""
    spoke: str = ""  # one speaker a line
    discussion: str = ""


def clean_narrative(narrative: object) -> Narrative:
    """The three texts of a narrative after the checks every text gets."""
    value = expect(narrative, Narrative, N_("Narrative"))
    return Narrative(
        clean_text(value.heard, N_("Heard"), limit=50_000, multiline=True),
        clean_text(value.spoke, N_("Spoke"), limit=10_000, multiline=True),
        clean_text(value.discussion, N_("Discussion"), limit=50_000, multiline=True),
    )


def set_narrative(
    db: Database, actor: Actor, protocol_id: int, item_id: int, lang: str, narrative: Narrative
) -> Narrative:
    """Write what was heard and said on an item, in one language; the rest is from the record."""
    values = clean_narrative(narrative)
    code = _check_lang(lang)
    with db.transaction() as session:
        return write_narrative(session, actor, protocol_id, item_id, code, values)


def write_narrative(
    session: Session,
    actor: Actor,
    protocol_id: int,
    item_id: int,
    lang: str,
    values: Narrative,
    *,
    unless_changed_from: tuple[Narrative, str] | None = None,
) -> Narrative:
    """Write a checked narrative of a draft protocol in the caller's transaction.

    ``unless_changed_from``: the text the caller expects to find there, and the refusal
    when it is not (an undo step whose text someone edited meanwhile).
    """
    row = load_protocol(session, protocol_id)
    guard_draft(row)
    item = get(session, AgendaItem, item_id, N_("Agenda item"))
    if item.meeting_id != row.meeting_id:
        raise DomainError(N_("The item does not belong to this meeting."))
    text = session.scalar(
        select(ProtocolNarrative).where(
            ProtocolNarrative.protocol_id == row.id,
            ProtocolNarrative.item_id == item.id,
            ProtocolNarrative.lang == lang,
        )
    )
    stored = Narrative(text.heard, text.spoke, text.discussion) if text else Narrative()
    if unless_changed_from is not None and stored != unless_changed_from[0]:
        raise DomainError(unless_changed_from[1])
    before = None if text is None else dataclasses.asdict(stored)
    if text is None:
        text = ProtocolNarrative(protocol_id=row.id, item_id=item.id, lang=lang)
        session.add(text)
    text.heard, text.spoke, text.discussion = values.heard, values.spoke, values.discussion
    meeting = load_meeting(session, row.meeting_id)
    after: dict[str, object] = {"item_id": item.id, "lang": lang, **dataclasses.asdict(values)}
    if unless_changed_from is not None:
        after["undo"] = True
    audit(
        session,
        actor,
        "protocol.narrative",
        entity="protocol_narratives",
        entity_id=row.id,
        council_id=meeting.council_id,
        before=before,
        after=after,
    )
    return values


def record_agreement(
    db: Database, actor: Actor, protocol_id: int, agreed_by: str, agreed_on: date, remarks: str = ""
) -> ProtocolInfo:
    """Record one round of agreement of the draft (004 §30: agreed with the bodies concerned)."""
    who = clean_text(agreed_by, N_("Agreed by"), required=True, limit=500)
    day = check_date(agreed_on, N_("Date"))
    notes = clean_text(remarks, N_("Remarks"), limit=20_000, multiline=True)
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        guard(ProtocolAction.RECORD_AGREEMENT, row.state, number=row.number)
        meeting = load_meeting(session, row.meeting_id)
        assert day is not None
        if day < meeting.meeting_date:
            raise DomainError(N_("The protocol cannot be agreed before the meeting."))
        round_ = ProtocolAgreement(
            protocol_id=row.id, agreed_by=who, agreed_on=day, remarks=notes, recorded_at=now()
        )
        session.add(round_)
        audit(session, actor, "protocol.agreement", round_, council_id=meeting.council_id)
        return protocol_info(session, row)


def mark_agreed(db: Database, actor: Actor, protocol_id: int) -> ProtocolInfo:
    """The draft is agreed and ready for signing."""
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        target = guard(ProtocolAction.MARK_AGREED, row.state, number=row.number)
        before = snapshot(row)
        row.state, row.agreed_at = target.value, now()
        meeting = load_meeting(session, row.meeting_id)
        audit(session, actor, "protocol.agreed", row, before=before, council_id=meeting.council_id)
        return protocol_info(session, row)


@dataclass(frozen=True)
class Signing:
    """How the protocol is signed and in which languages it is issued."""

    signed_on: date
    method: str = "paper"  # or "electronic"
    languages: tuple[str, ...] = ("kk",)
    accept_gaps: bool = False  # issue even where a language has gaps (marked in the record)


def missing_texts(db: Database, protocol_id: int, lang: str) -> tuple[str, ...]:
    """What is missing in ``lang`` (filled from another language) before issuing."""
    code = _check_lang(lang)
    with db.reading() as session:
        return build_snapshot(session, load_protocol(session, protocol_id), code).gaps


def sign_protocol(db: Database, actor: Actor, protocol_id: int, signing: Signing) -> ProtocolInfo:
    """Sign and issue: freeze the snapshot and PDF of each language, lock the record."""
    expect(signing, Signing, N_("Signing"))
    day = check_date(signing.signed_on, N_("Signed on"))
    assert day is not None
    if signing.method not in ("paper", "electronic"):
        raise DomainError(N_("A protocol is signed on paper or electronically."))
    languages = tuple(
        dict.fromkeys(
            _check_lang(code) for code in expect(signing.languages, tuple, N_("Languages"))
        )
    )
    if not languages:
        raise DomainError(N_("Choose at least one language to issue the protocol in."))
    accept_gaps = check_flag(signing.accept_gaps, N_("Issue with gaps"))
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        # Another workstation may be signing it now (PostgreSQL): wait for its row lock and
        # judge the state it leaves, so the second signer is told it is signed already.
        session.refresh(row, with_for_update=True)
        guard(ProtocolAction.SIGN, row.state, number=row.number)
        meeting = load_meeting(session, row.meeting_id)
        _guard_meeting_signable(session, meeting, day)
        snapshots = {code: build_snapshot(session, row, code) for code in languages}
        gaps = {code: snap.gaps for code, snap in snapshots.items() if snap.gaps}
        if gaps and not accept_gaps:
            listed = "; ".join(f"{code}: {', '.join(found[:5])}" for code, found in gaps.items())
            raise DomainError(
                N_(
                    "Some texts are missing and would be filled from another "
                    "language ({gaps}). Translate them, or confirm issuing with "
                    "gaps."
                ),
                gaps=listed,
            )
        before = snapshot(row)
        issued_at = now()
        # The documents are dated when they are signed (their creation date).
        snapshots = {
            code: dataclasses.replace(snap, document_date=issued_at.isoformat(timespec="seconds"))
            for code, snap in snapshots.items()
        }
        _issue_documents(session, row, snapshots, issued_at, actor)
        _signatures(session, row, meeting, day, signing.method)
        row.state, row.signed_on, row.signed_at, row.signed_by = (
            ProtocolState.SIGNED.value,
            day,
            issued_at,
            actor.name,
        )
        audit(session, actor, "protocol.sign", row, before=before, council_id=meeting.council_id)
        seal_signed(session, row.id, actor.name)
        return protocol_info(session, row)


def _guard_meeting_signable(session: Session, meeting: Meeting, day: date) -> None:
    """A protocol is signed after its meeting is held, on or after its day, every vote closed."""
    if meeting.state not in (MeetingState.HELD.value, MeetingState.CLOSED.value):
        raise DomainError(
            N_("Meeting No. {number} has not been held yet, so its protocol cannot be issued."),
            number=meeting.number,
        )
    if day < meeting.meeting_date:
        raise DomainError(N_("The protocol cannot be signed before the meeting."))
    from app.models.conduct import DecisionPoint

    open_points = session.scalar(
        select(DecisionPoint.id)
        .join(AgendaItem, AgendaItem.id == DecisionPoint.item_id)
        .where(AgendaItem.meeting_id == meeting.id, DecisionPoint.state == "open")
        .limit(1)
    )
    if open_points is not None:
        raise DomainError(
            N_(
                "Some votes of the meeting are still open; close every voting "
                "before signing the protocol."
            )
        )


def _issue_documents(
    session: Session,
    row: Protocol,
    snapshots: dict[str, ProtocolSnapshot],
    issued_at: datetime,
    actor: Actor,
) -> None:
    """Each language's frozen snapshot and its PDF, rendered once, kept for ever."""
    from app.reports.protocol_pdf import render_pdf

    for code, snap in snapshots.items():
        pdf = render_pdf(snap)
        session.add(
            IssuedDocument(
                protocol_id=row.id,
                lang=code,
                snapshot=snap.to_dict(),
                snapshot_sha256=snap.digest(),
                pdf=pdf,
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                with_gaps=bool(snap.gaps),
                gaps=list(snap.gaps),
                issued_at=issued_at,
                issued_by=actor.name,
            )
        )


def _signatures(session: Session, row: Protocol, meeting: Meeting, day: date, method: str) -> None:
    profile = council_profile(session, meeting.council_id, meeting.meeting_date)
    session.add(
        ProtocolSignature(
            protocol_id=row.id,
            person_id=meeting.presiding_person_id,
            role="presiding",
            signed_on=day,
            method=method,
        )
    )
    if profile.signers is Signers.PRESIDING_AND_SECRETARY:
        from app.domain.composition import Role

        secretary = next(
            (
                m.person_id
                for m in members_on(session, meeting.council_id, meeting.meeting_date)
                if m.role is Role.SECRETARY and m.person_id
            ),
            None,
        )
        if secretary is None:
            raise DomainError(
                N_(
                    "The regulation asks the secretary to sign, but the council "
                    "had no secretary on the meeting date."
                )
            )
        session.add(
            ProtocolSignature(
                protocol_id=row.id,
                person_id=secretary,
                role="secretary",
                signed_on=day,
                method=method,
            )
        )


def record_copy(
    db: Database,
    actor: Actor,
    protocol_id: int,
    sent_on: date,
    *,
    person_id: int | None = None,
    recipient: str = "",
    channel: str = "",
) -> ProtocolInfo:
    """A copy of the signed protocol was sent to a member or another recipient (000 §9.4)."""
    day = check_date(sent_on, N_("Sent on"))
    name = clean_text(recipient, N_("Recipient"), limit=500)
    how = clean_text(channel, N_("Channel"), limit=32)
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        guard(ProtocolAction.RECORD_COPY, row.state, number=row.number)
        assert day is not None and row.signed_on is not None
        if day < row.signed_on:
            raise DomainError(N_("A copy cannot be sent before the protocol was signed."))
        pid = None
        if person_id is not None:
            pid = get(session, Person, check_id(person_id, N_("Person")), N_("Person")).id
        if pid is None and not name:
            raise DomainError(N_("Say who received the copy."))
        copy = ProtocolCopy(
            protocol_id=row.id, person_id=pid, recipient=name, sent_on=day, channel=how
        )
        session.add(copy)
        meeting = load_meeting(session, row.meeting_id)
        audit(session, actor, "protocol.copy", copy, council_id=meeting.council_id)
        return protocol_info(session, row)


def mark_copies_sent(db: Database, actor: Actor, protocol_id: int) -> ProtocolInfo:
    """Every member has been sent a copy; the protocol's path is complete."""
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        target = guard(ProtocolAction.MARK_COPIES_SENT, row.state, number=row.number)
        copies = list(
            session.scalars(select(ProtocolCopy).where(ProtocolCopy.protocol_id == row.id))
        )
        if not copies:
            raise DomainError(
                N_("Record at least one copy sent before marking the copies as sent.")
            )
        before = snapshot(row)
        row.state = target.value
        row.copies_sent_on = max(c.sent_on for c in copies)
        meeting = load_meeting(session, row.meeting_id)
        audit(
            session,
            actor,
            "protocol.copies_sent",
            row,
            before=before,
            council_id=meeting.council_id,
        )
        return protocol_info(session, row)


def revise_protocol(db: Database, actor: Actor, protocol_id: int, reason: str) -> ProtocolInfo:
    """Start a correction: a new draft revision that refers to the signed one, with a reason.

    The meeting's record unlocks for the correction; the signed revision, its
    snapshots and PDFs stay exactly as they were.
    """
    why = clean_text(reason, N_("Reason"), required=True, limit=5000, multiline=True)
    with db.transaction() as session:
        row = load_protocol(session, protocol_id)
        guard(ProtocolAction.REVISE, row.state, number=row.number)
        latest = latest_protocol(session, row.meeting_id)
        assert latest is not None
        if latest.id != row.id:
            raise DomainError(N_("A newer revision of this protocol exists already."))
        revision = Protocol(
            meeting_id=row.meeting_id,
            revision=row.revision + 1,
            replaces_id=row.id,
            revision_reason=why,
            number=row.number,
            main_language=row.main_language,
            state=ProtocolState.DRAFT.value,
        )
        for code in LANGS:
            setattr(revision, f"city_{code}", getattr(row, f"city_{code}"))
        session.add(revision)
        session.flush()
        for text in session.scalars(
            select(ProtocolNarrative).where(ProtocolNarrative.protocol_id == row.id)
        ):
            session.add(
                ProtocolNarrative(
                    protocol_id=revision.id,
                    item_id=text.item_id,
                    lang=text.lang,
                    heard=text.heard,
                    spoke=text.spoke,
                    discussion=text.discussion,
                )
            )
        meeting = load_meeting(session, row.meeting_id)
        audit(session, actor, "protocol.revise", revision, council_id=meeting.council_id)
        return protocol_info(session, revision)
