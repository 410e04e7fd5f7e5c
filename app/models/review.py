"""The chair's review: remarks on an agenda or a protocol draft, and the secretary's answers.

The chair approves an agenda and agrees or signs a protocol through their own actions
(``meetings/approve_agenda``, ``protocols/actions``); what is new here is the other
outcome of a review: returning the text with remarks.  Each remark stays with the
meeting, answered or not, and every step is also in the audit trail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.common import Identified, utcnow


class ReviewRemark(Identified, Base):
    """A remark of the chair on a meeting's agenda or protocol, and its answer."""

    __tablename__ = "review_remarks"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    subject: Mapped[str] = mapped_column(String(16))  # "agenda" or "protocol"
    protocol_id: Mapped[int | None] = mapped_column(ForeignKey("protocols.id"))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(200), default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
