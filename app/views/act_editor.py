"""The council's act in the profile editor: what its protocols cite, in each language.

A protocol names the act in full once ("Legal basis: the Regulation on ...,
approved by Decree of ... No. 690 of 31 October 2017") and cites its paragraphs
later ("п. 15 Положения"), so the act is entered as a records clerk writes it:
its kind, its title in each language, the body that approved it in the form
the language needs after the approving instrument, the instrument itself, its
number and date.  The presets fill all of it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget

from app.domain.citation import ActKind
from app.domain.regulation import Act
from app.i18n import N_, _
from app.views.form_widgets import ChoiceCombo, Label, OptionalDateEdit, Texts
from app.views.retranslate import Retranslatable

LANGS = ("kk", "ru", "en")
KIND_CHOICES: list[tuple[Any, Label]] = [
    (ActKind.REGULATION, N_("Regulation")),
    (ActKind.RULES, N_("Rules")),
]
LANGUAGE_HEADINGS = {"kk": N_("In Kazakh"), "ru": N_("In Russian"), "en": N_("In English")}
# Examples in each language, shown as placeholders: the forms the sentence needs.
EXAMPLES = {
    "titles": {
        "kk": "… туралы ереже",
        "ru": "Положение о …",
        "en": "Regulation on …",
    },
    "issuers": {
        "kk": "Қазақстан Республикасы Үкіметінің",
        "ru": "Правительства Республики Казахстан",
        "en": "the Government of the Republic of Kazakhstan",
    },
    "instruments": {"kk": "қаулысымен", "ru": "постановлением", "en": "Decree"},
}


class ActEditor(Retranslatable, QWidget):
    """The act a council works under; empty fields mean the profile names no act."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts()
        self.kind = ChoiceCombo(KIND_CHOICES)
        self.kind.setObjectName("actKind")
        self.number = QLineEdit()
        self.number.setObjectName("actNumber")
        self.number.setMaximumWidth(160)
        self.approved_on = OptionalDateEdit()
        self.fields: dict[str, dict[str, QLineEdit]] = {}
        head = QFormLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addRow(self.texts.label(N_("Kind of act")), self.kind)
        head.addRow(self.texts.label(N_("Approved by act No.")), self.number)
        head.addRow(self.texts.label(N_("Approved on")), self.approved_on)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for column, lang in enumerate(LANGS, start=1):
            grid.addWidget(self.texts.label(LANGUAGE_HEADINGS[lang]), 0, column)
        rows = (
            ("titles", N_("Title")),
            ("issuers", N_("Approved by (whom)")),
            ("instruments", N_("Approved by (instrument)")),
        )
        for row, (name, label) in enumerate(rows, start=1):
            grid.addWidget(self.texts.label(label), row, 0)
            self.fields[name] = {}
            for column, lang in enumerate(LANGS, start=1):
                edit = QLineEdit()
                edit.setObjectName(f"act_{name}_{lang}")
                edit.setPlaceholderText(EXAMPLES[name][lang])
                grid.addWidget(edit, row, column)
                self.fields[name][lang] = edit
                edit.textEdited.connect(self.changed)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(head)
        layout.addRow(grid)
        layout.addRow(self.hint)
        self.kind.currentIndexChanged.connect(self.changed)
        self.number.textEdited.connect(self.changed)
        self.approved_on.known.toggled.connect(self.changed)
        self.approved_on.edit.dateChanged.connect(self.changed)
        self.retranslate_ui()

    def act(self) -> Act | None:
        """The act as entered, or None when nothing is entered."""
        texts = {
            name: {lang: edit.text().strip() for lang, edit in edits.items() if edit.text().strip()}
            for name, edits in self.fields.items()
        }
        number = self.number.text().strip()
        if not (any(texts.values()) or number):
            return None
        return Act(
            kind=ActKind(self.kind.value() or ActKind.REGULATION),
            titles=texts["titles"],
            issuers=texts["issuers"],
            instruments=texts["instruments"],
            number=number,
            approved_on=self.approved_on.day(),
        )

    def set_act(self, act: Act | None) -> None:
        shown = act or Act()
        self.kind.set_value(shown.kind)
        self.number.setText(shown.number)
        self.approved_on.set_day(shown.approved_on)
        for name, edits in self.fields.items():
            values: dict[str, str] = getattr(shown, name)
            for lang, edit in edits.items():
                edit.setText(values.get(lang, ""))

    def retranslate_ui(self) -> None:
        self.texts.apply()
        self.kind.retranslate()
        self.hint.setText(
            _(
                "Protocols name this act in full once and then cite its paragraphs. Enter "
                "the approving body and instrument in the form the sentence needs: "
                "“approved by Decree of the Government …”."
            )
        )
