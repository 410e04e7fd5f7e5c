"""app/reports/stamp.py: the verification stamp page and the paper copy of a signed protocol."""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader

from app.reports.stamp import QR_SIZE, StampText, paper_copy_pdf, qr_drawing, stamp_pdf
from tests.reports.protocol_samples import sample_snapshot

PAYLOAD = "KENES1;protocol=3;rev=1;sha256=" + "ab" * 32
TEXT = StampText(
    title="Электрондық қолтаңбаны тексеру",
    lines=(
        "Қол қойды: Н. С. Әбенов, 22.11.2026 10:15",
        "  Сертификат жарамды",
        "Қол қойды: А. Б. Иванова, 22.11.2026 10:20",
        "  Құжат қол қойылғаннан кейін өзгертілмеген",
    ),
    verdict="Қолтаңбалар жарамды.",
    qr_payload=PAYLOAD,
    qr_caption="QR кодта хаттаманың деректері <мен> SHA-256",
)


def signed_pdf() -> bytes:
    """A protocol with a visible signature field, as a signing tool leaves it."""
    from app.reports.protocol_pdf import render_pdf

    pdf = pikepdf.open(io.BytesIO(render_pdf(sample_snapshot("kk", items=1, members=9))))
    look = pikepdf.Stream(pdf, b"0 0 1 rg 0 0 100 30 re f")
    look.Type, look.Subtype, look.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 100, 30]
    field = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            FT=pikepdf.Name.Sig,
            T="Signature1",
            Rect=[100, 100, 200, 130],
            F=4,
            AP=pikepdf.Dictionary(N=look),
            P=pdf.pages[0].obj,
        )
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([field]))
    pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(Fields=[field], SigFlags=3))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_the_stamp_is_one_page_that_says_what_the_check_found() -> None:
    data = stamp_pdf(TEXT)

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for part in (TEXT.title, "Сертификат жарамды", TEXT.verdict, "<мен>"):
        assert part in text
    assert PAYLOAD in text.replace(" ", "")  # the payload under the code, as it wraps
    assert reader.metadata is not None and reader.metadata.title == TEXT.title
    assert stamp_pdf(TEXT) == data  # the same check, the same bytes


def test_the_qr_code_fills_its_square() -> None:
    drawing = qr_drawing(PAYLOAD)
    assert (drawing.width, drawing.height) == (QR_SIZE, QR_SIZE)
    x0, y0, x1, y1 = drawing.getBounds()
    assert round(x1 - x0) == round(QR_SIZE) and round(y1 - y0) == round(QR_SIZE)


def test_a_paper_copy_has_the_pages_the_signatures_printed_and_no_field() -> None:
    signed = signed_pdf()
    pages = len(PdfReader(io.BytesIO(signed)).pages)

    copy = paper_copy_pdf(signed, stamp_pdf(TEXT))

    with pikepdf.open(io.BytesIO(copy)) as pdf:
        assert len(pdf.pages) == pages + 1
        assert "/AcroForm" not in pdf.Root
        assert "/Annots" not in pdf.pages[0] or len(pdf.pages[0].Annots) == 0
        drawn = [x.read_bytes() for x in pdf.pages[0].Resources.XObject.values()]
        assert any(b"0 0 1 rg" in stream for stream in drawn)  # the signature's look, printed
    assert TEXT.verdict in PdfReader(io.BytesIO(copy)).pages[-1].extract_text()
    assert paper_copy_pdf(signed, stamp_pdf(TEXT)) == copy
