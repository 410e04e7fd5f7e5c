"""The desktop application on an open database: its pages, backups and exchange menu.

Importing this module loads the database layer (SQLAlchemy, the models and services)
and the first page's widgets, several times what Python and Qt need to show a window;
``app.gui`` shows the window first and imports this off the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QMessageBox, QScrollArea, QSplitter, QWidget

from app import settings
from app.domain.errors import EnvironmentProblem, KenesError
from app.i18n import _, interface_language
from app.models.backup import IntegrityReport
from app.models.changes import default_memory
from app.models.database import (
    MSG_READ_ONLY_NOTICE,
    QUICK_CHECK_MAX_BYTES,
    CorruptDatabaseError,
    Database,
    open_database,
    to_url,
)
from app.services.backups import latest_good_backup, restore_backup
from app.services.base import Actor
from app.services.start_backup import StartWork, start_work
from app.views.background import BackgroundTask
from app.views.backup_actions import BackupActions, backup_policy, describe_summary
from app.views.councils_page import CouncilsPage
from app.views.exchange_menu import ExchangeMenu
from app.views.main_window import MainWindow
from app.views.messages import show_refusal
from app.views.page_preparer import PagePreparer
from app.views.shell import COUNCILS, INSTRUCTIONS, MEETINGS, PROTOCOLS, shell_window, slot

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from app.views.exchange_dialogs import ExchangeActions
    from app.views.remote_changes import RemoteChanges

log = logging.getLogger(__name__)

PREPARE_AFTER_MS = 300
"""The other pages are prepared this long after the first is filled (app/views/page_preparer.py)."""


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


def open_store(target: str | Path, backup_dir: Path | None, *, demo: bool = True) -> Database:
    """Open (create, migrate) the database; a new one gets the demo council (``demo``).

    Any thread.  ``demo`` False: a new database starts empty (the first start's choice,
    app/views/first_start.py).

    A file unchanged since its last clean check is not checked again; a large changed one
    opens without SQLite's quick check (it reads all of it), and
    :meth:`KenesApp.back_up_at_start` checks it in the background instead.
    """
    database = open_database(
        target,
        backup_dir=backup_dir,
        quick_check_max_bytes=QUICK_CHECK_MAX_BYTES,
        check_memory=default_memory(),
    )
    log.info("opened %s", database.display_name)
    if database.created and demo:
        # Only a first start needs the demo (and the notice and protocol PDFs it makes).
        from app.services.demo import create_demo
        from app.services.demo_meeting import create_demo_meeting

        try:
            create_demo(database, Actor.current_user())
            create_demo_meeting(database, Actor.current_user())
        except BaseException:
            database.close()
            raise
    return database


def holds_demo(database: Database) -> bool:
    """Whether the database holds the demo council (the main window then says so)."""
    from app.services.councils import list_councils

    return any(c.is_demo for c in list_councils(database))


def fill_pages(window: MainWindow, store: settings.Settings, database: Database) -> None:
    """Give each page slot of ``window`` its builder; the page on screen is built now."""
    actor = Actor.current_user()
    made: dict[str, Any] = {}
    meetings_slot = slot(window, MEETINGS)

    def build_councils() -> QWidget:
        return CouncilsPage(database, actor)

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

    def open_live(meeting_id: int) -> None:
        from app.views.live_meeting import LiveMeetingWindow

        try:
            live = LiveMeetingWindow(database, actor, meeting_id)
        except KenesError as exc:
            show_refusal(window, exc)
            return
        live.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The protocols page follows the live window's announcements (app/views/operations.py).
        window.live_windows.append(live)
        live.destroyed.connect(
            lambda: window.live_windows.remove(live) if live in window.live_windows else None
        )
        live.show()

    def show_meeting(meeting_id: int) -> None:
        window.navigation.setCurrentRow(MEETINGS)
        meetings_slot.page()
        made["meetings"].select_meeting(meeting_id)

    window.open_live = open_live
    window.set_database_name(database.display_name)
    builders = {
        COUNCILS: build_councils,
        MEETINGS: build_meetings,
        PROTOCOLS: build_protocols,
        INSTRUCTIONS: build_instructions,
    }
    for index, build in builders.items():
        slot(window, index).set_builder(build)


def build_main_window(store: settings.Settings, database: Database) -> MainWindow:
    """The main window with every page wired to ``database``; pages are built when opened."""
    window = shell_window(store, database.display_name)
    fill_pages(window, store, database)
    return window


def start_message(work: StartWork) -> str:
    """The status bar's word on the start's backup: made, or not needed and why."""
    if work.made is not None:
        return _("Backup made at start: {path}").format(path=work.made.path)
    if work.unchanged_since is not None:
        from app.formatting import format_time, legal_date

        made = work.unchanged_since.made
        lang = interface_language()
        return _("No changes since the backup of {date}, {time}; none was made.").format(
            date=legal_date(made.date(), lang), time=format_time(made.time(), lang)
        )
    return ""


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
        self.preparer: PagePreparer | None = None
        self.listener: RemoteChanges | None = None  # other workstations (PostgreSQL)
        self.review_action: QAction | None = None  # File → For review…
        self.demo = False  # the database holds the demo council: the window says so

    @property
    def database_file(self) -> Path | None:
        url = to_url(self.target)
        return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None

    def backup_dir(self) -> Path | None:
        """Where the backup before a migration goes (a SQLite file only)."""
        return self.store.backup_folder() if self.database_file else None

    def open(self) -> bool:
        """Open the database; offer the latest good backup when it is damaged."""
        try:
            self.database = open_store(self.target, self.backup_dir())
        except KenesError as exc:
            return self.refused(exc)
        self.demo = holds_demo(self.database)
        if not self.sign_in():
            return False
        self._warn_network_share()
        if self.database.read_only:  # a read-only disk or folder: say so once, then go on
            notice = EnvironmentProblem(MSG_READ_ONLY_NOTICE, path=self.database.display_name)
            log.warning("opened read-only: %s", notice.message())
            QMessageBox.information(self.window, _("Kenes"), notice.message())
        return True

    def _warn_network_share(self) -> None:
        """A SQLite file on an SMB/NFS share: say so once at start, pointing to PostgreSQL."""
        from app.models.network_share import MSG_NETWORK_SHARE, database_on_share

        assert self.database is not None
        shared = database_on_share(self.database.url)
        if shared is not None:
            warning = EnvironmentProblem(MSG_NETWORK_SHARE, path=shared)
            log.warning("database on a network share: %s", shared)
            QMessageBox.warning(self.window, _("Kenes"), warning.message())

    def sign_in(self) -> bool:
        """Ask who is working when the database has accounts; False if nobody signed in."""
        from app.services.accounts.list_accounts import has_accounts
        from app.services.base import work_as
        from app.views.role_gate import gate

        assert self.database is not None
        if not has_accounts(self.database):
            gate().sign_in(self.database, None)  # nothing refused: the views as before
            return True
        from app.views.sign_in_dialog import SignInDialog

        dialog = SignInDialog(self.database, self.window)
        if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.signed is None:
            self.database.close()
            self.database = None
            return False
        work_as(dialog.signed.actor)
        gate().sign_in(self.database, dialog.signed.actor)  # the views disable by role
        return True

    def refused(self, exc: KenesError) -> bool:
        """Say why the database did not open; True if a restored backup opened instead."""
        if isinstance(exc, CorruptDatabaseError):
            log.warning("damaged database: %s", exc.message())
            return self._offer_backup(exc)
        log.warning("database refused: %s", exc.message())
        QMessageBox.critical(self.window, _("Kenes"), exc.message())
        return False

    def _offer_backup(self, exc: KenesError) -> bool:
        policy = backup_policy(self.store)
        latest = (
            latest_good_backup(policy.folder, self.database_file) if self.database_file else None
        )
        if latest is None:
            QMessageBox.critical(
                self.window,
                _("Kenes"),
                exc.message()
                + "\n\n"
                + _("No good backup was found in {folder}.").format(folder=policy.folder),
            )
            return False
        answer = QMessageBox.question(
            self.window,
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
        """Build the main window on the open database and show it."""
        assert self.database is not None
        window = build_main_window(self.store, self.database)
        self._install(window)
        window.show()
        return window

    def attach(self, window: MainWindow) -> None:
        """Fill a window made by :func:`~app.views.shell.shell_window` (already shown).

        The other pages' modules are then imported in the background, a slice at a time,
        so that the first click on a page only builds it (app/views/page_preparer.py).
        """
        assert self.database is not None
        fill_pages(window, self.store, self.database)
        window.set_demo(self.demo)
        self._install(window)
        # No Qt parent: it outlives a closed window safely.  Given the database, it also reads
        # once what each page reads when first built, so the first click compiles nothing.
        self.preparer = PagePreparer(database=self.database)
        QTimer.singleShot(PREPARE_AFTER_MS, self.preparer.start)  # the first page paints first

    def _install(self, window: MainWindow) -> None:
        """The backup and exchange actions of the File menu, on the open database."""
        assert self.database is not None
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
        from app.views.review_action import install_review_action

        self.review_action = install_review_action(window, database, Actor.current_user())
        window.language_requested.connect(self._retranslate_actions)
        self.window = window
        if self.listener is None:
            from app.views.remote_changes import listen_for_other_workstations

            # No Qt parent: a restore replaces the window; the listener outlives it.
            self.listener = listen_for_other_workstations(database.url, None)

    def _retranslate_actions(self, _code: str) -> None:
        if self.review_action is not None:
            self.review_action.setText(_("For &review…"))
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
        """The automatic backup of each start, off the GUI thread, when something changed.

        A database that opened without SQLite's quick check (a large changed file) is
        checked first; a damaged one is not backed up (the rotation would drop good
        backups), and the user is told to restore the latest good backup.  A database its
        newest backup already holds is not copied again (app/services/start_backup.py).
        """
        file = self.database_file
        if file is None or self.window is None:
            return
        policy = backup_policy(self.store)
        window = self.window
        check = self.database is not None and self.database.needs_check
        read_only = self.database is not None and self.database.read_only

        def work() -> tuple[StartWork, str]:
            result = start_work(file, policy, default_memory(), check=check, read_only=read_only)
            # Worded here: the dates' formatting (Babel) is never imported on the GUI thread.
            return result, start_message(result)

        def done(outcome: tuple[StartWork, str]) -> None:
            result, message = outcome
            damage = result.damaged
            if isinstance(damage, IntegrityReport):
                log.warning("damaged database: %s", damage.problems)
                QMessageBox.warning(
                    window,
                    _("Check the database"),
                    _(
                        "The database is damaged: {problems}. Restore the latest good backup "
                        "(File → Restore from backup)."
                    ).format(problems="; ".join(damage.problems[:5])),
                )
                return
            window.statusBar().showMessage(message, 10_000)

        def failed(exc: BaseException) -> None:
            log.warning("start-up backup failed: %s", exc)
            text = exc.message() if isinstance(exc, KenesError) else str(exc)
            window.statusBar().showMessage(
                _("The backup at start failed: {reason}").format(reason=text), 30_000
            )

        self.startup_task = BackgroundTask(work, done, failed, parent=window)
        self.startup_task.start()

    def restore(self, path: Path, force: bool = False) -> None:
        """Close everything, restore ``path`` over the database, open again.

        ``force``: the user confirmed restoring a backup of another database.
        """
        assert self.database_file is not None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.database is not None:
            self.database.close()
            self.database = None
        try:
            report = restore_backup(
                path, self.database_file, backup_policy(self.store), force=force
            )
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
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        if self.database is not None:
            self.database.close()
            self.database = None
