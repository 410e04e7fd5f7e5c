"""The table of action → roles, checked against every action the services record."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.domain.permissions import (
    OWN,
    SPECIAL,
    PermissionRefused,
    Role,
    check_permission,
    may,
    roles_for,
)

APP = Path(__file__).resolve().parents[2] / "app"


def recorded_actions() -> set[str]:
    """Every audit action named by a string literal in the services ("entity.verb")."""
    found: set[str] = set()
    for path in (APP / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                head, dot, verb = node.value.partition(".")
                if (
                    dot
                    and head.replace("_", "").isalpha()
                    and verb.replace("_", "").isalpha()
                    and head.islower()
                    and verb.islower()
                    and len(head) > 2
                ):
                    found.add(node.value)
    return {a for a in found if not a.endswith(("py", "json", "pdf", "zip", "kenes"))}


def expected(action: str) -> set[Role]:
    """The rule, written once more independently: who may do ``action``."""
    if action in OWN:
        return set(Role)
    entity = action.partition(".")[0]
    if entity in {"account", "database", "trust", "demo"}:
        return {Role.ADMINISTRATOR}
    if entity in {"calendar_override", "exchange"}:
        return {Role.ADMINISTRATOR, Role.SECRETARY}
    if action in {
        "meeting.approve_agenda",
        "agenda_approval.create",
        "meeting.approval_revoked",
        "protocol.agreement",
        "protocol.agreed",
        "protocol.sign",
        "protocol.esign",
        "review.return",
    }:
        return {Role.SECRETARY, Role.CHAIR}
    return {Role.SECRETARY}


def test_the_scan_finds_the_services_actions() -> None:
    actions = recorded_actions()
    assert {"meeting.plan", "ballot.cast", "protocol.sign", "account.create"} <= actions
    assert set(SPECIAL) <= actions


@pytest.mark.parametrize("role", list(Role))
def test_every_action_against_every_role(role: Role) -> None:
    for action in sorted(recorded_actions() | set(SPECIAL) | OWN):
        assert may({role}, action) == (role in expected(action)), (action, role)


def test_members_and_readers_change_nothing() -> None:
    for action in recorded_actions() - OWN:
        assert not may({Role.MEMBER, Role.READER}, action), action


def test_the_refusal_names_who_may() -> None:
    with pytest.raises(PermissionRefused) as caught:
        check_permission("omarova", {Role.MEMBER}, "protocol.sign")
    assert caught.value.message() == (
        "The account “omarova” may not do this here: only the secretary or the chair may."
    )
    assert roles_for("meeting.plan") == {Role.SECRETARY}


def test_every_step_a_view_offers_names_an_action_the_services_record() -> None:
    from app.domain.meeting import MeetingAction
    from app.domain.permissions import MEETING_STEPS, PROTOCOL_STEPS
    from app.domain.protocol_states import ProtocolAction

    recorded = recorded_actions() | {"protocol.copy"}  # dropped above as a "….py" name
    assert set(MEETING_STEPS) == {a.value for a in MeetingAction}
    assert set(PROTOCOL_STEPS) == {a.value for a in ProtocolAction}
    assert set(MEETING_STEPS.values()) | set(PROTOCOL_STEPS.values()) <= recorded


def test_read_levels_from_the_archive_to_everything() -> None:
    from app.domain.permissions import ReadLevel, read_level

    assert read_level([]) is ReadLevel.NONE
    assert read_level([Role.READER]) is ReadLevel.ARCHIVE
    assert read_level([Role.MEMBER, Role.READER]) is ReadLevel.MEMBER
    for role in (Role.ADMINISTRATOR, Role.SECRETARY, Role.CHAIR):
        assert read_level([Role.READER, role]) is ReadLevel.FULL
