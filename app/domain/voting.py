"""Counting the votes on one agenda item.

The result is a pure function of the ballots, the members present with a vote
and the council's regulation profile, and it explains itself ("5 for,
5 against, 0 abstained: a tie; the presiding member voted for, ...") so every
protocol states how the result was reached (DESIGN §2).

**Who votes.**  Only the members in :attr:`VotingContext.entitled_present`:
members of the composition on the meeting date, present at this item, with a
vote under the regulation (the caller applies ``profile.secretary_votes``).
Members take part without the right of substitution (000 §14; 004 §22), so a
ballot from anyone else -- an absent member, an invited person, a deputy who
came instead of a member -- is refused, never silently dropped.

**Ties.**  When the votes are "equal" the tie-breaker's vote decides, and the
profile names how "equal" is read (:class:`~app.domain.regulation.TieReading`),
because the regulations say both "a simple majority of the members present"
and "in case of equal votes the presiding member's vote decides" (000 §15;
004 §25), and the two differ only when someone abstains or does not vote:

* ``EQUAL_DIVISION`` (strict, the seeds' presets): a tie is ``for == against
  > 0`` with *every* counted vote for or against -- every member present with
  a vote (PRESENT and ALL_MEMBERS bases), or every vote cast (CAST base).
  1 for, 1 against, 1 abstained of 3 present is no tie: 1 of 3 is no majority
  of those present, so it is not adopted.
* ``FOR_EQUALS_AGAINST`` (lenient): ``for == against > 0`` whatever the
  abstentions; 1-1-1 is a tie the casting vote decides.

Either way a tie exists only while the threshold is not met on its own.  The
casting vote counts as **one more vote for its side**; it does not add a member
to the base.  So the tie-breaker voting against rejects, and voting for adopts
only if the for-votes plus the casting vote meet the threshold: under the
lenient reading 4-4-1 of 9 present becomes 5 of 9 and is adopted, while 3-3-3
of 9 becomes 4 of 9, still not a majority of the members present, and is not
adopted.  With either reading, changing a ballot to "for" never turns an
adopted decision into a rejected one as long as the base stays the same (see
:func:`tally`), and the strict reading never adopts what the lenient one
rejects.  Where the reading decided the result, the explanation says so in one
sentence.

**No quorum.**  A vote taken on an item without a quorum is no decision of the
council: :func:`not_considered` records its counts with the reason
:attr:`Reason.NO_QUORUM`, never adopted (see :mod:`app.domain.quorum_loss`).
"""

from __future__ import annotations

import dataclasses
import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain import translation
from app.domain.citation import ActKind, Citation, cite
from app.domain.errors import DomainError
from app.domain.quorum import (
    NEGATIVE_COUNT,
    check_present_count,
    needed_phrase,
    out_of_phrase,
)
from app.domain.regulation import DecisionBase, RegulationProfile, TieBreak, TieReading
from app.domain.translation import N_

NOT_ENTITLED = N_(
    "Person {voter_id} cannot vote on this item: only council members present at it have a "
    "vote, and members take part without the right of substitution."
)
NOT_ENTITLED_CITED = N_(
    "Person {voter_id} cannot vote on this item: only council members present at it have a "
    "vote, and members take part without the right of substitution ({source})."
)
DUPLICATE_BALLOT = N_(
    "Person {voter_id} has more than one ballot on this item; each member votes once."
)
COUNTS_EXCEED_PRESENT = N_(
    "The counts add up to {total}, more than the members with a vote present ({present})."
)
PRESIDING_HAS_NO_VOTE = N_(
    "The presiding person has no vote on this item, so their vote cannot be recorded."
)
CHAIR_HAS_NO_VOTE = N_(
    "The chair is not present with a vote on this item, so their vote cannot be recorded."
)
PRESIDING_CHAIR_DIFFER = N_(
    "The presiding member is the chair, so their recorded votes must be the same."
)
KNOWN_VOTES_NOT_IN_COUNTS = N_(
    "The recorded votes of the presiding member and the chair are not reflected in the counts."
)
TIE_NEEDS_PRESIDING_CHOICE = N_(
    "The votes are tied: record how the presiding member voted, since their vote decides."
)
TIE_NEEDS_CHAIR_CHOICE = N_(
    "The votes are tied: record how the chair voted, since their vote decides."
)


