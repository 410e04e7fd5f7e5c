"""Start the desktop application: the window first, the database after.

Python and Qt show a window in about 0.2 s; importing the database layer, opening the
database and reading the first page take several times as long.  So the main window
(menus, navigation, a "database is opening" notice) is shown at once, the database is
opened off the GUI thread (``app.desktop`` is imported there), and the pages are filled
when it is open.  Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

# First of all: from here on PySide would read the source of every module imported.
import app.views.pyside_imports  # noqa: F401 - switches PySide's per-import scan off

# isort: split

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import QLocale, QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__, i18n, paths, qt_platform_check, settings
from app.domain.errors import KenesError
from app.views import file_dialogs
from app.views.background import BackgroundTask
from app.views.crash import ExceptionHook
from app.views.first_start import FirstStart, ask_first_start, needs_question
from app.views.main_window import MainWindow
from app.views.pyside_imports import skip_feature_scan
from app.views.qt_i18n import apply_language
from app.views.shell import shell_window

if TYPE_CHECKING:
    from app.desktop import KenesApp
    from app.models.database import Database

log = logging.getLogger(__name__)

FAILED = 2
"""The exit code when the database could not be opened."""
CLOSE_AFTER_START_ENV = "KENES_CLOSE_AFTER_START"
"""Set (to 1): close every window once the first page is filled, naming the windows shown.

For the installed package's test and for administrators checking a deployment
(``KENES_CLOSE_AFTER_START=1 kenes``): the real start-up, no one at the keyboard."""


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created on first use (PySide's source scan switched off)."""
    skip_feature_scan()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    # A PNG: the SVG would need Qt's SVG plugin in the bundle for one picture.
    app.setWindowIcon(QIcon(str(paths.RESOURCES_DIR / "icons" / "kenes-256.png")))
    return app


def initial_language(store: settings.Settings, requested: str | None) -> str:
    """The language to start in: asked for, remembered, the system's, or Kazakh."""
    for code in (requested, store.user.get(settings.LANGUAGE)):
        if code in i18n.LANGUAGE_CODES:
            return code
    system = QLocale.system().name().split("_")[0]
    return system if system in i18n.LANGUAGE_CODES else i18n.DEFAULT_LANGUAGE


def target_name(target: str | Path) -> str:
    """The database's name before it is open: the file's full path, a URL without password."""
    text = str(target)
    if "://" not in text:
        return str(Path(text).expanduser().resolve())
    parts = urlsplit(text)
    if parts.password is None:
        return text
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


