"""Search the archive from the Protocols page: a search box and the texts found.

The search runs 200 ms after the last keystroke (a single-shot timer restarted on every
change), so typing a word costs one search, not one per letter.  Each hit shows the
meeting's date, the council, where the text was found (agenda item, decision, protocol
instruction, protocol text, dissenting opinion) and the words around the match, the
matched words in bold.  Enter or a double click on a hit emits :attr:`SearchPanel.open_meeting`
with the meeting's id; the page that holds the panel opens it.

A refusal of the search (words too short, say) is not run through the
operation runner: it is written under the box instead of in a message box,
which would pop up while the user types.  The panel follows changes to the
records it searches (:func:`~app.views.operations.follow`) and searches again.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.i18n import N_, _, interface_language, ngettext
from app.services.handles import Database
from app.services.search import SearchHit, search, snippet_parts
from app.views.composition_model import Column, RowCacheModel, shown_date
from app.views.operations import Record, follow
from app.views.retranslate import Retranslatable

DEBOUNCE_MS = 200
LIMIT = 50
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1  # the snippet as HTML, matches in bold

KIND_LABELS = {
    "item": N_("Agenda item"),
    "decision": N_("Decision"),
    "instruction": N_("Protocol instruction"),
    "narrative": N_("Protocol text"),
    "dissent": N_("Dissenting opinion"),
}
LANGUAGE_TAGS = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}
# What the hits show: a change of these elsewhere runs the search again.
SEARCHED_RECORDS = frozenset(
    {Record.COUNCILS, Record.MEETINGS, Record.AGENDA, Record.CONDUCT, Record.PROTOCOLS}
)


def snippet_html(hit: SearchHit) -> str:
    """The snippet with the matched words in bold, safe to show as rich text."""
    return "".join(
        f"<b>{escape(text)}</b>" if matched else escape(text)
        for text, matched in snippet_parts(hit.snippet)
    )


def _found_in(_row: int, hit: SearchHit) -> str:
    return f"{_(KIND_LABELS.get(hit.kind, hit.kind))} · {LANGUAGE_TAGS.get(hit.lang, hit.lang)}"


class SearchResultsModel(RowCacheModel[SearchHit]):
    """The hits of the last search, in the order the service gave them (newest first)."""

    columns = (
        Column(N_("Date"), lambda _r, hit: shown_date(hit.meeting_date)),
        Column(N_("No."), lambda _r, hit: str(hit.meeting_number), align_right=True),
        Column(N_("Council"), lambda _r, hit: hit.council_name(interface_language())),
        Column(N_("Found in"), _found_in),
        Column(N_("Text"), lambda _r, hit: hit.plain_snippet()),
    )
    TEXT_COLUMN = 4

    def hit(self, row: int) -> SearchHit:
        return self.row(row)

    def extra_data(self, item: SearchHit, role: int) -> Any:
        if role == SNIPPET_ROLE:
            return snippet_html(item)
        if role == Qt.ItemDataRole.UserRole:
            return item.meeting_id
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Paints a snippet as rich text, so the matched words stand out in bold."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        document = QTextDocument()
        document.setDefaultFont(item.font)
        document.setDocumentMargin(2)
        document.setHtml(str(index.data(SNIPPET_ROLE) or ""))
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        colour = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(colour))
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        painter.save()
        top = rect.top() + max(0.0, (rect.height() - document.size().height()) / 2)
        painter.translate(rect.left(), top)
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()


class ResultsView(QTableView):
    """The hits; Enter opens the meeting of the current one."""

    def __init__(
        self, on_activate: Callable[[QModelIndex], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._on_activate = on_activate

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activate(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchPanel(Retranslatable, QWidget):
    """A search box over the archive's protocols, decisions and dissenting opinions."""

    open_meeting = Signal(int)  # the meeting of the hit the user chose

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, delay_ms: int = DEBOUNCE_MS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._db = db
        self._searched = ""
        self.hits: list[SearchHit] = []

        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.query.textChanged.connect(self._typed)
        self.query.returnPressed.connect(self.run_search)
        self.timer.timeout.connect(self.run_search)

        self.model = SearchResultsModel(self)
        self.table = ResultsView(self._activate)
        self.table.setObjectName("searchResults")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SearchResultsModel.TEXT_COLUMN, SnippetDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(SearchResultsModel.TEXT_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 150)
        header.resizeSection(1, 260)
        header.resizeSection(2, 190)
        self.table.doubleClicked.connect(self._activate)

        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()
        follow(self, SEARCHED_RECORDS, lambda _changes: self._search_again())

    # -- searching ---------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self.timer.start()  # restarted by every keystroke: one search after a pause

    def run_search(self) -> None:
        """Search now for the text in the box (the timer calls this after a pause)."""
        self.timer.stop()
        text = self.query.text()
        self._searched = text
        try:
            self.hits = search(self._db, text, limit=LIMIT)
        except KenesError as exc:
            self.hits = []
            self.model.set_rows([])
            self.status.setText(exc.message())
            return
        self.model.set_rows(self.hits)
        self._show_count()

    def _search_again(self) -> None:
        if self._searched.strip():
            self.run_search()

    def _show_count(self) -> None:
        if not self._searched.strip():
            self.status.setText("")
            return
        count = len(self.hits)
        if count == 0:
            self.status.setText(_("Nothing found."))
        elif count >= LIMIT:
            self.status.setText(
                _("The {n} newest texts found are shown; add a word to narrow the search.").format(
                    n=count
                )
            )
        else:
            self.status.setText(
                ngettext("{n} text found.", "{n} texts found.", count).format(n=count)
            )

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid() and 0 <= index.row() < self.model.rowCount():
            self.open_meeting.emit(self.model.hit(index.row()).meeting_id)

    # -- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.query.setPlaceholderText(
            _("Search protocols, decisions and dissenting opinions (Kazakh, Russian, English)")
        )
        self.query.setToolTip(
            _(
                "Type words or their beginnings; every word must occur. The search starts "
                "when you pause typing."
            )
        )
        self.model.retranslate()
        # The columns before the text are at least as wide as their titles in this language.
        header = self.table.horizontalHeader()
        for column in range(SearchResultsModel.TEXT_COLUMN):
            header.resizeSection(
                column, max(header.sectionSize(column), header.sectionSizeHint(column))
            )
        self._show_count()