class Choice(StrEnum):
    """What one member did on one question."""

    FOR = "for"
    AGAINST = "against"
    ABSTAINED = "abstained"
    DID_NOT_VOTE = "did_not_vote"  # present with a vote, but cast none


@dataclass(frozen=True)
class Ballot:
    """One member's vote, as recorded by the secretary in a roll-call vote."""

    voter_id: int
    choice: Choice


@dataclass(frozen=True)
class VotingContext:
    """Who could vote on the item: the snapshot stored with the decision (STYLE.md, 4)."""

    entitled_present: frozenset[int]  # members present at this item with a vote
    composition_size: int  # members with a vote in the composition on the date (ALL_MEMBERS base)
    presiding_id: int | None = None  # may be a non-member (interim meetings); then no vote
    chair_id: int | None = None  # the council's chair on the meeting date

    def __post_init__(self) -> None:
        check_present_count(len(self.entitled_present), self.composition_size)


class Reason(StrEnum):
    """Why the result is what it is; stored so a protocol can be re-explained later."""

    THRESHOLD_MET = "threshold_met"
    THRESHOLD_NOT_MET = "threshold_not_met"
    CASTING_VOTE_FOR = "casting_vote_for"  # tie; the tie-breaker's "for" adopted it
    CASTING_VOTE_AGAINST = "casting_vote_against"  # tie; the tie-breaker's "against" rejected it
    CASTING_VOTE_NOT_ENOUGH = "casting_vote_not_enough"  # tie; "for" + casting vote < threshold
    TIE_BREAKER_HAS_NO_VOTE = "tie_breaker_has_no_vote"  # absent chair / non-member presiding
    TIE_BREAKER_DID_NOT_VOTE = "tie_breaker_did_not_vote"  # abstained or did not vote
    NO_CASTING_VOTE = "no_casting_vote"  # the regulation has no tie-break
    NO_QUORUM = "no_quorum"  # voted without a quorum: not considered, never adopted


@dataclass(frozen=True)
class TallyResult:
    """The outcome of one vote with everything its explanation needs (no profile lookup later)."""

    adopted: bool
    for_: int
    against: int
    abstained: int
    did_not_vote: int
    base: DecisionBase
    base_count: int
    required: int  # minimum for-votes: profile.threshold.minimum(base_count)
    tie: bool
    tie_break_applied: TieBreak | None  # the rule consulted, only when there was a tie
    deciding_voter_id: int | None  # the tie-breaker, when their vote decided
    reason: Reason
    # The profile's reading of "equal votes" (None in results frozen before it was named).
    tie_reading: TieReading | None = None
    recommendation: bool = False  # the council's decisions are recommendations (004 §4)
    threshold_source: str = ""  # paragraphs of the council's act: "15"
    tie_break_source: str = ""
    recommendation_source: str = ""
    act_kind: str = ActKind.REGULATION.value

    @property
    def present(self) -> int:
        """Members present with a vote; every one of them is in exactly one count."""
        return self.for_ + self.against + self.abstained + self.did_not_vote

    def explain(self, translations: gettext.NullTranslations | None = None) -> str:
        """How the result was reached, as full sentences for the protocol."""
        t = translations if translations is not None else translation.current()
        try:
            return self._explain(t)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the result itself: fall back to English.
            return self._explain(gettext.NullTranslations())

    def _explain(self, t: gettext.NullTranslations) -> str:
        counts = _counts_phrase(t, self)
        if self.reason is Reason.NO_QUORUM:
            return " ".join(
                (
                    t.gettext(
                        "{counts}: the vote was taken without a quorum, so it is not a decision "
                        "of the council."
                    ).format(counts=counts),
                    t.gettext("Not considered: no quorum."),
                )
            )
        if self.tie:
            clause = cite(t, _tie_clause(t, self), self.tie_break_source, self.act_kind)
            reasoning = t.gettext("a tie; {clause}").format(clause=clause)
        else:
            reasoning = cite(t, _needed(t, self), self.threshold_source, self.act_kind)
        sentences = [t.gettext("{counts}: {reasoning}.").format(counts=counts, reasoning=reasoning)]
        sentences.extend(_reading_sentence(t, self))
        sentences.append(t.gettext("Adopted.") if self.adopted else t.gettext("Not adopted."))
        if self.adopted and self.recommendation:
            text = t.gettext("The decision is a recommendation")
            sentences.append(cite(t, text, self.recommendation_source, self.act_kind) + ".")
        return " ".join(sentences)


