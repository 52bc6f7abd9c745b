"""Files for the paper tests: a PDF, a Word document, and reading the text of a PDF."""

import io
import re
import zipfile
import zlib

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_text(content: bytes) -> str:
    """The text drawn in a PDF written by fpdf2 (its page streams, inflated)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S)
    pages = []
    for stream in streams:
        try:
            pages.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(pages).replace("\\(", "(").replace("\\)", ")")
