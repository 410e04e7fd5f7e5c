"""Sign and issue a protocol: the date, paper or electronic, and the languages it is issued in.

Before signing, the dialog lists for each chosen language the texts that are
missing in it (:func:`missing_texts`; the protocol would show them from
another language).  With gaps, signing needs an explicit tick on "issue with
gaps", and then :func:`sign_protocol` is called with ``accept_gaps=True`` (the
issued document is marked as having gaps).  Signing renders a PDF per
language, so it runs off the GUI thread; a refusal is shown by
:func:`show_refusal` and the dialog stays open.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGE_CODES, N_, _
from app.services.base import Actor
from app.services.handles import Database
from app.services.protocols.actions import Signing, missing_texts, sign_protocol
from app.services.protocols.common import ProtocolInfo
from app.views.background import BackgroundTask
from app.views.form_widgets import ChoiceCombo, DateEdit, Texts, ok_cancel
from app.views.operations import PROTOCOLS, run, run_in_background
from app.views.protocols_models import language_name
from app.views.retranslate import Retranslatable

METHODS = [("paper", N_("On paper")), ("electronic", N_("Electronically"))]


class SignDialog(Retranslatable, QDialog):
    """Choose how and in which languages the protocol is signed, see the gaps, sign."""

    signed = Signal(object)  # ProtocolInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        protocol: ProtocolInfo,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signDialog")
        self._db = db
        self._actor = actor
        self.protocol = protocol
        self.task: BackgroundTask | None = None
        self.texts = Texts()
        self._gaps: dict[str, tuple[str, ...]] = (
            run(parent, lambda: {c: missing_texts(db, protocol.id, c) for c in LANGUAGE_CODES})
            or {}
        )

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.signed_on = DateEdit(today or date.today())
        self.signed_on.setObjectName("signedOn")
        self.method = ChoiceCombo(METHODS)
        self.method.setObjectName("signingMethod")
        self.languages: dict[str, QCheckBox] = {}
        languages_row = QHBoxLayout()
        for code in LANGUAGE_CODES:
            box = QCheckBox(language_name(code))
            box.setObjectName(f"issue_{code}")
            box.setChecked(code == protocol.main_language)
            box.toggled.connect(self._update)
            self.languages[code] = box
            languages_row.addWidget(box)
        languages_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Signed on")), self.signed_on)
        form.addRow(self.texts.label(N_("Signature")), self.method)
        form.addRow(self.texts.label(N_("Issue in")), languages_row)

        self.gaps_title = QLabel()
        self.gaps_title.setWordWrap(True)
        self.gaps = QListWidget()
        self.gaps.setObjectName("signGaps")
        self.accept_gaps = QCheckBox()
        self.accept_gaps.setObjectName("acceptGaps")
        self.accept_gaps.toggled.connect(self._update)
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.gaps_title)
        layout.addWidget(self.gaps, 1)
        layout.addWidget(self.accept_gaps)
        layout.addStretch(0)  # takes the room of the list when there are no gaps
        layout.addWidget(self.buttons)
        self.resize(620, 440)
        self.retranslate_ui()

    # -- state --------------------------------------------------------------------------------
    def chosen_languages(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.languages.items() if box.isChecked())

    def set_languages(self, codes: tuple[str, ...]) -> None:
        for code, box in self.languages.items():
            box.setChecked(code in codes)

    def gaps_of(self, lang: str) -> tuple[str, ...]:
        return self._gaps.get(lang, ())

    def has_gaps(self) -> bool:
        return any(self.gaps_of(code) for code in self.chosen_languages())

    def gap_lines(self) -> list[str]:
        return [self.gaps.item(i).text() for i in range(self.gaps.count())]

    def can_sign(self) -> bool:
        if self.task is not None or not self.chosen_languages():
            return False
        return not self.has_gaps() or self.accept_gaps.isChecked()

    def signing(self) -> Signing:
        return Signing(
            signed_on=self.signed_on.day(),
            method=str(self.method.value()),
            languages=self.chosen_languages(),
            accept_gaps=self.has_gaps() and self.accept_gaps.isChecked(),
        )

    def _update(self) -> None:
        self.gaps.clear()
        for code in self.chosen_languages():
            for gap in self.gaps_of(code):
                self.gaps.addItem(
                    _("{language}: {text}").format(language=language_name(code), text=gap)
                )
        gaps = self.has_gaps()
        self.gaps.setVisible(gaps)
        self.accept_gaps.setVisible(gaps)
        if not self.chosen_languages():
            self.gaps_title.setText(_("Choose at least one language to issue the protocol in."))
        elif gaps:
            self.gaps_title.setText(
                _(
                    "Some texts are missing in the chosen languages; the protocol would show "
                    "them from another language:"
                )
            )
        else:
            self.gaps_title.setText(_("Nothing is missing in the chosen languages."))
        self.ok_button.setEnabled(self.can_sign())

    # -- signing ------------------------------------------------------------------------------
    def accept(self) -> None:
        if not self.can_sign():
            return
        signing = self.signing()
        db, actor, pid = self._db, self._actor, self.protocol.id
        self.buttons.setEnabled(False)
        self.task = run_in_background(
            self,
            lambda: sign_protocol(db, actor, pid, signing),
            self._signed,
            PROTOCOLS,
            label=_("Signing and issuing the protocol…"),
            on_failed=self._failed,
        )

    def _signed(self, info: ProtocolInfo) -> None:
        self.task = None
        self.protocol = info
        self.signed.emit(info)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.buttons.setEnabled(True)
        self._update()

    def reject(self) -> None:
        if self.task is None:
            super().reject()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sign protocol No. {number}").format(number=self.protocol.number))
        self.texts.apply()
        self.method.retranslate()
        self.intro.setText(
            _(
                "Signing freezes the protocol: the text and the PDF of each language issued are "
                "stored, and the meeting's record can no longer change. A correction is made "
                "as a new revision, with a reason."
            )
        )
        self.accept_gaps.setText(
            _("Issue with these gaps (the issued protocol is marked as having gaps)")
        )
        self.ok_button.setText(_("Sign and issue"))
        self._update()
