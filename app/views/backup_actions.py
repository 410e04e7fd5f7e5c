"""File menu actions for backups: back up now, restore, check the database, backup folder.

The work runs off the GUI thread (a busy progress dialog); restoring replaces
the database file, so the application object closes and reopens it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app import settings
from app.domain.errors import KenesError
from app.i18n import _, interface_language, ngettext
from app.services import backups
from app.services.handles import BackupFile
from app.views import file_dialogs
from app.views.background import BackgroundTask
from app.views.messages import show_refusal
from app.views.operations import run
from app.views.role_gate import gate


def backup_policy(store: settings.Settings) -> backups.BackupPolicy:
    """Where backups go and how many are kept, from the user's settings."""
    return backups.BackupPolicy(
        store.backup_folder(),
        store.user.get(settings.BACKUP_DAILY),
        store.user.get(settings.BACKUP_WEEKLY),
        max(0, store.user.get(settings.BACKUP_BUDGET)),
    )


def describe_summary(summary: backups.ArchiveSummary) -> str:
    return _("{councils}, {people}, {seats}").format(
        councils=ngettext("{n} council", "{n} councils", summary.councils).format(
            n=summary.councils
        ),
        people=ngettext("{n} person", "{n} people", summary.people).format(n=summary.people),
        seats=ngettext("{n} seat", "{n} seats", summary.seats).format(n=summary.seats),
    )


class BackupActions:
    """The backup actions of one main window, on one SQLite database file."""

    def __init__(
        self,
        window: QWidget,
        store: settings.Settings,
        database_file: Path | None,
        on_restore: Callable[[Path, bool], None],
    ) -> None:
        self.window = window
        self.store = store
        self.database_file = database_file
        self.on_restore = on_restore
        self.tasks: list[BackgroundTask] = []
        self.backup_now = QAction(window)
        self.backup_now.setObjectName("backupNow")
        self.backup_now.triggered.connect(self.make_backup)
        self.restore = QAction(window)
        self.restore.setObjectName("restoreBackup")
        self.restore.triggered.connect(self.choose_restore)
        self.check = QAction(window)
        self.check.setObjectName("checkDatabase")
        self.check.triggered.connect(self.check_database)
        self.folder = QAction(window)
        self.folder.setObjectName("backupFolder")
        self.folder.triggered.connect(self.choose_folder)
        for action in (self.backup_now, self.restore, self.check):
            action.setEnabled(database_file is not None)
        self.retranslate_ui()
        for action in (self.backup_now, self.restore):  # the administrator's (role_gate)
            gate().guard(action, "database.backup")

    def install(self, menu: QMenu, before: QAction | None = None) -> None:
        for action in (self.backup_now, self.restore, self.check, self.folder):
            menu.insertAction(before, action) if before else menu.addAction(action)
        menu.insertSeparator(before) if before else menu.addSeparator()

    def retranslate_ui(self) -> None:
        self.backup_now.setText(_("&Back up now"))
        self.restore.setText(_("&Restore from backup…"))
        self.check.setText(_("&Check the database"))
        self.folder.setText(_("Backup &folder…"))
        if self.database_file is None:
            tip = _(
                "Backups are made of SQLite databases; back up a PostgreSQL database with "
                "the server's own tools (pg_dump)."
            )
            for action in (self.backup_now, self.restore, self.check):
                action.setToolTip(tip)

    def _run(
        self, label: str, func: Callable[[], object], on_done: Callable[[object], None]
    ) -> BackgroundTask:
        task = BackgroundTask(func, on_done, self._failed, parent=self.window, label=label)
        self.tasks.append(task)
        task.finished.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)
        task.start()
        return task

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KenesError):
            show_refusal(self.window, exc)
        else:
            raise exc

    def make_backup(self) -> BackgroundTask | None:
        if self.database_file is None:
            return None
        file, policy = self.database_file, backup_policy(self.store)
        return self._run(
            _("Backing up the database…"),
            lambda: backups.back_up_now(file, policy),
            self._backed_up,
        )

    def _backed_up(self, made: object) -> None:
        assert isinstance(made, BackupFile)
        QMessageBox.information(
            self.window, _("Backup"), _("Backup written: {path}").format(path=made.path)
        )

    def choose_restore(self) -> None:
        if self.database_file is None:
            return
        folder = backup_policy(self.store).folder
        path = file_dialogs.open_file(
            self.window,
            "backup",
            _("Restore from backup"),
            filters=_("Kenes databases (*.sqlite3 *.db);;All files (*)"),
            folder=folder,
        )
        if path is not None:
            self.confirm_restore(path)

    def confirm_restore(self, path: Path, *, ask: bool = True) -> bool:
        summary = run(self.window, lambda: backups.check_backup_file(path))
        if summary is None:
            return False
        force = False
        if self.database_file is not None:
            try:
                backups.check_same_database(path, self.database_file)
            except backups.OtherDatabaseBackup:
                # Only an explicit answer restores another database's backup; No is the default.
                answer = QMessageBox.warning(
                    self.window,
                    _("Restore from backup"),
                    _(
                        "{path} is a backup of another database, not of the one open now. Replace "
                        "this database with it all the same? The current database is kept as a "
                        "backup first."
                    ).format(path=path),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                force, ask = True, False
        if ask:
            answer = QMessageBox.question(
                self.window,
                _("Restore from backup"),
                _(
                    "Restore {path}? It holds {summary}. The current database is kept as a "
                    "backup first."
                ).format(path=path, summary=describe_summary(summary)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.on_restore(path, force)
        return True

    def check_database(self) -> BackgroundTask | None:
        if self.database_file is None:
            return None
        file = self.database_file
        return self._run(
            _("Checking the database…"), lambda: backups.full_check(file), self._checked
        )

    def _checked(self, found: object) -> None:
        assert isinstance(found, backups.FullCheck)
        report = found.integrity
        if found.ok:
            QMessageBox.information(
                self.window, _("Check the database"), _("The database is sound.")
            )
        elif not report.ok:
            QMessageBox.warning(
                self.window,
                _("Check the database"),
                _(
                    "The database is damaged: {problems}. Restore the latest good backup "
                    "(File → Restore from backup)."
                ).format(problems="; ".join(report.problems[:5])),
            )
        else:
            self._record_changed(found)

    def _record_changed(self, found: backups.FullCheck) -> None:
        """The file is sound, but its record was edited with another program: say where."""
        assert found.record is not None
        lines = [f.message(interface_language()) for f in found.record.findings]
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Check the database"),
            ngettext(
                "The database is readable, but its record was changed outside Kenes, with "
                "another program. {n} difference from what Kenes recorded was found:",
                "The database is readable, but its record was changed outside Kenes, with "
                "another program. {n} differences from what Kenes recorded were found:",
                len(lines),
            ).format(n=len(lines)),
            parent=self.window,
        )
        box.setInformativeText(
            "\n".join(lines[:5])
            + "\n\n"
            + _(
                "Nothing was changed by the check. Compare with a backup made before the change "
                "(File → Restore from backup lists them) and find out who edited the file."
            )
        )
        box.setDetailedText("\n".join(lines))
        box.exec()

    def choose_folder(self) -> None:
        current = backup_policy(self.store).folder
        folder = file_dialogs.choose_folder(self.window, "backup", _("Backup folder"), current)
        if folder is not None:
            self.store.user.set(settings.BACKUP_DIR, str(folder))
            self.store.sync()
