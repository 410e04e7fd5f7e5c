"""Does a signed meeting's record still say what its signed protocol says?

A signed protocol keeps, per language, a frozen :class:`ProtocolSnapshot`.  When a
record arrives from elsewhere (an exchange file), the protocol is assembled again from
that record in the same language and compared with the frozen one, decision by
decision: the counts (for, against, abstained, did not vote), the decision text, and
every member's vote in the roll call.

Members are compared by name, with the names resolved the way the snapshot resolved
them (the same builder, the same language).  A name can still legitimately differ from
the frozen one (a person's name corrected after signing), so rows whose names match
are compared vote by vote and name the member whose vote differs; the rows left over
on both sides are then compared as a multiset of votes: a renamed member whose vote is
unchanged is not a disagreement, while any changed vote among them still is.  Votes are
compared as the worded choices of the same language, so no translation is involved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from app.domain.errors import DomainError
from app.domain.protocol import DecisionLine, ProtocolSnapshot, RollCall
from app.domain.translation import N_

TEXT_DIFFERS = {
    "kk": N_(
        "Meeting No. {number}, decision {decision}: the Kazakh text of the decision differs "
        "from the signed protocol."
    ),
    "ru": N_(
        "Meeting No. {number}, decision {decision}: the Russian text of the decision differs "
        "from the signed protocol."
    ),
    "en": N_(
        "Meeting No. {number}, decision {decision}: the English text of the decision differs "
        "from the signed protocol."
    ),
}
COUNTS_DIFFER = N_(
    "Meeting No. {number}, decision {decision}: the signed protocol counts for: {signed_for}, "
    "against: {signed_against}, abstained: {signed_abstained}, did not vote: {signed_silent}; "
    "the record counts for: {for_}, against: {against}, abstained: {abstained}, did not vote: "
    "{silent}."
)
VOTE_DIFFERS = N_(
    "Meeting No. {number}, decision {decision}: the vote of {name} differs from the signed "
    "protocol."
)
VOTES_DIFFER = N_(
    "Meeting No. {number}, decision {decision}: the roll call differs from the signed protocol."
)
DECISION_MISSING = N_(
    "Meeting No. {number}: decision {decision} of the signed protocol is missing from the record."
)
DECISION_ADDED = N_(
    "Meeting No. {number}: the record has decision {decision}, which the signed protocol does "
    "not have."
)


@dataclass(frozen=True)
class Disagreement:
    """One difference between a signed protocol and the record, ready to be worded."""

    decision: str  # "2.1", as numbered in the protocol
    msgid: str
    name: str = ""  # the member whose vote differs
    signed: tuple[int, int, int, int] = (0, 0, 0, 0)
    now: tuple[int, int, int, int] = (0, 0, 0, 0)

    @property
    def key(self) -> tuple[str, str, str]:
        """The same difference found in two languages (the counts) is reported once."""
        return (self.decision, self.msgid, self.name)

    def error(self, meeting_number: object) -> DomainError:
        params: dict[str, object] = {"number": meeting_number, "decision": self.decision}
        if self.msgid == VOTE_DIFFERS:
            params["name"] = self.name
        if self.msgid == COUNTS_DIFFER:
            words = ("for", "against", "abstained", "silent")
            for word, value in zip(words, self.signed, strict=True):
                params[f"signed_{word}"] = value
            for word, value in zip(("for_", *words[1:]), self.now, strict=True):
                params[word] = value
        return DomainError(self.msgid, **params)


def _decisions(snapshot: ProtocolSnapshot) -> dict[str, DecisionLine]:
    return {line.number: line for item in snapshot.items for line in item.decisions}


def _groups(call: RollCall) -> list[tuple[str, ...]]:
    by_choice: dict[str, list[str]] = {}
    for row in call.rows:
        by_choice.setdefault(row.choice, []).append(row.name)
    return sorted(tuple(sorted(names)) for names in by_choice.values())


def _votes(signed: RollCall, now: RollCall, words: frozenset[str] | None) -> list[Disagreement]:
    number = signed.decision_number
    if words is not None and any(row.choice not in words for row in signed.rows):
        # The choices were worded differently when the protocol was signed (the catalogs
        # changed since): compare who voted alike, the counts name what was changed.
        if _groups(signed) != _groups(now):
            return [Disagreement(number, VOTES_DIFFER)]
        return []
    before = Counter((row.name, row.choice) for row in signed.rows)
    after = Counter((row.name, row.choice) for row in now.rows)
    if before == after:
        return []
    names_before = Counter(row.name for row in signed.rows)
    names_after = Counter(row.name for row in now.rows)
    found: list[Disagreement] = []
    left_before = Counter[str]()
    left_after = Counter[str]()
    for name in sorted(set(names_before) | set(names_after)):
        choices_before = Counter(c for (n, c) in before.elements() if n == name)
        choices_after = Counter(c for (n, c) in after.elements() if n == name)
        if names_before[name] == names_after[name]:
            if choices_before != choices_after:
                found.append(Disagreement(number, VOTE_DIFFERS, name=name))
        else:
            left_before.update(choices_before)
            left_after.update(choices_after)
    if left_before != left_after:
        found.append(Disagreement(number, VOTES_DIFFER))
    return found


def disagreements(
    signed: ProtocolSnapshot, now: ProtocolSnapshot, words: frozenset[str] | None = None
) -> list[Disagreement]:
    """Each way ``now`` (assembled from the record) departs from ``signed`` (frozen).

    ``words`` are the worded choices ("за", "против" ...) the catalogs give now in the
    snapshots' language; a signed roll call worded otherwise (signed under older
    catalogs) is compared by who voted alike rather than word for word.

    Both snapshots must be in the same language.  Only what the record decides is
    compared: the decisions' texts and counts and the roll calls; wording that depends
    on the catalogs or the forms (labels, sentences, headings) is not.
    """
    found: list[Disagreement] = []
    lines_before, lines_after = _decisions(signed), _decisions(now)
    for number in lines_before:
        if number not in lines_after:
            found.append(Disagreement(number, DECISION_MISSING))
    for number in lines_after:
        if number not in lines_before:
            found.append(Disagreement(number, DECISION_ADDED))
    calls_after = {call.decision_number: call for call in now.roll_calls}
    for number, line in lines_before.items():
        other = lines_after.get(number)
        if other is None:
            continue
        if line.text != other.text:
            found.append(Disagreement(number, TEXT_DIFFERS.get(signed.lang, TEXT_DIFFERS["en"])))
        if tuple(line.counts) != tuple(other.counts):
            found.append(Disagreement(number, COUNTS_DIFFER, signed=line.counts, now=other.counts))
    for call in signed.roll_calls:
        other_call = calls_after.get(call.decision_number)
        if other_call is None or call.decision_number not in lines_after:
            continue
        found.extend(_votes(call, other_call, words))
    return found
