"""The comparison of a signed protocol with the protocol assembled again from the record."""

from __future__ import annotations

import dataclasses

from app.domain.protocol import DecisionLine, ItemSection, ProtocolSnapshot, RollCall, VoteRow
from app.domain.signed_record import (
    COUNTS_DIFFER,
    TEXT_DIFFERS,
    VOTE_DIFFERS,
    VOTES_DIFFER,
    disagreements,
)


def snapshot(rows: tuple[VoteRow, ...], text: str = "Утвердить план.") -> ProtocolSnapshot:
    counts = (
        sum(r.choice.lower() == "за" for r in rows),
        sum(r.choice.lower() == "против" for r in rows),
        0,
        0,
    )
    line = DecisionLine("1.1", text, True, counts, "")
    return ProtocolSnapshot(
        lang="ru",
        labels={},
        council_name="",
        title="",
        number="1",
        city="",
        date_text="",
        time_text="",
        place="",
        presiding="",
        present=(),
        present_count="",
        quorum="",
        invited=(),
        absent=(),
        agenda=(),
        items=(ItemSection(1, "", decisions=(line,)),),
        roll_calls=(RollCall(1, "1.1", text, rows),),
        dissents=(),
        signatures=(),
    )


ROWS = (VoteRow("Иванов И.", "за"), VoteRow("Петров П.", "против"), VoteRow("Сидоров С.", "за"))


def test_the_same_record_agrees() -> None:
    assert disagreements(snapshot(ROWS), snapshot(ROWS)) == []


def test_a_turned_vote_names_the_member_and_the_counts() -> None:
    turned = (ROWS[0], dataclasses.replace(ROWS[1], choice="за"), ROWS[2])
    found = disagreements(snapshot(ROWS), snapshot(turned))
    assert {(d.msgid, d.name) for d in found} == {
        (COUNTS_DIFFER, ""),
        (VOTE_DIFFERS, "Петров П."),
    }
    error = next(d for d in found if d.msgid == COUNTS_DIFFER).error(3)
    assert error.params["signed_for"] == 2 and error.params["for_"] == 3


def test_a_renamed_member_with_the_same_vote_agrees() -> None:
    renamed = (ROWS[0], dataclasses.replace(ROWS[1], name="Петрова-Смирнова П."), ROWS[2])
    assert disagreements(snapshot(ROWS), snapshot(renamed)) == []


def test_a_renamed_member_with_another_vote_is_found() -> None:
    renamed = (ROWS[0], VoteRow("Петрова-Смирнова П.", "за"), ROWS[2])
    found = disagreements(snapshot(ROWS), snapshot(renamed))
    assert VOTES_DIFFER in {d.msgid for d in found}


def test_a_replaced_text_is_named_in_its_language() -> None:
    found = disagreements(snapshot(ROWS), snapshot(ROWS, "Отклонить план."))
    assert [d.msgid for d in found] == [TEXT_DIFFERS["ru"]]


def test_choices_worded_otherwise_at_signing_are_compared_by_who_voted_alike() -> None:
    old = tuple(dataclasses.replace(r, choice=r.choice.upper()) for r in ROWS)
    words = frozenset({"за", "против", "воздержался"})
    assert disagreements(snapshot(old), snapshot(ROWS), words) == []
    turned = (ROWS[0], dataclasses.replace(ROWS[1], choice="за"), ROWS[2])
    found = disagreements(snapshot(old), snapshot(turned), words)
    assert VOTES_DIFFER in {d.msgid for d in found}
