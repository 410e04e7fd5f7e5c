"""The profile editor offers the reading of "equal votes" and the vote without a quorum."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.domain.regulation import (
    MORE_THAN_HALF,
    SUPERVISORY_BOARD_690,
    NoQuorumVote,
    TieReading,
)
from app.views.profile_editor import ProfileEditor
from app.views.qt_i18n import apply_language


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[ProfileEditor]:
    widget = ProfileEditor()
    qtbot.addWidget(widget)
    yield widget
    apply_language("en")


def test_the_preset_shows_the_strict_reading_and_changing_it_drops_the_paragraph(
    editor: ProfileEditor,
) -> None:
    editor.apply_preset(SUPERVISORY_BOARD_690.key)
    assert editor.tie_reading.value() is TieReading.EQUAL_DIVISION
    assert editor.no_quorum_vote.value() is NoQuorumVote.NOT_CONSIDERED
    assert not editor.no_quorum_vote.isEnabled()  # the preset sets no quorum
    editor.tie_reading.set_value(TieReading.FOR_EQUALS_AGAINST)
    profile = editor.profile()
    assert profile.tie_reading is TieReading.FOR_EQUALS_AGAINST
    assert profile.source("tie_break") == ""  # paragraph 15 does not say this reading
    assert editor.adjusted.text() == "adjusted from the preset"


def test_the_vote_without_a_quorum_is_chosen_once_a_quorum_is_set(editor: ProfileEditor) -> None:
    editor.quorum.set_share(MORE_THAN_HALF)
    assert editor.no_quorum_vote.isEnabled()
    editor.no_quorum_vote.set_value(NoQuorumVote.REFUSE)
    assert editor.profile().no_quorum_vote is NoQuorumVote.REFUSE
    editor.set_profile(SUPERVISORY_BOARD_690.profile.with_changes(quorum=MORE_THAN_HALF))
    assert editor.no_quorum_vote.value() is NoQuorumVote.NOT_CONSIDERED


@pytest.mark.parametrize(
    ("lang", "strict"),
    [
        ("ru", "только если все присутствующие проголосовали «за» или «против»"),
        ("kk", "дауыстар тең бөлінгенде ғана"),
    ],
)
def test_the_choices_are_translated(editor: ProfileEditor, lang: str, strict: str) -> None:
    apply_language(lang)
    editor.retranslate_ui()
    texts = [editor.tie_reading.itemText(i) for i in range(editor.tie_reading.count())]
    assert any(strict in text for text in texts)
    refusals = [editor.no_quorum_vote.itemText(i) for i in range(editor.no_quorum_vote.count())]
    assert all(text and not any("a" <= c <= "z" for c in text.lower()) for text in refusals)
