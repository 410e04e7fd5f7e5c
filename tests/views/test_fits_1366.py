"""At 1366×768, in kk, ru and en, no label, button or column header is clipped.

The common office laptop has a 1366×768 screen.  The test opens the main window
at that size on the demo database, visits every page and the main dialogs, and
compares each visible text with the room its widget gives it: a label's text
width with its width (a word-wrapped label fits if its height holds the wrapped
text), a button's, check box's or radio button's size hint with its size, a
group box's title with its width, a drop-down list's chosen text with its
field, and a column header's text with its section.
It fails listing every clipped text, as "where: text (needs N px, has M px)", a
table whose columns run past its right edge, and a page wider than the window
(it would scroll sideways).

Clipped texts already reported to the owners of their files, and not yet fixed,
are listed in :data:`REPORTED`; the test fails on any other, so a new one is
caught when it appears.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtGui import Qt as GuiQt  # Qt::mightBeRichText lives in QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app import desktop, settings
from app.i18n import interface_language, translations
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.demo_meeting import create_demo_meeting
from app.views.main_window import MainWindow
from app.views.qt_i18n import apply_language
from tools.screenshots import meeting_in_progress

SIZE = (1366, 768)
LANGUAGES = ("kk", "ru", "en")
SLACK = 2  # pixels: rounding of text metrics
IN_PROGRESS = 2  # the meeting made by ``meeting_in_progress`` after the signed demo one

# None now: every clipped text found at 1366×768 was fixed (2026-12-04).
REPORTED: dict[str, frozenset[str]] = {"kk": frozenset(), "ru": frozenset(), "en": frozenset()}
"""Clipped texts ("where: text", without the pixels) reported to the owners of their files."""


# -- the check -------------------------------------------------------------------------------
def where(widget: QWidget) -> str:
    """A widget's place: its window's class and its nearest object name."""
    named = widget
    while named is not None and not named.objectName():
        named = named.parentWidget()
    name = named.objectName() if named is not None else ""
    return f"{type(widget.window()).__name__}/{type(widget).__name__}#{name}"


def might_be_rich(text: str) -> bool:
    return bool(GuiQt.mightBeRichText(text))  # type: ignore[attr-defined]


def _text_width(widget: QWidget, text: str) -> int:
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.textFormat() == Qt.TextFormat.RichText or might_be_rich(text):
        return None
    room = label.contentsRect().width() - 2 * label.margin() - 2 * max(label.indent(), 0)
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed <= label.height() + SLACK:
            return None
        return f"{where(label)}: {text!r} (needs {needed} px high, has {label.height()})"
    needed = _text_width(label, text.replace("&", "", 1) if label.buddy() else text)
    if needed > room + SLACK:
        return f"{where(label)}: {text!r} (needs {needed} px, has {room})"
    return None


def _button(button: QAbstractButton) -> str | None:
    text = button.text()
    if not text:
        return None
    needed, has = button.sizeHint().width(), button.width()
    if needed > has + SLACK:
        return f"{where(button)}: {text!r} (needs {needed} px, has {has})"
    return None


@cache
def interface_texts(lang: str) -> frozenset[str]:
    """The texts of the interface in ``lang`` (a drop-down list of records may elide data)."""
    catalog = getattr(translations("kk"), "_catalog", {})
    if lang == "en":
        return frozenset(k for k in catalog if isinstance(k, str))
    return frozenset(v for v in getattr(translations(lang), "_catalog", {}).values())


def _combo(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable() or text not in interface_texts(interface_language()):
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed, has = _text_width(combo, text), field.width()
    if needed > has + SLACK:
        return f"{where(combo)}: {text!r} (needs {needed} px, has {has})"
    return None


def _group(box: QGroupBox) -> str | None:
    title = box.title().replace("&", "", 1)
    if not title:
        return None
    needed, has = _text_width(box, title) + 16, box.width()  # the frame's indent on each side
    if needed > has + SLACK:
        return f"{where(box)}: {title!r} (needs {needed} px, has {has})"
    return None


def _header(header: QHeaderView) -> Iterator[str]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    font = QFont(header.font())
    font.setBold(header.highlightSections())  # a highlighted section's title is bold
    metrics = QFontMetrics(font)
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) <= 0:
            continue
        text = model.headerData(section, Qt.Orientation.Horizontal)
        if not isinstance(text, str) or not text:
            continue
        width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        needed = width + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        has = header.sectionSize(section)
        if needed > has + SLACK:
            yield f"{where(header)} column {section + 1}: {text!r} (needs {needed} px, has {has})"
    room = header.viewport().width()
    if header.length() > room + SLACK:  # the columns run past the table's right edge
        yield f"{where(header)}: the columns (needs {header.length()} px, has {room})"


def _scrolled(area: QScrollArea) -> str | None:
    """A page wider than its scroll area: the window scrolls sideways."""
    page = area.widget()
    if page is None or not area.widgetResizable():
        return None
    needed, has = page.width(), area.viewport().width()
    if needed > has + SLACK:
        return f"{where(page)}: the page (needs {needed} px, has {has})"
    return None


def clipped(root: QWidget) -> list[str]:
    """Every visible text under ``root`` (itself included) that its widget cuts off."""
    found: list[str] = []
    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QScrollArea):
            problem = _scrolled(widget)
        elif isinstance(widget, QLabel):
            problem = _label(widget)
        elif isinstance(widget, QPushButton | QCheckBox | QRadioButton):
            problem = _button(widget)
        elif isinstance(widget, QGroupBox):
            problem = _group(widget)
        elif isinstance(widget, QComboBox):
            problem = _combo(widget)
        elif isinstance(widget, QHeaderView):
            found.extend(_header(widget))
            continue
        else:
            continue
        if problem:
            found.append(problem)
    return found


# -- the tour --------------------------------------------------------------------------------
def settle(qtbot: QtBot) -> None:
    """Let background reads finish and reach the widgets."""
    for _round in range(3):
        QThreadPool.globalInstance().waitForDone(5_000)
        qtbot.wait(30)


def page_of(window: MainWindow, row: int, name: str) -> QWidget:
    """The page class ``name`` shown at navigation ``row`` (it may sit in a scroll area)."""
    window.navigation.setCurrentRow(row)
    holder = window.stack.widget(row)
    for widget in (holder, *holder.findChildren(QWidget)):
        if type(widget).__name__ == name:
            return widget
    raise AssertionError(f"no {name} on page {row}")


def dialogs_of(page: QWidget, methods: tuple[str, ...]) -> Iterator[QWidget]:
    """The dialogs ``page`` opens with each of ``methods`` (those it has and may open now)."""
    commands = getattr(page, "commands", None)  # the Meetings page's actions
    for method in methods:
        opener: Callable[[], object] | None = getattr(page, method, None) or getattr(
            commands, method, None
        )
        if opener is None:
            continue
        dialog = opener()
        if isinstance(dialog, QWidget):
            yield dialog


TOUR = (
    (0, "CouncilsPage", ("new_council", "open_people")),
    (0, "CompositionView", ("add_member", "add_seat")),
    (1, "MeetingsPage", ("plan_meeting", "edit_meeting", "preview_notice", "notify_members")),
    (1, "AgendaEditor", ("add_item",)),
    (2, "ProtocolsPage", ("preview",)),
    (3, "InstructionsPage", ()),
)
"""Navigation row, the page's class and the methods that open its main dialogs."""


