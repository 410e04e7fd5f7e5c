"""The window shown before the database is open: a slot per page, each built when first shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app import settings
from app.views.qt_i18n import apply_language
from app.views.shell import (
    COUNCILS,
    INSTRUCTIONS,
    MEETINGS,
    NAVIGATION,
    PageSlot,
    shell_window,
    slot,
)


class Page(QLabel):
    def __init__(self) -> None:
        super().__init__("page")
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def test_a_slot_says_the_database_is_opening_and_has_no_page_yet(qtbot: QtBot) -> None:
    holder = PageSlot("meetingsSlot")
    qtbot.addWidget(holder)
    holder.show()

    assert holder.notice.text() == "Opening the database…"
    assert not holder.ready and not holder.built
    with pytest.raises(RuntimeError, match="meetingsSlot"):
        holder.page()
    holder.refresh()  # nothing built: nothing to reload


def test_a_hidden_slot_builds_its_page_only_when_shown(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    holder = PageSlot("protocolsSlot")
    holder.setParent(parent)
    holder.hide()
    made: list[Page] = []
    holder.set_builder(lambda: made.append(Page()) or made[-1])

    assert holder.ready and not holder.built and made == []

    parent.show()
    holder.show()

    assert holder.built and len(made) == 1
    assert holder.page() is made[0]  # built once
    holder.hide()
    holder.show()
    assert len(made) == 1


def test_a_visible_slot_builds_at_once_and_refresh_reaches_the_page(qtbot: QtBot) -> None:
    holder = PageSlot("councilsSlot")
    qtbot.addWidget(holder)
    holder.show()
    page = Page()

    holder.set_builder(lambda: page)

    assert holder.built and page.parent() is holder
    holder.refresh()
    assert page.refreshed == 1


def test_the_shell_window_has_a_slot_per_page_in_navigation_order(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = shell_window(settings.Settings(tmp_path / "config"), "kenes.sqlite3")
    qtbot.addWidget(window)

    names = [slot(window, index).objectName() for index in range(len(NAVIGATION))]

    assert names == [name for name, _label, _icon in NAVIGATION]
    assert slot(window, COUNCILS).objectName() == "councilsSlot"
    assert slot(window, INSTRUCTIONS).objectName() == "instructionsSlot"


def test_the_notice_follows_the_interface_language(qtbot: QtBot, tmp_path: Path) -> None:
    window = shell_window(settings.Settings(tmp_path / "config"), "kenes.sqlite3")
    qtbot.addWidget(window)
    try:
        apply_language("ru")
        notice = slot(window, MEETINGS).notice.text()
    finally:
        apply_language("en")

    assert notice != "Opening the database…" and notice.endswith("…")
    assert slot(window, MEETINGS).notice.text() == "Opening the database…"
