"""Text objects that encode text for an embedded TrueType font in one C call.

ReportLab embeds a TrueType font as subsets of up to 256 glyphs; the first time
a document shows a character, the character gets the next free code of the
subset.  To write a text, ``TTFont.splitString`` looks every character up in a
Python loop, which was the largest single cost of drawing a paragraph line.

Once a character has its code, the code never changes, so :class:`FastText`
writes a text whose characters all have a code in the first subset with one
``str.translate``, and hands anything else (a character seen for the first
time, a second subset, shaped text) to ReportLab.  The codes, and so the
bytes of the PDF, are the same either way.
"""

from __future__ import annotations

import codecs
import weakref
from dataclasses import dataclass
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

NBSP = "\u00a0"
UNDEFINED = "\ufffe"  # a code no character has (codecs' marker)


@dataclass(frozen=True)
class _Codes:
    """The characters of one font that have a code in the first subset of one document."""

    assigned: int  # how many characters had a code when this was made
    charmap: Any  # a codecs.charmap_build map: character -> code, the others undefined


# Per document (dropped with it), per font name.
_codes: weakref.WeakKeyDictionary[Any, dict[str, _Codes]] = weakref.WeakKeyDictionary()


def first_subset_bytes(font: Any, doc: Any, text: str) -> bytes | None:
    """``text`` in the codes of ``font``'s first subset in ``doc``, or None if any is missing."""
    state = font.state.get(doc)
    if state is None:
        return None
    assignments: dict[int, int] = state.assignments
    fonts = _codes.get(doc)
    if fonts is None:
        fonts = _codes[doc] = {}
    codes = fonts.get(font.fontName)
    if codes is None or codes.assigned != len(assignments):
        decoding = [UNDEFINED] * 256
        for char, code in assignments.items():
            if code < 256:
                decoding[code] = chr(char)
        codes = fonts[font.fontName] = _Codes(
            len(assignments), codecs.charmap_build("".join(decoding))
        )
    if NBSP in text:
        text = text.replace(NBSP, " ")  # ReportLab prints a no-break space as a space
    try:
        data, _length = codecs.charmap_encode(text, "strict", codes.charmap)
    except UnicodeEncodeError:
        return None
    return bytes(data)


class FastText(PDFTextObject):  # type: ignore[misc]  # ReportLab has no type hints
    """A text object that writes known characters of a TrueType font without a Python loop."""

    _curSubset: int  # ReportLab's: the subset the text object has selected (-1: none yet)

    def _formatText(self, text: Any) -> str:
        if type(text) is str and text:
            font = pdfmetrics.getFont(self._fontname)
            if font._dynamicFont:
                doc = self._canvas._doc
                data = first_subset_bytes(font, doc, text)
                if data is not None:
                    shown = f"({self._canvas._escape(data)}) Tj"
                    if self._curSubset == 0:
                        return shown
                    self._curSubset = 0
                    name = font.getSubsetInternalName(0, doc)
                    size, leading = fp_str(self._fontsize), fp_str(self._leading)
                    return f"{name} {size} Tf {leading} TL {shown}"
        return str(super()._formatText(text))
