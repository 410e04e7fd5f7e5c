"""The protocol's path: draft, narrative, agreement, signing (frozen), copies, revision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import DomainError
from app.domain.protocol import ProtocolState
from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.attendance import record_attendance
from app.services.conduct.decisions import update_decision_point
from app.services.conduct.queries import live_meeting
from app.services.conduct.voting import cast_ballot, reopen_voting
from app.services.protocols.actions import (
    Narrative,
    ProtocolDetails,
    Signing,
    create_protocol,
    mark_agreed,
    mark_copies_sent,
    missing_texts,
    record_agreement,
    record_copy,
    revise_protocol,
    set_narrative,
    sign_protocol,
    update_protocol,
)
from app.services.protocols.documents import (
    export_protocol,
    protocol_overview,
    protocol_pdf,
    protocol_snapshot,
    verify_file,
)
from tests.services.conduct_helpers import ME, board_meeting, counts
from tests.services.protocol_helpers import held_meeting

CITIES = {"kk": "Астана", "ru": "Астана", "en": "Astana"}


def drafted(db: Database):  # type: ignore[no-untyped-def]
    held = held_meeting(db)
    protocol = create_protocol(db, ME, held.board.meeting_id)
    protocol = update_protocol(db, ME, protocol.id, ProtocolDetails("3", CITIES, "kk"))
    for lang, heard in (("kk", "Баяндама тыңдалды."), ("ru", "Заслушан доклад."),
                        ("en", "A report was heard.")):
        for item in held.board.items:
            set_narrative(db, ME, protocol.id, item, lang, Narrative(heard, "", ""))
    return held, protocol


def test_protocol_needs_a_held_meeting(database: Database) -> None:
    board = board_meeting(database)
    before = counts(database)
    with pytest.raises(DomainError, match="has not been held yet"):
        create_protocol(database, ME, board.meeting_id)
    assert counts(database) == before


def test_snapshot_comes_from_the_record(database: Database) -> None:
    _held, protocol = drafted(database)
    snap = protocol_snapshot(database, protocol.id, "ru")
    assert snap.date_text == "14\u00a0марта\u00a02024\u00a0года"  # a date never breaks
    assert snap.present_count == "Присутствовали 14 из 15 членов совета с правом голоса"
    assert len(snap.present) == 14 and len(snap.absent) == 1
    assert snap.absent[0].note == "в командировке"  # never the Kazakh «іссапар»
    first, second = snap.items[0].decisions[0], snap.items[1].decisions[0]
    assert first.adopted and first.counts == (10, 4, 0, 0)
    assert second.adopted and "равенство голосов" in second.result
    assert second.dissent_mentions and snap.dissents[0].number == "2.1"
    assert first.instructions[0].deadline == "1\u00a0июня 2024\u00a0года"  # may wrap once in a cell
    assert snap.gaps == ()
    # The chair presided; the secretary attended and kept the record (see protocols.form).
    assert [s.role for s in snap.signatures] == ["Председатель", "Секретарь"]
    kk = protocol_snapshot(database, protocol.id, "kk")
    assert kk.date_text == "2024\u00a0жылғы\u00a014\u00a0наурыз"  # the bare date line
    assert kk.labels["heard"] == "Тыңдалды:"


def test_missing_translations_are_listed_and_need_confirmation(database: Database) -> None:
    held = held_meeting(database)
    protocol = create_protocol(database, ME, held.board.meeting_id)
    assert missing_texts(database, protocol.id, "en")  # no city, no narratives in English
    with pytest.raises(DomainError, match="confirm issuing with gaps"):
        sign_protocol(database, ME, protocol.id, Signing(date(2024, 3, 20), languages=("en",)))
    signed = sign_protocol(database, ME, protocol.id, Signing(
        date(2024, 3, 20), languages=("en",), accept_gaps=True))
    assert signed.issued[0].with_gaps and signed.issued[0].gaps


def test_signing_freezes_the_protocol_and_locks_the_record(
    database: Database, tmp_path: Path
) -> None:
    held, protocol = drafted(database)
    record_agreement(database, ME, protocol.id, "Президент Әкімшілігі", date(2024, 3, 18), "—")
    mark_agreed(database, ME, protocol.id)
    signed = sign_protocol(database, ME, protocol.id, Signing(
        date(2024, 3, 20), "paper", ("kk", "ru", "en")))
    assert signed.state is ProtocolState.SIGNED
    assert {i.lang for i in signed.issued} == {"kk", "ru", "en"}
    pdf = protocol_pdf(database, protocol.id, "ru")
    assert PdfReader_text(pdf).count("Протокол") >= 1
    board = held.board
    before = counts(database)
    with pytest.raises(DomainError, match="is signed"):
        cast_ballot(database, ME, held.points[0], board.members[0], Choice.AGAINST)
    with pytest.raises(DomainError, match="is signed"):
        record_attendance(database, ME, board.meeting_id, board.members[0], False, "x")
    with pytest.raises(DomainError, match="is signed"):
        update_decision_point(database, ME, held.points[0], {"ru": "Другой текст"})
    with pytest.raises(DomainError, match="is signed"):
        reopen_voting(database, ME, held.points[0], "ошибка")
    with pytest.raises(DomainError, match="signed"):
        set_narrative(database, ME, protocol.id, board.items[0], "ru", Narrative("x"))
    assert counts(database) == before
    out = export_protocol(database, board.meeting_id, "ru", tmp_path / "protocol.pdf")
    found = verify_file(database, out)
    assert found.matches and found.revision == 1 and found.lang == "ru"
    (tmp_path / "edited.pdf").write_bytes(out.read_bytes() + b"\n%tampered")
    assert not verify_file(database, tmp_path / "edited.pdf").matches
    docx = export_protocol(database, board.meeting_id, "kk", tmp_path / "protocol.docx")
    assert docx.stat().st_size > 5000


def PdfReader_text(pdf: bytes) -> str:
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_copies_and_the_end_of_the_path(database: Database) -> None:
    held, protocol = drafted(database)
    with pytest.raises(DomainError, match="once the protocol is signed"):
        record_copy(database, ME, protocol.id, date(2024, 3, 21), recipient="Members")
    sign_protocol(database, ME, protocol.id, Signing(date(2024, 3, 20), languages=("kk",)))
    with pytest.raises(DomainError, match="at least one copy"):
        mark_copies_sent(database, ME, protocol.id)
    with pytest.raises(DomainError, match="before the protocol was signed"):
        record_copy(database, ME, protocol.id, date(2024, 3, 19), recipient="Members")
    for person in held.board.members[:3]:
        record_copy(database, ME, protocol.id, date(2024, 3, 22), person_id=person,
                    channel="email")
    done = mark_copies_sent(database, ME, protocol.id)
    assert done.state is ProtocolState.COPIES_SENT and done.copies_sent_on == date(2024, 3, 22)


def test_a_correction_is_a_new_revision(database: Database) -> None:
    held, protocol = drafted(database)
    signed = sign_protocol(database, ME, protocol.id, Signing(date(2024, 3, 20),
                                                             languages=("ru",)))
    original_pdf = protocol_pdf(database, signed.id, "ru")
    with pytest.raises(DomainError, match="Reason"):
        revise_protocol(database, ME, signed.id, " ")
    revision = revise_protocol(database, ME, signed.id, "Ошибка в голосовании по вопросу 2")
    assert revision.revision == 2 and revision.replaces_id == signed.id
    reopen_voting(database, ME, held.points[1], "Ошибка записи голоса")
    cast_ballot(database, ME, held.points[1], held.board.members[7], Choice.FOR)
    from app.services.conduct.voting import close_voting

    close_voting(database, ME, held.points[1])
    assert protocol_pdf(database, signed.id, "ru") == original_pdf  # the signed one is frozen
    snap = protocol_snapshot(database, revision.id, "ru")
    assert "Ошибка в голосовании" in snap.revision_note
    assert snap.items[1].decisions[0].counts[:2] == (8, 6)
    line = live_meeting(database, held.board.meeting_id).items[1].points[0]
    assert line.result is not None and not line.result.tie


def test_overview_flags_overdue_drafts(database: Database) -> None:
    from app.domain.regulation import AI_COUNCIL_881

    held = held_meeting(database, preset=AI_COUNCIL_881.key)
    rows = protocol_overview(database, date(2024, 5, 1))
    assert rows[0].meeting_id == held.board.meeting_id
    assert rows[0].draft_due == date(2024, 4, 15) and rows[0].draft_overdue
    assert not protocol_overview(database, date(2024, 4, 1))[0].draft_overdue


def test_signing_refuses_open_votes(database: Database) -> None:
    held = held_meeting(database, close=False)
    protocol = create_protocol(database, ME, held.board.meeting_id)
    with pytest.raises(DomainError, match="still open"):
        sign_protocol(database, ME, protocol.id, Signing(date(2024, 3, 20), languages=("kk",),
                                                        accept_gaps=True))
