"""The protocol PDF is PDF/A-3b, signed or not: each property checked structurally.

No PDF/A validator (veraPDF) is installable here, so the properties ISO 19005 asks
for are read back with pikepdf one by one: the sRGB output intent with a valid ICC
profile, the XMP identification agreeing with the Info dictionary, every font
embedded with widths that agree with the font program, nothing transparent, no
encryption, a document ID, and the frozen record attached, equal to the snapshot.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime
from typing import Any

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from sqlalchemy import select

from app.domain.protocol import ProtocolSnapshot
from app.models.database import Database
from app.models.protocol import IssuedDocument
from app.reports.pdfa import xmp_date
from app.reports.protocol_pdf import render_pdf
from app.services.esign.sign_issued import sign_issued_pdf
from app.services.esign.signers import Pkcs12Signer
from app.services.protocols.documents import protocol_pdf
from tests.reports.protocol_samples import sample_snapshot
from tests.services.conduct_helpers import ME
from tests.services.esign.esign_helpers import PASSWORD, Pki, issued_electronically, make_pki

LANGS = ("kk", "ru", "en")
XMP_KEYS = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Keywords": "pdf:Keywords",
    "/Producer": "pdf:Producer",
    "/Creator": "xmp:CreatorTool",
}


def _walk_resources(
    resources: Any, seen: set[tuple[int, int]], found: dict[str, list[Any]]
) -> None:
    """Collect fonts and graphics states of a resource dictionary and its forms, recursively."""
    if resources is None:
        return
    for font in (resources.get("/Font") or {}).values():
        found["fonts"].append(font)
    for state in (resources.get("/ExtGState") or {}).values():
        found["states"].append(state)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        found["xobjects"].append(xobject)
        _walk_resources(xobject.get("/Resources"), seen, found)


def parts_of(pdf: pikepdf.Pdf) -> dict[str, list[Any]]:
    """Every font, graphics state and form of the pages and of their annotations' appearances."""
    found: dict[str, list[Any]] = {"fonts": [], "states": [], "xobjects": [], "annots": []}
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        assert "/Group" not in page.obj  # no transparency group on a page
        _walk_resources(page.obj.get("/Resources"), seen, found)
        for annot in page.obj.get("/Annots") or []:
            found["annots"].append(annot)
            for appearance in (annot.get("/AP") or {}).values():
                streams = (
                    [appearance] if isinstance(appearance, pikepdf.Stream) else appearance.values()
                )
                for stream in streams:
                    found["xobjects"].append(stream)
                    _walk_resources(stream.get("/Resources"), seen, found)
    return found


def check_widths(font: Any) -> None:
    """The widths the PDF states are those of the embedded font program (ISO 19005-2, 6.2.11.5).

    ReportLab's subsets are simple TrueType fonts with one cmap; pyHanko's signature blocks
    are Type0 fonts whose CIDs are glyph ids.  In both, a width is in thousandths of an em.
    """
    if font.Subtype == "/Type0":
        descendant = font.DescendantFonts[0]
        program = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
        assert descendant.get("/CIDToGIDMap") == pikepdf.Name.Identity
        order = program.getGlyphOrder()
        stated: dict[int, float] = {}
        entries = list(descendant.W)
        for start, widths in zip(entries[::2], entries[1::2], strict=True):
            stated.update({int(start) + k: float(w) for k, w in enumerate(widths)})
        names = {cid: order[cid] for cid in stated}
    else:
        program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
        assert len(program["cmap"].tables) == 1  # a symbolic TrueType font: one cmap
        cmap = program["cmap"].tables[0].cmap
        first = int(font.FirstChar)
        stated = {first + k: float(w) for k, w in enumerate(font.Widths)}
        names = {code: cmap[code] for code in stated if code in cmap}
    em = program["head"].unitsPerEm
    assert names
    for code, name in names.items():
        assert abs(stated[code] - program["hmtx"][name][0] * 1000 / em) <= 1, (font.BaseFont, name)


