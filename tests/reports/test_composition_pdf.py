"""The composition PDF: seed 000's annex form, embedded fonts, Kazakh letters, same bytes."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.lib.units import mm

from app.models.database import Database
from app.reports import fonts
from app.reports.composition_pdf import CompositionEntry, CompositionSnapshot, render
from app.services import demo_data
from app.services.base import SYSTEM
from app.services.compositions.composition_snapshot import composition_snapshot
from app.services.compositions.export_composition_pdf import export_composition_pdf
from app.services.councils import list_councils
from app.services.demo import create_demo

ON = date(2024, 1, 1)
BY_AGREEMENT = sum(1 for _role, agreed, _titles, _holder in demo_data.SEATS if agreed)
KAZAKH = fonts.KAZAKH_LETTERS
RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
TYPOGRAPHY = "«»“”„\"'–—№()., \u00a0"
BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.fixture
def demo(database: Database) -> int:
    assert create_demo(database, SYSTEM)
    return list_councils(database)[0].id


def pdf_text(data: bytes) -> str:
    """All text of a PDF with the line breaks of the layout folded into spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def made_up(entries: int = 3, lang: str = "kk") -> CompositionSnapshot:
    return CompositionSnapshot(
        lang=lang,
        council_name="Сынақ кеңесі",
        heading="Сынақ кеңесінің құрамы",
        edition_note="Ескерту. Құрам жаңа редакцияда – сынақ.",
        on=ON,
        date_line="2024 жылғы 1 қаңтардағы жағдай бойынша",
        entries=tuple(
            CompositionEntry(
                text=f"Лауазым {n} ӘҒҚҢӨҰҮҺІ әғқңөұүһі, мүше",
                role="member",
                person=f"Тегі{n} Аты",
                person_lines=(f"Тегі{n}", "Аты"),
                table_text=f"Лауазым {n}",
            )
            for n in range(1, entries + 1)
        ),
        vacant_label="бос",
    )


# -- what the list says -----------------------------------------------------------------------


def test_the_english_list_reads_like_the_seed(database: Database, demo: int) -> None:
    text = pdf_text(render(composition_snapshot(database, demo, ON, "en")))
    assert text.startswith(
        "Composition of the Supervisory board of the “Innovative "
        "Technologies Park” innovation cluster"
    )
    assert "Prime Minister of the Republic of Kazakhstan, chair" in text
    assert (
        "Minister of Digital Development, Innovation and Aerospace Industry of the "
        "Republic of Kazakhstan, deputy chair"
    ) in text
    assert "Akim of the city of Almaty Chairman of the Management Board" in text
    assert text.count("(by agreement)") == BY_AGREEMENT == 11
    assert "Note. The composition as amended by" in text and "As of 1 January 2024" in text
    assert text.endswith("1 / 1")


def test_the_kazakh_list_reads_like_the_seed(database: Database, demo: int) -> None:
    text = pdf_text(render(composition_snapshot(database, demo, ON, "kk")))
    assert "Қазақстан Республикасының Премьер-Министрі, төраға" in text
    assert (
        "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі "
        "министрі, төрағаның орынбасары"
    ) in text
    assert "бірінші вице-министрі, хатшы" in text
    assert text.count("(келісу бойынша)") == BY_AGREEMENT
    assert "Алматы қаласының әкімі" in text


def test_the_kazakh_heading_is_in_the_seed_form(database: Database, demo: int) -> None:
    """Needs the kk catalog ("{council} құрамы", "Ескерту. Құрам жаңа редакцияда – {act}.")."""
    text = pdf_text(render(composition_snapshot(database, demo, ON, "kk")))
    assert text.startswith(
        "«Инновациялық технологиялар паркі» инновациялық кластерінің "
        "қамқоршылық кеңесінің құрамы Ескерту. Құрам жаңа редакцияда"
    )


def test_the_russian_list(database: Database, demo: int) -> None:
    text = pdf_text(render(composition_snapshot(database, demo, ON, "ru")))
    assert "Премьер-Министр Республики Казахстан, председатель" in text
    assert "Республики Казахстан, заместитель председателя" in text
    assert "Республики Казахстан, секретарь" in text
    assert text.count("(по согласованию)") == BY_AGREEMENT


def test_the_russian_heading(database: Database, demo: int) -> None:
    """Needs the ru catalog ("Состав {council}", "По состоянию на {date}")."""
    text = pdf_text(render(composition_snapshot(database, demo, ON, "ru")))
    assert text.startswith(
        "Состав Попечительского совета инновационного кластера «Парк инновационных технологий»"
    )
    assert "По состоянию на 1 января 2024 года" in text


def test_the_table_variant_names_the_members(database: Database, demo: int) -> None:
    text = pdf_text(render(composition_snapshot(database, demo, ON, "kk"), with_names=True))
    assert "Әбенов Нұрлан Серікұлы – Қазақстан Республикасының Премьер-Министрі, төраға" in text
    assert "Мұхамеджанов Бақыт Еркінұлы – Алматы қаласының әкімі" in text
    english = pdf_text(render(composition_snapshot(database, demo, ON, "en"), with_names=True))
    assert "Nurlan Abenov – Prime Minister of the Republic of Kazakhstan, chair" in english


