"""app/domain/profile_changes.py: a change of the regulation profile told rule by rule."""

from __future__ import annotations

import gettext

from app import i18n
from app.domain.profile_changes import (
    COUNTING_RULES,
    RULE_LABELS,
    changes_counting,
    describe_changes,
    share_words,
)
from app.domain.regulation import (
    AT_LEAST_TWO_THIRDS,
    Act,
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

EN = gettext.NullTranslations()
BASE = RegulationProfile()


def test_an_unchanged_profile_has_no_changes_and_counts_the_same() -> None:
    assert describe_changes(BASE, RegulationProfile(), EN) == []
    assert not changes_counting(BASE, RegulationProfile())


def test_each_changed_rule_is_told_in_words() -> None:
    after = BASE.with_changes(
        quorum=AT_LEAST_TWO_THIRDS,
        tie_break=TieBreak.NONE,
        materials_deadline=Deadline(5, DayCount.WORKING_DAYS),
        secretary_votes=False,
    )

    changes = {c.rule: (c.before, c.after) for c in describe_changes(BASE, after, EN)}

    assert changes == {
        "the quorum": ("not set", "at least two thirds"),
        "when the votes are equal": (
            "the presiding member's vote decides",
            "the decision is not adopted",
        ),
        "the secretary votes": ("yes", "no"),
        "materials, before a session": ("no deadline", "5 working days"),
    }
    assert changes_counting(BASE, after)


def test_a_deadline_change_alone_does_not_change_counting() -> None:
    after = BASE.with_changes(copies_deadline=Deadline(1, DayCount.WEEKS))
    assert not changes_counting(BASE, after)
    [change] = describe_changes(BASE, after, EN)
    assert change.after == "1 week"


def test_shares_without_a_name_are_fractions() -> None:
    assert share_words(Share(99, 100, inclusive=False), EN) == "more than 99/100"
    assert share_words(Share(3, 5, inclusive=True), EN) == "at least 3/5"
    assert share_words(None, EN) == "not set"


def test_the_act_is_named_in_the_document_language_and_a_rewording_is_seen() -> None:
    act = Act(titles={"kk": "Ереже", "ru": "Положение"}, number="12")
    reworded = Act(titles={"kk": "Ереже", "ru": "Положение"}, number="12", issuers={"ru": "X"})

    [named] = describe_changes(BASE, BASE.with_changes(act=act), EN, lang="ru")
    assert (named.before, named.after) == ("not named", "Положение, No. 12")

    [again] = describe_changes(BASE.with_changes(act=act), BASE.with_changes(act=reworded), EN)
    assert again.after == "Ереже, No. 12, in another wording"  # no en title: the first one


def test_changed_sources_are_said_without_listing_them() -> None:
    after = RegulationProfile(sources={"quorum": "15"})
    [change] = describe_changes(BASE, after, EN)
    assert (change.rule, change.before, change.after) == (
        "the paragraphs of the act each rule cites",
        "as before",
        "changed",
    )


def test_every_rule_label_and_counting_rule_is_a_translated_profile_field() -> None:
    fields = set(RegulationProfile.__dataclass_fields__)
    assert set(COUNTING_RULES) <= fields
    assert set(RULE_LABELS) <= fields
    for lang in ("kk", "ru"):
        t = i18n.translations(lang)
        untranslated = [label for label in RULE_LABELS.values() if t.gettext(label) == label]
        assert not untranslated, (lang, untranslated)


def test_every_choice_of_a_rule_has_its_own_words() -> None:
    # TieBreak.PRESIDING and Signers.PRESIDING are the same text: each keeps its own words.
    rules = {
        "decision_base": DecisionBase,
        "tie_break": TieBreak,
        "tie_reading": TieReading,
        "no_quorum_vote": NoQuorumVote,
        "signers": Signers,
    }
    for rule, choices in rules.items():
        told = set()
        for before in choices:
            for after in choices:
                if before is not after:
                    profiles = (
                        BASE.with_changes(**{rule: before}),
                        BASE.with_changes(**{rule: after}),
                    )
                    [change] = describe_changes(*profiles, EN)
                    told.add(change.before)
        assert len(told) == len(choices), rule
    [tie] = describe_changes(BASE, BASE.with_changes(tie_break=TieBreak.CHAIR), EN)
    assert tie.before == "the presiding member's vote decides"
