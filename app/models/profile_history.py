"""The regulation profiles a council worked under, each from the date an act changed it.

A profile change takes effect from a date, never backwards over a closed vote:
the version in force for a meeting is the latest one whose ``effective_from`` is
on or before the meeting's date (``NULL``: in force from the council's start).
The council's own ``profile`` column is the latest version, the one the editor
shows; a council whose profile never changed has no version rows at all.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.common import Identified, Timestamped


class ProfileVersion(Identified, Timestamped, Base):
    """One profile of a council, in force from ``effective_from`` until the next version."""

    __tablename__ = "profile_versions"

    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    effective_from: Mapped[date | None] = mapped_column(Date)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The act that changed the profile, as the secretary entered it.
    act_title: Mapped[str] = mapped_column(Text, default="")
    act_number: Mapped[str] = mapped_column(String(64), default="")
    act_date: Mapped[date | None] = mapped_column(Date)
    act_text: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
