"""Switch the interface language: our gettext catalogs and Qt's own ``qtbase`` strings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import i18n

_qt_translator: QTranslator | None = None


def apply_language(code: str) -> str:
    """Install ``code`` for our strings and Qt's, and tell every window to retranslate."""
    global _qt_translator  # noqa: PLW0603 - one Qt translator per application
    code = i18n.set_interface_language(code)
    app = QCoreApplication.instance()
    if _qt_translator is not None:
        QCoreApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    if code != "en":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{code}", folder):
            QCoreApplication.installTranslator(translator)
            _qt_translator = translator
    QLocale.setDefault(QLocale(i18n.language(code).babel_locale))
    if isinstance(app, QApplication):
        for widget in app.topLevelWidgets():
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    return code
