"""Kinds of council and their names."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from app.domain.errors import DomainError, Term
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


def parent_cycles(parents: Mapping[int, int | None]) -> list[list[int]]:
    """Every cycle in the councils' parent links, each starting where ``parents`` lists it first.

    ``parents`` maps a council to the council it works for (``None`` for none).  Going up
    from any council must end at a council without a parent; a link back to a council
    already passed (itself, or a board placed under its own working group) is a cycle:

    >>> parent_cycles({1: None, 2: 1, 3: 2})
    []
    >>> parent_cycles({1: 2, 2: 1, 3: 1})
    [[1, 2]]
    >>> parent_cycles({4: 4, 1: 3, 2: 1, 3: 2})
    [[4], [1, 3, 2]]
    """
    order = {council: n for n, council in enumerate(parents)}
    done: set[int] = set()
    cycles: list[list[int]] = []
    for start in parents:
        path: list[int] = []
        on_path: set[int] = set()
        node: int | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parents.get(node)
        if node is not None and node in on_path:
            cycle = path[path.index(node) :]
            first = min(range(len(cycle)), key=lambda i: order.get(cycle[i], len(order)))
            cycles.append(cycle[first:] + cycle[:first])
        done.update(path)
    return cycles


def cycle_error(cycle: list[int], names: Mapping[int, str]) -> DomainError:
    """The refusal of one cycle, naming its councils in the order the links go."""
    shown = [names.get(council) or f"#{council}" for council in cycle]
    if len(cycle) == 1:
        return DomainError(
            N_("The council “{name}” cannot be its own parent council."), name=shown[0]
        )
    return DomainError(
        N_("Councils cannot be each other's parent councils: {chain}."),
        chain=" → ".join([*shown, shown[0]]),
    )


def check_parents(parents: Mapping[int, int | None], names: Mapping[int, str]) -> None:
    """Refuse parent links with a cycle at any depth (see :func:`parent_cycles`).

    >>> check_parents({1: 2, 2: 1}, {1: "Board", 2: "Working group"})
    Traceback (most recent call last):
    app.domain.errors.DomainError: Councils cannot be each other's parent councils: Board → Working group → Board.
    """  # noqa: E501 - a doctest shows the message whole
    cycles = parent_cycles(parents)
    if cycles:
        raise cycle_error(cycles[0], names)


# A seat's place in the composition list: Kenes numbers seats 10, 20, 30…; beyond this
# limit a number is a typing or file mistake.
MAX_SORT_ORDER = 1_000_000


def check_sort_order(value: object) -> int:
    """Refuse an order that is not a whole number from 0 to :data:`MAX_SORT_ORDER`.

    >>> check_sort_order(20)
    20
    >>> check_sort_order(-1)
    Traceback (most recent call last):
    app.domain.errors.DomainError: The field “Order” must be a whole number from 0 to 1000000.
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SORT_ORDER:
        raise DomainError(
            N_("The field “{field}” must be a whole number from {low} to {high}."),
            field=Term(N_("Order")),
            low=0,
            high=MAX_SORT_ORDER,
        )
    return value
