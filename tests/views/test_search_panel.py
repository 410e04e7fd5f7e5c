"""The search panel: typing shows the hits after the debounce; a hit opens its meeting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.models.database import Database
from app.views.qt_i18n import apply_language
from app.views.search_panel import SNIPPET_ROLE, SearchPanel, SearchResultsModel
from tests.services.protocol_helpers import HeldMeeting


@pytest.fixture
def panel(qtbot: QtBot, database: Database, held: HeldMeeting) -> Iterator[SearchPanel]:
    widget = SearchPanel(database, delay_ms=50)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    yield widget
    apply_language("en")


def test_typing_a_kazakh_word_shows_the_hits_after_the_pause(
    qtbot: QtBot, panel: SearchPanel, held: HeldMeeting
) -> None:
    panel.query.setText("ҚАРЖЫ")  # QTest cannot type Kazakh letters: set the text
    assert panel.model.rowCount() == 0  # nothing before the pause
    assert panel.timer.isActive()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=2000)
    kinds = {panel.model.hit(r).kind for r in range(2)}
    assert kinds == {"decision", "dissent"}
    texts = [panel.model.index(r, SearchResultsModel.TEXT_COLUMN).data() for r in range(2)]
    assert "Қаржыландыру мақұлдансын." in texts
    html = panel.model.index(0, SearchResultsModel.TEXT_COLUMN).data(SNIPPET_ROLE)
    assert "<b>Қаржыландыру</b>" in html
    assert panel.status.text() == "2 texts found."
    assert panel.model.index(0, 2).data().startswith("Supervisory board")
    assert panel.model.index(0, 0).data() == "14/03/2024"


def test_each_keystroke_restarts_the_pause(qtbot: QtBot, panel: SearchPanel) -> None:
    searched: list[str] = []
    original = panel.run_search

    def counting() -> None:
        searched.append(panel.query.text())
        original()

    panel.timer.timeout.disconnect()
    panel.timer.timeout.connect(counting)
    for text in ("ф", "фи", "фин", "финанс"):
        panel.query.setText(text)
    qtbot.waitUntil(lambda: bool(searched), timeout=2000)
    qtbot.wait(120)
    assert searched == ["финанс"]
    assert panel.model.rowCount() == 1
    assert panel.model.hit(0).lang == "ru"


def test_a_hit_opens_its_meeting(qtbot: QtBot, panel: SearchPanel, held: HeldMeeting) -> None:
    panel.query.setText("roadmap")
    panel.run_search()
    assert panel.model.rowCount() == 1
    with qtbot.waitSignal(panel.open_meeting) as opened:
        panel.table.doubleClicked.emit(panel.model.index(0, 4))
    assert opened.args == [held.board.meeting_id]
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    with qtbot.waitSignal(panel.open_meeting) as opened:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert opened.args == [held.board.meeting_id]


@pytest.mark.parametrize("text", ['"', "AND OR NOT", "NEAR(", "*", "(", "x" * 5000, ""])
def test_hostile_text_finds_nothing_and_says_so(panel: SearchPanel, text: str) -> None:
    panel.query.setText(text)
    panel.run_search()
    assert panel.model.rowCount() == 0
    assert panel.status.text() == ("" if not text.strip() else "Nothing found.")


def test_the_results_model_passes_the_model_tester(
    qtmodeltester: ModelTester, panel: SearchPanel
) -> None:
    panel.query.setText("approve")
    panel.run_search()
    assert panel.model.rowCount() == 2
    qtmodeltester.check(panel.model)


def test_the_panel_follows_the_language(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.query.setText("funding")
    panel.run_search()
    apply_language("ru")
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "Дата"
    assert panel.model.index(0, 3).data() == "Решение · ENG"
    assert panel.model.index(0, 0).data() == "14.03.2024"
    apply_language("kk")
    assert panel.model.index(0, 3).data() == "Шешім · ENG"
    assert panel.model.headerData(4, Qt.Orientation.Horizontal) == "Мәтіні"
