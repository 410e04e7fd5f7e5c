"""The user guide inside Kenes: F1 opens it in the interface language, at the right section.

The guide's sources are the Markdown files of ``docs/guide/<lang>/`` (found
through :func:`app.paths.bundle_root`, so an installed Kenes reads the copy in
its bundle), one file per chapter named ``NN-<chapter>.md``; the same chapters
exist in kk, ru and en, and GitHub shows them as they are.  A file is shown by
``QTextDocument.setMarkdown`` with the document's base URL set to the file, so
its images (``../images/<lang>/…``) are found relative to it.

Sections a program can open carry a marker on the line before their heading,
``<!-- help: plan -->`` (invisible on GitHub and dropped by Qt's Markdown
reader): :class:`HelpWindow` turns it into an anchor on the heading.  A *topic*
is ``"chapter"`` or ``"chapter#section"``.

Context help: F1 anywhere in Kenes (:func:`install_help` gives every window
its own F1 shortcut, so modal dialogs answer it too) opens the topic of the
focused widget or its nearest ancestor that has one: a topic set with
:func:`set_help_topic`, or the topic :data:`TOPICS` gives the dialog's class,
so the dialogs need no code of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWindow,
)
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import _
from app.paths import bundle_root
from app.views.retranslate import Retranslatable

HELP_PROPERTY = "kenesHelpTopic"
START_TOPIC = "start"
IMAGE_WIDTH = 720  # pixels: a screenshot fits the text beside the contents
HEADING_SPACE = 12  # pixels above a heading
_MARKER = re.compile(r"^<!--\s*help:\s*([\w-]+)\s*-->\s*\n(#+)\s+(.+?)\s*$", re.MULTILINE)
_CHAPTER_FILE = re.compile(r"^\d\d-([\w-]+)\.md$")

TOPICS: dict[str, str] = {
    # By the class's name; by module and name where two classes share a name.
    "MeetingDialog": "meetings#plan",
    "app.views.meeting_dialog.ReasonDialog": "meetings#postpone",
    "NotifyDialog": "meetings#notify",
    "NotifiedDialog": "meetings#notify",
    "AgendaEditor": "meetings#agenda",
    "ItemDialog": "meetings#agenda",
    "SpeakerDialog": "meetings#agenda",
    "MeetingsPage": "meetings",
    "LiveMeetingWindow": "live-meeting",
    "AttendancePanel": "live-meeting#attendance",
    "AbsenceDialog": "live-meeting#attendance",
    "InvitedDialog": "live-meeting#attendance",
    "VotingPanel": "live-meeting#votes",
    "PointDialog": "live-meeting#votes",
    "CountsDialog": "live-meeting#votes",
    "DissentDialog": "live-meeting#votes",
    "InstructionDialog": "live-meeting#votes",
    "ReopenDialog": "live-meeting#close-voting",
    "ProtocolsPage": "protocols",
    "ProtocolEditor": "protocols#draft",
    "AgreementDialog": "protocols#agreement",
    "SignDialog": "protocols#sign",
    "EsignDialog": "protocols#sign",
    "SignaturesDialog": "protocols#sign",
    "RevisionDialog": "protocols#sign",
    "CopyDialog": "protocols#copies",
    "PdfPreviewDialog": "protocols#print",
    "InstructionsPage": "protocols#instructions",
    "CouncilsPage": "councils",
    "CouncilDialog": "councils#council",
    "ProfileEditor": "councils#council",
    "CompositionView": "councils#composition",
    "AddMemberDialog": "councils#composition",
    "SeatDialog": "councils#composition",
    "EndSeatDialog": "councils#composition",
    "SeatMarksDialog": "councils#composition",
    "NewEditionDialog": "councils#composition",
    "AppointDialog": "councils#composition",
    "app.views.composition_io_dialogs.ImportDialog": "councils#import",
    "app.views.composition_io_dialogs.ExportDialog": "councils#import",
    "PersonDialog": "councils#people",
    "PositionDialog": "councils#people",
    "DirectoryDialog": "councils#people",
    "PeopleDialog": "councils#people",
    "PositionsDialog": "councils#people",
    "app.views.exchange_dialogs.ImportDialog": "exchange#archive",
    "app.views.exchange_dialogs.ExportDialog": "exchange#archive",
    "ReturnDialog": "exchange#laptop",
    "RefusalDialog": "refusals",
    "ErrorDialog": "refusals",
    "ReviewWindow": "protocols#review",
    "MeetingHistoryDialog": "protocols#review",
    "SignInDialog": "refusals#access",
    "ChangePasswordDialog": "refusals#access",
}
"""Topics by the class of a window or page; :func:`set_help_topic` overrides them."""


# -- the guide on disk ----------------------------------------------------------------------
def guide_dir() -> Path:
    """The folder with one subfolder of Markdown chapters per language."""
    return bundle_root() / "docs" / "guide"


@dataclass(frozen=True)
class Chapter:
    """One chapter file: its topic name (``meetings``), its path and its first heading."""

    name: str
    path: Path
    title: str


def guide_language(lang: str) -> str:
    """``lang`` if the guide has it, else English."""
    return lang if (guide_dir() / lang).is_dir() else "en"


def chapters(lang: str) -> list[Chapter]:
    """The chapters of the guide in ``lang``, in their order."""
    found: list[Chapter] = []
    folder = guide_dir() / guide_language(lang)
    for path in sorted(folder.glob("*.md")):
        match = _CHAPTER_FILE.match(path.name)
        if match is None:
            continue  # README.md: the contents page for GitHub
        text = path.read_text(encoding="utf-8")
        heading = re.search(r"^#\s+(.+?)\s*$", text, re.MULTILINE)
        found.append(Chapter(match.group(1), path, heading.group(1) if heading else path.stem))
    return found


def section_anchors(text: str) -> dict[str, str]:
    """The sections of a chapter's Markdown a topic can open: anchor -> heading text."""
    return {m.group(1): m.group(3) for m in _MARKER.finditer(text)}


