"""remark_step: what a file's remark is to the one already here (the import's rule).

The merge itself, on real databases, is tested in ``test_remarks_exchange.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.services.exchange.merge_remarks import ANSWERED, CHANGED, OLDER, SAME, remark_step

OPEN: dict[str, Any] = {
    "uid": "a" * 32,
    "created_at": "2026-03-01T09:00:00+00:00",
    "meeting": "b" * 32,
    "subject": "agenda",
    "protocol": None,
    "text": "Баяндамашыны көрсетіңіз.",
    "author": "chair",
    "answer": "",
    "answered_by": "",
    "answered_at": None,
}
ANSWER = {
    "answer": "Қосылды.",
    "answered_by": "secretary",
    "answered_at": "2026-03-02T10:00:00+00:00",
}
DONE = {**OPEN, **ANSWER}


@pytest.mark.parametrize(
    ("ours", "theirs", "step"),
    [
        (OPEN, OPEN, SAME),
        (DONE, DONE, SAME),
        (OPEN, DONE, ANSWERED),  # the answer given elsewhere arrives
        (DONE, OPEN, OLDER),  # a file made before the answer: ours stays
        (DONE, {**DONE, "answer": "Басқа."}, CHANGED),  # an answer never changes
        (DONE, {**DONE, "answered_at": "2026-03-03T10:00:00+00:00"}, CHANGED),
        (OPEN, {**OPEN, "text": "Басқа."}, CHANGED),
        (OPEN, {**OPEN, "author": "someone"}, CHANGED),
        (OPEN, {**OPEN, "created_at": "2026-03-01T09:00:01+00:00"}, CHANGED),
        (OPEN, {**DONE, "subject": "protocol"}, CHANGED),  # answered, but moved: refused
        (DONE, {**OPEN, "answer": "Қосылды."}, CHANGED),  # half an answer is not older
    ],
)
def test_only_the_first_answer_may_arrive_for_a_remark_already_here(
    ours: dict[str, Any], theirs: dict[str, Any], step: str
) -> None:
    assert remark_step(ours, theirs) == step
