"""app/domain/substitution.py: no one votes for a member, each refusal cites the act if it can."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app import i18n
from app.domain.citation import ActKind, Citation
from app.domain.errors import DomainError
from app.domain.substitution import (
    invited_cannot_vote,
    not_a_member_cannot_vote,
    substitute_cannot_vote,
)

REFUSALS = [not_a_member_cannot_vote, substitute_cannot_vote, invited_cannot_vote]


@pytest.mark.parametrize("refusal", REFUSALS)
def test_a_refusal_names_the_person_and_the_rule(refusal: Callable[..., DomainError]) -> None:
    error = refusal("Ахметов С.", None)

    assert isinstance(error, DomainError)
    assert "Ахметов С." in str(error)
    assert "without the right of substitution" in str(error)
    assert "source" not in error.params


@pytest.mark.parametrize("refusal", REFUSALS)
def test_a_refusal_cites_the_paragraph_in_the_language_shown(
    refusal: Callable[..., DomainError],
) -> None:
    error = refusal("Ахметов С.", Citation("14", ActKind.REGULATION))

    english = error.message(i18n.translations("en"))
    russian = error.message(i18n.translations("ru"))
    assert english.endswith(")."), english
    assert "14" in english and "14" in russian
    assert english != russian and "Ахметов С." in russian


def test_the_three_refusals_say_different_things() -> None:
    texts = {refusal("X", None).msgid for refusal in REFUSALS}
    assert len(texts) == 3
    assert "invited" in invited_cannot_vote("X", None).msgid
    assert "absent" in substitute_cannot_vote("X", None).msgid
