"""Passwords: argon2id hashes, salted, verified without raising, and the length rule."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.services.accounts.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    check_new_password,
    hash_password,
    password_matches,
)


def test_a_hash_is_argon2id_salted_and_never_the_password() -> None:
    first, second = hash_password("құпия сөз 2026"), hash_password("құпия сөз 2026")
    assert first.startswith("$argon2id$")
    assert first != second  # a new salt each time
    assert "құпия" not in first
    assert password_matches(first, "құпия сөз 2026") and password_matches(second, "құпия сөз 2026")


def test_a_wrong_password_or_a_damaged_hash_does_not_match() -> None:
    stored = hash_password("correct horse battery")
    assert not password_matches(stored, "correct horse batterY")
    assert not password_matches(stored, "")
    assert not password_matches("not a hash", "correct horse battery")
    assert not password_matches(stored[:-4], "correct horse battery")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 8"),
        ("   x    ", "at least 8"),  # blanks do not count
        (" " * 20, "at least 8"),
        (None, "at least 8"),
        (12345678, "at least 8"),
        ("x" * (MAX_LENGTH + 1), "at most 256"),
    ],
)
def test_a_new_password_too_short_blank_or_too_long_is_refused(
    password: object, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        check_new_password(password)


def test_a_password_of_the_limits_is_kept_as_given() -> None:
    assert check_new_password("x" * MIN_LENGTH) == "x" * MIN_LENGTH
    assert check_new_password(" сегіз әріп ") == " сегіз әріп "  # spaces are part of it
    assert check_new_password("x" * MAX_LENGTH) == "x" * MAX_LENGTH
