"""A held meeting of the demo council with votes, a tie, a dissent and an instruction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.domain.voting import Choice
from app.models.database import Database
from app.services.conduct.decisions import InstructionData, add_decision_point, add_instruction
from app.services.conduct.dissent import add_dissent
from app.services.conduct.voting import cast_ballot, close_voting
from app.services.meetings.mark_held import mark_held
from app.services.meetings.notify_members import notify_members
from tests.services.conduct_helpers import DAY, ME, Board, all_present, board_meeting


@dataclass(frozen=True)
class HeldMeeting:
    board: Board
    points: list[int]


def held_meeting(db: Database, *, close: bool = True, preset: str = "") -> HeldMeeting:
    board = board_meeting(db, preset=preset)
    all_present(db, board, except_=(board.members[-1],))  # 14 of 15 present
    notify_members(db, ME, board.meeting_id, "kk", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
    first = add_decision_point(db, ME, board.items[0], {
        "kk": "Жоспар бекітілсін.", "ru": "Утвердить план.", "en": "Approve the plan."})
    for person in board.members[:10]:
        cast_ballot(db, ME, first.id, person, Choice.FOR)
    for person in board.members[10:14]:
        cast_ballot(db, ME, first.id, person, Choice.AGAINST)
    add_instruction(db, ME, first.id, InstructionData(
        texts={"kk": "Жол картасын әзірлеу.", "ru": "Разработать дорожную карту.",
               "en": "Draft a roadmap."},
        executors={"kk": "ЦДИАӨМ", "ru": "МЦРИАП", "en": "MDDIAI"},
        deadline=date(2024, 6, 1),
        completion_forms={"kk": "Үкіметке ақпарат", "ru": "Информация в Правительство",
                          "en": "Information to the Government"}))
    second = add_decision_point(db, ME, board.items[1], {
        "kk": "Қаржыландыру мақұлдансын.", "ru": "Одобрить финансирование.",
        "en": "Approve the funding."})
    for person in board.members[:7]:  # the chair (presiding) votes for: a 7–7 tie
        cast_ballot(db, ME, second.id, person, Choice.FOR)
    for person in board.members[7:14]:
        cast_ballot(db, ME, second.id, person, Choice.AGAINST)
    if close:
        close_voting(db, ME, first.id)
        close_voting(db, ME, second.id)
    add_dissent(db, ME, second.id, board.members[8],
                "Қаржыландыру көзі көрсетілмеген, сондықтан қарсымын.", "kk", DAY)
    mark_held(db, ME, board.meeting_id, today=date(2024, 3, 15))
    return HeldMeeting(board, [first.id, second.id])
