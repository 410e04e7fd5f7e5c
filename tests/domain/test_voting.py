"""Vote counting: the regulation rules (000 §14-15; 004 §4, §22, §25) as tests and properties."""

from __future__ import annotations

import dataclasses
import gettext
import io
from dataclasses import dataclass

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from hypothesis import given
from hypothesis import strategies as st

from app.domain import translation
from app.domain.errors import DomainError
from app.domain.regulation import (
    AI_COUNCIL_881,
    AT_LEAST_HALF,
    AT_LEAST_THREE_QUARTERS,
    AT_LEAST_TWO_THIRDS,
    MORE_THAN_HALF,
    SUPERVISORY_BOARD_690,
    DecisionBase,
    RegulationProfile,
    TieBreak,
    TieReading,
)
from app.domain.voting import (
    CHAIR_HAS_NO_VOTE,
    COUNTS_EXCEED_PRESENT,
    DUPLICATE_BALLOT,
    KNOWN_VOTES_NOT_IN_COUNTS,
    NOT_ENTITLED,
    NOT_ENTITLED_CITED,
    PRESIDING_CHAIR_DIFFER,
    PRESIDING_HAS_NO_VOTE,
    TIE_NEEDS_CHAIR_CHOICE,
    TIE_NEEDS_PRESIDING_CHOICE,
    Ballot,
    Choice,
    Reason,
    TallyResult,
    VotingContext,
    not_considered,
    tally,
    tally_counts,
)

EN = gettext.NullTranslations()
BOARD = SUPERVISORY_BOARD_690.profile  # 000: majority of present, presiding member decides a tie
AI = AI_COUNCIL_881.profile  # 004: majority, the chair decides a tie, recommendations only
# The lenient reading of "equal votes": for == against whatever the abstentions.
LENIENT = TieReading.FOR_EQUALS_AGAINST
BOARD_LENIENT = BOARD.with_changes(tie_reading=LENIENT)
AI_LENIENT = AI.with_changes(tie_reading=LENIENT)

FOR, AGAINST, ABSTAINED, DID_NOT_VOTE = (
    Choice.FOR,
    Choice.AGAINST,
    Choice.ABSTAINED,
    Choice.DID_NOT_VOTE,
)


def ballots(**by_choice: list[int]) -> list[Ballot]:
    """``ballots(FOR=[1, 2], AGAINST=[3])`` -> the ballots, for readable examples."""
    return [Ballot(v, Choice[name]) for name, voters in by_choice.items() for v in voters]


# --- strategies -------------------------------------------------------------------------------

shares = st.sampled_from(
    [MORE_THAN_HALF, AT_LEAST_HALF, AT_LEAST_TWO_THIRDS, AT_LEAST_THREE_QUARTERS]
)
profiles = st.one_of(
    st.sampled_from([BOARD, AI]),
    st.builds(
        RegulationProfile,
        decision_base=st.sampled_from(DecisionBase),
        threshold=shares,
        abstentions_count_as_cast=st.booleans(),
        tie_break=st.sampled_from(TieBreak),
        tie_reading=st.sampled_from(TieReading),
        recommendations_only=st.booleans(),
    ),
)
OUTSIDERS = st.integers(100, 110)  # never members present: invited persons, absent members


@dataclass(frozen=True)
class Scenario:
    choices: dict[int, Choice]  # every member present with a vote -> what they did
    ballots: tuple[Ballot, ...]  # as recorded (a "did not vote" may have no ballot at all)
    context: VotingContext
    profile: RegulationProfile

    def with_choice(self, voter: int, choice: Choice) -> Scenario:
        """The same vote with one member's choice changed (or one member added)."""
        choices = {**self.choices, voter: choice}
        present = frozenset(choices)
        context = VotingContext(
            entitled_present=present,
            composition_size=max(self.context.composition_size, len(present)),
            presiding_id=self.context.presiding_id,
            chair_id=self.context.chair_id,
        )
        recorded = tuple(Ballot(v, c) for v, c in choices.items())
        return Scenario(choices, recorded, context, self.profile)

    def choice_of(self, person: int | None) -> Choice | None:
        """What ``person`` did, or None when they have no vote on the item."""
        if person is None or person not in self.choices:
            return None
        return self.choices[person]


@st.composite
def scenarios(
    draw: st.DrawFn, profile: st.SearchStrategy[RegulationProfile] = profiles
) -> Scenario:
    members = sorted(draw(st.frozensets(st.integers(1, 30), max_size=12)))
    choices = {m: draw(st.sampled_from(Choice)) for m in members}
    recorded = [
        Ballot(m, c) for m, c in choices.items() if c is not DID_NOT_VOTE or draw(st.booleans())
    ]
    people = st.sampled_from(members) if members else st.nothing()
    context = VotingContext(
        entitled_present=frozenset(members),
        composition_size=len(members) + draw(st.integers(0, 6)),
        presiding_id=draw(st.one_of(st.none(), people, OUTSIDERS)),
        chair_id=draw(st.one_of(st.none(), people, OUTSIDERS)),
    )
    return Scenario(choices, tuple(draw(st.permutations(recorded))), context, draw(profile))


