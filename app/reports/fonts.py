"""The fonts every Kenes document uses: Liberation Serif, bundled in ``resources/fonts``.

Secretariats and records offices in Kazakhstan set official documents in Times New
Roman 14.  Liberation Serif 2 (SIL Open Font License, licence in
``resources/fonts/LICENSE-LiberationSerif.txt``) is its metric twin: every
character has the advance width of Times New Roman's, so a line, and a page, breaks
where it would in Times New Roman; and it covers every Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү
Һ І), Russian and the typographic quotes and dashes of official texts.  The PDFs
embed it; the DOCX names Times New Roman (:data:`DOCUMENT_FONT`), the font Word
has, with the same size and spacing.

ReportLab keeps registered fonts in a process-wide registry;
:func:`register_fonts` fills it once (thread-safe) and returns the names to
use in styles.  TrueType fonts registered this way are always embedded as
subsets, and a character the font lacks would silently print as an empty box,
so :func:`missing_glyphs` lets a report or a test check its text first.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.domain.errors import EnvironmentProblem
from app.domain.translation import N_
from app.paths import RESOURCES_DIR

FONTS_DIR = RESOURCES_DIR / "fonts"
FAMILY = "KenesSerif"
REGULAR = "KenesSerif"
BOLD = "KenesSerif-Bold"
ITALIC = "KenesSerif-Italic"
BOLD_ITALIC = "KenesSerif-BoldItalic"
_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

DOCUMENT_FONT = "Times New Roman"
"""The font a DOCX names: Word's own; Liberation Serif, which the PDFs embed, is its metric twin."""
DOCUMENT_SIZE = 14
"""The body size of an official document, in points."""
DOCUMENT_LEADING = 16.1
"""The line pitch of the body: single spacing of Times New Roman 14 (1.15 em), in points."""

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"


@dataclass(frozen=True)
class FontNames:
    """Names of the registered fonts, for ``fontName=`` in styles and canvases."""

    regular: str
    bold: str
    family: str
    italic: str = ITALIC
    bold_italic: str = BOLD_ITALIC


_lock = threading.Lock()
_registered: FontNames | None = None


def font_file(name: str) -> Path:
    """The bundled file of a font registered under ``name``."""
    return FONTS_DIR / _FILES[name]


def register_fonts() -> FontNames:
    """Register Liberation Serif (the four faces) with ReportLab once and return the names.

    ``<b>`` and ``<i>`` in a paragraph pick the faces of the family, so no text ever
    falls back to an unembedded standard font.
    """
    global _registered  # noqa: PLW0603 - ReportLab's font registry is process-wide
    with _lock:
        if _registered is None:
            for name in _FILES:
                path = font_file(name)
                try:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                except (OSError, TTFError) as exc:
                    raise EnvironmentProblem(
                        N_("The font file {path} is missing or damaged; reinstall Kenes."),
                        path=str(path),
                    ) from exc
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = FontNames(regular=REGULAR, bold=BOLD, family=FAMILY)
        return _registered


def missing_glyphs(text: str, font_name: str = REGULAR) -> set[str]:
    """Characters of ``text`` the font has no glyph for (whitespace controls excepted)."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    covered = font.face.charToGlyph
    return {ch for ch in set(text) if ch not in "\n\r\t" and ord(ch) not in covered}
