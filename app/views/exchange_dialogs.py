"""Export and import of archives and meeting packages: choosers, summaries, refusal reports.

Every dialog shows what will happen before anything is written: the import's
summary (new, updated, unchanged records per table) or the refusal report
(where in the file, and why); bringing a meeting back from a laptop shows
each record changed in both places side by side, and the user chooses which
version to keep.  Long work runs off the GUI thread with a progress dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.formats.exchange_archive import ImportRefused
from app.formats.problem import Problem
from app.formatting import short_date
from app.i18n import N_, _, interface_language
from app.services.base import Actor
from app.services.councils import list_councils
from app.services.exchange.apply_import import ImportResult, apply_import
from app.services.exchange.apply_return import apply_return
from app.services.exchange.export_archive import export_archive
from app.services.exchange.export_package import export_meeting_package
from app.services.exchange.frozen_votes import profile_change_lines
from app.services.exchange.plan_import import ImportPlan, plan_import
from app.services.exchange.plan_return import plan_return
from app.services.exchange.read_archive import read_archive
from app.services.exchange.return_analysis import OURS, THEIRS, Conflict, ReturnPlan, ReturnResult
from app.services.exchange.scope import ExportSummary
from app.services.handles import Database
from app.views import file_dialogs
from app.views.background import BackgroundTask
from app.views.messages import show_refusal
from app.views.operations import run
from app.views.other_language import localized

Index = QModelIndex | QPersistentModelIndex
FILE_FILTER = N_("Kenes exchange files (*.kenes.zip *.zip *.json);;All files (*)")
TABLE_NAMES = {
    "councils": N_("Councils"),
    "profile_versions": N_("Changes of the regulation profile"),
    "acts": N_("Acts"),
    "people": N_("People"),
    "positions": N_("Positions"),
    "position_holdings": N_("Appointments"),
    "seats": N_("Seats"),
    "meetings": N_("Meetings"),
    "agenda_items": N_("Agenda items"),
    "item_speakers": N_("Speakers"),
    "materials": N_("Materials"),
    "agenda_approvals": N_("Approvals of the agenda"),
    "agenda_revisions": N_("Changes of the agenda"),
    "notifications": N_("Notifications"),
    "attendance": N_("Attendance"),
    "invited_persons": N_("Invited persons"),
    "decision_points": N_("Decision points"),
    "dissenting_opinions": N_("Dissenting opinions"),
    "protocol_instructions": N_("Protocol instructions"),
    "protocols": N_("Protocols"),
    "review_remarks": N_("Remarks of the chair"),
    "calendar_overrides": N_("Calendar overrides"),
}


class ProblemsModel(QAbstractTableModel):
    """The refusal report: where in the file, and why (in the interface language)."""

    HEADERS = (N_("Where in the file"), N_("Problem"))

    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = list(problems)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        problem = self.problems[index.row()]
        return problem.pointer or "/" if index.column() == 0 else problem.message()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None


class SummaryModel(QAbstractTableModel):
    """New, updated and unchanged records per table."""

    HEADERS = (N_("Records"), N_("New"), N_("Updated"), N_("Unchanged"))

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = [
            (name, counts)
            for name, counts in plan.counts.items()
            if counts.new or counts.updated or counts.unchanged
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        name, counts = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return _(TABLE_NAMES.get(name, name))
        return str((counts.new, counts.updated, counts.unchanged)[column - 1])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


class RefusalDialog(QDialog):
    """Why a file cannot be imported: every problem, each with its place in the file."""

    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusalDialog")
        self.setWindowTitle(_("The file cannot be imported"))
        self.resize(860, 480)
        intro = QLabel(
            _(
                "Nothing was changed. Correct the file (or the database) and try "
                "again. Problems found: {count}."
            ).format(count=len(problems))
        )
        intro.setWordWrap(True)
        self.model = ProblemsModel(problems, self)
        self.table = _table(self.model, "refusalReport")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.resizeColumnToContents(0)


class ImportDialog(QDialog):
    """The summary of an import before anything is written; Import writes it at once."""

    imported = Signal(object)

    def __init__(
        self, db: Database, actor: Actor, plan: ImportPlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeImportDialog")
        self.db, self.actor, self.plan = db, actor, plan
        self.setWindowTitle(_("Import"))
        self.resize(860, 560)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.counts = _table(SummaryModel(plan, self), "importCounts")
        self.problems = ProblemsModel(plan.problems, self)
        self.report = _table(self.problems, "importProblems")
        self.report.setVisible(not plan.ok)
        # How votes are counted changes: said rule by rule, in words, before importing.
        self.profile_changes = QLabel()
        self.profile_changes.setObjectName("importProfileChanges")
        self.profile_changes.setWordWrap(True)
        lines = profile_change_lines(plan.profile_changes, interface_language())
        self.profile_changes.setText(
            "\n".join([_("The file changes the regulation profile of a council:"), *lines])
        )
        self.profile_changes.setVisible(bool(lines))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Import"))
        ok.setEnabled(plan.ok)
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.profile_changes)
        layout.addWidget(self.counts, 1)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        name = Path(plan.archive.source).name
        if plan.ok:
            text = _(
                "{file}: new records: {new}; updated: {updated}; unchanged: {unchanged}. "
                "Records with the same identifier are updated, never duplicated. Nothing "
                "is written until you press Import."
            )
        else:
            text = _("{file} cannot be imported; nothing was changed. Problems found: {count}.")
        self.summary.setText(
            text.format(
                file=name,
                new=plan.new,
                updated=plan.updated,
                unchanged=plan.unchanged,
                count=len(plan.problems),
            )
        )
        self.outcome: ImportResult | None = None

    def _apply(self) -> ImportResult | ImportRefused:
        """The import's result, or its refusal with the problems, which this dialog lists."""
        try:
            return apply_import(self.db, self.actor, self.plan)
        except ImportRefused as exc:
            return exc

    def import_now(self) -> None:
        result = run(self, self._apply)
        if result is None:
            return
        if isinstance(result, ImportRefused):
            self.problems.beginResetModel()
            self.problems.problems = list(result.problems)
            self.problems.endResetModel()
            self.report.setVisible(True)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.outcome = result
        self.imported.emit(self.outcome)
        self.accept()


