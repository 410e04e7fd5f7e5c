"""Entering seed 000's composition by hand, from the keyboard, through "Add member".

The 15 lines of the supervisory board's composition (Government resolution of
26.01.2022 № 27) are typed as the resolution writes them, into one "Add
member" dialog: the act once, then each line and Enter.  The test counts the
dialogs opened and the keys pressed; the budget is in docs/composition-entry.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.composition import Role
from app.domain.errors import KenesError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import CouncilData, create_council
from app.services.seats import composition
from app.views.add_member_dialog import AddMemberDialog
from app.views.composition_view import CompositionView

DAY = date(2022, 1, 26)
ACT_TITLE = "Қазақстан Республикасы Үкіметінің қаулысы"

# The composition as the resolution lists it (seed 000), line by line.
SEED_000_LINES = (
    "Қазақстан Республикасының Премьер-Министрі, төраға",
    "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрі, "
    "төрағаның орынбасары",
    "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі бірінші "
    "вице-министрі, хатшы",
    "Алматы қаласының әкімі",
    '"КАZ Minerals PLC" тобының басқарма төрағасы (келісу бойынша)',
    '"Атамекен" Қазақстан Республикасының Ұлттық кәсіпкерлер палатасы басқармасының төрағасы '
    "(келісу бойынша)",
    '"Fincraft group" жауапкершілігі шектеулі серіктестігінің президенті (келісу бойынша)',
    'Еуропа, Таяу Шығыс және Африка өңірлері бойынша "IDC" вице-президенті (келісу бойынша)',
    '"Verny Capital" жауапкершілігі шектеулі серіктестігінің бас директоры (келісу бойынша)',
    '"Каспий нефть" акционерлік қоғамы директорлар кеңесінің төрағасы (келісу бойынша)',
    '"Еврохим-Қаратау" жауапкершілігі шектеулі серіктестігінің бас директоры (келісу бойынша)',
    '"Қазмырыш" жауапкершілігі шектеулі серіктестігінің бас директоры (келісу бойынша)',
    '"Қазатомөнеркәсіп" ұлттық атом компаниясы" акционерлік қоғамының өндіріс жөніндегі бас '
    "директоры (келісу бойынша)",
    '"Самұрық-Қазына" ұлттық әл-ауқат қоры" акционерлік қоғамының стратегия, тұрақты даму және '
    "цифрлық трансформациялау жөніндегі басқарушы директоры (келісу бойынша)",
    '"Еуразиялық топ" жауапкершілігі шектеулі серіктестігінің IT бойынша корпоративтік директоры '
    "(келісу бойынша)",
)

# The budget (docs/composition-entry.md): one dialog for the whole list, and besides the
# text of the list and of the act, at most two keys per line and ten for the act.
MAX_DIALOGS = 1
MAX_KEYS_PER_LINE = 2
MAX_ACT_KEYS = 10


@dataclass
class Keyboard:
    """QTest key presses, counted: characters typed, and other keys (Enter, Tab, Space)."""

    typed: int = 0
    other: int = 0

    def type(self, widget: QWidget, text: str) -> None:
        """Type ``text`` key by key (QTest.keyClicks knows only ASCII; Kazakh letters are sent
        as the key events a Kazakh keyboard layout makes: the text, no key code)."""
        for char in text:
            if char.isascii():
                QTest.keyClick(widget, char)
            else:
                QTest.sendKeyEvent(
                    QTest.KeyAction.Click,
                    widget,
                    Qt.Key.Key_unknown,
                    char,
                    Qt.KeyboardModifier.NoModifier,
                )
            self.typed += 1

    def press(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        QTest.keyClick(widget, key, modifier)
        self.other += 1


def focused() -> QWidget:
    QApplication.processEvents()
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


# The completer's pop-up is a window the offscreen platform can neither raise nor give the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_fifteen_seats_of_seed_000_in_one_dialog_within_the_budget(
    qtbot: QtBot, database: Database, refusals: list[KenesError]
) -> None:
    council = create_council(database, SYSTEM, CouncilData(name_kk="Қамқоршылық кеңес")).id
    view = CompositionView(database, SYSTEM)
    qtbot.addWidget(view)
    view.set_date(DAY)
    view.set_council(council)
    view.show()
    keys = Keyboard()
    dialogs = 0

    dialog = view.add_member()
    assert isinstance(dialog, AddMemberDialog)
    dialogs += 1
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    # The act, once: its Kazakh title, number and date.
    dialog.act.titles["kk"].setFocus()
    keys.type(focused(), ACT_TITLE)
    dialog.act.number.setFocus()
    keys.type(focused(), "27")
    keys.press(dialog.act.act_date.known, Qt.Key.Key_Space)
    act_keys = keys.other
    assert dialog.act.act_date.day() == DAY  # the date of the composition, proposed
    # The lines: typed as the resolution writes them, Enter adds and clears for the next.
    dialog.position.setFocus()
    for number, line in enumerate(SEED_000_LINES, start=1):
        line_edit = focused()
        assert line_edit is dialog.position
        keys.type(line_edit, line)
        # The completer offers earlier titles while the text is part of one; typing on, the
        # offer closes (the offscreen platform does not hand the focus back; a desktop does).
        assert not dialog.position.completer().popup().isVisible()
        if number < len(SEED_000_LINES):
            keys.press(line_edit, Qt.Key.Key_Return)
        else:
            keys.press(line_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert refusals == []
        assert len(dialog.added) == number
        if number < len(SEED_000_LINES):
            dialog.activateWindow()
            qtbot.waitActive(dialog)
    assert not dialog.isVisible()

    lines = composition(database, council, DAY)
    assert len(lines) == 15 and view.model.rowCount() == 15
    assert [line.seat.role for line in lines[:4]] == [
        Role.CHAIR,
        Role.DEPUTY_CHAIR,
        Role.SECRETARY,
        Role.MEMBER,
    ]
    assert sum(line.seat.by_agreement for line in lines) == 11
    assert lines[0].position is not None
    assert lines[0].position.title("kk") == "Қазақстан Республикасының Премьер-Министрі"
    assert all(line.act.number == "27" for line in lines)

    text = sum(len(line) for line in SEED_000_LINES)
    per_line = (keys.other - act_keys) / len(SEED_000_LINES)
    print(
        f"\ncomposition entry: {dialogs} dialog, {keys.typed + keys.other} keys "
        f"({text} characters of the list, {keys.typed - text} of the act, "
        f"{keys.other} other keys, {per_line:.0f} per line)"
    )
    assert dialogs <= MAX_DIALOGS
    assert keys.typed == text + len(ACT_TITLE) + 2
    assert per_line <= MAX_KEYS_PER_LINE
    assert act_keys <= MAX_ACT_KEYS
