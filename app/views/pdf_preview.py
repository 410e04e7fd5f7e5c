"""An in-app preview of a PDF: its pages in a scroll area, with zoom and a page count.

Why pypdfium2 and not QtPdf: QtPdf (``QPdfDocument``/``QPdfView``) is not in
PySide6-Essentials 6.11.  It comes either as the small ``PySide6_Pdf`` wheel,
published only for PySide6 6.12.0 (which on Python 3.11 drops a reference to
None on every call of a void method and aborts the process, "none_dealloc";
``pyproject.toml`` pins ``<6.12`` for that reason), or inside the 175 MB
``PySide6-Addons``.  pypdfium2 is a few MB, renders with PDFium (the engine
QtPdf wraps too), and gives a raw pixel buffer that becomes a :class:`QImage`
without numpy or Pillow.

Rendering is lazy and off the GUI thread: opening the document (and, with
:meth:`PdfPreview.load_from`, producing its bytes) and rasterizing pages run
in a :class:`BackgroundTask`; only the pages in view (and one around) are
rendered, and only the last few are kept, so a 60-page protocol does not hold
hundreds of megabytes of pixels.  PDFium is not thread-safe: every call to it
goes through one process-wide lock; a document is closed while no task
runs, or when the widget is destroyed (a page then being rendered fails
quietly: nobody waits for it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPalette, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import KenesError
from app.i18n import _, ngettext
from app.views.background import BackgroundTask
from app.views.pdf_pages import PDFIUM_LOCK, OpenedPdf, close_pdf, open_pdf, render_page
from app.views.retranslate import Retranslatable

if TYPE_CHECKING:  # imported by the first document opened (app/views/pdf_pages.py)
    import pypdfium2 as pdfium

__all__ = [
    "PDFIUM_LOCK",
    "PdfPreview",
    "PdfPreviewDialog",
    "close_pdf",
    "open_pdf",
    "render_page",
]

ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
POINT_TO_PIXEL = 96 / 72  # 100 % shows a page at the size it has printed on a 96 dpi screen
KEPT_PAGES = 12  # rendered pages kept in memory; the others go back to a blank placeholder
BATCH = 2  # pages rendered per background task, so a zoom or a scroll is answered soon
MARGIN = 200  # pixels above and below the view whose pages are rendered ahead


def _pdfium_error(exc: BaseException) -> bool:
    """Whether PDFium refused the document (it was loaded to open it)."""
    import pypdfium2 as pdfium

    return isinstance(exc, pdfium.PdfiumError)


class _Documents:
    """Every document a preview has open; all are closed when the widget is destroyed.

    A plain object (not the widget), so Qt's ``destroyed`` can still call it.
    """

    def __init__(self) -> None:
        self.open: list[pdfium.PdfDocument] = []

    def close(self, document: pdfium.PdfDocument) -> None:
        if document in self.open:
            self.open.remove(document)
        close_pdf(document)

    def close_all(self) -> None:
        while self.open:
            close_pdf(self.open.pop())


@dataclass(frozen=True)
class _Rendered:
    index: int
    scale: float
    image: QImage


class PdfPreview(Retranslatable, QWidget):
    """The pages of a PDF, rendered as they come into view; zoom in and out."""

    loaded = Signal(int)  # page count
    rendered = Signal(int)  # a page index, once its pixels are shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self._document: pdfium.PdfDocument | None = None
        self._sizes: tuple[tuple[float, float], ...] = ()
        self._data = b""  # the bytes of the document shown, for printing
        self._retired: list[pdfium.PdfDocument] = []
        self._documents = _Documents()
        self._tasks: list[BackgroundTask] = []  # running; documents close when none runs
        self._rendered: dict[int, float] = {}  # page index -> scale it was rendered at
        self._zoom = 1.0
        self._error = ""
        self._loading = False
        self._generation = 0  # bumped by every load and release: late results are dropped

        bar = self._build_bar()

        self.pages = QWidget()
        self.pages.setObjectName("pdfPages")
        self.pages.setAutoFillBackground(True)
        palette = self.pages.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(128, 128, 128))
        self.pages.setPalette(palette)
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setSpacing(12)
        self._pages_layout.setContentsMargins(12, 12, 12, 12)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._labels: list[QLabel] = []
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("pdfScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.pages)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._render_visible)
        self.scroll_area.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())
        self.scroll_area.horizontalScrollBar().valueChanged.connect(lambda _v: self._timer.start())
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.destroyed.connect(self._documents.close_all)
        self.retranslate_ui()

    def _build_bar(self) -> QHBoxLayout:
        """Zoom out, the zoom, zoom in, the page count and the status, in a row."""
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setObjectName("zoomOut")
        self.zoom_out_button.setText("−")
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setObjectName("zoomIn")
        self.zoom_in_button.setText("+")
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages_label = QLabel()
        self.pages_label.setObjectName("pdfPageCount")
        self.status = QLabel()
        self.status.setObjectName("pdfStatus")
        bar = QHBoxLayout()
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in_button)
        bar.addSpacing(16)
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.status)
        return bar

    # -- loading -------------------------------------------------------------------------
    def load(self, data: bytes) -> None:
        """Show the PDF in ``data``."""
        self.load_from(lambda: data)

    def load_from(self, produce: Callable[[], bytes]) -> None:
        """Produce the PDF's bytes off the GUI thread (e.g. render a protocol), then show it."""
        self._retire_document()
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._error = ""
        self._data = b""
        self._set_pages(())
        self._start(lambda: open_pdf(produce()), lambda result: self._opened(result, generation))
        self.retranslate_ui()

    def _opened(self, result: object, generation: int) -> None:
        assert isinstance(result, OpenedPdf)
        self._documents.open.append(result.document)
        if generation != self._generation:
            self._retired.append(result.document)  # released or reloaded meanwhile
            return
        self._loading = False
        self._document = result.document
        self._data = result.data
        self._set_pages(result.sizes)
        self.retranslate_ui()
        self.loaded.emit(len(result.sizes))

    def _set_pages(self, sizes: Sequence[tuple[float, float]]) -> None:
        for label in self._labels:
            self._pages_layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        self._rendered.clear()
        self._sizes = tuple(sizes)
        for index in range(len(self._sizes)):
            label = QLabel()
            label.setObjectName(f"pdfPage{index + 1}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFrameShape(QFrame.Shape.Box)
            label.setAutoFillBackground(True)
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(255, 255, 255))
            label.setPalette(palette)
            self._pages_layout.addWidget(label)
            self._labels.append(label)
        self._size_pages()

    def _size_pages(self) -> None:
        factor = self._zoom * POINT_TO_PIXEL
        for label, (width, height) in zip(self._labels, self._sizes, strict=True):
            label.setFixedSize(round(width * factor), round(height * factor))
        self._timer.start()

    # -- state, for the dialog and for tests ---------------------------------------------
    def page_count(self) -> int:
        return len(self._sizes)

    def rendered_pages(self) -> list[int]:
        """Indexes of the pages whose pixels are shown at the current zoom."""
        return sorted(i for i, s in self._rendered.items() if s == self._scale())

    def pdf_bytes(self) -> bytes:
        """The PDF shown (empty while loading, after a failure or a release)."""
        return self._data

    def page_image(self, index: int) -> QPixmap:
        return self._labels[index].pixmap()

    def busy(self) -> bool:
        return bool(self._tasks) or self._timer.isActive()

    def error(self) -> str:
        return self._error

    # -- zoom ----------------------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        if zoom == self._zoom:
            return
        self._zoom = zoom
        self._size_pages()
        self.retranslate_ui()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        lower = [z for z in ZOOM_STEPS if z < self._zoom - 1e-6]
        self.set_zoom(lower[-1] if lower else ZOOM_STEPS[0])

    def _scale(self) -> float:
        return self._zoom * POINT_TO_PIXEL * self.devicePixelRatioF()

    # -- rendering -----------------------------------------------------------------------
    def _visible_pages(self) -> list[int]:
        if not self._labels:
            return []
        if not self.isVisible():
            return [0]
        top = self.scroll_area.verticalScrollBar().value() - MARGIN
        bottom = top + self.scroll_area.viewport().height() + 2 * MARGIN
        return [
            i
            for i, label in enumerate(self._labels)
            if label.geometry().bottom() >= top and label.geometry().top() <= bottom
        ]

    def _render_visible(self) -> None:
        if self._tasks or self._document is None:
            return  # the running task calls again when it is done
        scale = self._scale()
        wanted = [i for i in self._visible_pages() if self._rendered.get(i) != scale][:BATCH]
        if not wanted:
            self._close_retired()
            return
        document = self._document
        self._start(
            lambda: [_Rendered(i, scale, render_page(document, i, scale)) for i in wanted],
            self._pages_rendered,
        )

    def _pages_rendered(self, result: object) -> None:
        assert isinstance(result, list)
        ratio = self.devicePixelRatioF()
        for page in result:
            assert isinstance(page, _Rendered)
            if page.index >= len(self._labels) or page.scale != self._scale():
                continue  # zoomed or reloaded meanwhile
            pixmap = QPixmap.fromImage(page.image)
            pixmap.setDevicePixelRatio(ratio)
            self._labels[page.index].setPixmap(pixmap)
            self._rendered[page.index] = page.scale
            self.rendered.emit(page.index)
        self._forget_far_pages()
        self._timer.start()

    def _forget_far_pages(self) -> None:
        if len(self._rendered) <= KEPT_PAGES:
            return
        visible = self._visible_pages() or [0]
        centre = (visible[0] + visible[-1]) / 2
        by_distance = sorted(self._rendered, key=lambda i: abs(i - centre), reverse=True)
        for index in by_distance[: len(self._rendered) - KEPT_PAGES]:
            self._labels[index].clear()
            del self._rendered[index]

    def _start(self, func: Callable[[], Any], on_done: Callable[[object], None]) -> None:
        task = BackgroundTask(func, on_done, self._failed, parent=self)
        task.finished.connect(lambda: self._task_finished(task))
        self._tasks.append(task)
        task.start()

    def _task_finished(self, task: BackgroundTask) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        task.deleteLater()
        self._close_retired()
        if self._document is not None:
            self._timer.start()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        if isinstance(exc, KenesError):
            self._error = exc.message()
        elif _pdfium_error(exc):
            self._error = _("The PDF cannot be shown: {reason}").format(reason=str(exc))
        else:
            raise exc
        self._set_pages(())
        self.retranslate_ui()

    # -- closing documents ---------------------------------------------------------------
    def _retire_document(self) -> None:
        if self._document is not None:
            self._retired.append(self._document)
            self._document = None

    def _close_retired(self) -> None:
        if self._tasks:
            return
        while self._retired:
            self._documents.close(self._retired.pop())

    def release(self) -> None:
        """Close the document (when no rendering runs); the widget then shows nothing."""
        self._retire_document()
        self._generation += 1
        self._loading = False
        self._data = b""
        self._set_pages(())
        self._close_retired()
        self.retranslate_ui()

    # -- Qt events -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._timer.start()

    def retranslate_ui(self) -> None:
        self.zoom_in_button.setToolTip(_("Zoom in"))
        self.zoom_out_button.setToolTip(_("Zoom out"))
        self.zoom_label.setText(_("{percent}%").format(percent=round(self._zoom * 100)))
        count = len(self._sizes)
        self.pages_label.setText(
            ngettext("{n} page", "{n} pages", count).format(n=count) if count else ""
        )
        if self._error:
            self.status.setText(self._error)
        elif self._loading:
            self.status.setText(_("Preparing the preview…"))
        else:
            self.status.setText("")


