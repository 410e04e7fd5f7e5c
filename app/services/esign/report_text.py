"""The verification report in words, one line a signature, for the command and the window."""

from __future__ import annotations

import gettext

from app.domain.translation import N_
from app.formatting import format_datetime
from app.services.esign.verify_signatures import SignatureCheck, SignedFileReport
from app.services.protocols.labels import LANGUAGE_NAMES

HEAD = N_(
    "Signature {n}: {signer}, signed at {time} (as the signer states); certificate "
    "No. {serial}, issued by {issuer}."
)
UNREADABLE = N_("Signature {n} cannot be read: the file is damaged.")
INTACT = N_("The signed content is intact.")
ALTERED = N_("The signed content was altered after signing.")
ADDED_AFTER = N_("Something other than signatures was added to the file after this signature.")
TRUSTED = N_("The certificate chains to a trusted root.")
UNTRUSTED = N_(
    "The certificate does not chain to a trusted root (the administrator imports roots "
    'with "kenes trust add-root").'
)
EXPIRED = N_("The certificate has expired.")
REVOKED = N_("The certificate was revoked per the imported revocation list.")
NOT_REVOKED = N_("Not revoked per the imported revocation list.")
UNCHECKED = N_("Revocation was not checked: no revocation list of its issuer was imported.")
RECORD = N_("The file is the issued record of protocol No. {number} ({language}).")
EARLIER = N_(
    "The file is an earlier stage of protocol No. {number} ({language}): it has signature "
    "{done} of {total}; the issued record has more."
)
UNKNOWN = N_("The file is not an issued record of this database.")
ALL_VALID = N_("Every signature is valid.")
NOT_VALID = N_("At least one signature is not valid.")


def signature_lines(
    n: int, check: SignatureCheck, t: gettext.NullTranslations, ui: str
) -> list[str]:
    """The head line of one signature and its findings."""
    if not check.readable:
        return [t.gettext(UNREADABLE).format(n=n)]
    head = t.gettext(HEAD).format(
        n=n,
        signer=check.signer,
        time=format_datetime(check.signed_at, ui) if check.signed_at else "?",
        serial=check.serial,
        issuer=check.issuer,
    )
    found = [INTACT if check.intact else ALTERED]
    if check.intact and not check.unchanged_after:
        found.append(ADDED_AFTER)
    found.append(TRUSTED if check.trusted else UNTRUSTED)
    if check.expired:
        found.append(EXPIRED)
    if check.revoked:
        found.append(REVOKED)
    else:
        found.append(NOT_REVOKED if check.revocation_checked else UNCHECKED)
    return [head, *(f"  {t.gettext(line)}" for line in found)]


def report_lines(report: SignedFileReport, t: gettext.NullTranslations, ui: str) -> list[str]:
    """Every signature, what the file is, and the verdict."""
    lines: list[str] = []
    for n, check in enumerate(report.signatures, 1):
        lines.extend(signature_lines(n, check, t, ui))
    language = t.gettext(LANGUAGE_NAMES.get(report.lang, N_("English")))
    if report.issued_record:
        lines.append(t.gettext(RECORD).format(number=report.number, language=language))
    elif report.protocol_id is not None:
        lines.append(
            t.gettext(EARLIER).format(
                number=report.number,
                language=language,
                done=report.signed_count,
                total=report.record_count,
            )
        )
    else:
        lines.append(t.gettext(UNKNOWN))
    lines.append(t.gettext(ALL_VALID if report.ok else NOT_VALID))
    return lines
