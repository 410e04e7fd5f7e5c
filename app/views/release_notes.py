"""What changed, told once: the release notes of the first start after an upgrade.

The user's settings remember the version whose notes were seen
(:data:`app.settings.LAST_VERSION`).  The first start of the desktop application ever
shows nothing: there is no "before" to compare with.  A start where the remembered
version differs, or where nothing is remembered but the window state was saved (a
version before this one ran here and did not remember), shows the notes of the running
version, in the interface language, once.  The notes come from the installed bundle
(``resources/release-notes``), never from the network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import __version__, i18n, paths, settings
from app.formats.release_notes import ReleaseNote, notes_file, read_release_notes
from app.views.retranslate import Retranslatable

NOTES_DIR = paths.RESOURCES_DIR / "release-notes"


class ReleaseNotesDialog(Retranslatable, QDialog):
    """The notes of one version; follows the interface language while it is open."""

    def __init__(self, notes: dict[str, ReleaseNote], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseNotes")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notes = notes
        self.resize(560, 380)
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("releaseNotesText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        note = self.notes.get(i18n.interface_language()) or self.notes["en"]
        self.setWindowTitle(note.title)
        self.text.setText(note.text)


def notes_due(seen: str, version: str, used_before: bool) -> bool:
    """Whether this start is the first after an upgrade to ``version``.

    >>> notes_due("", "0.2.0", used_before=False)  # the first start ever
    False
    >>> notes_due("", "0.2.0", used_before=True)  # from a version that did not remember
    True
    >>> notes_due("0.1.0", "0.2.0", used_before=True), notes_due("0.2.0", "0.2.0", True)
    (True, False)
    """
    if seen == version:
        return False
    return bool(seen) or used_before


def show_release_notes_once(
    store: settings.Settings,
    parent: QWidget | None,
    *,
    version: str = __version__,
    folder: Path = NOTES_DIR,
) -> ReleaseNotesDialog | None:
    """Show ``version``'s notes if this is the first start after an upgrade; remember it.

    The version is remembered before the dialog is shown, so a start that ends while
    the notes are open does not show them again.  Returns the dialog (not modal:
    the window behind it is usable), or None when nothing is shown.
    """
    seen = store.user.get(settings.LAST_VERSION)
    if seen == version:
        return None
    used_before = not store.state.get(settings.GEOMETRY).isEmpty()
    store.user.set(settings.LAST_VERSION, version)
    store.user.sync()
    if not notes_due(seen, version, used_before):
        return None
    notes = read_release_notes(notes_file(folder, version))
    if notes is None:
        return None
    dialog = ReleaseNotesDialog(notes, parent)
    dialog.show()
    return dialog