class ExportDialog(QDialog):
    """Choose what to export: every council, or some; with the material files or without."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeExportDialog")
        self.setWindowTitle(_("Export archive"))
        self.everything = QCheckBox(_("The whole archive"))
        self.everything.setObjectName("exportEverything")
        self.everything.setChecked(True)
        self.councils = QListWidget()
        self.councils.setObjectName("exportCouncils")
        for council in list_councils(db, include_archived=True):
            name = localized(council.names)  # marked when only another language has it
            item = QListWidgetItem(str(name))
            font = name.font(item.font())
            if font is not None:
                item.setFont(font)
                item.setToolTip(name.tooltip())
            item.setData(Qt.ItemDataRole.UserRole, council.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.councils.addItem(item)
        self.councils.setEnabled(False)
        self.everything.toggled.connect(lambda on: self.councils.setEnabled(not on))
        self.embed = QCheckBox(_("Include the material files (a .kenes.zip archive)"))
        self.embed.setObjectName("exportEmbed")
        self.embed.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.everything)
        layout.addWidget(self.councils, 1)
        layout.addWidget(self.embed)
        layout.addWidget(buttons)

    def council_ids(self) -> list[int] | None:
        if self.everything.isChecked():
            return None
        return [
            int(self.councils.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.councils.count())
            if self.councils.item(row).checkState() == Qt.CheckState.Checked
        ]


class ReturnDialog(QDialog):
    """A meeting brought back from a laptop: what comes in, and each conflict side by side."""

    returned = Signal(object)
    HEADERS = (N_("Record"), N_("Field"), N_("In this database"), N_("On the laptop"), N_("Keep"))

    def __init__(
        self, db: Database, actor: Actor, plan: ReturnPlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.db, self.actor, self.plan = db, actor, plan
        self.setWindowTitle(_("Bring back from laptop"))
        self.resize(1000, 600)
        self.summary = QLabel(
            _(
                "Meeting No. {number} of {day}: records changed on the laptop: {taken}; changed "
                "here only (kept): {kept}; changed in both places: {conflicts}. Choose for each "
                "conflict which version to keep."
            ).format(
                number=plan.meeting_number,
                day=short_date(date.fromisoformat(plan.meeting_day), interface_language()),
                taken=len(plan.changes),
                kept=plan.kept,
                conflicts=len(plan.conflicts),
            )
        )
        self.summary.setWordWrap(True)
        self.summary.setObjectName("returnSummary")
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("returnConflicts")
        self.table.setHorizontalHeaderLabels([_(h) for h in self.HEADERS])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setVisible(False)
        self.choosers: dict[str, QComboBox] = {}
        for conflict in plan.conflicts:
            self._add_conflict(conflict)
        self.table.resizeColumnsToContents()
        self.report_model = ProblemsModel([], self)
        self.report = _table(self.report_model, "returnProblems")
        self.report.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Bring back"))
        self.buttons.accepted.connect(self.apply_now)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self._update_button()
        self.outcome: ReturnResult | None = None

    def _add_conflict(self, conflict: Conflict) -> None:
        first = self.table.rowCount()
        differences = conflict.differences or ()
        for offset, difference in enumerate(differences):
            row = first + offset
            self.table.insertRow(row)
            label = f"{_(conflict.table_label)}: {conflict.label}" if offset == 0 else ""
            for column, text in enumerate(
                (label, difference.field, difference.ours, difference.theirs)
            ):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        chooser = QComboBox()
        chooser.setObjectName(f"choose_{conflict.id}")
        chooser.addItem(_("— choose —"), "")
        chooser.addItem(_("This database"), OURS)
        chooser.addItem(_("The laptop"), THEIRS)
        chooser.currentIndexChanged.connect(self._update_button)
        self.table.setCellWidget(first, 4, chooser)
        if len(differences) > 1:
            self.table.setSpan(first, 0, len(differences), 1)
            self.table.setSpan(first, 4, len(differences), 1)
        self.choosers[conflict.id] = chooser

    def choices(self) -> dict[str, str]:
        return {
            cid: str(box.currentData()) for cid, box in self.choosers.items() if box.currentData()
        }

    def choose(self, conflict_id: str, side: str) -> None:
        box = self.choosers[conflict_id]
        box.setCurrentIndex(max(0, box.findData(side)))

    def _update_button(self) -> None:
        done = len(self.choices()) == len(self.choosers)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(done)

    def _apply(self) -> ReturnResult | ImportRefused:
        """The return's result, or its refusal with the problems, which this dialog lists."""
        try:
            return apply_return(self.db, self.actor, self.plan, self.choices())
        except ImportRefused as exc:
            return exc

    def apply_now(self) -> None:
        result = run(self, self._apply)
        if result is None:
            return
        if isinstance(result, ImportRefused):
            self.report_model.beginResetModel()
            self.report_model.problems = list(result.problems)
            self.report_model.endResetModel()
            self.report.setVisible(True)
            return
        self.outcome = result
        self.returned.emit(self.outcome)
        self.accept()


