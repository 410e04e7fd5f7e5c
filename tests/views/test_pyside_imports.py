"""Guard against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on Python 3.11).

There, every call of a void method released a reference to ``None`` it never
took, so a long session aborted with "none_dealloc".  If an upgrade brings such
a fault back, this fails long before a secretary's laptop does.  And PySide's
import hook must not read every module's source (``pyside_imports``).
"""

from __future__ import annotations

import gc
import linecache
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.views.pyside_imports import original_scan, skip_feature_scan


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Кеңес")
    gc.collect()
    assert sys.getrefcount(None) - before > -100


def _import_fresh(folder: Path, name: str) -> Path:
    source = folder / f"{name}.py"
    source.write_text("VALUE = 'PySide6 is not used here'\n", encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        __import__(name)  # through the hook PySide installs (import_module would not be)
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)
    return source


def test_pyside_reads_no_module_source_on_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the fix PySide keeps every imported module's source (about 20 MB at start)."""
    feature = sys.modules["shibokensupport.feature"]
    assert skip_feature_scan()
    assert str(_import_fresh(tmp_path, "kenes_probe_fixed")) not in linecache.cache
    assert callable(original_scan())
    monkeypatch.setattr(feature, "_mod_uses_pyside", original_scan())
    assert str(_import_fresh(tmp_path, "kenes_probe_scanned")) in linecache.cache
