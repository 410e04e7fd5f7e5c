"""Password hashing with argon2id, and the rule a new password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.domain.errors import DomainError
from app.domain.translation import N_

MIN_LENGTH = 8
MAX_LENGTH = 256

_HASHER = PasswordHasher()  # argon2id with the library's recommended parameters


def check_new_password(password: object) -> str:
    """A password an account may be given: long enough, not just blanks."""
    if not isinstance(password, str) or len(password.strip()) < MIN_LENGTH:
        raise DomainError(N_("A password must have at least {n} characters."), n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise DomainError(N_("A password may have at most {n} characters."), n=MAX_LENGTH)
    return password


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from (never raises)."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
