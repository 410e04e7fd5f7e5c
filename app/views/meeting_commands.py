"""What a user does to the selected meeting on the Meetings page, each through the runner.

Plan, edit, re-plan (:class:`MeetingDialog`), approve the agenda, mark held,
close (a question, then the service), postpone and cancel (a reason),
notify the members (:class:`NotifyDialog`), and preview and print the notice
with its agenda (:class:`PdfPreviewDialog`).  Each service runs through
:func:`app.views.operations.run`, which shows a refusal and announces the
change; the page then reloads and selects the meeting the service returned.

Recording a meeting as held before its planned start asks first, naming the
start; whether it is early is the domain's rule (:func:`held_early`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.meeting import MeetingAction, MeetingState, allowed_actions, held_early
from app.domain.permissions import MEETING_STEPS
from app.formatting import format_time, short_date
from app.i18n import _, interface_language
from app.services.base import Actor
from app.services.handles import Database
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.cancel_meeting import cancel_meeting
from app.services.meetings.close_meeting import close_meeting
from app.services.meetings.common import MeetingInfo, StateChange
from app.services.meetings.mark_held import mark_held
from app.services.meetings.postpone_meeting import postpone_meeting
from app.services.notice_pdf import notice_pdf
from app.views.form_widgets import ask
from app.views.meeting_dialog import MeetingDialog, ReasonDialog
from app.views.meetings_wording import meeting_title
from app.views.notify_dialog import NoticeSaved, NotifiedDialog, NotifyDialog
from app.views.operations import MEETINGS, run
from app.views.pdf_preview import PdfPreviewDialog
from app.views.role_gate import role_reason


class Host(Protocol):
    """What the commands need from the page they act for."""

    def selected_meeting(self) -> MeetingInfo | None: ...

    def chosen_council(self) -> int | None: ...

    def show_changed(self, result: object = None) -> None: ...


class MeetingCommands:
    """The page's actions on the selected meeting; dialogs open over ``page``."""

    def __init__(
        self,
        page: QWidget,
        host: Host,
        db: Database,
        actor: Actor,
        clock: Callable[[], date],
        now: Callable[[], datetime],
    ) -> None:
        self._page = page
        self._host = host
        self._db = db
        self._actor = actor
        self._clock = clock
        self._now = now
        self.notice_folder: Path | None = None
        self.last_notified: NotifiedDialog | None = None
        self.preview_dialog: PdfPreviewDialog | None = None

    def _allowed(self, action: MeetingAction) -> MeetingInfo | None:
        """The selected meeting when it and the account's roles allow ``action`` (else None:
        nothing to do; a double click reaches here whatever the tool bar shows)."""
        meeting = self._host.selected_meeting()
        if meeting is None or action not in allowed_actions(meeting.state):
            return None
        if role_reason(MEETING_STEPS[action], meeting.council_id):
            return None
        return meeting

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._host.show_changed)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    # -- plan, edit, re-plan -----------------------------------------------------------------
    def plan_meeting(self) -> MeetingDialog:
        council_id = self._host.chosen_council()
        if council_id is None:
            selected = self._host.selected_meeting()
            council_id = selected.council_id if selected is not None else None
        today = self._clock()
        dialog = MeetingDialog(
            self._db, self._actor, council_id=council_id, day=today, today=today, parent=self._page
        )
        self._open(dialog)
        return dialog

    def edit_meeting(self) -> MeetingDialog | None:
        meeting = self._host.selected_meeting()
        if meeting is None:
            return None
        if meeting.state is MeetingState.POSTPONED:
            return self.replan_meeting()
        if self._allowed(MeetingAction.EDIT_DETAILS) is None:
            return None
        dialog = MeetingDialog(
            self._db, self._actor, meeting=meeting, today=self._clock(), parent=self._page
        )
        self._open(dialog)
        return dialog

    def replan_meeting(self) -> MeetingDialog | None:
        meeting = self._allowed(MeetingAction.REPLAN)
        if meeting is None:
            return None
        dialog = MeetingDialog(
            self._db,
            self._actor,
            meeting=meeting,
            replan=True,
            today=self._clock(),
            parent=self._page,
        )
        self._open(dialog)
        return dialog

    # -- one-step moves ----------------------------------------------------------------------
    def _act(self, question: str, action: Callable[[int], StateChange | Any], **words: str) -> bool:
        """Ask ``question`` (its {meeting} and ``words`` filled in), then run ``action``."""
        meeting = self._host.selected_meeting()
        if meeting is None:
            return False
        asked = question.format(meeting=meeting_title(meeting), **words)
        if question and not ask(self._page, asked):
            return False
        meeting_id = meeting.id
        result = run(self._page, lambda: action(meeting_id), MEETINGS)
        if result is None:
            return False
        self._host.show_changed(result)
        return True

    def approve_agenda(self) -> bool:
        """Record that the chair approved the agenda (the chair in office, by default)."""
        return self._act(
            _("Record that the chair has approved the agenda of {meeting}?"),
            lambda meeting_id: approve_agenda(self._db, self._actor, meeting_id),
        )

    def mark_held(self) -> bool:
        """Record the meeting as held; before its planned start, only once the user confirms."""
        meeting = self._host.selected_meeting()
        question = _("Mark {meeting} as held?")
        words: dict[str, str] = {}
        if meeting is not None and held_early(meeting.day, meeting.starts_at, self._now()):
            lang = interface_language()
            question = _(
                "{meeting} is planned to start on {day} at {time}, which has not come yet. "
                "Record it as held all the same?"
            )
            words = {
                "day": short_date(meeting.day, lang),
                "time": format_time(meeting.starts_at, lang),
            }
        return self._act(
            question,
            lambda meeting_id: mark_held(self._db, self._actor, meeting_id, today=self._clock()),
            **words,
        )

    def close_meeting(self) -> bool:
        return self._act(
            _("Close {meeting}? Its record is then complete and nothing moves it further."),
            lambda meeting_id: close_meeting(self._db, self._actor, meeting_id),
        )

    # -- moves with a reason -----------------------------------------------------------------
    def _reason_dialog(
        self, action: MeetingAction, title: str, prompt: str, act: Callable[[int, str], object]
    ) -> ReasonDialog | None:
        meeting = self._allowed(action)
        if meeting is None:
            return None
        meeting_id = meeting.id
        dialog = ReasonDialog(
            title,
            prompt.format(meeting=meeting_title(meeting)),
            lambda reason: act(meeting_id, reason),
            self._page,
        )
        self._open(dialog)
        return dialog

    def postpone_meeting(self) -> ReasonDialog | None:
        return self._reason_dialog(
            MeetingAction.POSTPONE,
            _("Postpone the meeting"),
            _(
                "Why is {meeting} postponed? The approval of its agenda lapses until it is "
                "planned again."
            ),
            lambda meeting_id, reason: postpone_meeting(self._db, self._actor, meeting_id, reason),
        )

    def cancel_meeting(self) -> ReasonDialog | None:
        return self._reason_dialog(
            MeetingAction.CANCEL,
            _("Cancel the meeting"),
            _("Why is {meeting} cancelled? A cancelled meeting stays in the record."),
            lambda meeting_id, reason: cancel_meeting(self._db, self._actor, meeting_id, reason),
        )

    # -- the notice --------------------------------------------------------------------------
    def notify_members(self, folder: Path | None = None) -> NotifyDialog | None:
        """Ask for the notice's language and a folder; then notify and show who was notified."""
        meeting = self._allowed(MeetingAction.NOTIFY)
        if meeting is None:
            return None
        dialog = NotifyDialog(
            self._db, self._actor, meeting, folder or self.notice_folder, parent=self._page
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.notified.connect(self._host.show_changed)
        dialog.saved.connect(self._notified)
        dialog.open()
        return dialog

    def _notified(self, saved: object) -> None:
        assert isinstance(saved, NoticeSaved)
        self.notice_folder = saved.folder
        dialog = NotifiedDialog(saved, self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None: self._forget_notified(dialog))
        self.last_notified = dialog
        dialog.open()

    def _forget_notified(self, dialog: NotifiedDialog) -> None:
        if self.last_notified is dialog:
            self.last_notified = None

    def preview_notice(self) -> PdfPreviewDialog | None:
        """Show the notice with its agenda in the interface language, to read and print it.

        Nothing is recorded: notifying the members is its own step.
        """
        meeting = self._host.selected_meeting()
        if meeting is None:
            return None
        meeting_id, lang = meeting.id, interface_language()

        def title() -> str:
            return _("Notice of {meeting}").format(meeting=meeting_title(meeting))

        dialog = PdfPreviewDialog(title, lambda: notice_pdf(self._db, meeting_id, lang), self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None: self._forget_preview(dialog))
        self.preview_dialog = dialog
        dialog.open()
        return dialog

    def _forget_preview(self, dialog: PdfPreviewDialog) -> None:
        if self.preview_dialog is dialog:
            self.preview_dialog = None
