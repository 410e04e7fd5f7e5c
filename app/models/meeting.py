"""Meetings, their agendas, materials, approvals, notifications, and calendar overrides.

A :class:`Meeting` belongs to a council and carries its state (see
:mod:`app.domain.meeting`).  Its agenda is a list of :class:`AgendaItem` rows
in ``position`` order, each with speakers and materials.  Material files are
stored once per content in :class:`MaterialBlob`, keyed by SHA-256, so the
same presentation attached to three items takes the space of one.

:class:`AgendaApproval` records each approval of the agenda (who, when, what
was approved); :class:`AgendaRevision` each change made to an agenda that had
been approved.  :class:`Notification` lists who was notified, when and with
which file.  :class:`CalendarOverride` holds days off and working days the
Government announces after the ``holidays`` release in use.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.common import Identified, Timestamped, utcnow


class Meeting(Identified, Timestamped, Base):
    """A meeting of a council: kind, number in its year, date and time, place, presiding."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("council_id", "year", "number"),)

    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer, index=True)  # the year of meeting_date
    meeting_date: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    place_kk: Mapped[str] = mapped_column(Text, default="")
    place_ru: Mapped[str] = mapped_column(Text, default="")
    place_en: Mapped[str] = mapped_column(Text, default="")
    presiding_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    state: Mapped[str] = mapped_column(String(32), index=True)
    state_reason: Mapped[str] = mapped_column(Text, default="")
    state_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    state_changed_by: Mapped[str] = mapped_column(String(200), default="")
    # The approval in force (cleared when a change of the agenda revokes it).
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approver_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(Identified, Timestamped, Base):
    """An item of a meeting's agenda, titled in up to three languages."""

    __tablename__ = "agenda_items"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 0-based place in the agenda
    title_kk: Mapped[str] = mapped_column(Text, default="")
    title_ru: Mapped[str] = mapped_column(Text, default="")
    title_en: Mapped[str] = mapped_column(Text, default="")
    # The body responsible for the item (a ministry, the working body).
    responsible_kk: Mapped[str] = mapped_column(Text, default="")
    responsible_ru: Mapped[str] = mapped_column(Text, default="")
    responsible_en: Mapped[str] = mapped_column(Text, default="")
    is_instructions_report: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    speakers: Mapped[list[ItemSpeaker]] = relationship(
        back_populates="item", order_by="ItemSpeaker.position", cascade="all, delete-orphan"
    )
    materials: Mapped[list[Material]] = relationship(
        back_populates="item", order_by="Material.position", cascade="all, delete-orphan"
    )


class ItemSpeaker(Identified, Timestamped, Base):
    """A speaker on an item: a person of the register, or an invited person by name.

    Whether a person speaks as a member or as an invited person follows from
    the composition on the meeting's date, so it is not stored.
    """

    __tablename__ = "item_speakers"

    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    name: Mapped[str] = mapped_column(Text, default="")  # an invited person not in the register
    position_kk: Mapped[str] = mapped_column(Text, default="")
    position_ru: Mapped[str] = mapped_column(Text, default="")
    position_en: Mapped[str] = mapped_column(Text, default="")
    organisation_kk: Mapped[str] = mapped_column(Text, default="")
    organisation_ru: Mapped[str] = mapped_column(Text, default="")
    organisation_en: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[AgendaItem] = relationship(back_populates="speakers")


class MaterialBlob(Timestamped, Base):
    """The bytes of a material file, stored once per content."""

    __tablename__ = "material_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Material(Identified, Timestamped, Base):
    """A file attached to an agenda item (a reference, a presentation, a draft decision)."""

    __tablename__ = "materials"

    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("material_blobs.sha256"), index=True)
    attached_by: Mapped[str] = mapped_column(String(200), default="")

    item: Mapped[AgendaItem] = relationship(back_populates="materials")


class AgendaApproval(Identified, Timestamped, Base):
    """The chair approved a meeting's agenda: who, when, and a digest of what."""

    __tablename__ = "agenda_approvals"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str] = mapped_column(String(200))  # who recorded it in Kenes
    approver_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    item_count: Mapped[int] = mapped_column(Integer)
    agenda_digest: Mapped[str] = mapped_column(String(64))  # SHA-256 of the approved agenda


class AgendaRevision(Identified, Timestamped, Base):
    """A change of an agenda made after it had been approved."""

    __tablename__ = "agenda_revisions"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    approval_id: Mapped[int] = mapped_column(ForeignKey("agenda_approvals.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[int | None] = mapped_column(Integer)  # no key: the item may be gone
    revoked_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class Notification(Identified, Timestamped, Base):
    """A person was sent a meeting's notice (PDF) or invitation (.ics)."""

    __tablename__ = "notifications"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)  # 1 for the first notice, 2 for the next...
    channel: Mapped[str] = mapped_column(String(16))  # "pdf" or "ics"
    lang: Mapped[str] = mapped_column(String(8))
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    notified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    notified_by: Mapped[str] = mapped_column(String(200))


class CalendarOverride(Identified, Timestamped, Base):
    """A day the Government made a day off or a working day after the library's release."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(Date, unique=True)
    is_working_day: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
