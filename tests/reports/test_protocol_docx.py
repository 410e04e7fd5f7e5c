"""The protocol DOCX: the PDF's content and order, repeating table headers, A4, same bytes."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import UTC, datetime
from typing import Any

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table

from app.domain.protocol import ProtocolSnapshot, RollCall, VoteRow
from app.reports.docx_package import read_identity
from app.reports.protocol_annexes import annex_heading
from app.reports.protocol_docx import render_docx
from tests.reports.protocol_samples import sample_snapshot

LANGS = ("kk", "ru", "en")


def fold(text: str) -> str:
    return " ".join(text.split())


def read(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def paragraph_texts(document: DocumentObject) -> list[str]:
    return [fold(p.text) for p in document.paragraphs]


def table_rows(table: Table) -> list[list[str]]:
    """The text of each row's cells, a cell spanning several columns once."""
    rows = []
    for row in table.rows:
        texts: list[str] = []
        previous = None
        for cell in row.cells:  # read once per row; a spanning cell comes once per column
            if cell is not previous:
                texts.append(fold(cell.text))
            previous = cell
        rows.append(texts)
    return rows


def repeats(table: Table) -> list[bool]:
    """Whether each row is marked as a header row that repeats on every page."""
    flags = []
    for row in table.rows:
        tr_pr = row._tr.trPr
        flags.append(tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None)
    return flags


def protocol_no(snapshot: ProtocolSnapshot) -> str:
    return snapshot.labels["protocol_no"].format(number=snapshot.number)


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]]:
    result = {}
    for lang in LANGS:
        snapshot = sample_snapshot(lang)
        data = render_docx(snapshot)
        result[lang] = (snapshot, data, read(data))
    return result


# -- what the document says ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_paragraphs_carry_the_headings_attendance_decisions_and_results(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    snapshot, _data, document = rendered[lang]
    labels = snapshot.labels
    texts = paragraph_texts(document)
    assert texts[:2] == [snapshot.council_name, snapshot.title]
    for label in ("present", "members", "invited", "absent", "agenda", "roll_call_title"):
        assert labels[label] in texts, label
    assert fold(snapshot.presiding) in texts
    for person in snapshot.present:
        line = f"{person.name} – {person.position}" + (f" ({person.role})" if person.role else "")
        assert fold(line) in texts
    assert snapshot.present_count in texts and snapshot.quorum in texts
    assert snapshot.invited[0].instead_of in texts
    for person in snapshot.absent:
        assert fold(f"{person.name}, {person.position} – {person.note}") in texts
    for number, line in enumerate(snapshot.agenda, 1):
        assert fold(f"{number}.\t{line}") in texts  # the number hangs before a tab
    for item in snapshot.items:
        assert f"{item.number}. {item.title}" in texts
        for decision in item.decisions:
            assert fold(f"{decision.number}. {decision.text}") in texts
            assert fold(f"{labels['voting']} {decision.result}") in texts
            assert all(mention in texts for mention in decision.dissent_mentions)
    assert texts.count(labels["heard"]) == texts.count(labels["decided"]) == len(snapshot.items)


