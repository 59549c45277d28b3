"""Low-level .docx helpers on python-docx: fonts that cover Vietnamese, Party header blocks."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"


def _all_scripts(rpr, font: str) -> None:
    """Name the font for every script slot, so Word never falls back to another for Vietnamese."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def set_font(run, *, size: float | None = None, bold=None, italic=None, underline=None, font: str = FONT) -> None:
    run.font.name = font
    _all_scripts(run._element.get_or_add_rPr(), font)
    if size is not None:
        run.font.size = Pt(float(size))
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic
    if underline is not None:
        run.font.underline = underline


def para(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold=False,
    italic=False,
    underline=False,
    align: str = "justify",
    indent_first: float | None = 10,
    space_after: float = 4,
    font: str = FONT,
):
    """Add a paragraph with one run, formatted directly (templates may not share our styles)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if indent_first:
        fmt.first_line_indent = Mm(indent_first)
    if text:
        set_font(paragraph.add_run(text), size=size, bold=bold, italic=italic, underline=underline, font=font)
    return paragraph


def a4(document, *, top=20, bottom=20, left=30, right=15) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(float(top)), Mm(float(bottom))
        section.left_margin, section.right_margin = Mm(float(left)), Mm(float(right))


def borderless(table) -> None:
    tbl_pr = table._element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def default_font(document, size: float = 14) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(size)
    _all_scripts(style.element.get_or_add_rPr(), FONT)


def set_widths(table, widths) -> None:
    """Fixed column widths (Word and LibreOffice both honour cell and grid widths)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    tr_pr.append(element)


def drop_first_empty(cell) -> None:
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        cell._element.remove(first._element)


def letterhead_block(doc, head, *, number_line: str, place_date: str, subject: str = "") -> None:
    """The header of page 1 as the issuer's family writes it (see documents/issuers.py): superior line,
    issuer in bold, star, stars or rule, number (and a công văn's subject) on the left; the title lines
    and the place-date on the right."""
    state_like = head.family != "party" and head.family != "youth"
    size = 13 if state_like else 14
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    set_widths(table, (Mm(70), Mm(95)) if state_like else (Mm(72), Mm(93)))
    cant_split(table.rows[0])
    left, right = table.rows[0].cells
    lines = []
    if head.superior:
        lines.append((head.superior, size, False))
    lines += [(line, size, True) for line in head.issuer]
    mark = {"*": "*", "***": "***", "rule": "―――――"}[head.mark]
    lines.append((mark, 10 if head.mark == "rule" else size, False))
    lines.append((number_line, size, False))
    for text, pt, bold in lines:
        para(left, text, size=pt, bold=bold, align="center", indent_first=None, space_after=0)
    if subject:
        para(left, subject, size=12, italic=True, align="center", indent_first=None, space_after=0)
    drop_first_empty(left)
    if state_like:
        para(right, head.titles[0], size=12, bold=True, align="center", indent_first=None, space_after=0)
        para(right, head.titles[1], size=13, bold=True, underline=True, align="center", indent_first=None)
    else:
        para(right, head.titles[0], size=15, bold=True, underline=True, align="center", indent_first=None)
    para(right, place_date, size=size, italic=True, align="center", indent_first=None, space_after=0)
    drop_first_empty(right)


def signature_block(doc, signer, *, recipients: list[str], family: str = "party", space: int = 4) -> None:
    """Nơi nhận on the left; capacity, title, space for the signature and the name on the right. The row
    is never split across pages and the paragraph before it stays with it, so a name never stands alone."""
    previous = doc.paragraphs[-1] if doc.paragraphs else None
    if previous is not None:
        keep_with_next(previous)
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    set_widths(table, (Mm(80), Mm(85)))
    cant_split(table.rows[0])
    left, right = table.rows[0].cells
    state_like = family not in ("party", "youth")
    para(
        left,
        "Nơi nhận:",
        size=12,
        bold=True,
        italic=state_like,
        underline=not state_like,
        align="left",
        indent_first=None,
        space_after=0,
    )
    for line in recipients:
        para(left, line, size=11 if state_like else 12, align="left", indent_first=None, space_after=0)
    for line in signer.lines:
        para(right, line, size=14, bold=True, align="center", indent_first=None, space_after=0)
    for _ in range(space):
        para(right, "", size=14, align="center", indent_first=None, space_after=0)
    if signer.name:
        para(right, signer.name, size=14, bold=True, align="center", indent_first=None, space_after=0)
    for cell in (left, right):
        drop_first_empty(cell)
        for paragraph in cell.paragraphs:
            keep_with_next(paragraph)


