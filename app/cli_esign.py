"""``kenes protocol sign``, the signatures part of ``kenes protocol verify``, ``kenes trust``.

Kept apart from app/cli.py, which only hands these commands over.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import i18n

if TYPE_CHECKING:
    from app.services.protocols.documents import Verification

PASSWORD_ENV = "KENES_KEY_PASSWORD"


def add_parsers(protocol_sub: Any, sub: Any) -> None:
    """``protocol sign`` under ``protocol``, and the ``trust`` command."""
    sign = protocol_sub.add_parser(
        "sign",
        help="sign a meeting's issued protocol electronically with a PKCS#12 key "
        f"(the password from a prompt or ${PASSWORD_ENV}), and write the signed PDF",
    )
    sign.add_argument("--meeting", type=int, required=True, metavar="ID")
    sign.add_argument("--lang", dest="doc_lang", choices=i18n.LANGUAGE_CODES, default="kk")
    sign.add_argument("--key", required=True, metavar="FILE.p12")
    sign.add_argument(
        "--as",
        dest="role",
        choices=("secretary", "presiding"),
        help="the signer's role (default: whoever is due next)",
    )
    sign.add_argument("--output", required=True, metavar="FILE.pdf")
    protocol_sub.choices["verify"].add_argument(
        "--qr",
        metavar="TEXT",
        help="instead of a file: the text of the QR code printed on a paper copy (decoded "
        "with any QR reader; Kenes does not read images), checked against the signed record",
    )
    trust = sub.add_parser(
        "trust", help="import the roots and revocation lists signatures are verified against"
    )
    trust_sub = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    root = trust_sub.add_parser("add-root", help="trust a root certificate (DER or PEM)")
    root.add_argument("file")
    crl = trust_sub.add_parser("add-crl", help="import a certificate revocation list (CRL)")
    crl.add_argument("file")


def _read(path: str) -> bytes:
    from app.domain.errors import EnvironmentProblem
    from app.domain.translation import N_

    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be read: {reason}"),
            path=path,
            reason=exc.strerror or str(exc),
        ) from exc


def sign_command(database: Any, args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError, EnvironmentProblem
    from app.domain.translation import N_
    from app.formats import atomic
    from app.i18n import _
    from app.services.base import Actor
    from app.services.esign.sign_issued import sign_issued_pdf
    from app.services.esign.signers import Pkcs12Signer
    from app.services.protocols.common import latest_protocol
    from app.services.protocols.documents import protocol_pdf

    with database.reading() as session:
        row = latest_protocol(session, args.meeting)
        if row is None:
            raise DomainError(N_("Meeting #{id} has no protocol yet."), id=args.meeting)
        protocol_id = row.id
    key = _read(args.key)
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = getpass.getpass(_("Password of the key: "))
    step = sign_issued_pdf(
        database,
        Actor.current_user(),
        protocol_id,
        args.doc_lang,
        Pkcs12Signer(key, password),
        args.role,
    )
    output = Path(args.output)
    try:
        atomic.write_bytes(output, protocol_pdf(database, protocol_id, args.doc_lang))
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(output),
            reason=exc.strerror or str(exc),
        ) from exc
    print(
        _("Signed (signature {n}); the signed protocol was written: {path}").format(
            n=step.position, path=output
        )
    )
    if step.still_due:
        print(
            _("Still to sign: {roles}.").format(roles=", ".join(_role(r) for r in step.still_due))
        )
    return 0


def _role(role: str) -> str:
    from app.i18n import _
    from app.services.protocols.labels import SIGNER_ROLES

    return _(SIGNER_ROLES.get(role, role))


def verify_command(database: Any, args: argparse.Namespace) -> int:
    """Signatures first, if the file has any; otherwise the issued-hash check as before."""
    from app.i18n import interface_language, translations
    from app.services.esign.report_text import report_lines
    from app.services.esign.verify_signatures import (
        looks_signed,
        read_file,
        verify_signed_pdf,
    )
    from app.services.protocols.documents import verify_file

    if args.qr is not None:
        return qr_command(database, args.qr)
    if args.file is None:
        from app.domain.errors import DomainError
        from app.domain.translation import N_

        raise DomainError(N_("Name the file to verify, or give --qr with the text of a QR code."))
    data = read_file(Path(args.file))
    if not looks_signed(data):
        return report_verification(verify_file(database, Path(args.file)), args.file)
    ui = interface_language()
    report = verify_signed_pdf(database, data)
    for line in report_lines(report, translations(ui), ui):
        print(line)
    return 0 if report.ok else 1


def qr_command(database: Any, text: str) -> int:
    """The paper copy's code against the signed record: 0 only if it shows the record."""
    from app.domain.council import pick
    from app.formatting import legal_date_plain
    from app.i18n import _, interface_language
    from app.services.esign.verify_qr import EARLIER, RECORD, UNKNOWN, verify_qr
    from app.services.protocols.labels import LANGUAGE_NAMES

    found = verify_qr(database, text)
    if found.status == UNKNOWN:
        print(_("No protocol of this database matches the QR code (meeting, language, revision)."))
        return 1
    names = {
        "number": found.number,
        "revision": found.identity.revision,
        "language": _(LANGUAGE_NAMES[found.identity.lang]),
    }
    if found.status == RECORD:
        line = _(
            "The QR code matches the signed record of protocol No. {number} (revision "
            "{revision}; {language}). SHA-256: {sha}."
        ).format(**names, sha=found.record_sha256)
    elif found.status == EARLIER:
        line = _(
            "The QR code shows an earlier stage of protocol No. {number} (revision {revision}; "
            "{language}): the copy was printed after signature {done} of {total}; the signed "
            "record has more."
        ).format(**names, done=found.signed_count, total=found.record_count)
    else:
        line = _(
            "The QR code does not match the signed record of protocol No. {number} (revision "
            "{revision}; {language}): the code states SHA-256 {stated}, the record has {sha}. "
            "The paper copy was not printed from the record."
        ).format(**names, stated=found.identity.sha256, sha=found.record_sha256)
    print(line)
    ui = interface_language()
    meeting = _("Meeting No. {number} of {date} ({council})").format(
        number=found.meeting_number,
        date=legal_date_plain(found.meeting_day, ui) if found.meeting_day else "",
        council=pick(found.council_names, ui),
    )
    print(meeting + ".")
    if found.superseded:
        print(_("A newer revision of this protocol exists."))
    return 0 if found.ok else 1


