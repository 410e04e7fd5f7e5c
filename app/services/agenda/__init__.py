"""User actions on a meeting's agenda, one module per action (add, move, attach...).

Every action refuses to touch the agenda of a held, closed or cancelled
meeting; after the chair's approval a change takes the meeting back to
"planned" and is recorded as an agenda revision
(:func:`app.services.meetings.common.end_agenda_change`).
"""
