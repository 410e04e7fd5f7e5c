"""A change of a regulation profile in words: what a secretary must see before accepting it.

An import or an edit that changes how votes are counted must say so plainly, rule
by rule ("the share of votes needed to adopt a decision: more than half → more than
99/100"), never as a count of changed records.  Values are described, not shown as
stored data.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.regulation import (
    AT_LEAST_HALF,
    AT_LEAST_THREE_QUARTERS,
    AT_LEAST_TWO_THIRDS,
    DEADLINE_FIELDS,
    MORE_THAN_HALF,
    DayCount,
    Deadline,
    DecisionBase,
    NoQuorumVote,
    RegulationProfile,
    Share,
    Signers,
    TieBreak,
    TieReading,
)
from app.domain.translation import N_

# What each rule is called in a sentence about its change.
RULE_LABELS: dict[str, str] = {
    "quorum": N_("the quorum"),
    "threshold": N_("the share of votes needed to adopt a decision"),
    "decision_base": N_("what that share is counted of"),
    "abstentions_count_as_cast": N_("abstentions counted as votes cast"),
    "tie_break": N_("when the votes are equal"),
    "tie_reading": N_("when the votes count as equal"),
    "no_quorum_vote": N_("a vote on an item without a quorum"),
    "secretary_votes": N_("the secretary votes"),
    "recommendations_only": N_("decisions are recommendations"),
    "materials_deadline": N_("materials, before a session"),
    "materials_deadline_interim": N_("materials, before an interim meeting"),
    "protocol_draft_deadline": N_("draft protocol, after a session"),
    "protocol_draft_deadline_interim": N_("draft protocol, after an interim meeting"),
    "copies_deadline": N_("copies to members, after signing"),
    "min_meetings_per_year": N_("meetings a year, at least"),
    "signers": N_("who signs the protocol"),
    "opens_with_instructions_report": N_("a session opens with the report on instructions"),
    "max_deputy_chairs": N_("deputy chairs, at most"),
    "max_co_chairs": N_("co-chairs, at most"),
    "act": N_("the act the council works under"),
    "sources": N_("the paragraphs of the act each rule cites"),
}
_NAMED_SHARES: dict[Share, str] = {
    MORE_THAN_HALF: N_("more than half"),
    AT_LEAST_HALF: N_("at least half"),
    AT_LEAST_TWO_THIRDS: N_("at least two thirds"),
    AT_LEAST_THREE_QUARTERS: N_("at least three quarters"),
}
# Keyed by the enumeration too: TieBreak.PRESIDING and Signers.PRESIDING are both the
# text "presiding", so as plain keys one would take the other's words.
_WORDS: dict[tuple[type, str], str] = {
    (type(value), value): words
    for value, words in (
        (DecisionBase.PRESENT, N_("of the members present")),
        (DecisionBase.CAST, N_("of the votes cast")),
        (DecisionBase.ALL_MEMBERS, N_("of all members of the council")),
        (TieBreak.PRESIDING, N_("the presiding member's vote decides")),
        (TieBreak.CHAIR, N_("the chair's vote decides")),
        (TieBreak.NONE, N_("the decision is not adopted")),
        (TieReading.EQUAL_DIVISION, N_("only when all present voted for or against, half each")),
        (TieReading.FOR_EQUALS_AGAINST, N_("whenever for equals against, abstentions aside")),
        (NoQuorumVote.NOT_CONSIDERED, N_("is recorded as not considered: no quorum")),
        (NoQuorumVote.REFUSE, N_("cannot be closed")),
        (Signers.PRESIDING, N_("the presiding member")),
        (Signers.PRESIDING_AND_SECRETARY, N_("the presiding member and the secretary")),
    )
}


def _words(value: StrEnum, t: gettext.NullTranslations) -> str:
    return t.gettext(_WORDS[type(value), value])


# The rules a vote is counted under: a change of one of them would change a closed result.
COUNTING_RULES = (
    "quorum",
    "decision_base",
    "threshold",
    "abstentions_count_as_cast",
    "tie_break",
    "tie_reading",
    "no_quorum_vote",
    "secretary_votes",
    "recommendations_only",
)


def changes_counting(before: RegulationProfile, after: RegulationProfile) -> bool:
    """Whether votes would be counted differently under ``after`` than under ``before``."""
    return any(getattr(before, name) != getattr(after, name) for name in COUNTING_RULES)


@dataclass(frozen=True)
class RuleChange:
    """One rule that changes: its name and both values, in words of one language."""

    rule: str
    before: str
    after: str


def share_words(share: Share | None, t: gettext.NullTranslations) -> str:
    """ "more than half", "at least two thirds", "more than 99/100"; "not set" for no share."""
    if share is None:
        return t.gettext(N_("not set"))
    named = _NAMED_SHARES.get(share)
    if named is not None:
        return t.gettext(named)
    fraction = f"{share.numerator}/{share.denominator}"
    if share.inclusive:
        return t.gettext(N_("at least {fraction}")).format(fraction=fraction)
    return t.gettext(N_("more than {fraction}")).format(fraction=fraction)


def _deadline_words(deadline: Deadline | None, t: gettext.NullTranslations) -> str:
    if deadline is None:
        return t.gettext(N_("no deadline"))
    n = deadline.amount
    if deadline.unit is DayCount.CALENDAR_DAYS:
        text = t.ngettext("{n} calendar day", "{n} calendar days", n)
    elif deadline.unit is DayCount.WORKING_DAYS:
        text = t.ngettext("{n} working day", "{n} working days", n)
    elif deadline.unit is DayCount.WEEKS:
        text = t.ngettext("{n} week", "{n} weeks", n)
    else:
        text = t.ngettext("{n} month", "{n} months", n)
    return text.format(n=n)


def _flag(value: bool, t: gettext.NullTranslations) -> str:
    return t.gettext(N_("yes")) if value else t.gettext(N_("no"))


def _act_words(profile: RegulationProfile, lang: str, t: gettext.NullTranslations) -> str:
    act = profile.act
    if act is None:
        return t.gettext(N_("not named"))
    title = act.titles.get(lang) or next((v for v in act.titles.values() if v), "")
    if act.number:
        return t.gettext(N_("{title}, No. {number}")).format(title=title, number=act.number)
    return title or t.gettext(N_("not named"))


def describe_changes(
    before: RegulationProfile,
    after: RegulationProfile,
    t: gettext.NullTranslations,
    lang: str = "en",
) -> list[RuleChange]:
    """Every rule that differs between two profiles, in the order the editor shows them.

    >>> from app.domain.regulation import RegulationProfile, Share
    >>> changes = describe_changes(
    ...     RegulationProfile(), RegulationProfile(threshold=Share(99, 100)),
    ...     gettext.NullTranslations())
    >>> [(c.rule, c.before, c.after) for c in changes]
    [('the share of votes needed to adopt a decision', 'more than half', 'more than 99/100')]
    """
    words: dict[str, Callable[[RegulationProfile], str]] = {
        "quorum": lambda p: share_words(p.quorum, t),
        "threshold": lambda p: share_words(p.threshold, t),
        "decision_base": lambda p: _words(p.decision_base, t),
        "abstentions_count_as_cast": lambda p: _flag(p.abstentions_count_as_cast, t),
        "tie_break": lambda p: _words(p.tie_break, t),
        "tie_reading": lambda p: _words(p.tie_reading, t),
        "no_quorum_vote": lambda p: _words(p.no_quorum_vote, t),
        "secretary_votes": lambda p: _flag(p.secretary_votes, t),
        "recommendations_only": lambda p: _flag(p.recommendations_only, t),
        **{
            name: (lambda p, name=name: _deadline_words(getattr(p, name), t))  # type: ignore[misc]
            for name in DEADLINE_FIELDS
        },
        "min_meetings_per_year": lambda p: str(p.min_meetings_per_year),
        "signers": lambda p: _words(p.signers, t),
        "opens_with_instructions_report": lambda p: _flag(p.opens_with_instructions_report, t),
        "max_deputy_chairs": lambda p: str(p.max_deputy_chairs),
        "max_co_chairs": lambda p: str(p.max_co_chairs),
        "act": lambda p: _act_words(p, lang, t),
    }
    changes = []
    for name, describe in words.items():
        old, new = describe(before), describe(after)
        if name == "act" and before.act != after.act and old == new:
            new = t.gettext(N_("{title}, in another wording")).format(title=new)
        if old != new:
            changes.append(RuleChange(t.gettext(RULE_LABELS[name]), old, new))
    if before.sources != after.sources:
        changes.append(
            RuleChange(
                t.gettext(RULE_LABELS["sources"]),
                t.gettext(N_("as before")),
                t.gettext(N_("changed")),
            )
        )
    return changes
