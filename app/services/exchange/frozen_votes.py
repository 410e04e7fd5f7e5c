"""Closed votes on import: counted under the profile they were closed under, never recounted.

A closed decision point keeps the record frozen when its voting closed, with the
profile it was counted under (DESIGN §5).  An import never changes that record for
a point closed here already; a point the file brings closed is counted again under
the profile in *its* frozen record, and a record that disagrees with its own votes
is refused, naming what differs.  A frozen record without a profile (a file written
before profiles were frozen) is counted under the profile in force on the meeting's
date.  The import summary also states every change of a council's profile in words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.domain.attendance import AttendanceRecord
from app.domain.errors import DomainError, Term
from app.domain.profile_changes import describe_changes
from app.domain.quorum_loss import closing_without_quorum
from app.domain.regulation import RegulationProfile, profile_from_data, profile_to_dict
from app.domain.translation import N_
from app.domain.voting import Choice, TallyResult, VotingContext, not_considered
from app.formatting import legal_date_plain
from app.models.conduct import DecisionPoint
from app.services.conduct.common import (
    MeetingFrame,
    ballots_of,
    context_quorum,
    counted_result,
    frozen_data,
    voting_context,
)
from app.services.profile_history import stored_profile

# The parts of a frozen record that are facts of the vote, and what a message calls them.
PARTS: dict[str, str] = {
    "entitled_present": N_("the members present and entitled to vote"),
    "composition_size": N_("the number of members with a vote"),
    "presiding_id": N_("the presiding member"),
    "chair_id": N_("the chair"),
    "ballots": N_("the votes of the members"),
    "quorum": N_("the quorum"),
    "result": N_("the result of the vote"),
}
# The facts of a result; the paragraphs it cites are wording, not facts (older records
# cite them in an older form).
RESULT_FACTS = (
    "adopted",
    "for_",
    "against",
    "abstained",
    "did_not_vote",
    "base",
    "base_count",
    "required",
    "tie",
    "tie_break_applied",
    "deciding_voter_id",
    "reason",
    "recommendation",
)
QUORUM_FACTS = ("has_quorum", "present", "base", "required")
DISAGREES = N_(
    "The frozen record of decision point {number} of meeting No. {meeting} does not agree "
    "with its votes counted under the regulation profile it was closed under: {part} "
    "differs. The file was changed after the vote was closed."
)
ADOPTION_DIFFERS = N_(
    "Decision point {number} of meeting No. {meeting} is recorded as {recorded}, but its "
    "votes counted under the regulation profile it was closed under make it {counted}. The "
    "file was changed after the vote was closed."
)
CLOSED_HERE = N_(
    "The voting on decision point {number} of meeting No. {meeting} is closed in this "
    "database; its frozen record and result never change, and the file's differ ({part})."
)
ADOPTED = N_("adopted")
NOT_ADOPTED = N_("not adopted")


def frozen_profile(frozen: object, in_force: RegulationProfile) -> RegulationProfile:
    """The profile a frozen record was counted under; ``in_force`` when it names none."""
    if isinstance(frozen, dict) and isinstance(frozen.get("profile"), dict):
        return profile_from_data(frozen["profile"])
    return in_force


@dataclass(frozen=True)
class LiveCount:
    """A point's voting context and live result under the profile in force, counted once
    by the caller's own checks and not again for its frozen record."""

    context: VotingContext
    result: TallyResult


