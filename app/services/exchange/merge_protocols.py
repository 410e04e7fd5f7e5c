"""The protocol rules checked on a merged meeting: held before it has a protocol, and a
signed record that agrees with every frozen snapshot it was signed with (finding 14.2)."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.meeting import MeetingState
from app.domain.protocol import ProtocolSnapshot
from app.domain.translation import N_
from app.models.conduct import DecisionPoint
from app.models.protocol import IssuedDocument, Protocol
from app.services.conduct.common import MeetingFrame
from app.services.exchange.merge_state import MergeState
from app.services.protocols.common import LOCKED_STATES


class ProtocolChecks(MergeState):
    """Checks the protocols of a merged meeting."""

    def _check_protocols(self, fr: MeetingFrame, where: str) -> None:
        meeting = fr.meeting
        protocols = list(
            self.session.scalars(
                select(Protocol)
                .where(Protocol.meeting_id == meeting.id)
                .order_by(Protocol.revision)
            )
        )
        if not protocols:
            return
        if meeting.state not in (MeetingState.HELD.value, MeetingState.CLOSED.value):
            self.problem(
                self._loc("protocols", protocols[0]),
                N_(
                    "Meeting No. {number} has not been held yet, so it has no protocol. Mark it "
                    "as held first."
                ),
                number=meeting.number,
            )
            return
        item_ids = [item.id for item in fr.items]
        open_point = (
            self.session.scalar(
                select(DecisionPoint.id)
                .where(DecisionPoint.item_id.in_(item_ids), DecisionPoint.state == "open")
                .limit(1)
            )
            if item_ids
            else None
        )
        for row in protocols:
            if row.state in LOCKED_STATES and row.id == protocols[-1].id and open_point:
                self.problem(
                    self._loc("protocols", row),
                    N_(
                        "Some votes of the meeting are still open; close every voting before "
                        "signing the protocol."
                    ),
                )
        if protocols[-1].state in LOCKED_STATES:
            self._check_signed_record(fr, protocols[-1])

    def _check_signed_record(self, fr: MeetingFrame, row: Protocol) -> None:
        """Finding 14.2: the record of a signed meeting agrees with every frozen snapshot."""
        from app.domain.signed_record import VOTE_DIFFERS, VOTES_DIFFER, disagreements
        from app.i18n import translations
        from app.services.conduct.queries import live_meeting_in
        from app.services.protocols.labels import CHOICE_WORDS
        from app.services.protocols.snapshot import build_snapshot

        issued = list(
            self.session.scalars(
                select(IssuedDocument)
                .where(IssuedDocument.protocol_id == row.id)
                .order_by(IssuedDocument.lang)
            )
        )
        if not issued:
            return
        try:
            live = live_meeting_in(self.session, fr.meeting.id)
        except (DomainError, ValueError):
            return
        points: dict[str, str] = {}
        for item_line in live.items:
            for point in item_line.points:
                number = f"{item_line.index + 1}.{point.decision.number}"
                point_row = self.session.get(DecisionPoint, point.decision.id)
                if point_row is not None:
                    points[number] = self._loc("decision_points", point_row)
        where = self._loc("protocols", row)
        seen: set[tuple[str, str, str]] = set()
        votes_named: set[str] = set()  # names differ by language: one language names them
        for document in issued:
            try:
                signed = ProtocolSnapshot.from_dict(document.snapshot)
                now = build_snapshot(self.session, row, document.lang)
            except (DomainError, ValueError, TypeError, KeyError):
                continue
            t = translations(document.lang)
            words = frozenset(t.gettext(word) for word in CHOICE_WORDS.values())
            found = disagreements(signed, now, words)
            named_here: set[str] = set()
            for each in found:
                if each.msgid in (VOTE_DIFFERS, VOTES_DIFFER):
                    if each.decision in votes_named:
                        continue
                    named_here.add(each.decision)
                if each.key in seen:
                    continue
                seen.add(each.key)
                self.error(points.get(each.decision, where), each.error(fr.meeting.number))
            votes_named |= named_here
