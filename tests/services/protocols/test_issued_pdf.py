"""Issued protocols of a real meeting, read back in Kazakh, Russian and English."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.domain.protocol import ProtocolSnapshot
from app.models.database import Database
from app.reports.protocol_pdf import render_pdf
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.demo_meeting import create_demo_meeting
from app.services.protocols.documents import protocol_pdf, protocol_snapshot

EXPECTED = {
    "kk": {
        "date": "2024 жылғы 14 наурыздағы",
        "present": "Қатысқандар:",
        "count": "Дауыс беру құқығы бар 15 кеңес мүшесінің 14-і қатысты",
        "tie": "дауыстар тең",
        "annex": "2024 жылғы 14 наурыздағы № 1 хаттамаға 2-қосымша Ерекше пікірлер",
        "signature": "Төраға Қазақстан Республикасының Премьер-Министрі Н. С. Әбенов (қолы) Хатшы",
    },
    "ru": {
        "date": "14 марта 2024 года",
        "present": "Присутствовали:",
        "count": "Присутствовали 14 из 15 членов совета с правом голоса",
        "tie": "равенство голосов",
        "annex": "Приложение 2 к протоколу № 1 от 14 марта 2024 года Особые мнения",
        "signature": (
            "Председатель Премьер-Министр Республики Казахстан Н. С. Әбенов (подпись) Секретарь"
        ),
    },
    "en": {
        "date": "14 March 2024",
        "present": "Present:",
        "count": "14 of 15 members of the council with a vote were present",
        "tie": "a tie",
        "annex": "Annex 2 to Minutes No. 1 of 14 March 2024 Dissenting opinions",
        "signature": (
            "Chair Prime Minister of the Republic of Kazakhstan N. Abenov (signature) Secretary"
        ),
    },
}


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, ProtocolSnapshot]]:
    from app.models.database import open_database

    db: Database = open_database(tmp_path_factory.mktemp("issued") / "kenes.sqlite3")
    try:
        create_demo(db, SYSTEM)
        create_demo_meeting(db, SYSTEM)
        return {
            lang: (protocol_pdf(db, 1, lang), protocol_snapshot(db, 1, lang))
            for lang in ("kk", "ru", "en")
        }
    finally:
        db.close()


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_issued_protocol_says_what_the_record_holds(
    issued: dict[str, tuple[bytes, ProtocolSnapshot]], lang: str
) -> None:
    pdf, snap = issued[lang]
    text = squash(text_of(pdf))
    expected = EXPECTED[lang]
    for key in ("date", "present", "count", "annex", "signature"):
        assert squash(expected[key]) in text, (lang, key)
    for section in snap.items:  # each decision's result with how it was reached
        for decision in section.decisions:
            assert squash(decision.result)[:60] in text
    assert expected["tie"] in text
    for member in snap.present:
        assert squash(member.name) in text
    assert squash(snap.dissents[0].text) in text


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_font_is_embedded_and_rendering_is_deterministic(
    issued: dict[str, tuple[bytes, ProtocolSnapshot]], lang: str
) -> None:
    pdf, snap = issued[lang]
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            )
            assert "/FontFile2" in descriptor.get_object()
    assert b"Helvetica" not in pdf
    assert render_pdf(snap) == render_pdf(ProtocolSnapshot.from_dict(snap.to_dict()))
    assert render_pdf(snap) == pdf  # the frozen snapshot renders to the issued bytes again


@pytest.fixture(scope="module")
def working_copies(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[bytes, bytes, ProtocolSnapshot]]:
    """The demo protocol's DOCX working copy and issued PDF, with its snapshot, per language."""
    from app.models.database import open_database
    from app.services.protocols.documents import protocol_docx

    db: Database = open_database(tmp_path_factory.mktemp("copies") / "kenes.sqlite3")
    try:
        create_demo(db, SYSTEM)
        create_demo_meeting(db, SYSTEM)
        return {
            lang: (
                protocol_docx(db, 1, lang),
                protocol_pdf(db, 1, lang),
                protocol_snapshot(db, 1, lang),
            )
            for lang in ("kk", "ru", "en")
        }
    finally:
        db.close()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_docx_and_pdf_carry_the_form_and_the_properties(
    working_copies: dict[str, tuple[bytes, bytes, ProtocolSnapshot]], lang: str
) -> None:
    """Read back: the signature blocks (chair and secretary, initials first), the annex
    headings, and the properties (title, author, language, dated when signed)."""
    from datetime import datetime

    import docx

    from app.reports.docx_package import read_identity

    data, pdf, snap = working_copies[lang]
    document = docx.Document(io.BytesIO(data))
    texts = [squash(p.text) for p in document.paragraphs]
    cells = [
        squash(cell.text) for table in document.tables for row in table.rows for cell in row.cells
    ]
    pdf_text = squash(text_of(pdf))
    assert [block.role for block in snap.signatures] == {
        "kk": ["Төраға", "Хатшы"],
        "ru": ["Председатель", "Секретарь"],
        "en": ["Chair", "Secretary"],
    }[lang]
    for block in snap.signatures:
        name = squash(block.name)
        assert name.split()[0].endswith(".")  # "Н. С. Әбенов": the initials first
        assert name in cells and name in pdf_text
    for number, key in ((1, "roll_call_title"), (2, "dissents_title")):
        heading = squash(snap.labels["annex_heading"].replace("{annex}", str(number)))
        assert heading in texts and snap.labels[key] in texts
        assert squash(f"{heading} {snap.labels[key]}") in pdf_text
    props = document.core_properties
    assert props.author == squash(snap.council_name)
    assert props.title.startswith(squash(snap.labels["protocol_no"].format(number=snap.number)))
    assert props.language == {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}[lang]
    signed = datetime.fromisoformat(snap.document_date)
    assert props.created is not None and props.created.replace(microsecond=0) == signed
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None and metadata.title == props.title
    assert str(metadata["/CreationDate"]) == signed.strftime("D:%Y%m%d%H%M%SZ")
    identity = read_identity(data)
    assert identity is not None and identity["Kenes state"] in ("signed", "copies_sent")
    assert identity["Kenes snapshot SHA-256"] == snap.digest()
