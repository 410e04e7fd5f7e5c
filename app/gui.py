"""Start the desktop application: Qt, language, exception hook, database, main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__, i18n, settings
from app.domain.errors import KenesError
from app.i18n import _
from app.models.backup import IntegrityReport
from app.models.database import (
    QUICK_CHECK_MAX_BYTES,
    CorruptDatabaseError,
    Database,
    open_database,
    to_url,
)
from app.services.backups import back_up_now, check_database, latest_good_backup, restore_backup
from app.services.base import Actor
from app.views.background import BackgroundTask
from app.views.backup_actions import BackupActions, backup_policy, describe_summary
from app.views.councils_page import CouncilsPage
from app.views.crash import ExceptionHook
from app.views.exchange_menu import ExchangeMenu
from app.views.main_window import MainWindow, PageSpec
from app.views.messages import show_refusal
from app.views.pages import COUNCILS_PAGE, INSTRUCTIONS_PAGE, MEETINGS_PAGE, PROTOCOLS_PAGE
from app.views.qt_i18n import apply_language

if TYPE_CHECKING:
    from app.views.exchange_dialogs import ExchangeActions

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


def scrollable(page: QWidget) -> QScrollArea:
    """A page that scrolls sideways on a small screen instead of widening the window."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setObjectName(page.objectName() + "Scroll")
    for name in ("refresh", "pageTitle"):
        if hasattr(page, name):
            setattr(area, name, getattr(page, name))
    return area


