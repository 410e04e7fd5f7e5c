"""The live meeting screen: attendance, invited persons, decision points and votes, live."""

from app.views.live_meeting.window import LiveMeetingWindow

__all__ = ["LiveMeetingWindow"]
