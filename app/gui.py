"""Start the desktop application: Qt, language, exception hook, database, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox, QStyle

from app import APP_NAME, __version__, i18n, settings
from app.domain.errors import KenesError
from app.i18n import _
from app.models.database import Database, open_database
from app.views.crash import ExceptionHook
from app.views.main_window import MainWindow, PageSpec
from app.views.pages import (
    COUNCILS_PAGE,
    INSTRUCTIONS_PAGE,
    MEETINGS_PAGE,
    PROTOCOLS_PAGE,
    PlaceholderPage,
)
from app.views.qt_i18n import apply_language

log = logging.getLogger(__name__)


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created on first use."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    return app


def initial_language(store: settings.Settings, requested: str | None) -> str:
    """The language to start in: asked for, remembered, the system's, or Kazakh."""
    for code in (requested, store.user.get(settings.LANGUAGE)):
        if code in i18n.LANGUAGE_CODES:
            return code
    system = QLocale.system().name().split("_")[0]
    return system if system in i18n.LANGUAGE_CODES else i18n.DEFAULT_LANGUAGE


def build_main_window(store: settings.Settings, database: Database) -> MainWindow:
    """The main window with every page wired to ``database``."""
    icons = QStyle.StandardPixmap
    pages = [
        PageSpec(COUNCILS_PAGE[0], icons.SP_DirHomeIcon, PlaceholderPage(*COUNCILS_PAGE)),
        PageSpec(
            MEETINGS_PAGE[0], icons.SP_FileDialogDetailedView, PlaceholderPage(*MEETINGS_PAGE)
        ),
        PageSpec(PROTOCOLS_PAGE[0], icons.SP_FileIcon, PlaceholderPage(*PROTOCOLS_PAGE)),
        PageSpec(
            INSTRUCTIONS_PAGE[0], icons.SP_DialogApplyButton, PlaceholderPage(*INSTRUCTIONS_PAGE)
        ),
    ]
    return MainWindow(store, database.display_name, pages, on_language=apply_language)


def run(db_target: str | Path, language: str | None = None) -> int:
    """Run the application until the main window closes; return the exit code."""
    app = ensure_application()
    hook = ExceptionHook()
    hook.install()
    store = settings.Settings()
    apply_language(initial_language(store, language))
    try:
        database = open_database(db_target)
    except KenesError as exc:
        log.warning("database refused: %s", exc.message())
        QMessageBox.critical(None, _("Kenes"), exc.message())
        return 2
    log.info("opened %s", database.display_name)
    if database.created:
        from app.services.base import Actor
        from app.services.demo import create_demo

        create_demo(database, Actor.current_user())
    window = build_main_window(store, database)
    window.show()
    try:
        return app.exec()
    finally:
        database.close()
        hook.uninstall()
