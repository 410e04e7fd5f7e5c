"""Kinds of council and their names."""

from __future__ import annotations

from enum import StrEnum

from app.domain.translation import N_


class CouncilKind(StrEnum):
    COUNCIL = "council"
    SUPERVISORY_BOARD = "supervisory_board"
    COMMISSION = "commission"
    EXPERT_COUNCIL = "expert_council"
    WORKING_GROUP = "working_group"


COUNCIL_KIND_LABELS = {
    CouncilKind.COUNCIL: N_("Council"),
    CouncilKind.SUPERVISORY_BOARD: N_("Supervisory board"),
    CouncilKind.COMMISSION: N_("Commission"),
    CouncilKind.EXPERT_COUNCIL: N_("Expert council"),
    CouncilKind.WORKING_GROUP: N_("Working group"),
}

LANGS = ("kk", "ru", "en")


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``, falling back to the other languages (kk, ru, en order)."""
    if texts.get(lang):
        return texts[lang]
    for other in LANGS:
        if texts.get(other):
            return texts[other]
    return ""
