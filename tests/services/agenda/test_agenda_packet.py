"""The agenda packet read back: pages, bookmarks, numbering, attachments, no actions."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.agenda.agenda_packet import agenda_packet
from app.services.agenda.attach_material import attach_material
from tests.services.meeting_helpers import ME, first_item, item, make_world, meeting_in_state


def pdf_with_pages(count: int, *, wide: bool = False) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4) if wide else A4)
    for index in range(count):
        canvas.drawString(100, 400, f"material page {index + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def armed(data: bytes) -> bytes:
    """A PDF whose page runs JavaScript when opened and whose link launches a program."""
    pdf = pikepdf.open(io.BytesIO(data))
    page = pdf.pages[0]
    page.obj["/AA"] = pikepdf.Dictionary(
        O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[0, 0, 100, 100],
        A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")),
    )
    page.obj["/Annots"] = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("x"))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def attach(database: Database, item_id: int, folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    attach_material(database, ME, item_id, path)


def test_the_packet_holds_the_agenda_then_the_materials(database: Database, tmp_path: Path) -> None:
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    first = first_item(database, meeting)
    second = item(database, meeting, "Цифрлық үкімет")
    attach(database, first, tmp_path, "анықтама.pdf", armed(pdf_with_pages(2)))
    table = _xlsx()
    attach(database, first, tmp_path, "кесте.xlsx", table)
    attach(database, second, tmp_path, "схема.pdf", pdf_with_pages(1, wide=True))

    data = agenda_packet(database, meeting, "kk")

    packet = pikepdf.open(io.BytesIO(data))
    notice_pages = len(pdfium.PdfDocument(agenda_notice(database, meeting)))
    assert len(packet.pages) == notice_pages + 2 + 1 + 1  # two, one, the attachment list
    with packet.open_outline() as outline:
        titles = [entry.title for entry in outline.root]
        children = [child.title for child in outline.root[1].children]
    assert titles[0] == "Хабарлама және күн тәртібі"
    assert titles[1].startswith("1. ") and titles[2].startswith("2. Цифрлық үкімет")
    assert children == ["анықтама.pdf"]
    assert list(packet.attachments) == ["01 - 1 - кесте.xlsx"]
    assert packet.attachments["01 - 1 - кесте.xlsx"].get_file().read_bytes() == table
    # Numbered across the packet; the landscape page keeps its size.
    document = pdfium.PdfDocument(data)
    for index in range(notice_pages, len(document)):
        text = document[index].get_textpage().get_text_range()
        assert str(index + 1) in text
    assert float(packet.pages[notice_pages + 2].mediabox[2]) > float(packet.pages[0].mediabox[2])
    # Nothing of the material runs.
    raw = data.decode("latin-1")
    assert "/JavaScript" not in raw and "/Launch" not in raw and "/OpenAction" not in raw
    # The same records give the same bytes.
    assert agenda_packet(database, meeting, "kk") == data


def agenda_notice(database: Database, meeting: int) -> bytes:
    from app.reports.agenda_notice_pdf import render
    from app.services.notice import notice_snapshot

    return render(notice_snapshot(database, meeting, "kk"))


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "кесте"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_command_line_writes_the_packet(tmp_path: Path, db_path: Path) -> None:
    from app.cli import main
    from app.models.database import open_database

    database = open_database(db_path)
    world = make_world(database)
    meeting = meeting_in_state(database, world, MeetingState.PLANNED)
    attach(database, first_item(database, meeting), tmp_path, "анықтама.pdf", pdf_with_pages(3))
    database.close()
    output = tmp_path / "packet.pdf"
    arguments = ["--db", str(db_path), "--lang", "en", "packet", "--meeting", str(meeting)]
    assert main([*arguments, "--lang", "ru", "--output", str(output)]) == 0
    document = pdfium.PdfDocument(output.read_bytes())
    assert "Повестка" in document[0].get_textpage().get_text_range() or len(document) >= 4
