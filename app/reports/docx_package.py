"""The DOCX package as Kenes leaves it: its own properties, none of the template's.

python-docx writes every document from its default template, which carries the
metadata of the Word that made the template: the application ("Microsoft Macintosh
Word", version 14), ``Normal.dotm``, page and word counts, revision ids, a thumbnail,
a bibliography part and Word 2010's second style sheet.  :func:`finish_package`
rewrites the package without them, with the protocol's properties
(:mod:`app.reports.properties`), its identity as custom properties, hyphenation on
for the languages Word hyphenates, and every entry dated alike so the same protocol
gives the same bytes.

:func:`read_identity` reads the identity back (``kenes protocol verify``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from app.reports.official_page import PRODUCER
from app.reports.properties import DocumentProperties

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP entry can say
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)  # a snapshot without a date (as the PDF's)
HYPHENATED = ("ru", "en")  # Word has hyphenation dictionaries for these; Kazakh: none

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

# Template parts no protocol needs.
_DROPPED = ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml")
_DROPPED_PREFIX = "customXml/"
# Settings that describe the template's editing history, not this document.
_TEMPLATE_SETTINGS = (f"{{{W}}}rsids", f"{{{W}}}savePreviewPicture", f"{{{W}}}proofState")


MAX_CUSTOM_BYTES = 1024 * 1024
# A file to verify comes from anywhere: no entities, no network, no huge trees.
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _dropped(name: str) -> bool:
    return name in _DROPPED or name.startswith(_DROPPED_PREFIX)


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _relationships(data: bytes, base: str) -> bytes:
    """The relationships without those to dropped parts (targets relative to ``base``)."""
    root = etree.fromstring(data)
    for rel in list(root):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else _join(base, target)
        if _dropped(resolved):
            root.remove(rel)
    return _xml(root)


def _join(base: str, target: str) -> str:
    parts = [p for p in base.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _content_types(data: bytes, custom: bool) -> bytes:
    root = etree.fromstring(data)
    for entry in list(root):
        part = entry.get("PartName", "").lstrip("/")
        if (part and _dropped(part)) or entry.get("Extension") == "jpeg":
            root.remove(entry)
    if custom:
        override = etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override")
        override.set("PartName", "/" + CUSTOM_PART)
        override.set("ContentType", CUSTOM_TYPE)
    return _xml(root)


def _package_rels(data: bytes, custom: bool) -> bytes:
    root = etree.fromstring(_relationships(data, ""))
    if custom:
        rel = etree.SubElement(root, f"{{{PACKAGE_RELS}}}Relationship")
        rel.set("Id", "rIdKenesCustom")
        rel.set("Type", CUSTOM_REL)
        rel.set("Target", CUSTOM_PART)
    return _xml(root)


def _w3cdtf(moment: datetime | None) -> str:
    """A core-properties date: UTC with ``Z``; a local time (no offset): its day only."""
    if moment is None:
        moment = FIXED_TIME
    if moment.utcoffset() is None:
        return moment.date().isoformat()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(props: DocumentProperties) -> bytes:
    """``docProps/core.xml``: the protocol's properties, no revision counter."""
    when = _w3cdtf(props.created)
    fields = (
        ("dc:title", props.title),
        ("dc:subject", props.subject),
        ("dc:creator", props.author),
        ("cp:keywords", props.keywords),
        ("cp:lastModifiedBy", PRODUCER),
        ("dc:language", props.language),
    )
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields)
    dates = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}{dates}</cp:coreProperties>"
    ).encode()


def app_xml() -> bytes:
    """``docProps/app.xml``: Kenes made it; no template, counts or Word version."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties" xmlns:vt="{VT_NS}">'
        f"<Application>{escape(PRODUCER)}</Application><DocSecurity>0</DocSecurity>"
        "</Properties>"
    ).encode()


def custom_xml(identity: Mapping[str, str]) -> bytes:
    """``docProps/custom.xml``: one text property per entry of ``identity``."""
    entries = "".join(
        f'<property fmtid="{CUSTOM_FMTID}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(identity.items(), 2)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{entries}</Properties>'
    ).encode()


def _settings(data: bytes, lang: str, tag: str) -> bytes:
    """The settings without the template's history, hyphenating where Word can."""
    root = etree.fromstring(data)
    for element in list(root):
        if element.tag in _TEMPLATE_SETTINGS or element.tag == f"{{{W14}}}docId":
            root.remove(element)
        elif element.tag == f"{{{W}}}themeFontLang":
            element.set(f"{{{W}}}val", tag)
            for attribute in (f"{{{W}}}eastAsia", f"{{{W}}}bidi"):
                element.attrib.pop(attribute, None)
    if lang in HYPHENATED:
        tab = root.find(f"{{{W}}}defaultTabStop")
        hyphenation = etree.Element(f"{{{W}}}autoHyphenation")
        caps = etree.Element(f"{{{W}}}doNotHyphenateCaps")
        if tab is not None:
            tab.addnext(hyphenation)
        else:
            root.insert(0, hyphenation)
        hyphenation.addnext(caps)
    return _xml(root)


def finish_package(
    data: bytes, props: DocumentProperties, lang: str, identity: Mapping[str, str]
) -> bytes:
    """The package python-docx wrote, as Kenes issues it (see the module's docstring)."""
    out = io.BytesIO()
    custom = bool(identity)
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        entries: list[tuple[str, bytes]] = []
        for info in source.infolist():
            name = info.filename
            if _dropped(name):
                continue
            content = source.read(info)
            if name == "[Content_Types].xml":
                content = _content_types(content, custom)
            elif name == "_rels/.rels":
                content = _package_rels(content, custom)
            elif name == "word/_rels/document.xml.rels":
                content = _relationships(content, "word")
            elif name == "docProps/core.xml":
                content = core_xml(props)
            elif name == "docProps/app.xml":
                content = app_xml()
            elif name == "word/settings.xml":
                content = _settings(content, lang, props.language)
            entries.append((name, content))
        if custom:
            entries.append((CUSTOM_PART, custom_xml(identity)))
        for name, content in entries:
            fixed = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3  # as written on Unix, whatever the platform
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


def read_identity(data: bytes) -> dict[str, str] | None:
    """The custom properties of a DOCX (name to text), or None if ``data`` is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "word/document.xml" not in names:
                return None
            if CUSTOM_PART not in names:
                return {}
            if package.getinfo(CUSTOM_PART).file_size > MAX_CUSTOM_BYTES:
                return {}
            root = etree.fromstring(package.read(CUSTOM_PART), _SAFE)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, ValueError):
        return None
    found: dict[str, str] = {}
    for prop in root:
        name = prop.get("name")
        if name and len(prop):
            found[name] = prop[0].text or ""
    return found
