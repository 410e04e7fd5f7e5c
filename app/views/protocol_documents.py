"""The documents of the Protocols page: preview, print, save as PDF or DOCX, verify a file.

A part of :class:`~app.views.protocols_page.ProtocolsPage` (it provides the
selection and the document language).  Rendering and saving run off the GUI
thread; saved files are named by what they hold ("Хаттама-1-2026-03-14-kk.pdf",
:func:`app.domain.file_names.document_file_name`), in the document's language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QWidget

from app.domain.file_names import DocumentKind, document_file_name
from app.formatting import short_date
from app.i18n import _, interface_language, translations
from app.services.councils import list_councils
from app.services.protocols.documents import (
    Verification,
    export_protocol,
    protocol_lines,
    protocol_pdf,
    verify_file,
    working_copy_text,
)
from app.views.background import BackgroundTask
from app.views.operations import run, run_in_background
from app.views.pdf_preview import PdfPreviewDialog
from app.views.protocols_models import ProtocolRow, language_name

if TYPE_CHECKING:
    from datetime import date

    from app.services.handles import Database
    from app.services.protocols.common import ProtocolInfo
    from app.views.form_widgets import ChoiceCombo


def inform(parent: QWidget | None, text: str) -> None:
    """Tell the user something (not a refusal).  Tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Information, _("Kenes"), text, parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def file_name(row: ProtocolRow, lang: str, suffix: str) -> str:
    """What a saved protocol is called: "Хаттама-1-2026-03-14-kk.pdf" (the word in ``lang``)."""
    number = row.protocol.number if row.protocol is not None else str(row.due.meeting_number)
    return document_file_name(DocumentKind.PROTOCOL, number, row.due.meeting_day, lang, suffix)


