"""The protocol editor: the protocol's number, city and main language, and per agenda item
and per language what was heard, who spoke and the discussion.

Everything else in a protocol comes from the meeting's record and is not
edited here (DESIGN §3: a protocol is assembled from the record): the right
side of each language tab shows it read-only, from :func:`protocol_snapshot`
in that language, with the list of texts still missing in that language
(:func:`missing_texts`; they would be filled from another language).

Edits are kept in the dialog until Save (or OK): the details go to
:func:`update_protocol` and each changed text to :func:`set_narrative`, one
transaction each; a refusal is shown by the operation runner
(:mod:`app.views.operations`) and the input is kept.  Cancel with unsaved
changes asks first.

Every change Save writes can be undone (Ctrl+Z) and redone (Ctrl+Shift+Z,
Ctrl+Y) while the editor is open (:mod:`app.views.protocol_undo`): each step is
written back at once, and refused once the protocol is signed or the text was
changed meanwhile.  The language tabs are :class:`LanguagePane`
(:mod:`app.views.protocol_panes`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.protocol import ProtocolSnapshot
from app.domain.protocol_states import LOCKED
from app.i18n import LANGUAGE_CODES, N_, _, interface_language
from app.services.base import Actor
from app.services.conduct.queries import ItemLine, live_meeting
from app.services.councils import get_council
from app.services.handles import Database
from app.services.protocols.actions import (
    Narrative,
    ProtocolDetails,
    missing_texts,
    set_narrative,
    update_protocol,
)
from app.services.protocols.common import ProtocolInfo
from app.services.protocols.documents import protocol_snapshot
from app.services.protocols.read_protocol import read_protocol
from app.views.composition_model import shown_date
from app.views.form_widgets import ChoiceCombo, Texts, ask
from app.views.operations import PROTOCOLS, succeeded
from app.views.protocol_panes import ItemTexts, LanguagePane, item_texts, record_html
from app.views.protocol_undo import ProtocolUndo, details_of
from app.views.protocols_models import language_choices, language_name
from app.views.retranslate import Retranslatable

__all__ = ["ItemTexts", "LanguagePane", "ProtocolEditor", "item_texts", "record_html"]


class ProtocolEditor(Retranslatable, QDialog):
    """Edit a draft protocol: details, and the narrative of each item in each language."""

    saved = Signal(object)  # ProtocolInfo

    def __init__(
        self, db: Database, actor: Actor, protocol_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("protocolEditor")
        self._db = db
        self._actor = actor
        self.info = read_protocol(db, protocol_id)
        live = live_meeting(db, self.info.meeting_id)
        self._meeting = live.meeting
        self._council = get_council(db, live.meeting.council_id)
        self._items: tuple[ItemLine, ...] = live.items
        self._stored: dict[tuple[int, str], Narrative] = {}
        self._edited: dict[tuple[int, str], Narrative] = {}
        self._fallback: dict[tuple[int, str], Narrative | None] = {}
        self._snapshots: dict[str, ProtocolSnapshot] = {}
        self._gaps: dict[str, tuple[str, ...]] = {}
        self.texts = Texts()
        self.undo = ProtocolUndo(
            db, actor, self, lambda: self.info, self._text_undone, self._details_undone
        )

        self.heading = QLabel()
        self.heading.setObjectName("protocolHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.revision_note = QLabel()
        self.revision_note.setWordWrap(True)
        self.locked_note = QLabel()
        self.locked_note.setWordWrap(True)
        self.undo_bar = self._build_undo_bar()
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.undo_bar)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(heading_row)
        layout.addWidget(self.revision_note)
        layout.addWidget(self.locked_note)
        layout.addLayout(self._build_details())
        layout.addWidget(self._build_texts(), 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 720)

        self._load_texts()
        self.items.currentRowChanged.connect(self._show_item)
        if self._items:
            self.items.setCurrentRow(0)
        self._apply_lock()
        self.retranslate_ui()

    def _build_undo_bar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("protocolUndoBar")
        for action in (self.undo.undo_action, self.undo.redo_action):
            bar.addAction(action)
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return bar

    def _build_details(self) -> QFormLayout:
        """Number, main language and the city in each language."""
        self.number = QLineEdit(self.info.number)
        self.number.setObjectName("protocolNumber")
        self.number.setMaximumWidth(160)
        self.main_language = ChoiceCombo(language_choices())
        self.main_language.setObjectName("mainLanguage")
        self.main_language.set_value(self.info.main_language)
        self.cities: dict[str, QLineEdit] = {}
        city_row = QHBoxLayout()
        for code in LANGUAGE_CODES:
            edit = QLineEdit(self.info.cities.get(code, ""))
            edit.setObjectName(f"city_{code}")
            self.cities[code] = edit
            city_row.addWidget(QLabel(language_name(code)))
            city_row.addWidget(edit, 1)
        top_row = QHBoxLayout()
        top_row.addWidget(self.number)
        top_row.addSpacing(24)
        top_row.addWidget(self.texts.label(N_("Main language")))
        top_row.addWidget(self.main_language)
        top_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Protocol number")), top_row)
        form.addRow(self.texts.label(N_("City")), city_row)
        return form

    def _build_texts(self) -> QSplitter:
        """The agenda items beside a tab per language with the item's narrative."""
        self.items = QListWidget()
        self.items.setObjectName("agendaItems")
        self.items.setWordWrap(True)
        for line in self._items:
            entry = QListWidgetItem()
            entry.setData(Qt.ItemDataRole.UserRole, line.item.id)
            self.items.addItem(entry)
        items_box = QWidget()
        items_layout = QVBoxLayout(items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.texts.label(N_("Agenda items")))
        items_layout.addWidget(self.items)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("languageTabs")
        self.panes: dict[str, LanguagePane] = {}
        for code in LANGUAGE_CODES:
            pane = LanguagePane(code)
            self.panes[code] = pane
            self.tabs.addTab(pane, language_name(code))
            for editor in pane.editors():
                editor.textChanged.connect(lambda code=code: self._text_changed(code))
                self.undo.watch(editor)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(items_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([220, 880])
        return splitter

    # -- loading -------------------------------------------------------------------------
    def _load_texts(self) -> None:
        """Read the narratives back from the snapshots, and what is missing per language."""
        if not succeeded(self, self._reload_record):
            return
        for code, snapshot in self._snapshots.items():
            for section in snapshot.items:
                if not 0 < section.number <= len(self._items):
                    continue
                key = (self._items[section.number - 1].item.id, code)
                texts = item_texts(snapshot, section)
                self._stored[key] = texts.saved
                self._edited[key] = texts.saved
                self._fallback[key] = texts.fallback

    def _reload_record(self) -> None:
        pid = self.info.id
        if self.info.state in LOCKED:
            # A signed protocol exists only in the languages it was issued in, as issued.
            self._snapshots = {
                i.lang: protocol_snapshot(self._db, pid, i.lang) for i in self.info.issued
            }
            self._gaps = {i.lang: i.gaps for i in self.info.issued}
        else:
            self._snapshots = {
                code: protocol_snapshot(self._db, pid, code) for code in LANGUAGE_CODES
            }
            self._gaps = {code: missing_texts(self._db, pid, code) for code in LANGUAGE_CODES}
        for code, snapshot in self._snapshots.items():
            for section in snapshot.items:
                if 0 < section.number <= len(self._items):
                    key = (self._items[section.number - 1].item.id, code)
                    self._fallback[key] = item_texts(snapshot, section).fallback
        self._show_record()

    def _show_record(self) -> None:
        row = self.items.currentRow()
        number = row + 1
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index, code in enumerate(LANGUAGE_CODES):
            pane = self.panes[code]
            snapshot = self._snapshots.get(code)
            pane.record.setHtml(record_html(snapshot, number) if snapshot else "")
            gaps = self._gaps.get(code, ())
            pane.show_missing(gaps)
            self.tabs.setTabIcon(index, warning if gaps else QIcon())

    # -- the chosen item ------------------------------------------------------------------
    def current_item_id(self) -> int | None:
        row = self.items.currentRow()
        return self._items[row].item.id if 0 <= row < len(self._items) else None

    def select_item(self, item_id: int) -> None:
        for row, line in enumerate(self._items):
            if line.item.id == item_id:
                self.items.setCurrentRow(row)

    def _show_item(self, _row: int = 0) -> None:
        item_id = self.current_item_id()
        for code, pane in self.panes.items():
            key = (item_id or 0, code)
            pane.show_narrative(self._edited.get(key, Narrative()), self._fallback.get(key))
        self._show_record()

    def _text_changed(self, code: str) -> None:
        item_id = self.current_item_id()
        if item_id is not None:
            self._edited[(item_id, code)] = self.panes[code].narrative()

    # -- what the user changed ------------------------------------------------------------
    def narrative(self, item_id: int, lang: str) -> Narrative:
        """The text of an item in a language as edited (saved or not)."""
        return self._edited.get((item_id, lang), Narrative())

    def details(self) -> ProtocolDetails:
        return ProtocolDetails(
            self.number.text(),
            {code: edit.text() for code, edit in self.cities.items()},
            str(self.main_language.value()),
        )

    def _details_changed(self) -> bool:
        details = self.details()
        return (
            details.number != self.info.number
            or details.main_language != self.info.main_language
            or any(details.cities[c] != self.info.cities.get(c, "") for c in LANGUAGE_CODES)
        )

    def _changed_texts(self) -> list[tuple[int, str]]:
        return [
            key for key, text in self._edited.items() if text != self._stored.get(key, Narrative())
        ]

    def is_dirty(self) -> bool:
        return self._details_changed() or bool(self._changed_texts())

    def missing(self, lang: str) -> tuple[str, ...]:
        """The texts missing in ``lang`` as last read (after the last save)."""
        return self._gaps.get(lang, ())

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the details and every changed text; True when all were saved."""
        if self.info.state in LOCKED:
            return False
        if not succeeded(self, self._write, PROTOCOLS):
            return False
        self._show_item()
        self.retranslate_ui()
        self.saved.emit(self.info)
        return True

    def _write(self) -> None:
        """One service call per change; what was saved before a refusal stays saved.

        Each change written becomes a step of the undo stack.
        """
        if self._details_changed():
            before = details_of(self.info)
            self.info = update_protocol(
                self._db,
                self._actor,
                self.info.id,
                self.details(),
                expected_version=self.info.version,
            )
            self.undo.details_saved(before, details_of(self.info))
        for item_id, code in self._changed_texts():
            key = (item_id, code)
            before_text = self._stored.get(key, Narrative())
            self._stored[key] = set_narrative(
                self._db, self._actor, self.info.id, item_id, code, self._edited[key]
            )
            self._edited[key] = self._stored[key]
            self.undo.text_saved(key, self._step_label(key), before_text, self._stored[key])
        self.info = read_protocol(self._db, self.info.id)
        self._reload_record()

    def _step_label(self, key: tuple[int, str]) -> Callable[[], str]:
        item_id, code = key
        number = next((i + 1 for i, line in enumerate(self._items) if line.item.id == item_id), 0)
        return lambda: _("Text of item {number} ({language})").format(
            number=number, language=language_name(code)
        )

    def _text_undone(self, key: tuple[int, str], text: Narrative) -> None:
        """An undo or redo wrote ``text``: show it (unsaved typing elsewhere stays)."""
        self._stored[key] = text
        self._edited[key] = text
        self.info = read_protocol(self._db, self.info.id)
        succeeded(self, self._reload_record)
        self.select_item(key[0])
        self.tabs.setCurrentIndex(list(LANGUAGE_CODES).index(key[1]))
        self._show_item()
        self.saved.emit(self.info)

    def _details_undone(self, info: ProtocolInfo) -> None:
        self.info = info
        self.number.setText(info.number)
        self.main_language.set_value(info.main_language)
        for code, edit in self.cities.items():
            edit.setText(info.cities.get(code, ""))
        succeeded(self, self._reload_record)
        self.retranslate_ui()
        self.saved.emit(self.info)

    def accept(self) -> None:
        if self.info.state not in LOCKED and not self.save():
            return
        super().accept()

    def reject(self) -> None:
        if (
            self.info.state not in LOCKED
            and self.is_dirty()
            and not ask(self, _("Close the editor and lose the changes you have not saved?"))
        ):
            return
        super().reject()

    def _apply_lock(self) -> None:
        locked = self.info.state in LOCKED
        for pane in self.panes.values():
            pane.set_read_only(locked)
        for edit in (self.number, *self.cities.values()):
            edit.setReadOnly(locked)
        self.main_language.setEnabled(not locked)
        self.save_button.setEnabled(not locked)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not locked)
        self.locked_note.setVisible(locked)

    # -- language -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        lang = interface_language()
        self.setWindowTitle(_("Protocol No. {number}").format(number=self.info.number))
        self.texts.apply()
        self.main_language.retranslate()
        self.heading.setText(
            _("Protocol of meeting No. {meeting} of {date}: {council}").format(
                meeting=self._meeting.number,
                date=shown_date(self._meeting.day),
                council=self._council.name(lang),
            )
        )
        if self.info.revision > 1:
            self.revision_note.setText(
                _("Revision {revision}. Reason: {reason}").format(
                    revision=self.info.revision, reason=self.info.revision_reason
                )
            )
        self.revision_note.setVisible(self.info.revision > 1)
        self.locked_note.setText(
            _("This protocol is signed and does not change; make a correction as a new revision.")
        )
        self.save_button.setText(_("Save"))
        for row, line in enumerate(self._items):
            title = f"{line.index + 1}. {line.item.title(lang)}"
            self.items.item(row).setText(title)
            self.items.item(row).setToolTip(title)
        for pane in self.panes.values():
            pane.retranslate_ui()
