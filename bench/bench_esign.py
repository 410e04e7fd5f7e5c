"""10. Electronic signatures: signing and verifying a 100-page protocol, against rendering it.

The protocol is :func:`tests.reports.protocol_samples.sample_snapshot` in Kazakh, grown
until it has at least 100 pages.  In the same run: ``render_pdf`` of it (the baseline),
then two PAdES signatures (a secretary's and a chair's PKCS#12 keys, each an incremental
update with its visible block: what ``kenes protocol sign`` does), then the offline check
of both signatures against a trusted root and a revocation list (what ``kenes protocol
verify`` does, without the database look-up).  The keys, root and list are made here.

    .venv/bin/python bench/bench_esign.py [--quick]
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, bench_main, median, timed

BENCH = "10. Electronic signatures"
PASSWORD = "bench"


def hundred_pages() -> tuple[bytes, int]:
    from pypdf import PdfReader

    from app.reports.protocol_pdf import render_pdf
    from tests.reports.protocol_samples import sample_snapshot

    items = 60
    while True:
        pdf = render_pdf(sample_snapshot("kk", items, 32))
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        if pages >= 100:
            return pdf, items
        items = int(items * 100 / pages) + 5


def run(quick: bool = False) -> list[Figure]:
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader

    from app.reports.protocol_pdf import render_pdf
    from app.services.esign import pades
    from app.services.esign.signers import Pkcs12Signer, load_certificate
    from app.services.esign.verify_signatures import _check
    from tests.reports.protocol_samples import sample_snapshot
    from tests.services.esign.pki import make_ca, make_crl, make_signer

    pdf, items = hundred_pages()
    snapshot = sample_snapshot("kk", items, 32)
    ca = make_ca()
    keys = [
        Pkcs12Signer(make_signer(ca, name).p12(PASSWORD), PASSWORD) for name in ("ХАТШЫ", "ТӨРАҒА")
    ]
    roots = [asn1_x509.Certificate.load(ca.der)]
    crls = [asn1_crl.CertificateList.load(make_crl(ca))]
    rounds = 3 if quick else 7
    signed = pdf

    def sign_twice() -> None:
        nonlocal signed
        data = pdf
        for n, key in enumerate(keys):
            cert = load_certificate(key.certificate())
            name = f"KenesSignature{n + 1}"
            prepared = pades.prepare(data, name, pades.block_box(n, 2), name, cert)
            cms = key.sign_digest(prepared.digest, "sha256", datetime.now(UTC))
            data = pades.embed(prepared, cms)
        signed = data

    def verify_both() -> None:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        checks = [_check(s, roots, crls, datetime.now(UTC)) for s in reader.embedded_signatures]
        assert len(checks) == 2 and all(c.ok for c in checks), checks

    render = median([timed(lambda: render_pdf(snapshot)) for _ in range(rounds)])
    signing = median([timed(sign_twice) for _ in range(rounds)])
    verifying = median([timed(verify_both) for _ in range(rounds)])
    return [
        Figure(
            BENCH,
            "100-page protocol: two signatures",
            signing,
            "s",
            render,
            "rendering it",
            note=f"{items} items; {len(signed) - len(pdf)} bytes added",
        ),
        Figure(
            BENCH,
            "100-page protocol: verifying both signatures",
            verifying,
            "s",
            render,
            "rendering it",
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(bench_main(__doc__ or "", run, needs_archive=False))
