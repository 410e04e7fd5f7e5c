"""The protocol (minutes) of a meeting as a Word document (DOCX), in one language.

:func:`render_docx` writes the same content, in the same order, as
:mod:`app.reports.protocol_pdf`: the header, attendance, agenda, the items
with their decisions and instructions, the signature blocks, then the annexes
(roll calls, dissenting opinions), each from a new page.  It is the editable
copy a secretariat may need to send; the PDF stays the signed original.

The page is A4 with the margins of Kazakh official documents (left 30 mm,
right 15 mm, top and bottom 20 mm); the footer carries the protocol number and
"N / M" (Word fields).  The text is Times New Roman 14 with single spacing at
the PDF's exact line pitch (the PDF embeds Liberation Serif, its metric twin),
with the same sizes, indents and spaces, so Word breaks lines and pages as the
PDF does.  Russian and English hyphenate (Word's dictionaries), as the PDF's
justified text does.  Table header rows are marked to repeat on every page
(``w:tblHeader``), rows do not split across pages, and the first and last two
rows of a table keep together (``w:keepNext``), so no row stands alone at the
foot or the head of a page; headings keep with what follows.

python-docx provides the package (template, styles, section, footer,
properties); the body is written as WordprocessingML and parsed once.  Adding
paragraphs and cells one by one through python-docx costs time that grows with
the document (each paragraph looks up its style among all styles and searches
the body for its place; ``table.cell()`` rebuilds the whole grid), which a
200-item protocol with its roll calls makes plain.

The same snapshot gives the same bytes: the properties are the snapshot's (dated
when it was signed), and the package is rewritten without the template's metadata
and with a fixed timestamp on every entry (:mod:`app.reports.docx_package`).  The
protocol's identity is embedded as custom properties, so ``kenes protocol verify``
recognises a working copy.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.styles.style import ParagraphStyle
from reportlab.lib.units import mm

from app.domain.protocol import DecisionLine, InstructionLine, ItemSection, ProtocolSnapshot
from app.reports.docx_package import finish_package
from app.reports.properties import (
    IDENTITY_KEYS,
    IDENTITY_LANGUAGE,
    IDENTITY_PROTOCOL,
    IDENTITY_SNAPSHOT,
    properties_of,
)
from app.reports.protocol_annexes import annex_heading, annex_title, dissent_meta, roll_call_title
from app.reports.protocol_docx_styles import (
    HEAD_FILL,
    TEXT_WIDTH_MM,
    _dxa,
    _page,
    _set_defaults,
    _Styles,
    _t,
)
from app.reports.protocol_flowables import set_ragged
from app.reports.protocol_pdf import absent_line, invited_where, person_line, present_extra
from app.reports.protocol_styles import (
    INSTRUCTION_COLUMNS_MM,
    KEPT_ROWS,
    ROLL_CALL_COLUMNS_MM,
    protocol_number_line,
)

# -- WordprocessingML ----------------------------------------------------------------------------


def _run(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """One ``w:r`` with its text (escaped; a line break or tab becomes a space)."""
    if not text:
        return ""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(_t(text))}</w:t></w:r>'


def _p(style_id: str, runs: str, *, align: str = "", before: int = 0, keep: bool = False) -> str:
    """One ``w:p`` of a style, with an alignment, space before (twips), keep with next."""
    props = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    if keep:
        props += "<w:keepNext/>"
    if before:
        props += f'<w:spacing w:before="{before}"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def _cell(
    text: str,
    width: int,
    style_id: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "",
    span: int = 1,
    fill: str = "",
    bottom_border: bool = False,
    before: int = 0,
    extra_lines: tuple[str, ...] = (),
    keep: bool = False,
    bottom: bool = False,
) -> str:
    """One ``w:tc``: the width, the span, the shading, one paragraph per line of text.

    ``keep``: its paragraphs keep with the next, which keeps the row with the next row
    on one page; ``bottom``: the text sits at the cell's foot.
    """
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if bottom_border:
        props += (
            '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" '
            'w:color="auto"/></w:tcBorders>'
        )
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if bottom:
        props += '<w:vAlign w:val="bottom"/>'
    paragraphs = _p(
        style_id, _run(text, bold=bold, italic=italic), align=align, before=before, keep=keep
    )
    for line in extra_lines:
        paragraphs += _p(style_id, _run(line), align=align, keep=keep)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def kept_row(index: int, count: int) -> bool:
    """Whether body row ``index`` of ``count`` keeps with the next: the first rows stay with
    the head, the last ones together, so no row is left alone at the foot or head of a page
    (:data:`KEPT_ROWS` on each side of a break, as in the PDF)."""
    return index < min(KEPT_ROWS - 1, count - 1) or count - KEPT_ROWS <= index < count - 1


def _kept(paragraph: str) -> str:
    """A ``w:p`` made to keep with the next (``w:keepNext`` after its style, as the schema
    orders the properties)."""
    if "<w:keepNext/>" in paragraph:
        return paragraph
    head, sep, rest = paragraph.partition("<w:pPr>")
    if not sep:
        return paragraph.replace("<w:p>", "<w:p><w:pPr><w:keepNext/></w:pPr>", 1)
    if rest.startswith("<w:pStyle "):
        style, _end, after = rest.partition("/>")
        return f"{head}<w:pPr>{style}/><w:keepNext/>{after}"
    return f"{head}<w:pPr><w:keepNext/>{rest}"


def _row(cells: list[str], *, header: bool = False) -> str:
    """One ``w:tr`` that never splits across pages; a header row repeats on every page."""
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


_NO_BORDERS = (
    '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
    '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
)
_GRID_MARGINS = (
    '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
    '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
)
_PLAIN_MARGINS = (
    '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
)
_LOOK = (
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
    'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
)


def _table(widths: list[int], rows: list[str], *, grid: bool = True) -> str:
    """A ``w:tbl`` of fixed column ``widths`` (dxa): a grid of lines, or no lines at all."""
    # In the schema's order of w:tblPr: style, width, borders, layout, margins, look.
    width = f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
    layout = '<w:tblLayout w:type="fixed"/>'
    if grid:
        props = f'<w:tblStyle w:val="TableGrid"/>{width}{layout}{_GRID_MARGINS}{_LOOK}'
    else:
        props = f"{width}{_NO_BORDERS}{layout}{_PLAIN_MARGINS}{_LOOK}"
    columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _append_body(doc: DocumentObject, parts: list[str]) -> None:
    """Parse the body's paragraphs and tables at once and put them before the section."""
    body = parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>")
    anchor = doc.element.body.sectPr
    for child in list(body):
        anchor.addprevious(child)


