"""The chair's remarks on import: history that arrives, never history that changes.

A remark (``app/services/review``) is made once and answered at most once.  An
import follows the same steps: a remark new here is added; a remark already
here stays as it is (a file that has it without the answer given here is
simply older); the one step a file may bring is the answer to a remark not
yet answered here, as :func:`app.services.review.answer_remark.answer_remark`
allows.  Any other difference refuses the import, naming the meeting, as a
recorded change of a regulation profile does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from app.domain.translation import N_
from app.formats.exchange_values import canonical
from app.models.meeting import Meeting
from app.models.protocol import Protocol
from app.services.exchange.merge_state import Key, MergeState

TABLE = "review_remarks"
ANSWER_FIELDS = ("answer", "answered_by", "answered_at")

SAME, ANSWERED, OLDER, CHANGED = "same", "answered", "older", "changed"

REMARK_CHANGED = N_(
    "A remark of the chair on meeting No. {number} is already recorded here, and an import "
    "never changes it; the file's remark differs."
)


def _utc(moment: datetime) -> datetime:
    """A moment in UTC (SQLite gives back the moments it stored without their zone)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _unanswered(record: Mapping[str, Any]) -> bool:
    return record.get("answered_at") is None


def remark_step(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> str:
    """What the file's remark is to ours (both as records of the format).

    >>> ours = {"uid": "a" * 32, "text": "X", "answer": "", "answered_by": "",
    ...         "answered_at": None}
    >>> remark_step(ours, {**ours, "answer": "Done", "answered_by": "S",
    ...                    "answered_at": "2026-01-02T10:00:00+00:00"})
    'answered'
    >>> remark_step(ours, {**ours, "text": "Y"})
    'changed'
    """
    if canonical(dict(ours)) == canonical(dict(theirs)):
        return SAME
    fixed = [k for k in {*ours, *theirs} if k not in ANSWER_FIELDS]
    if any(canonical(ours.get(k)) != canonical(theirs.get(k)) for k in fixed):
        return CHANGED
    if _unanswered(ours):
        return ANSWERED
    if _unanswered(theirs) and not theirs.get("answer") and not theirs.get("answered_by"):
        return OLDER
    return CHANGED


class RemarkChecks(MergeState):
    """Keeps remarks already here as they are; checks every remark of the file on its own."""

    def _remark_left_as_is(
        self, key: Key, ours: Mapping[str, Any], theirs: Mapping[str, Any]
    ) -> bool:
        """Whether the remark here stays as it is (an older copy, or refused: a change)."""
        step = remark_step(ours, theirs)
        if step == CHANGED:
            meeting = self.session.get(Meeting, self.id_of("meetings", ours.get("meeting")))
            self.problem(
                self.where.get(key, ""), REMARK_CHANGED, number=meeting.number if meeting else "?"
            )
        return step != ANSWERED

    def _check_remarks(self) -> None:
        """What the review services refuse, refused on each remark of the file."""
        for record in self.archive.records(TABLE):
            key = (TABLE, record["uid"])
            row = self.rows.get(key)
            if row is None or key not in self.changed:
                continue
            where = self.where[key]
            if not row.text.strip() or not row.author.strip():
                self.problem(where, N_("A remark of the chair needs its text and its author."))
            self._check_subject(row, where)
            if row.answered_at is None:
                if row.answer or row.answered_by:
                    self.problem(where, N_("A remark not yet answered cannot have an answer."))
            elif not row.answer.strip() or not row.answered_by.strip():
                self.problem(where, N_("An answered remark needs the answer and who gave it."))
            elif _utc(row.answered_at) < _utc(row.made_at):
                self.problem(where, N_("A remark cannot be answered before it was made."))

    def _check_subject(self, row: Any, where: str) -> None:
        if row.subject == "agenda":
            if row.protocol_id is not None:
                self.problem(where, N_("A remark on the agenda names no protocol."))
            return
        protocol = self.session.get(Protocol, row.protocol_id) if row.protocol_id else None
        if protocol is None or protocol.meeting_id != row.meeting_id:
            self.problem(where, N_("A remark on a protocol names a protocol of its meeting."))
