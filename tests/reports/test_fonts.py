"""app/reports/fonts.py: the bundled serif covers every letter of official texts, embedded."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.domain.errors import EnvironmentProblem
from app.reports import fonts

RUSSIAN = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя"
PUNCTUATION = "«»„“”–—…№§\u00a0\u202f"


def test_the_four_faces_are_registered_once_as_one_family() -> None:
    names = fonts.register_fonts()

    assert fonts.register_fonts() is names
    assert (names.regular, names.bold, names.italic, names.bold_italic) == (
        fonts.REGULAR,
        fonts.BOLD,
        fonts.ITALIC,
        fonts.BOLD_ITALIC,
    )
    for name in (names.regular, names.bold, names.italic, names.bold_italic):
        assert pdfmetrics.getFont(name).face.name.startswith(b"LiberationSerif")
        assert fonts.font_file(name).is_file()


@pytest.mark.parametrize("face", [fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC])
def test_every_face_covers_kazakh_russian_and_the_typography(face: str) -> None:
    assert (
        fonts.missing_glyphs(fonts.KAZAKH_LETTERS + RUSSIAN + PUNCTUATION + "\n\t", face) == set()
    )


def test_a_character_the_font_lacks_is_found() -> None:
    assert fonts.missing_glyphs("Кеңес 漢 🙂") == {"漢", "🙂"}


def test_it_is_the_metric_twin_of_times_new_roman() -> None:
    fonts.register_fonts()
    # Times New Roman's advance widths (per 1000 em): "n" 500, "m" 778, space 250.
    assert pdfmetrics.stringWidth("n", fonts.REGULAR, 1000) == pytest.approx(500, abs=1)
    assert pdfmetrics.stringWidth("m", fonts.REGULAR, 1000) == pytest.approx(778, abs=1)
    assert pdfmetrics.stringWidth(" ", fonts.REGULAR, 1000) == pytest.approx(250, abs=1)


def test_a_pdf_embeds_the_font_as_a_subset() -> None:
    names = fonts.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont(names.regular, fonts.DOCUMENT_SIZE)
    canvas.drawString(100, 700, "Қазақстан Республикасы")
    canvas.save()

    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        used = [
            f for f in pdf.pages[0].Resources.Font.values() if "LiberationSerif" in str(f.BaseFont)
        ]
        [font] = used
        assert str(font.BaseFont)[:7].isupper() and str(font.BaseFont)[7] == "+"  # a subset
        assert "/FontFile2" in font.FontDescriptor  # the TrueType program itself


def test_a_damaged_font_file_is_said_plainly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "LiberationSerif-Regular.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "FONTS_DIR", tmp_path)
    monkeypatch.setattr(fonts, "_registered", None)

    with pytest.raises(EnvironmentProblem, match="missing or damaged; reinstall Kenes"):
        fonts.register_fonts()
