"""The main window boots offscreen, switches language at runtime and remembers its geometry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app import __version__, gui, settings
from app.models.database import Database
from app.views.main_window import MainWindow
from app.views.qt_i18n import apply_language


@pytest.fixture
def window(qtbot: QtBot, database: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = settings.Settings(tmp_path / "config")
    win = gui.build_main_window(store, database)
    qtbot.addWidget(win)
    yield win
    apply_language("en")


def visible_texts(win: MainWindow) -> dict[str, str]:
    return {
        "title": win.windowTitle(),
        "nav0": win.navigation.item(0).text(),
        "nav3": win.navigation.item(3).text(),
        "file": win.file_menu.title(),
        "status": win.database_label.text(),
        "page": win.stack.currentWidget().findChild(type(win.database_label), "pageTitle").text(),
    }


def test_boots_and_shows_the_main_window(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.isVisible()
    assert window.navigation.count() == 4
    assert str(db_path) in window.database_label.text()
    assert window.stack.count() == 4


def test_navigation_switches_pages(window: MainWindow) -> None:
    window.navigation.setCurrentRow(2)
    assert window.stack.currentIndex() == 2


EXPECTED = {
    "en": ("Kenes: council secretariat", "Councils", "Instructions", "&File", "Database:"),
    "kk": ("Kenes: кеңес хатшылығы", "Кеңестер", "Тапсырмалар", "&Файл", "Дерекқор:"),
    "ru": ("Kenes: секретариат совета", "Советы", "Поручения", "&Файл", "База данных:"),
}


@pytest.mark.parametrize("code", ["kk", "ru", "en", "kk"])
def test_switching_language_changes_visible_texts(window: MainWindow, code: str) -> None:
    start = "ru" if code != "ru" else "kk"
    window.language_actions[start].trigger()
    window.language_actions[code].trigger()
    texts = visible_texts(window)
    title, nav0, nav3, file_menu, status = EXPECTED[code]
    assert texts["title"] == title
    assert texts["nav0"] == nav0
    assert texts["nav3"] == nav3
    assert texts["file"] == file_menu
    assert texts["status"].startswith(status)
    assert texts["page"] == nav0
    assert window.language_actions[code].isChecked()


def test_language_choice_is_remembered(window: MainWindow, tmp_path: Path) -> None:
    window.language_actions["ru"].trigger()
    again = settings.Settings(tmp_path / "config")
    assert again.user.get(settings.LANGUAGE) == "ru"
    assert gui.initial_language(again, None) == "ru"
    assert gui.initial_language(again, "kk") == "kk"


@pytest.mark.parametrize(
    ("code", "close_text"), [("kk", "Жабу"), ("ru", "Закрыть"), ("en", "Close")]
)
def test_qt_dialog_buttons_follow_the_language(
    qtbot: QtBot, window: MainWindow, code: str, close_text: str
) -> None:
    window.language_actions[code].trigger()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == close_text


def test_geometry_and_page_are_remembered(qtbot: QtBot, database: Database, tmp_path: Path) -> None:
    store = settings.Settings(tmp_path / "config")
    first = gui.build_main_window(store, database)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 510)
    first.navigation.setCurrentRow(1)
    first.close()
    second = gui.build_main_window(settings.Settings(tmp_path / "config"), database)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (700, 510)
    assert second.navigation.currentRow() == 1


def test_about_names_the_version(window: MainWindow) -> None:
    assert __version__ in window.about_text()
    window.language_actions["kk"].trigger()
    assert "Дерекқор" in window.about_text()


def _close_main_window_soon() -> None:
    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                widget.close()

    QTimer.singleShot(300, close)


def test_run_opens_the_default_database_on_first_start(qtbot: QtBot, user_dirs: Path) -> None:
    """The real start-up path: no --db, the database is created in the user's data folder."""
    from app import paths

    _close_main_window_soon()
    assert gui.run(paths.default_database_file(), "en") == 0
    assert paths.default_database_file().is_file()
    assert str(paths.default_database_file()).startswith(str(user_dirs))
    from app.models.database import open_database
    from app.services.councils import list_councils

    database = open_database(paths.default_database_file())
    try:
        assert [c.is_demo for c in list_councils(database)] == [True]
    finally:
        database.close()


def test_run_refuses_a_foreign_file_with_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "letter.sqlite3"
    path.write_text("not a database", encoding="utf-8")
    seen: list[str] = []

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.text())
                widget.close()
                return
        QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    assert gui.run(path, "ru") == 2
    assert seen and "не является базой данных Kenes" in seen[0]
    assert path.read_text(encoding="utf-8") == "not a database"
