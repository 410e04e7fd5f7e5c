"""A council's regulation profile: the rules its votes and deadlines follow.

Every council's regulation differs in the details, so the rules are data.
The presets follow the regulations in ``shared/seeds`` and name the act and
the paragraph each value comes from, so results and deadlines can say why in
the act's own terms (see :mod:`app.domain.citation`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from app.domain.citation import ActKind, Citation, legacy_act_key, paragraph_of
from app.domain.errors import DomainError, Term
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


class TieReading(StrEnum):
    """When the votes count as "equal", so that the casting vote decides.

    The regulations say both "a simple majority of the members present" and "in
    case of equal votes the presiding member's vote decides"; the two readings
    differ only when some members abstain or do not vote.
    """

    # Strict: only when every vote counted in the base is for or against and they are
    # equally divided (with the "present" and "all members" bases: every member present
    # with a vote voted for or against).  1-1-1 of 3 present is no tie: not adopted.
    EQUAL_DIVISION = "equal_division"
    # Lenient: whenever for == against, whatever the abstentions (1-1-1 is a tie).
    FOR_EQUALS_AGAINST = "for_equals_against"


class NoQuorumVote(StrEnum):
    """What closing a vote on an item without a quorum does (members left, quorum lost)."""

    # The vote is closed and recorded as not considered for lack of a quorum: never adopted.
    NOT_CONSIDERED = "not_considered"
    # The vote cannot be closed at all while there is no quorum; the item stays undecided.
    REFUSE = "refuse"


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
class Act:
    """The act a council works under: its Regulation and the act that approved it.

    ``titles`` is the act's own title per language (kk, ru, en); ``issuers`` the
    body that approved it, in the form the language needs after the approving
    instrument (kk genitive «Қазақстан Республикасы Үкіметінің», ru genitive
    «Правительства Республики Казахстан», en "the Government of the Republic of
    Kazakhstan"); ``instruments`` the approving instrument in the instrumental
    case where the language has one (kk «қаулысымен», ru «постановлением», en
    "Decree").  Documents name it in full once and then by its short name.
    """

    kind: ActKind = ActKind.REGULATION
    titles: dict[str, str] = field(default_factory=dict, hash=False)
    issuers: dict[str, str] = field(default_factory=dict, hash=False)
    instruments: dict[str, str] = field(default_factory=dict, hash=False)
    number: str = ""
    approved_on: date | None = None


def act_to_dict(act: Act | None) -> dict[str, object] | None:
    """Plain JSON-ready data of an act (``None`` stays ``None``)."""
    if act is None:
        return None
    return {
        "kind": act.kind.value,
        "titles": dict(act.titles),
        "issuers": dict(act.issuers),
        "instruments": dict(act.instruments),
        "number": act.number,
        "approved_on": act.approved_on.isoformat() if act.approved_on else None,
    }


def act_from_dict(data: object) -> Act | None:
    """The act stored by :func:`act_to_dict`; refuses data of the wrong shape."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError("an act must be an object")

    def texts(key: str) -> dict[str, str]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise ValueError(f"{key} must be an object")
        return {str(k): str(v) for k, v in value.items() if k in ("kk", "ru", "en")}

    approved = data.get("approved_on")
    return Act(
        kind=ActKind(str(data.get("kind", ActKind.REGULATION.value))),
        titles=texts("titles"),
        issuers=texts("issuers"),
        instruments=texts("instruments"),
        number=str(data.get("number", "")),
        approved_on=date.fromisoformat(str(approved)) if approved else None,
    )


@dataclass(frozen=True)
class RegulationProfile:
    """The regulation of one council, as data."""

    quorum: Share | None = None
    decision_base: DecisionBase = DecisionBase.PRESENT
    threshold: Share = MORE_THAN_HALF
    abstentions_count_as_cast: bool = True
    tie_break: TieBreak = TieBreak.PRESIDING
    tie_reading: TieReading = TieReading.EQUAL_DIVISION
    no_quorum_vote: NoQuorumVote = NoQuorumVote.NOT_CONSIDERED
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
    act: Act | None = None
    # The paragraph of the act each rule comes from: "15", or "9.4" for subparagraph 4) of 9.
    sources: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def with_changes(self, **changes: object) -> RegulationProfile:
        """Return a copy with ``changes`` applied (presets stay untouched)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def act_kind(self) -> ActKind:
        """What the citations call the act: the Regulation unless the act says otherwise."""
        return self.act.kind if self.act is not None else ActKind.REGULATION

    def source(self, rule: str) -> str:
        """The paragraph a rule comes from, e.g. ``"15"``, or ``""``."""
        return self.sources.get(rule, "")

    def citation(self, rule: str) -> Citation | None:
        """The rule's paragraph as a citation in legal form, or None when unknown."""
        return Citation.of(self.source(rule), self.act_kind)


@dataclass(frozen=True)
class Preset:
    """A ready-made profile with its name and the act it follows."""

    key: str
    title: str  # marked with N_, translated where shown
    seed: str  # the seed file the preset follows ("000"): for code and tests only
    profile: RegulationProfile


ACT_690 = Act(
    kind=ActKind.REGULATION,
    titles={
        "kk": "«Инновациялық технологиялар паркі» инновациялық кластерінің қамқоршылық кеңесі "
        "туралы ереже",
        "ru": "Положение о попечительском совете инновационного кластера "
        "«Парк инновационных технологий»",
        "en": "Regulation on the supervisory board of the “Innovative Technologies Park” "
        "innovation cluster",
    },
    issuers={
        "kk": "Қазақстан Республикасы Үкіметінің",
        "ru": "Правительства Республики Казахстан",
        "en": "the Government of the Republic of Kazakhstan",
    },
    instruments={"kk": "қаулысымен", "ru": "постановлением", "en": "Decree"},
    number="690",
    approved_on=date(2017, 10, 31),
)

ACT_881 = Act(
    kind=ActKind.REGULATION,
    titles={
        "kk": "Жасанды интеллектіні дамыту жөніндегі кеңес туралы ереже",
        "ru": "Положение о Совете по развитию искусственного интеллекта",
        "en": "Regulation on the Council for the Development of Artificial Intelligence",
    },
    issuers={
        "kk": "Қазақстан Республикасы Президентінің",
        "ru": "Президента Республики Казахстан",
        "en": "the President of the Republic of Kazakhstan",
    },
    instruments={"kk": "Жарлығымен", "ru": "Указом", "en": "Decree"},
    number="881",
    approved_on=date(2025, 5, 19),
)

# The acts the seeds' shorthand referred to, for profiles and files written before acts.
LEGACY_ACTS = {"000": ACT_690, "004": ACT_881}

SUPERVISORY_BOARD_690 = Preset(
    key="supervisory_board_690",
    title=N_("Supervisory board (Government decree No. 690 of 31 October 2017)"),
    seed="000",
    profile=RegulationProfile(
        quorum=None,
        decision_base=DecisionBase.PRESENT,
        threshold=MORE_THAN_HALF,
        tie_break=TieBreak.PRESIDING,
        # 000 §15: "a simple majority of the total number of members present"; the casting
        # vote settles "equal votes", which abstentions are not: the strict reading.
        tie_reading=TieReading.EQUAL_DIVISION,
        # 000 sets no quorum, so this applies only once a user sets one: a vote without a
        # quorum is no decision of the council, and the record says so instead of hiding it.
        no_quorum_vote=NoQuorumVote.NOT_CONSIDERED,
        secretary_votes=True,
        recommendations_only=False,
        copies_deadline=Deadline(7, DayCount.CALENDAR_DAYS, "9.4"),
        min_meetings_per_year=0,
        signers=Signers.PRESIDING,
        opens_with_instructions_report=False,
        max_deputy_chairs=1,
        act=ACT_690,
        sources={
            "substitution": "14",
            "threshold": "15",
            "tie_break": "15",
            "dissent": "16",
            "signers": "17",
            "copies": "9.4",
            "extraordinary": "13",
        },
    ),
)

AI_COUNCIL_881 = Preset(
    key="ai_council_881",
    title=N_("AI development council (Presidential decree No. 881 of 19 May 2025)"),
    seed="004",
    profile=RegulationProfile(
        quorum=None,
        decision_base=DecisionBase.PRESENT,
        threshold=MORE_THAN_HALF,
        tie_break=TieBreak.CHAIR,
        # 004 §25 says "a majority" and "equal votes" and nothing more: the strict reading,
        # as for 000, since nothing in the text lets abstentions make a tie.
        tie_reading=TieReading.EQUAL_DIVISION,
        # 004 sets no quorum either; as for 000, a vote without one is recorded, not adopted.
        no_quorum_vote=NoQuorumVote.NOT_CONSIDERED,
        secretary_votes=True,
        recommendations_only=True,
        materials_deadline=Deadline(2, DayCount.MONTHS, "27"),
        materials_deadline_interim=Deadline(15, DayCount.WORKING_DAYS, "36"),
        protocol_draft_deadline=Deadline(1, DayCount.MONTHS, "30"),
        protocol_draft_deadline_interim=Deadline(2, DayCount.WEEKS, "38"),
        min_meetings_per_year=1,
        signers=Signers.PRESIDING,
        opens_with_instructions_report=True,
        max_deputy_chairs=0,
        max_co_chairs=0,
        act=ACT_881,
        sources={
            "substitution": "22",
            "threshold": "25",
            "tie_break": "25",
            "recommendations": "4",
            "signers": "20",
            "min_meetings": "25",
            "instructions_report": "26",
            "materials": "27",
            "materials_interim": "36",
            "draft": "30",
            "draft_interim": "38",
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
    source = paragraph_of(str(data.get("source", "")))
    return Deadline(int(data["amount"]), DayCount(data["unit"]), source)


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
        "tie_reading": profile.tie_reading.value,
        "no_quorum_vote": profile.no_quorum_vote.value,
        "secretary_votes": profile.secretary_votes,
        "recommendations_only": profile.recommendations_only,
        "min_meetings_per_year": profile.min_meetings_per_year,
        "signers": profile.signers.value,
        "opens_with_instructions_report": profile.opens_with_instructions_report,
        "max_deputy_chairs": profile.max_deputy_chairs,
        "max_co_chairs": profile.max_co_chairs,
        "act": act_to_dict(profile.act),
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
    act = act_from_dict(data.get("act"))
    if act is None:
        act = _legacy_act(sources, data)

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
        tie_reading=TieReading(str(data.get("tie_reading", base.tie_reading.value))),
        no_quorum_vote=NoQuorumVote(str(data.get("no_quorum_vote", base.no_quorum_vote.value))),
        secretary_votes=flag("secretary_votes", True),
        recommendations_only=flag("recommendations_only", False),
        min_meetings_per_year=number("min_meetings_per_year", 0),
        signers=Signers(str(data.get("signers", base.signers.value))),
        opens_with_instructions_report=flag("opens_with_instructions_report", False),
        max_deputy_chairs=number("max_deputy_chairs", 1),
        max_co_chairs=number("max_co_chairs", 0),
        act=act,
        sources={str(k): p for k, v in sources.items() if (p := paragraph_of(str(v)))},
        **{name: _deadline_from(data.get(name)) for name in DEADLINE_FIELDS},
    )


def _legacy_act(sources: dict[object, object], data: dict[str, object]) -> Act | None:
    """The act an old profile meant by its "000 §15" sources, when they all name one seed."""
    refs = [str(v) for v in sources.values()]
    for name in DEADLINE_FIELDS:
        deadline = data.get(name)
        if isinstance(deadline, dict):
            refs.append(str(deadline.get("source", "")))
    keys = {legacy_act_key(ref) for ref in refs} - {""}
    return LEGACY_ACTS.get(keys.pop()) if len(keys) == 1 else None


# Limits of a profile's numbers: beyond them a value is a typing or file mistake, never a rule.
# The profile editor takes its ranges from here, and services and the import refuse the rest.
MAX_MEETINGS_PER_YEAR = 365
MAX_DEPUTY_CHAIRS = 20
MAX_CO_CHAIRS = 20
MAX_SHARE_DENOMINATOR = 100
DEADLINE_LIMITS: dict[DayCount, int] = {
    DayCount.CALENDAR_DAYS: 366,
    DayCount.WORKING_DAYS: 366,
    DayCount.WEEKS: 52,
    DayCount.MONTHS: 24,
}
NUMBER_LIMITS: dict[str, int] = {
    "min_meetings_per_year": MAX_MEETINGS_PER_YEAR,
    "max_deputy_chairs": MAX_DEPUTY_CHAIRS,
    "max_co_chairs": MAX_CO_CHAIRS,
}
# The names of the profile's fields, as the profile editor labels them.
PROFILE_FIELD_LABELS: dict[str, str] = {
    "quorum": N_("Quorum"),
    "threshold": N_("Decision threshold"),
    "min_meetings_per_year": N_("Meetings a year, at least"),
    "max_deputy_chairs": N_("Deputy chairs, at most"),
    "max_co_chairs": N_("Co-chairs, at most"),
    "materials_deadline": N_("Materials, before a session"),
    "materials_deadline_interim": N_("Materials, before an interim meeting"),
    "protocol_draft_deadline": N_("Draft protocol, after a session"),
    "protocol_draft_deadline_interim": N_("Draft protocol, after an interim meeting"),
    "copies_deadline": N_("Copies to members, after signing"),
}
_DEADLINE_MESSAGES = {
    DayCount.CALENDAR_DAYS: N_("The deadline “{field}” must be from 0 to {limit} calendar days."),
    DayCount.WORKING_DAYS: N_("The deadline “{field}” must be from 0 to {limit} working days."),
    DayCount.WEEKS: N_("The deadline “{field}” must be from 0 to {limit} weeks."),
    DayCount.MONTHS: N_("The deadline “{field}” must be from 0 to {limit} months."),
}
INVALID_PROFILE = N_("The regulation profile is not valid.")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_number(name: str, value: object) -> None:
    limit = NUMBER_LIMITS[name]
    if not _whole(value) or not 0 <= value <= limit:  # type: ignore[operator]
        raise DomainError(
            N_("The field “{field}” must be a whole number from {low} to {high}."),
            field=Term(PROFILE_FIELD_LABELS[name]),
            low=0,
            high=limit,
        )


def _check_share(name: str, numerator: object, denominator: object) -> None:
    if (
        not _whole(numerator)
        or not _whole(denominator)
        or not 1 <= denominator <= MAX_SHARE_DENOMINATOR  # type: ignore[operator]
        or not 0 <= numerator <= denominator  # type: ignore[operator]
    ):
        raise DomainError(
            N_(
                "The value of “{field}” must be a fraction of at most one, with a "
                "denominator from 1 to {limit}; {numerator}/{denominator} is not."
            ),
            field=Term(PROFILE_FIELD_LABELS[name]),
            limit=MAX_SHARE_DENOMINATOR,
            numerator=_shown(numerator),
            denominator=_shown(denominator),
        )


def _check_deadline(name: str, amount: object, unit: object) -> None:
    try:
        day_count = DayCount(unit)  # type: ignore[arg-type]
    except ValueError:
        raise DomainError(INVALID_PROFILE) from None
    limit = DEADLINE_LIMITS[day_count]
    if not _whole(amount) or not 0 <= amount <= limit:  # type: ignore[operator]
        raise DomainError(
            _DEADLINE_MESSAGES[day_count], field=Term(PROFILE_FIELD_LABELS[name]), limit=limit
        )


def _shown(value: object) -> str:
    """A number as a message may show it: a file's huge number is cut, not printed whole."""
    if not _whole(value):
        return "?"
    return str(value) if abs(value) < 10**9 else "…"  # type: ignore[arg-type]


def check_profile(profile: RegulationProfile) -> RegulationProfile:
    """Refuse a profile whose numbers make no sense, naming the field; return it unchanged.

    The shares are fractions of at most one whole with a denominator of at most 100,
    meetings a year 0 to 365, deputy and co-chairs 0 to 20 each, and a deadline 0 to
    366 days, 52 weeks or 24 months:

    >>> check_profile(AI_COUNCIL_881.profile) is AI_COUNCIL_881.profile
    True
    >>> check_profile(RegulationProfile(max_deputy_chairs=-3))
    Traceback (most recent call last):
    app.domain.errors.DomainError: The field “Deputy chairs, at most” must be a whole number from 0 to 20.
    """  # noqa: E501 - a doctest shows the message whole
    if not isinstance(profile, RegulationProfile):
        raise DomainError(INVALID_PROFILE)
    for name in ("quorum", "threshold"):
        share = getattr(profile, name)
        if share is None and name == "quorum":
            continue
        if not isinstance(share, Share):
            raise DomainError(INVALID_PROFILE)
        _check_share(name, share.numerator, share.denominator)
    for name in NUMBER_LIMITS:
        _check_number(name, getattr(profile, name))
    for name in DEADLINE_FIELDS:
        deadline = getattr(profile, name)
        if deadline is None:
            continue
        if not isinstance(deadline, Deadline):
            raise DomainError(INVALID_PROFILE)
        _check_deadline(name, deadline.amount, deadline.unit)
    return profile


def profile_from_data(data: object) -> RegulationProfile:
    """The profile a file or another program sent, every value checked (see :func:`check_profile`).

    Unlike :func:`profile_from_dict`, which reads what Kenes stored itself, this
    names the field at fault: a share of 5/3 or a deadline of −2 days cannot even
    be built, so the data are looked at before the profile is.
    """
    if not isinstance(data, dict):
        raise DomainError(INVALID_PROFILE)
    for name in ("quorum", "threshold"):
        share = data.get(name)
        if isinstance(share, dict):
            _check_share(name, share.get("numerator"), share.get("denominator"))
    for name in NUMBER_LIMITS:
        if name in data and data[name] is not None:
            _check_number(name, data[name])
    for name in DEADLINE_FIELDS:
        deadline = data.get(name)
        if isinstance(deadline, dict):
            _check_deadline(name, deadline.get("amount"), deadline.get("unit"))
    try:
        profile = profile_from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DomainError(INVALID_PROFILE) from exc
    return check_profile(profile)
