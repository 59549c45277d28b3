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


def party_header(doc, unit, *, number_line: str, day=None) -> None:
    """The Party header block of a unit's own document: parent and unit on the left, the Party's name and
    place-date on the right."""
    from django.utils import timezone

    from guongsang.documents.vndate import place_and_date

    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    set_widths(table, (Mm(72), Mm(93)))
    left, right = table.rows[0].cells
    parent = unit.parent_unit()
    for text, bold in (
        ((parent.name.upper() if parent else ""), False),
        (unit.name.upper(), True),
        ("*", False),
        (number_line, False),
    ):
        para(left, text, size=13, bold=bold, align="center", indent_first=None, space_after=0)
    left._element.remove(left.paragraphs[0]._element)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True, align="center", indent_first=None)
    para(
        right,
        place_and_date(unit.place_name or "…", day or timezone.localdate()),
        size=14,
        italic=True,
        align="center",
        indent_first=None,
    )
    right._element.remove(right.paragraphs[0]._element)


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
