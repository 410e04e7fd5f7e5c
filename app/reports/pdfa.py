"""The archival form of a PDF: PDF/A-3b with the record it was made from attached.

ReportLab lays the protocol out; :func:`archival` then gives the file what an
archive needs (ISO 19005-3, conformance B), with pikepdf:

- an sRGB output intent, its ICC profile built by Pillow (LittleCMS), so nothing is
  downloaded; the profile's creation date is fixed so the bytes stay the same;
- XMP metadata with the PDF/A identification (part 3, conformance B) and the title,
  author, subject, keywords, tools and dates of the Info dictionary, the same values;
- the attachment (``AFRelationship /Source``): the frozen snapshot as canonical JSON,
  whose SHA-256 is the snapshot hash the database keeps, readable by any PDF tool;
- a document ID derived from the content, no encryption.

The fonts are ReportLab's embedded TrueType subsets of Liberation Serif and nothing is
transparent; ``tests/reports/test_pdfa.py`` checks every property structurally (no
PDF/A validator is installable here).  The same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from xml.sax.saxutils import escape

import pikepdf

from app.domain.protocol import ProtocolSnapshot

PDFA_PART = 3
PDFA_CONFORMANCE = "B"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
_ICC_DATE = bytes.fromhex("07d000010001000000000000")  # 2000-01-01 00:00:00


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF and named in the catalog's ``/AF``."""

    name: str  # the file name shown by PDF readers
    data: bytes
    mime: str  # application/json
    description: str
    relationship: str = "Source"  # what the file is to the document: its source


def record_json(snapshot: ProtocolSnapshot) -> bytes:
    """The snapshot as the canonical JSON its hash is taken of (``ProtocolSnapshot.digest``)."""
    text = json.dumps(snapshot.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")


def record_attachment(snapshot: ProtocolSnapshot) -> Attachment:
    """The protocol's frozen record, to embed in its PDF."""
    return Attachment(
        name=f"protocol-record-{snapshot.lang}.json",
        data=record_json(snapshot),
        mime="application/json",
        description="The protocol's frozen record (Kenes snapshot, canonical JSON, UTF-8); "
        "its SHA-256 is the snapshot hash Kenes keeps.",
    )


@cache
def srgb_profile() -> bytes:
    """Pillow's built-in sRGB profile (ICC v4, a monitor profile) with a fixed date."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = _ICC_DATE  # the header's creation date: the bytes must not vary
    data[84:100] = bytes(16)  # no profile ID (it would hash the date)
    return bytes(data)


_PDF_DATE = re.compile(
    r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?"
)


def xmp_date(pdf_date: str) -> str:
    """The XMP form of a PDF date: ``D:20261127093000+05'00'`` -> ``2026-11-27T09:30:00+05:00``."""
    found = _PDF_DATE.match(pdf_date)
    if found is None:
        raise ValueError(f"not a PDF date: {pdf_date!r}")
    year, month, day, hour, minute, second, sign, off_h, off_m = found.groups()
    moment = datetime(
        int(year),
        int(month or 1),
        int(day or 1),
        int(hour or 0),
        int(minute or 0),
        int(second or 0),
    )
    if sign in ("+", "-"):
        offset = timedelta(hours=int(off_h or 0), minutes=int(off_m or 0))
        moment = moment.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    elif sign == "Z":
        moment = moment.replace(tzinfo=UTC)
    text = moment.isoformat()
    return text.replace("+00:00", "Z") if sign == "Z" else text


def _text(value: object) -> str:
    return escape(str(value))


def xmp_packet(info: dict[str, str], lang: str) -> bytes:
    """The XMP metadata: the PDF/A identification and the Info dictionary's values."""
    fields = []
    if "/Title" in info:
        fields.append(
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(info["/Title"])}'
            "</rdf:li></rdf:Alt></dc:title>"
        )
    if "/Author" in info:
        fields.append(
            f"<dc:creator><rdf:Seq><rdf:li>{_text(info['/Author'])}</rdf:li></rdf:Seq></dc:creator>"
        )
    if "/Subject" in info:
        fields.append(
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_text(info["/Subject"])}'
            "</rdf:li></rdf:Alt></dc:description>"
        )
    if lang:
        fields.append(
            f"<dc:language><rdf:Bag><rdf:li>{_text(lang)}</rdf:li></rdf:Bag></dc:language>"
        )
    simple = (
        ("/Keywords", "pdf:Keywords", str),
        ("/Producer", "pdf:Producer", str),
        ("/Creator", "xmp:CreatorTool", str),
        ("/CreationDate", "xmp:CreateDate", xmp_date),
        ("/ModDate", "xmp:ModifyDate", xmp_date),
    )
    for key, name, convert in simple:
        if key in info:
            fields.append(f"<{name}>{_text(convert(info[key]))}</{name}>")
    body = "\n".join(fields)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<pdfaid:part>{PDFA_PART}</pdfaid:part>
<pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
{body}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    profile = pdf.make_stream(srgb_profile())
    profile[pikepdf.Name.N] = 3
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String(OUTPUT_CONDITION),
        DestOutputProfile=profile,
    )


def _attach(pdf: pikepdf.Pdf, attachment: Attachment, moment: str) -> None:
    """Embed the file, name it in the catalog's ``/EmbeddedFiles`` and ``/AF``."""
    stream = pdf.make_stream(attachment.data)
    stream[pikepdf.Name.Type] = pikepdf.Name.EmbeddedFile
    stream[pikepdf.Name.Subtype] = pikepdf.Name("/" + attachment.mime)
    params = pikepdf.Dictionary(
        Size=len(attachment.data),
        CheckSum=pikepdf.String(hashlib.md5(attachment.data, usedforsecurity=False).digest()),
    )
    if moment:
        params[pikepdf.Name.ModDate] = pikepdf.String(moment)
    stream[pikepdf.Name.Params] = params
    spec = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Filespec,
            F=pikepdf.String(attachment.name),
            UF=pikepdf.String(attachment.name),
            Desc=pikepdf.String(attachment.description),
            AFRelationship=pikepdf.Name("/" + attachment.relationship),
            EF=pikepdf.Dictionary(F=stream, UF=stream),
        )
    )
    names = pdf.Root.get(pikepdf.Name.Names)
    if names is None:
        names = pdf.Root[pikepdf.Name.Names] = pikepdf.Dictionary()
    names[pikepdf.Name.EmbeddedFiles] = pikepdf.Dictionary(
        Names=pikepdf.Array([pikepdf.String(attachment.name), spec])
    )
    pdf.Root[pikepdf.Name.AF] = pikepdf.Array([spec])


def archival(data: bytes, attachment: Attachment | None = None) -> bytes:
    """``data`` (a ReportLab PDF) as PDF/A-3b, with ``attachment`` embedded."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items() if k != "/Trapped"}
        if "/Trapped" in pdf.docinfo:
            del pdf.docinfo[pikepdf.Name.Trapped]  # PDF/A: its XMP form is optional, so none
        lang = str(pdf.Root.get(pikepdf.Name.Lang, ""))
        metadata = pdf.make_stream(xmp_packet(info, lang))
        metadata[pikepdf.Name.Type] = pikepdf.Name.Metadata
        metadata[pikepdf.Name.Subtype] = pikepdf.Name.XML
        pdf.Root[pikepdf.Name.Metadata] = metadata
        pdf.Root[pikepdf.Name.OutputIntents] = pikepdf.Array([_output_intent(pdf)])
        if attachment is not None:
            _attach(pdf, attachment, info.get("/ModDate", ""))
        if pikepdf.Name.ID in pdf.trailer:
            del pdf.trailer[pikepdf.Name.ID]  # ReportLab's invariant ID is every file's: make one
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            fix_metadata_version=False,
            min_version="1.7",
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()