@st.composite
def ties(draw: st.DrawFn, profile: RegulationProfile, max_others: int = 4) -> tuple[Scenario, int]:
    """A k-k vote among the present (plus abstainers/non-voters); returns it and k + others."""
    k = draw(st.integers(1, 7))
    others = draw(st.lists(st.sampled_from([ABSTAINED, DID_NOT_VOTE]), max_size=max_others))
    order = draw(st.permutations([FOR] * k + [AGAINST] * k + others))
    choices = dict(enumerate(order, start=1))
    people = st.sampled_from(sorted(choices))
    context = VotingContext(
        entitled_present=frozenset(choices),
        composition_size=len(choices),
        presiding_id=draw(st.one_of(st.none(), people, OUTSIDERS)),
        chair_id=draw(st.one_of(st.none(), people, OUTSIDERS)),
    )
    recorded = tuple(Ballot(v, c) for v, c in choices.items())
    return Scenario(choices, recorded, context, profile), len(others)


def run(s: Scenario) -> TallyResult:
    return tally(s.ballots, s.context, s.profile)


# --- worked examples from the seeds -------------------------------------------------------------

CHAIR, DEPUTY = 1, 2  # 000 composition: the Prime Minister chairs, the minister is the deputy


def test_000_tie_decided_by_presiding_deputy_voting_for() -> None:
    # The chair is absent; the deputy chair presides and votes for: 4-4 of 8 present (000 §15).
    context = VotingContext(frozenset(range(2, 10)), 15, presiding_id=DEPUTY, chair_id=CHAIR)
    result = tally(ballots(FOR=[DEPUTY, 3, 4, 5], AGAINST=[6, 7, 8, 9]), context, BOARD)
    assert result.adopted and result.tie
    assert result.tie_break_applied is TieBreak.PRESIDING
    assert result.deciding_voter_id == DEPUTY
    assert result.reason is Reason.CASTING_VOTE_FOR
    assert (result.base, result.base_count, result.required) == (DecisionBase.PRESENT, 8, 5)
    assert result.explain(EN) == (
        "4 for, 4 against, 0 abstained: a tie; the presiding member voted for, "
        "and the presiding member's vote decides (paragraph 15 of the Regulation). Adopted."
    )


def test_000_tie_with_presiding_deputy_voting_against_is_not_adopted() -> None:
    context = VotingContext(frozenset(range(2, 10)), 15, presiding_id=DEPUTY, chair_id=CHAIR)
    result = tally(ballots(FOR=[3, 4, 5, 6], AGAINST=[DEPUTY, 7, 8, 9]), context, BOARD)
    assert not result.adopted and result.tie
    assert result.deciding_voter_id == DEPUTY
    assert result.explain(EN) == (
        "4 for, 4 against, 0 abstained: a tie; the presiding member voted against, "
        "and the presiding member's vote decides (paragraph 15 of the Regulation). Not adopted."
    )


def test_004_tie_with_the_chair_absent_is_not_adopted() -> None:
    # An interim meeting presided by the Head of the Administration (004 §31); the chair is away.
    context = VotingContext(frozenset(range(2, 10)), 20, presiding_id=2, chair_id=CHAIR)
    result = tally(ballots(FOR=[2, 3, 4, 5], AGAINST=[6, 7, 8, 9]), context, AI)
    assert not result.adopted and result.tie
    assert result.tie_break_applied is TieBreak.CHAIR
    assert result.reason is Reason.TIE_BREAKER_HAS_NO_VOTE
    assert result.deciding_voter_id is None
    assert result.explain(EN) == (
        "4 for, 4 against, 0 abstained: a tie; the chair is absent, "
        "so the tie is not broken (paragraph 25 of the Regulation). Not adopted."
    )


def test_004_five_five_with_the_chair_voting_for_is_adopted_as_a_recommendation() -> None:
    context = VotingContext(frozenset(range(1, 11)), 20, presiding_id=CHAIR, chair_id=CHAIR)
    result = tally(ballots(FOR=[CHAIR, 2, 3, 4, 5], AGAINST=[6, 7, 8, 9, 10]), context, AI)
    assert result.adopted and result.tie and result.recommendation
    assert result.deciding_voter_id == CHAIR
    assert result.explain(EN) == (
        "5 for, 5 against, 0 abstained: a tie; the chair voted for, and the chair's vote "
        "decides (paragraph 25 of the Regulation). Adopted. The decision is a recommendation "
        "(paragraph 4 of the Regulation)."
    )


def test_004_chair_decides_even_when_someone_else_presides() -> None:
    context = VotingContext(frozenset(range(1, 11)), 20, presiding_id=2, chair_id=CHAIR)
    result = tally(ballots(FOR=[2, 3, 4, 5, 6], AGAINST=[CHAIR, 7, 8, 9, 10]), context, AI)
    assert not result.adopted
    assert result.deciding_voter_id == CHAIR
    assert "the chair voted against, and the chair's vote decides" in result.explain(EN)


def test_000_four_four_one_is_a_tie_the_casting_vote_decides_in_the_lenient_reading() -> None:
    # 4 of 9 is no majority of the present (000 §15), but for == against is a tie when
    # abstentions are left aside, and the presiding member's casting vote makes it 5 of 9.
    context = VotingContext(frozenset(range(1, 10)), 15, presiding_id=1)
    votes = ballots(FOR=[1, 2, 3, 4], AGAINST=[5, 6, 7, 8], ABSTAINED=[9])
    result = tally(votes, context, BOARD_LENIENT)
    assert result.tie and result.adopted
    assert result.explain(EN).startswith("4 for, 4 against, 1 abstained: a tie; ")


