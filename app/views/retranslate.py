"""Runtime language switching for widgets.

A widget that shows text implements ``retranslate_ui`` and mixes in
:class:`Retranslatable`; Qt's LanguageChange event (sent when the language
changes) calls it again, so every visible string follows the menu at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslatable:
    """Mixin: call ``retranslate_ui`` on LanguageChange."""

    def retranslate_ui(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]
