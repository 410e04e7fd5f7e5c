"""Small form pieces of the meeting dialogs: a text per language, times, an optional end.

:class:`LanguageFields` (one line per language) is shared with the agenda editor.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from app.i18n import LANGUAGES, _
from app.views.retranslate import Retranslatable


class LanguageFields(QWidget):
    """One line edit per language (Kazakh, Russian, English), labelled with the language's name.

    The labels are the languages' own names, which are never translated.
    """

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        for lang in LANGUAGES:
            edit = QLineEdit()
            if name:
                edit.setObjectName(f"{name}_{lang.code}")
            self.edits[lang.code] = edit
            layout.addRow(lang.native_name, edit)

    def texts(self) -> dict[str, str]:
        return {code: edit.text() for code, edit in self.edits.items()}

    def set_texts(self, texts: dict[str, str]) -> None:
        for code, edit in self.edits.items():
            edit.setText(texts.get(code, ""))

    def set_minimum_width(self, width: int) -> None:
        for edit in self.edits.values():
            edit.setMinimumWidth(width)


def to_qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(to_qtime(value))
    edit.setDisplayFormat("HH:mm")
    return edit


class OptionalTimeEdit(Retranslatable, QWidget):
    """A time that may be left out: a check box switches the time field on."""

    def __init__(self, value: time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox()
        self.edit = time_edit(value or time(12, 0))
        layout.addWidget(self.known)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.set_time(value)
        self.retranslate_ui()

    def value(self) -> time | None:
        return from_qtime(self.edit.time()) if self.known.isChecked() else None

    def set_time(self, value: time | None) -> None:
        self.known.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setTime(to_qtime(value))

    def retranslate_ui(self) -> None:
        self.known.setToolTip(_("Tick when the end time is known"))
