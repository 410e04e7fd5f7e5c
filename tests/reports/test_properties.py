"""app/reports/properties.py: a protocol's document properties, and the same in its PDF."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from app.reports.official_page import PRODUCER
from app.reports.properties import (
    SUBJECT_LIMIT,
    created_of,
    pdf_date,
    properties_of,
)
from tests.reports.protocol_samples import sample_snapshot


def test_the_properties_name_the_protocol_council_and_day_on_one_line() -> None:
    snapshot = dataclasses.replace(
        sample_snapshot("kk", items=2, members=9),
        council_name="Ұлттық\nкеңес",
        date_text="2026\u00a0жылғы 22\u00a0қараша",
        city="Астана",
        agenda=("Бірінші мәселе", "Екінші мәселе"),
    )

    props = properties_of(snapshot, "Хаттама № 3")

    assert props.title == "Хаттама № 3 – Ұлттық кеңес – 2026 жылғы 22 қараша"
    assert props.author == "Ұлттық кеңес"
    assert props.subject == "Бірінші мәселе; Екінші мәселе"
    assert props.keywords.endswith("; Астана")
    assert props.language == "kk-KZ" and props.producer == PRODUCER


def test_a_long_agenda_is_cut_and_an_empty_one_gives_the_number() -> None:
    long = dataclasses.replace(sample_snapshot("ru", items=1, members=9), agenda=("слово " * 400,))
    subject = properties_of(long, "Протокол № 3").subject
    assert len(subject) == SUBJECT_LIMIT and subject.endswith("…")

    empty = dataclasses.replace(long, agenda=(), council_name="")
    props = properties_of(empty, "Протокол № 3")
    assert props.subject == "Протокол № 3" and props.author == PRODUCER


@pytest.mark.parametrize(
    ("text", "created"),
    [
        (
            "2026-12-04T10:15:00+05:00",
            datetime(2026, 12, 4, 10, 15, tzinfo=timezone(timedelta(hours=5))),
        ),
        ("2026-12-04", datetime(2026, 12, 4)),
        ("", None),
        ("4 December", None),
    ],
)
def test_the_creation_date_is_the_snapshot_s(text: str, created: datetime | None) -> None:
    snapshot = dataclasses.replace(sample_snapshot("en", items=1, members=9), document_date=text)
    assert created_of(snapshot) == created


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (
            datetime(2026, 12, 4, 10, 15, tzinfo=timezone(timedelta(hours=5))),
            "D:20261204101500+05'00'",
        ),
        (
            datetime(2026, 12, 4, 10, 15, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
            "D:20261204101500-03'30'",
        ),
        (datetime(2026, 12, 4, 10, 15, tzinfo=UTC), "D:20261204101500Z"),
        (datetime(2026, 12, 4), "D:20261204000000"),
    ],
)
def test_a_pdf_date(moment: datetime, text: str) -> None:
    assert pdf_date(moment) == text


def test_a_protocol_pdf_carries_the_properties() -> None:
    from app.reports.protocol_pdf import render_pdf

    snapshot = dataclasses.replace(
        sample_snapshot("ru", items=2, members=9), document_date="2026-12-04T10:15:00+05:00"
    )

    info = PdfReader(io.BytesIO(render_pdf(snapshot))).metadata

    assert info is not None
    assert info.author == properties_of(snapshot, "x").author
    assert info.creation_date_raw.startswith("D:20261204101500+05")
