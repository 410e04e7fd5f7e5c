"""Who may be invited to a meeting, and as whose substitute: one rule for services and import."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.invited import (
    MEMBER_INVITED,
    NAMELESS,
    NOT_A_SUBSTITUTE,
    REPLACED_NOT_A_MEMBER,
    REPLACED_PRESENT,
    WHOSE_SUBSTITUTE,
    InvitedRole,
    member_invited,
    nameless,
    substitute_refusal,
)

DAY = date(2026, 3, 12)
MEMBERS = {1, 2, 3}


def name_of(person_id: int) -> str:
    return f"Person {person_id}"


def test_a_member_is_not_invited_but_a_guest_from_the_register_is() -> None:
    refusal = member_invited(2, MEMBERS, name_of)
    assert refusal is not None
    assert refusal.msgid == MEMBER_INVITED
    assert refusal.params == {"name": "Person 2"}
    assert member_invited(9, MEMBERS, name_of) is None
    assert member_invited(None, MEMBERS, name_of) is None


def test_an_invited_person_needs_a_name() -> None:
    refusal = nameless("")
    assert refusal is not None and refusal.msgid == NAMELESS
    assert nameless("Ахметов А.") is None


@pytest.mark.parametrize(
    ("role", "instead_of", "present", "expected"),
    [
        (InvitedRole.SUBSTITUTE, None, set(), WHOSE_SUBSTITUTE),
        (InvitedRole.SUBSTITUTE, 9, set(), REPLACED_NOT_A_MEMBER),
        (InvitedRole.SUBSTITUTE, 2, {2}, REPLACED_PRESENT),
        (InvitedRole.SUBSTITUTE, 2, {1, 3}, None),
        (InvitedRole.GUEST, 2, set(), NOT_A_SUBSTITUTE),
        (InvitedRole.EXPERT, None, set(), None),
        ("speaker", None, set(), None),
    ],
)
def test_only_a_substitute_names_an_absent_member(
    role: str, instead_of: int | None, present: set[int], expected: str | None
) -> None:
    refusal = substitute_refusal(role, instead_of, members=MEMBERS, present=present, day=DAY)
    assert (refusal.msgid if refusal is not None else None) == expected
    if expected == REPLACED_NOT_A_MEMBER:
        assert refusal is not None and refusal.params == {"day": DAY}
