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
    QVBoxLayout,
    QWidget,
)

from app import __version__, i18n, settings
from app.i18n import _
from app.views.help_window import context_help, install_help
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
        # The demo council's database says so above every page (set_demo).
        self.demo_banner = QLabel()
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setStyleSheet(
            "QLabel { background: #fff3cd; color: #664d03; padding: 6px; font-weight: bold; }"
        )
        self.demo_banner.hide()
        self._demo = False
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        # The status message shown through show_status, rendered again in a new language.
        self._status_render: Callable[[], str] | None = None

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
        self.guide_action = QAction(self)  # F1: the user guide at the focused widget's topic
        self.guide_action.setShortcuts(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(lambda _checked=False: context_help())
        self.help_menu.addAction(self.guide_action)
        install_help()  # F1 in every other window and dialog too
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def switch_language(self, code: str) -> None:
        """Switch the interface language now and remember the choice."""
        before = self.statusBar().currentMessage()
        if self._on_language is not None:
            code = self._on_language(code)
        else:
            code = i18n.set_interface_language(code)
            self.retranslate_ui()
        self._settings.user.set(settings.LANGUAGE, code)
        self._settings.user.sync()
        self.language_requested.emit(code)
        self._retranslate_status(before)

    def show_status(self, render: Callable[[], str]) -> None:
        """Show ``render()`` in the status bar, and render it again after a language switch."""
        self._status_render = render
        self.statusBar().showMessage(render())

    def _retranslate_status(self, before: str) -> None:
        """No status message stays in the language just left: render it again, or clear it.

        A page that shows its own message again on the language change has replaced it
        already; a message nobody renders again is cleared.
        """
        bar = self.statusBar()
        if not before or bar.currentMessage() != before:
            return
        render, self._status_render = self._status_render, None
        if render is not None and render() != before:
            self.show_status(render)
        else:
            bar.clearMessage()

    def set_demo(self, demo: bool) -> None:
        """Mark the window as showing the demo council, not a real one (title and banner)."""
        self._demo = demo
        self.demo_banner.setVisible(demo)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        title = _("Kenes: council secretariat")
        if self._demo:
            title = _("{title} — demo").format(title=title)
        self.setWindowTitle(title)
        self.demo_banner.setText(_("Demo data — not a real council"))
        for row, spec in enumerate(self._pages):
            self.navigation.item(row).setText(_(spec.label))
        self.file_menu.setTitle(_("&File"))
        self.quit_action.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.guide_action.setText(_("User &guide"))
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