def test_000_three_three_three_casting_vote_is_not_enough() -> None:
    # 3 + the casting vote = 4 of 9 present: still no majority of the present.
    context = VotingContext(frozenset(range(1, 10)), 15, presiding_id=1)
    votes = ballots(FOR=[1, 2, 3], AGAINST=[4, 5, 6], ABSTAINED=[7, 8, 9])
    result = tally(votes, context, BOARD_LENIENT)
    assert result.tie and not result.adopted
    assert result.reason is Reason.CASTING_VOTE_NOT_ENOUGH
    assert result.deciding_voter_id is None
    assert result.explain(EN) == (
        "3 for, 3 against, 3 abstained: a tie; the presiding member voted for, but the casting "
        "vote is not enough: at least 5 votes for were needed out of 9 members present "
        "(paragraph 15 of the Regulation). The casting vote decides whenever the votes for and "
        "against are equal, whatever the number of abstentions. Not adopted."
    )


def test_a_new_for_vote_can_undo_an_adoption_that_rested_on_the_casting_vote() -> None:
    # Why the monotonicity property is stated for a fixed base: 4-4-1 of 9 is adopted with the
    # casting vote, but when a tenth member arrives and votes for, 5 of 10 is not a majority.
    context = VotingContext(frozenset(range(1, 10)), 15, presiding_id=1)
    before = tally(
        ballots(FOR=[1, 2, 3, 4], AGAINST=[5, 6, 7, 8], ABSTAINED=[9]), context, BOARD_LENIENT
    )
    grown = VotingContext(frozenset(range(1, 11)), 15, presiding_id=1)
    votes = ballots(FOR=[1, 2, 3, 4, 10], AGAINST=[5, 6, 7, 8], ABSTAINED=[9])
    after = tally(votes, grown, BOARD_LENIENT)
    assert before.adopted and not after.adopted and not after.tie


def test_presiding_non_member_has_no_casting_vote() -> None:
    # An interim meeting chaired by someone outside the composition (004 §31) under 000 rules.
    context = VotingContext(frozenset(range(1, 9)), 15, presiding_id=100)
    result = tally(ballots(FOR=[1, 2, 3, 4], AGAINST=[5, 6, 7, 8]), context, BOARD)
    assert result.tie and not result.adopted
    assert result.reason is Reason.TIE_BREAKER_HAS_NO_VOTE
    assert "the presiding person has no vote on this item, so the tie is not broken" in (
        result.explain(EN)
    )


def test_presiding_member_who_abstains_does_not_break_the_tie() -> None:
    context = VotingContext(frozenset(range(1, 10)), 15, presiding_id=9)
    votes = ballots(FOR=[1, 2, 3, 4], AGAINST=[5, 6, 7, 8], ABSTAINED=[9])
    result = tally(votes, context, BOARD_LENIENT)
    assert not result.adopted and result.reason is Reason.TIE_BREAKER_DID_NOT_VOTE
    assert "the presiding member did not vote for or against" in result.explain(EN)


def test_chair_present_without_voting_does_not_break_the_tie() -> None:
    context = VotingContext(frozenset(range(1, 10)), 15, chair_id=9)
    result = tally(ballots(FOR=[1, 2, 3, 4], AGAINST=[5, 6, 7, 8]), context, AI_LENIENT)
    assert result.did_not_vote == 1
    assert not result.adopted and result.reason is Reason.TIE_BREAKER_DID_NOT_VOTE
    assert (
        "the chair did not vote for or against, so the tie is not broken "
        "(paragraph 25 of the Regulation)"
    ) in (result.explain(EN))


def test_no_tie_break_rule() -> None:
    profile = BOARD.with_changes(tie_break=TieBreak.NONE, sources={"tie_break": "1"})
    context = VotingContext(frozenset(range(1, 9)), 15, presiding_id=1, chair_id=1)
    result = tally(ballots(FOR=[1, 2, 3, 4], AGAINST=[5, 6, 7, 8]), context, profile)
    assert not result.adopted and result.reason is Reason.NO_CASTING_VOTE
    assert (
        "the regulation gives no casting vote, so the tie is not broken "
        "(paragraph 1 of the Regulation)"
    ) in (result.explain(EN))


def test_plain_majority_explained_with_the_threshold_and_its_source() -> None:
    context = VotingContext(frozenset(range(1, 11)), 15)
    votes = ballots(FOR=[1, 2, 3, 4, 5, 6], AGAINST=[7, 8, 9], ABSTAINED=[10])
    result = tally(votes, context, BOARD)
    assert result.adopted and not result.tie and result.tie_break_applied is None
    assert result.explain(EN) == (
        "6 for, 3 against, 1 abstained: at least 6 votes for were needed out of "
        "10 members present (paragraph 15 of the Regulation). Adopted."
    )


