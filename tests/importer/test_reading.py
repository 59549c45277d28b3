"""Reading plan files: formats, legacy encodings, page furniture, and every kind of bad file."""

from __future__ import annotations

import io
import unicodedata

import docx
import pypdfium2 as pdfium
import pytest

from guongsang.importer import legacy
from guongsang.importer.reading import PlanReadError, normalise_lines, read_plan_file
from tests.importer.test_seeds import SEEDS, seed_docx


def blank_pdf(pages: int) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def docx_of(paragraphs: list[str], page_breaks: int = 0) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for _ in range(page_breaks):
        document.add_page_break()
        document.add_paragraph("Nội dung trang tiếp theo của kế hoạch.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_vntime(line: str) -> str:
    """A line as the .VnTime font can hold it: toned capitals lower-case unless the line is in capitals."""
    if line.upper() == line:
        return line
    return "".join(ch.lower() if ch.isupper() and ch not in "ĂÂÊÔƠƯĐ" and not ch.isascii() else ch for ch in line)


def cp1258(text: str) -> bytes:
    """Windows-1258: letters with their shape precomposed (ê, ơ, ư …), the tone as a combining mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


@pytest.mark.parametrize("encode", [legacy.unicode_to_tcvn3, legacy.unicode_to_vni], ids=["tcvn3", "vni"])
def test_a_legacy_text_file_reads_as_its_unicode_original(encode):
    # The legacy fonts have no "…": the seed's two are written as three dots.
    original = (SEEDS / "000.txt").read_text(encoding="utf-8").replace("…", "...")
    result = read_plan_file("ke-hoach.txt", encode(original).encode("latin-1"))
    expected = read_plan_file("ke-hoach.txt", original.encode("utf-8")).text
    if encode is legacy.unicode_to_tcvn3:
        # TCVN3 has no codes for toned capitals: a line in capitals comes back in capitals, a toned
        # capital in a mixed-case line ("Ủy ban") comes back lower-case, as .VnTime wrote it.
        representable = "\n".join(as_vntime(line) for line in original.split("\n"))
        expected = read_plan_file("ke-hoach.txt", representable.encode("utf-8")).text
        assert "KẾ HOẠCH" in result.text and "MỤC ĐÍCH, YÊU CẦU" in result.text
    assert result.text == expected
    assert result.encoding == ("tcvn3" if encode is legacy.unicode_to_tcvn3 else "vni")


def test_a_word_file_typed_in_a_vni_font_is_converted():
    lines = ["KẾ HOẠCH", "Tổ chức Hội nghị sơ kết", "Hồ sơ gửi về Ban Tuyên giáo trước ngày 15/3/2024."]
    result = read_plan_file("ke-hoach.docx", docx_of([legacy.unicode_to_vni(line) for line in lines]))
    assert result.text.split("\n") == lines and result.encoding == "vni"


def test_a_word_file_mixing_unicode_and_tcvn3_paragraphs():
    lines = ["Kế hoạch của Ban Thường vụ Huyện ủy về công tác khen thưởng", "Các chi bộ gửi hồ sơ về Ban Tuyên giáo."]
    result = read_plan_file("ke-hoach.docx", docx_of([lines[0], legacy.unicode_to_tcvn3(lines[1])]))
    assert result.text.split("\n") == lines


def test_windows_1258_text_is_read_and_put_in_nfc():
    text = "Kế hoạch tổ chức Hội nghị sơ kết của Ban Thường vụ Huyện ủy"
    result = read_plan_file("ke-hoach.txt", cp1258(text))
    assert result.text == text


def test_utf16_text_with_a_byte_order_mark():
    text = "KẾ HOẠCH\nTổ chức Hội nghị sơ kết"
    assert read_plan_file("ke-hoach.txt", text.encode("utf-16")).text == text


def test_broken_lines_hyphenated_compounds_and_page_numbers_are_mended():
    lines = [
        "Thực hiện Kết luận số 01-",
        "KL/TW của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW, Ban",
        "",
        "Thường vụ xây dựng kế hoạch như sau:",
        "2",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Các đơn vị gửi báo cáo",
        "",
        "trước ngày 15/3/2024.",
        "- Trang 3 -",
        "II- TỔ CHỨC THỰC",
        "HIỆN",
    ]
    assert normalise_lines(lines).split("\n") == [
        "Thực hiện Kết luận số 01-KL/TW của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW, Ban",
        "Thường vụ xây dựng kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Các đơn vị gửi báo cáo trước ngày 15/3/2024.",
        "II- TỔ CHỨC THỰC HIỆN",
    ]


def test_running_headers_of_a_pdf_are_dropped():
    from guongsang.importer.reading import _drop_running_lines

    pages = [["ĐẢNG BỘ KHỐI - KẾ HOẠCH 120", f"Nội dung trang {n}.", f"Trang {n}/4"] for n in range(1, 5)]
    assert [line for line in _drop_running_lines(pages) if line] == [f"Nội dung trang {n}." for n in range(1, 5)]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.txt", b"", "Tệp trống"),
        ("ke-hoach.txt", b"   \n\n  ", "Tệp trống"),
        ("ke-hoach.docx", b"day khong phai tep Word", "Tệp .docx bị hỏng"),
        ("ke-hoach.docx", b"PK\x03\x04 hong hoc", "Tệp .docx bị hỏng"),
        ("ke-hoach.pdf", b"%PDF-1.4 hong", "Tệp PDF bị hỏng"),
        ("ke-hoach.xlsx", b"PK\x03\x04", "chỉ nhận .docx, .pdf, .txt"),
    ],
    ids=["empty", "blank", "not-a-docx", "corrupt-zip", "corrupt-pdf", "wrong-type"],
)
def test_bad_files_get_a_vietnamese_reason(name, data, message):
    with pytest.raises(PlanReadError, match=message):
        read_plan_file(name, data)


def test_a_scanned_pdf_without_text_says_ocr_is_not_available():
    with pytest.raises(PlanReadError, match=r"không có lớp chữ.*OCR"):
        read_plan_file("ban-quet.pdf", blank_pdf(2))


def test_a_200_page_pdf_is_refused_before_it_is_read():
    with pytest.raises(PlanReadError, match="Tệp có 200 trang, quá 100 trang"):
        read_plan_file("dai.pdf", blank_pdf(200))


def test_a_200_page_word_file_is_refused():
    with pytest.raises(PlanReadError, match="Tệp có 200 trang"):
        read_plan_file("dai.docx", docx_of(["KẾ HOẠCH"], page_breaks=199))


def test_a_doc_file_without_libreoffice_says_what_to_do(monkeypatch):
    monkeypatch.setattr("guongsang.documents.pdf.soffice", lambda: None)
    with pytest.raises(PlanReadError, match=r"chưa cài LibreOffice.*lưu lại thành \.docx"):
        read_plan_file("cu.doc", b"\xd0\xcf\x11\xe0 old word file")


def test_an_odt_file_is_read_through_libreoffice():
    from guongsang.documents.pdf import convert

    odt = convert(seed_docx("003"), ".docx", "odt")
    result = read_plan_file("ke-hoach.odt", odt)
    assert result.file_format == "docx" and "Số 83 - KH/HU" in result.text
