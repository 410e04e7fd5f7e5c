"""app/reports/agenda_notice_pdf.py: the notice of a meeting, rendered and read back."""

from __future__ import annotations

import dataclasses
import io
from datetime import date, time

import pikepdf
from pypdf import PdfReader

from app.reports.agenda_notice_pdf import (
    NoticeItem,
    NoticeLabels,
    NoticeMaterial,
    NoticeSnapshot,
    render,
)

LABELS = NoticeLabels(
    heading="Отырыс туралы хабарлама",
    date="Күні",
    time="Уақыты",
    place="Орны",
    presiding="Төрағалық етеді",
    agenda="Күн тәртібі",
    speakers="Баяндамашылар",
    responsible="Жауапты",
    materials="Материалдар",
    material_number="№",
    material_file="Файл",
    material_item="Мәселе",
    material_size="Көлемі",
    no_materials="Материалдар жоқ.",
)
SNAPSHOT = NoticeSnapshot(
    lang="kk",
    council_name="Ұлттық инвестициялық кеңес",
    working_body="Инвестициялар комитеті",
    meeting_line="Кезекті отырыс № 3",
    date_text="2026 жылғы 16 желтоқсан",
    time_text="10:00–12:00",
    place="Астана, Үкімет үйі, 3-зал",
    presiding="Н. С. Әбенов, Премьер-Министрдің орынбасары",
    items=(
        NoticeItem(
            1, "Өңірлік кластерлерді дамыту жоспары", ("Д. Нұрланов, министр",), "Министрлік"
        ),
        NoticeItem(2, "Әртүрлі <мәселелер> & ұсыныстар"),
    ),
    materials=(NoticeMaterial(1, 1, "жоспар.pdf", "1,2 МБ"),),
    labels=LABELS,
    meeting_uid="a" * 32,
    day=date(2026, 12, 16),
    starts_at=time(10),
    ends_at=time(12),
)


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_the_notice_says_where_when_and_what() -> None:
    data = render(SNAPSHOT)

    text = text_of(data)
    for part in (
        "Ұлттық инвестициялық кеңес",
        "Инвестициялар комитеті",
        "Кезекті отырыс № 3",
        "Күні: 2026 жылғы 16 желтоқсан",
        "Орны: Астана, Үкімет үйі, 3-зал",
        "1. Өңірлік кластерлерді дамыту жоспары",
        "Баяндамашылар: Д. Нұрланов, министр",
        "Жауапты: Министрлік",
        "2. Әртүрлі <мәселелер> & ұсыныстар",  # markup characters print as text
        "жоспар.pdf",
    ):
        assert part in text, part
    info = PdfReader(io.BytesIO(data)).metadata
    assert info is not None and info.title == "Отырыс туралы хабарлама: Кезекті отырыс № 3"


def test_the_same_snapshot_gives_the_same_bytes_and_only_embedded_fonts() -> None:
    data = render(SNAPSHOT)
    assert render(SNAPSHOT) == data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                assert "LiberationSerif" in str(font.BaseFont), font.BaseFont


def test_without_materials_the_notice_says_so() -> None:
    text = text_of(render(dataclasses.replace(SNAPSHOT, materials=(), working_body="")))
    assert "Материалдар жоқ." in text and "Инвестициялар комитеті" not in text


def test_pages_after_the_first_are_numbered_at_the_top() -> None:
    items = tuple(NoticeItem(n, f"Мәселе {n} " + "сөз " * 40) for n in range(1, 40))
    data = render(dataclasses.replace(SNAPSHOT, items=items))

    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 3
    assert not pages[0].extract_text().strip().startswith("1")
    for number, page in enumerate(pages[1:], start=2):
        assert page.extract_text().strip().splitlines()[0].strip() == str(number)
