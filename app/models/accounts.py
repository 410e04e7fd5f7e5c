"""Accounts of a secretariat's users and the roles they hold, per council.

A database has no accounts until the administrator creates the first one; from then on
every start asks who is working, and the services check each write against the roles
(``app/domain/permissions.py``).  Accounts are the workstation's, not the council's
record: they are never exported and never imported.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.common import utcnow


class Account(Base):
    """One user: a login, an argon2 password hash, and the state of failed sign-ins."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AccountRole(Base):
    """A role held by an account in one council, or in every council (no council)."""

    __tablename__ = "account_roles"
    __table_args__ = (UniqueConstraint("account_id", "council_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
