"""Read a rendered document back and list what breaks its layout rules (used by the tests and by
`manage.py render_documents`): the header of the issuer's family, page numbers, signature kept
together, no empty page; and of the .pdf: pages, no blank page, every font embedded."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from guongsang.documents.issuers import MOTTO, NATIONAL_NAME, PARTY_NAME, YOUTH_NAME

EXPECTED_TITLES = {
    "party": [PARTY_NAME],
    "youth": [YOUTH_NAME],
    "state": [NATIONAL_NAME, MOTTO],
    "front": [NATIONAL_NAME, MOTTO],
    "mass": [NATIONAL_NAME, MOTTO],
}


def _runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def header_cells(document):
    table = document.tables[0]
    left, right = table.rows[0].cells
    return left, right


def check_docx(data: bytes, *, family: str, header: bool = True) -> list[str]:
    """Problems of a .docx laid out for `family` ("party", "state", "front", "youth", "mass"; "form" for
    a prescribed form headed by the national name, "book" for a publication without a letterhead)."""
    problems: list[str] = []
    document = Document(io.BytesIO(data))
    body = document.element.body
    if family in ("form", "book"):
        header = False
    if family == "form":
        problems += _form_header(document)
    if header and not document.tables:
        return ["không có khối tiêu đề (bảng hai cột tên cơ quan / quốc hiệu)"]
    if header:
        left, right = header_cells(document)
        right_lines = [p.text for p in right.paragraphs if p.text.strip()]
        expected = EXPECTED_TITLES[family]
        if right_lines[: len(expected)] != expected:
            problems.append(f"tiêu đề bên phải {right_lines[: len(expected)]} thay vì {expected}")
        for title in (PARTY_NAME, YOUTH_NAME, NATIONAL_NAME):
            if title not in expected and any(title in p.text for p in document.paragraphs + list(right.paragraphs)):
                problems.append(f"có “{title}” trong văn bản của {family}")
        title_runs = _runs(right.paragraphs[0])
        if not all(r.bold for r in title_runs):
            problems.append("dòng tiêu đề bên phải không in đậm")
        underlined = right.paragraphs[len(expected) - 1]
        ruled = underlined._p.pPr is not None and underlined._p.pPr.find(qn("w:pBdr")) is not None
        if not ruled and not all(r.underline for r in _runs(underlined)):
            problems.append("dòng cuối của tiêu đề không có đường kẻ dưới")
        left_lines = [p for p in left.paragraphs if p.text.strip()]
        number = [p for p in left_lines if p.text.startswith("Số")]
        if not number:
            problems.append("thiếu dòng số và ký hiệu")
        elif "…" in number[0].text or number[0].text.rstrip().endswith("/"):
            problems.append(f"dòng số chưa đủ: “{number[0].text}”")
        if family == "party" and number and (not number[0].text.startswith("Số ") or ":" in number[0].text):
            problems.append("số văn bản của Đảng không có dấu hai chấm: “Số 05-BC/ĐU”")
        if family != "party" and number and not number[0].text.startswith("Số:"):
            problems.append("số văn bản phải viết “Số: …”")
        marks = {"party": "*", "youth": "***"}
        if family in marks and marks[family] not in [p.text.strip() for p in left_lines]:
            problems.append(f"thiếu dấu “{marks[family]}” dưới tên cơ quan ban hành")
        issuer = [p for p in left_lines if _runs(p) and all(r.bold for r in _runs(p))]
        if not issuer:
            problems.append("tên cơ quan ban hành không in đậm")
        dated = right_lines[len(expected) :]
        if not dated or "…" in dated[0] or dated[0].startswith(","):
            problems.append(f"dòng địa danh, ngày tháng chưa đủ: {dated[:1]}")
        elif not all(r.italic for r in _runs(right.paragraphs[-1])):
            problems.append("dòng địa danh, ngày tháng không in nghiêng")
    for section in document.sections:
        if not section.different_first_page_header_footer:
            problems.append("trang đầu không được bỏ số trang")
        instructions = " ".join(t.text or "" for t in section.header._element.iter(qn("w:instrText")))
        if "PAGE" not in instructions:
            problems.append("không có số trang ở lề trên")
    for paragraph in body.iter(qn("w:br")):
        if paragraph.get(qn("w:type")) == "page":
            problems.append("ngắt trang bằng đoạn trống (có thể để lại trang trắng)")
            break
    for row in body.iter(qn("w:tr")):
        texts = "".join(t.text or "" for t in row.iter(qn("w:t")))
        signed = "Nơi nhận" in texts or ("XÁC NHẬN" in texts and family == "form")
        split = row.find(qn("w:trPr")) is None or row.find(qn("w:trPr")).find(qn("w:cantSplit")) is None
        if signed and split:
            problems.append("khối chữ ký có thể bị tách sang trang sau")
    if "…" in "".join(t.text or "" for t in body.iter(qn("w:t"))):
        problems.append("còn dấu “…” thay cho thông tin thiếu")
    return problems


def _form_header(document) -> list[str]:
    """A form (báo cáo thành tích): the national name in bold and the motto underlined, then the
    place and date in italics, before anything else but the form's own reference line."""
    lines = [p for p in document.paragraphs if p.text.strip()]
    names = [p.text.strip() for p in lines]
    if NATIONAL_NAME not in names[:3]:
        return [f"mẫu không mở đầu bằng “{NATIONAL_NAME}”"]
    at = names.index(NATIONAL_NAME)
    problems = []
    if not all(r.bold for r in _runs(lines[at])):
        problems.append("quốc hiệu không in đậm")
    if names[at + 1 : at + 2] != [MOTTO] or not all(r.underline for r in _runs(lines[at + 1])):
        problems.append("thiếu tiêu ngữ gạch chân dưới quốc hiệu")
    dated = lines[at + 2] if len(lines) > at + 2 else None
    if dated is None or ", ngày " not in dated.text or dated.text.startswith(",") or "…" in dated.text:
        problems.append("dòng địa danh, ngày tháng chưa đủ")
    elif not all(r.italic for r in _runs(dated)):
        problems.append("dòng địa danh, ngày tháng không in nghiêng")
    return problems


def check_pdf(data: bytes) -> list[str]:
    """Problems of a .pdf: no page, a blank page, a font not embedded. The text of each page is read
    with PDFium (a page with nothing but its number is blank), the fonts with pdfminer."""
    import pypdfium2 as pdfium
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    problems: list[str] = []
    parser = PDFParser(io.BytesIO(data))
    pdf = PDFDocument(parser)
    pages = list(PDFPage.create_pages(pdf))
    if not pages:
        return ["tệp PDF không có trang nào"]
    document = pdfium.PdfDocument(data)
    try:
        for number, page in enumerate(document, start=1):
            text = page.get_textpage().get_text_range()
            body = [line for line in text.splitlines() if line.strip() and not line.strip().isdigit()]
            if not body:
                problems.append(f"trang {number} trắng")
    finally:
        document.close()
    seen = set()
    for page in pages:
        fonts = resolve1((resolve1(page.resources) or {}).get("Font")) or {}
        for font in fonts.values():
            font = resolve1(font)
            name = str(font.get("BaseFont"))
            if name in seen:
                continue
            seen.add(name)
            descriptor = resolve1(font.get("FontDescriptor"))
            if descriptor is None and font.get("DescendantFonts"):
                descendant = resolve1(resolve1(font["DescendantFonts"])[0])
                descriptor = resolve1(descendant.get("FontDescriptor"))
            if descriptor is None or not any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")):
                problems.append(f"phông {name} không được nhúng")
    return problems


def page_count(data: bytes) -> int:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    return len(list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data))))))