# -- the parts of the protocol -------------------------------------------------------------------


class _Writer:
    """Writes the protocol's parts as WordprocessingML, in reading order."""

    def __init__(self, snapshot: ProtocolSnapshot, styles: _Styles) -> None:
        self.snapshot = snapshot
        self.labels = snapshot.labels
        self.s = styles
        self.cell_id = styles.cell.style_id
        self.width = _dxa(TEXT_WIDTH_MM)
        self.out: list[str] = []

    def para(self, text: str, style: ParagraphStyle) -> None:
        self.out.append(_p(style.style_id, _run(text)))

    def paras(self, text: str, style: ParagraphStyle) -> None:
        """A narrative text, one paragraph per line; justified body text that the PDF sets
        ragged-right (its spaces would gape) is flush left here too."""
        for part in text.split("\n"):
            if not part.strip():
                continue
            if style is self.s.body and set_ragged(part, self.snapshot.lang, TEXT_WIDTH_MM * mm):
                self.out.append(_p(style.style_id, _run(part), align="left"))
            else:
                self.para(part, style)

    def label(self, key: str, style: ParagraphStyle | None = None) -> None:
        self.para(self.labels.get(key, ""), style or self.s.label)

    def header(self) -> None:
        snap, s = self.snapshot, self.s
        if snap.council_name:
            self.para(snap.council_name, s.council)
        self.para(snap.title, s.title)
        left = _dxa(TEXT_WIDTH_MM * 0.6)
        right = self.width - left
        # In the body's size: no cell style.
        rows = [_row([_cell(snap.city, left, ""), _cell(snap.date_text, right, "", align="right")])]
        if snap.place or snap.time_text:
            rows.append(
                _row([_cell(snap.place, left, ""), _cell(snap.time_text, right, "", align="right")])
            )
        self.out.append(_table([left, right], rows, grid=False))
        if snap.revision_note:
            self.para(snap.revision_note, s.note)
        if snap.legal_basis:
            self.para(snap.legal_basis, s.basis)

    def attendance(self) -> None:
        snap, s = self.snapshot, self.s
        if snap.presiding:
            head, sep, rest = snap.presiding.partition(": ")
            if sep and head and len(head) <= 40:
                runs = _run(f"{head}: ", bold=True) + _run(rest)
                self.out.append(_p(s.presiding.style_id, runs))
            else:
                self.para(snap.presiding, s.presiding)
        self.label("present")
        if self.labels.get("members"):
            self.label("members", s.sublabel)
        for person in snap.present:
            extra = present_extra(person.role, person.note)
            self.para(person_line(person.name, person.position, extra), s.line)
        if snap.present_count:
            self.para(snap.present_count, s.count)
        if snap.quorum:
            self.para(snap.quorum, s.count)
        if snap.invited:
            self.label("invited")
            for guest in snap.invited:
                where = invited_where(guest.position, guest.organisation)
                self.para(person_line(guest.name, where), s.line)
                if guest.instead_of:
                    self.para(guest.instead_of, s.detail)
        if snap.absent:
            self.label("absent")
            for person in snap.absent:
                self.para(absent_line(person.name, person.position, person.note), s.line)

    def agenda(self) -> None:
        if not self.snapshot.agenda:
            return
        self.label("agenda", self.s.section)
        style_id = self.s.agenda.style_id
        for number, text in enumerate(self.snapshot.agenda, 1):
            # The number, then a tab to the hanging indent, where every line starts.
            self.out.append(_p(style_id, f"{_run(f'{number}.')}<w:r><w:tab/></w:r>{_run(text)}"))

    def instructions(self, rows: tuple[InstructionLine, ...]) -> None:
        number_width, *others = (_dxa(width) for width in INSTRUCTION_COLUMNS_MM)
        widths = [number_width, self.width - number_width - sum(others), *others]
        heads = (
            self.labels.get("number_sign", "№"),
            self.labels.get("instructions", "").rstrip(": "),
            self.labels.get("executor", ""),
            self.labels.get("deadline", ""),
            self.labels.get("completion_form", ""),
        )
        cid = self.cell_id
        xml = [
            _row(
                [
                    _cell(text, width, cid, bold=True, align="center", fill=HEAD_FILL, keep=True)
                    for text, width in zip(heads, widths, strict=True)
                ],
                header=True,
            )
        ]
        for index, line in enumerate(rows):
            texts = (line.number, line.text, line.executor, line.deadline, line.completion_form)
            keep = kept_row(index, len(rows))
            xml.append(
                _row([_cell(t, w, cid, keep=keep) for t, w in zip(texts, widths, strict=True)])
            )
        self.out.append(_table(widths, xml))
        self.para("", self.s.gap)

    def decision(self, decision: DecisionLine) -> None:
        s = self.s
        # With instructions, the decision keeps with its result and the table's first row.
        keep = bool(decision.instructions)
        text = _run(f"{decision.number}. {decision.text}")
        self.out.append(_p(s.decision.style_id, text, keep=keep))
        if decision.result:
            voting = self.labels.get("voting", "")
            runs = (_run(f"{voting} ", bold=True) if voting else "") + _run(
                decision.result, italic=True
            )
            self.out.append(_p(s.result.style_id, runs, keep=keep))
        if decision.instructions:
            self.instructions(decision.instructions)
        for text in decision.dissent_mentions:
            self.para(text, s.mention)

    def item(self, item: ItemSection) -> None:
        s = self.s
        self.para(f"{item.number}. {item.title}", s.item)
        # Who arrived or left since the item before, and the quorum it cost or restored.
        for text in item.attendance_notes:
            self.para(text, s.body)
        if item.quorum_note:
            self.para(item.quorum_note, s.body)
        if item.heard or item.heard_summary:
            self.label("heard")
            for text in item.heard:
                self.para(text, s.line)
            self.paras(item.heard_summary, s.body)
        if item.spoke or item.spoke_summary:
            self.label("spoke")
            for text in item.spoke:
                self.para(text, s.line)
            self.paras(item.spoke_summary, s.body)
        if item.decisions:
            self.label("decided")
            for decision in item.decisions:
                self.decision(decision)

    def signatures(self) -> None:
        """The signature blocks: the role and the position under it on the left, the line
        to sign on with "(signature)" under it, the name (initials first) on the right at
        the foot of the block; kept on one page with the text's last paragraph."""
        if not self.snapshot.signatures:
            return
        if self.out and self.out[-1].startswith("<w:p>"):
            self.out[-1] = _kept(self.out[-1])
        self.out.append(_p(self.s.body.style_id, "", keep=True))
        line = _dxa(35)
        name_width = _dxa(50)
        left = self.width - line - name_width
        mark = self.labels.get("signature", "")
        mark_id = self.s.sign_mark.style_id
        sign_id = self.s.sign.style_id
        rows = []
        count = len(self.snapshot.signatures)
        for number, block in enumerate(self.snapshot.signatures):
            before = 720 if number else 240  # room to sign: 36 pt between blocks
            position = getattr(block, "position", "")
            name = "\u00a0".join(block.name.split())
            keep = number < count - 1
            rows.append(
                _row(
                    [
                        _cell(
                            block.role,
                            left,
                            sign_id,
                            before=before,
                            extra_lines=(position,) if position else (),
                            keep=True,
                        ),
                        _cell("", line, sign_id, bottom_border=True, bottom=True, keep=True),
                        _cell(name, name_width, sign_id, align="right", bottom=True, keep=True),
                    ]
                )
            )
            rows.append(
                _row(
                    [
                        _cell("", left, mark_id, keep=keep),
                        _cell(mark, line, mark_id, keep=keep),
                        _cell("", name_width, mark_id, keep=keep),
                    ]
                )
            )
        self.out.append(_table([left, line, name_width], rows, grid=False))

    def annex_head(self, number: int, key: str, old_key: str) -> None:
        """ "Annex 1 to Minutes No. 1 of 14 March 2024" at the top right, then the title."""
        self.para(annex_heading(self.snapshot, number), self.s.annex_ref)
        self.para(annex_title(self.snapshot, key, old_key), self.s.annex)

    def roll_calls(self, annex: int) -> None:
        snap = self.snapshot
        self.annex_head(annex, "roll_call_title", "annex_roll_call")
        item_titles = {item.number: item.title for item in snap.items}
        results = {d.number: d.result for item in snap.items for d in item.decisions}
        number_width, vote_width = (_dxa(width) for width in ROLL_CALL_COLUMNS_MM)
        widths = [number_width, self.width - number_width - vote_width, vote_width]
        cid = self.cell_id
        total = self.width
        mark = self.labels.get("presiding_mark", "")
        heads = (
            self.labels.get("number_sign", "№"),
            self.labels.get("member", ""),
            self.labels.get("vote", ""),
        )
        columns = _row(
            [
                _cell(head, width, cid, bold=True, align="center", keep=True)
                for head, width in zip(heads, widths, strict=True)
            ],
            header=True,
        )
        for roll in snap.roll_calls:
            item_line, decision_line = roll_call_title(roll, item_titles)
            rows = [
                _row(
                    [_cell(item_line, total, cid, bold=True, span=3, fill=HEAD_FILL, keep=True)],
                    header=True,
                ),
                _row(
                    [_cell(decision_line, total, cid, span=3, fill=HEAD_FILL, keep=True)],
                    header=True,
                ),
            ]
            if roll.counts_only:
                result = results.get(roll.decision_number, "")
                text = self.labels.get("counts_only", "")
                lines = (result,) if result else ()
                rows.append(_row([_cell(text, total, cid, italic=True, span=3, extra_lines=lines)]))
            else:
                rows.append(columns)
                count = len(roll.rows)
                for number, vote in enumerate(roll.rows, 1):
                    name = f"{vote.name} {mark}" if vote.presiding and mark else vote.name
                    keep = kept_row(number - 1, count)
                    rows.append(
                        _row(
                            [
                                _cell(str(number), widths[0], cid, align="right", keep=keep),
                                _cell(name, widths[1], cid, keep=keep),
                                _cell(vote.choice, widths[2], cid, keep=keep),
                            ]
                        )
                    )
            self.out.append(_table(widths, rows))
            self.para("", self.s.gap)

    def dissents(self, annex: int) -> None:
        s = self.s
        self.annex_head(annex, "dissents_title", "annex_dissents")
        for dissent in self.snapshot.dissents:
            self.para(f"{dissent.number}. {dissent.name}", s.dissent_head)
            meta = dissent_meta(dissent, self.labels)
            if meta:
                self.para(meta, s.dissent_meta)
            self.paras(dissent.text, s.body)

    def write(self) -> list[str]:
        snap = self.snapshot
        self.header()
        self.attendance()
        self.agenda()
        for item in snap.items:
            self.item(item)
        if snap.recommendations_note:
            self.paras(snap.recommendations_note, self.s.body)
        self.signatures()
        annexes = 0
        if snap.roll_calls:
            annexes += 1
            self.roll_calls(annexes)
        if snap.dissents:
            annexes += 1
            self.dissents(annexes)
        return self.out


