"""A council's regulation profile: the rules its votes and deadlines follow.

Every council's regulation differs in the details, so the rules are data.
The presets follow the regulations in ``shared/seeds`` and name the paragraph
each value comes from, so results and deadlines can say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from app.domain.translation import N_


@dataclass(frozen=True, order=True)
class Share:
    """A fraction of a base: "more than half" is ``Share(1, 2, inclusive=False)``."""

    numerator: int
    denominator: int
    inclusive: bool = False

    def __post_init__(self) -> None:
        if self.denominator <= 0 or self.numerator < 0 or self.numerator > self.denominator:
            raise ValueError(f"not a share: {self.numerator}/{self.denominator}")

    def is_met(self, count: int, base: int) -> bool:
        """Whether ``count`` reaches this share of ``base`` (integer arithmetic, no rounding)."""
        lhs = count * self.denominator
        rhs = self.numerator * base
        return lhs >= rhs if self.inclusive else lhs > rhs

    def minimum(self, base: int) -> int:
        """The smallest count that meets this share of ``base``."""
        need = (self.numerator * base) // self.denominator
        return need if self.is_met(need, base) else need + 1


MORE_THAN_HALF = Share(1, 2, inclusive=False)
AT_LEAST_HALF = Share(1, 2, inclusive=True)
AT_LEAST_TWO_THIRDS = Share(2, 3, inclusive=True)
AT_LEAST_THREE_QUARTERS = Share(3, 4, inclusive=True)


class DecisionBase(StrEnum):
    """What the decision threshold is counted against."""

    PRESENT = "present"  # members present with a vote (000 §15)
    CAST = "cast"  # votes cast: for + against (+ abstained when they count)
    ALL_MEMBERS = "all_members"  # members with a vote in the composition


class TieBreak(StrEnum):
    """Who decides a tie."""

    PRESIDING = "presiding"  # the presiding member's vote decides (000 §15)
    CHAIR = "chair"  # the chair's vote decides, only when the chair votes (004 §25)
    NONE = "none"  # a tie is not adopted


class DayCount(StrEnum):
    """Units in which a regulation counts a deadline."""

    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    WEEKS = "weeks"
    MONTHS = "months"


class Signers(StrEnum):
    """Who signs the protocol."""

    PRESIDING = "presiding"
    PRESIDING_AND_SECRETARY = "presiding_and_secretary"


@dataclass(frozen=True)
class Deadline:
    """A span counted in a unit, with the paragraph it comes from."""

    amount: int
    unit: DayCount
    source: str = ""

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a deadline cannot be negative")


@dataclass(frozen=True)
class RegulationProfile:
    """The regulation of one council, as data."""

    quorum: Share | None = None
    decision_base: DecisionBase = DecisionBase.PRESENT
    threshold: Share = MORE_THAN_HALF
    abstentions_count_as_cast: bool = True
    tie_break: TieBreak = TieBreak.PRESIDING
    secretary_votes: bool = True
    recommendations_only: bool = False
    materials_deadline: Deadline | None = None
    materials_deadline_interim: Deadline | None = None
    protocol_draft_deadline: Deadline | None = None
    protocol_draft_deadline_interim: Deadline | None = None
    copies_deadline: Deadline | None = None
    min_meetings_per_year: int = 0
    signers: Signers = Signers.PRESIDING
    opens_with_instructions_report: bool = False
    max_deputy_chairs: int = 1
    max_co_chairs: int = 0
    sources: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def with_changes(self, **changes: object) -> RegulationProfile:
        """Return a copy with ``changes`` applied (presets stay untouched)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def source(self, rule: str) -> str:
        """The paragraph a rule comes from, e.g. ``"000 §15"``, or ``""``."""
        return self.sources.get(rule, "")


@dataclass(frozen=True)
class Preset:
    """A ready-made profile with its name and the act it follows."""

    key: str
    title: str  # marked with N_, translated where shown
    act: str
    profile: RegulationProfile


SUPERVISORY_BOARD_690 = Preset(
    key="supervisory_board_690",
    title=N_("Supervisory board (Government decree No. 690 of 31 October 2017)"),
    act="000",
    profile=RegulationProfile(
        quorum=None,
        decision_base=DecisionBase.PRESENT,
        threshold=MORE_THAN_HALF,
        tie_break=TieBreak.PRESIDING,
        secretary_votes=True,
        recommendations_only=False,
        copies_deadline=Deadline(7, DayCount.CALENDAR_DAYS, "000 §9.4"),
        min_meetings_per_year=0,
        signers=Signers.PRESIDING,
        opens_with_instructions_report=False,
        max_deputy_chairs=1,
        sources={
            "substitution": "000 §14",
            "threshold": "000 §15",
            "tie_break": "000 §15",
            "dissent": "000 §16",
            "signers": "000 §17",
            "copies": "000 §9.4",
            "extraordinary": "000 §13",
        },
    ),
)

