"""What a material file is, judged by its content, never by its name.

Materials are documents, never programs. A file is accepted only when its
bytes are one of the document types below (an allow-list); the extension the
user gave it does not count, so ``Protocol_draft.pdf\\u202egpj.exe`` carrying
a Windows program is named what it is and refused. The stored name carries
the extension of the detected type, so the system viewer that opens a copy
is chosen by the content.

>>> identify(b"%PDF-1.7 ...").document.extension
'.pdf'
>>> identify(b"MZ\\x90\\x00\\x03").document is None
True
>>> stored_name("Protocol_draft.pdf\\u202egpj.exe", identify(b"%PDF-1.7").document)
'Protocol_draft.pdfgpj.exe.pdf'
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from app.domain.translation import N_


@dataclass(frozen=True)
class DocumentType:
    """A document type Kenes accepts as a material."""

    key: str
    label: str  # msgid: what the user is told the file is
    extension: str  # the extension the stored name must carry
    media_type: str
    other_extensions: tuple[str, ...] = ()

    def fits(self, suffix: str) -> bool:
        """Whether a file name ending in ``suffix`` is correctly named for this type."""
        return suffix.lower() in (self.extension, *self.other_extensions)


PDF = DocumentType("pdf", N_("a PDF document"), ".pdf", "application/pdf")
DOCX = DocumentType(
    "docx",
    N_("a Word document"),
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = DocumentType(
    "xlsx",
    N_("an Excel workbook"),
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
PPTX = DocumentType(
    "pptx",
    N_("a PowerPoint presentation"),
    ".pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
ODT = DocumentType(
    "odt", N_("an OpenDocument text"), ".odt", "application/vnd.oasis.opendocument.text"
)
ODS = DocumentType(
    "ods",
    N_("an OpenDocument spreadsheet"),
    ".ods",
    "application/vnd.oasis.opendocument.spreadsheet",
)
ODP = DocumentType(
    "odp",
    N_("an OpenDocument presentation"),
    ".odp",
    "application/vnd.oasis.opendocument.presentation",
)
PNG = DocumentType("png", N_("a PNG image"), ".png", "image/png")
JPEG = DocumentType("jpeg", N_("a JPEG image"), ".jpg", "image/jpeg", (".jpeg", ".jpe"))
GIF = DocumentType("gif", N_("a GIF image"), ".gif", "image/gif")
TIFF = DocumentType("tiff", N_("a TIFF image"), ".tif", "image/tiff", (".tiff",))
BMP = DocumentType("bmp", N_("a BMP image"), ".bmp", "image/bmp")
TEXT = DocumentType("text", N_("a plain text file"), ".txt", "text/plain")

DOCUMENT_TYPES = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, GIF, TIFF, BMP, TEXT)

# The main part of each OOXML document, as [Content_Types].xml names it (macro-free ones only).
_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_ODF = {
    "application/vnd.oasis.opendocument.text": ODT,
    "application/vnd.oasis.opendocument.spreadsheet": ODS,
    "application/vnd.oasis.opendocument.presentation": ODP,
}
_MAX_ENTRIES = 10_000
_MAX_CONTENT_TYPES = 1024 * 1024

# Bidirectional controls reorder what the user sees ("…pdf\u202egpj.exe" shows as "…exe.jpg"):
# they are never needed in a Kazakh or Russian name.
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D))
_C1_CONTROLS = re.compile("[\x7f-\x9f]")
_UNSAFE_IN_FILE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')


@dataclass(frozen=True)
class Identified:
    """What a file is: a document type, or (``document`` None) what it is instead."""

    document: DocumentType | None
    what: str  # msgid: the file's kind in words ("a Windows program")


def identify(data: bytes) -> Identified:
    """What ``data`` is: an accepted document type, or a description of what it is instead."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return _document(PDF)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return _document(PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return _document(JPEG)
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _document(GIF)
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return _document(TIFF)
    if _is_bmp(data):
        return _document(BMP)
    if head.startswith(b"PK\x03\x04"):
        return _zip_document(data)
    foreign = _foreign(head)
    if foreign is not None:
        return Identified(None, foreign)
    if _is_text(data):
        return _document(TEXT)
    return Identified(None, N_("a file of an unknown type"))