def test_rejected_recommendation_is_not_called_a_recommendation() -> None:
    context = VotingContext(frozenset(range(1, 9)), 20)
    result = tally(ballots(FOR=[1], AGAINST=[2, 3]), context, AI)
    assert result.explain(EN) == (
        "1 for, 2 against, 0 abstained, 5 did not vote: at least 5 votes for were needed "
        "out of 8 members present (paragraph 25 of the Regulation). Not adopted."
    )


def test_singular_phrases_and_no_parentheses_without_a_source() -> None:
    profile = RegulationProfile(decision_base=DecisionBase.CAST, abstentions_count_as_cast=False)
    result = tally([Ballot(1, FOR)], VotingContext(frozenset({1, 2}), 2), profile)
    assert result.adopted and (result.base_count, result.required) == (1, 1)
    assert result.explain(EN) == (
        "1 for, 0 against, 0 abstained, 1 did not vote: "
        "at least 1 vote for was needed out of 1 vote cast. Adopted."
    )


def test_cast_base_counts_abstentions_only_when_the_profile_says_so() -> None:
    context = VotingContext(frozenset(range(1, 8)), 7)
    votes = ballots(FOR=[1, 2, 3], AGAINST=[4, 5], ABSTAINED=[6, 7])
    counted = RegulationProfile(decision_base=DecisionBase.CAST, abstentions_count_as_cast=True)
    ignored = counted.with_changes(abstentions_count_as_cast=False)
    assert (tally(votes, context, counted).base_count, tally(votes, context, counted).adopted) == (
        7,
        False,
    )
    assert (tally(votes, context, ignored).base_count, tally(votes, context, ignored).adopted) == (
        5,
        True,
    )


def test_all_members_base_is_the_composition() -> None:
    profile = RegulationProfile(decision_base=DecisionBase.ALL_MEMBERS, threshold=MORE_THAN_HALF)
    context = VotingContext(frozenset(range(1, 8)), 15, presiding_id=1)
    result = tally(ballots(FOR=[1, 2, 3, 4, 5, 6, 7]), context, profile)
    assert (result.base_count, result.required, result.adopted) == (15, 8, False)
    assert "out of 15 members of the composition" in result.explain(EN)


def test_substitute_for_a_member_is_refused_quoting_the_rule() -> None:
    # A deputy minister comes instead of the minister: invited, never votes (000 §14).
    context = VotingContext(frozenset({1, 2, 3}), 15)
    with pytest.raises(DomainError) as info:
        tally([Ballot(1, FOR), Ballot(101, FOR)], context, BOARD)
    assert info.value.msgid == NOT_ENTITLED_CITED
    assert info.value.message(EN) == (
        "Person 101 cannot vote on this item: only council members present at it have a vote, "
        "and members take part without the right of substitution (paragraph 14 of the Regulation)."
    )
    with pytest.raises(DomainError) as info:
        tally([Ballot(101, FOR)], context, RegulationProfile())
    assert info.value.msgid == NOT_ENTITLED


def test_second_ballot_is_refused() -> None:
    context = VotingContext(frozenset({1, 2, 3}), 15)
    with pytest.raises(DomainError) as info:
        tally([Ballot(1, FOR), Ballot(2, FOR), Ballot(1, AGAINST)], context, BOARD)
    assert info.value.msgid == DUPLICATE_BALLOT
    assert info.value.params == {"voter_id": 1}


def test_context_cannot_have_more_present_than_the_composition() -> None:
    with pytest.raises(DomainError):
        VotingContext(frozenset({1, 2, 3}), 2)