# -- the document --------------------------------------------------------------------------------


def identity_of(
    snapshot: ProtocolSnapshot, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The protocol's identity the DOCX carries (custom properties): number, language, the
    snapshot's SHA-256, and what the caller knows besides (revision, state)."""
    identity = {
        IDENTITY_PROTOCOL: snapshot.number,
        IDENTITY_LANGUAGE: snapshot.lang,
        IDENTITY_SNAPSHOT: snapshot.digest(),
    }
    identity.update(extra or {})
    return {key: identity[key] for key in IDENTITY_KEYS if key in identity}


def render_docx(snapshot: ProtocolSnapshot, identity: Mapping[str, str] | None = None) -> bytes:
    """The protocol as DOCX bytes; identical bytes for an identical snapshot.

    ``identity``: more custom properties of the working copy (``IDENTITY_REVISION``,
    ``IDENTITY_STATE``), for ``kenes protocol verify``.
    """
    doc = Document()
    subject = protocol_number_line(snapshot)
    _set_defaults(doc, snapshot.lang)
    _page(doc, subject)
    _append_body(doc, _Writer(snapshot, _Styles(doc)).write())
    buffer = io.BytesIO()
    doc.save(buffer)
    props = properties_of(snapshot, subject)
    return finish_package(buffer.getvalue(), props, snapshot.lang, identity_of(snapshot, identity))