class ProtocolDocuments:
    """Preview, print, save and verify the selected protocol (a part of the page)."""

    if TYPE_CHECKING:  # what the page provides
        _db: Database
        tasks: list[BackgroundTask]
        last_saved: Path | None
        last_verification: Verification | None
        preview_dialog: PdfPreviewDialog | None
        print_dialog: QDialog | None
        status: QLabel
        document_language: ChoiceCombo

        def today(self) -> date: ...
        def selected(self) -> ProtocolRow | None: ...
        def _selected_protocol(self) -> ProtocolInfo | None: ...
        def _open(self, dialog: QDialog) -> None: ...

    def _widget(self) -> QWidget:
        return cast(QWidget, self)

    def chosen_language(self) -> str:
        return str(self.document_language.value() or "kk")

    def preview(self) -> PdfPreviewDialog | None:
        info = self._selected_protocol()
        if info is None:
            return None
        db, pid, lang, number = self._db, info.id, self.chosen_language(), info.number

        def title() -> str:
            return _("Protocol No. {number} ({language})").format(
                number=number, language=language_name(lang)
            )

        dialog = PdfPreviewDialog(title, lambda: protocol_pdf(db, pid, lang), self._widget())
        self.preview_dialog = dialog
        dialog.destroyed.connect(self._preview_closed)
        self._open(dialog)
        return dialog

    def _preview_closed(self) -> None:
        self.preview_dialog = None

    def print_protocol(self) -> BackgroundTask | None:
        """Render the protocol off the GUI thread, then open its print preview.

        The preview's Print button opens the system's print dialog; what is printed
        is the PDF the preview and the saved file show.
        """
        info = self._selected_protocol()
        if info is None:
            return None
        db, pid, lang, number = self._db, info.id, self.chosen_language(), info.number
        title = _("Protocol No. {number} ({language})").format(
            number=number, language=language_name(lang)
        )
        return self._run(
            _("Preparing the protocol for printing…"),
            lambda: protocol_pdf(db, pid, lang),
            lambda pdf: self._print(pdf, title),
        )

    def _print(self, pdf: object, title: str) -> None:
        assert isinstance(pdf, bytes)
        from app.views.printing import open_print_preview  # Qt's print support, when used

        self.print_dialog = open_print_preview(pdf, title, self._widget())

    def save_document(self, suffix: str) -> BackgroundTask | None:
        """Ask where, then write the protocol as PDF or DOCX off the GUI thread."""
        row = self.selected()
        if row is None or row.protocol is None:
            return None
        lang = self.chosen_language()
        pdf = suffix == ".pdf"
        caption = _("Save the protocol as PDF") if pdf else _("Save the protocol as DOCX")
        filters = _("PDF documents (*.pdf)") if pdf else _("Word documents (*.docx)")
        suggested = str(Path(documents_folder()) / file_name(row, lang, suffix))
        name, _filter = QFileDialog.getSaveFileName(self._widget(), caption, suggested, filters)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        db, meeting_id = self._db, row.due.meeting_id
        return self._run(
            _("Saving the protocol…"),
            lambda: export_protocol(db, meeting_id, lang, path),
            self._saved,
        )

    def _saved(self, result: object) -> None:
        assert isinstance(result, Path)
        self.last_saved = result
        self.status.setText(_("Saved: {path}").format(path=result))

    def _run(
        self, label: str, func: Callable[[], object], on_done: Callable[[object], None]
    ) -> BackgroundTask:
        task = run_in_background(self._widget(), func, on_done, label=label)
        self.tasks.append(task)
        task.finished.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)
        return task

    def verify_a_file(self) -> Verification | None:
        name, _filter = QFileDialog.getOpenFileName(
            self._widget(),
            _("Verify a protocol file"),
            documents_folder(),
            _("PDF documents (*.pdf);;All files (*)"),
        )
        if not name:
            return None
        return self.verify_path(Path(name))

    def verify_path(self, path: Path) -> Verification | None:
        """Say whether ``path`` is a protocol Kenes issued, and which one."""
        from app.services.esign.verify_signatures import looks_signed, verify_signed_pdf
        from app.views.esign_dialog import SignaturesDialog

        if path.suffix.lower() == ".pdf" and looks_signed(path.read_bytes()):
            self.signatures_dialog = SignaturesDialog(
                verify_signed_pdf(self._db, path.read_bytes()), path.name, self._widget()
            )
            self._open(self.signatures_dialog)
            return None
        checked = run(self._widget(), lambda: self._verified(path))
        if checked is None:
            return None
        result, text = checked
        self.last_verification = result
        inform(self._widget(), text)
        return result

    def _verified(self, path: Path) -> tuple[Verification, str]:
        result = verify_file(self._db, path)
        return result, self.verification_text(result, path)

    def verification_text(self, result: Verification, path: Path) -> str:
        if result.working_copy:  # a DOCX Kenes wrote: an editable copy, not a forgery
            return working_copy_text(result, path.name, translations(interface_language()))
        if not result.matches:
            return _(
                "{file} matches no protocol issued by Kenes in this database: it is not a "
                "signed protocol, or it was changed after it was issued."
            ).format(file=path.name)
        lang = interface_language()
        found = (
            protocol_lines(self._db, self.today(), [result.meeting_id])
            if result.meeting_id is not None
            else []
        )
        due = found[0].due if found else None
        councils = {c.id: c for c in list_councils(self._db, include_archived=True)}
        council = councils.get(due.council_id) if due is not None else None
        text = _(
            "{file} is protocol No. {number}, revision {revision}, of meeting No. {meeting} of "
            "{date} ({council}), as issued in {language}; it has not changed since."
        ).format(
            file=path.name,
            number=result.number,
            revision=result.revision,
            meeting=due.meeting_number if due is not None else "",
            date=short_date(due.meeting_day, lang) if due is not None else "",
            council=council.name(lang) if council is not None else "",
            language=language_name(result.lang),
        )
        if result.superseded:
            text += " " + _("A newer revision of this protocol replaces it.")
        return text