class Fixed(gettext.NullTranslations):
    """A translation given as a dict, for the few messages a test cares about."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)


def test_explain_uses_the_current_translations_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(translation, "_current", Fixed({"Not adopted.": "Шешім қабылданбады."}))
    result = tally([], VotingContext(frozenset(), 0), BOARD)
    assert result.explain().endswith("Шешім қабылданбады.")
    assert result.explain(EN).endswith("Not adopted.")


def test_a_broken_translation_falls_back_to_english() -> None:
    broken = Fixed({"{counts}: {reasoning}.": "{counts}: {reason}.", "Adopted.": "Қабылданды."})
    result = tally([Ballot(1, FOR)], VotingContext(frozenset({1}), 1), BOARD)
    assert result.explain(broken) == result.explain(EN)
    assert result.explain(EN).endswith("Adopted.")


def _catalog(locale: str, entries: dict[str | tuple[str, str], str | tuple[str, ...]]) -> Catalog:
    catalog = Catalog(locale=locale)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    return catalog


def _translations(catalog: Catalog) -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def test_msgids_take_russian_plural_forms() -> None:
    ru = _translations(
        _catalog(
            "ru",
            {
                ("{n} for", "{n} for"): ("{n} голос «за»", "{n} голоса «за»", "{n} голосов «за»"),
                ("{n} against", "{n} against"): (
                    "{n} голос «против»",
                    "{n} голоса «против»",
                    "{n} голосов «против»",
                ),
                ("{n} abstained", "{n} abstained"): (
                    "{n} воздержался",
                    "{n} воздержались",
                    "{n} воздержались",
                ),
                "{for_}, {against}, {abstained}": "{for_}, {against}, {abstained}",
                "{counts}: {reasoning}.": "{counts}: {reasoning}.",
                "a tie; {clause}": "равенство голосов; {clause}",
                "the chair voted for, and the chair's vote decides": (
                    "председатель проголосовал «за», и его голос является решающим"
                ),
                "Adopted.": "Решение принято.",
                "paragraph {number} of the Regulation": "п. {number} Положения",
                "The decision is a recommendation": "Решение носит рекомендательный характер",
                "The casting vote decides whenever the votes for and against are equal, "
                "whatever the number of abstentions.": (
                    "Решающий голос применяется при равенстве голосов «за» и «против» "
                    "независимо от числа воздержавшихся."
                ),
            },
        )
    )
    context = VotingContext(frozenset(range(1, 24)), 30, chair_id=1)
    votes = ballots(FOR=list(range(1, 12)), AGAINST=list(range(12, 23)), ABSTAINED=[23])
    assert tally(votes, context, AI_LENIENT).explain(ru) == (
        "11 голосов «за», 11 голосов «против», 1 воздержался: равенство голосов; "
        "председатель проголосовал «за», и его голос является решающим (п. 25 Положения). "
        "Решающий голос применяется при равенстве голосов «за» и «против» независимо от "
        "числа воздержавшихся. "
        "Решение принято. Решение носит рекомендательный характер (п. 4 Положения)."
    )
    small = VotingContext(frozenset(range(1, 6)), 30, chair_id=1)
    result = tally(ballots(FOR=[1, 2], AGAINST=[3, 4], ABSTAINED=[5]), small, AI)
    assert result.explain(ru).startswith("2 голоса «за», 2 голоса «против», 1 воздержался:")
    big = VotingContext(frozenset(range(1, 44)), 50, chair_id=1)
    result = tally(ballots(FOR=list(range(1, 22)), AGAINST=list(range(22, 43))), big, AI)
    assert result.explain(ru).startswith("21 голос «за», 21 голос «против»")


class Recording(gettext.NullTranslations):
    """English, but remembers every plural lookup, to prove counts go through ngettext."""

    def __init__(self) -> None:
        super().__init__()
        self.plurals: list[tuple[str, int]] = []

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.plurals.append((msgid1, n))
        return super().ngettext(msgid1, msgid2, n)


# --- properties -------------------------------------------------------------------------------


@given(scenarios(), OUTSIDERS, st.sampled_from(Choice), st.data())
def test_ballot_from_anyone_not_present_with_a_vote_is_always_refused(
    s: Scenario, outsider: int, choice: Choice, data: st.DataObject
) -> None:
    position = data.draw(st.integers(0, len(s.ballots)))
    recorded = [*s.ballots[:position], Ballot(outsider, choice), *s.ballots[position:]]
    with pytest.raises(DomainError) as info:
        tally(recorded, s.context, s.profile)
    assert info.value.msgid in {NOT_ENTITLED, NOT_ENTITLED_CITED}
    assert info.value.params["voter_id"] == outsider


@given(scenarios(), st.sampled_from(Choice), st.data())
def test_a_second_ballot_by_the_same_member_is_always_refused(
    s: Scenario, choice: Choice, data: st.DataObject
) -> None:
    voters = [b.voter_id for b in s.ballots]
    if not voters:
        return
    voter = data.draw(st.sampled_from(voters))
    with pytest.raises(DomainError) as info:
        tally([*s.ballots, Ballot(voter, choice)], s.context, s.profile)
    assert info.value.msgid == DUPLICATE_BALLOT


@given(scenarios())
def test_counts_always_sum_to_the_members_present(s: Scenario) -> None:
    result = run(s)
    assert result.present == len(s.context.entitled_present)
    for choice, count in (
        (FOR, result.for_),
        (AGAINST, result.against),
        (ABSTAINED, result.abstained),
        (DID_NOT_VOTE, result.did_not_vote),
    ):
        assert count == sum(1 for c in s.choices.values() if c is choice)


@given(scenarios())
def test_required_is_the_threshold_minimum_and_without_a_tie_the_threshold_decides(
    s: Scenario,
) -> None:
    result = run(s)
    assert result.required == s.profile.threshold.minimum(result.base_count)
    assert result.base is s.profile.decision_base
    if not result.tie:
        assert result.adopted == s.profile.threshold.is_met(result.for_, result.base_count)
        assert result.adopted == (result.for_ >= result.required)
        assert result.tie_break_applied is None and result.deciding_voter_id is None
    else:
        assert result.for_ == result.against > 0
        assert result.for_ < result.required
        assert result.tie_break_applied is s.profile.tie_break


@given(scenarios(), st.data())
def test_changing_a_ballot_to_for_never_rejects_an_adopted_decision_with_a_fixed_base(
    s: Scenario, data: st.DataObject
) -> None:
    # "Fixed base": PRESENT and ALL_MEMBERS always; CAST only for a ballot already counted.
    def keeps_base(choice: Choice) -> bool:
        if s.profile.decision_base is not DecisionBase.CAST:
            return True
        return choice is AGAINST or (choice is ABSTAINED and s.profile.abstentions_count_as_cast)

    candidates = [v for v, c in s.choices.items() if c is not FOR and keeps_base(c)]
    if not candidates:
        return
    voter = data.draw(st.sampled_from(candidates))
    before, after = run(s), run(s.with_choice(voter, FOR))
    assert after.base_count == before.base_count
    assert after.adopted or not before.adopted


@given(scenarios(), st.data())
def test_a_for_vote_that_grows_the_base_keeps_an_adoption_that_met_the_threshold(
    s: Scenario, data: st.DataObject
) -> None:
    # A member arriving and voting for, or any non-for ballot changed to for (under CAST a
    # non-voter's for-vote enlarges the base): adoption by the threshold itself survives.
    non_for = [v for v, c in s.choices.items() if c is not FOR]
    newcomer = st.integers(31, 40)
    voter = data.draw(st.one_of(newcomer, st.sampled_from(non_for)) if non_for else newcomer)
    before, after = run(s), run(s.with_choice(voter, FOR))
    if before.reason is Reason.THRESHOLD_MET:
        assert after.adopted and after.reason is Reason.THRESHOLD_MET


@given(ties(BOARD_LENIENT))
def test_000_presiding_member_decides_a_tie(case: tuple[Scenario, int]) -> None:
    s, others = case
    result = run(s)
    assert result.tie and result.tie_break_applied is TieBreak.PRESIDING
    presiding = s.choice_of(s.context.presiding_id)
    # The casting vote adds one for-vote: enough for a majority of the present only when at
    # most one member present neither voted for nor against.
    assert result.adopted == (presiding is FOR and others <= 1)
    if presiding is AGAINST or (presiding is FOR and others <= 1):
        assert result.deciding_voter_id == s.context.presiding_id
    else:
        assert result.deciding_voter_id is None
    if presiding is None:
        assert result.reason is Reason.TIE_BREAKER_HAS_NO_VOTE


@given(ties(AI_LENIENT))
def test_004_chair_decides_a_tie_only_when_present_and_voting(case: tuple[Scenario, int]) -> None:
    s, others = case
    result = run(s)
    chair = s.choice_of(s.context.chair_id)
    assert result.tie and result.tie_break_applied is TieBreak.CHAIR
    assert result.adopted == (chair is FOR and others <= 1)
    if chair is None:  # absent, or no chair on the date
        assert not result.adopted and result.reason is Reason.TIE_BREAKER_HAS_NO_VOTE
        assert (
            "the chair is absent, so the tie is not broken (paragraph 25 of the Regulation)"
        ) in result.explain(EN)
    elif chair in {ABSTAINED, DID_NOT_VOTE}:
        assert result.reason is Reason.TIE_BREAKER_DID_NOT_VOTE
    if result.deciding_voter_id is not None:
        assert result.deciding_voter_id == s.context.chair_id


@given(ties(BOARD_LENIENT.with_changes(tie_break=TieBreak.NONE)))
def test_without_a_tie_break_a_tie_is_never_adopted(case: tuple[Scenario, int]) -> None:
    result = run(case[0])
    assert result.tie and not result.adopted
    assert result.reason is Reason.NO_CASTING_VOTE and result.deciding_voter_id is None


@given(scenarios())
def test_casting_vote_adopts_only_with_for_plus_one_reaching_the_threshold(s: Scenario) -> None:
    result = run(s)
    if result.adopted and result.tie:
        assert result.reason is Reason.CASTING_VOTE_FOR
        assert s.profile.threshold.is_met(result.for_ + 1, result.base_count)
        breaker = (
            s.context.presiding_id
            if s.profile.tie_break is TieBreak.PRESIDING
            else s.context.chair_id
        )
        assert result.deciding_voter_id == breaker
        assert s.choice_of(breaker) is FOR


@given(scenarios())
def test_counts_mode_agrees_with_the_roll_call(s: Scenario) -> None:
    result = run(s)
    counted = tally_counts(
        result.for_,
        result.against,
        result.abstained,
        s.context,
        s.profile,
        presiding_choice=s.choice_of(s.context.presiding_id),
        chair_choice=s.choice_of(s.context.chair_id),
    )
    assert counted == result


@given(scenarios(), st.integers(1, 5), st.data())
def test_counts_mode_refuses_more_votes_than_members_present(
    s: Scenario, excess: int, data: st.DataObject
) -> None:
    total = len(s.context.entitled_present) + excess
    for_ = data.draw(st.integers(0, total))
    against = data.draw(st.integers(0, total - for_))
    with pytest.raises(DomainError) as info:
        tally_counts(for_, against, total - for_ - against, s.context, s.profile)
    assert info.value.msgid == COUNTS_EXCEED_PRESENT


@pytest.mark.parametrize("counts", [(-1, 0, 0), (0, -1, 0), (0, 0, -1)])
def test_counts_mode_refuses_negative_counts(counts: tuple[int, int, int]) -> None:
    with pytest.raises(DomainError):
        tally_counts(*counts, VotingContext(frozenset({1, 2}), 2), BOARD)


def test_counts_mode_needs_the_tie_breakers_choice_on_a_tie() -> None:
    context = VotingContext(frozenset(range(1, 11)), 15, presiding_id=1, chair_id=1)
    with pytest.raises(DomainError) as info:
        tally_counts(5, 5, 0, context, BOARD)
    assert info.value.msgid == TIE_NEEDS_PRESIDING_CHOICE
    with pytest.raises(DomainError) as info:
        tally_counts(5, 5, 0, context, AI)
    assert info.value.msgid == TIE_NEEDS_CHAIR_CHOICE
    assert tally_counts(5, 5, 0, context, BOARD, presiding_choice=FOR).adopted
    assert not tally_counts(5, 5, 0, context, BOARD, presiding_choice=AGAINST).adopted
    # No tie: the choice is not needed.
    assert tally_counts(6, 4, 0, context, BOARD).adopted


def test_counts_mode_tie_with_an_absent_chair_needs_no_choice() -> None:
    context = VotingContext(frozenset(range(2, 12)), 15, chair_id=1)
    result = tally_counts(5, 5, 0, context, AI)
    assert not result.adopted and result.reason is Reason.TIE_BREAKER_HAS_NO_VOTE


def test_counts_mode_refuses_choices_that_cannot_be_true() -> None:
    context = VotingContext(frozenset(range(1, 11)), 15, presiding_id=100, chair_id=1)
    with pytest.raises(DomainError) as info:
        tally_counts(5, 5, 0, context, BOARD, presiding_choice=FOR)
    assert info.value.msgid == PRESIDING_HAS_NO_VOTE
    away = VotingContext(frozenset(range(2, 11)), 15, chair_id=1)
    with pytest.raises(DomainError) as info:
        tally_counts(4, 4, 0, away, AI, chair_choice=FOR)
    assert info.value.msgid == CHAIR_HAS_NO_VOTE
    same = VotingContext(frozenset(range(1, 11)), 15, presiding_id=1, chair_id=1)
    with pytest.raises(DomainError) as info:
        tally_counts(5, 5, 0, same, AI, presiding_choice=FOR, chair_choice=AGAINST)
    assert info.value.msgid == PRESIDING_CHAIR_DIFFER
    with pytest.raises(DomainError) as info:
        tally_counts(0, 5, 0, same, AI, chair_choice=FOR)
    assert info.value.msgid == KNOWN_VOTES_NOT_IN_COUNTS
    both = VotingContext(frozenset(range(1, 11)), 15, presiding_id=2, chair_id=1)
    with pytest.raises(DomainError) as info:
        tally_counts(1, 1, 0, both, AI, presiding_choice=FOR, chair_choice=FOR)
    assert info.value.msgid == KNOWN_VOTES_NOT_IN_COUNTS
    assert tally_counts(5, 5, 0, same, AI, presiding_choice=FOR, chair_choice=FOR).adopted


@given(scenarios())
def test_explanation_states_counts_and_verdict_through_ngettext(s: Scenario) -> None:
    result = run(s)
    recording = Recording()
    text = result.explain(recording)
    assert text.startswith(
        f"{result.for_} for, {result.against} against, {result.abstained} abstained"
    )
    assert ("Adopted." in text) == result.adopted
    assert ("Not adopted." in text) != result.adopted
    assert text.endswith(".")
    assert ("recommendation" in text) == (result.adopted and result.recommendation)
    assert ("a tie;" in text) == result.tie
    assert ("{n}" not in text) and ("{" not in text)
    assert ("{n} for", result.for_) in recording.plurals
    assert ("{n} against", result.against) in recording.plurals
    assert ("{n} abstained", result.abstained) in recording.plurals
    if result.did_not_vote:
        assert ("{n} did not vote", result.did_not_vote) in recording.plurals
    if not result.tie:
        assert ("at least {n} vote for was needed", result.required) in recording.plurals


# --- the reading of "equal votes" (issue 13) ----------------------------------------------------

STRICT_TEXT = (
    "The casting vote decides only when every member present with a vote voted for or against "
    "and the votes are equally divided, so it did not apply here."
)
LENIENT_TEXT = (
    "The casting vote decides whenever the votes for and against are equal, whatever the number "
    "of abstentions."
)


def test_seed_presets_take_the_strict_reading() -> None:
    assert BOARD.tie_reading is TieReading.EQUAL_DIVISION
    assert AI.tie_reading is TieReading.EQUAL_DIVISION


def test_one_one_one_of_three_is_no_tie_in_the_strict_reading() -> None:
    # 000 §15: a simple majority of the members present; 1 of 3 is none, and an abstention
    # means the votes are not equally divided, so the presiding member's vote does not decide.
    context = VotingContext(frozenset({1, 2, 3}), 7, presiding_id=1)
    result = tally(ballots(FOR=[1], AGAINST=[2], ABSTAINED=[3]), context, BOARD)
    assert not result.adopted and not result.tie
    assert result.reason is Reason.THRESHOLD_NOT_MET and result.deciding_voter_id is None
    assert result.tie_reading is TieReading.EQUAL_DIVISION
    assert result.explain(EN) == (
        "1 for, 1 against, 1 abstained: at least 2 votes for were needed out of 3 members "
        f"present (paragraph 15 of the Regulation). {STRICT_TEXT} Not adopted."
    )


def test_one_one_one_of_three_is_a_tie_the_presiding_member_decides_in_the_lenient_reading() -> (
    None
):
    context = VotingContext(frozenset({1, 2, 3}), 7, presiding_id=1)
    result = tally(ballots(FOR=[1], AGAINST=[2], ABSTAINED=[3]), context, BOARD_LENIENT)
    assert result.adopted and result.tie and result.deciding_voter_id == 1
    assert result.reason is Reason.CASTING_VOTE_FOR
    assert result.explain(EN).endswith(f"{LENIENT_TEXT} Adopted.")


def test_two_two_of_four_is_a_tie_in_both_readings_and_needs_no_extra_sentence() -> None:
    context = VotingContext(frozenset({1, 2, 3, 4}), 7, presiding_id=1)
    for profile in (BOARD, BOARD_LENIENT):
        result = tally(ballots(FOR=[1, 2], AGAINST=[3, 4]), context, profile)
        assert result.adopted and result.tie and result.reason is Reason.CASTING_VOTE_FOR
        assert STRICT_TEXT not in result.explain(EN) and LENIENT_TEXT not in result.explain(EN)


def test_a_member_present_who_did_not_vote_also_prevents_a_strict_tie() -> None:
    # 004: 2 for, 2 against, the chair present but silent: no equal division of the present.
    context = VotingContext(frozenset({1, 2, 3, 4, 5}), 20, chair_id=5)
    result = tally(ballots(FOR=[1, 2], AGAINST=[3, 4]), context, AI)
    assert not result.tie and not result.adopted
    assert STRICT_TEXT in result.explain(EN)
    # Counts mode: no tie, so no need to ask how the chair voted.
    counted = tally_counts(2, 2, 0, context, AI)
    assert counted == result


def test_cast_base_reads_equal_votes_among_the_votes_cast() -> None:
    context = VotingContext(frozenset({1, 2, 3, 4, 5}), 9, presiding_id=1)
    votes = ballots(FOR=[1, 2], AGAINST=[3, 4], ABSTAINED=[5])
    # Abstentions are not votes cast: 2-2 of 4 cast is an equal division.
    not_cast = BOARD.with_changes(decision_base=DecisionBase.CAST, abstentions_count_as_cast=False)
    result = tally(votes, context, not_cast)
    assert result.tie and result.adopted and result.base_count == 4
    # Abstentions are votes cast: 2-2-1 of 5 cast is not.
    cast = not_cast.with_changes(abstentions_count_as_cast=True)
    result = tally(votes, context, cast)
    assert not result.tie and not result.adopted
    assert "only when every vote cast is for or against" in result.explain(EN)


def test_a_result_frozen_before_the_reading_was_named_explains_as_before() -> None:
    context = VotingContext(frozenset({1, 2, 3}), 7, presiding_id=1)
    result = tally(ballots(FOR=[1], AGAINST=[2], ABSTAINED=[3]), context, BOARD_LENIENT)
    old = dataclasses.replace(result, tie_reading=None)
    assert LENIENT_TEXT not in old.explain(EN) and old.explain(EN).endswith(" Adopted.")


def test_a_vote_without_a_quorum_is_not_considered_whatever_its_counts() -> None:
    context = VotingContext(frozenset({1, 2, 3}), 9, presiding_id=1)
    result = not_considered(tally(ballots(FOR=[1, 2, 3]), context, BOARD))
    assert not result.adopted and not result.tie and result.reason is Reason.NO_QUORUM
    assert (result.for_, result.against, result.abstained) == (3, 0, 0)
    assert result.explain(EN) == (
        "3 for, 0 against, 0 abstained: the vote was taken without a quorum, so it is not a "
        "decision of the council. Not considered: no quorum."
    )


def _readings(s: Scenario) -> tuple[TallyResult, TallyResult]:
    strict_profile = s.profile.with_changes(tie_reading=TieReading.EQUAL_DIVISION)
    strict = dataclasses.replace(s, profile=strict_profile)
    lenient = dataclasses.replace(s, profile=s.profile.with_changes(tie_reading=LENIENT))
    return run(strict), run(lenient)


@given(scenarios())
def test_the_strict_reading_never_adopts_what_the_lenient_one_rejects(s: Scenario) -> None:
    strict, lenient = _readings(s)
    assert lenient.adopted or not strict.adopted
    # A strict tie is a lenient tie, decided the same way.
    if strict.tie:
        assert lenient.tie and (lenient.adopted, lenient.reason) == (strict.adopted, strict.reason)


@given(scenarios())
def test_a_strict_tie_divides_every_counted_vote_equally(s: Scenario) -> None:
    strict, _lenient = _readings(s)
    if not strict.tie:
        return
    assert strict.for_ == strict.against > 0
    if strict.base is DecisionBase.CAST:
        assert strict.for_ + strict.against == strict.base_count
    else:
        assert strict.abstained == strict.did_not_vote == 0


@given(scenarios())
def test_the_readings_differ_only_when_someone_stands_between_for_and_against(
    s: Scenario,
) -> None:
    strict, lenient = _readings(s)
    counted = strict.present if strict.base is not DecisionBase.CAST else strict.base_count
    between = strict.for_ == strict.against > 0 and strict.for_ + strict.against < counted
    if not between:
        assert dataclasses.replace(strict, tie_reading=LENIENT) == lenient
    # The one-sentence explanation of the reading appears exactly where it decided something.
    decided = between and strict.for_ < strict.required
    assert (STRICT_TEXT in strict.explain(EN) or "every vote cast" in strict.explain(EN)) == decided
    assert (LENIENT_TEXT in lenient.explain(EN)) == decided