def test_a_vacant_seat_in_the_table_variant() -> None:
    snapshot = made_up(1)
    vacant = CompositionSnapshot(
        **{
            **snapshot.__dict__,
            "entries": (CompositionEntry(text="Хатшы лауазымы, хатшы", role="secretary"),),
        }
    )
    assert "бос – Хатшы лауазымы, хатшы" in pdf_text(render(vacant, with_names=True))
    assert "бос" not in pdf_text(render(vacant))


def test_markup_characters_are_printed_as_text() -> None:
    snapshot = made_up(1)
    odd = CompositionSnapshot(
        **{
            **snapshot.__dict__,
            "entries": (CompositionEntry(text='R&D <b>director</b> & "X"', role="member"),),
        }
    )
    assert 'R&D <b>director</b> & "X"' in pdf_text(render(odd))


# -- the document -----------------------------------------------------------------------------


def test_the_same_snapshot_gives_the_same_bytes(database: Database, demo: int) -> None:
    for lang in ("kk", "ru", "en"):
        first = render(composition_snapshot(database, demo, ON, lang))
        again = render(composition_snapshot(database, demo, ON, lang))
        assert first == again
    assert render(made_up(), with_names=True) == render(made_up(), with_names=True)
    assert render(made_up(3)) != render(made_up(4))


def test_export_writes_the_rendered_pdf(database: Database, demo: int, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = export_composition_pdf(database, demo, ON, folder / "құрам.pdf", "kk")
    assert path.read_bytes() == render(composition_snapshot(database, demo, ON, "kk"))
    assert [p.name for p in folder.iterdir()] == ["құрам.pdf"]  # no temporary file left


def fonts_of(data: bytes) -> list[DictionaryObject]:
    """The font dictionaries every page uses."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        for font in cast(DictionaryObject, resources["/Font"].get_object()).values():
            found.append(cast(DictionaryObject, font.get_object()))
    return found


@pytest.mark.parametrize("with_names", [False, True])
def test_every_font_is_embedded(database: Database, demo: int, with_names: bool) -> None:
    data = render(composition_snapshot(database, demo, ON, "kk"), with_names=with_names)
    used = fonts_of(data)
    assert used
    for font in used:
        assert not any(name in str(font["/BaseFont"]) for name in BASE14), font
        assert "LiberationSerif" in str(font["/BaseFont"])
        descriptor = cast(DictionaryObject, font["/FontDescriptor"].get_object())
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert b"/Helvetica" not in data


def test_the_fonts_cover_every_kazakh_and_russian_letter() -> None:
    for name in (fonts.REGULAR, fonts.BOLD):
        assert fonts.missing_glyphs(KAZAKH + RUSSIAN + TYPOGRAPHY, name) == set()
    assert fonts.missing_glyphs("Әә\n\U0001f600\u4e2d") == {"\U0001f600", "\u4e2d"}
    words = " ".join(RUSSIAN[i : i + 11] for i in range(0, len(RUSSIAN), 11))
    snapshot = CompositionSnapshot(
        **{
            **made_up(1).__dict__,
            "heading": KAZAKH,
            "entries": (CompositionEntry(f"{KAZAKH} {words}", "member"),),
        }
    )
    text = pdf_text(render(snapshot))
    assert text.startswith(KAZAKH)  # the bold face
    assert f"{KAZAKH} {words}" in text  # the regular face


def test_every_text_of_the_demo_has_glyphs(database: Database, demo: int) -> None:
    for lang in ("kk", "ru", "en"):
        snapshot = composition_snapshot(database, demo, ON, lang)
        texts = [snapshot.heading, snapshot.edition_note, snapshot.date_line, snapshot.vacant_label]
        for entry in snapshot.entries:
            texts += [entry.text, entry.table_text, entry.person, *entry.person_lines]
        assert fonts.missing_glyphs("".join(texts)) == set(), lang
        assert fonts.missing_glyphs(snapshot.heading, fonts.BOLD) == set(), lang


def test_pages_are_a4_numbered_and_keep_the_official_margins() -> None:
    data = render(made_up(90))
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    assert total >= 3
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Сынақ кеңесінің құрамы" and metadata.producer == "Kenes"
    for number, page in enumerate(reader.pages, start=1):
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
        xs: list[float] = []
        ys: list[float] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            _size: object,
            xs: list[float] = xs,
            ys: list[float] = ys,
        ) -> None:
            if text.strip():  # the text origin in page space: tm, then the current matrix
                xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])
                ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        body = page.extract_text(visitor_text=visit)
        assert body.rstrip().endswith(f"{number} / {total}")
        assert abs(min(xs) - 30 * mm) < 0.5
        assert max(ys) <= 842 - 20 * mm
        assert min(ys) >= 5 * mm  # the page number sits in the bottom margin