def trust_command(database: Any, args: argparse.Namespace) -> int:
    from app.i18n import _
    from app.services.base import Actor
    from app.services.esign.add_revocation_list import add_revocation_list
    from app.services.esign.add_trust_root import add_trust_root

    data = _read(args.file)
    if args.trust_command == "add-root":
        root = add_trust_root(database, Actor.current_user(), data)
        print(
            _("Trusted root added: {name} (SHA-256 {sha}).").format(name=root.name, sha=root.sha256)
        )
        return 0
    crl = add_revocation_list(database, Actor.current_user(), data)
    print(
        _("Revocation list imported: {name} (SHA-256 {sha}).").format(name=crl.name, sha=crl.sha256)
    )
    return 0


def report_verification(found: Verification, path: str) -> int:
    """Say what the file is: 0 for an issued protocol, 1 for anything else."""
    from app.domain.council import pick
    from app.formatting import legal_date_plain
    from app.i18n import _, interface_language, translations
    from app.services.protocols.documents import working_copy_text
    from app.services.protocols.labels import LANGUAGE_NAMES

    ui = interface_language()
    language = _(LANGUAGE_NAMES[found.lang]) if found.lang in LANGUAGE_NAMES else found.lang
    if found.working_copy:
        print(working_copy_text(found, path, translations(ui)))
        if found.superseded:
            print(_("A newer revision of this protocol exists."))
        return 1
    if not found.matches:
        print(
            _(
                "{path} does not match any protocol issued by Kenes in this database "
                "(SHA-256 {sha})."
            ).format(path=path, sha=found.sha256)
        )
        return 1
    print(
        _(
            "{path} is the issued protocol No. {number} (revision {revision}; {language}) "
            "of meeting No. {meeting} of {date}, {council}. SHA-256: {sha}."
        ).format(
            path=path,
            number=found.number,
            revision=found.revision,
            language=language,
            meeting=found.meeting_number,
            date=legal_date_plain(found.meeting_day, ui) if found.meeting_day else "",
            council=pick(found.council_names, ui),
            sha=found.sha256,
        )
    )
    if found.superseded:
        print(_("A newer revision of this protocol exists."))
    return 0
