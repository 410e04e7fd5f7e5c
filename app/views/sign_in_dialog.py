"""Who is working: the sign-in asked at start when the database has accounts.

The password is checked off the GUI thread (a wrong one is answered after a growing
delay, ``app/services/accounts/sign_in.py``); a temporary password is changed at once,
before the main window opens.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.accounts.change_password import change_password
from app.services.accounts.sign_in import SignedIn, sign_in
from app.services.base import Actor
from app.services.handles import Database
from app.views.operations import run_in_background, succeeded
from app.views.retranslate import Retranslatable


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(256)
    return field


class SignInDialog(Retranslatable, QDialog):
    """Login and password; accepted once the services say they match."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.database = database
        self.signed: SignedIn | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setMaxLength(64)
        self.password = _password_field()
        self.login_label, self.password_label = QLabel(), QLabel()
        self.form = QFormLayout()
        self.form.addRow(self.login_label, self.login)
        self.form.addRow(self.password_label, self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sign in to Kenes"))
        self.intro.setText(_("This database has accounts. Sign in with your login and password."))
        self.login_label.setText(_("Login:"))
        self.password_label.setText(_("Password:"))

    def try_sign_in(self) -> None:
        login, password = self.login.text(), self.password.text()
        self.setEnabled(False)
        run_in_background(
            self,
            lambda: sign_in(self.database, login, password),
            self._signed_in,
            on_failed=lambda _exc: self._again(),
        )

    def _again(self) -> None:
        self.setEnabled(True)
        self.password.clear()
        self.password.setFocus()

    def _signed_in(self, signed: SignedIn) -> None:
        self.setEnabled(True)
        if signed.must_change_password:
            dialog = ChangePasswordDialog(self.database, signed.actor, temporary=True, parent=self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._again()
                return
        self.signed = signed
        self.accept()


class ChangePasswordDialog(Retranslatable, QDialog):
    """The current password and the new one twice; for a temporary password at sign-in too."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        *,
        temporary: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.database, self.actor, self.temporary = database, actor, temporary
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.current, self.new, self.repeat = (_password_field() for _i in range(3))
        self.labels = (QLabel(), QLabel(), QLabel())
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.current, self.new, self.repeat), strict=True):
            self.form.addRow(label, field)
        self.mismatch = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.mismatch)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Change the password"))
        self.intro.setText(
            _("Your password is temporary: choose your own before you go on.")
            if self.temporary
            else _("Give your current password, then the new one twice.")
        )
        texts = (_("Current password:"), _("New password:"), _("New password again:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)

    def change(self) -> None:
        if self.new.text() != self.repeat.text():
            self.mismatch.setText(_("The two new passwords differ."))
            return
        self.mismatch.clear()
        if succeeded(
            self,
            lambda: change_password(
                self.database, self.actor, self.current.text(), self.new.text()
            ),
        ):
            self.accept()
