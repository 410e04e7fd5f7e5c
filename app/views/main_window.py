"""The main window: navigation between the parts of Kenes, language menu, status bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from app import __version__, i18n, settings
from app.i18n import _
from app.views.retranslate import Retranslatable


@dataclass(frozen=True)
class PageSpec:
    """A navigation entry: its label (marked with N_), icon and page."""

    label: str
    icon: QStyle.StandardPixmap
    widget: QWidget


class MainWindow(Retranslatable, QMainWindow):
    """Navigation on the left, the current page on the right."""

    language_requested = Signal(str)

    def __init__(
        self,
        store: settings.Settings,
        database_name: str,
        pages: Sequence[PageSpec],
        on_language: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._settings = store
        self._database_name = database_name
        self._pages = list(pages)
        self._on_language = on_language
        self.live_windows: list[QWidget] = []  # live meeting windows opened from the pages
        self.open_live: Callable[[int], None] | None = None

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(24, 24))
        self.navigation.setMinimumWidth(170)
        self.stack = QStackedWidget()
        for spec in self._pages:
            item = QListWidgetItem(self.style().standardIcon(spec.icon), "")
            self.navigation.addItem(item)
            self.stack.addWidget(spec.widget)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)

        splitter = QSplitter()  # side by side (``Qt`` itself is not loaded before start)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 800])
        self.setCentralWidget(splitter)

        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.database_label)

        self._build_menus()
        self.retranslate_ui()
        self._restore_state()

    # -- menus -----------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)  # setShortcut: +20 ms
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for lang in i18n.LANGUAGES:
            action = QAction(lang.native_name, self, checkable=True)
            action.setData(lang.code)
            action.setObjectName(f"language_{lang.code}")
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang.code] = action
            action.triggered.connect(lambda _checked=False, c=lang.code: self.switch_language(c))

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def switch_language(self, code: str) -> None:
        """Switch the interface language now and remember the choice."""
        if self._on_language is not None:
            code = self._on_language(code)
        else:
            code = i18n.set_interface_language(code)
            self.retranslate_ui()
        self._settings.user.set(settings.LANGUAGE, code)
        self._settings.user.sync()
        self.language_requested.emit(code)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Kenes: council secretariat"))
        for row, spec in enumerate(self._pages):
            self.navigation.item(row).setText(_(spec.label))
        self.file_menu.setTitle(_("&File"))
        self.quit_action.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Kenes"))
        self.database_label.setText(_("Database: {name}").format(name=self._database_name))
        current = i18n.interface_language()
        if current in self.language_actions:
            self.language_actions[current].setChecked(True)

    def set_database_name(self, name: str) -> None:
        """The database's name as the open database gives it (no password in a URL)."""
        self._database_name = name
        self.database_label.setText(_("Database: {name}").format(name=name))

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Kenes"), self.about_text())

    def about_text(self) -> str:
        import platform

        return _(
            "<h3>Kenes {version}</h3>"
            "<p>The secretariat's desk for councils, commissions and boards: compositions "
            "over time, meetings and agendas, attendance without substitution, votes and "
            "dissenting opinions, and signed protocols in Kazakh, Russian and English.</p>"
            "<p>Database: {database}<br>Python {python}, Qt {qt}, PySide6 {pyside}</p>"
        ).format(
            version=__version__,
            database=self._database_name,
            python=platform.python_version(),
            qt=PySide6.QtCore.qVersion(),
            pyside=PySide6.__version__,
        )

    # -- state -----------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.state.get(settings.GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        state = self._settings.state.get(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        page = self._settings.state.get(settings.CURRENT_PAGE)
        self.navigation.setCurrentRow(page if 0 <= page < len(self._pages) else 0)

    def save_state(self) -> None:
        self._settings.state.set(settings.GEOMETRY, self.saveGeometry())
        self._settings.state.set(settings.WINDOW_STATE, self.saveState())
        self._settings.state.set(settings.CURRENT_PAGE, self.navigation.currentRow())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

