"""Citations of the council's own act, in each language's legal form (never the seed shorthand)."""

from __future__ import annotations

import gettext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.citation import ActKind, Citation, cite, legacy_act_key, paragraph_of
from app.domain.errors import DomainError
from app.domain.regulation import (
    ACT_690,
    ACT_881,
    AI_COUNCIL_881,
    PRESETS,
    SUPERVISORY_BOARD_690,
    profile_from_dict,
    profile_to_dict,
)
from app.i18n import translations

EN = gettext.NullTranslations()


@pytest.mark.parametrize(
    ("paragraph", "kind", "lang", "expected"),
    [
        ("15", ActKind.REGULATION, "en", "paragraph 15 of the Regulation"),
        ("15", ActKind.REGULATION, "ru", "п. 15 Положения"),
        ("15", ActKind.REGULATION, "kk", "Ереженің 15-тармағы"),
        ("9.4", ActKind.REGULATION, "en", "subparagraph 4 of paragraph 9 of the Regulation"),
        ("9.4", ActKind.REGULATION, "ru", "подп. 4) п. 9 Положения"),
        ("9.4", ActKind.REGULATION, "kk", "Ереженің 9-тармағының 4) тармақшасы"),
        ("12", ActKind.RULES, "en", "paragraph 12 of the Rules"),
        ("12", ActKind.RULES, "ru", "п. 12 Правил"),
        ("12", ActKind.RULES, "kk", "Қағидалардың 12-тармағы"),
    ],
)
def test_a_citation_reads_as_the_language_cites_law(
    paragraph: str, kind: ActKind, lang: str, expected: str
) -> None:
    assert Citation(paragraph, kind).render(translations(lang)) == expected


def test_legacy_shorthand_keeps_only_the_paragraph() -> None:
    assert paragraph_of("000 §15") == "15"
    assert paragraph_of("004 §9.4") == "9.4"
    assert paragraph_of("15") == "15"
    assert paragraph_of("a note a user typed") == ""
    assert legacy_act_key("004 §25") == "004"
    assert legacy_act_key("25") == ""
    assert cite(EN, "A rule", "000 §14") == "A rule (paragraph 14 of the Regulation)"
    assert cite(EN, "A rule", "") == "A rule"


@given(st.text(max_size=12))
def test_no_source_ever_prints_the_shorthand(source: str) -> None:
    for lang in ("en", "ru", "kk"):
        text = cite(translations(lang), "Rule", source)
        assert "§" not in text
        assert text == "Rule" or (text.startswith("Rule (") and text.endswith(")"))


def test_the_presets_cite_paragraphs_of_their_acts() -> None:
    board, ai = SUPERVISORY_BOARD_690.profile, AI_COUNCIL_881.profile
    assert board.act is ACT_690 and ai.act is ACT_881
    assert board.source("threshold") == "15" and ai.source("tie_break") == "25"
    assert board.copies_deadline is not None and board.copies_deadline.source == "9.4"
    for preset in PRESETS.values():
        assert all("§" not in s for s in preset.profile.sources.values())
    citation = ai.citation("recommendations")
    assert citation is not None and citation.render(translations("ru")) == "п. 4 Положения"


def test_profiles_keep_their_act_through_storage() -> None:
    for preset in PRESETS.values():
        again = profile_from_dict(profile_to_dict(preset.profile))
        assert again == preset.profile and again.act == preset.profile.act
        assert again.sources == preset.profile.sources


def test_an_old_profile_gains_the_act_its_shorthand_named() -> None:
    old = profile_to_dict(SUPERVISORY_BOARD_690.profile)
    old.pop("act")
    old["sources"] = {"threshold": "000 §15", "dissent": "000 §16"}
    old["copies_deadline"] = {"amount": 7, "unit": "calendar_days", "source": "000 §9.4"}
    profile = profile_from_dict(old)
    assert profile.act == ACT_690
    assert profile.sources == {"threshold": "15", "dissent": "16"}
    assert profile.copies_deadline is not None and profile.copies_deadline.source == "9.4"


def test_a_profile_mixing_two_acts_names_none() -> None:
    old = {"sources": {"threshold": "000 §15", "tie_break": "004 §25"}}
    assert profile_from_dict(old).act is None


def test_a_refusal_cites_in_the_language_it_is_shown_in() -> None:
    error = DomainError("Rule ({source}).", source=Citation("14"))
    assert error.message(EN) == "Rule (paragraph 14 of the Regulation)."
    assert "п. 14 Положения" in error.message(translations("ru"))