def count_frozen(
    session: Session,
    point: DecisionPoint,
    fr: MeetingFrame,
    records: list[AttendanceRecord],
    index: int,
    cast: Mapping[int, Choice] | None = None,
    live: LiveCount | None = None,
) -> dict[str, Any] | None:
    """The record closing the voting would freeze under ``fr.profile`` (None: no counts).

    ``cast``: the point's ballots when the caller has read them already (read otherwise);
    ``live``: the point counted under ``fr.profile`` already (counted here otherwise).
    The record is the one :func:`live_result`, :func:`item_quorum` and :func:`frozen_record`
    make, with the item's voting context built once.
    """
    result: TallyResult | None
    if live is not None:
        context, result = live.context, live.result
    else:
        context = voting_context(fr, records, index)
        if cast is None and point.mode != "counts":
            cast = ballots_of(session, point.id)
        result = counted_result(point, context, fr.profile, cast or {})
    if result is None:
        return None
    if cast is None:
        cast = ballots_of(session, point.id)
    quorum = context_quorum(context, fr.profile)
    if closing_without_quorum(fr.profile, quorum, index + 1, confirmed=True):
        result = not_considered(result)
    return frozen_data(context, quorum, result, cast, fr.profile)


def _facts(frozen: dict[str, Any], part: str) -> Any:
    value = frozen.get(part)
    if part == "result" and isinstance(value, dict):
        return {k: value.get(k) for k in RESULT_FACTS}
    if part == "quorum" and isinstance(value, dict):
        return {k: value.get(k) for k in QUORUM_FACTS}
    if part == "entitled_present" and isinstance(value, list):
        return sorted(value, key=str)
    return value


def differing_parts(recorded: object, counted: dict[str, Any]) -> list[str]:
    """The parts (keys of :data:`PARTS`) in which ``recorded`` disagrees with ``counted``."""
    if not isinstance(recorded, dict):
        return list(PARTS)
    return [part for part in PARTS if _facts(recorded, part) != _facts(counted, part)]


def adoption(frozen: object) -> bool | None:
    result = frozen.get("result") if isinstance(frozen, dict) else None
    return bool(result.get("adopted")) if isinstance(result, dict) else None


def check_frozen(
    session: Session,
    point: DecisionPoint,
    fr: MeetingFrame,
    records: list[AttendanceRecord],
    index: int,
    recorded: dict[str, Any] | None,
    cast: Mapping[int, Choice] | None = None,
    live: LiveCount | None = None,
) -> tuple[dict[str, Any] | None, list[DomainError]]:
    """Count a closed point under its own frozen profile; the record to keep and the refusals.

    The record kept is the file's when it agrees with its votes, the count otherwise.
    ``recorded`` is the frozen record the file brings (None: an older file, which
    gets the record counted under the profile in force on the meeting's date).
    ``live``: the point counted under ``fr.profile`` already, used when that is the profile.
    """
    try:
        profile = frozen_profile(recorded, fr.profile)
    except DomainError as exc:
        return None, [exc]
    same = profile is fr.profile  # a record naming no profile: counted under the one in force
    counted = count_frozen(
        session,
        point,
        fr if same else dataclasses.replace(fr, profile=profile),
        records,
        index,
        cast,
        live if same else None,
    )
    if counted is None or recorded is None:
        return counted, []
    errors: list[DomainError] = []
    before, after = adoption(recorded), adoption(counted)
    if before is not None and after is not None and before != after:
        errors.append(
            DomainError(
                ADOPTION_DIFFERS,
                number=point.number,
                meeting=fr.meeting.number,
                recorded=_term(ADOPTED if before else NOT_ADOPTED),
                counted=_term(ADOPTED if after else NOT_ADOPTED),
            )
        )
    for part in differing_parts(recorded, counted):
        if part == "result" and errors:
            continue  # said already, in plainer words
        errors.append(
            DomainError(
                DISAGREES, number=point.number, meeting=fr.meeting.number, part=_term(PARTS[part])
            )
        )
    # A record at odds with its votes is replaced by the count, so that the comparison with
    # a signed protocol names each vote that differs.
    return (counted if errors else recorded), errors


def _term(msgid: str) -> Term:
    return Term(msgid)


