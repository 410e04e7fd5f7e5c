"""Whether a meeting (or one agenda item) has its quorum.

Quorum is counted among the members with a vote who are present, against the
members with a vote in the composition on the meeting date.  Invited persons
and deputies who came instead of a member never count: members take part
without the right of substitution (000 §14; 004 §22), so the caller passes
only members with a vote.  Some regulations (both seed presets) set no quorum
at all; then a meeting always has one, and the explanation says so instead of
inventing a rule.

The phrase helpers here are shared with :mod:`app.domain.voting`, so the two
explanations use the same words for the same things.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass

from app.domain import translation
from app.domain.citation import ActKind, cite
from app.domain.errors import DomainError
from app.domain.regulation import DecisionBase, RegulationProfile
from app.domain.translation import N_

NEGATIVE_COUNT = N_("Counts cannot be negative.")
MORE_PRESENT_THAN_COMPOSITION = N_(
    "More members with a vote are marked present ({present}) than the composition has ({size})."
)


def check_present_count(present: int, composition_size: int) -> None:
    """Refuse counts that cannot describe one meeting of one composition."""
    if present < 0 or composition_size < 0:
        raise DomainError(NEGATIVE_COUNT)
    if present > composition_size:
        raise DomainError(MORE_PRESENT_THAN_COMPOSITION, present=present, size=composition_size)


def out_of_phrase(t: gettext.NullTranslations, base: DecisionBase, n: int) -> str:
    """Build "out of 10 members present": what a required count is measured against."""
    if base is DecisionBase.PRESENT:
        text = t.ngettext("out of {n} member present", "out of {n} members present", n)
    elif base is DecisionBase.CAST:
        text = t.ngettext("out of {n} vote cast", "out of {n} votes cast", n)
    else:
        text = t.ngettext(
            "out of {n} member of the composition", "out of {n} members of the composition", n
        )
    return text.format(n=n)


def needed_phrase(t: gettext.NullTranslations, required: str, out_of: str) -> str:
    """Join "at least 6 ... were needed" and "out of 10 ..." in the language's word order."""
    # Translators: e.g. "at least 6 votes for were needed" + "out of 10 members present";
    # reorder the two parts as the language needs.
    return t.gettext("{required} {out_of}").format(required=required, out_of=out_of)


@dataclass(frozen=True)
class QuorumStatus:
    """The quorum check for one meeting or item, able to explain itself in the protocol."""

    has_quorum: bool
    present: int
    base: int  # members with a vote in the composition
    required: int | None  # None: the regulation sets no quorum
    source: str = ""  # the paragraph of the act, "12"
    act_kind: str = ActKind.REGULATION.value

    def explain(self, translations: gettext.NullTranslations | None = None) -> str:
        """A full sentence for the protocol, in the language of ``translations``."""
        t = translations if translations is not None else translation.current()
        try:
            return self._explain(t)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the result itself: fall back to English.
            return self._explain(gettext.NullTranslations())

    def statement(self, translations: gettext.NullTranslations | None = None) -> str:
        """The protocol's quorum sentence, after the attendance was stated: no count again.

        "Quorum is present: at least 8 were needed out of 15 members of the
        composition (п. 12 Положения)."; ``""`` when the regulation sets no quorum
        (the attendance line already says who was there, and there is nothing to check).
        """
        t = translations if translations is not None else translation.current()
        if self.required is None:
            return ""
        try:
            return self._statement(t)
        except (KeyError, IndexError, ValueError):
            return self._statement(gettext.NullTranslations())

    def _needed(self, t: gettext.NullTranslations) -> str:
        assert self.required is not None
        required = t.ngettext(
            "at least {n} was needed", "at least {n} were needed", self.required
        ).format(n=self.required)
        return cite(
            t,
            needed_phrase(t, required, out_of_phrase(t, DecisionBase.ALL_MEMBERS, self.base)),
            self.source,
            self.act_kind,
        )

    def _statement(self, t: gettext.NullTranslations) -> str:
        if self.has_quorum:
            return t.gettext("Quorum is present: {needed}.").format(needed=self._needed(t))
        return t.gettext("No quorum: {needed}.").format(needed=self._needed(t))

    def _explain(self, t: gettext.NullTranslations) -> str:
        present = t.ngettext(
            "{n} member with a vote is present", "{n} members with a vote are present", self.present
        ).format(n=self.present)
        if self.required is None:
            return t.gettext("The regulation sets no quorum; {present}.").format(present=present)
        needed = self._needed(t)
        if self.has_quorum:
            text = t.gettext("Quorum is present: {present}; {needed}.")
        else:
            text = t.gettext("No quorum: {present}; {needed}.")
        return text.format(present=present, needed=needed)


def quorum_status(
    present_voting_members: int, composition_size: int, profile: RegulationProfile
) -> QuorumStatus:
    """Check the quorum: ``profile.quorum`` of the composition must be present with a vote."""
    check_present_count(present_voting_members, composition_size)
    share = profile.quorum
    if share is None:
        return QuorumStatus(
            has_quorum=True,
            present=present_voting_members,
            base=composition_size,
            required=None,
            source=profile.source("quorum"),
            act_kind=profile.act_kind.value,
        )
    return QuorumStatus(
        has_quorum=share.is_met(present_voting_members, composition_size),
        present=present_voting_members,
        base=composition_size,
        required=share.minimum(composition_size),
        source=profile.source("quorum"),
        act_kind=profile.act_kind.value,
    )