# -- the menu actions ------------------------------------------------------------------------


class ExchangeActions:
    """File menu actions: export archive, import, meeting package, bring back from laptop.

    Keeps the background tasks alive until they finish; every refusal is shown
    in the interface language, every unexpected error goes to the crash handler.
    """

    def __init__(
        self,
        window: QWidget,
        db: Database,
        actor: Actor,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        self.window, self.db, self.actor = window, db, actor
        self.on_changed = on_changed
        self.tasks: list[BackgroundTask] = []

    def _run(
        self, label: str, func: Callable[[], object], on_done: Callable[[object], None]
    ) -> BackgroundTask:
        task = BackgroundTask(func, on_done, self._failed, parent=self.window, label=label)
        self.tasks.append(task)
        task.finished.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)
        task.start()
        return task

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportRefused):
            RefusalDialog(exc.problems, self.window).open()
        elif isinstance(exc, KenesError):
            show_refusal(self.window, exc)
        else:
            raise exc

    def export_archive(
        self,
        path: Path | None = None,
        council_ids: list[int] | None = None,
        embed: bool = True,
        *,
        ask: bool = True,
    ) -> BackgroundTask | None:
        if ask:
            dialog = ExportDialog(self.db, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            council_ids, embed = dialog.council_ids(), dialog.embed.isChecked()
            if council_ids == []:
                return None
        if path is None:
            suffix = "kenes.zip" if embed else "json"
            path = file_dialogs.save_file(
                self.window,
                "exchange",
                _("Export archive"),
                f"kenes-archive.{suffix}",
                _(FILE_FILTER),
            )
            if path is None:
                return None
        target = path
        return self._run(
            _("Exporting the archive…"),
            lambda: export_archive(self.db, target, council_ids=council_ids, embed_materials=embed),
            self._exported,
        )

    def _exported(self, summary: object) -> None:
        assert isinstance(summary, ExportSummary)
        QMessageBox.information(
            self.window, _("Export"), _("Written: {path}").format(path=summary.path)
        )

    def import_file(self, path: Path | None = None) -> BackgroundTask | None:
        if path is None:
            path = file_dialogs.open_file(
                self.window, "exchange", _("Import"), filters=_(FILE_FILTER)
            )
            if path is None:
                return None
        source = path
        return self._run(
            _("Reading the file…"),
            lambda: plan_import(self.db, read_archive(source)),
            self._planned,
        )

    def _planned(self, plan: object) -> None:
        assert isinstance(plan, ImportPlan)
        dialog = ImportDialog(self.db, self.actor, plan, self.window)
        dialog.imported.connect(lambda _result: self.on_changed() if self.on_changed else None)
        dialog.open()

    def export_package(self, meeting_id: int, path: Path | None = None) -> BackgroundTask | None:
        if path is None:
            path = file_dialogs.save_file(
                self.window,
                "exchange",
                _("Meeting package"),
                f"meeting-{meeting_id}.kenes.zip",
                _(FILE_FILTER),
            )
            if path is None:
                return None
        target, actor = path, self.actor
        return self._run(
            _("Writing the meeting package…"),
            lambda: export_meeting_package(self.db, meeting_id, target, actor=actor),
            self._exported,
        )

    def bring_back(self, path: Path | None = None) -> BackgroundTask | None:
        if path is None:
            path = file_dialogs.open_file(
                self.window, "exchange", _("Bring back from laptop"), filters=_(FILE_FILTER)
            )
            if path is None:
                return None
        source = path
        return self._run(
            _("Comparing the meeting with this database…"),
            lambda: plan_return(self.db, read_archive(source)),
            self._compared,
        )

    def _compared(self, plan: object) -> None:
        assert isinstance(plan, ReturnPlan)
        dialog = ReturnDialog(self.db, self.actor, plan, self.window)
        dialog.returned.connect(lambda _result: self.on_changed() if self.on_changed else None)
        dialog.open()
