"""The packaged .docx templates (docxtpl), and where an administrator's replacement is found.

`python manage.py build_templates` writes the packaged files from the code below; an administrator
replaces one by uploading a .docx with the same placeholders (admin: "Mẫu văn bản").

The plan's template places each field itself. Every other kind of document has a frame: a .docx whose
page setup, header, footer, fonts and fixed text are the administrator's, with `{{p noi_dung }}` where
the document built by the app goes (and optional fields: `{{ ten_van_ban }}`, `{{ don_vi }}`,
`{{ ngay }}`). The packaged frame holds nothing but that placeholder, so without a replacement the
document is the app's own layout, unchanged.
"""

from __future__ import annotations

import copy
import io
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


CONTENT = "noi_dung"
FRAMES = {
    "bao_cao": "Báo cáo (của đơn vị, tổng hợp)",
    "to_trinh": "Tờ trình đề nghị khen thưởng, kèm danh sách",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "quyet_dinh": "Quyết định khen thưởng, kèm danh sách",
    "to_trinh_cap_tren": "Tờ trình đề nghị khen thưởng cấp trên",
    "sach_mo_hinh": "Sách mô hình, gương tiêu biểu",
}


def build_frame_template(path: Path) -> None:
    """A frame: A4, the body font, and the placeholder for the document the app builds."""
    doc = Document()
    default_font(doc)
    a4(doc)
    para(doc, "{{p " + CONTENT + " }}", indent_first=None)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def framed(name: str, built: bytes, *, title: str = "", unit: str = "", day=None) -> bytes:
    """`built` (the app's .docx of a document of kind `name`) inside the administrator's frame for that
    kind, if one was uploaded; unchanged otherwise."""
    from guongsang.documents.models import DocumentTemplate

    custom = DocumentTemplate.objects.filter(name=name).first()
    if custom is None:
        return built
    with custom.file.open("rb") as f:
        return fill_frame(f.read(), built, title=title, unit=unit, day=day)


def fill_frame(frame: bytes, built: bytes, *, title: str = "", unit: str = "", day=None) -> bytes:
    from docxtpl import DocxTemplate

    from guongsang.documents.docx import keep_signature_together, page_numbers
    from guongsang.documents.vndate import short_date

    tpl = DocxTemplate(io.BytesIO(frame))
    content = tpl.new_subdoc(io.BytesIO(built))
    tpl.render(
        {CONTENT: content, "ten_van_ban": title, "don_vi": unit, "ngay": short_date(day) if day else ""},
        autoescape=True,
    )
    document = tpl.docx
    if not any(_has_page_field(section) for section in document.sections):
        page_numbers(document)  # from page 2: page 1 gets its own footer, the frame's one copied
        for section in document.sections:
            if not section.footer.is_linked_to_previous:
                first = section.first_page_footer._element
                for child in list(first):
                    first.remove(child)
                for child in section.footer._element:
                    first.append(copy.deepcopy(child))
    keep_signature_together(document)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def _has_page_field(section) -> bool:
    from docx.oxml.ns import qn

    for part in (section.header, section.first_page_header, section.footer):
        if part.is_linked_to_previous:
            continue
        texts = [t.text or "" for t in part._element.iter(qn("w:instrText"))]
        texts += [f.get(qn("w:instr")) or "" for f in part._element.iter(qn("w:fldSimple"))]
        if any("PAGE" in t for t in texts):
            return True
    return False


def check_template(name: str, data: bytes) -> None:
    """Refuse, in Vietnamese, a replacement template that would not render: not a .docx, a broken
    placeholder, or (for a frame) no place for the document."""
    from django.core.exceptions import ValidationError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    try:
        tpl = DocxTemplate(io.BytesIO(data))
        text = "\n".join(p.text for p in tpl.get_docx().paragraphs)
        tpl.get_undeclared_template_variables()
    except TemplateError as exc:
        raise ValidationError(f"Mẫu có chỗ giữ chỗ viết sai ({exc.message}); hãy sửa lại rồi tải lên.") from None
    except Exception:
        raise ValidationError("Không mở được tệp mẫu: hãy lưu lại bằng Word dưới dạng .docx rồi tải lên.") from None
    if name in FRAMES and CONTENT not in text:
        raise ValidationError(
            "Mẫu khung phải có một đoạn riêng ghi {{p noi_dung }} — nơi đặt nội dung văn bản do hệ thống tạo."
        )


BUILDERS = {"ke_hoach": build_plan_template, **{name: build_frame_template for name in FRAMES}}


def build_all() -> list[Path]:
    out = []
    for name, builder in BUILDERS.items():
        path = PACKAGED / f"{name}.docx"
        builder(path)
        out.append(path)
    return out
