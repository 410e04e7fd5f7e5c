"""Sign an issued protocol with a PKCS#12 key, save its paper copy, read a file's verification.

The signing dialog asks for the key file and its password; the password goes to
:class:`~app.services.esign.signers.Pkcs12Signer` once and is cleared from the field
after each attempt (it is never stored).  Signing runs off the GUI thread; a refusal
(wrong password, out of order, expired certificate) is shown and the dialog stays open.
Once someone has signed, *Save paper copy…* writes the PDF to print: the signed pages and
a page with the result of the check and a QR code (:mod:`app.services.esign.paper_copy`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, interface_language, translations
from app.services.base import Actor
from app.services.esign.paper_copy import PaperCopy, has_signed_file, save_paper_copy
from app.services.esign.report_text import report_lines
from app.services.esign.sign_issued import SignedStep, due_signers, sign_issued_pdf
from app.services.esign.signers import Pkcs12Signer
from app.services.esign.verify_signatures import SignedFileReport, read_file
from app.services.handles import Database
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.labels import SIGNER_ROLES
from app.views.background import BackgroundTask
from app.views.form_widgets import Texts, ok_cancel
from app.views.operations import PROTOCOLS, run_in_background
from app.views.protocols_models import language_name
from app.views.retranslate import Retranslatable


def role_name(role: str) -> str:
    return _(SIGNER_ROLES.get(role, N_("Presiding")))


class EsignDialog(Retranslatable, QDialog):
    """Choose the key file, type its password, sign the issued protocol in one language."""

    signed = Signal(object)  # SignedStep
    saved_copy = Signal(object)  # PaperCopy

    def __init__(
        self,
        db: Database,
        actor: Actor,
        protocol: ProtocolInfo,
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("esignDialog")
        self._db, self._actor, self.protocol, self.lang = db, actor, protocol, lang
        self.task: BackgroundTask | None = None
        self.due = due_signers(db, protocol.id, lang)
        self.texts = Texts()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.key_file = QLineEdit()
        self.key_file.setObjectName("esignKeyFile")
        self.key_file.textChanged.connect(self._update)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_key)
        self.texts.add(self.browse.setText, N_("Choose…"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(self.browse)
        self.password = QLineEdit()
        self.password.setObjectName("esignPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Key file (.p12, .pfx)")), key_row)
        form.addRow(self.texts.label(N_("Password of the key")), self.password)
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.has_signed_file = has_signed_file(db, protocol.id, lang)
        self.paper_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.paper_button.setObjectName("esignPaperCopy")
        self.paper_button.clicked.connect(self.choose_paper_copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, 220)
        self.retranslate_ui()

    def choose_key(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the signing key"),
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
            _("Key files (*.p12 *.pfx);;All files (*)"),
        )
        if name:
            self.key_file.setText(name)

    def _update(self) -> None:
        self.ok_button.setEnabled(
            self.task is None and bool(self.due) and bool(self.key_file.text().strip())
        )
        self.paper_button.setEnabled(self.task is None and self.has_signed_file)

    def choose_paper_copy(self) -> None:
        """Ask where to save the paper copy, then make it."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save paper copy"),
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
            _("PDF documents (*.pdf)"),
        )
        if name:
            self.save_paper_copy(Path(name))

    def save_paper_copy(self, path: Path) -> None:
        """Write the paper copy (the pages and the verification stamp) to ``path``, off the GUI
        thread."""
        db, pid, lang, target = self._db, self.protocol.id, self.lang, path
        self.buttons.setEnabled(False)
        self.task = run_in_background(
            self,
            lambda: save_paper_copy(db, pid, lang, target),
            self._saved,
            label=_("Making the paper copy…"),
            on_failed=self._failed,
        )
        self._update()

    def _saved(self, made: PaperCopy) -> None:
        self.task = None
        self.buttons.setEnabled(True)
        self._update()
        self.saved_copy.emit(made)

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        db, actor, pid, lang = self._db, self._actor, self.protocol.id, self.lang
        path, password = Path(self.key_file.text().strip()), self.password.text()
        self.password.clear()

        def sign() -> SignedStep:
            key = Pkcs12Signer(read_file(path), password)
            return sign_issued_pdf(db, actor, pid, lang, key)

        self.buttons.setEnabled(False)
        self.task = run_in_background(
            self,
            sign,
            self._signed,
            PROTOCOLS,
            label=_("Signing the protocol…"),
            on_failed=self._failed,
        )
        self._update()

    def _signed(self, step: SignedStep) -> None:
        self.task = None
        self.signed.emit(step)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.buttons.setEnabled(True)
        self._update()

    def reject(self) -> None:
        if self.task is None:
            super().reject()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("Sign protocol No. {number} electronically").format(number=self.protocol.number)
        )
        self.texts.apply()
        if self.due:
            self.intro.setText(
                _(
                    "The protocol as issued in {language} is signed by {role}. The signature "
                    "is added to the issued PDF; the password is not kept."
                ).format(language=language_name(self.lang), role=role_name(self.due[0]))
            )
        else:
            self.intro.setText(
                _(
                    "Nothing is due: the protocol in {language} is not issued for electronic "
                    "signatures, or every signer has signed it."
                ).format(language=language_name(self.lang))
            )
        self.ok_button.setText(_("Sign"))
        self.paper_button.setText(_("Save paper copy…"))
        self.paper_button.setToolTip(
            _(
                "A PDF to print: the signed protocol and a page with the result of the "
                "signatures' check and a QR code to verify the copy"
            )
            if self.has_signed_file
            else _("Nobody has signed the protocol electronically in this language yet")
        )
        self._update()


class SignaturesDialog(Retranslatable, QDialog):
    """The verification of a signed file: one paragraph a signature, then the verdict."""

    def __init__(self, report: SignedFileReport, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signaturesDialog")
        self.report, self.file_name = report, file_name
        self.verdict = QLabel()
        self.verdict.setObjectName("signaturesVerdict")
        self.verdict.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("signaturesReport")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(680, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        ui = interface_language()
        self.setWindowTitle(_("Signatures of {file}").format(file=self.file_name))
        lines = report_lines(self.report, translations(ui), ui)
        self.verdict.setText(lines[-1])
        self.text.setPlainText("\n".join(lines[:-1]))
