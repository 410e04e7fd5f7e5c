"""The agenda packet: the notice with its agenda, then every PDF material in order.

What board portals call a board book, for chairs and members who review on a tablet or
on paper: one file, a bookmark per agenda item (and per material under it), pages
numbered across the whole packet at the top centre as the notice numbers its own, and
every material that is not a readable PDF embedded as an attachment and listed on a
closing page.  Materials are never programs: a material's pages are copied without
their actions (JavaScript, launch, form submission), and nothing of its document-level
catalogue (open actions, scripts) comes along.

Built with pikepdf (qpdf), which copies pages between files faithfully; ReportLab draws
the page numbers and the closing list.  The same inputs give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.reports.fonts import register_fonts

PAGE_NUMBER_SIZE = 10
_UNSAFE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm"}


@dataclass(frozen=True)
class PacketMaterial:
    """A material of an agenda item, in the agenda's order."""

    item_number: int
    file_name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class PacketLabels:
    """The packet's own words, in its language."""

    title: str
    agenda: str
    attached_heading: str
    attached_intro: str
    item_line: str  # "Item {number}: {file}"


def _open_pdf(material: PacketMaterial) -> pikepdf.Pdf | None:
    """The material as a PDF, or None when it is not one Kenes can read unaided."""
    if material.media_type != "application/pdf" and not material.file_name.lower().endswith(".pdf"):
        return None
    try:
        source = pikepdf.open(io.BytesIO(material.data))
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError):
        return None
    if source.is_encrypted or len(source.pages) == 0:
        source.close()
        return None
    return source


def _disarm(page: pikepdf.Page) -> None:
    """Drop a copied page's actions: a material is read, never run."""
    obj = page.obj
    if "/AA" in obj:
        del obj["/AA"]
    for annotation in obj.get("/Annots", []):
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        if "/AA" in annotation:
            del annotation["/AA"]
        action = annotation.get("/A")
        if isinstance(action, pikepdf.Dictionary) and str(action.get("/S")) in _UNSAFE_ACTIONS:
            del annotation["/A"]


def _listing(labels: PacketLabels, others: Sequence[PacketMaterial]) -> bytes:
    """A closing page naming the materials embedded as attachments."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    height = A4[1]
    y = height - 30 * mm
    canvas.setFont(fonts.bold, 14)
    canvas.drawString(25 * mm, y, labels.attached_heading)
    y -= 10 * mm
    canvas.setFont(fonts.regular, 11)
    canvas.drawString(25 * mm, y, labels.attached_intro)
    for material in others:
        y -= 7 * mm
        if y < 20 * mm:
            canvas.showPage()
            canvas.setFont(fonts.regular, 11)
            y = height - 25 * mm
        line = labels.item_line.format(number=material.item_number, file=material.file_name)
        canvas.drawString(25 * mm, y, line)
    canvas.save()
    return buffer.getvalue()


def _numbers(sizes: Sequence[tuple[float, float]], first: int) -> bytes:
    """One page per size, each showing its number (from ``first``) at the top centre."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for offset, (width, height) in enumerate(sizes):
        canvas.setPageSize((width, height))
        canvas.setFont(fonts.regular, PAGE_NUMBER_SIZE)
        canvas.drawCentredString(width / 2, height - 10 * mm, str(first + offset))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def assemble(
    notice_pdf: bytes,
    items: Sequence[tuple[int, str]],
    materials: Sequence[PacketMaterial],
    labels: PacketLabels,
) -> bytes:
    """The packet's bytes: the notice, the PDF materials by item, the list of attachments."""
    packet = pikepdf.open(io.BytesIO(notice_pdf))
    notice_pages = len(packet.pages)
    starts: dict[int, list[tuple[str, int]]] = {}
    others: list[PacketMaterial] = []
    for material in materials:
        source = _open_pdf(material)
        if source is None:
            others.append(material)
            continue
        starts.setdefault(material.item_number, []).append((material.file_name, len(packet.pages)))
        for page in source.pages:
            packet.pages.append(page)
            _disarm(packet.pages[-1])
    if others:
        listing = pikepdf.open(io.BytesIO(_listing(labels, others)))
        listing_start = len(packet.pages)
        packet.pages.extend(listing.pages)
        for index, material in enumerate(others, start=1):
            name = f"{index:02d} - {material.item_number} - {material.file_name}"
            packet.attachments[name] = pikepdf.AttachedFileSpec(
                packet, material.data, mime_type=material.media_type
            )
    _number_pages(packet, notice_pages)
    _bookmarks(packet, items, starts, labels, listing_start if others else None)
    packet.docinfo["/Title"] = labels.title
    buffer = io.BytesIO()
    packet.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def _number_pages(packet: pikepdf.Pdf, after: int) -> None:
    """Number the pages after the notice's, continuing its numbering."""
    later = list(packet.pages)[after:]
    if not later:
        return
    sizes = [
        (float(p.mediabox[2] - p.mediabox[0]), float(p.mediabox[3] - p.mediabox[1])) for p in later
    ]
    stamps = pikepdf.open(io.BytesIO(_numbers(sizes, after + 1)))
    for page, stamp in zip(later, stamps.pages, strict=True):
        _stamp(packet, page, stamp)


def _stamp(packet: pikepdf.Pdf, page: pikepdf.Page, stamp: pikepdf.Page) -> None:
    """Draw ``stamp`` over ``page`` under a fixed resource name (pikepdf's overlay picks a
    random one, and the same packet must give the same bytes)."""
    form = packet.copy_foreign(stamp.as_form_xobject())
    page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name("/KenesPageNumber"))
    page.contents_add(pikepdf.Stream(packet, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(packet, b"\nQ q /KenesPageNumber Do Q\n"), prepend=False)


def _bookmarks(
    packet: pikepdf.Pdf,
    items: Sequence[tuple[int, str]],
    starts: dict[int, list[tuple[str, int]]],
    labels: PacketLabels,
    listing: int | None,
) -> None:
    with packet.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(labels.agenda, 0))
        for number, title in items:
            files = starts.get(number)
            if not files:
                continue
            entry = pikepdf.OutlineItem(f"{number}. {title}", files[0][1])
            entry.children.extend(pikepdf.OutlineItem(name, page) for name, page in files)
            outline.root.append(entry)
        if listing is not None:
            outline.root.append(pikepdf.OutlineItem(labels.attached_heading, listing))
