"""The "regulation" banner of the Meetings page: councils behind their yearly minimum.

Which councils are behind is the domain's rule, counted by
:func:`app.services.council_minimum.council_alerts` (a council entered today
is behind nothing yet).  The page tells the banner which council and year it
shows (:meth:`RegulationBanner.set_scope`); the banner reloads itself when
meetings are planned, held or closed anywhere, including from the live
meeting window, which announces conduct changes (:func:`app.views.operations.follow`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.errors import KenesError
from app.i18n import interface_language
from app.services.council_minimum import CouncilAlert, council_alerts
from app.services.handles import Database
from app.views.meetings_wording import alert_text
from app.views.operations import Changes, Record, follow

BANNER_STYLE = "background:#fff3cd; color:#664d03; padding:6px; border-radius:3px;"
# Changes after which a council may be behind, or no longer: meetings planned, held,
# closed (also from the live meeting), councils and their regulations changed.
COUNTED_RECORDS = frozenset({Record.COUNCILS, Record.MEETINGS, Record.CONDUCT})


class RegulationBanner(QLabel):
    """A warning line per council behind its regulation's minimum of sessions a year."""

    def __init__(
        self, db: Database, clock: Callable[[], date], page: QWidget | None = None
    ) -> None:
        super().__init__(page)
        self.setObjectName("minimumBanner")
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)
        self.hide()
        self._db = db
        self._clock = clock
        self._council_id: int | None = None
        self._year: int | None = None
        self.alerts: list[CouncilAlert] = []
        if page is not None:
            # Followed through the page: a hidden banner (nothing to say) still reloads.
            follow(page, COUNTED_RECORDS, self._records_changed)

    def set_scope(self, council_id: int | None, year: int | None) -> None:
        """Show the councils (or the one council) of the page's filters, in ``year``."""
        self._council_id, self._year = council_id, year
        self.reload()

    def reload(self) -> None:
        """Count again; a refusal (a council just deleted) leaves the banner empty."""
        today = self._clock()
        try:
            self.alerts = council_alerts(
                self._db,
                council_id=self._council_id,
                year=self._year if self._year is not None else today.year,
                today=today,
            )
        except KenesError:
            self.alerts = []
        self.retranslate_ui()

    def _records_changed(self, _changes: Changes) -> None:
        self.reload()

    def text_shown(self) -> str:
        return self.text() if not self.isHidden() else ""

    def retranslate_ui(self) -> None:
        lang = interface_language()
        lines = [f"⚠ {a.council_name(lang)}: {alert_text(a.alert)}" for a in self.alerts]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
