"""Which files may be published as meeting papers, judged by their bytes."""

import io
import zipfile

import pytest

from coopcouncil.democracy.logic.papers import (
    PDF,
    PaperRefused,
    detect_paper_type,
    download_name,
    paper_check,
)

LIMIT = 20 * 1024 * 1024
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_WORD_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def office_open_xml(main_type: str, part: str, *, with_part: bool = True) -> bytes:
    declared = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
    )
    entries = {"[Content_Types].xml": declared.encode()}
    if with_part:
        entries[part] = b"<document/>"
    return zipped(entries)


def open_document(mimetype: str) -> bytes:
    return zipped({"mimetype": mimetype.encode(), "content.xml": b"<office:document/>"})


def test_a_pdf_is_recognised_by_its_header():
    assert paper_check(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", max_bytes=LIMIT) == PDF


def test_word_excel_and_opendocument_files_are_recognised_by_their_main_part():
    word = office_open_xml(WORD_MAIN, "word/document.xml")
    sheet = office_open_xml(SHEET_MAIN, "xl/workbook.xml")
    assert paper_check(word, max_bytes=LIMIT).extension == "docx"
    assert paper_check(sheet, max_bytes=LIMIT).extension == "xlsx"
    odt = open_document("application/vnd.oasis.opendocument.text")
    odp = open_document("application/vnd.oasis.opendocument.presentation")
    assert paper_check(odt, max_bytes=LIMIT).extension == "odt"
    assert paper_check(odp, max_bytes=LIMIT).extension == "odp"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00PE program", id="a program renamed .pdf"),
        pytest.param(b"<!DOCTYPE html><html><script>alert(1)</script>", id="a web page"),
        pytest.param(b" %PDF-1.7 with something before the header", id="a header not at the start"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), id="a legacy Word file"),
        pytest.param(zipped({"readme.txt": b"hello"}), id="a plain zip"),
        pytest.param(b"PK\x03\x04 not really a zip", id="a broken zip"),
    ],
)
def test_files_that_are_not_pdf_or_office_documents_are_refused(content):
    with pytest.raises(PaperRefused) as refused:
        paper_check(content, max_bytes=LIMIT)
    assert refused.value.reason == "type"


def test_a_macro_enabled_word_file_is_refused():
    assert detect_paper_type(office_open_xml(MACRO_WORD_MAIN, "word/document.xml")) is None


def test_a_zip_that_declares_a_word_document_it_does_not_hold_is_refused():
    content = office_open_xml(WORD_MAIN, "word/document.xml", with_part=False)
    assert detect_paper_type(content) is None


def test_an_opendocument_zip_naming_another_type_is_refused():
    assert detect_paper_type(open_document("application/x-shockwave-flash")) is None


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_is_not():
    at_limit = b"%PDF-1.7" + bytes(100 - 8)
    assert paper_check(at_limit, max_bytes=100) == PDF
    with pytest.raises(PaperRefused) as refused:
        paper_check(at_limit + b"x", max_bytes=100)
    assert refused.value.reason == "size"


def test_an_empty_file_is_refused():
    with pytest.raises(PaperRefused) as refused:
        paper_check(b"", max_bytes=LIMIT)
    assert refused.value.reason == "empty"


def test_the_download_name_keeps_plain_letters_and_takes_the_real_extension():
    assert download_name("../Budget report (final).exe", PDF) == "Budget report final.pdf"
    assert download_name('"; filename=evil.html', PDF) == "filenameevil.pdf"
    assert download_name("....", PDF) == "paper.pdf"
