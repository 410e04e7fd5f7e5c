"""The main window before its database is open: menus, navigation and one slot per page.

Kenes shows this window at once and opens the database off the GUI thread (``app.gui``):
importing the database layer and reading the first page take several times as long as
Python and Qt need to show a window.  Each slot says that the database is opening; once
it is open, a slot builds its page the first time it is shown, so pages nobody opens
never read their records.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStyle, QVBoxLayout, QWidget

from app import settings
from app.i18n import N_, _
from app.views.main_window import MainWindow, PageSpec
from app.views.qt_i18n import apply_language
from app.views.retranslate import Retranslatable

COUNCILS, MEETINGS, PROTOCOLS, INSTRUCTIONS = range(4)

NAVIGATION = (
    ("councilsSlot", N_("Councils"), QStyle.StandardPixmap.SP_DirHomeIcon),
    ("meetingsSlot", N_("Meetings"), QStyle.StandardPixmap.SP_FileDialogDetailedView),
    ("protocolsSlot", N_("Protocols"), QStyle.StandardPixmap.SP_FileIcon),
    ("instructionsSlot", N_("Instructions"), QStyle.StandardPixmap.SP_DialogApplyButton),
)
"""The parts of Kenes in the order of the navigation: object name, label, icon."""


class PageSlot(Retranslatable, QWidget):
    """Where a page goes: a "database is opening" notice until its builder is known.

    The page is built the first time the slot is shown with a builder (or when asked
    for with :meth:`page`).  Building every page at start read every meeting, protocol
    and instruction of the database: about 70 s for an archive of 2,000 meetings.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._build: Callable[[], QWidget] | None = None
        self._page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._waiting = QWidget()
        self._waiting.setObjectName("openingNotice")
        waiting = QVBoxLayout(self._waiting)
        waiting.addStretch(1)
        self.notice = QLabel()
        self.notice.setObjectName("openingLabel")
        busy = QProgressBar()
        busy.setRange(0, 0)  # busy: the time it takes is not known
        busy.setTextVisible(False)
        busy.setFixedWidth(320)
        for widget in (self.notice, busy):
            # Centred by stretches: alignment flags would load PySide's ``Qt`` namespace
            # (about 20 ms) before the window is shown.
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(widget)
            row.addStretch(1)
            waiting.addLayout(row)
        waiting.addStretch(2)
        layout.addWidget(self._waiting)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.notice.setText(_("Opening the database…"))

    @property
    def ready(self) -> bool:
        """The database is open: the page can be built."""
        return self._build is not None

    @property
    def built(self) -> bool:
        return self._page is not None

    def set_builder(self, build: Callable[[], QWidget]) -> None:
        """The database is open: build the page now if it is on screen, else when shown."""
        self._build = build
        if self.isVisible():
            self.page()

    def page(self) -> QWidget:
        """The page, built now if it was not."""
        if self._page is None:
            if self._build is None:
                raise RuntimeError(f"{self.objectName()}: the database is not open yet")
            self._page = self._build()
            self._waiting.hide()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._page)
        return self._page

    def showEvent(self, event: QShowEvent) -> None:
        if self._build is not None:
            self.page()
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload the page if it is built; one built later reads the records then."""
        if self._page is not None:
            method = getattr(self._page, "refresh", None)
            if callable(method):
                method()


def shell_window(store: settings.Settings, database_name: str) -> MainWindow:
    """The main window with an empty slot for each page."""
    pages = [PageSpec(label, icon, PageSlot(name)) for name, label, icon in NAVIGATION]
    return MainWindow(store, database_name, pages, on_language=apply_language)


def slot(window: MainWindow, index: int) -> PageSlot:
    """The slot of page ``index`` (``COUNCILS`` ...) of a window made by :func:`shell_window`."""
    widget = window.stack.widget(index)
    assert isinstance(widget, PageSlot)
    return widget
