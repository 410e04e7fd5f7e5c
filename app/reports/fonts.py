"""The fonts every Kenes PDF embeds: DejaVu Serif, bundled in ``resources/fonts``.

DejaVu Serif covers every Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І), Russian and the
typographic quotes and dashes of official texts.  The files ship with Kenes
(licence in ``resources/fonts/LICENSE-DejaVu.txt``) so a PDF looks the same on
a Windows workstation that has no DejaVu installed.

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
_FILES = {REGULAR: "DejaVuSerif.ttf", BOLD: "DejaVuSerif-Bold.ttf"}

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"


@dataclass(frozen=True)
class FontNames:
    """Names of the registered fonts, for ``fontName=`` in styles and canvases."""

    regular: str
    bold: str
    family: str


_lock = threading.Lock()
_registered: FontNames | None = None


def font_file(name: str) -> Path:
    """The bundled file of a font registered under ``name``."""
    return FONTS_DIR / _FILES[name]


def register_fonts() -> FontNames:
    """Register DejaVu Serif (regular and bold) with ReportLab once and return the names.

    The family maps italic to the upright faces, so ``<i>`` in a paragraph
    never falls back to an unembedded standard font.
    """
    global _registered  # noqa: PLW0603 - ReportLab's font registry is process-wide
    with _lock:
        if _registered is None:
            for name in (REGULAR, BOLD):
                path = font_file(name)
                try:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                except (OSError, TTFError) as exc:
                    raise EnvironmentProblem(
                        N_("The font file {path} is missing or damaged; reinstall Kenes."),
                        path=str(path),
                    ) from exc
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
            )
            _registered = FontNames(regular=REGULAR, bold=BOLD, family=FAMILY)
        return _registered


def missing_glyphs(text: str, font_name: str = REGULAR) -> set[str]:
    """Characters of ``text`` the font has no glyph for (whitespace controls excepted)."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    covered = font.face.charToGlyph
    return {ch for ch in set(text) if ch not in "\n\r\t" and ord(ch) not in covered}