def split_topic(topic: str) -> tuple[str, str]:
    chapter, _sep, section = topic.partition("#")
    return chapter or START_TOPIC, section


# -- topics of widgets ----------------------------------------------------------------------
def set_help_topic(widget: QWidget, topic: str) -> None:
    """F1 in ``widget`` (or in any widget inside it) opens ``topic`` (``"chapter#section"``)."""
    widget.setProperty(HELP_PROPERTY, topic)


_SHARED_NAMES = frozenset(key.rpartition(".")[2] for key in TOPICS if "." in key)


def _class_topic(widget: QObject) -> str:
    for cls in type(widget).__mro__:
        topic = TOPICS.get(f"{cls.__module__}.{cls.__qualname__}")
        if not topic and cls.__qualname__ not in _SHARED_NAMES:
            topic = TOPICS.get(cls.__qualname__)
        if topic:
            return topic
    return ""


def _own_topic(widget: QObject) -> str:
    topic = widget.property(HELP_PROPERTY)
    return topic if isinstance(topic, str) and topic else _class_topic(widget)


def _page_topic(window: QObject) -> str:
    """The topic of the page a main window shows (its ``stack``), for F1 on the navigation."""
    stack = getattr(window, "stack", None)
    page = stack.currentWidget() if isinstance(stack, QStackedWidget) else None
    if page is None:
        return ""
    for widget in (page, *page.findChildren(QWidget)):
        topic = _own_topic(widget)
        if topic:
            return topic
    return ""


def help_topic(widget: QObject | None) -> str:
    """The topic of ``widget``'s nearest ancestor (itself included) that has one.

    In the main window outside any page (the navigation), the topic of the page shown.
    """
    while widget is not None:
        topic = _own_topic(widget)
        if topic:
            return topic
        if widget.parent() is None:
            return _page_topic(widget) or START_TOPIC
        widget = widget.parent()
    return START_TOPIC


