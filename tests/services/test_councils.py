"""Council actions on a real SQLite file: create, edit, profiles, archive; audit; refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.domain.council import CouncilKind
from app.domain.errors import DomainError, NotFoundError
from app.domain.regulation import AI_COUNCIL_881, SUPERVISORY_BOARD_690, TieBreak
from app.models.audit import AuditEvent
from app.models.database import Database
from app.services.base import Actor
from app.services.councils import (
    CouncilData,
    archive_council,
    create_council,
    get_council,
    list_councils,
    set_profile,
    update_council,
)
from tests.services.helpers import audit_actions, counts

SECRETARY = Actor("aigerim")


def board(**changes: object) -> CouncilData:
    base = CouncilData(
        name_kk="Қамқоршылық кеңес",
        name_ru="Попечительский совет",
        kind=CouncilKind.SUPERVISORY_BOARD,
        act_title="Қаулы",
        act_number="690",
        act_date=date(2017, 10, 31),
        preset_key=SUPERVISORY_BOARD_690.key,
    )
    return CouncilData(**{**base.__dict__, **changes})


def test_create_council_from_a_preset(database: Database) -> None:
    council = create_council(database, SECRETARY, board())
    assert council.profile == SUPERVISORY_BOARD_690.profile
    assert council.name("en") == "Қамқоршылық кеңес"  # falls back: kk, then ru
    assert council.name("ru") == "Попечительский совет"
    assert get_council(database, council.id) == council
    assert [c.id for c in list_councils(database)] == [council.id]


def test_every_action_is_audited_with_before_and_after(database: Database) -> None:
    council = create_council(database, SECRETARY, board())
    update_council(database, SECRETARY, council.id, board(name_en="Supervisory board"))
    with database.reading() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [e.action for e in events] == ["council.create", "council.update"]
        assert events[1].actor == "aigerim"
        assert events[1].before is not None and events[1].before["name_en"] == ""
        assert events[1].after is not None and events[1].after["name_en"] == "Supervisory board"


def test_profile_can_be_adjusted_after_a_preset(database: Database) -> None:
    council = create_council(database, SECRETARY, board(preset_key=AI_COUNCIL_881.key))
    adjusted = AI_COUNCIL_881.profile.with_changes(tie_break=TieBreak.NONE)
    changed = set_profile(database, SECRETARY, council.id, adjusted, AI_COUNCIL_881.key)
    assert changed.profile.tie_break is TieBreak.NONE
    assert get_council(database, council.id).profile == adjusted
    assert audit_actions(database)[-1] == "council.set_profile"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_kk": "", "name_ru": "", "name_en": "  "}, "at least one language"),
        ({"kind": CouncilKind.WORKING_GROUP}, "must name the council"),
        ({"preset_key": "no_such_preset"}, "Unknown regulation preset"),
        ({"name_kk": "x" * 1001}, "too long"),
        ({"name_kk": "Кеңес\x00"}, "control characters"),
        ({"act_date": date(1800, 1, 1)}, "out of range"),
        ({"parent_id": 999}, "does not exist"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    database: Database, changes: dict[str, object], message: str
) -> None:
    before = counts(database)
    with pytest.raises(DomainError, match=message):
        create_council(database, SECRETARY, board(**changes))
    assert counts(database) == before


def test_working_group_names_its_parent(database: Database) -> None:
    parent = create_council(database, SECRETARY, board())
    group = create_council(
        database,
        SECRETARY,
        CouncilData(
            name_en="Working group on AI", kind=CouncilKind.WORKING_GROUP, parent_id=parent.id
        ),
    )
    assert group.parent_id == parent.id


def test_a_stale_edit_is_refused(database: Database) -> None:
    council = create_council(database, SECRETARY, board())
    update_council(database, SECRETARY, council.id, board(name_en="First"), council.version)
    with pytest.raises(DomainError, match="changed by someone else"):
        update_council(database, SECRETARY, council.id, board(name_en="Second"), council.version)
    assert get_council(database, council.id).names["en"] == "First"


def test_archived_councils_are_hidden_but_kept(database: Database) -> None:
    council = create_council(database, SECRETARY, board())
    archive_council(database, SECRETARY, council.id)
    assert list_councils(database) == []
    assert [c.id for c in list_councils(database, include_archived=True)] == [council.id]
    archive_council(database, SECRETARY, council.id, archived=False)
    assert len(list_councils(database)) == 1


def test_unknown_council_is_a_clear_refusal(database: Database) -> None:
    with pytest.raises(NotFoundError, match="does not exist"):
        get_council(database, 42)
    with pytest.raises(DomainError):
        update_council(database, SECRETARY, "1", board())  # type: ignore[arg-type]
