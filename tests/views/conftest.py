"""Fixtures shared by the view tests: refusals captured instead of shown, and the usual worlds.

A test module that needs something else (a refusal fixture that also answers questions, a
world under another schedule) defines its own fixture of the same name, which wins.
"""

from __future__ import annotations

import pytest

from app.domain.errors import KenesError
from app.models.database import Database
from app.services.protocols.actions import create_protocol
from app.services.protocols.common import ProtocolInfo
from app.views import operations
from tests.services.conduct_helpers import ME
from tests.services.meeting_helpers import World, make_world
from tests.services.protocol_helpers import HeldMeeting, held_meeting


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[KenesError]:
    """Refusals a view would show, captured instead of opening a modal box."""
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _parent, error: seen.append(error))
    return seen


@pytest.fixture
def world(database: Database) -> World:
    """The council and its composition of tests.services.meeting_helpers."""
    return make_world(database)


@pytest.fixture
def held(database: Database) -> HeldMeeting:
    """The demo board's meeting held: votes closed, a dissent, an instruction (protocol_helpers)."""
    return held_meeting(database)


@pytest.fixture
def protocol(database: Database, held: HeldMeeting) -> ProtocolInfo:
    """A protocol of the held meeting, not yet signed."""
    return create_protocol(database, ME, held.board.meeting_id)
