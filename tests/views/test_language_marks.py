"""No mixed-language screen: status messages follow a language switch; foreign data is marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import desktop, i18n, settings
from app.i18n import _
from app.models.database import Database
from app.services.base import Actor
from app.services.councils import CouncilData, create_council
from app.views.councils_page import CouncilsPage
from app.views.main_window import MainWindow
from app.views.other_language import localized, missing_languages
from app.views.qt_i18n import apply_language

ME = Actor("secretary")


@pytest.fixture
def window(qtbot: QtBot, database: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    win = desktop.build_main_window(settings.Settings(tmp_path / "config"), database)
    qtbot.addWidget(win)
    yield win
    apply_language("en")


def test_a_status_message_is_rendered_again_in_the_new_language(window: MainWindow) -> None:
    window.show_status(lambda: _("Reload"))
    assert window.statusBar().currentMessage() == "Reload"
    window.language_actions["ru"].trigger()
    assert window.statusBar().currentMessage() == "Обновить"
    window.language_actions["kk"].trigger()
    assert window.statusBar().currentMessage() == _("Reload") != "Обновить"


def test_a_message_nobody_renders_again_is_cleared(window: MainWindow) -> None:
    window.statusBar().showMessage("Backup written")
    window.language_actions["ru"].trigger()
    assert window.statusBar().currentMessage() == ""


def test_a_message_already_replaced_by_its_page_stays(window: MainWindow) -> None:
    window.statusBar().showMessage("Backup written")
    window.language_requested.connect(
        lambda _code: window.statusBar().showMessage("Резервная копия записана")
    )
    window.language_actions["ru"].trigger()
    assert window.statusBar().currentMessage() == "Резервная копия записана"


def test_a_text_in_another_language_is_marked() -> None:
    names = {"kk": "", "ru": "Совет по науке", "en": "Science council"}
    shown = localized(names, "kk")
    assert shown.foreign and shown.lang == "ru"
    assert str(shown) == "Совет по науке (ru)"
    font = shown.font()
    assert font is not None and font.italic()
    assert "(ru)" in shown.tooltip()
    assert str(localized(names, "en")) == "Science council"
    assert not localized(names, "en").foreign and localized(names, "en").font() is None
    assert str(localized({"kk": "", "ru": "", "en": ""}, "kk")) == ""
    assert missing_languages(names) == ["kk"]
    assert missing_languages({"kk": "", "ru": "", "en": ""}) == []


def test_the_councils_list_marks_a_name_missing_in_kazakh(qtbot: QtBot, database: Database) -> None:
    create_council(database, ME, CouncilData(name_ru="Совет по науке", name_en="Science council"))
    i18n.set_interface_language("kk")
    page = CouncilsPage(database, ME)
    qtbot.addWidget(page)
    model = page.model
    index = model.index(0, 0)
    assert model.data(index) == "Совет по науке (ru)"
    assert model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert "(ru)" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    i18n.set_interface_language("ru")
    model.retranslate()
    assert model.data(index) == "Совет по науке"
    assert model.data(index, Qt.ItemDataRole.FontRole) is None
