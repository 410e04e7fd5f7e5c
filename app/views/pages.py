"""Pages of the main window that later issues fill in; each says what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.views.retranslate import Retranslatable


class PlaceholderPage(Retranslatable, QWidget):
    """A page whose capability is not built yet: it says what will be there."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_id = title
        self._description_id = description
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.title)
        layout.addWidget(self.description, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(self._title_id))
        self.description.setText(_(self._description_id))


MEETINGS_PAGE = (
    N_("Meetings"),
    N_(
        "Here you will plan meetings of each council, build and approve their agendas, "
        "collect materials with their deadlines, and notify the members."
    ),
)
PROTOCOLS_PAGE = (
    N_("Protocols"),
    N_(
        "Here you will assemble the protocol of a held meeting from its record, take it "
        "through agreement and signing, and issue it as PDF in Kazakh, Russian or English."
    ),
)
INSTRUCTIONS_PAGE = (
    N_("Instructions"),
    N_(
        "Here you will follow the protocol instructions of every council: executors, "
        "deadlines, execution reports, and which ones are open or overdue."
    ),
)
COUNCILS_PAGE = (
    N_("Councils"),
    N_(
        "Here you will keep each council, its regulation profile and its composition "
        "as it changes over time."
    ),
)