AI_COUNCIL_881 = Preset(
    key="ai_council_881",
    title=N_("AI development council (Presidential decree No. 881 of 19 May 2025)"),
    act="004",
    profile=RegulationProfile(
        quorum=None,
        decision_base=DecisionBase.PRESENT,
        threshold=MORE_THAN_HALF,
        tie_break=TieBreak.CHAIR,
        secretary_votes=True,
        recommendations_only=True,
        materials_deadline=Deadline(2, DayCount.MONTHS, "004 §27"),
        materials_deadline_interim=Deadline(15, DayCount.WORKING_DAYS, "004 §36"),
        protocol_draft_deadline=Deadline(1, DayCount.MONTHS, "004 §30"),
        protocol_draft_deadline_interim=Deadline(2, DayCount.WEEKS, "004 §38"),
        min_meetings_per_year=1,
        signers=Signers.PRESIDING,
        opens_with_instructions_report=True,
        max_deputy_chairs=0,
        max_co_chairs=0,
        sources={
            "substitution": "004 §22",
            "threshold": "004 §25",
            "tie_break": "004 §25",
            "recommendations": "004 §4",
            "signers": "004 §20",
            "min_meetings": "004 §25",
            "instructions_report": "004 §26",
            "materials": "004 §27",
            "materials_interim": "004 §36",
            "draft": "004 §30",
            "draft_interim": "004 §38",
        },
    ),
)

PRESETS: dict[str, Preset] = {p.key: p for p in (SUPERVISORY_BOARD_690, AI_COUNCIL_881)}


def _share_to(share: Share | None) -> dict[str, object] | None:
    if share is None:
        return None
    return {
        "numerator": share.numerator,
        "denominator": share.denominator,
        "inclusive": share.inclusive,
    }


def _share_from(data: object) -> Share | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError("a share must be an object")
    return Share(int(data["numerator"]), int(data["denominator"]), bool(data["inclusive"]))


def _deadline_to(deadline: Deadline | None) -> dict[str, object] | None:
    if deadline is None:
        return None
    return {"amount": deadline.amount, "unit": deadline.unit.value, "source": deadline.source}


def _deadline_from(data: object) -> Deadline | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError("a deadline must be an object")
    return Deadline(int(data["amount"]), DayCount(data["unit"]), str(data.get("source", "")))


DEADLINE_FIELDS = (
    "materials_deadline",
    "materials_deadline_interim",
    "protocol_draft_deadline",
    "protocol_draft_deadline_interim",
    "copies_deadline",
)


def profile_to_dict(profile: RegulationProfile) -> dict[str, object]:
    """Plain JSON-ready data of a profile (stored with the council, exported as is)."""
    data: dict[str, object] = {
        "quorum": _share_to(profile.quorum),
        "decision_base": profile.decision_base.value,
        "threshold": _share_to(profile.threshold),
        "abstentions_count_as_cast": profile.abstentions_count_as_cast,
        "tie_break": profile.tie_break.value,
        "secretary_votes": profile.secretary_votes,
        "recommendations_only": profile.recommendations_only,
        "min_meetings_per_year": profile.min_meetings_per_year,
        "signers": profile.signers.value,
        "opens_with_instructions_report": profile.opens_with_instructions_report,
        "max_deputy_chairs": profile.max_deputy_chairs,
        "max_co_chairs": profile.max_co_chairs,
        "sources": dict(profile.sources),
    }
    for name in DEADLINE_FIELDS:
        data[name] = _deadline_to(getattr(profile, name))
    return data


def profile_from_dict(data: dict[str, object]) -> RegulationProfile:
    """The profile stored by :func:`profile_to_dict`; missing keys take the defaults."""
    base = RegulationProfile()
    threshold = _share_from(data.get("threshold")) or base.threshold
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        raise ValueError("sources must be an object")

    def flag(key: str, default: bool) -> bool:
        value = data.get(key, default)
        return bool(value)

    def number(key: str, default: int) -> int:
        value = data.get(key, default)
        if not isinstance(value, int | str):
            raise ValueError(f"{key} must be a number")
        return int(value)

    return RegulationProfile(
        quorum=_share_from(data.get("quorum")),
        decision_base=DecisionBase(str(data.get("decision_base", base.decision_base.value))),
        threshold=threshold,
        abstentions_count_as_cast=flag("abstentions_count_as_cast", True),
        tie_break=TieBreak(str(data.get("tie_break", base.tie_break.value))),
        secretary_votes=flag("secretary_votes", True),
        recommendations_only=flag("recommendations_only", False),
        min_meetings_per_year=number("min_meetings_per_year", 0),
        signers=Signers(str(data.get("signers", base.signers.value))),
        opens_with_instructions_report=flag("opens_with_instructions_report", False),
        max_deputy_chairs=number("max_deputy_chairs", 1),
        max_co_chairs=number("max_co_chairs", 0),
        sources={str(k): str(v) for k, v in sources.items()},
        **{name: _deadline_from(data.get(name)) for name in DEADLINE_FIELDS},
    )
