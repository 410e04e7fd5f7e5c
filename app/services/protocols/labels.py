"""The fixed words of a protocol, in the protocol's language (not the interface's)."""

from __future__ import annotations

import gettext

from app.domain.composition import Role
from app.domain.translation import N_
from app.domain.voting import Choice

LABELS = {
    "protocol": N_("MINUTES"),
    # Translators: the heading of a table's number column: kk, ru "№".
    "number_sign": N_("No."),
    "present": N_("Present:"),
    "members": N_("Members of the council:"),
    "invited": N_("Invited:"),
    "absent": N_("Absent:"),
    "agenda": N_("Agenda:"),
    "heard": N_("Heard:"),
    "spoke": N_("Spoke:"),
    "decided": N_("Resolved:"),
    "voting": N_("Voting:"),
    "instructions": N_("Action items:"),
    "executor": N_("Responsible executor"),
    "deadline": N_("Deadline"),
    "completion_form": N_("Form of completion"),
    "annex_roll_call": N_("Annex 1. Roll call"),
    "annex_dissents": N_("Annex 2. Dissenting opinions"),
    "member": N_("Member of the council"),
    "vote": N_("Vote"),
    "presiding_mark": N_("(presiding)"),
    "page": N_("Page"),
    "protocol_no": N_("Minutes No. {number}"),
    "signature": N_("(signature)"),
    "counts_only": N_("Votes were counted without names."),
    "received": N_("Received"),
    # The heading of an annex, top right; the protocol's number and date are filled in.
    "annex_heading": N_("Annex {annex} to Minutes No. {number} of {date}"),
    "roll_call_title": N_("Results of the roll-call vote"),
    "dissents_title": N_("Dissenting opinions"),
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

# The role above a signature: "Chair" where the chair presided.
SIGNER_ROLES = {
    "chair": N_("Chair"),
    "presiding": N_("Presiding"),
    "secretary": N_("Secretary"),
}

LANGUAGE_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English")}


def labels(t: gettext.NullTranslations) -> dict[str, str]:
    return {key: t.gettext(msgid) for key, msgid in LABELS.items()}