class PdfPreviewDialog(Retranslatable, QDialog):
    """A window with one :class:`PdfPreview`, a Print… button and a Close button.

    Print… (Ctrl+P) opens Qt's print preview over the same bytes the pages show,
    so what is printed is what was previewed; it is enabled once they are loaded.
    """

    def __init__(
        self, title: Callable[[], str], produce: Callable[[], bytes], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self._title = title
        self.print_preview: QDialog | None = None
        self.preview = PdfPreview()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printPdf")
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setEnabled(False)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.preview.loaded.connect(lambda _count: self._update_print())
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(860, 720)
        self.finished.connect(lambda _result: self.preview.release())
        self.preview.load_from(produce)
        self.retranslate_ui()

    def _update_print(self) -> None:
        self.print_button.setEnabled(bool(self.preview.pdf_bytes()))

    def print_document(self) -> QDialog | None:
        """Open the print preview (window-modal, not blocking); None while nothing is loaded."""
        data = self.preview.pdf_bytes()
        if not data:
            return None
        from app.views.printing import open_print_preview  # Qt's print support, when used

        self.print_preview = open_print_preview(data, self._title(), self)
        return self.print_preview

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title())
        self.print_button.setText(_("Print…"))
        self.print_button.setToolTip(_("Print the document through the system's print dialog"))