def check_pdfa(data: bytes, snapshot: ProtocolSnapshot) -> None:
    """Assert every PDF/A-3b property this renderer promises."""
    assert data.startswith(b"%PDF-1.")
    assert all(b > 127 for b in data.split(b"\n", 2)[1][1:5])  # the binary comment
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdf.is_encrypted
        assert "/Encrypt" not in pdf.trailer
        ids = pdf.trailer.ID
        assert len(ids) == 2 and all(len(bytes(part)) == 16 for part in ids)
        # The output intent: sRGB, a valid ICC monitor profile of three components.
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        assert profile.N == 3
        icc = profile.read_bytes()
        assert int.from_bytes(icc[:4], "big") == len(icc)
        assert icc[36:40] == b"acsp"  # the ICC signature
        assert icc[12:16] == b"mntr" and icc[16:20] == b"RGB "
        assert icc[8] < 5  # version below 5 (ISO 19005-2, 6.2.3)
        # XMP: the PDF/A identification, and the Info dictionary's values.
        metadata = pdf.Root.Metadata
        assert metadata.Type == "/Metadata" and metadata.Subtype == "/XML"
        assert "/Filter" not in metadata  # readable as it is
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            assert xmp["pdfaid:part"] in ("2", "3")
            assert xmp["pdfaid:conformance"] == "B"
            info = pdf.docinfo
            assert str(info.Title) and xmp["dc:title"] == str(info.Title)
            for key, name in XMP_KEYS.items():
                value = xmp[name]
                value = next(iter(value)) if isinstance(value, list | set) else value
                assert value == str(info[key]), key
            for key, name in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
                if key in info:  # a signature leaves the modification date to XMP alone
                    expected = datetime.fromisoformat(xmp_date(str(info[key])))
                    assert datetime.fromisoformat(xmp[name]) == expected
        # Fonts: every one embedded (TrueType subsets), no Encoding on the symbolic ones.
        parts = parts_of(pdf)
        assert parts["fonts"]
        for font in parts["fonts"]:
            descendants = font.get("/DescendantFonts") or [font]
            for each in descendants:
                descriptor = each.FontDescriptor
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font.BaseFont
                if font.Subtype == "/TrueType" and int(descriptor.Flags) & 4:
                    assert "/Encoding" not in font
            check_widths(font)
        # No transparency: no soft masks, no alpha below 1, no blend mode but Normal.
        for state in parts["states"]:
            assert state.get("/SMask", pikepdf.Name.None_) == pikepdf.Name.None_
            assert float(state.get("/CA", 1)) == 1 and float(state.get("/ca", 1)) == 1
            assert state.get("/BM", pikepdf.Name.Normal) in (
                pikepdf.Name.Normal,
                pikepdf.Name.Compatible,
            )
        for xobject in parts["xobjects"]:
            assert "/SMask" not in xobject
            group = xobject.get("/Group")
            assert group is None or group.get("/S") != "/Transparency"
        for annot in parts["annots"]:
            assert int(annot.get("/F", 0)) & 4  # printed
            assert not int(annot.get("/F", 0)) & 0b11  # neither invisible nor hidden
        assert "/NeedAppearances" not in (pdf.Root.get("/AcroForm") or {})
        # The frozen record, attached: the snapshot itself, its hash the snapshot hash.
        (spec,) = pdf.Root.AF
        assert spec.AFRelationship in ("/Source", "/Data")
        assert str(spec.UF) == str(spec.F) == f"protocol-record-{snapshot.lang}.json"
        attached = pdf.attachments[str(spec.F)].get_file()
        raw = attached.read_bytes()
        assert str(attached.mime_type) == "application/json"
        assert hashlib.sha256(raw).hexdigest() == snapshot.digest()
        assert ProtocolSnapshot.from_dict(json.loads(raw)) == snapshot


@pytest.mark.parametrize("lang", LANGS)
def test_the_rendered_protocol_is_pdfa(lang: str) -> None:
    snapshot = sample_snapshot(lang)
    data = render_pdf(snapshot)
    check_pdfa(data, snapshot)
    assert render_pdf(snapshot) == data  # the same snapshot, the same bytes


def test_the_document_id_is_each_documents_own() -> None:
    ids = set()
    for lang in LANGS:
        with pikepdf.open(io.BytesIO(render_pdf(sample_snapshot(lang)))) as pdf:
            ids.add(bytes(pdf.trailer.ID[0]))
    assert len(ids) == len(LANGS)


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def test_issued_and_signed_protocols_stay_pdfa(database: Database, pki: Pki) -> None:
    protocol_id = issued_electronically(database)
    with database.reading() as session:
        issued = {
            row.lang: (bytes(row.pdf), ProtocolSnapshot.from_dict(row.snapshot))
            for row in session.scalars(
                select(IssuedDocument).where(IssuedDocument.protocol_id == protocol_id)
            )
        }
    assert set(issued) == set(LANGS)
    for lang, (pdf, snapshot) in issued.items():
        check_pdfa(pdf, snapshot)  # unsigned, as issued
        assert render_pdf(snapshot) == pdf  # the frozen snapshot renders to the issued bytes
        for who, role in ((pki.secretary, "secretary"), (pki.chair, "presiding")):
            sign_issued_pdf(
                database, ME, protocol_id, lang, Pkcs12Signer(who.p12(PASSWORD), PASSWORD), role
            )
            signed = protocol_pdf(database, protocol_id, lang)
            assert signed.startswith(pdf)  # an incremental update of the issued bytes
            check_pdfa(signed, snapshot)