def closed_here_changed(
    point: DecisionPoint, meeting_number: int, stored: Any, recorded: Any
) -> DomainError | None:
    """Refuse a file whose frozen record of a point closed here differs from the stored one."""
    if recorded is None or not isinstance(stored, dict):
        return None
    parts = differing_parts(recorded, stored)
    if not parts and recorded.get("profile") == stored.get("profile"):
        return None
    part = PARTS[parts[0]] if parts else N_("the regulation profile it was counted under")
    return DomainError(CLOSED_HERE, number=point.number, meeting=meeting_number, part=_term(part))


NOT_IN_FORCE = N_(
    "Decision point {number} of meeting No. {meeting} was counted under a regulation profile "
    "other than the one in force for the council on the meeting's date."
)


def settle_closed_point(
    session: Session,
    point: DecisionPoint,
    fr: MeetingFrame,
    records: list[AttendanceRecord],
    index: int,
    recorded: dict[str, Any] | None,
    *,
    stored: dict[str, Any] | None,
    votes_changed: bool,
    recount: bool,
    cast: Mapping[int, Choice] | None = None,
    live: LiveCount | None = None,
) -> tuple[dict[str, Any] | None, list[DomainError]]:
    """The frozen record a closed point keeps after an import, and the refusals.

    ``stored`` is the record of a point closed in this database before the import
    (None: the file brings it closed); ``votes_changed`` whether the file rewrote the
    point; ``recount`` (a meeting brought back from a laptop, where the user chose
    between both sides' records) keeps the count instead of refusing a difference.
    ``cast``: the point's ballots when the caller has read them already (read otherwise);
    ``live``: the point counted under ``fr.profile`` already (counted again otherwise).
    """
    if stored is not None:
        changed = closed_here_changed(point, fr.meeting.number, stored, recorded)
        if changed is not None:
            return stored, [changed]
        if not votes_changed:
            return stored, []
        counted, errors = check_frozen(session, point, fr, records, index, stored, cast, live)
        # Refused then; the count lets the comparison with a signed protocol name each vote.
        return (counted if errors else stored), errors
    try:
        profile = frozen_profile(recorded, fr.profile)
    except DomainError as exc:
        return None, [exc]
    errors = []
    if profile is not fr.profile and profile_to_dict(profile) != profile_to_dict(fr.profile):
        errors.append(DomainError(NOT_IN_FORCE, number=point.number, meeting=fr.meeting.number))
    kept, disagreements = check_frozen(session, point, fr, records, index, recorded, cast, live)
    if not recount:
        errors.extend(disagreements)
    return kept, errors


# -- the summary: profile changes in words ----------------------------------------------------


@dataclass(frozen=True)
class ProfileChangeNote:
    """A council's profile that the import changes, from a date (None: for every meeting)."""

    council: dict[str, str]
    effective_from: date | None
    before: dict[str, Any]
    after: dict[str, Any]


def profile_change_lines(
    notes: list[ProfileChangeNote] | tuple[ProfileChangeNote, ...], lang: str
) -> list[str]:
    """One sentence per rule that changes, in ``lang``, dates in words."""
    from app.domain.council import pick
    from app.i18n import translations

    t = translations(lang)
    lines: list[str] = []
    for note in notes:
        name = pick(note.council, lang)
        try:
            before, after = stored_profile(note.before), stored_profile(note.after)
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # a senseless profile is refused with its own problem
        changes = describe_changes(before, after, t, lang)
        for change in changes:
            if note.effective_from is None:
                text = t.gettext(
                    N_("{council}: {rule} changes from “{before}” to “{after}”, for every meeting.")
                )
                day = ""
            else:
                text = t.gettext(
                    N_(
                        "{council}: {rule} changes from “{before}” to “{after}”; the change "
                        "takes effect on {day}."
                    )
                )
                day = legal_date_plain(note.effective_from, lang)
            lines.append(
                text.format(
                    council=name,
                    rule=change.rule,
                    before=change.before,
                    after=change.after,
                    day=day,
                )
            )
    return lines
