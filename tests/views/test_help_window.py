"""F1 opens the user guide in the interface language, at the section of the window in use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app import desktop, settings
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.views.help_window import (
    TOPICS,
    HelpWindow,
    chapters,
    help_topic,
    open_help,
    section_anchors,
    set_help_topic,
    split_topic,
)
from app.views.main_window import MainWindow
from app.views.meeting_dialog import MeetingDialog
from app.views.qt_i18n import apply_language

LANGUAGES = ("kk", "ru", "en")
TITLES = {"kk": "Kenes пайдаланушы нұсқаулығы", "ru": "Руководство пользователя Kenes"}


@pytest.fixture
def window(qtbot: QtBot, database: Database, tmp_path: Path) -> Iterator[MainWindow]:
    create_demo(database, SYSTEM)
    win = desktop.build_main_window(settings.Settings(tmp_path / "config"), database)
    qtbot.addWidget(win)
    yield win
    apply_language("en")


def heading(lang: str, topic: str) -> str:
    """The heading text of ``topic``'s section (or chapter) in the guide in ``lang``."""
    name, section = split_topic(topic)
    chapter = next(c for c in chapters(lang) if c.name == name)
    if not section:
        return chapter.title
    return section_anchors(chapter.path.read_text("utf-8"))[section]


def press_f1(qtbot: QtBot, widget: QWidget) -> None:
    with qtbot.waitActive(widget):
        widget.activateWindow()
    QTest.keyClick(widget.focusWidget() or widget, Qt.Key.Key_F1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_f1_on_the_main_window_opens_the_guide_in_the_interface_language(
    qtbot: QtBot, window: MainWindow, lang: str
) -> None:
    apply_language(lang)
    window.show()
    qtbot.waitExposed(window)
    press_f1(qtbot, window)
    help_window = window.findChild(HelpWindow)
    assert help_window is not None and help_window.isVisible()
    assert help_window.language == lang
    assert help_window.chapter == "councils"  # the page in view
    assert heading(lang, "councils") in help_window.browser.toPlainText()
    assert help_window.windowTitle().startswith(TITLES.get(lang, "Kenes user guide"))
    assert help_window.contents.count() == len(chapters("en"))
    help_window.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_f1_in_the_meeting_dialog_opens_its_section(
    qtbot: QtBot, window: MainWindow, database: Database, lang: str
) -> None:
    apply_language(lang)
    window.show()
    dialog = MeetingDialog(database, SYSTEM, council_id=1, parent=window)
    dialog.open()  # modal: the main window's shortcuts do not reach it
    qtbot.waitExposed(dialog)
    press_f1(qtbot, dialog)
    help_window = dialog.findChild(HelpWindow)
    assert help_window is not None and help_window.isVisible()
    assert (help_window.chapter, help_window.section) == ("meetings", "plan")
    assert help_window.visible_headings()[0] == heading(lang, "meetings#plan")
    help_window.close()
    dialog.reject()


def test_a_set_topic_wins_over_the_class_and_is_inherited(qtbot: QtBot) -> None:
    outer = QWidget()
    qtbot.addWidget(outer)
    field = QLineEdit()
    QVBoxLayout(outer).addWidget(field)
    assert help_topic(field) == "start"
    set_help_topic(outer, "protocols#print")
    assert help_topic(field) == "protocols#print"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_topic_of_the_dialogs_is_in_the_guide(lang: str) -> None:
    for topic in {*TOPICS.values(), "start"}:
        assert heading(lang, topic), topic


def test_the_guide_follows_a_language_switch_and_its_links(qtbot: QtBot) -> None:
    help_window = open_help("live-meeting#votes")
    qtbot.addWidget(help_window)
    assert heading("en", "live-meeting#votes") in help_window.visible_headings()
    apply_language("ru")
    try:
        assert help_window.language == "ru"
        assert heading("ru", "live-meeting#votes") in help_window.visible_headings()
        help_window._link(QUrl("03-meetings.md"))
        assert help_window.chapter == "meetings"
        assert help_window.contents.currentItem().text() == heading("ru", "meetings")
    finally:
        apply_language("en")


def test_the_pictures_are_found_next_to_the_chapter(qtbot: QtBot) -> None:
    help_window = open_help("meetings#plan")
    qtbot.addWidget(help_window)
    document = help_window.browser.document()
    image = document.resource(
        QTextDocument.ResourceType.ImageResource, QUrl("../images/en/meeting-dialog.png")
    )
    assert image is not None and not image.isNull()
    assert help_window.browser.document().idealWidth() < 800  # shown scaled, not 1366 wide


def test_every_class_the_topics_name_exists() -> None:
    views = Path(__file__).resolve().parents[2] / "app" / "views"
    defined: set[str] = set()
    for source in views.rglob("*.py"):
        module = ".".join(source.relative_to(views.parents[1]).with_suffix("").parts)
        for name in re.findall(r"^class (\w+)", source.read_text("utf-8"), re.MULTILINE):
            defined.update({name, f"{module}.{name}"})
    assert sorted(set(TOPICS) - defined) == []
