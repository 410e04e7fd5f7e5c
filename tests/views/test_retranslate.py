"""The Retranslatable mixin: a widget's texts are set again on LanguageChange, and only then."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.i18n import _
from app.views.qt_i18n import apply_language
from app.views.retranslate import Retranslatable


class Counting(Retranslatable, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.label = QLabel(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.calls += 1
        self.label.setText(_("Redo"))


def test_a_language_change_sets_the_texts_again(qtbot: QtBot) -> None:
    widget = Counting()
    qtbot.addWidget(widget)

    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))

    assert widget.calls == 2


def test_other_changes_do_not_retranslate(qtbot: QtBot) -> None:
    widget = Counting()
    qtbot.addWidget(widget)

    for kind in (QEvent.Type.FontChange, QEvent.Type.EnabledChange, QEvent.Type.StyleChange):
        QCoreApplication.sendEvent(widget, QEvent(kind))

    assert widget.calls == 1


def test_the_widget_s_own_change_handling_still_runs(qtbot: QtBot) -> None:
    """The mixin hands the event on to QWidget: disabling still reaches the children."""
    widget = Counting()
    qtbot.addWidget(widget)

    widget.setEnabled(False)

    assert not widget.label.isEnabled()
    assert widget.calls == 1


def test_a_child_widget_follows_a_real_language_switch(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    child = Counting()
    child.setParent(parent)
    parent.show()
    try:
        apply_language("kk")
        assert child.label.text() == _("Redo") != "Redo"
    finally:
        apply_language("en")
    assert child.label.text() == "Redo"
