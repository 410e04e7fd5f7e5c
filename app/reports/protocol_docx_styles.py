"""The protocol's DOCX typography: the same font, sizes and spacing as the PDF, and the page.

Times New Roman 14 with single spacing (the PDF embeds its metric twin), tables and
details at 12 pt, the footer at 10, the margins of Kazakh official documents, so a
DOCX opened in Word breaks its pages as the PDF does.  The paragraph styles are
declared once per document (:class:`_Styles`); the page and its footer with the
protocol number and "N / M" (:func:`_page`).
"""

from __future__ import annotations

import re
from typing import cast
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, Twips
from docx.styles.style import ParagraphStyle

from app.reports.fonts import DOCUMENT_FONT, DOCUMENT_LEADING, DOCUMENT_SIZE
from app.reports.official_page import (
    BOTTOM_MARGIN_MM,
    LEFT_MARGIN_MM,
    RIGHT_MARGIN_MM,
    TOP_MARGIN_MM,
)
from app.reports.properties import (
    LANGUAGE_TAGS,
)
from app.reports.protocol_styles import (
    ANNEX_HEADING_INDENT_MM,
)

FONT = DOCUMENT_FONT  # Times New Roman: Word's own; the PDF embeds its metric twin
BODY_SIZE = DOCUMENT_SIZE
SMALL_SIZE = 12
CELL_SIZE = 12
FOOTER_SIZE = 10
LINE_PITCH = DOCUMENT_LEADING / DOCUMENT_SIZE  # single spacing, as in the PDF
LEFT_MARGIN = Mm(LEFT_MARGIN_MM)
RIGHT_MARGIN = Mm(RIGHT_MARGIN_MM)
TOP_MARGIN = Mm(TOP_MARGIN_MM)
BOTTOM_MARGIN = Mm(BOTTOM_MARGIN_MM)
TEXT_WIDTH_MM = 210 - LEFT_MARGIN_MM - RIGHT_MARGIN_MM
INDENT = Mm(12.5)
HEAD_FILL = "F2F2F2"

# Characters XML 1.0 cannot hold (lxml refuses them); the narrow no-break space
# is printed as a no-break space, as in the PDF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(text: str) -> str:
    """Text as written to the document: one line, only characters XML can hold."""
    text = text.replace("\u202f", "\u00a0").replace("\n", " ").replace("\t", " ")
    return _NOT_XML.sub("", text)


def _dxa(millimetres: float) -> int:
    """Twentieths of a point, the unit of WordprocessingML widths."""
    return round(millimetres * 72 / 25.4 * 20)


# -- styles --------------------------------------------------------------------------------------