# -- the window -----------------------------------------------------------------------------
class HelpWindow(Retranslatable, QWidget):
    """The chapters on the left, the chosen one on the right; follows the interface language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.language = ""
        self.chapter = ""
        self.section = ""
        self._chapters: list[Chapter] = []
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setWordWrap(True)  # long chapter titles in Kazakh
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.contents.currentRowChanged.connect(self._chapter_chosen)
        self.resize(1000, 700)
        self.retranslate_ui()

    def show_topic(self, topic: str) -> None:
        """Show ``topic`` (``"chapter"`` or ``"chapter#section"``) in the interface language."""
        chapter, section = split_topic(topic)
        self._load(i18n.interface_language(), chapter, section)

    def _load(self, lang: str, chapter: str, section: str = "") -> None:
        lang = guide_language(lang)
        if lang != self.language:
            self.language = lang
            self._chapters = chapters(lang)
            self.contents.blockSignals(True)
            self.contents.clear()
            for entry in self._chapters:
                item = QListWidgetItem(entry.title)
                item.setData(Qt.ItemDataRole.UserRole, entry.name)
                self.contents.addItem(item)
            self.contents.blockSignals(False)
        names = [c.name for c in self._chapters]
        if not names:
            self.browser.setPlainText(_("The user guide is not installed."))
            return
        row = names.index(chapter) if chapter in names else 0
        self.chapter, self.section = names[row], section
        self.contents.blockSignals(True)
        self.contents.setCurrentRow(row)
        self.contents.blockSignals(False)
        self._show(self._chapters[row], section)

    def _show(self, entry: Chapter, section: str) -> None:
        text = entry.path.read_text(encoding="utf-8")
        document = self.browser.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(entry.path)))
        document.setMarkdown(text)
        self._mark_sections(section_anchors(text))
        self._fit_images()
        if section:
            self.browser.scrollToAnchor(section)
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.setWindowTitle(_("Kenes user guide: {chapter}").format(chapter=entry.title))

    def _mark_sections(self, anchors: dict[str, str]) -> None:
        """Put each marker's name as an anchor on its heading (Qt drops the marker itself).

        Headings get room above them too: Qt's Markdown reader sets none.
        """
        by_heading = {heading: name for name, heading in anchors.items()}
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and block.blockNumber() > 0:
                spaced = QTextBlockFormat()
                spaced.setTopMargin(HEADING_SPACE)
                spaced.setBottomMargin(HEADING_SPACE / 2)
                QTextCursor(block).mergeBlockFormat(spaced)
            name = by_heading.get(block.text().strip())
            if name and block.blockFormat().headingLevel() > 0:
                cursor = QTextCursor(block)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                anchor = QTextCharFormat()
                anchor.setAnchor(True)
                anchor.setAnchorNames([name])
                cursor.mergeCharFormat(anchor)
            block = block.next()

    def _fit_images(self) -> None:
        """Show the screenshots (1366 pixels wide) at most :data:`IMAGE_WIDTH` wide."""
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                image = fragment.charFormat().toImageFormat()
                if fragment.isValid() and image.isValid():
                    width = self._image_width(image.name())
                    if width <= IMAGE_WIDTH:
                        it += 1
                        continue  # small enough, or missing (Qt shows its placeholder)
                    image.setWidth(IMAGE_WIDTH)
                    cursor = QTextCursor(self.browser.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(image)
                it += 1
            block = block.next()

    def _image_width(self, name: str) -> int:
        """The natural width of a picture of the document (0 when it cannot be read)."""
        source = self.browser.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl(name)
        )
        if isinstance(source, QImage | QPixmap):
            return source.width()
        if isinstance(source, QByteArray | bytes):
            return QImage.fromData(source).width()
        return 0

    def visible_headings(self) -> list[str]:
        """The headings in view, top first (which section F1 showed)."""
        area = self.browser.viewport().rect()
        area.translate(0, self.browser.verticalScrollBar().value())
        layout = self.browser.document().documentLayout()
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                box = layout.blockBoundingRect(block)
                if area.top() <= box.top() and box.bottom() <= area.bottom():
                    found.append(block.text())
            block = block.next()
        return found

    def _chapter_chosen(self, row: int) -> None:
        if 0 <= row < len(self._chapters):
            self.chapter, self.section = self._chapters[row].name, ""
            self._show(self._chapters[row], "")

    def _link(self, url: QUrl) -> None:
        """A link to another chapter opens it here; a web address opens in the browser."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        match = _CHAPTER_FILE.match(Path(url.path()).name)
        if match is not None:
            self._load(self.language, match.group(1), url.fragment())
        elif url.fragment():
            self.browser.scrollToAnchor(url.fragment())

    def retranslate_ui(self) -> None:
        if self.language:  # the guide follows the interface language
            self._load(i18n.interface_language(), self.chapter, self.section)
        else:
            self.setWindowTitle(_("Kenes user guide"))


def open_help(topic: str = START_TOPIC, parent: QWidget | None = None) -> HelpWindow:
    """Show the guide at ``topic``, in a window that ``parent``'s modality does not block."""
    window = None
    if parent is not None:
        window = parent.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if window is None:
        window = HelpWindow(parent)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show_topic(topic)
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # which cannot raise a window, and says so
        window.raise_()
    window.activateWindow()
    return window


def context_help(widget: QWidget | None = None) -> HelpWindow:
    """F1: the guide at the topic of ``widget`` (default: the focused widget)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if widget is None:
        widget = QApplication.focusWidget() or QApplication.activeWindow()
    host = QApplication.activeModalWidget() or (widget.window() if widget is not None else None)
    if isinstance(host, HelpWindow):
        host.activateWindow()
        return host
    return open_help(help_topic(widget), host)


HELP_SHORTCUT = "helpShortcut"


def _give_f1(widget: QWidget) -> None:
    """An F1 shortcut of ``widget``'s own (a modal dialog blocks other windows' shortcuts)."""
    key = QKeySequence(QKeySequence.StandardKey.HelpContents)
    if widget.findChild(QShortcut, HELP_SHORTCUT) is not None:
        return
    if any(action.shortcut() == key for action in widget.findChildren(QAction)):
        return  # the main window's Help menu has it
    shortcut = QShortcut(key, widget)
    shortcut.setObjectName(HELP_SHORTCUT)
    shortcut.activated.connect(context_help)


def _window_shown(window: QWindow | None) -> None:
    if window is None:
        return
    for widget in QApplication.topLevelWidgets():
        if widget.windowHandle() is window and not isinstance(widget, HelpWindow):
            _give_f1(widget)


def install_help() -> None:
    """Make F1 open the guide in every window and dialog of the application.

    Each window gets its own F1 shortcut when it first takes the focus: one
    shortcut of the main window would not reach a modal dialog, and an event
    filter on the application would run Python for every event of every widget.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if app.property(HELP_PROPERTY) is None:
        app.setProperty(HELP_PROPERTY, "installed")
        app.focusWindowChanged.connect(_window_shown)
    _window_shown(app.focusWindow())
