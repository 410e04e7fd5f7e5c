"""Councils' parent links: a cycle at any depth is found and refused, naming the councils."""

from __future__ import annotations

import pytest

from app.domain.council import MAX_SORT_ORDER, check_parents, check_sort_order, parent_cycles
from app.domain.errors import DomainError
from app.i18n import translations

NAMES = {1: "Board", 2: "Working group", 3: "Commission"}


def test_a_tree_has_no_cycle() -> None:
    assert parent_cycles({1: None, 2: 1, 3: 2, 4: 1}) == []
    check_parents({1: None, 2: 1, 3: 2}, NAMES)


def test_a_link_to_a_council_not_listed_ends_the_climb() -> None:
    assert parent_cycles({2: 7}) == []


@pytest.mark.parametrize(
    ("parents", "cycles"),
    [
        ({1: 1}, [[1]]),
        ({1: 2, 2: 1}, [[1, 2]]),
        ({1: 3, 2: 1, 3: 2}, [[1, 3, 2]]),
        ({3: 1, 1: 2, 2: 3, 4: 3}, [[3, 1, 2]]),  # starts where the links list it first
        ({5: None, 1: 2, 2: 1, 3: 3, 4: 1}, [[1, 2], [3]]),
    ],
)
def test_cycles_are_found_at_any_depth(
    parents: dict[int, int | None], cycles: list[list[int]]
) -> None:
    assert parent_cycles(parents) == cycles


def test_a_long_chain_is_not_a_cycle_and_a_long_loop_is() -> None:
    chain: dict[int, int | None] = {n: n - 1 for n in range(1, 2000)}
    chain[0] = None
    assert parent_cycles(chain) == []
    chain[0] = 1999
    (cycle,) = parent_cycles(chain)
    assert len(cycle) == 2000


def test_the_refusal_names_the_councils_in_the_order_of_the_links() -> None:
    with pytest.raises(DomainError) as caught:
        check_parents({1: 3, 2: 1, 3: 2}, NAMES)
    assert caught.value.message() == (
        "Councils cannot be each other's parent councils: "
        "Board → Commission → Working group → Board."
    )
    assert "Board → Commission" in caught.value.message(translations("kk"))
    assert "Board → Commission" in caught.value.message(translations("ru"))
    assert caught.value.message(translations("ru")) != caught.value.message()


def test_a_council_under_itself_is_named() -> None:
    with pytest.raises(DomainError) as caught:
        check_parents({2: 2}, NAMES)
    assert caught.value.message() == "The council “Working group” cannot be its own parent council."
    assert "«Working group»" in caught.value.message(translations("ru"))


@pytest.mark.parametrize("value", [-1, MAX_SORT_ORDER + 1, 10**40, True, "5", 2.0, None])
def test_a_senseless_sort_order_is_refused(value: object) -> None:
    with pytest.raises(DomainError, match="“Order” must be a whole number from 0 to 1000000"):
        check_sort_order(value)


@pytest.mark.parametrize("value", [0, 10, MAX_SORT_ORDER])
def test_a_sort_order_in_range_passes(value: int) -> None:
    assert check_sort_order(value) == value