class _Styles:
    """The paragraph styles of the protocol, added to the document once."""

    def __init__(self, doc: DocumentObject) -> None:
        self._doc = doc
        self.body = self._add("Kenes Body", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=INDENT, after=3)
        self.council = self._add(
            "Kenes Council", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6
        )
        self.title = self._add("Kenes Title", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=10)
        self.note = self._add(
            "Kenes Note",
            size=SMALL_SIZE,
            italic=True,
            before=8,
            after=10,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
        self.basis = self._add(
            "Kenes Basis", size=SMALL_SIZE, before=6, after=4, align=WD_ALIGN_PARAGRAPH.JUSTIFY
        )
        self.presiding = self._add("Kenes Presiding", before=8, after=3)
        self.label = self._add("Kenes Label", bold=True, before=6, after=2, keep=True)
        self.sublabel = self._add("Kenes Sublabel", after=2, keep=True)
        self.line = self._add("Kenes Line", left=Mm(18.5), first=Mm(-6), after=1)
        self.count = self._add("Kenes Count", before=3, after=1)
        self.detail = self._add("Kenes Detail", size=SMALL_SIZE, left=Mm(18.5), after=2)
        self.section = self._add(
            "Kenes Section",
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            before=10,
            after=6,
            keep=True,
        )
        self.agenda = self._add("Kenes Agenda", left=Mm(8), first=Mm(-8), after=2)
        self.item = self._add("Kenes Item", bold=True, first=INDENT, before=12, after=4, keep=True)
        # A decision keeps with its result (as in the PDF).
        self.decision = self._add(
            "Kenes Decision",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            first=INDENT,
            before=3,
            after=2,
            keep=True,
        )
        # The result of a vote: in the body's size (it is the decision's record).
        self.result = self._add("Kenes Result", left=INDENT, after=4)
        self.mention = self._add("Kenes Mention", left=INDENT, after=3)
        self.gap = self._add("Kenes Gap", size=6)
        self.cell = self._add("Kenes Cell", size=CELL_SIZE)
        self.sign = self._add("Kenes Signature")
        self.sign_mark = self._add("Kenes Signature Mark", size=9, align=WD_ALIGN_PARAGRAPH.CENTER)
        # "Annex 1 to Minutes No. 1 of 14 March 2024": a block at the top right.
        self.annex_ref = self._add(
            "Kenes Annex Reference",
            left=Mm(ANNEX_HEADING_INDENT_MM),
            after=12,
            page_break=True,
        )
        self.annex = self._add(
            "Kenes Annex",
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            after=10,
            keep=True,
        )
        self.dissent_head = self._add("Kenes Dissent", bold=True, before=10, after=1, keep=True)
        self.dissent_meta = self._add("Kenes Dissent Details", size=SMALL_SIZE, after=4, keep=True)

    def _add(
        self,
        name: str,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        align: WD_ALIGN_PARAGRAPH | None = None,
        first: int | None = None,
        left: int | None = None,
        before: float = 0,
        after: float = 0,
        keep: bool = False,
        page_break: bool = False,
    ) -> ParagraphStyle:
        style = cast(ParagraphStyle, self._doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
        style.base_style = self._doc.styles["Normal"]
        style.quick_style = False
        if size is not None:
            style.font.size = Pt(size)
            # Single spacing of this size, exactly as the PDF sets it.
            style.paragraph_format.line_spacing = Pt(round(size * LINE_PITCH, 2))
            style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        if bold:
            style.font.bold = True
        if italic:
            style.font.italic = True
        fmt = style.paragraph_format
        if align is not None:
            fmt.alignment = align
        if first is not None:
            fmt.first_line_indent = first
        if left is not None:
            fmt.left_indent = left
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        if keep:
            fmt.keep_with_next = True
        if page_break:
            fmt.page_break_before = True
        return style


def _set_defaults(doc: DocumentObject, lang: str) -> None:
    """Times New Roman 14 with single spacing (exactly the PDF's line pitch), widow
    control, and the protocol's language for the whole document.

    The template's defaults name theme fonts, which take precedence over named ones, so
    the run defaults are replaced rather than amended.  The line pitch is exact, as in
    the PDF, so a page holds the same lines in Word.
    """
    tag = LANGUAGE_TAGS.get(lang, lang)
    size = BODY_SIZE * 2
    line = round(DOCUMENT_LEADING * 20)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}>"
        "<w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        f'<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        "<w:pPrDefault><w:pPr><w:widowControl/>"
        f'<w:spacing w:after="0" w:line="{line}" w:lineRule="exact"/>'
        "</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
    )
    styles = doc.styles.element
    old = styles.find(qn("w:docDefaults"))
    if old is not None:
        old.addprevious(defaults)
        styles.remove(old)
    else:
        styles.insert(0, defaults)


def _page(doc: DocumentObject, footer_text: str) -> None:
    section = doc.sections[0]
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.left_margin = LEFT_MARGIN
    section.right_margin = RIGHT_MARGIN
    section.top_margin = TOP_MARGIN
    section.bottom_margin = BOTTOM_MARGIN
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    paragraph = section.footer.paragraphs[0]
    tabs = paragraph.paragraph_format.tab_stops
    # The template's footer style has Letter-sized tab stops: cleared, one at the right margin.
    for position in (4680, 9360):
        tabs.add_tab_stop(Twips(position), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    small = FOOTER_SIZE * 2
    run_props = f'<w:rPr><w:sz w:val="{small}"/><w:szCs w:val="{small}"/></w:rPr>'

    def run(inner: str) -> str:
        return f"<w:r {nsdecls('w')}>{run_props}{inner}</w:r>"

    def field(code: str) -> str:
        return (
            f'<w:fldSimple {nsdecls("w")} w:instr=" {code} ">'
            f"<w:r>{run_props}<w:t>1</w:t></w:r></w:fldSimple>"
        )

    parts = [
        run(f'<w:t xml:space="preserve">{escape(_t(footer_text))}</w:t>'),
        run("<w:tab/>"),
        field("PAGE"),
        run('<w:t xml:space="preserve"> / </w:t>'),
        field("NUMPAGES"),
    ]
    for xml in parts:
        paragraph._p.append(parse_xml(xml))  # fields have no python-docx API
