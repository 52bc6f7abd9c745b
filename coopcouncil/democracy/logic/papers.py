"""Meeting papers: which files the council publishes, recognised by their own bytes.

A paper's name and the browser's claim about it are not evidence: a web page or a program
renamed ``report.pdf`` must not be served to residents as a PDF. So the type comes from
the content alone:

- PDF: the file starts with ``%PDF-``;
- Office Open XML (docx, xlsx, pptx): a zip whose ``[Content_Types].xml`` declares the
  format's main part, and that part is in the zip (a macro-enabled docm or xlsm declares a
  different main type, and is refused);
- OpenDocument (odt, ods, odp): a zip whose ``mimetype`` entry names the format and which
  holds ``content.xml``.

Legacy Word and Excel files (the OLE2 compound format) are refused: they cannot be told
apart from each other, or from files carrying macros, without parsing the whole container,
and every office suite saves the formats above.

Example: ``paper_check(b"%PDF-1.7 ...", max_bytes=20_000_000)`` is the PDF type;
``paper_check(b"<html>...", max_bytes=20_000_000)`` raises ``PaperRefused("type")``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

# Only two small entries are ever decompressed, each read up to these sizes: a zip bomb
# costs no more than this.
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
MIMETYPE_MAX_BYTES = 200


@dataclass(frozen=True)
class PaperType:
    """A file format the council publishes papers in."""

    extension: str
    content_type: str
    label: str


PDF = PaperType("pdf", "application/pdf", "PDF")
_OOXML = "application/vnd.openxmlformats-officedocument"
OFFICE_OPEN_XML = {
    f"{_OOXML}.wordprocessingml.document.main+xml": PaperType(
        "docx", f"{_OOXML}.wordprocessingml.document", "Word document"
    ),
    f"{_OOXML}.spreadsheetml.sheet.main+xml": PaperType(
        "xlsx", f"{_OOXML}.spreadsheetml.sheet", "Excel spreadsheet"
    ),
    f"{_OOXML}.presentationml.presentation.main+xml": PaperType(
        "pptx", f"{_OOXML}.presentationml.presentation", "PowerPoint presentation"
    ),
}
_ODF = "application/vnd.oasis.opendocument"
OPEN_DOCUMENT = {
    f"{_ODF}.text": PaperType("odt", f"{_ODF}.text", "OpenDocument text"),
    f"{_ODF}.spreadsheet": PaperType("ods", f"{_ODF}.spreadsheet", "OpenDocument spreadsheet"),
    f"{_ODF}.presentation": PaperType("odp", f"{_ODF}.presentation", "OpenDocument presentation"),
}
ACCEPTED = (PDF, *OFFICE_OPEN_XML.values(), *OPEN_DOCUMENT.values())
BY_EXTENSION = {paper_type.extension: paper_type for paper_type in ACCEPTED}


class PaperRefused(Exception):
    """A file the council will not publish: ``reason`` is ``"empty"``, ``"size"`` or ``"type"``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _office_open_xml(archive: zipfile.ZipFile) -> PaperType | None:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names:
        return None
    with archive.open("[Content_Types].xml") as entry:
        declared = entry.read(CONTENT_TYPES_MAX_BYTES + 1)
    if len(declared) > CONTENT_TYPES_MAX_BYTES:
        return None
    try:
        root = ElementTree.fromstring(declared)
    except ElementTree.ParseError:
        return None
    for override in root:
        if not override.tag.endswith("}Override"):
            continue
        found = OFFICE_OPEN_XML.get(override.get("ContentType", ""))
        if found is not None and override.get("PartName", "").lstrip("/") in names:
            return found
    return None


def _open_document(archive: zipfile.ZipFile) -> PaperType | None:
    names = set(archive.namelist())
    if "mimetype" not in names or "content.xml" not in names:
        return None
    with archive.open("mimetype") as entry:
        declared = entry.read(MIMETYPE_MAX_BYTES).decode("ascii", "replace").strip()
    return OPEN_DOCUMENT.get(declared)


def detect_paper_type(content: bytes) -> PaperType | None:
    """The accepted format ``content`` is in, judged by its bytes alone, or None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if not content.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return _office_open_xml(archive) or _open_document(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError):
        # Not a readable zip, or one using compression or encryption we do not read.
        return None


def paper_check(content: bytes, *, max_bytes: int) -> PaperType:
    """The format of a paper the council may publish; ``PaperRefused`` says why not.

    ``content`` may be cut at ``max_bytes + 1``: anything longer is too large whatever it is.
    """
    if not content:
        raise PaperRefused("empty")
    if len(content) > max_bytes:
        raise PaperRefused("size")
    found = detect_paper_type(content)
    if found is None:
        raise PaperRefused("type")
    return found


def download_name(original_name: str, paper_type: PaperType) -> str:
    """A safe file name to offer for download: the original's letters, the real extension.

    Example: ``download_name("../Budget report (final).exe", PDF)`` is
    ``"Budget report final.pdf"``.
    """
    stem = original_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[^A-Za-z0-9 _-]+", "", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" -_")[:100] or "paper"
    return f"{stem}.{paper_type.extension}"
