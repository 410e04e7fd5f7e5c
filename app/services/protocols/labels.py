"""The fixed words of a protocol, in the protocol's language (not the interface's)."""

from __future__ import annotations

import gettext

from app.domain.composition import Role
from app.domain.translation import N_
from app.domain.voting import Choice

LABELS = {
    "protocol": N_("PROTOCOL"),
    "present": N_("Present:"),
    "members": N_("Members of the council:"),
    "invited": N_("Invited:"),
    "absent": N_("Absent:"),
    "agenda": N_("Agenda:"),
    "heard": N_("Heard:"),
    "spoke": N_("Spoke:"),
    "decided": N_("Decided:"),
    "voting": N_("Voting:"),
    "instructions": N_("Protocol instructions:"),
    "executor": N_("Responsible executor"),
    "deadline": N_("Deadline"),
    "completion_form": N_("Form of completion"),
    "annex_roll_call": N_("Annex 1. Roll call"),
    "annex_dissents": N_("Annex 2. Dissenting opinions"),
    "member": N_("Member of the council"),
    "vote": N_("Vote"),
    "presiding_mark": N_("(presiding)"),
    "page": N_("Page"),
    "protocol_no": N_("Protocol No. {number}"),
    "signature": N_("(signature)"),
    "counts_only": N_("Votes were counted without names."),
    "received": N_("Received"),
}

CHOICE_WORDS = {
    Choice.FOR: N_("for"),
    Choice.AGAINST: N_("against"),
    Choice.ABSTAINED: N_("abstained"),
    Choice.DID_NOT_VOTE: N_("did not vote"),
}

ROLE_IN_PROTOCOL = {
    Role.CHAIR: N_("Chair of the council"),
    Role.CO_CHAIR: N_("Co-chair of the council"),
    Role.DEPUTY_CHAIR: N_("Deputy chair of the council"),
    Role.SECRETARY: N_("Secretary of the council"),
    Role.MEMBER: "",
}

SIGNER_ROLES = {"presiding": N_("Presiding"), "secretary": N_("Secretary of the council")}

LANGUAGE_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English")}


def labels(t: gettext.NullTranslations) -> dict[str, str]:
    return {key: t.gettext(msgid) for key, msgid in LABELS.items()}