class Startup(QObject):
    """Shows the main window, opens the database off the GUI thread, then fills the pages.

    ``ready`` is emitted once the pages have their database (the page on screen is
    built by then); ``exit_code`` is set when the database could not be opened and the
    user was told why.
    """

    ready = Signal()

    def __init__(
        self,
        store: settings.Settings,
        target: str | Path,
        import_file: Path | None = None,
        *,
        demo: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.target = target
        self.demo = demo  # a new database gets the demo council
        self.import_file = import_file  # an exchange file to import once the pages are filled
        self.window: MainWindow | None = None
        self.kenes: KenesApp | None = None
        self.exit_code: int | None = None
        self._task: BackgroundTask | None = None
        self._opened_database: Database | None = None  # closed by close() if never shown
        self._holds_demo = False

    def start(self) -> MainWindow:
        """Show the window and start opening the database; returns at once."""
        window = self.window = shell_window(self.store, target_name(self.target))
        window.show()
        target, demo = self.target, self.demo
        backup_dir = self.store.backup_folder() if "://" not in str(target) else None

        def open_in_background() -> Database:
            from app import desktop  # the database layer and the pages, off the GUI thread

            database = self._opened_database = desktop.open_store(target, backup_dir, demo=demo)
            self._holds_demo = desktop.holds_demo(database)  # read here, off the GUI thread
            return database

        self._task = BackgroundTask(open_in_background, self._opened, self._refused)
        self._task.start()
        return window

    def _opened(self, database: Database) -> None:
        from app.desktop import KenesApp

        kenes = self._kenes(KenesApp)
        kenes.database = database
        kenes.demo = self._holds_demo
        self._attach(kenes)

    def _refused(self, exc: BaseException) -> None:
        from app.desktop import KenesApp

        if isinstance(exc, KenesError):
            kenes = self._kenes(KenesApp)
            if kenes.refused(exc):  # a restored backup opened instead
                self._attach(kenes)
                return
        else:
            from app.views.messages import ErrorDialog, format_exception

            summary, details = format_exception(type(exc), exc, exc.__traceback__)
            log.error("the database did not open: %s\n%s", summary, details)
            ErrorDialog(summary, details, self.window).exec()
        self.exit_code = FAILED
        if self.window is not None:
            self.window.close()
        # closing the last window ends the event loop; run() returns exit_code

    def _kenes(self, make: type[KenesApp]) -> KenesApp:
        if self.kenes is None:
            self.kenes = make(self.store, self.target)
            self.kenes.window = self.window
        return self.kenes

    def _attach(self, kenes: KenesApp) -> None:
        assert self.window is not None
        kenes.attach(self.window)
        kenes.back_up_at_start()
        from app.views.release_notes import show_release_notes_once

        show_release_notes_once(self.store, self.window)  # the first start after an upgrade
        if self.import_file is not None and kenes.exchange is not None:
            kenes.exchange.actions.import_file(self.import_file)  # summary first, then import
        self.ready.emit()

    def close(self) -> None:
        """Let background work finish (the opening, the start backup), close the database."""
        QThreadPool.globalInstance().waitForDone()
        if self.kenes is not None:
            self.kenes.close()
        if self._opened_database is not None:
            self._opened_database.close()  # closing twice is harmless
            self._opened_database = None


def run(
    db_target: str | Path,
    language: str | None = None,
    import_file: Path | None = None,
    first_start: FirstStart = FirstStart.DEMO,
) -> int:
    """Run the application until the main window closes; return the exit code.

    ``import_file``: an exchange file opened with Kenes; its import summary is shown
    once the database is open.  ``first_start``: what a database that does not exist
    yet starts with; ASK asks the user (``kenes`` without ``--demo`` or ``--empty``).
    """
    missing = qt_platform_check.check()  # before Qt's own, misleading message on Linux
    if missing:
        return missing
    app = ensure_application()
    hook = ExceptionHook()
    hook.install()
    store = settings.Settings()
    file_dialogs.remember_folders_in(store)
    apply_language(initial_language(store, language))
    demo = with_demo(db_target, first_start)
    if demo is None:  # the first start's question was closed: nothing is created
        file_dialogs.remember_folders_in(None)
        hook.uninstall()
        return 0
    startup = Startup(store, db_target, import_file, demo=demo)
    if os.environ.get(CLOSE_AFTER_START_ENV):
        startup.ready.connect(lambda: QTimer.singleShot(0, close_after_start))
    try:
        startup.start()
        code = app.exec()
        return startup.exit_code if startup.exit_code is not None else code
    finally:
        startup.close()
        file_dialogs.remember_folders_in(None)
        hook.uninstall()


def with_demo(target: str | Path, first_start: FirstStart) -> bool | None:
    """Whether a new database gets the demo council; None: the user closed the question.

    The question is asked only for ASK, a database file that does not exist yet, and
    someone at the keyboard (not ``KENES_CLOSE_AFTER_START``).
    """
    if first_start is not FirstStart.ASK:
        return first_start is FirstStart.DEMO
    if os.environ.get(CLOSE_AFTER_START_ENV) or not needs_question(target):
        return True
    choice = ask_first_start(target)
    return None if choice is None else choice is FirstStart.DEMO


def close_after_start() -> None:
    """Name the windows on screen (on standard output), then close them all."""
    shown = sorted(w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible())
    print("Kenes started; windows shown:", ", ".join(shown), flush=True)
    QApplication.closeAllWindows()
