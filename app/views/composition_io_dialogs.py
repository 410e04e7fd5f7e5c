"""Import a composition from XLSX or CSV with a preview and a per-row report; export it.

The preview lists every row of the file with its problems before anything is
written; importing is refused while any row has a problem, and then the whole
file goes in as one new edition of the composition, or nothing does.
Reading, importing and exporting go through the operation runner
(:mod:`app.views.operations`), which shows a refusal.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.composition import ROLE_LABELS
from app.formats.composition_rows import ImportPreview
from app.i18n import LANGUAGES, N_, _, interface_language, ngettext
from app.services.base import Actor
from app.services.compositions.export_composition_pdf import export_composition_pdf
from app.services.compositions.export_composition_xlsx import export_composition_xlsx
from app.services.compositions.import_composition import import_composition
from app.services.compositions.read_composition_file import read_composition_file
from app.services.handles import Database
from app.views.form_widgets import ActFields, DateEdit, Texts
from app.views.operations import COMPOSITION, run
from app.views.retranslate import Retranslatable

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Row"), N_("Role"), N_("Position"), N_("Person"), N_("Problems"))


class PreviewModel(QAbstractTableModel):
    """The rows of a file as read, with their problems."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.preview.rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return QBrush(QColor(255, 228, 225))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = row.values
        lang = interface_language()
        column = index.column()
        if column == 0:
            return str(row.row)
        if column == 1:
            return _(ROLE_LABELS[values.role])
        if column == 2:
            titles = {"kk": values.position_kk, "ru": values.position_ru, "en": values.position_en}
            return titles.get(lang) or next((t for t in titles.values() if t), "")
        if column == 3:
            return " ".join(p for p in (values.surname, values.given_name, values.patronymic) if p)
        return "; ".join(problem.message() for problem in row.problems)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None


class ImportDialog(Retranslatable, QDialog):
    """Preview a composition file and import it as a new edition of the composition."""

    saved = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        council_id: int,
        preview: ImportPreview,
        effective: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.db, self.actor, self.council_id, self.preview = db, actor, council_id, preview
        self.texts = Texts()
        self.resize(900, 560)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.model = PreviewModel(preview, self)
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.effective = DateEdit(effective)
        self.effective.setObjectName("importEffective")
        self.act = ActFields()
        form = QFormLayout()
        form.addRow(self.texts.label(N_("In force from")), self.effective)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.act)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.table.resizeColumnsToContents()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import a composition"))
        self.texts.apply()
        preview = self.preview
        rows = ngettext("{n} row", "{n} rows", preview.row_count).format(n=preview.row_count)
        if preview.ok:
            text = _(
                "{file}: {rows}, no problems. They will replace the composition as a new "
                "edition from the date below, by the act below."
            ).format(file=Path(preview.source).name, rows=rows)
        else:
            text = _(
                "{file}: {rows}; {bad} with problems (in red). Correct the file and read "
                "it again; nothing is imported while a row has a problem."
            ).format(
                file=Path(preview.source).name,
                rows=rows,
                bad=ngettext("{n} row", "{n} rows", preview.bad_row_count).format(
                    n=preview.bad_row_count
                ),
            )
        self.summary.setText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Import"))
        ok.setEnabled(preview.ok)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def import_now(self) -> None:
        result = run(
            self,
            lambda: import_composition(
                self.db,
                self.actor,
                self.council_id,
                self.preview,
                self.effective.day(),
                self.act.act(),
            ),
            COMPOSITION,
        )
        if result is None:
            return
        self.saved.emit(result)
        self.accept()


def choose_and_read(parent: QWidget) -> ImportPreview | None:
    """Ask for a file and read it; a file that cannot be read is refused with a message."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Import a composition"), "", _("Compositions (*.xlsx *.csv);;All files (*)")
    )
    if not name:
        return None
    return run(parent, lambda: read_composition_file(Path(name)))


class ExportDialog(Retranslatable, QDialog):
    """Choose the language of an exported composition list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts()
        self.language = QComboBox()
        self.language.setObjectName("exportLanguage")
        for lang in LANGUAGES:
            self.language.addItem(lang.native_name, lang.code)
        self.language.setCurrentIndex(max(0, self.language.findData(interface_language())))
        form = QFormLayout(self)
        form.addRow(self.texts.label(N_("Language of the document")), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.retranslate_ui()

    def lang(self) -> str:
        return str(self.language.currentData())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export the composition"))
        self.texts.apply()


def export_composition(
    parent: QWidget,
    db: Database,
    council_id: int,
    on: date,
    kind: str,
    *,
    lang: str | None = None,
    path: Path | None = None,
) -> Path | None:
    """Export as "xlsx" or "pdf"; asks for the language and the file unless given."""
    if lang is None:
        dialog = ExportDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        lang = dialog.lang()
    if path is None:
        pattern = _("Excel workbooks (*.xlsx)") if kind == "xlsx" else _("PDF documents (*.pdf)")
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Export the composition"),
            f"composition-{on.isoformat()}-{lang}.{kind}",
            pattern,
        )
        if not name:
            return None
        path = Path(name)
    export = export_composition_xlsx if kind == "xlsx" else export_composition_pdf
    chosen, target = lang, path
    written = run(parent, lambda: export(db, council_id, on, target, chosen))
    if written is None:
        return None
    QMessageBox.information(
        parent, _("Export the composition"), _("Written: {path}").format(path=written)
    )
    return written