def keep_signature_together(document) -> None:
    """The signature row of a document built from a template (which an administrator may replace):
    the row holding "Nơi nhận" is never split and the paragraph before it stays with it."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for tbl in body.iter(qn("w:tbl")):
        table = Table(tbl, document)
        for row in table.rows:
            if "Nơi nhận" not in "".join(t.text or "" for t in row._tr.iter(qn("w:t"))):
                continue
            if row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None:
                cant_split(row)
            for p in row._tr.iter(qn("w:p")):
                keep_with_next(Paragraph(p, table))
            previous = tbl.getprevious()
            if previous is not None and previous.tag == qn("w:p"):
                keep_with_next(Paragraph(previous, document))


def issuer_header(doc, unit, *, doc_type: str, day, number: int | None = None, subject: str = "", parent=None):
    """The header block of a document `unit` issues on `day` (documents/issuers.py decides its form);
    refuses, in Vietnamese, a unit without abbreviation or place. Returns the letterhead."""
    from guongsang.documents.issuers import letterhead, number_line, place_date

    head = letterhead(unit, parent=parent, day=day)
    letterhead_block(
        doc, head, number_line=number_line(unit, doc_type, number), place_date=place_date(unit, day), subject=subject
    )
    return head


def _field(paragraph, instruction: str, *, size: float = 14) -> None:
    """A Word field (PAGE, NUMPAGES) Word and LibreOffice fill in when they lay the document out."""
    run = paragraph.add_run()
    set_font(run, size=size)
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def page_numbers(doc, *, size: float = 14) -> None:
    """Page numbers from page 2, Arabic, centred in the top margin; page 1 carries none. A header that
    already holds text (a template's) keeps it, the number in a paragraph of its own below."""
    for section in doc.sections:
        section.different_first_page_header_footer = True
        section.header_distance = Mm(10)
        header = section.header
        blank = header.paragraphs and not any(p.text.strip() for p in header.paragraphs)
        paragraph = header.paragraphs[0] if blank else header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(paragraph, "PAGE", size=size)


def new_page(paragraph) -> None:
    """Start `paragraph` on a new page (no page-break paragraph, which can leave an empty page)."""
    paragraph.paragraph_format.page_break_before = True


def new_document(size: float = 14):
    """An A4 document whose Normal style is Times New Roman."""
    from docx import Document

    doc = Document()
    default_font(doc, size)
    a4(doc)
    return doc


def to_bytes(doc) -> bytes:
    import io

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def cell_text(cell, text: str, *, size: float = 12, bold=False, italic=False, align: str = "left"):
    """Write a line into a table cell; the empty paragraph every new cell starts with is dropped."""
    paragraph = para(cell, text, size=size, bold=bold, italic=italic, align=align, indent_first=None, space_after=0)
    first = cell.paragraphs[0]
    if first._element is not paragraph._element and not first.text:
        cell._element.remove(first._element)
    return paragraph


def grid_table(container, titles: list[str], *, size: float = 12):
    """A bordered table with a bold, centred header row."""
    table = container.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell_text(cell, title, size=size, bold=True, align="center")
    return table


def grid_row(table, values: list[str], *, size: float = 12, aligns: list[str] | None = None) -> None:
    for cell, value, align in zip(table.add_row().cells, values, aligns or ["left"] * len(values), strict=True):
        cell_text(cell, value, size=size, align=align)