@pytest.fixture
def window(qtbot: QtBot, database: Database, tmp_path: Path) -> Iterator[MainWindow]:
    create_demo(database, SYSTEM)
    create_demo_meeting(database, SYSTEM)
    meeting_in_progress(database, SYSTEM)  # notified, with attendance and votes
    win = desktop.build_main_window(settings.Settings(tmp_path / "config"), database)
    qtbot.addWidget(win)
    win.resize(*SIZE)
    yield win
    apply_language("en")


def tour(qtbot: QtBot, window: MainWindow, database: Database) -> list[str]:
    """Every clipped text of the pages and dialogs of :data:`TOUR`."""
    window.show()
    qtbot.waitExposed(window)
    found: list[str] = []
    for row, name, methods in TOUR:
        page = page_of(window, row, name)
        settle(qtbot)
        if hasattr(page, "select_meeting"):
            page.select_meeting(IN_PROGRESS)
            settle(qtbot)
        found.extend(clipped(window))
        for dialog in dialogs_of(page, methods):
            dialog.show()
            settle(qtbot)
            found.extend(clipped(dialog))
            dialog.close()
    found.extend(other_windows(qtbot, window, database))
    return list(dict.fromkeys(found))


def other_windows(qtbot: QtBot, window: MainWindow, database: Database) -> Iterator[str]:
    """The live meeting of the demo meeting and the user guide, at 1366×768."""
    from app.views.help_window import open_help
    from app.views.live_meeting import LiveMeetingWindow

    live = LiveMeetingWindow(database, SYSTEM, IN_PROGRESS)
    qtbot.addWidget(live)
    live.resize(*SIZE)
    live.show()
    settle(qtbot)
    yield from clipped(live)
    live.close()
    guide = open_help("meetings#plan", window)
    settle(qtbot)
    yield from clipped(guide)
    guide.close()


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_is_clipped_at_1366_by_768(
    qtbot: QtBot, window: MainWindow, database: Database, lang: str
) -> None:
    apply_language(lang)
    found = tour(qtbot, window, database)
    new = [p for p in found if p.partition(" (needs")[0] not in REPORTED[lang]]
    assert not new, f"{len(new)} clipped texts in {lang}:\n" + "\n".join(new)


def test_the_check_sees_a_clipped_label_and_a_clipped_header(qtbot: QtBot) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    label = QLabel("Материалдарды ұсыну мерзімі")
    label.setObjectName("narrow")
    label.setFixedWidth(40)
    table = QTableView()
    model = QStandardItemModel(1, 1, table)
    model.setHorizontalHeaderLabels(["№ заседания"])
    table.setModel(model)
    table.horizontalHeader().resizeSection(0, 30)
    layout.addWidget(label)
    layout.addWidget(table)
    root.show()
    qtbot.waitExposed(root)
    problems = clipped(root)
    assert any("narrow" in p and "Материалдарды" in p for p in problems)
    assert any("№ заседания" in p for p in problems)
    label.setFixedWidth(400)
    table.horizontalHeader().resizeSection(0, 200)
    assert clipped(root) == []
    assert QApplication.instance() is not None


def test_the_check_sees_a_page_wider_than_its_window(qtbot: QtBot) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    page = QWidget()
    page.setObjectName("widePage")
    page.setMinimumWidth(900)
    area.setWidget(page)
    area.resize(500, 300)
    area.show()
    qtbot.waitExposed(area)
    assert any("widePage: the page" in p for p in clipped(area))
    page.setMinimumWidth(0)
    area.resize(1000, 300)
    qtbot.wait(10)
    assert clipped(area) == []
