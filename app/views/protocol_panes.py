"""The parts of the protocol editor that show one language: the narrative and the record.

:func:`item_texts` reads a saved narrative back from a draft snapshot,
:func:`record_html` shows what the meeting's record says on an item (read-only),
and :class:`LanguagePane` is one language tab of the editor.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.protocol import ItemSection, ProtocolSnapshot
from app.i18n import N_, _
from app.services.protocols.actions import Narrative
from app.views.form_widgets import Texts
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
