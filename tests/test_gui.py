"""app/gui.py: the start of the desktop application, before and around the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app import gui, qt_platform_check, settings
from app.views.first_start import FirstStart


class _Locale:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


@pytest.mark.parametrize(
    ("requested", "remembered", "system", "expected"),
    [
        ("en", "ru", "ru_RU", "en"),  # asked for on the command line
        (None, "ru", "en_GB", "ru"),  # chosen last time
        ("xx", "", "ru_RU", "ru"),  # nothing known: the system's language
        (None, "", "de_DE", "kk"),  # a system language Kenes does not speak: Kazakh
    ],
)
def test_the_start_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    requested: str | None,
    remembered: str,
    system: str,
    expected: str,
) -> None:
    store = settings.Settings(tmp_path)
    store.user.set(settings.LANGUAGE, remembered)
    monkeypatch.setattr(gui.QLocale, "system", staticmethod(lambda: _Locale(system)))
    assert gui.initial_language(store, requested) == expected


@pytest.mark.parametrize(
    ("answer", "expected"), [(FirstStart.DEMO, True), (FirstStart.EMPTY, False), (None, None)]
)
def test_a_new_database_file_asks_what_to_start_with(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: FirstStart | None,
    expected: bool | None,
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(gui, "ask_first_start", lambda target: asked.append(target) or answer)
    monkeypatch.delenv(gui.CLOSE_AFTER_START_ENV, raising=False)
    new = tmp_path / "new.sqlite3"

    assert gui.with_demo(new, FirstStart.ASK) is expected
    assert asked == [new]
    assert gui.with_demo("postgresql://db.local/kenes", FirstStart.ASK) is True  # never asked
    assert asked == [new]


def test_a_closed_question_starts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gui, "ask_first_start", lambda target: None)
    monkeypatch.delenv(gui.CLOSE_AFTER_START_ENV, raising=False)
    new = tmp_path / "new.sqlite3"

    assert gui.run(new, "en", first_start=FirstStart.ASK) == 0
    assert not new.exists()


def test_missing_system_libraries_stop_the_start_before_qt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qt_platform_check, "check", lambda: qt_platform_check.MISSING_LIBRARIES)
    assert gui.run(tmp_path / "k.sqlite3", "en") == qt_platform_check.MISSING_LIBRARIES
    assert not (tmp_path / "k.sqlite3").exists()


def test_the_application_is_made_once(qapp: QApplication) -> None:
    # A second QApplication would abort the process: the one there is, is used.
    assert gui.ensure_application() is gui.ensure_application() is QApplication.instance()


def test_closing_after_the_start_names_the_windows_shown(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    shown, hidden = QWidget(), QWidget()
    qtbot.addWidget(shown)
    qtbot.addWidget(hidden)
    shown.setObjectName("kenesTestWindow")
    hidden.setObjectName("kenesHiddenWindow")
    shown.show()

    gui.close_after_start()

    out = capsys.readouterr().out
    assert out.startswith("Kenes started; windows shown:") and "kenesTestWindow" in out
    assert "kenesHiddenWindow" not in out
    assert not shown.isVisible()
