"""app/reports/docx_package.py: the DOCX without the template's traces, with its identity."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import docx

from app.reports.docx_package import (
    CUSTOM_PART,
    ZIP_TIME,
    finish_package,
    read_identity,
)
from app.reports.properties import IDENTITY_KEYS, DocumentProperties

PROPS = DocumentProperties(
    title="Протокол № 3 – Национальный совет – 22 ноября 2026 года",
    author="Национальный совет",
    subject="О плане развития",
    keywords="Протокол № 3; Астана",
    language="ru-RU",
    created=datetime(2026, 11, 22, 10, 15, tzinfo=UTC),
)
IDENTITY = dict(zip(IDENTITY_KEYS, ["3", "1", "ru", "ab" * 32, "signed"], strict=True))


def template_docx() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("Протокол")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_package_keeps_no_trace_of_the_template() -> None:
    parts = entries(finish_package(template_docx(), PROPS, "ru", {}))

    assert "docProps/thumbnail.jpeg" not in parts and "word/stylesWithEffects.xml" not in parts
    assert not any(name.startswith("customXml/") for name in parts)
    assert (
        b"Macintosh" not in parts["docProps/app.xml"]
        and b"Normal.dotm" not in parts["docProps/app.xml"]
    )
    assert b"w:rsids" not in parts["word/settings.xml"]
    core = parts["docProps/core.xml"].decode("utf-8")
    assert PROPS.title in core and "2026-11-22T10:15:00Z" in core and "ru-RU" in core
    assert CUSTOM_PART not in parts


def test_russian_and_english_are_hyphenated_kazakh_is_not() -> None:
    for lang, hyphenated in (("ru", True), ("en", True), ("kk", False)):
        settings = entries(finish_package(template_docx(), PROPS, lang, {}))["word/settings.xml"]
        assert (b"autoHyphenation" in settings) is hyphenated, lang


def test_the_same_document_gives_the_same_bytes_dated_alike() -> None:
    first = finish_package(template_docx(), PROPS, "ru", IDENTITY)

    assert finish_package(template_docx(), PROPS, "ru", IDENTITY) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {ZIP_TIME}
    assert docx.Document(io.BytesIO(first)).paragraphs[-1].text == "Протокол"  # Word opens it


def test_the_identity_reads_back() -> None:
    data = finish_package(template_docx(), PROPS, "ru", IDENTITY)
    assert read_identity(data) == IDENTITY
    assert read_identity(finish_package(template_docx(), PROPS, "ru", {})) == {}


def test_a_file_that_is_no_docx_has_no_identity() -> None:
    assert read_identity(b"%PDF-1.7") is None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("hello.txt", "x")
    assert read_identity(out.getvalue()) is None


def test_an_entity_in_the_custom_properties_is_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "xxxxxxxxxx">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<Properties><property name="Kenes protocol"><v>&b;</v></property></Properties>'
    )
    data = finish_package(template_docx(), PROPS, "ru", {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in entries(data).items():
            package.writestr(name, content)
        package.writestr(CUSTOM_PART, bomb)

    assert read_identity(out.getvalue()) == {"Kenes protocol": ""}  # the reference stays one
