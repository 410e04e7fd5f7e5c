"""app/reports/agenda_packet.py: the notice and its materials as one disarmed, numbered PDF."""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from app.reports.agenda_packet import PacketLabels, PacketMaterial, assemble

LABELS = PacketLabels(
    title="Отырыс материалдары",
    agenda="Күн тәртібі",
    attached_heading="Қосымша файлдар",
    attached_intro="Бұл файлдар PDF ішіне салынған:",
    item_line="{number}-мәселе: {file}",
)
ITEMS = [(1, "Даму жоспары"), (2, "Бюджет"), (3, "Әртүрлі")]


def pdf(*pages: str, size: tuple[float, float] = A4) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    for text in pages:
        canvas.drawString(72, 400, text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def armed_pdf() -> bytes:
    """A material that tries to run something when opened or clicked."""
    with pikepdf.open(io.BytesIO(pdf("plan page 1", "plan page 2"))) as doc:
        script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 50, 50], A=script
        )
        doc.pages[0].Annots = doc.make_indirect(pikepdf.Array([doc.make_indirect(link)]))
        doc.pages[0].obj.AA = pikepdf.Dictionary(O=script)
        doc.Root.OpenAction = script
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


MATERIALS = [
    PacketMaterial(1, "жоспар.pdf", "application/pdf", armed_pdf()),
    PacketMaterial(2, "кесте.xlsx", "application/vnd.ms-excel", b"PK\x03\x04 a workbook"),
    PacketMaterial(2, "бюджет.pdf", "application/pdf", pdf("budget", size=landscape(A4))),
    PacketMaterial(3, "бұзылған.pdf", "application/pdf", b"%PDF-1.7 broken"),
]


def test_the_packet_holds_the_notice_then_the_pdfs_then_the_list() -> None:
    data = assemble(pdf("notice 1", "notice 2"), ITEMS, MATERIALS, LABELS)

    reader = PdfReader(io.BytesIO(data))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(texts) == 2 + 2 + 1 + 1
    assert texts[:2] == ["notice 1", "notice 2"]  # the notice keeps its own numbering
    assert texts[2] == "plan page 1 3" and texts[3] == "plan page 2 4"  # numbered on from it
    assert texts[4] == "budget 5"
    assert "Қосымша файлдар" in texts[5] and "2-мәселе: кесте.xlsx" in texts[5]
    assert "3-мәселе: бұзылған.pdf" in texts[5] and texts[5].endswith(" 6")
    assert reader.metadata is not None and reader.metadata.title == "Отырыс материалдары"


def test_materials_that_are_not_readable_pdfs_are_attached_as_they_are() -> None:
    data = assemble(pdf("notice"), ITEMS, MATERIALS, LABELS)

    with pikepdf.open(io.BytesIO(data)) as packet:
        attached = {name: spec.get_file().read_bytes() for name, spec in packet.attachments.items()}
    assert attached == {
        "01 - 2 - кесте.xlsx": b"PK\x03\x04 a workbook",
        "02 - 3 - бұзылған.pdf": b"%PDF-1.7 broken",
    }


def test_nothing_in_the_packet_runs() -> None:
    data = assemble(pdf("notice"), ITEMS, MATERIALS, LABELS)

    with pikepdf.open(io.BytesIO(data)) as packet:
        assert "/OpenAction" not in packet.Root
        page = packet.pages[1]
        assert "/AA" not in page.obj
        [link] = page.Annots
        assert "/A" not in link
    assert b"app.alert" not in data


def test_a_bookmark_per_item_and_material() -> None:
    data = assemble(pdf("notice"), ITEMS, MATERIALS, LABELS)

    with pikepdf.open(io.BytesIO(data)) as packet, packet.open_outline() as outline:
        titles = [(item.title, [child.title for child in item.children]) for item in outline.root]
    assert titles == [
        ("Күн тәртібі", []),
        ("1. Даму жоспары", ["жоспар.pdf"]),
        ("2. Бюджет", ["бюджет.pdf"]),
        ("Қосымша файлдар", []),
    ]


def test_the_same_inputs_give_the_same_bytes() -> None:
    notice = pdf("notice")
    assert assemble(notice, ITEMS, MATERIALS, LABELS) == assemble(notice, ITEMS, MATERIALS, LABELS)
