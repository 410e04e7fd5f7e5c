"""The regulation profile editor: start from a preset and adjust the rules.

The editor keeps the profile it started from (a preset, or the council's
stored profile) as its *base*.  :meth:`ProfileEditor.profile` builds the
profile from the widgets; a value left as in the base keeps the paragraph of
the regulation it comes from (``profile.source(rule)``, shown next to the
value), a changed value loses it, since the paragraph no longer says so.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.citation import Citation
from app.domain.regulation import (
    AT_LEAST_HALF,
    AT_LEAST_THREE_QUARTERS,
    AT_LEAST_TWO_THIRDS,
    DEADLINE_FIELDS,
    DEADLINE_LIMITS,
    MAX_CO_CHAIRS,
    MAX_DEPUTY_CHAIRS,
    MAX_MEETINGS_PER_YEAR,
    MAX_SHARE_DENOMINATOR,
    MORE_THAN_HALF,
    PRESETS,
    DayCount,
    Deadline,
    DecisionBase,
    NoQuorumVote,
    RegulationProfile,
    Share,
    Signers,
    TieBreak,
    TieReading,
)
from app.i18n import N_, _
from app.views.act_editor import ActEditor
from app.views.retranslate import Retranslatable
from app.views.seat_dialog import ChoiceCombo, Label, Texts

CUSTOM = "custom"
NO_QUORUM = "none"

QUORUM_CHOICES: list[tuple[Any, Label]] = [
    (NO_QUORUM, N_("not set")),
    (MORE_THAN_HALF, N_("more than half of the members")),
    (AT_LEAST_HALF, N_("at least half of the members")),
    (AT_LEAST_TWO_THIRDS, N_("at least two thirds of the members")),
    (AT_LEAST_THREE_QUARTERS, N_("at least three quarters of the members")),
    (CUSTOM, N_("another share…")),
]
THRESHOLD_CHOICES: list[tuple[Any, Label]] = [
    (MORE_THAN_HALF, N_("simple majority (more than half)")),
    (AT_LEAST_HALF, N_("at least half")),
    (AT_LEAST_TWO_THIRDS, N_("qualified majority: at least two thirds")),
    (AT_LEAST_THREE_QUARTERS, N_("qualified majority: at least three quarters")),
    (CUSTOM, N_("another share…")),
]
DECISION_BASE_CHOICES: list[tuple[Any, Label]] = [
    (DecisionBase.PRESENT, N_("of the members present")),
    (DecisionBase.CAST, N_("of the votes cast")),
    (DecisionBase.ALL_MEMBERS, N_("of all members of the council")),
]
TIE_BREAK_CHOICES: list[tuple[Any, Label]] = [
    (TieBreak.PRESIDING, N_("the presiding member's vote decides")),
    (TieBreak.CHAIR, N_("the chair's vote decides")),
    (TieBreak.NONE, N_("the decision is not adopted")),
]
TIE_READING_CHOICES: list[tuple[Any, Label]] = [
    (
        TieReading.EQUAL_DIVISION,
        N_("only when all present voted for or against, half each"),
    ),
    (TieReading.FOR_EQUALS_AGAINST, N_("whenever for equals against, abstentions aside")),
]
NO_QUORUM_VOTE_CHOICES: list[tuple[Any, Label]] = [
    (NoQuorumVote.NOT_CONSIDERED, N_("is recorded as not considered: no quorum")),
    (NoQuorumVote.REFUSE, N_("cannot be closed")),
]
SIGNERS_CHOICES: list[tuple[Any, Label]] = [
    (Signers.PRESIDING, N_("the presiding member")),
    (Signers.PRESIDING_AND_SECRETARY, N_("the presiding member and the secretary")),
]
UNIT_CHOICES: list[tuple[Any, Label]] = [
    (None, N_("no deadline")),
    (DayCount.CALENDAR_DAYS, N_("calendar days")),
    (DayCount.WORKING_DAYS, N_("working days")),
    (DayCount.WEEKS, N_("weeks")),
    (DayCount.MONTHS, N_("months")),
]
INCLUSIVE_CHOICES: list[tuple[Any, Label]] = [
    (False, N_("more than this share")),
    (True, N_("this share or more")),
]

# Which profile fields a paragraph of the regulation (a key of ``profile.sources``) stands for.
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "quorum": ("quorum",),
    "threshold": ("threshold", "decision_base", "abstentions_count_as_cast"),
    "tie_break": ("tie_break", "tie_reading"),
    "secretary_votes": ("secretary_votes",),
    "recommendations": ("recommendations_only",),
    "materials": ("materials_deadline",),
    "materials_interim": ("materials_deadline_interim",),
    "draft": ("protocol_draft_deadline",),
    "draft_interim": ("protocol_draft_deadline_interim",),
    "copies": ("copies_deadline",),
    "min_meetings": ("min_meetings_per_year",),
    "signers": ("signers",),
    "instructions_report": ("opens_with_instructions_report",),
    "max_deputy_chairs": ("max_deputy_chairs",),
    "max_co_chairs": ("max_co_chairs",),
}
DEADLINE_RULES = {
    "materials_deadline": "materials",
    "materials_deadline_interim": "materials_interim",
    "protocol_draft_deadline": "draft",
    "protocol_draft_deadline_interim": "draft_interim",
    "copies_deadline": "copies",
}
DEADLINE_LABELS = {
    "materials_deadline": N_("Materials, before a session"),
    "materials_deadline_interim": N_("Materials, before an interim meeting"),
    "protocol_draft_deadline": N_("Draft protocol, after a session"),
    "protocol_draft_deadline_interim": N_("Draft protocol, after an interim meeting"),
    "copies_deadline": N_("Copies to members, after signing"),
}


class ShareEditor(Retranslatable, QWidget):
    """A share of a base: named choices, or "more than / at least n/d"."""

    changed = Signal()

    def __init__(self, choices: list[tuple[Any, Label]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ChoiceCombo(choices)
        self.inclusive = ChoiceCombo(INCLUSIVE_CHOICES)
        for combo in (self.choice, self.inclusive):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.numerator = QSpinBox()
        self.numerator.setRange(0, MAX_SHARE_DENOMINATOR)
        self.numerator.setValue(1)
        self.denominator = QSpinBox()
        self.denominator.setRange(1, MAX_SHARE_DENOMINATOR)
        self.denominator.setValue(2)
        self.slash = QLabel("/")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        for widget in (self.numerator, self.slash, self.denominator, self.inclusive):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.denominator.valueChanged.connect(self.numerator.setMaximum)
        self.numerator.setMaximum(self.denominator.value())
        self.choice.currentIndexChanged.connect(self._choice_changed)
        for signal in (
            self.inclusive.currentIndexChanged,
            self.numerator.valueChanged,
            self.denominator.valueChanged,
        ):
            signal.connect(self.changed)
        self._choice_changed()

    def _choice_changed(self) -> None:
        custom = self.choice.value() == CUSTOM
        for widget in (self.inclusive, self.numerator, self.slash, self.denominator):
            widget.setVisible(custom)
        self.changed.emit()

    def share(self) -> Share | None:
        value = self.choice.value()
        if value == NO_QUORUM:
            return None
        if value == CUSTOM:
            return Share(self.numerator.value(), self.denominator.value(), self.inclusive.value())
        assert isinstance(value, Share)
        return value

    def set_share(self, share: Share | None) -> None:
        if share is None:
            self.choice.set_value(NO_QUORUM)
        elif not self.choice.set_value(share):
            self.denominator.setValue(share.denominator)
            self.numerator.setValue(share.numerator)
            self.inclusive.set_value(share.inclusive)
            self.choice.set_value(CUSTOM)
        self._choice_changed()

    def retranslate_ui(self) -> None:
        self.choice.retranslate()
        self.inclusive.retranslate()


class DeadlineEditor(Retranslatable, QWidget):
    """A span of time: an amount and a unit, or no deadline."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = QSpinBox()
        self.amount.setRange(0, max(DEADLINE_LIMITS.values()))
        self.unit = ChoiceCombo(UNIT_CHOICES)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.amount.valueChanged.connect(self.changed)
        self._unit_changed()

    def _unit_changed(self) -> None:
        unit = self.unit.value()
        self.amount.setEnabled(unit is not None)
        if unit is not None:
            self.amount.setMaximum(DEADLINE_LIMITS[unit])
        self.changed.emit()

    def value(self) -> tuple[int, DayCount] | None:
        unit = self.unit.value()
        return None if unit is None else (self.amount.value(), unit)

    def set_deadline(self, deadline: Deadline | None) -> None:
        self.unit.set_value(None if deadline is None else deadline.unit)
        self.amount.setValue(0 if deadline is None else deadline.amount)
        self._unit_changed()

    def retranslate_ui(self) -> None:
        self.unit.retranslate()


