"""The meeting dialogs' small fields: a line per language, clock times, an optional end."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from app import i18n
from app.views.meeting_fields import (
    LanguageFields,
    OptionalTimeEdit,
    from_qtime,
    time_edit,
    to_qtime,
)


def test_one_line_per_language_labelled_with_its_own_name(qtbot: QtBot) -> None:
    fields = LanguageFields("place")
    qtbot.addWidget(fields)
    layout = fields.layout()
    assert isinstance(layout, QFormLayout)

    labels = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = item.widget() if item is not None else None
        assert isinstance(widget, QLabel)
        labels.append(widget.text())

    assert labels == ["Қазақша", "Русский", "English"]
    assert [edit.objectName() for edit in fields.edits.values()] == [
        "place_kk",
        "place_ru",
        "place_en",
    ]


def test_texts_are_set_and_read_per_language(qtbot: QtBot) -> None:
    fields = LanguageFields()
    qtbot.addWidget(fields)

    fields.set_texts({"ru": "зал 3", "en": "hall 3"})
    assert fields.texts() == {"kk": "", "ru": "зал 3", "en": "hall 3"}

    fields.set_texts({"kk": "3-зал"})  # a language left out is emptied
    assert fields.texts() == {"kk": "3-зал", "ru": "", "en": ""}
    fields.set_minimum_width(240)
    assert all(edit.minimumWidth() == 240 for edit in fields.edits.values())


def test_times_go_to_qt_and_back_to_the_minute(qtbot: QtBot) -> None:
    assert to_qtime(time(9, 5)) == QTime(9, 5)
    assert from_qtime(QTime(23, 59, 58)) == time(23, 59)
    edit = time_edit(time(14, 30))
    qtbot.addWidget(edit)
    assert edit.text() == "14:30"


def test_an_end_time_is_none_until_ticked(qtbot: QtBot) -> None:
    end = OptionalTimeEdit()
    qtbot.addWidget(end)
    assert end.value() is None and not end.edit.isEnabled()
    assert end.edit.time() == QTime(12, 0)

    end.known.setChecked(True)
    end.edit.setTime(QTime(17, 45))
    assert end.value() == time(17, 45)

    end.set_time(None)
    assert end.value() is None and not end.edit.isEnabled()
    end.set_time(time(11, 15))
    assert end.value() == time(11, 15) and end.edit.isEnabled()


def test_the_tick_box_explains_itself_in_the_interface_language(qtbot: QtBot) -> None:
    end = OptionalTimeEdit(time(12, 0))
    qtbot.addWidget(end)
    assert end.known.toolTip() == "Tick when the end time is known"
    try:
        i18n.set_interface_language("kk")
        end.retranslate_ui()
        assert end.known.toolTip() not in ("", "Tick when the end time is known")
    finally:
        i18n.set_interface_language("en")
