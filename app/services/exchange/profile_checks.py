"""What an import may do to a council's regulation profile: the rule of the council editor.

A profile changes from a date, never over a vote closed here or a signed protocol
(:mod:`app.services.profile_history`, the one place the rule is written); a
recorded version never changes; and the council's profile is its latest version.
Every change is also noted, so the summary can say it in words before importing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.profile_changes import changes_counting
from app.domain.regulation import profile_to_dict
from app.domain.translation import N_
from app.formats.exchange_values import pointer
from app.models.composition import Council
from app.models.conduct import DecisionPoint
from app.models.meeting import AgendaItem, Meeting
from app.models.profile_history import ProfileVersion
from app.services.exchange.frozen_votes import ProfileChangeNote
from app.services.exchange.merge_state import MergeState
from app.services.profile_history import (
    ClosedMeeting,
    check_order,
    check_takes_effect,
    stored_profile,
    versions_of,
)


def _same(a: Any, b: Any) -> bool:
    """Whether two stored profiles are the same rules (a senseless one is reported elsewhere)."""
    try:
        return profile_to_dict(stored_profile(a)) == profile_to_dict(stored_profile(b))
    except (ValueError, TypeError, KeyError, AttributeError):
        return True


def _counting(before: Any, row: Council | ProfileVersion) -> bool:
    """Whether the change counts votes differently (see ``changes_counting``)."""
    try:
        return changes_counting(stored_profile(before), stored_profile(row.profile))
    except (ValueError, TypeError, KeyError, AttributeError):
        return True


class ProfileChecks(MergeState):
    """The profile rules of the import (a step of the merge)."""

    def _note_closed(self) -> None:
        """Before anything is written: the votes closed here and every council's profile."""
        self.closed_before = dict(
            self.session.execute(
                select(DecisionPoint.id, DecisionPoint.frozen).where(
                    DecisionPoint.state == "closed"
                )
            ).all()
        )
        self.profiles_before = dict(self.session.execute(select(Council.id, Council.profile)).all())

    def _closed_here(self, council_id: int) -> list[ClosedMeeting]:
        """Meetings of the council with a vote closed or a protocol signed before the import."""
        meeting_ids = set(self.locked_before)
        points = sorted(self.closed_before)
        for start in range(0, len(points), 500):
            chunk = points[start : start + 500]
            meeting_ids.update(
                self.session.scalars(
                    select(AgendaItem.meeting_id)
                    .join(DecisionPoint, DecisionPoint.item_id == AgendaItem.id)
                    .where(DecisionPoint.id.in_(chunk))
                )
            )
        if not meeting_ids:
            return []
        rows = self.session.execute(
            select(Meeting.id, Meeting.number, Meeting.meeting_date).where(
                Meeting.id.in_(sorted(meeting_ids)), Meeting.council_id == council_id
            )
        ).all()
        return [
            ClosedMeeting(int(number), day, meeting_id in self.locked_before)
            for meeting_id, number, day in rows
        ]

    def _check_profiles(self) -> None:
        new_versions: dict[int, list[ProfileVersion]] = {}
        for record in self.archive.records("profile_versions"):
            key = ("profile_versions", record["uid"])
            row = self.rows.get(key)
            if row is None:
                continue
            if key in self.existing:
                if key in self.changed:
                    self.problem(
                        self.where[key],
                        N_(
                            "A recorded change of a regulation profile never changes; the file "
                            "changes one. Record a new change from a later date instead."
                        ),
                    )
                continue
            new_versions.setdefault(int(row.council_id), []).append(row)
        councils = {
            int(row.id): row
            for record in self.archive.records("councils")
            if (row := self.rows.get(("councils", record["uid"]))) is not None
        }
        for council_id in sorted(set(councils) | set(new_versions)):
            council = councils.get(council_id) or self.session.get(Council, council_id)
            if council is None:
                continue
            self._check_council_profile(council, new_versions.get(council_id, []))

    def _check_council_profile(self, council: Council, added: list[ProfileVersion]) -> None:
        where = self.where.get(("councils", council.uid), pointer("tables", "councils"))
        names = {"kk": council.name_kk, "ru": council.name_ru, "en": council.name_en}
        existed = council.id in self.profiles_before
        closed = self._closed_here(council.id) if existed else []
        versions = versions_of(self.session, council.id)
        old_versions = [v for v in versions if v not in added]
        added = sorted(added, key=lambda v: (v.effective_from or date.min, v.id))
        previous: Any = None
        for version in versions:
            if version in added and existed:
                at = self.where.get(("profile_versions", version.uid), where)
                before = previous if previous is not None else self.profiles_before[council.id]
                same = _same(before, version.profile)
                try:
                    if version.effective_from is not None:
                        check_order(version.effective_from, old_versions)
                        check_takes_effect(
                            version.effective_from, closed, counting=_counting(before, version)
                        )
                    elif old_versions:
                        raise DomainError(
                            N_(
                                "The regulation profile of this council has changed "
                                "before; say from which date the new profile takes effect."
                            )
                        )
                    elif not same:  # the first version differs: a change with no date
                        check_takes_effect(None, closed, counting=_counting(before, version))
                except DomainError as exc:
                    self.error(at, exc)
                if not same:
                    self.profile_notes.append(
                        ProfileChangeNote(
                            names, version.effective_from, dict(before), dict(version.profile)
                        )
                    )
            previous = version.profile
        if versions:
            if not _same(council.profile, versions[-1].profile):
                self.problem(
                    where,
                    N_(
                        "The regulation profile of a council must be its latest recorded "
                        "version; the file gives another one."
                    ),
                )
            return
        if existed and not _same(self.profiles_before[council.id], council.profile):
            # A change with no date: in force for every meeting, so only with nothing closed.
            self.profile_notes.append(
                ProfileChangeNote(
                    names, None, dict(self.profiles_before[council.id]), dict(council.profile)
                )
            )
            try:
                counting = _counting(self.profiles_before[council.id], council)
                check_takes_effect(None, closed, counting=counting)
            except DomainError as exc:
                self.error(where, exc)