def _counts_phrase(t: gettext.NullTranslations, r: TallyResult) -> str:
    """Build "5 for, 5 against, 0 abstained", adding "1 did not vote" only when someone did not."""
    for_ = t.ngettext("{n} for", "{n} for", r.for_).format(n=r.for_)
    against = t.ngettext("{n} against", "{n} against", r.against).format(n=r.against)
    abstained = t.ngettext("{n} abstained", "{n} abstained", r.abstained).format(n=r.abstained)
    if r.did_not_vote == 0:
        return t.gettext("{for_}, {against}, {abstained}").format(
            for_=for_, against=against, abstained=abstained
        )
    did_not_vote = t.ngettext("{n} did not vote", "{n} did not vote", r.did_not_vote).format(
        n=r.did_not_vote
    )
    return t.gettext("{for_}, {against}, {abstained}, {did_not_vote}").format(
        for_=for_, against=against, abstained=abstained, did_not_vote=did_not_vote
    )


def _needed(t: gettext.NullTranslations, r: TallyResult) -> str:
    """Build "at least 6 votes for were needed out of 10 members present"."""
    required = t.ngettext(
        "at least {n} vote for was needed", "at least {n} votes for were needed", r.required
    ).format(n=r.required)
    return needed_phrase(t, required, out_of_phrase(t, r.base, r.base_count))


def _tie_clause(t: gettext.NullTranslations, r: TallyResult) -> str:
    """What the tie-break rule made of the tie, naming who holds the casting vote."""
    if r.reason is Reason.NO_CASTING_VOTE:
        return t.gettext("the regulation gives no casting vote, so the tie is not broken")
    if r.tie_break_applied is TieBreak.CHAIR:
        if r.reason is Reason.CASTING_VOTE_FOR:
            return t.gettext("the chair voted for, and the chair's vote decides")
        if r.reason is Reason.CASTING_VOTE_AGAINST:
            return t.gettext("the chair voted against, and the chair's vote decides")
        if r.reason is Reason.CASTING_VOTE_NOT_ENOUGH:
            return t.gettext(
                "the chair voted for, but the casting vote is not enough: {needed}"
            ).format(needed=_needed(t, r))
        if r.reason is Reason.TIE_BREAKER_DID_NOT_VOTE:
            return t.gettext("the chair did not vote for or against, so the tie is not broken")
        return t.gettext("the chair is absent, so the tie is not broken")
    if r.reason is Reason.CASTING_VOTE_FOR:
        return t.gettext("the presiding member voted for, and the presiding member's vote decides")
    if r.reason is Reason.CASTING_VOTE_AGAINST:
        return t.gettext(
            "the presiding member voted against, and the presiding member's vote decides"
        )
    if r.reason is Reason.CASTING_VOTE_NOT_ENOUGH:
        return t.gettext(
            "the presiding member voted for, but the casting vote is not enough: {needed}"
        ).format(needed=_needed(t, r))
    if r.reason is Reason.TIE_BREAKER_DID_NOT_VOTE:
        return t.gettext(
            "the presiding member did not vote for or against, so the tie is not broken"
        )
    return t.gettext("the presiding person has no vote on this item, so the tie is not broken")


