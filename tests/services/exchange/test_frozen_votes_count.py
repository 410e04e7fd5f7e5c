"""The frozen record an import counts is the one closing the vote froze, counted once or twice."""

from __future__ import annotations

import dataclasses

import pytest

from app.domain.quorum_loss import closing_without_quorum
from app.domain.voting import not_considered
from app.models.conduct import DecisionPoint
from app.models.database import Database
from app.services.conduct.common import (
    attendance_records,
    frozen_record,
    item_quorum,
    live_result,
    point_frame,
    voting_context,
)
from app.services.exchange.frozen_votes import LiveCount, count_frozen, settle_closed_point
from tests.services.protocol_helpers import held_meeting


@pytest.mark.parametrize("flip_secretary_votes", [False, True])
def test_the_count_is_the_frozen_record_with_or_without_the_live_count(
    database: Database, flip_secretary_votes: bool
) -> None:
    held = held_meeting(database)
    with database.reading() as session:
        for point_id in held.points:
            point = session.get(DecisionPoint, point_id)
            assert point is not None
            fr, index = point_frame(session, point)
            if flip_secretary_votes:  # another profile: another voting context
                votes = not fr.profile.secretary_votes
                profile = dataclasses.replace(fr.profile, secretary_votes=votes)
                fr = dataclasses.replace(fr, profile=profile)
            records = attendance_records(session, fr.meeting.id)
            # What the import counted before: the service functions, one after another.
            result = live_result(session, point, fr, records, index)
            assert result is not None
            quorum = item_quorum(fr, records, index)
            if closing_without_quorum(fr.profile, quorum, index + 1, confirmed=True):
                result = not_considered(result)
            former = frozen_record(session, point.id, fr, records, index, quorum, result)
            live = LiveCount(
                voting_context(fr, records, index), live_result(session, point, fr, records, index)
            )
            assert count_frozen(session, point, fr, records, index) == former
            assert count_frozen(session, point, fr, records, index, live=live) == former
            if not flip_secretary_votes:
                assert former == point.frozen  # what closing the vote froze


def test_a_record_naming_no_profile_reuses_the_live_count(database: Database) -> None:
    held = held_meeting(database)
    with database.reading() as session:
        point = session.get(DecisionPoint, held.points[1])
        assert point is not None
        fr, index = point_frame(session, point)
        records = attendance_records(session, fr.meeting.id)
        context = voting_context(fr, records, index)
        result = live_result(session, point, fr, records, index)
        assert result is not None
        named = dict(point.frozen)
        unnamed = {k: v for k, v in named.items() if k != "profile"}
        for recorded in (named, unnamed, None):
            args = (session, point, fr, records, index, recorded)
            flags = {"stored": None, "votes_changed": True, "recount": False}
            with_live = settle_closed_point(*args, **flags, live=LiveCount(context, result))
            assert with_live == settle_closed_point(*args, **flags)
