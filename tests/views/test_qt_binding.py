"""Guard against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on Python 3.11).

There, every call of a void method released a reference to ``None`` it never
took, so a long session aborted with "none_dealloc".  If an upgrade brings such
a fault back, this fails long before a secretary's laptop does.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Кеңес")
    gc.collect()
    assert sys.getrefcount(None) - before > -100