def _reading_sentence(t: gettext.NullTranslations, r: TallyResult) -> list[str]:
    """One sentence on how the regulation reads "equal votes", only where the reading decided:
    for == against, no majority, and someone abstained or did not vote."""
    if r.tie_reading is None:
        return []
    counted = _counted(r.present, r.base, r.base_count)
    if not _equal_but_not_divided(r.for_, r.against, counted, r.required):
        return []
    if r.tie_reading is TieReading.FOR_EQUALS_AGAINST:
        return [
            t.gettext(
                "The casting vote decides whenever the votes for and against are equal, "
                "whatever the number of abstentions."
            )
        ]
    if r.base is DecisionBase.CAST:
        return [
            t.gettext(
                "The casting vote decides only when every vote cast is for or against and the "
                "votes are equally divided, so it did not apply here."
            )
        ]
    return [
        t.gettext(
            "The casting vote decides only when every member present with a vote voted for "
            "or against and the votes are equally divided, so it did not apply here."
        )
    ]


def not_considered(result: TallyResult) -> TallyResult:
    """The same counts, recorded as a vote taken without a quorum: never adopted, no tie."""
    return dataclasses.replace(
        result,
        adopted=False,
        tie=False,
        tie_break_applied=None,
        deciding_voter_id=None,
        reason=Reason.NO_QUORUM,
    )


def _tie_breaker(context: VotingContext, rule: TieBreak) -> int | None:
    """Who holds the casting vote under ``rule`` (they may be absent or have no vote)."""
    if rule is TieBreak.PRESIDING:
        return context.presiding_id
    if rule is TieBreak.CHAIR:
        return context.chair_id
    return None


def _base_count(
    for_: int, against: int, abstained: int, context: VotingContext, profile: RegulationProfile
) -> int:
    """The number the threshold is a share of, by ``profile.decision_base``."""
    if profile.decision_base is DecisionBase.PRESENT:
        return len(context.entitled_present)
    if profile.decision_base is DecisionBase.CAST:
        return for_ + against + (abstained if profile.abstentions_count_as_cast else 0)
    return context.composition_size


def _counted(present: int, base: DecisionBase, base_count: int) -> int:
    """The votes a strict tie must divide equally: those cast in the CAST base, else everyone
    present with a vote (an abstainer or a silent member stands between for and against)."""
    return base_count if base is DecisionBase.CAST else present


def _equal_but_not_divided(for_: int, against: int, counted: int, required: int) -> bool:
    """For equals against, the threshold is not met, yet not every counted vote is for or
    against: the one case in which the two readings of "equal votes" differ."""
    return for_ == against > 0 and for_ < required and for_ + against < counted


def _is_tie(
    for_: int, against: int, counted: int, base_count: int, profile: RegulationProfile
) -> bool:
    """Equal votes under the profile's reading, and the threshold alone does not settle it.

    :attr:`TieReading.FOR_EQUALS_AGAINST`: for == against > 0.
    :attr:`TieReading.EQUAL_DIVISION`: also every counted vote (``counted``: see
    :func:`_counted`) is for or against, so for + against == counted.
    """
    if for_ != against or for_ == 0 or profile.threshold.is_met(for_, base_count):
        return False
    return profile.tie_reading is TieReading.FOR_EQUALS_AGAINST or for_ + against == counted


