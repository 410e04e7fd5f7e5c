"""Switching the interface language: our catalogs, Qt's own strings, the locale, open windows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app import i18n
from app.i18n import _
from app.views.qt_i18n import apply_language
from app.views.retranslate import Retranslatable


class Titled(Retranslatable, QWidget):
    """A window whose label follows the language, as every Kenes window does."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Undo"))


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    apply_language("en")


def qt_cancel() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def test_an_open_window_is_retranslated_at_once(qtbot: QtBot) -> None:
    window = Titled()
    qtbot.addWidget(window)
    window.show()
    assert window.label.text() == "Undo"

    assert apply_language("ru") == "ru"

    assert window.label.text() == "Отменить"
    assert i18n.interface_language() == "ru"


@pytest.mark.parametrize(
    ("code", "cancel", "locale"), [("ru", "Отмена", "ru_RU"), ("kk", "Бас тарту", "kk_KZ")]
)
def test_qt_s_own_strings_and_the_locale_follow(
    qtbot: QtBot, code: str, cancel: str, locale: str
) -> None:
    apply_language(code)

    assert qt_cancel() == cancel
    assert QLocale().name() == locale


def test_back_to_english_removes_qt_s_translation(qtbot: QtBot) -> None:
    apply_language("ru")
    apply_language("en")

    assert qt_cancel() == "Cancel"
    assert QLocale().name() == "en_GB"
    assert _("Undo") == "Undo"


def test_an_unknown_language_falls_back_to_kazakh(qtbot: QtBot) -> None:
    assert apply_language("xx") == "kk"
    assert i18n.interface_language() == "kk"
    assert _("Undo") == "Болдырмау"