class ProfileEditor(Retranslatable, QWidget):
    """Every rule of a council's regulation profile, with the paragraph it comes from."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self.texts = Texts()
        self._base = RegulationProfile()
        self._loading = False
        self._sources: dict[str, QLabel] = {}
        self._make_fields()
        self._lay_out(self._make_boxes())
        self._connect()
        self.set_profile(RegulationProfile(), "")
        self.retranslate_ui()

    def _make_fields(self) -> None:
        """One editor per rule of the profile, and the preset it may start from."""
        preset_choices: list[tuple[Any, Label]] = [("", N_("none: set the rules below"))]
        preset_choices += [(key, preset.title) for key, preset in PRESETS.items()]
        self.preset = ChoiceCombo(preset_choices)
        self.preset.setObjectName("presetCombo")
        self.adjusted = QLabel()
        self.adjusted.setObjectName("presetAdjusted")
        self.legend = QLabel()
        self.legend.setWordWrap(True)

        self.act_editor = ActEditor()
        self.act_box = QGroupBox()
        QVBoxLayout(self.act_box).addWidget(self.act_editor)

        self.quorum = ShareEditor(QUORUM_CHOICES)
        self.decision_base = ChoiceCombo(DECISION_BASE_CHOICES)
        self.threshold = ShareEditor(THRESHOLD_CHOICES)
        self.abstentions = QCheckBox()
        self.tie_break = ChoiceCombo(TIE_BREAK_CHOICES)
        self.tie_reading = ChoiceCombo(TIE_READING_CHOICES)
        self.no_quorum_vote = ChoiceCombo(NO_QUORUM_VOTE_CHOICES)
        self.secretary_votes = QCheckBox()
        self.recommendations_only = QCheckBox()
        self.deadlines = {name: DeadlineEditor() for name in DEADLINE_FIELDS}
        self.min_meetings = QSpinBox()
        self.min_meetings.setRange(0, MAX_MEETINGS_PER_YEAR)
        self.signers = ChoiceCombo(SIGNERS_CHOICES)
        self.instructions_report = QCheckBox()
        self.max_deputy_chairs = QSpinBox()
        self.max_deputy_chairs.setRange(0, MAX_DEPUTY_CHAIRS)
        self.max_co_chairs = QSpinBox()
        self.max_co_chairs.setRange(0, MAX_CO_CHAIRS)

    def _make_boxes(self) -> QGridLayout:
        """The rules grouped (voting, meetings, composition); the preset's row on top."""
        top = QGridLayout()
        top.addWidget(self.texts.label(N_("Start from a preset")), 0, 0)
        top.addWidget(self.preset, 0, 1)
        top.addWidget(self.adjusted, 1, 1)
        top.setColumnStretch(1, 1)

        self.voting_box = QGroupBox()
        grid = QGridLayout(self.voting_box)
        self._row(grid, N_("Quorum"), self.quorum, "quorum")
        self._row(grid, N_("A vote without a quorum"), self.no_quorum_vote, "")
        self._row(grid, N_("Majority counted"), self.decision_base, "threshold")
        self._row(grid, N_("Decision threshold"), self.threshold, "threshold")
        self._row(grid, "", self.abstentions, "")
        self._row(grid, N_("In case of a tie"), self.tie_break, "tie_break")
        self._row(grid, N_("The casting vote applies"), self.tie_reading, "tie_break")
        self._row(grid, "", self.secretary_votes, "secretary_votes")
        self._row(grid, "", self.recommendations_only, "recommendations")

        self.meetings_box = QGroupBox()
        grid = QGridLayout(self.meetings_box)
        for name in DEADLINE_FIELDS:
            self._row(grid, DEADLINE_LABELS[name], self.deadlines[name], DEADLINE_RULES[name])
        self._row(grid, N_("Meetings a year, at least"), self.min_meetings, "min_meetings")
        self._row(grid, N_("The protocol is signed by"), self.signers, "signers")
        self._row(grid, "", self.instructions_report, "instructions_report")

        self.composition_box = QGroupBox()
        grid = QGridLayout(self.composition_box)
        self._row(grid, N_("Deputy chairs, at most"), self.max_deputy_chairs, "max_deputy_chairs")
        self._row(grid, N_("Co-chairs, at most"), self.max_co_chairs, "max_co_chairs")
        return top

    def _lay_out(self, top: QGridLayout) -> None:
        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(top)
        body.addWidget(self.legend)
        body.addWidget(self.act_box)
        body.addWidget(self.voting_box)
        body.addWidget(self.meetings_box)
        body.addWidget(self.composition_box)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _connect(self) -> None:
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        for signal in (
            self.quorum.changed,
            self.threshold.changed,
            self.decision_base.currentIndexChanged,
            self.abstentions.toggled,
            self.tie_break.currentIndexChanged,
            self.tie_reading.currentIndexChanged,
            self.no_quorum_vote.currentIndexChanged,
            self.secretary_votes.toggled,
            self.recommendations_only.toggled,
            self.min_meetings.valueChanged,
            self.signers.currentIndexChanged,
            self.instructions_report.toggled,
            self.max_deputy_chairs.valueChanged,
            self.max_co_chairs.valueChanged,
            *(editor.changed for editor in self.deadlines.values()),
            self.act_editor.changed,
        ):
            signal.connect(self._edited)

    def _row(self, grid: QGridLayout, msgid: str, widget: QWidget, rule: str) -> None:
        row = grid.rowCount()
        if isinstance(widget, QComboBox):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        if not msgid:
            # A check box carries its own text: it takes the label's column too.
            grid.addWidget(widget, row, 0, 1, 2)
        elif isinstance(widget, QComboBox | QSpinBox):
            grid.addWidget(self.texts.label(msgid), row, 0)
            grid.addWidget(widget, row, 1, Qt.AlignmentFlag.AlignLeft)
        else:
            grid.addWidget(self.texts.label(msgid), row, 0)
            grid.addWidget(widget, row, 1)
        if rule:
            source = QLabel()
            source.setObjectName(f"source_{rule}")
            source.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            source.setEnabled(False)  # drawn muted: a note, not an input
            grid.addWidget(source, row, 2)
            # One label per row; rules shared by rows (threshold) show on each.
            self._sources[f"{rule}:{row}"] = source
        grid.setColumnStretch(1, 1)

    # -- reading and writing -----------------------------------------------------------------
    def set_profile(self, profile: RegulationProfile, preset_key: str = "") -> None:
        """Show ``profile`` (started from ``preset_key``) as the base of the editing."""
        self._loading = True
        try:
            self._base = profile
            self.preset.set_value(preset_key if preset_key in PRESETS else "")
            self.quorum.set_share(profile.quorum)
            self.decision_base.set_value(profile.decision_base)
            self.threshold.set_share(profile.threshold)
            self.abstentions.setChecked(profile.abstentions_count_as_cast)
            self.tie_break.set_value(profile.tie_break)
            self.tie_reading.set_value(profile.tie_reading)
            self.no_quorum_vote.set_value(profile.no_quorum_vote)
            self.secretary_votes.setChecked(profile.secretary_votes)
            self.recommendations_only.setChecked(profile.recommendations_only)
            for name, editor in self.deadlines.items():
                editor.set_deadline(getattr(profile, name))
            self.min_meetings.setValue(profile.min_meetings_per_year)
            self.signers.set_value(profile.signers)
            self.instructions_report.setChecked(profile.opens_with_instructions_report)
            self.max_deputy_chairs.setValue(profile.max_deputy_chairs)
            self.max_co_chairs.setValue(profile.max_co_chairs)
            self.act_editor.set_act(profile.act)
        finally:
            self._loading = False
        self._edited()

    def apply_preset(self, key: str) -> None:
        """Load the rules of preset ``key`` (as choosing it in the combo does)."""
        self.set_profile(PRESETS[key].profile, key)

    def preset_key(self) -> str:
        return str(self.preset.value() or "")

    def profile(self) -> RegulationProfile:
        """The profile as edited; unchanged values keep the paragraph they come from."""
        base = self._base
        threshold = self.threshold.share()
        assert threshold is not None
        values: dict[str, Any] = {
            "quorum": self.quorum.share(),
            "decision_base": self.decision_base.value(),
            "threshold": threshold,
            "abstentions_count_as_cast": self.abstentions.isChecked(),
            "tie_break": self.tie_break.value(),
            "tie_reading": self.tie_reading.value(),
            "no_quorum_vote": self.no_quorum_vote.value(),
            "secretary_votes": self.secretary_votes.isChecked(),
            "recommendations_only": self.recommendations_only.isChecked(),
            "act": self.act_editor.act(),
            "min_meetings_per_year": self.min_meetings.value(),
            "signers": self.signers.value(),
            "opens_with_instructions_report": self.instructions_report.isChecked(),
            "max_deputy_chairs": self.max_deputy_chairs.value(),
            "max_co_chairs": self.max_co_chairs.value(),
        }
        for name, editor in self.deadlines.items():
            span = editor.value()
            before = getattr(base, name)
            if span is None:
                values[name] = None
            elif before is not None and (before.amount, before.unit) == span:
                values[name] = before  # keeps its paragraph
            else:
                values[name] = Deadline(span[0], span[1])
        sources = {
            rule: source
            for rule, source in base.sources.items()
            if all(values[f] == getattr(base, f) for f in RULE_FIELDS.get(rule, ()))
        }
        return base.with_changes(**values, sources=sources)

    # -- reactions ---------------------------------------------------------------------------
    def _preset_chosen(self) -> None:
        if self._loading:
            return
        key = self.preset_key()
        if key:
            self.apply_preset(key)
        else:
            self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        self.abstentions.setEnabled(self.decision_base.value() is DecisionBase.CAST)
        # Without a quorum rule no vote lacks a quorum: the choice stays, but shown inactive.
        self.no_quorum_vote.setEnabled(self.quorum.share() is not None)
        self._show_sources()
        self.changed.emit()

    def _show_sources(self) -> None:
        profile = self.profile()
        deadline_sources = {
            DEADLINE_RULES[name]: getattr(profile, name).source
            for name in DEADLINE_FIELDS
            if getattr(profile, name) is not None
        }
        for key, label in self._sources.items():
            rule = key.split(":")[0]
            citation = Citation.of(
                profile.source(rule) or deadline_sources.get(rule, ""), profile.act_kind
            )
            label.setText(citation.render() if citation else "")
        key = self.preset_key()
        adjusted = bool(key) and profile != PRESETS[key].profile
        self.adjusted.setText(_("adjusted from the preset") if adjusted else "")

    def retranslate_ui(self) -> None:
        self.texts.apply()
        for combo in (
            self.preset,
            self.decision_base,
            self.tie_break,
            self.tie_reading,
            self.no_quorum_vote,
            self.signers,
        ):
            combo.retranslate()
        self.legend.setText(
            _(
                "Next to a value taken from a regulation, the paragraph it comes from is "
                "shown; changing the value removes it."
            )
        )
        self.act_box.setTitle(_("The council's regulation (cited in protocols)"))
        self.voting_box.setTitle(_("Quorum and voting"))
        self.meetings_box.setTitle(_("Meetings, deadlines and the protocol"))
        self.composition_box.setTitle(_("Composition"))
        self.abstentions.setText(_("Abstentions count as votes cast"))
        self.secretary_votes.setText(_("The secretary has a vote"))
        self.recommendations_only.setText(_("Decisions are recommendations only"))
        self.instructions_report.setText(
            _("Each session opens with the report on the previous instructions")
        )
        self.min_meetings.setSpecialValueText(_("not set"))
        self.min_meetings.updateGeometry()  # the size hint depends on the special text
        tip = _("The paragraph of the regulation this value comes from")
        for label in self._sources.values():
            label.setToolTip(tip)
        self._show_sources()
