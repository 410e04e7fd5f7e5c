"""Release notes: shown once, on the first start after an upgrade, in the interface language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import __version__, settings
from app.formats.release_notes import read_release_notes
from app.views.qt_i18n import apply_language
from app.views.release_notes import NOTES_DIR, ReleaseNotesDialog, show_release_notes_once

NOTES = {lang: {"title": f"{lang} title", "text": f"{lang} text"} for lang in ("kk", "ru", "en")}


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "release-notes"
    folder.mkdir()
    (folder / "0.2.0.json").write_text(json.dumps(NOTES), encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> settings.Settings:
    return settings.Settings(tmp_path / "config")


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def used_before(store: settings.Settings) -> None:
    """What an earlier version left: the saved window state."""
    store.state.set(settings.GEOMETRY, QByteArray(b"saved geometry"))


def test_after_an_upgrade_the_notes_are_shown_once(
    qtbot: QtBot, store: settings.Settings, parent: QWidget, notes_dir: Path
) -> None:
    used_before(store)
    store.user.set(settings.LAST_VERSION, "0.1.0")
    dialog = show_release_notes_once(store, parent, version="0.2.0", folder=notes_dir)
    assert isinstance(dialog, ReleaseNotesDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert (dialog.windowTitle(), dialog.text.text()) == ("en title", "en text")
    dialog.close()
    on_disk = settings.Settings(Path(store.user.file_name).parent)
    assert on_disk.user.get(settings.LAST_VERSION) == "0.2.0"  # remembered at once
    assert show_release_notes_once(store, parent, version="0.2.0", folder=notes_dir) is None


def test_a_version_that_did_not_remember_counts_as_an_upgrade(
    qtbot: QtBot, store: settings.Settings, parent: QWidget, notes_dir: Path
) -> None:
    used_before(store)
    dialog = show_release_notes_once(store, parent, version="0.2.0", folder=notes_dir)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert show_release_notes_once(store, parent, version="0.2.0", folder=notes_dir) is None


def test_the_first_start_ever_shows_nothing_and_remembers_the_version(
    store: settings.Settings, parent: QWidget, notes_dir: Path
) -> None:
    assert show_release_notes_once(store, parent, version="0.2.0", folder=notes_dir) is None
    assert store.user.get(settings.LAST_VERSION) == "0.2.0"


def test_a_version_without_notes_shows_nothing(
    store: settings.Settings, parent: QWidget, notes_dir: Path
) -> None:
    used_before(store)
    store.user.set(settings.LAST_VERSION, "0.2.0")
    assert show_release_notes_once(store, parent, version="0.3.0", folder=notes_dir) is None
    assert store.user.get(settings.LAST_VERSION) == "0.3.0"


@pytest.mark.parametrize("code", ["kk", "ru"])
def test_the_notes_follow_the_interface_language(
    qtbot: QtBot, store: settings.Settings, parent: QWidget, notes_dir: Path, code: str
) -> None:
    used_before(store)
    store.user.set(settings.LAST_VERSION, "0.1.0")
    dialog = show_release_notes_once(store, parent, version="0.2.0", folder=notes_dir)
    assert dialog is not None
    qtbot.addWidget(dialog)
    try:
        apply_language(code)
        assert (dialog.windowTitle(), dialog.text.text()) == (f"{code} title", f"{code} text")
    finally:
        apply_language("en")


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"kk": NOTES["kk"], "en": NOTES["en"]}),  # Russian missing
        json.dumps({**NOTES, "ru": {"title": "", "text": "ru text"}}),
        json.dumps([NOTES]),
    ],
)
def test_a_damaged_notes_file_is_nothing_to_tell(tmp_path: Path, content: str) -> None:
    path = tmp_path / "0.2.0.json"
    path.write_text(content, encoding="utf-8")
    assert read_release_notes(path) is None


def test_the_running_version_has_notes_in_every_language() -> None:
    notes = read_release_notes(NOTES_DIR / f"{__version__}.json")
    assert notes is not None
    assert notes["kk"].title != notes["ru"].title != notes["en"].title
    assert __version__ in notes["en"].title
