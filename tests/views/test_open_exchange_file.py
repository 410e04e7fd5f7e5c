"""An exchange file opened with Kenes (Windows's "Open with"): its import summary is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import gui
from app.cli import build_parser
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.exchange.export_archive import export_archive


def test_gui_import_names_the_file() -> None:
    args = build_parser().parse_args(["gui", "--import", "from-region.kenes.zip"])
    assert args.import_file == Path("from-region.kenes.zip")


def test_the_opened_file_shows_its_import_summary_once_the_database_is_open(
    qtbot: QtBot, tmp_path: Path
) -> None:
    source = open_database(tmp_path / "region.sqlite3")
    try:
        create_demo(source, SYSTEM)
        export_archive(source, tmp_path / "region.kenes.zip")
    finally:
        source.close()
    seen: list[str] = []
    tries = [0]

    def look() -> None:
        tries[0] += 1
        names = {w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()}
        if "exchangeImportDialog" in names or tries[0] > 300:
            seen.extend(sorted(names))
            QApplication.closeAllWindows()
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    assert gui.run(tmp_path / "office.sqlite3", "en", tmp_path / "region.kenes.zip") == 0
    assert "exchangeImportDialog" in seen and "mainWindow" in seen
