"""The main window boots offscreen, switches language at runtime and remembers its geometry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app import __version__, desktop, gui, settings
from app.models.database import Database
from app.views.councils_page import CouncilsPage
from app.views.main_window import MainWindow
from app.views.qt_i18n import apply_language
from app.views.shell import COUNCILS, MEETINGS, slot


@pytest.fixture
def window(qtbot: QtBot, database: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = settings.Settings(tmp_path / "config")
    win = desktop.build_main_window(store, database)
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
        "page": slot(win, win.stack.currentIndex())
        .page()
        .findChild(type(win.database_label), "pageTitle")
        .text(),
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
    first = desktop.build_main_window(store, database)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 510)
    first.navigation.setCurrentRow(1)
    first.close()
    second = desktop.build_main_window(settings.Settings(tmp_path / "config"), database)
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


def test_the_window_shows_before_the_database_layer_is_imported(tmp_path: Path) -> None:
    """``app.gui`` shows the window without SQLAlchemy; the database layer comes after."""
    import subprocess
    import sys

    code = (
        "import sys; import app.gui; "
        "print(sorted(m for m in ('sqlalchemy', 'app.models.database', 'app.desktop', "
        "'app.views.councils_page') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_startup_shows_the_window_first_and_fills_it_when_the_database_is_open(
    qtbot: QtBot, tmp_path: Path, db_path: Path
) -> None:
    apply_language("ru")
    store = settings.Settings(tmp_path / "config")
    startup = gui.Startup(store, db_path)
    try:
        with qtbot.waitSignal(startup.ready, timeout=30_000):
            window = startup.start()
            qtbot.addWidget(window)
            assert window.isVisible()
            councils = slot(window, COUNCILS)
            assert not councils.ready
            assert councils.notice.text() == "Открывается база данных…"
            assert str(db_path) in window.database_label.text()
        assert councils.built and isinstance(councils.page(), CouncilsPage)
        assert councils.findChild(QWidget, "openingNotice").isHidden()
        assert not slot(window, MEETINGS).built  # other pages wait until they are opened
        window.navigation.setCurrentRow(MEETINGS)
        assert slot(window, MEETINGS).built
        assert startup.kenes is not None and startup.kenes.database is not None
        window.close()
    finally:
        startup.close()
        apply_language("en")


def test_closing_the_window_while_the_database_opens_closes_it(
    qtbot: QtBot, tmp_path: Path, db_path: Path
) -> None:
    startup = gui.Startup(settings.Settings(tmp_path / "config"), db_path)
    window = startup.start()
    window.close()
    startup.close()  # waits for the opening, closes the database it opened
    assert startup._opened_database is None
    db_path.rename(tmp_path / "moved.sqlite3")  # nothing holds the file any more


@pytest.mark.parametrize(
    ("target", "name"),
    [
        ("postgresql://kenes:secret@db.local:5432/kenes", "postgresql://kenes:***@db.local:5432/kenes"),
        ("postgresql://db.local/kenes", "postgresql://db.local/kenes"),
    ],
)
def test_the_database_name_before_opening_has_no_password(target: str, name: str) -> None:
    assert gui.target_name(target) == name


def test_a_file_name_before_opening_is_the_full_path(tmp_path: Path) -> None:
    assert gui.target_name(tmp_path / "a" / ".." / "k.sqlite3") == str(tmp_path / "k.sqlite3")