def _decide(
    for_: int,
    against: int,
    abstained: int,
    did_not_vote: int,
    *,
    context: VotingContext,
    profile: RegulationProfile,
    breaker_choice: Choice | None,
) -> TallyResult:
    """Apply threshold and tie-break (``breaker_choice`` None: the tie-breaker has no vote)."""
    base_count = _base_count(for_, against, abstained, context, profile)
    threshold = profile.threshold
    present = for_ + against + abstained + did_not_vote
    counted = _counted(present, profile.decision_base, base_count)
    tie = _is_tie(for_, against, counted, base_count, profile)
    met = threshold.is_met(for_, base_count)
    adopted = met
    tie_break: TieBreak | None = None
    deciding: int | None = None
    reason = Reason.THRESHOLD_MET if met else Reason.THRESHOLD_NOT_MET
    if tie:
        tie_break = profile.tie_break
        breaker = _tie_breaker(context, tie_break)
        if tie_break is TieBreak.NONE:
            reason = Reason.NO_CASTING_VOTE
        elif breaker_choice is None:
            reason = Reason.TIE_BREAKER_HAS_NO_VOTE
        elif breaker_choice is Choice.AGAINST:
            reason, deciding = Reason.CASTING_VOTE_AGAINST, breaker
        elif breaker_choice is Choice.FOR:
            # The casting vote is one more vote for; the base does not change.
            if threshold.is_met(for_ + 1, base_count):
                reason, deciding, adopted = Reason.CASTING_VOTE_FOR, breaker, True
            else:
                reason = Reason.CASTING_VOTE_NOT_ENOUGH
        else:
            reason = Reason.TIE_BREAKER_DID_NOT_VOTE
    return TallyResult(
        adopted=adopted,
        for_=for_,
        against=against,
        abstained=abstained,
        did_not_vote=did_not_vote,
        base=profile.decision_base,
        base_count=base_count,
        required=threshold.minimum(base_count),
        tie=tie,
        tie_break_applied=tie_break,
        deciding_voter_id=deciding,
        reason=reason,
        tie_reading=profile.tie_reading,
        recommendation=profile.recommendations_only,
        threshold_source=profile.source("threshold"),
        tie_break_source=profile.source("tie_break"),
        recommendation_source=profile.source("recommendations"),
        act_kind=profile.act_kind.value,
    )


def tally(
    ballots: Iterable[Ballot], context: VotingContext, profile: RegulationProfile
) -> TallyResult:
    """Count a roll-call vote.

    Refuses (:class:`DomainError`) a ballot from anyone not entitled and present,
    and a second ballot by the same voter.  Entitled members without a ballot
    count as "did not vote".

    Monotone: changing one member's ballot to "for" never turns an adopted
    decision into a rejected one while the base is unchanged (always for the
    PRESENT and ALL_MEMBERS bases; for CAST when that ballot was already
    counted as cast).  A for-vote that enlarges the base (a member arriving, or
    under CAST a non-voter voting for) keeps any adoption that met the
    threshold on its own, but may undo one that rested on a casting vote:
    4-4-1 of 9 present passes with the casting vote, 5-4-1 of 10 present is
    not a majority of those present.
    """
    choices: dict[int, Choice] = {}
    substitution: Citation | None = profile.citation("substitution")
    for ballot in ballots:
        if ballot.voter_id not in context.entitled_present:
            if substitution is not None:
                raise DomainError(NOT_ENTITLED_CITED, voter_id=ballot.voter_id, source=substitution)
            raise DomainError(NOT_ENTITLED, voter_id=ballot.voter_id)
        if ballot.voter_id in choices:
            raise DomainError(DUPLICATE_BALLOT, voter_id=ballot.voter_id)
        choices[ballot.voter_id] = ballot.choice
    counts = dict.fromkeys(Choice, 0)
    for voter in context.entitled_present:
        counts[choices.get(voter, Choice.DID_NOT_VOTE)] += 1
    breaker = _tie_breaker(context, profile.tie_break)
    breaker_choice = (
        choices.get(breaker, Choice.DID_NOT_VOTE)
        if breaker is not None and breaker in context.entitled_present
        else None
    )
    return _decide(
        counts[Choice.FOR],
        counts[Choice.AGAINST],
        counts[Choice.ABSTAINED],
        counts[Choice.DID_NOT_VOTE],
        context=context,
        profile=profile,
        breaker_choice=breaker_choice,
    )


