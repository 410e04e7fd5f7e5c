"""The attendance panel of the live meeting: the composition on the meeting date and the invited.

Members are marked present or absent (P, or F2 with the reason), arriving
before or leaving after the current item (R, L) as undoable steps, each saved
at once (:class:`AttendanceCommand`).  Invited persons are added and removed
here; they are never counted for the quorum and never vote, so P and the vote
keys on them are refused with the rule.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from app.domain.substitution import invited_cannot_vote
from app.domain.voting import Choice
from app.formatting import short_date
from app.i18n import _, interface_language
from app.services.conduct.attendance import record_attendance, record_departure
from app.services.conduct.invited import (
    InvitedData,
    InvitedInfo,
    add_invited_person,
    remove_invited_person,
)
from app.services.conduct.queries import ItemLine, LiveMeeting, MemberLine
from app.services.people import list_people
from app.views.composition_model import person_name
from app.views.form_widgets import ask
from app.views.live_meeting.commands import AttendanceCommand, BallotCommand, Presence
from app.views.live_meeting.dialogs import AbsenceDialog, AbsenceEntry, InvitedDialog
from app.views.live_meeting.models import AttendanceModel, InvitedModel, choice_label
from app.views.live_meeting.state import LiveState
from app.views.live_meeting.views import (
    KeyTableView,
    column,
    current_person,
    heading,
    letter_key,
    plain_key,
    select_person,
    vote_key,
    wrap,
)

# Widest the attendance columns grow when fitted (the name takes the rest).
COLUMN_LIMITS = {0: 60, 2: 190, 3: 160, 4: 120}


class AttendancePanel(QWidget):
    """Who is present at the current item, and the invited persons."""

    def __init__(self, state: LiveState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendancePanel")
        self.state = state
        self.attendance_model = AttendanceModel(self)
        self.invited_model = InvitedModel(self)

        self.attendance_heading = heading("attendanceHeading")
        self.attendance_view = KeyTableView(self._attendance_key)
        self.attendance_view.setObjectName("attendanceView")
        self.attendance_view.setModel(self.attendance_model)
        header = self.attendance_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.invited_heading = heading("invitedHeading")
        self.invited_view = KeyTableView(self._invited_key)
        self.invited_view.setObjectName("invitedView")
        self.invited_view.setModel(self.invited_model)
        self.invited_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(
            column(self.attendance_heading, self.attendance_view, stretch=self.attendance_view)
        )
        splitter.addWidget(
            column(self.invited_heading, self.invited_view, stretch=self.invited_view)
        )
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 170])
        wrap(splitter, self)

    # -- showing ---------------------------------------------------------------------------------
    def load(self, live: LiveMeeting, item: ItemLine | None) -> None:
        """The meeting as just read; the selected member stays selected."""
        person = current_person(self.attendance_view, self.attendance_model)
        self.attendance_model.set_members(
            live.members,
            item.present if item is not None else frozenset(),
            item.item.number if item is not None else 0,
            live.meeting.presiding_person_id,
        )
        self.invited_model.set_invited(live.invited, self.state.names)
        self.fit_columns()
        self._update_heading()
        if person is not None:
            select_person(self.attendance_view, self.attendance_model, person)

    def show_item(self, item: ItemLine) -> None:
        """The attendance column of the current agenda item."""
        self.attendance_model.set_item(item.present, item.item.number)

    def fit_columns(self) -> None:
        """Numbers, roles and states fit their contents within limits; names take the rest."""
        view = self.attendance_view
        for index, limit in COLUMN_LIMITS.items():
            view.resizeColumnToContents(index)
            view.setColumnWidth(index, min(view.columnWidth(index), limit))

    def _update_heading(self) -> None:
        live = self.state.live
        day = short_date(live.meeting.day, interface_language()) if live else ""
        self.attendance_heading.setText(
            _("Attendance (the composition on {date})").format(date=day)
        )

    def retranslate_ui(self, keys_tooltip: str) -> None:
        self._update_heading()
        self.invited_heading.setText(_("Invited (not counted for the quorum, no vote)"))
        self.attendance_view.setToolTip(keys_tooltip)
        self.attendance_model.retranslate()
        self.invited_model.retranslate()
        if self.state.live is not None:
            self.fit_columns()

    # -- attendance steps ------------------------------------------------------------------------
    def _current_member(self) -> MemberLine | None:
        row = self.attendance_view.currentIndex().row()
        if not (0 <= row < self.attendance_model.rowCount()):
            return None
        return self.attendance_model.member(row)

    def members(self) -> list[MemberLine]:
        return [self.attendance_model.member(r) for r in range(self.attendance_model.rowCount())]

    def _push(self, member: MemberLine, after: Presence, text: str) -> bool:
        live = self.state.live
        if live is None:
            return False
        return self.state.push(
            AttendanceCommand(
                self.state.db,
                self.state.actor,
                self.state.meeting_id,
                member.person.id,
                Presence.of(member.attendance),
                after,
                [item.item.id for item in live.items],
                text=text,
                on_change=self._changed,
                on_error=lambda error: self.state.refused(self, error),
            )
        )

    def _changed(self, person_id: int) -> None:
        self.state.outdated()
        select_person(self.attendance_view, self.attendance_model, person_id)
        self.state.recorded(self)

    def toggle_presence(self) -> None:
        """P: present <-> absent (without a reason; F2 gives one), then the next member."""
        member = self._current_member()
        if member is None:
            return
        name = person_name(member.person)
        row = self.attendance_view.currentIndex().row()
        if Presence.of(member.attendance).present:
            done = self._push(member, Presence(False), _("{name} absent").format(name=name))
        else:
            done = self._push(member, Presence(True), _("{name} present").format(name=name))
        if done and row + 1 < self.attendance_model.rowCount():
            self.attendance_view.setCurrentIndex(self.attendance_model.index(row + 1, 1))

    def mark_rest_present(self) -> None:
        """Everyone not marked yet is present: one undo step."""
        unmarked = [m for m in self.members() if m.attendance is None]
        if not unmarked:
            return
        with self.state.batched():
            self.state.undo_stack.beginMacro(_("the rest present"))
            for member in unmarked:
                self._push(
                    member,
                    Presence(True),
                    _("{name} present").format(name=person_name(member.person)),
                )
            self.state.undo_stack.endMacro()

    def arrived(self) -> None:
        """R: the member arrived before the current item (again: present from the start)."""
        member, item = self._current_member(), self.state.current_item()
        if member is None or item is None:
            return
        current = Presence.of(member.attendance)
        index = item.index or None
        if current.present and current.arrived == index:
            index = None
        after = Presence(
            True,
            "",
            index,
            current.left if current.present else None,
            arrived_at=self._clock_now() if index is not None else None,
            left_at=current.left_at if current.present else None,
        )
        self._push(
            member,
            after,
            _("{name} arrived before item {number}").format(
                name=person_name(member.person), number=item.item.number
            ),
        )

    def _clock_now(self) -> time | None:
        """The time of an arrival or departure marked now, during the meeting on its day."""
        live = self.state.live
        if live is None or live.meeting.day != date.today():
            return None  # recorded afterwards: the time is not known
        return datetime.now().time().replace(second=0, microsecond=0)

    def left(self) -> None:
        """L: the member left after the current item (again: stayed to the end)."""
        member, item = self._current_member(), self.state.current_item()
        if member is None or item is None:
            return
        current = Presence.of(member.attendance)
        state = self.state
        if not current.present:
            # Only someone present can leave: the service says so.
            person_id = member.person.id
            state.attempt(
                self,
                lambda: record_departure(state.db, state.actor, state.meeting_id, person_id, None),
            )
            return
        index: int | None = item.index
        if current.left == index:
            index = None
        self._push(
            member,
            Presence(
                True,
                "",
                current.arrived,
                index,
                arrived_at=current.arrived_at,
                left_at=self._clock_now() if index is not None else None,
            ),
            _("{name} left after item {number}").format(
                name=person_name(member.person), number=item.item.number
            ),
        )

    def edit_absence(self) -> None:
        """F2 on the attendance: mark the member absent with a reason."""
        member = self._current_member()
        if member is None:
            return
        current = Presence.of(member.attendance)
        name = person_name(member.person)

        def submit(entry: AbsenceEntry) -> bool:
            target = Presence(False, kind=entry.kind, reasons=tuple(sorted(entry.reasons.items())))
            return self._push(member, target, _("{name} absent").format(name=name))

        kind, reasons = (current.kind, dict(current.reasons)) if not current.present else ("", {})
        self.state.open(AbsenceDialog(submit, name, kind, reasons, self))

    # -- invited persons -------------------------------------------------------------------------
    def _current_invited(self) -> InvitedInfo | None:
        row = self.invited_view.currentIndex().row()
        if not (0 <= row < self.invited_model.rowCount()):
            return None
        return self.invited_model.invited(row)

    def _refuse_name_only(self, invited: InvitedInfo) -> None:
        """Someone invited by name only: no service can even be asked, so say the rule here."""
        live = self.state.live
        source = live.profile.citation("substitution") if live else None
        error = invited_cannot_vote(invited.display_name(interface_language()), source)
        self.state.refused(self, error)

    def present_invited(self) -> None:
        """P on an invited person: they are not a member; the services refuse and say why."""
        invited = self._current_invited()
        if invited is None:
            return
        if invited.person_id is None:
            self._refuse_name_only(invited)
            return
        person_id, state = invited.person_id, self.state
        state.attempt(
            self,
            lambda: record_attendance(state.db, state.actor, state.meeting_id, person_id, True),
        )

    def vote_for_invited(self, choice: Choice) -> None:
        """A vote for an invited person: the services refuse it with the rule, and we show it."""
        point, invited = self.state.current_point(), self._current_invited()
        if point is None or self.state.live is None or invited is None:
            return
        if invited.person_id is None:
            self._refuse_name_only(invited)
            return
        name = invited.display_name(interface_language())
        self.state.push(
            BallotCommand(
                self.state.db,
                self.state.actor,
                point.id,
                invited.person_id,
                choice,
                None,
                text=_("vote of {name}: {choice}").format(name=name, choice=choice_label(choice)),
                on_change=self.state.voted.emit,
                on_error=lambda error: self.state.refused(self, error),
            )
        )

    def invite(self) -> InvitedDialog | None:
        live, state = self.state.live, self.state
        if live is None:
            return None
        people = [(p.id, person_name(p)) for p in list_people(state.db)]
        not_present = [
            (m.person.id, person_name(m.person))
            for m in live.members
            if m.attendance is None or not m.attendance.present
        ]
        member_ids = {m.person.id for m in live.members}
        guests = [(pid, name) for pid, name in people if pid not in member_ids]

        def submit(data: InvitedData) -> bool:
            return state.save(
                self, lambda: add_invited_person(state.db, state.actor, state.meeting_id, data)
            )

        dialog = InvitedDialog(submit, guests, not_present, self)
        state.open(dialog)
        return dialog

    def remove_invited(self) -> None:
        invited, state = self._current_invited(), self.state
        if invited is None:
            return
        question = _("Remove {name} from the invited persons?").format(
            name=invited.display_name(interface_language())
        )
        if ask(self, question):
            state.save(self, lambda: remove_invited_person(state.db, state.actor, invited.id))

    # -- keys ------------------------------------------------------------------------------------
    def _attendance_key(self, event: QKeyEvent) -> bool:
        if letter_key(event, Qt.Key.Key_P):
            self.toggle_presence()
        elif letter_key(event, Qt.Key.Key_R):
            self.arrived()
        elif letter_key(event, Qt.Key.Key_L):
            self.left()
        else:
            return False
        return True

    def _invited_key(self, event: QKeyEvent) -> bool:
        if letter_key(event, Qt.Key.Key_P):
            self.present_invited()
            return True
        if plain_key(event, Qt.Key.Key_Delete):
            self.remove_invited()
            return True
        choice = vote_key(event)
        if choice is None or choice is Choice.DID_NOT_VOTE:
            return False
        self.vote_for_invited(choice)
        return True
