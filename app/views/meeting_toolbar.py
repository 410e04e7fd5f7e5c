"""The tool bar of the Meetings page: each action, enabled when it can be done, and why not.

Which actions a meeting allows, and the reason for each it does not, come
from the domain: the meeting's transitions table
(:func:`app.domain.meeting.refusal`) and the live meeting's states
(:func:`app.domain.conduct.conduct_refusal`).  The view never restates a
rule: a disabled action's tool tip and status tip are the words the service
would refuse with, and :meth:`MeetingToolbar.show_possible` returns the one
that explains the meeting's next step, for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QToolButton, QWidget

from app.domain.conduct import conduct_refusal
from app.domain.meeting import MeetingAction, refusal
from app.domain.permissions import MEETING_STEPS
from app.i18n import _
from app.services.meetings.common import MeetingInfo
from app.views.role_gate import role_reason

# The steps of a meeting's life, in order: the status bar explains the next one.
_LIFE = (
    MeetingAction.APPROVE_AGENDA,
    MeetingAction.NOTIFY,
    MeetingAction.MARK_HELD,
    MeetingAction.CLOSE,
)


def _no_meeting() -> str:
    return _("Choose a meeting in the list first.")


class MeetingToolbar(QToolBar):
    """Plan, edit, approve, notify, live, mark held; close, postpone, re-plan, cancel, print."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("meetingsToolbar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._host = host
        self._reasons: dict[QAction, str] = {}
        icons = QStyle.StandardPixmap
        self.plan_action = self._action(icons.SP_FileDialogNewFolder, "Ctrl+N")
        self.edit_action = self._action(icons.SP_FileDialogDetailedView, "Ctrl+E")
        self.addSeparator()
        self.approve_action = self._action(icons.SP_DialogApplyButton)
        self.notify_action = self._action(icons.SP_MessageBoxInformation)
        self.live_action = self._action(icons.SP_MediaPlay, "Ctrl+L")
        self.held_action = self._action(icons.SP_DialogYesButton)
        self.addSeparator()
        # The rarer moves wait in a menu, so the tool bar fits a laptop's width.
        self.close_action = self._action(icons.SP_DialogSaveButton, menu=True)
        self.postpone_action = self._action(icons.SP_MediaPause, menu=True)
        self.replan_action = self._action(icons.SP_BrowserReload, menu=True)
        self.cancel_action = self._action(icons.SP_DialogCancelButton, menu=True)
        self.preview_action = self._action(icons.SP_FileIcon, "Ctrl+P", menu=True)
        self.history_action = self._action(icons.SP_FileDialogInfoView, menu=True)
        self.more_menu = QMenu(self)
        self.more_menu.setObjectName("meetingMoreMenu")
        self.more_menu.setToolTipsVisible(True)  # the reasons of the disabled actions
        for action in (
            self.close_action,
            self.postpone_action,
            self.replan_action,
            self.cancel_action,
        ):
            self.more_menu.addAction(action)
        self.more_menu.addSeparator()
        self.more_menu.addAction(self.preview_action)
        self.more_menu.addAction(self.history_action)
        self.more_button = QToolButton()
        self.more_button.setObjectName("meetingMoreButton")
        self.more_button.setIcon(self.style().standardIcon(icons.SP_ToolBarVerticalExtensionButton))
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(self.more_menu)
        self.addWidget(self.more_button)

    def _action(
        self, icon: QStyle.StandardPixmap, shortcut: str = "", *, menu: bool = False
    ) -> QAction:
        """An action of the tool bar (or, with ``menu``, of the "More" menu)."""
        action = QAction(self.style().standardIcon(icon), "", self._host)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._host.addAction(action)
        if not menu:
            self.addAction(action)
        return action

    def run_on(self, action: QAction, slot: Callable[[], object]) -> None:
        """Run ``slot`` when ``action`` is triggered (the checked flag is dropped)."""
        action.triggered.connect(lambda _checked=False: slot())

    # -- what can be done, and why not -------------------------------------------------------
    def _reason(self, action: MeetingAction, meeting: MeetingInfo) -> str:
        error = refusal(action, meeting.state, number=meeting.number)
        return error.message() if error is not None else ""

    def reasons_for(self, meeting: MeetingInfo | None) -> dict[QAction, str]:
        """Why each action cannot be done for ``meeting`` ("" when it can)."""
        if meeting is None:
            blocked = (
                self.edit_action,
                self.approve_action,
                self.notify_action,
                self.live_action,
                self.held_action,
                self.close_action,
                self.postpone_action,
                self.replan_action,
                self.cancel_action,
                self.preview_action,
                self.history_action,
            )
            return {action: _no_meeting() for action in blocked}
        live = conduct_refusal(meeting.state, meeting.number)
        edit = ""
        if self._reason(MeetingAction.REPLAN, meeting):
            # Edit… plans a postponed meeting again (as a double click does).
            edit = self._reason(MeetingAction.EDIT_DETAILS, meeting)
        reasons = {
            self.edit_action: edit,
            self.approve_action: self._reason(MeetingAction.APPROVE_AGENDA, meeting),
            self.notify_action: self._reason(MeetingAction.NOTIFY, meeting),
            self.live_action: live.message() if live is not None else "",
            self.held_action: self._reason(MeetingAction.MARK_HELD, meeting),
            self.close_action: self._reason(MeetingAction.CLOSE, meeting),
            self.postpone_action: self._reason(MeetingAction.POSTPONE, meeting),
            self.replan_action: self._reason(MeetingAction.REPLAN, meeting),
            self.cancel_action: self._reason(MeetingAction.CANCEL, meeting),
            self.preview_action: "",
            self.history_action: "",
        }
        return self._with_roles(reasons, meeting.council_id)

    def _with_roles(self, reasons: dict[QAction, str], council_id: int) -> dict[QAction, str]:
        """Where the meeting allows a step, the account's roles may still not (role_gate)."""
        steps = {
            self.edit_action: MEETING_STEPS[MeetingAction.EDIT_DETAILS],
            self.approve_action: MEETING_STEPS[MeetingAction.APPROVE_AGENDA],
            self.notify_action: MEETING_STEPS[MeetingAction.NOTIFY],
            self.live_action: "attendance.record",
            self.held_action: MEETING_STEPS[MeetingAction.MARK_HELD],
            self.close_action: MEETING_STEPS[MeetingAction.CLOSE],
            self.postpone_action: MEETING_STEPS[MeetingAction.POSTPONE],
            self.replan_action: MEETING_STEPS[MeetingAction.REPLAN],
            self.cancel_action: MEETING_STEPS[MeetingAction.CANCEL],
        }
        for action, permission in steps.items():
            if not reasons[action]:
                reasons[action] = role_reason(permission, council_id)
        return reasons

    def show_possible(self, meeting: MeetingInfo | None) -> str:
        """Enable what ``meeting`` allows, explain the rest; the status text for its next step."""
        self._reasons = self.reasons_for(meeting)
        # Planning needs the secretary's role in some council (role_gate), not a meeting.
        self._reasons[self.plan_action] = role_reason("meeting.plan")
        for action, reason in self._reasons.items():
            action.setEnabled(not reason)
        # A separator counts as an enabled action: only the menu's entries decide.
        entries = [a for a in self.more_menu.actions() if not a.isSeparator()]
        self.more_button.setEnabled(any(a.isEnabled() for a in entries))
        self._show_tips()
        return self.next_step(meeting)

    def next_step(self, meeting: MeetingInfo | None) -> str:
        """Why the meeting's next step cannot be done yet ("" when nothing is blocked).

        The next step is the first one of the meeting's life after the last one that
        can be done now (or the first, when none can).
        """
        if meeting is None:
            return _no_meeting()
        reasons = {action: self._reason(action, meeting) for action in _LIFE}
        possible = [i for i, action in enumerate(_LIFE) if not reasons[action]]
        start = possible[-1] + 1 if possible else 0
        for action in _LIFE[start:]:
            if reasons[action]:
                return reasons[action]
        return ""

    def reason(self, action: QAction) -> str:
        """Why ``action`` is disabled for the selected meeting ("" when it is enabled)."""
        return self._reasons.get(action, "")

    def _show_tips(self) -> None:
        """A disabled action's tips say why; an enabled one's say what it does."""
        for action, tip in self._descriptions().items():
            shown = self._reasons.get(action) or tip
            action.setToolTip(shown)
            action.setStatusTip(shown)

    # -- language ----------------------------------------------------------------------------
    def _descriptions(self) -> dict[QAction, str]:
        return {
            self.plan_action: _("Plan a meeting of a council (Ctrl+N)"),
            self.edit_action: _(
                "Correct the date, time, place, number or presiding person; plan a postponed "
                "meeting again (Ctrl+E)"
            ),
            self.approve_action: _("Record that the chair approved the agenda"),
            self.notify_action: _(
                "Issue the notice (PDF) and the calendar invitations (.ics) into a folder"
            ),
            self.live_action: _("Attendance and votes, live (Ctrl+L)"),
            self.held_action: _("Record that the meeting took place"),
            self.close_action: _("The record of the held meeting is complete"),
            self.postpone_action: _("Postpone the meeting, saying why"),
            self.replan_action: _("Plan the postponed meeting for a new date"),
            self.cancel_action: _("Cancel the meeting, saying why"),
            self.preview_action: _(
                "See the notice with the agenda as it is printed, and print it (Ctrl+P)"
            ),
            self.history_action: _(
                "The chair's review of the meeting: approval, remarks and answers, agreement, "
                "signing"
            ),
        }

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Meetings"))
        self.plan_action.setText(_("Plan meeting…"))
        self.edit_action.setText(_("Edit…"))
        self.approve_action.setText(_("Approve agenda"))
        self.notify_action.setText(_("Notify members…"))
        self.live_action.setText(_("Open live meeting"))
        self.held_action.setText(_("Mark held"))
        self.close_action.setText(_("Close"))
        self.postpone_action.setText(_("Postpone…"))
        self.replan_action.setText(_("Re-plan…"))
        self.cancel_action.setText(_("Cancel…"))
        self.preview_action.setText(_("Notice and agenda: preview and print…"))
        self.history_action.setText(_("Review history…"))
        self.more_button.setText(_("More"))
        self.more_button.setToolTip(
            _("Close, postpone, plan again or cancel the meeting; print the notice")
        )
        self._show_tips()