def test_the_result_is_italic_and_labels_are_bold(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]],
) -> None:
    snapshot, _data, document = rendered["kk"]
    result = snapshot.items[1].decisions[0].result
    paragraph = next(p for p in document.paragraphs if p.text.endswith(result))
    voting, sentence = paragraph.runs
    assert voting.bold and sentence.italic and sentence.text == result
    heard = next(p for p in document.paragraphs if p.text == snapshot.labels["heard"])
    assert heard.style is not None and heard.style.font.bold


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_table_has_city_date_place_and_time(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    snapshot, _data, document = rendered[lang]
    assert table_rows(document.tables[0]) == [
        [snapshot.city, fold(snapshot.date_text)],
        [snapshot.place, fold(snapshot.time_text)],
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_content_comes_in_the_order_of_the_pdf(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    snapshot, _data, document = rendered[lang]
    labels = snapshot.labels
    texts = paragraph_texts(document)
    marks = [
        snapshot.title,
        fold(snapshot.presiding),
        labels["present"],
        snapshot.present_count,
        labels["invited"],
        labels["absent"],
        labels["agenda"],
        f"1. {snapshot.items[0].title}",
        labels["heard"],
        labels["spoke"],
        labels["decided"],
        f"3. {snapshot.items[2].title}",
        fold(annex_heading(snapshot, 1)),
        labels["roll_call_title"],
        fold(annex_heading(snapshot, 2)),
        labels["dissents_title"],
        fold(f"{snapshot.dissents[0].number}. {snapshot.dissents[0].name}"),
        fold(snapshot.dissents[0].text.split("\n")[0]),
    ]
    position = 0
    for mark in marks:
        position = texts.index(mark, position) + 1
    # The annexes start on a new page.
    annex_ref = document.paragraphs[texts.index(labels["roll_call_title"]) - 1]
    assert annex_ref.style is not None and annex_ref.style.paragraph_format.page_break_before
    # The heading stands at the top right: a block indented past the middle of the page.
    indent = annex_ref.style.paragraph_format.left_indent
    assert indent is not None and indent.mm == pytest.approx(95, abs=0.1)


@pytest.mark.parametrize("lang", LANGS)
def test_signature_blocks_after_the_last_item(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    snapshot, _data, document = rendered[lang]
    first, second = snapshot.signatures
    signatures = next(
        t for t in document.tables if table_rows(t)[0][0].startswith(fold(first.role))
    )
    # The role, the position under it; the line to sign on; the name, initials first.
    assert table_rows(signatures) == [
        [fold(f"{first.role} {first.position}"), "", fold(first.name)],
        ["", snapshot.labels["signature"], ""],
        [fold(f"{second.role} {second.position}"), "", fold(second.name)],
        ["", snapshot.labels["signature"], ""],
    ]
    role, _line, name = signatures.rows[0].cells
    assert [p.text for p in role.paragraphs] == [first.role, first.position]
    assert name.paragraphs[0].text == first.name.replace(" ", "\u00a0")  # never broken
    assert name._tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "bottom"
    # The signatures keep with the text's last paragraph: never alone on a page.
    body = list(document.element.body)
    before = body[body.index(signatures._tbl) - 2]
    assert before.find(qn("w:pPr")).find(qn("w:keepNext")) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_instruction_tables_repeat_their_header_row(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    snapshot, _data, document = rendered[lang]
    labels = snapshot.labels
    head = [
        "№",
        labels["instructions"].rstrip(": "),
        labels["executor"],
        labels["deadline"],
        labels["completion_form"],
    ]
    tables = [t for t in document.tables if table_rows(t)[0] == head]
    decisions = [d for item in snapshot.items for d in item.decisions if d.instructions]
    assert len(tables) == len(decisions) == 2
    for table, decision in zip(tables, decisions, strict=True):
        assert repeats(table) == [True] + [False] * len(decision.instructions)
        assert table_rows(table)[1:] == [
            [i.number, i.text, i.executor, fold(i.deadline), i.completion_form]
            for i in decision.instructions
        ]


@pytest.mark.parametrize("lang", LANGS)
def test_roll_call_tables_mark_their_header_rows_as_repeating(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    snapshot, _data, document = rendered[lang]
    labels = snapshot.labels
    titles = {item.number: item.title for item in snapshot.items}
    tables = document.tables[-len(snapshot.roll_calls) :]
    for table, roll in zip(tables, snapshot.roll_calls, strict=True):
        rows = table_rows(table)
        assert rows[0] == [f"{roll.item_number}. {titles[roll.item_number]}"]
        assert rows[1] == [f"{roll.decision_number}. {roll.decision_text}"]
        if roll.counts_only:
            assert repeats(table) == [True, True, False]
            assert rows[2][0].startswith(labels["counts_only"])
            continue
        assert rows[2] == ["№", labels["member"], labels["vote"]]
        assert repeats(table) == [True, True, True] + [False] * len(roll.rows)
        expected = [
            [str(n), f"{r.name} {labels['presiding_mark']}" if r.presiding else r.name, r.choice]
            for n, r in enumerate(roll.rows, 1)
        ]
        assert rows[3:] == expected
        # No row breaks across a page.
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_a_long_roll_call_is_one_table_with_a_repeating_header() -> None:
    snapshot = sample_snapshot("kk", items=1, members=60)
    document = read(render_docx(snapshot))
    table = document.tables[-1]
    assert len(table.rows) == 3 + 58
    assert repeats(table)[:4] == [True, True, True, False]


@pytest.mark.parametrize("lang", LANGS)
def test_the_dissent_annex_gives_each_opinion_in_full(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    snapshot, _data, document = rendered[lang]
    texts = paragraph_texts(document)
    annex = texts[texts.index(snapshot.labels["dissents_title"]) :]
    assert texts[texts.index(snapshot.labels["dissents_title"]) - 1] == fold(
        annex_heading(snapshot, 2)
    )
    for dissent in snapshot.dissents:
        assert f"{dissent.number}. {dissent.name}" in annex
        meta = f"{snapshot.labels['received']}: {dissent.received}; {dissent.language}"
        assert fold(meta) in annex
        for paragraph in dissent.text.split("\n"):
            assert paragraph in annex


def test_markup_characters_and_the_narrow_no_break_space() -> None:
    snapshot = sample_snapshot("en", items=1)
    odd = 'R&D <b>plan</b> & "X" <i>'
    item = snapshot.items[0]
    decision = dataclasses.replace(item.decisions[0], text=odd)
    snapshot = dataclasses.replace(
        snapshot,
        items=(dataclasses.replace(item, decisions=(decision,)),),
        roll_calls=(RollCall(1, "1.1", odd, (VoteRow("A <&> B", "for", presiding=True),)),),
        time_text="10:00\u202fAM",
    )
    document = read(render_docx(snapshot))
    assert f"1.1. {odd}" in paragraph_texts(document)
    assert table_rows(document.tables[-1])[3] == ["1", "A <&> B (presiding)", "for"]
    assert document.tables[0].rows[1].cells[1].text == "10:00\u00a0AM"


# -- the document ----------------------------------------------------------------------------------


def test_the_same_snapshot_gives_the_same_bytes() -> None:
    for lang in LANGS:
        assert render_docx(sample_snapshot(lang)) == render_docx(sample_snapshot(lang))
    assert render_docx(sample_snapshot("ru", items=2)) != render_docx(sample_snapshot("ru"))


def test_zip_entries_and_core_properties_carry_fixed_dates(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]],
) -> None:
    snapshot, data, document = rendered["kk"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = document.core_properties
    # Dated when the protocol was signed (the snapshot's date), not 1 January 2000.
    signed = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
    assert props.created == signed and props.modified == signed
    assert props.title == fold(
        f"{protocol_no(snapshot)} – {snapshot.council_name} – {snapshot.date_text}"
    )
    assert props.author == snapshot.council_name
    assert props.subject == "; ".join(snapshot.agenda)
    assert protocol_no(snapshot) in props.keywords and snapshot.council_name in props.keywords
    assert props.last_modified_by == "Kenes"
    assert props.language == "kk-KZ"
    assert props.comments == ""
    assert props.revision == 0  # no revision counter


def test_a_snapshot_without_a_date_keeps_the_old_fixed_date() -> None:
    snapshot = dataclasses.replace(sample_snapshot("ru", items=1), document_date="")
    props = read(render_docx(snapshot)).core_properties
    assert props.created == datetime(2000, 1, 1, tzinfo=UTC)
    draft = dataclasses.replace(snapshot, document_date="2026-11-20T10:00:00")
    assert read(render_docx(draft)).core_properties.created == datetime(2026, 11, 20, tzinfo=UTC)


@pytest.mark.parametrize("lang", LANGS)
def test_no_template_metadata_is_left(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]], lang: str
) -> None:
    """No thumbnail, template, application or Word version, counts or editing history of
    python-docx's template; the protocol's identity as custom properties."""
    snapshot, data, _document = rendered[lang]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        app = package.read("docProps/app.xml").decode()
        settings = package.read("word/settings.xml").decode()
        rels = (
            package.read("_rels/.rels").decode()
            + package.read("word/_rels/document.xml.rels").decode()
        )
        types = package.read("[Content_Types].xml").decode()
    assert "docProps/thumbnail.jpeg" not in names
    assert not any(name.startswith("customXml/") for name in names)
    assert "word/stylesWithEffects.xml" not in names
    assert "<Application>Kenes</Application>" in app
    for leftover in ("Template", "Normal.dotm", "Microsoft", "AppVersion", "TotalTime", "Pages"):
        assert leftover not in app, leftover
    for leftover in ("w:rsid", "savePreviewPicture", "w14:docId", "proofState"):
        assert leftover not in settings, leftover
    assert "thumbnail" not in rels and "customXml" not in rels and "stylesWithEffects" not in rels
    assert "thumbnail" not in types and "stylesWithEffects" not in types
    # Word hyphenates Russian and English (as the PDF does); it has no Kazakh dictionary.
    assert ("<w:autoHyphenation/>" in settings) == (lang != "kk")
    identity = read_identity(data)
    assert identity is not None
    assert identity["Kenes protocol"] == snapshot.number
    assert identity["Kenes language"] == lang
    assert identity["Kenes snapshot SHA-256"] == snapshot.digest()


def test_times_new_roman_14_at_the_pdf_line_pitch(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]],
) -> None:
    """Word's own Times New Roman (the PDF embeds its metric twin), 14 pt, the PDF's
    exact single spacing, so the DOCX breaks pages as the PDF does."""
    snapshot, _data, document = rendered["en"]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts"))
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(script)) == "Times New Roman"
    assert not [name for name in fonts.keys() if name.endswith("Theme")]  # noqa: SIM118
    assert defaults.find(".//" + qn("w:sz")).get(qn("w:val")) == "28"  # half-points: 14 pt
    spacing = defaults.find(".//" + qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "322" and spacing.get(qn("w:lineRule")) == "exact"
    assert defaults.find(".//" + qn("w:widowControl")) is not None
    # The result of a decision is set in the body's size, not smaller.
    result = next(
        p for p in document.paragraphs if p.text.endswith(snapshot.items[0].decisions[0].result)
    )
    assert result.style is not None and result.style.font.size is None  # the default, 14 pt


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_table_rows_keep_two_together_at_each_end(lang: str) -> None:
    """The head and the first two rows, and the last two rows, keep together (keepNext on
    their paragraphs), so no row stands alone at the foot or head of a page."""
    document = read(render_docx(sample_snapshot(lang, items=1, members=20)))
    table = document.tables[-1]  # the roll call: two bands, the column heads, 18 rows

    def kept(row: Any) -> bool:
        return all(
            p._p.pPr is not None and p._p.pPr.find(qn("w:keepNext")) is not None
            for cell in row.cells
            for p in cell.paragraphs
        )

    flags = [kept(row) for row in table.rows]
    assert flags[:4] == [True, True, True, True]  # the head and the first body row
    assert flags[4:-2] == [False] * (len(flags) - 6)
    assert flags[-2:] == [True, False]  # the last but one keeps with the last


def test_a4_with_the_official_margins_and_a_numbered_footer(
    rendered: dict[str, tuple[ProtocolSnapshot, bytes, DocumentObject]],
) -> None:
    snapshot, _data, document = rendered["ru"]
    section = document.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
    )
    # Stored in twentieths of a point: equal to a tenth of a millimetre.
    assert [round(size.mm, 1) for size in sizes if size is not None] == [210, 297, 30, 15, 20, 20]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith(protocol_no(snapshot))
    instructions = [field.get(qn("w:instr")).strip() for field in footer._p.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_a_paragraph_the_pdf_sets_ragged_right_is_flush_left_in_the_docx() -> None:
    """Kazakh has no hyphenation dictionary: a narrative paragraph whose justified spaces
    would gape is flush left, in the DOCX as in the PDF; a tight one stays justified."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    loose = (
        "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі "
        "министрлігіне Өңірлікинвестициялықжобаларды қаржыландырудыңжаңатетіктерін "
        "әзірлеу тапсырылсын."
    )
    tight = "Баяндамашы мәселе бойынша ақпарат берді."
    snapshot = sample_snapshot("kk", items=1)
    item = dataclasses.replace(snapshot.items[0], heard_summary=f"{loose}\n{tight}")
    document = read(render_docx(dataclasses.replace(snapshot, items=(item,))))
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text[loose].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert by_text[tight].alignment is None  # the body style's: justified
    body = by_text[tight].style
    assert body is not None and body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
