"""The head of the Meetings page: its title, how many meetings are shown, and the filters.

The council, year, state and kind chosen are what the list shows
(:meth:`MeetingFilters.filters`, as :func:`app.services.meeting_queries.meeting_keys`
takes them).  ``changed`` is emitted when the user picks another value, not
when the page fills the choices or sets every filter at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.domain.meeting import (
    MEETING_KIND_LABELS,
    MEETING_STATE_LABELS,
    MeetingKind,
    MeetingState,
)
from app.formatting import format_number
from app.i18n import N_, _, interface_language, ngettext
from app.services.councils import list_councils
from app.services.handles import Database
from app.services.meeting_queries import meeting_years
from app.views.form_widgets import ChoiceCombo, Label, Texts
from app.views.meeting_dialog import council_name
from app.views.retranslate import Retranslatable

STATE_CHOICES: list[tuple[Any, Label]] = [(None, N_("All states"))] + [
    (state, MEETING_STATE_LABELS[state]) for state in MeetingState
]
KIND_CHOICES: list[tuple[Any, Label]] = [(None, N_("All kinds"))] + [
    (kind, MEETING_KIND_LABELS[kind]) for kind in MeetingKind
]


class MeetingFilters(Retranslatable, QWidget):
    """Title, count and the council, year, state and kind filters in one row."""

    changed = Signal()

    def __init__(
        self, db: Database, clock: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._clock = clock
        self._loading = False
        self._count = 0
        self.texts = Texts()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.council_filter = ChoiceCombo()
        self.council_filter.setObjectName("councilFilter")
        # Council names are long: the field shows their start (its list shows them whole),
        # so that the filters fit a window 1366 px wide in every language.
        self.council_filter.setMinimumContentsLength(18)
        self.year_filter = ChoiceCombo()
        self.year_filter.setObjectName("yearFilter")
        self.state_filter = ChoiceCombo(STATE_CHOICES)
        self.state_filter.setObjectName("stateFilter")
        self.kind_filter = ChoiceCombo(KIND_CHOICES)
        self.kind_filter.setObjectName("kindFilter")
        for combo in (self.year_filter, self.state_filter, self.kind_filter):
            combo.setSizeAdjustPolicy(ChoiceCombo.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel()
        self.count_label.setObjectName("meetingsCount")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title)
        row.addSpacing(12)
        row.addWidget(self.count_label)
        row.addStretch(1)
        for label, combo in self._labelled():
            row.addSpacing(6)
            row.addWidget(self.texts.label(label))
            row.addWidget(combo)
            combo.currentIndexChanged.connect(self._picked)
        self.retranslate_ui()

    def _labelled(self) -> tuple[tuple[str, ChoiceCombo], ...]:
        return (
            (N_("Council"), self.council_filter),
            (N_("Year"), self.year_filter),
            (N_("State"), self.state_filter),
            (N_("Kind"), self.kind_filter),
        )

    def _picked(self) -> None:
        if not self._loading:
            self.changed.emit()

    def filters(self) -> dict[str, Any]:
        """The filters in force, as :func:`meeting_keys` takes them."""
        state = self.state_filter.value()
        kind = self.kind_filter.value()
        return {
            "council_id": self.council_filter.value(),
            "year": self.year_filter.value(),
            "states": None if state is None else (state,),
            "kinds": None if kind is None else (kind,),
        }

    def set_values(
        self,
        council_id: int | None,
        year: int | None,
        state: MeetingState | None,
        kind: MeetingKind | None,
    ) -> None:
        """Choose every filter at once (``changed`` is not emitted)."""
        self._loading = True
        try:
            self.council_filter.set_value(council_id)
            self.year_filter.set_value(year)
            self.state_filter.set_value(state)
            self.kind_filter.set_value(kind)
        finally:
            self._loading = False

    def reload_choices(self) -> None:
        """The councils, and the years that have meetings passing the other filters."""
        wanted = self.filters()
        self._loading = True
        try:
            councils = list_councils(self._db)
            self.council_filter.set_choices(
                [(None, N_("All councils"))] + [(c.id, partial(council_name, c)) for c in councils]
            )
            years = set(
                meeting_years(
                    self._db,
                    council_id=wanted["council_id"],
                    states=wanted["states"],
                    kinds=wanted["kinds"],
                )
            )
            years.add(self._clock().year)
            chosen = self.year_filter.value()
            if chosen is not None:
                years.add(chosen)
            self.year_filter.set_choices(
                [(None, N_("All years"))]
                + [(year, partial(str, year)) for year in sorted(years, reverse=True)]
            )
        finally:
            self._loading = False

    def show_count(self, count: int) -> None:
        self._count = count
        self.count_label.setText(
            ngettext("{n} meeting shown", "{n} meetings shown", count).format(
                n=format_number(count, interface_language())
            )
        )

    def retranslate_ui(self) -> None:
        self.title.setText(_("Meetings"))
        self.texts.apply()
        for _label, combo in self._labelled():
            combo.retranslate()
        self.show_count(self._count)
