"""The packaged .docx templates (docxtpl), and where an administrator's replacement is found.

`python manage.py build_templates` writes the packaged files from the code below; an administrator
replaces one by uploading a .docx with the same placeholders (admin: "Mẫu văn bản").
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Mm

from guongsang.documents.docx import a4, borderless, default_font, para, set_widths

PACKAGED = Path(__file__).resolve().parent / "templates_docx"


def template_path(name: str) -> Path:
    from guongsang.documents.models import DocumentTemplate

    custom = DocumentTemplate.objects.filter(name=name).first()
    if custom is not None:
        return Path(custom.file.path)
    return PACKAGED / f"{name}.docx"


def build_plan_template(path: Path) -> None:
    """Kế hoạch in the Party's presentation: header block, title, body, signature, outline."""
    doc = Document()
    default_font(doc)
    a4(doc)
    header = doc.add_table(rows=1, cols=2)
    borderless(header)
    set_widths(header, (Mm(72), Mm(93)))
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    for text, bold in (
        ("{{ parent_org }}", False),
        ("{{ issuer_name }}", True),
        ("*", False),
        ("{{ number_line }}", False),
    ):
        para(left, text, size=14, bold=bold, align="center", indent_first=None, space_after=0)
    left._element.remove(left.paragraphs[0]._element)
    para(
        right,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        size=15,
        bold=True,
        underline=True,
        align="center",
        indent_first=None,
        space_after=6,
    )
    para(right, "{{ place_date }}", size=14, italic=True, align="center", indent_first=None)
    right._element.remove(right.paragraphs[0]._element)
    para(doc, "", space_after=6)
    para(doc, "{{ doc_type_name }}", size=16, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, "{{ title }}", size=14, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, "-----", size=14, align="center", indent_first=None, space_after=12)
    para(doc, "{{p body }}", indent_first=None)
    sign = doc.add_table(rows=1, cols=2)
    borderless(sign)
    set_widths(sign, (Mm(85), Mm(80)))
    left, right = sign.rows[0].cells
    para(left, "Nơi nhận:", size=12, bold=True, underline=True, align="left", indent_first=None, space_after=0)
    para(left, "{{p recipients }}", size=12, align="left", indent_first=None)
    left._element.remove(left.paragraphs[0]._element)
    for text in ("{{ signer_capacity }}", "{{ signer_title }}"):
        para(right, text, size=14, bold=True, align="center", indent_first=None, space_after=0)
    for _ in range(4):
        para(right, "", indent_first=None, space_after=0)
    para(right, "{{ signer_name }}", size=14, bold=True, align="center", indent_first=None)
    right._element.remove(right.paragraphs[0]._element)
    para(doc, "{{p outline }}", indent_first=None)  # the outline starts on a new page of its own
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


BUILDERS = {"ke_hoach": build_plan_template}


def build_all() -> list[Path]:
    out = []
    for name, builder in BUILDERS.items():
        path = PACKAGED / f"{name}.docx"
        builder(path)
        out.append(path)
    return out
