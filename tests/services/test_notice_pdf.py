"""notice_pdf: the notice of a meeting with its agenda, as a PDF to preview; nothing recorded."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.domain.errors import DomainError, NotFoundError
from app.domain.meeting import MeetingState
from app.models.database import Database
from app.services.notice_pdf import notice_pdf
from tests.services.meeting_helpers import counts, make_world, meeting_in_state

PLACES = {
    "kk": "Астана қ., Үкімет үйі, 3-зал",
    "ru": "г. Астана, Дом Правительства, зал 3",
    "en": "Astana, Government House, hall 3",
}
ITEMS = {"kk": "Жасанды интеллект стратегиясы", "ru": "Стратегия ИИ", "en": "AI strategy"}


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_notice_names_the_place_and_the_agenda_in_its_language(
    database: Database, lang: str
) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    data = notice_pdf(database, meeting, lang)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert PLACES[lang] in text and ITEMS[lang] in text


def test_previewing_records_nothing(database: Database) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.AGENDA_APPROVED)
    before = counts(database)
    first = notice_pdf(database, meeting, "kk")
    assert counts(database) == before  # no notification, no audit event
    assert pdf_text(notice_pdf(database, meeting, "kk")) == pdf_text(first)


@pytest.mark.parametrize("lang", ["de", "", "KK"])
def test_a_language_without_documents_is_refused(database: Database, lang: str) -> None:
    meeting = meeting_in_state(database, make_world(database), MeetingState.PLANNED)
    with pytest.raises(DomainError, match="Kazakh, Russian or English"):
        notice_pdf(database, meeting, lang)


def test_an_unknown_or_malformed_meeting_is_refused(database: Database) -> None:
    with pytest.raises(NotFoundError):
        notice_pdf(database, 404, "kk")
    for bad in (0, "1", None):
        with pytest.raises(DomainError, match="existing record"):
            notice_pdf(database, bad, "kk")  # type: ignore[arg-type]
