"""User actions on meetings, one module per action (plan, approve the agenda, notify...).

Each action is one function in one transaction: it checks the meeting's state
with :func:`app.domain.meeting.guard`, writes, records an audit event and
returns frozen data (:mod:`app.services.meetings.common`), never ORM objects.
"""
