"""Runtime language switching for widgets.

A widget that shows text implements ``retranslate_ui`` and mixes in
:class:`Retranslatable`; Qt's LanguageChange event (sent when the language
changes) calls it again, so every visible string follows the menu at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent


class Retranslatable:
    """Mixin: call ``retranslate_ui`` on LanguageChange."""

    # Each widget that mixes this in defines it; declared here so the type checker holds
    # every subclass to it.
    retranslate_ui: Callable[[], None]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]
