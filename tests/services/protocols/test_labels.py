"""The fixed words of a protocol: every one translated, placeholders kept, nothing left out."""

from __future__ import annotations

import re

import pytest

from app.domain.composition import Role
from app.domain.voting import Choice
from app.i18n import translations
from app.services.protocols.labels import (
    CHOICE_WORDS,
    LABELS,
    LANGUAGE_NAMES,
    ROLE_IN_PROTOCOL,
    SIGNER_ROLES,
    labels,
)

PLACEHOLDER = re.compile(r"\{\w+\}")


def every_word() -> list[str]:
    return [
        *LABELS.values(),
        *CHOICE_WORDS.values(),
        *(word for word in ROLE_IN_PROTOCOL.values() if word),
        *SIGNER_ROLES.values(),
        *LANGUAGE_NAMES.values(),
    ]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_fixed_word_is_translated_with_its_placeholders(lang: str) -> None:
    t = translations(lang)
    for word in every_word():
        translated = t.gettext(word)
        assert translated and translated != word, (lang, word)
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(word))


def test_the_labels_are_in_the_protocol_s_language_not_the_interface_s() -> None:
    kazakh, russian, english = (labels(translations(code)) for code in ("kk", "ru", "en"))
    assert set(kazakh) == set(russian) == set(english) == set(LABELS)
    assert english["heard"] == "Heard:" and kazakh["heard"] == "Тыңдалды:"
    assert kazakh["number_sign"] == russian["number_sign"] == "№"  # as the translators' note asks
    assert english["annex_heading"].format(annex=1, number="3", date="14 March 2024") == (
        "Annex 1 to Minutes No. 3 of 14 March 2024"
    )


def test_every_choice_and_role_has_its_word() -> None:
    assert set(CHOICE_WORDS) == set(Choice)
    assert set(ROLE_IN_PROTOCOL) == set(Role)
    assert ROLE_IN_PROTOCOL[Role.MEMBER] == ""  # a member's line names no role
    assert set(SIGNER_ROLES) == {"chair", "presiding", "secretary"}
    assert set(LANGUAGE_NAMES) == {"kk", "ru", "en"}