def _document(document: DocumentType) -> Identified:
    return Identified(document, document.label)


def _is_bmp(data: bytes) -> bool:
    if not data.startswith(b"BM") or len(data) < 26:
        return False
    header = int.from_bytes(data[14:18], "little")
    return header in (12, 40, 52, 56, 64, 108, 124)


def _foreign(head: bytes) -> str | None:
    if head.startswith(b"MZ"):
        return N_("a Windows program")
    if head.startswith(b"\x7fELF"):
        return N_("a Linux program")
    if head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        return N_("a macOS program")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return N_("an old-format Office file (.doc, .xls, .ppt), which can carry macros")
    if head.startswith((b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return N_("an archive")
    return None


def _zip_document(data: bytes) -> Identified:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > _MAX_ENTRIES:
                return Identified(None, N_("an archive"))
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype" and entries[0].file_size < 200:
                mimetype = archive.read(entries[0]).decode("ascii", "replace").strip()
                odf = _ODF.get(mimetype)
                if odf is not None and not any(n.lower().startswith("basic/") for n in names):
                    return _document(odf)
                if odf is not None:
                    return Identified(None, N_("a document with macros"))
            types = None
            if "[Content_Types].xml" in names:
                types = archive.getinfo("[Content_Types].xml")
            if types is not None and types.file_size <= _MAX_CONTENT_TYPES:
                text = archive.read(types).decode("utf-8", "replace")
                if "vbaProject" in text or any(n.lower().endswith("vbaproject.bin") for n in names):
                    return Identified(None, N_("a document with macros"))
                for content_type, document in _OOXML.items():
                    if content_type in text:
                        return _document(document)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError):
        return Identified(None, N_("a damaged archive"))
    except (OSError, EOFError, ValueError):  # zlib errors are ValueError-like; unknown compressions
        return Identified(None, N_("a damaged archive"))
    return Identified(None, N_("an archive"))


def _is_text(data: bytes) -> bool:
    """Plain text: UTF-8 or cp1251, no NUL, no control bytes but tabs, newlines, form feeds."""
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return False
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _C1_CONTROLS.search(text) is None
    return False


def strip_bidi(text: str) -> str:
    """``text`` without the invisible bidirectional controls."""
    return "".join(ch for ch in text if ch not in BIDI_CONTROLS)


def safe_file_name(name: str) -> str:
    """A file name without bidi controls, control characters or characters no file system takes."""
    name = strip_bidi(name).replace("/", "_").replace("\\", "_")
    name = _UNSAFE_IN_FILE_NAME.sub("_", name).strip().strip(".")
    return name or "material"


def stored_name(name: str, document: DocumentType) -> str:
    """The name a material is stored under: safe, and ending in its detected type's extension.

    A name already ending in a fitting extension is kept; one ending in another
    document type's extension gets its suffix replaced; any other name gets the
    extension appended (``report.exe`` holding a PDF becomes ``report.exe.pdf``).
    """
    name = safe_file_name(name)
    dot = name.rfind(".")
    suffix = name[dot:] if dot > 0 else ""
    if suffix and document.fits(suffix):
        return name
    if suffix and any(other.fits(suffix) for other in DOCUMENT_TYPES):
        return name[:dot] + document.extension
    return name + document.extension


def exchanged_material_problem(name: str, data: bytes) -> tuple[str, dict[str, str]] | None:
    """Why a material arriving in an exchange file is refused, or None.

    The file was made elsewhere, so its content is judged again: it must be a
    document, and its name (without hidden direction marks) must end in the
    extension of what it is, so the system viewer opening it is chosen by content.
    Returns a msgid and its parameters (the importer names where it was found).
    """
    identified = identify(data)
    if identified.document is None:
        return (
            N_(
                "The material “{name}” is {what}, not a document; materials are never "
                "programs, so the file is refused."
            ),
            {"name": strip_bidi(name), "what": identified.what},
        )
    dot = name.rfind(".")
    suffix = name[dot:] if dot > 0 else ""
    if any(ch in BIDI_CONTROLS for ch in name) or not identified.document.fits(suffix):
        return (
            N_("The name of the material “{name}” does not fit what it is: {what}."),
            {"name": strip_bidi(name), "what": identified.what},
        )
    return None