class LazyPage(QWidget):
    """A page built the first time it is shown (or asked for with :meth:`page`).

    Building every page at start read every meeting, protocol and instruction of the
    database: about 70 s for an archive of 2,000 meetings.  The main window now builds the
    page on screen; the others wait until the user opens them.
    """

    def __init__(self, name: str, build: Callable[[], QWidget]) -> None:
        super().__init__()
        self.setObjectName(name)
        self._build = build
        self._page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._page)
        return self._page

    def showEvent(self, event: QShowEvent) -> None:
        self.page()
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload the page if it is built; one built later reads the records then."""
        if self._page is not None:
            method = getattr(self._page, "refresh", None)
            if callable(method):
                method()


def build_main_window(store: settings.Settings, database: Database) -> MainWindow:
    """The main window with every page wired to ``database``; pages are built when opened."""
    from app.views.live_meeting import LiveMeetingWindow

    icons = QStyle.StandardPixmap
    actor = Actor.current_user()
    councils = CouncilsPage(database, actor)
    made: dict[str, Any] = {}

    def build_meetings() -> QWidget:
        from app.views.meetings_page import MeetingsPage

        page = made["meetings"] = MeetingsPage(database, actor, store.user)
        page.open_live.connect(open_live)
        return scrollable(page)

    def build_protocols() -> QWidget:
        from app.views.protocols_page import ProtocolsPage
        from app.views.search_panel import SearchPanel

        protocols = ProtocolsPage(database, actor)
        search = SearchPanel(database)
        search.open_meeting.connect(show_meeting)
        box = QSplitter(Qt.Orientation.Vertical)
        box.setObjectName("protocolsBox")
        box.addWidget(search)
        box.addWidget(protocols)
        box.setStretchFactor(1, 3)
        setattr(box, "refresh", protocols.refresh)  # noqa: B010 - the reload hook
        return box

    def build_instructions() -> QWidget:
        from app.views.instructions_page import InstructionsPage

        return scrollable(InstructionsPage(database, actor))

    meetings = LazyPage("meetingsLazy", build_meetings)
    protocols = LazyPage("protocolsLazy", build_protocols)
    instructions = LazyPage("instructionsLazy", build_instructions)
    pages = [
        PageSpec(COUNCILS_PAGE[0], icons.SP_DirHomeIcon, councils),
        PageSpec(MEETINGS_PAGE[0], icons.SP_FileDialogDetailedView, meetings),
        PageSpec(PROTOCOLS_PAGE[0], icons.SP_FileIcon, protocols),
        PageSpec(INSTRUCTIONS_PAGE[0], icons.SP_DialogApplyButton, instructions),
    ]
    window = MainWindow(store, database.display_name, pages, on_language=apply_language)

    def open_live(meeting_id: int) -> None:
        try:
            live = LiveMeetingWindow(database, actor, meeting_id)
        except KenesError as exc:
            show_refusal(window, exc)
            return
        live.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        live.changed.connect(protocols.refresh)
        window.live_windows.append(live)
        live.destroyed.connect(
            lambda: window.live_windows.remove(live) if live in window.live_windows else None
        )
        live.show()

    def show_meeting(meeting_id: int) -> None:
        window.navigation.setCurrentRow(1)
        meetings.page()
        made["meetings"].select_meeting(meeting_id)

    window.open_live = open_live
    return window


class KenesApp:
    """The running application: settings, the open database and its main window.

    Restoring a backup replaces the database file, so this object closes the
    window and the database, restores, and opens both again.
    """

    def __init__(self, store: settings.Settings, target: str | Path) -> None:
        self.store = store
        self.target = target
        self.database: Database | None = None
        self.window: MainWindow | None = None
        self.actions: BackupActions | None = None
        self.exchange: ExchangeMenu | None = None
        self.startup_task: BackgroundTask | None = None

    @property
    def database_file(self) -> Path | None:
        url = to_url(self.target)
        return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None

    def open(self) -> bool:
        """Open the database; offer the latest good backup when it is damaged."""
        policy = backup_policy(self.store)
        try:
            # A large file is checked in the background once the window is shown
            # (back_up_at_start): SQLite's quick check reads all of it.
            self.database = open_database(
                self.target,
                backup_dir=policy.folder if self.database_file else None,
                quick_check_max_bytes=QUICK_CHECK_MAX_BYTES,
            )
        except CorruptDatabaseError as exc:
            log.warning("damaged database: %s", exc.message())
            return self._offer_backup(exc)
        except KenesError as exc:
            log.warning("database refused: %s", exc.message())
            QMessageBox.critical(None, _("Kenes"), exc.message())
            return False
        log.info("opened %s", self.database.display_name)
        if self.database.created:
            # Only a first start needs the demo (and the notice and protocol PDFs it makes).
            from app.services.demo import create_demo
            from app.services.demo_meeting import create_demo_meeting

            create_demo(self.database, Actor.current_user())
            create_demo_meeting(self.database, Actor.current_user())
        return True

    def _offer_backup(self, exc: KenesError) -> bool:
        policy = backup_policy(self.store)
        latest = latest_good_backup(policy.folder) if self.database_file else None
        if latest is None:
            QMessageBox.critical(
                None,
                _("Kenes"),
                exc.message()
                + "\n\n"
                + _("No good backup was found in {folder}.").format(folder=policy.folder),
            )
            return False
        answer = QMessageBox.question(
            None,
            _("Kenes"),
            exc.message()
            + "\n\n"
            + _(
                "Restore the latest good backup, made {made}? The damaged file is kept as a "
                "backup too."
            ).format(made=latest.made.strftime("%d.%m.%Y %H:%M")),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        assert self.database_file is not None
        report = restore_backup(latest.path, self.database_file, policy)
        log.info("restored %s", report.restored_from)
        return self.open()

    def show(self) -> MainWindow:
        assert self.database is not None
        window = build_main_window(self.store, self.database)
        self.actions = BackupActions(window, self.store, self.database_file, self.restore)
        self.actions.install(window.file_menu, window.quit_action)
        database = self.database

        def exchange_actions() -> ExchangeActions:
            from app.views.exchange_dialogs import ExchangeActions

            return ExchangeActions(
                window, database, Actor.current_user(), on_changed=self._reload_pages
            )

        self.exchange = ExchangeMenu(window.file_menu, exchange_actions)
        self.exchange.install(window.file_menu, window.file_menu.actions()[0])
        window.language_requested.connect(self._retranslate_actions)
        window.show()
        self.window = window
        return window

    def _retranslate_actions(self, _code: str) -> None:
        if self.actions is not None:
            self.actions.retranslate_ui()
        if self.exchange is not None:
            self.exchange.retranslate_ui()

    def _reload_pages(self) -> None:
        """After an import the records changed under every page: show them again."""
        if self.window is None:
            return
        for index in range(self.window.stack.count()):
            page = self.window.stack.widget(index)
            for name in ("refresh", "reload"):
                method = getattr(page, name, None)
                if callable(method):
                    method()
                    break

    def back_up_at_start(self) -> None:
        """The automatic backup of each start, off the GUI thread.

        A database that opened without SQLite's quick check (a large file) is checked
        first; a damaged one is not backed up (the rotation would drop good backups), and
        the user is told to restore the latest good backup.
        """
        file = self.database_file
        if file is None or self.window is None:
            return
        policy = backup_policy(self.store)
        window = self.window
        check = self.database is not None and self.database.needs_check

        def work() -> object:
            if check:
                report = check_database(file)
                if not report.ok:
                    return report
            return back_up_now(file, policy, "start")

        def done(made: object) -> None:
            if isinstance(made, IntegrityReport):
                log.warning("damaged database: %s", made.problems)
                QMessageBox.warning(
                    window,
                    _("Check the database"),
                    _(
                        "The database is damaged: {problems}. Restore the latest good backup "
                        "(File → Restore from backup)."
                    ).format(problems="; ".join(made.problems[:5])),
                )
                return
            window.statusBar().showMessage(
                _("Backup made at start: {path}").format(path=getattr(made, "path", "")), 10_000
            )

        def failed(exc: BaseException) -> None:
            log.warning("start-up backup failed: %s", exc)
            text = exc.message() if isinstance(exc, KenesError) else str(exc)
            window.statusBar().showMessage(
                _("The backup at start failed: {reason}").format(reason=text), 30_000
            )

        self.startup_task = BackgroundTask(work, done, failed, parent=window)
        self.startup_task.start()

    def restore(self, path: Path) -> None:
        """Close everything, restore ``path`` over the database, open again."""
        assert self.database_file is not None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.database is not None:
            self.database.close()
            self.database = None
        try:
            report = restore_backup(path, self.database_file, backup_policy(self.store))
        except KenesError as exc:
            QMessageBox.critical(None, _("Kenes"), exc.message())
            report = None
        if not self.open():
            QApplication.quit()
            return
        window = self.show()
        if report is not None:
            kept = report.previous_kept_as.path if report.previous_kept_as else ""
            QMessageBox.information(
                window,
                _("Restore from backup"),
                _("Restored {path}: {summary}. The previous database was kept as {kept}.").format(
                    path=report.restored_from, summary=describe_summary(report.summary), kept=kept
                ),
            )

    def close(self) -> None:
        if self.database is not None:
            self.database.close()
            self.database = None


def run(db_target: str | Path, language: str | None = None) -> int:
    """Run the application until the main window closes; return the exit code."""
    app = ensure_application()
    hook = ExceptionHook()
    hook.install()
    store = settings.Settings()
    apply_language(initial_language(store, language))
    kenes = KenesApp(store, db_target)
    if not kenes.open():
        hook.uninstall()
        return 2
    kenes.show()
    kenes.back_up_at_start()
    try:
        return app.exec()
    finally:
        kenes.close()
        hook.uninstall()
