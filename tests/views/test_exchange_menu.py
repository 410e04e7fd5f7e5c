"""The File menu's exchange entries: made lazily, placed where the window asks, translated."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app import i18n
from app.views.exchange_menu import ExchangeMenu


class Recorder:
    """Stands in for the exchange actions (which open file dialogs): records what was chosen."""

    def __init__(self) -> None:
        self.chosen: list[str] = []

    def export_archive(self) -> None:
        self.chosen.append("export")

    def import_file(self) -> None:
        self.chosen.append("import")

    def bring_back(self) -> None:
        self.chosen.append("bring back")


def test_the_actions_are_made_only_when_an_entry_is_first_chosen(qtbot: QtBot) -> None:
    menu = QMenu()
    made: list[Recorder] = []

    def make() -> Recorder:
        made.append(Recorder())
        return made[-1]

    entries = ExchangeMenu(menu, make)  # type: ignore[arg-type]
    assert made == []

    entries.import_file.trigger()
    entries.export_archive.trigger()
    entries.bring_back.trigger()

    assert len(made) == 1
    assert made[0].chosen == ["import", "export", "bring back"]


def test_ready_actions_are_used_as_given(qtbot: QtBot) -> None:
    recorder = Recorder()
    menu = QMenu()
    entries = ExchangeMenu(menu, recorder)  # type: ignore[arg-type]

    entries.bring_back.trigger()

    assert entries.actions is recorder
    assert recorder.chosen == ["bring back"]


def test_installed_before_an_entry_with_a_separator_after_them(qtbot: QtBot) -> None:
    menu = QMenu()
    quit_action = menu.addAction("Quit")
    entries = ExchangeMenu(menu, Recorder())  # type: ignore[arg-type]

    entries.install(menu, quit_action)

    actions = menu.actions()
    names = [a.objectName() for a in actions[:3]]
    assert names == ["exportArchive", "importArchive", "bringBack"]
    assert actions[3].isSeparator()
    assert actions[4] is quit_action


def test_installed_at_the_end_of_an_empty_menu(qtbot: QtBot) -> None:
    menu = QMenu()
    entries = ExchangeMenu(menu, Recorder())  # type: ignore[arg-type]

    entries.install(menu, None)

    actions: list[QAction] = menu.actions()
    assert [a.objectName() for a in actions[:3]] == ["exportArchive", "importArchive", "bringBack"]
    assert actions[3].isSeparator() and len(actions) == 4


def test_the_entries_are_translated_with_their_accelerators(qtbot: QtBot) -> None:
    menu = QMenu()
    entries = ExchangeMenu(menu, Recorder())  # type: ignore[arg-type]
    assert entries.export_archive.text() == "&Export archive…"
    try:
        i18n.set_interface_language("kk")
        entries.retranslate_ui()
        texts = [
            entries.export_archive.text(),
            entries.import_file.text(),
            entries.bring_back.text(),
        ]
    finally:
        i18n.set_interface_language("en")

    assert all("&" in text and text.endswith("…") for text in texts)
    assert "&Export archive…" not in texts