def tally_counts(
    for_: int,
    against: int,
    abstained: int,
    context: VotingContext,
    profile: RegulationProfile,
    *,
    presiding_choice: Choice | None = None,
    chair_choice: Choice | None = None,
) -> TallyResult:
    """Count a show of hands recorded only as numbers.

    The rest of the members present count as "did not vote".  Without names the
    casting vote is unknown, so on a tie the tie-breaker's own choice must be
    given (``presiding_choice`` or ``chair_choice``, ``DID_NOT_VOTE`` if they did
    not vote); a tie without it is refused rather than guessed.  Also refuses
    negative counts, counts above the members present, and recorded choices of
    people without a vote or that the counts cannot contain.
    """
    if min(for_, against, abstained) < 0:
        raise DomainError(NEGATIVE_COUNT)
    present = len(context.entitled_present)
    total = for_ + against + abstained
    if total > present:
        raise DomainError(COUNTS_EXCEED_PRESENT, total=total, present=present)
    did_not_vote = present - total
    known: dict[int, Choice] = {}
    for person, choice, refusal in (
        (context.presiding_id, presiding_choice, PRESIDING_HAS_NO_VOTE),
        (context.chair_id, chair_choice, CHAIR_HAS_NO_VOTE),
    ):
        if choice is None:
            continue
        if person is None or person not in context.entitled_present:
            raise DomainError(refusal)
        if known.get(person, choice) is not choice:
            raise DomainError(PRESIDING_CHAIR_DIFFER)
        known[person] = choice
    available = {
        Choice.FOR: for_,
        Choice.AGAINST: against,
        Choice.ABSTAINED: abstained,
        Choice.DID_NOT_VOTE: did_not_vote,
    }
    for choice in known.values():
        available[choice] -= 1
    if min(available.values()) < 0:
        raise DomainError(KNOWN_VOTES_NOT_IN_COUNTS)
    breaker = _tie_breaker(context, profile.tie_break)
    breaker_choice: Choice | None = None
    if breaker is not None and breaker in context.entitled_present:
        breaker_choice = known.get(breaker)
        base_count = _base_count(for_, against, abstained, context, profile)
        counted = _counted(present, profile.decision_base, base_count)
        if breaker_choice is None and _is_tie(for_, against, counted, base_count, profile):
            # Saying "did not vote" would be a guess; the secretary must say what happened.
            if profile.tie_break is TieBreak.CHAIR:
                raise DomainError(TIE_NEEDS_CHAIR_CHOICE)
            raise DomainError(TIE_NEEDS_PRESIDING_CHOICE)
    return _decide(
        for_,
        against,
        abstained,
        did_not_vote,
        context=context,
        profile=profile,
        breaker_choice=breaker_choice,
    )


# -- the way a point is voted -------------------------------------------------------------------

COUNTS_ONLY = N_(
    "Decision point {number} is voted by counts only; enter the counts instead of names."
)
ROLL_CALL_ONLY = N_("Decision point {number} is a roll call; record each member's vote.")
COUNTS_MISSING = N_("Enter the counts of decision point {number} before closing its voting.")


def mode_refusal(
    mode: str, number: int | str, *, names: bool = False, counts: bool = False
) -> DomainError | None:
    """A roll call records each member's vote by name, a vote by counts only the counts.

    ``names``: votes by name are recorded (or about to be); ``counts``: counts,
    or the casting voters' choices that go with them.
    """
    if names and mode != "roll_call":
        return DomainError(COUNTS_ONLY, number=number)
    if counts and mode != "counts":
        return DomainError(ROLL_CALL_ONLY, number=number)
    return None


def counts_missing(number: int | str) -> DomainError:
    """A vote is closed on its result: a vote by counts needs its counts first."""
    return DomainError(COUNTS_MISSING, number=number)
