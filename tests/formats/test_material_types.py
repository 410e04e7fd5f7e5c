"""Materials are documents judged by their content (app/formats/material_types.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from app.formats import material_types as mt

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def docx_bytes(tmp_path: Path) -> bytes:
    document = docx.Document()
    document.add_paragraph("Шешім жобасы")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    return path.read_bytes()


def xlsx_bytes(tmp_path: Path) -> bytes:
    book = openpyxl.Workbook()
    path = tmp_path / "list.xlsx"
    book.save(path)
    return path.read_bytes()


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OOXML_TYPES = (
    b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType='
    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
DOCM_TYPES = (
    b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (PNG_BYTES, "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "gif"),
        (b"II*\x00\x08\x00\x00\x00", "tiff"),
        (
            b"BM"
            + (70).to_bytes(4, "little")
            + b"\x00" * 8
            + (40).to_bytes(4, "little")
            + b"\x00" * 52,
            "bmp",
        ),
        (
            zipped(
                {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
            ),
            "odt",
        ),
        (zipped({"[Content_Types].xml": OOXML_TYPES, "word/document.xml": b"<w/>"}), "docx"),
        ("Күн тәртібі\r\n1. Есеп\n".encode(), "text"),
        ("Повестка дня: отчёт\n".encode("cp1251"), "text"),
    ],
)
def test_documents_are_recognised_by_their_content(data: bytes, key: str) -> None:
    identified = mt.identify(data)
    assert identified.document is not None and identified.document.key == key


def test_real_office_files_are_recognised(tmp_path: Path) -> None:
    assert mt.identify(docx_bytes(tmp_path)).document is mt.DOCX
    assert mt.identify(xlsx_bytes(tmp_path)).document is mt.XLSX


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (MZ_BYTES, "a Windows program"),
        (ELF_BYTES, "a Linux program"),
        (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "a macOS program"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8,
            "an old-format Office file (.doc, .xls, .ppt), which can carry macros",
        ),
        (
            zipped({"[Content_Types].xml": DOCM_TYPES, "word/vbaProject.bin": b"x"}),
            "a document with macros",
        ),
        (zipped({"payload.exe": MZ_BYTES}), "an archive"),
        (b"PK\x03\x04 not really a zip", "a damaged archive"),
        (b"text\x00with a NUL", "a file of an unknown type"),
        (b"\x01\x02\x03binary", "a file of an unknown type"),
    ],
)
def test_anything_else_is_named_for_what_it_is(data: bytes, what: str) -> None:
    identified = mt.identify(data)
    assert identified.document is None and identified.what == what


def test_a_pdf_header_later_in_a_program_does_not_make_it_a_pdf() -> None:
    assert mt.identify(MZ_BYTES + b"%PDF-1.4").document is None


@pytest.mark.parametrize(
    ("name", "document", "stored"),
    [
        ("Protocol_draft.pdf\u202egpj.exe", mt.PDF, "Protocol_draft.pdfgpj.exe.pdf"),
        ("анықтама.pdf", mt.PDF, "анықтама.pdf"),
        ("Сурет.JPEG", mt.JPEG, "Сурет.JPEG"),
        ("scan.jpg", mt.PNG, "scan.png"),
        ("report.exe", mt.PDF, "report.exe.pdf"),
        ("notes", mt.TEXT, "notes.txt"),
        ("a\u2066b\u2069\u200f.docx", mt.DOCX, "ab.docx"),
        ("bad:name\x07?.pdf", mt.PDF, "bad_name__.pdf"),
        ("...", mt.PDF, "material.pdf"),
    ],
)
def test_the_stored_name_is_safe_and_carries_the_detected_extension(
    name: str, document: mt.DocumentType, stored: str
) -> None:
    assert mt.stored_name(name, document) == stored
