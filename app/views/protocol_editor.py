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
"""

from __future__ import annotations

import html
from dataclasses import dataclass

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
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.protocol import ItemSection, ProtocolSnapshot
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
from app.services.protocols.documents import protocol_snapshot
from app.services.protocols.read_protocol import read_protocol
from app.views.composition_model import shown_date
from app.views.form_widgets import ChoiceCombo, Texts, ask
from app.views.operations import PROTOCOLS, succeeded
from app.views.protocols_models import language_choices, language_name
from app.views.retranslate import Retranslatable


@dataclass(frozen=True)
class ItemTexts:
    """The narrative of one item in one language, as saved; ``fallback`` when it is missing."""

    saved: Narrative
    fallback: Narrative | None


def item_texts(snapshot: ProtocolSnapshot, section: ItemSection) -> ItemTexts:
    """Read the saved narrative back from a draft snapshot.

    A snapshot fills a missing narrative from another language and lists the
    gap as "Narrative of item N" in the interface language; then the text shown is a
    fallback, not the narrative of this language.
    """
    text = Narrative(section.heard_summary, "\n".join(section.spoke), section.spoke_summary)
    gap = _("Narrative of item {number}")  # gaps are named in the interface language
    if gap.format(number=section.number) in snapshot.gaps:
        return ItemTexts(Narrative(), text)
    return ItemTexts(text, None)


def record_html(snapshot: ProtocolSnapshot, number: int) -> str:
    """What the record says on item ``number``, in the snapshot's language (read-only)."""
    labels = snapshot.labels
    esc = html.escape
    parts = [
        f"<p><b>{esc(snapshot.title)}</b><br>{esc(snapshot.council_name)}<br>"
        f"{esc(snapshot.date_text)}, {esc(snapshot.time_text)}<br>{esc(snapshot.place)}</p>",
        f"<p>{esc(snapshot.presiding)}<br>{esc(snapshot.present_count)}"
        + (f"<br>{esc(snapshot.quorum)}" if snapshot.quorum else "")
        + "</p>",
    ]
    section = next((s for s in snapshot.items if s.number == number), None)
    if section is None:
        return "".join(parts)
    parts.append(f"<h3>{section.number}. {esc(section.title)}</h3>")
    if section.heard:
        speakers = "<br>".join(esc(s) for s in section.heard)
        parts.append(f"<p><b>{esc(labels.get('heard', ''))}</b><br>{speakers}</p>")
    if section.decisions:
        parts.append(f"<p><b>{esc(labels.get('decided', ''))}</b></p>")
    for decision in section.decisions:
        parts.append(
            f"<p>{esc(decision.number)}. {esc(decision.text)}<br><i>{esc(decision.result)}</i></p>"
        )
        if decision.instructions:
            rows = []
            for line in decision.instructions:
                details = [f"{esc(labels.get('executor', ''))}: {esc(line.executor)}"]
                if line.deadline:
                    details.append(f"{esc(labels.get('deadline', ''))}: {esc(line.deadline)}")
                rows.append(f"<li>{esc(line.number)}. {esc(line.text)} ({'; '.join(details)})</li>")
            parts.append(
                f"<p><b>{esc(labels.get('instructions', ''))}</b></p><ul>{''.join(rows)}</ul>"
            )
        parts.extend(f"<p><i>{esc(m)}</i></p>" for m in decision.dissent_mentions)
    return "".join(parts)


class LanguagePane(Retranslatable, QWidget):
    """One language tab: the narrative of the chosen item, the record, what is missing."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.texts = Texts()
        self.heard = self._editor("heard")
        self.spoke = self._editor("spoke")
        self.discussion = self._editor("discussion")
        self.record = QTextBrowser()
        self.record.setObjectName(f"record_{lang}")
        self.record.setOpenLinks(False)
        self.missing = QListWidget()
        self.missing.setObjectName(f"missing_{lang}")
        self.nothing_missing = QLabel()
        self.nothing_missing.setWordWrap(True)

        left = QWidget()
        form = QVBoxLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.texts.label(N_("Heard")))
        form.addWidget(self.heard, 3)
        form.addWidget(self.texts.label(N_("Spoke (one speaker a line)")))
        form.addWidget(self.spoke, 2)
        form.addWidget(self.texts.label(N_("Discussion")))
        form.addWidget(self.discussion, 3)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.texts.label(N_("From the meeting's record (read-only)")))
        side.addWidget(self.record, 3)
        side.addWidget(self.texts.label(N_("Missing in this language")))
        side.addWidget(self.missing, 1)
        side.addWidget(self.nothing_missing)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate_ui()

    def _editor(self, name: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setObjectName(f"{name}_{self.lang}")
        editor.setTabChangesFocus(True)
        return editor

    def editors(self) -> tuple[QPlainTextEdit, QPlainTextEdit, QPlainTextEdit]:
        return self.heard, self.spoke, self.discussion

    def narrative(self) -> Narrative:
        return Narrative(
            self.heard.toPlainText(), self.spoke.toPlainText(), self.discussion.toPlainText()
        )

    def show_narrative(self, text: Narrative, fallback: Narrative | None) -> None:
        for editor, value, hint in zip(
            self.editors(),
            (text.heard, text.spoke, text.discussion),
            (fallback.heard, fallback.spoke, fallback.discussion) if fallback else ("", "", ""),
            strict=True,
        ):
            editor.blockSignals(True)
            editor.setPlainText(value)
            editor.blockSignals(False)
            editor.setPlaceholderText(hint)  # what the protocol would show from another language

    def show_missing(self, gaps: tuple[str, ...]) -> None:
        self.missing.clear()
        for gap in gaps:
            self.missing.addItem(QListWidgetItem(gap))
        self.missing.setVisible(bool(gaps))
        self.nothing_missing.setVisible(not gaps)

    def missing_texts(self) -> list[str]:
        return [self.missing.item(i).text() for i in range(self.missing.count())]

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors():
            editor.setReadOnly(read_only)

    def retranslate_ui(self) -> None:
        self.texts.apply()
        self.nothing_missing.setText(_("Nothing is missing in this language."))
        self.spoke.setToolTip(_("One speaker a line: name, position"))


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
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(items_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([220, 880])

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
        layout.addWidget(self.heading)
        layout.addWidget(self.revision_note)
        layout.addWidget(self.locked_note)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 720)

        self._load_texts()
        self.items.currentRowChanged.connect(self._show_item)
        if self._items:
            self.items.setCurrentRow(0)
        self._apply_lock()
        self.retranslate_ui()

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
        """One service call per change; what was saved before a refusal stays saved."""
        if self._details_changed():
            self.info = update_protocol(
                self._db,
                self._actor,
                self.info.id,
                self.details(),
                expected_version=self.info.version,
            )
        for item_id, code in self._changed_texts():
            key = (item_id, code)
            self._stored[key] = set_narrative(
                self._db, self._actor, self.info.id, item_id, code, self._edited[key]
            )
            self._edited[key] = self._stored[key]
        self.info = read_protocol(self._db, self.info.id)
        self._reload_record()

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
