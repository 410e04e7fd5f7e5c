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
        "count": "Дауыс беру құқығы бар 15 кеңес мүшесінің 14 қатысты",
        "tie": "дауыстар тең",
        "annex": "2-қосымша. Ерекше пікірлер",
        "signature": "Төрағалық етуші",
    },
    "ru": {
        "date": "14 марта 2024 года",
        "present": "Присутствовали:",
        "count": "Присутствовали 14 из 15 членов совета с правом голоса",
        "tie": "равенство голосов",
        "annex": "Приложение 2. Особые мнения",
        "signature": "Председательствующий",
    },
    "en": {
        "date": "14 March 2024",
        "present": "Present:",
        "count": "14 of 15 members of the council with a vote present",
        "tie": "a tie",
        "annex": "Annex 2. Dissenting opinions",
        "signature": "Presiding",
    },
}


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, ProtocolSnapshot]]:
    from app.models.database import open_database

    db: Database = open_database(tmp_path_factory.mktemp("issued") / "kenes.sqlite3")
    try:
        create_demo(db, SYSTEM)
        create_demo_meeting(db, SYSTEM)
        return {lang: (protocol_pdf(db, 1, lang), protocol_snapshot(db, 1, lang))
                for lang in ("kk", "ru", "en")}
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
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                if "/DescendantFonts" in font else font["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()
    assert b"Helvetica" not in pdf
    assert render_pdf(snap) == render_pdf(ProtocolSnapshot.from_dict(snap.to_dict()))
    assert render_pdf(snap) == pdf  # the frozen snapshot renders to the issued bytes again
