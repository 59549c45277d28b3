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
import re
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


def plan_template_path(family: str) -> Path:
    """The plan template for an issuer of `family`. An uploaded template that prints no `heading` (one
    made for the Party's header alone, with its name and star written in) serves Party issuers only;
    the others get the packaged one, whose header follows their family."""
    path = template_path("ke_hoach")
    if family != "party" and path != PACKAGED / "ke_hoach.docx" and not _mentions(path, "heading"):
        return PACKAGED / "ke_hoach.docx"
    return path


def _mentions(path: Path, name: str) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8", "replace")
    return re.search(r"\{[{%][^}]*\b" + name + r"\b", re.sub(r"<[^>]+>", "", xml)) is not None


def build_plan_template(path: Path) -> None:
    """Kế hoạch: header block, title, body, signature, outline. The header is the issuer's family's
    (documents/issuers.py): the superior line when there is one, the issuer's lines, its mark ("*", "***"
    or a short rule) and number on the left; on the right the Party's or the Đoàn's name (`heading`), or the
    national name and motto."""
    doc = Document()
    default_font(doc)
    a4(doc)
    header = doc.add_table(rows=1, cols=2)
    borderless(header)
    set_widths(header, (Mm(72), Mm(93)))
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    for text, bold in (
        ("{%p if parent_org %}", False),
        ("{{ parent_org }}", False),
        ("{%p endif %}", False),
        ("{%p for line in issuer_lines %}", False),
        ("{{ line }}", True),
        ("{%p endfor %}", False),
        ("{{ mark }}", False),
        ("{{ number_line }}", False),
    ):
        para(left, text, size=14, bold=bold, align="center", indent_first=None, space_after=0)
    left._element.remove(left.paragraphs[0]._element)
    para(right, "{%p if heading %}", indent_first=None, space_after=0)
    para(right, "{{ heading }}", size=15, bold=True, underline=True, align="center", indent_first=None, space_after=6)
    para(right, "{%p else %}", indent_first=None, space_after=0)
    para(right, "{{ national_name }}", size=12, bold=True, align="center", indent_first=None, space_after=0)
    para(right, "{{ motto }}", size=13, bold=True, underline=True, align="center", indent_first=None, space_after=6)
    para(right, "{%p endif %}", indent_first=None, space_after=0)
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

    from guongsang.documents.vndate import short_date

    tpl = DocxTemplate(io.BytesIO(frame))
    content = tpl.new_subdoc(io.BytesIO(built))
    context = {CONTENT: content, "ten_van_ban": title, "don_vi": unit, "ngay": short_date(day) if day else ""}
    tpl.render(context, jinja_env=template_environment(), autoescape=True)
    return finish_rendered(tpl)


def template_environment():
    """Placeholders are evaluated in Jinja's sandbox, and a name the context lacks is an error (caught
    when the template is uploaded), not a blank."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined)


def finish_rendered(tpl) -> bytes:
    """A rendered template read back as it will be saved (docxtpl writes new header and footer parts,
    which the object it rendered from no longer shows): page numbers from page 2 when the template has
    none, page 1 keeping the template's own header and footer, the signature row kept together."""
    from docx import Document as Open

    from guongsang.documents.docx import keep_signature_together, page_numbers

    out = io.BytesIO()
    tpl.save(out)
    document = Open(io.BytesIO(out.getvalue()))
    if not any(_has_page_field(section) for section in document.sections):
        for section in document.sections:
            if section.different_first_page_header_footer:
                continue
            for own, first in (
                (section.header, section.first_page_header),
                (section.footer, section.first_page_footer),
            ):
                if own.is_linked_to_previous:
                    continue
                target = first._element
                for child in list(target):
                    target.remove(child)
                for child in own._element:
                    target.append(copy.deepcopy(child))
        page_numbers(document)
    keep_signature_together(document)
    final = io.BytesIO()
    document.save(final)
    return final.getvalue()


def _has_page_field(section) -> bool:
    from docx.oxml.ns import qn

    for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
        if part.is_linked_to_previous:
            continue
        texts = [t.text or "" for t in part._element.iter(qn("w:instrText"))]
        texts += [f.get(qn("w:instr")) or "" for f in part._element.iter(qn("w:fldSimple"))]
        if any("PAGE" in t for t in texts):
            return True
    return False


_FRAME_PLACE = re.compile(r"\{\{p\s*" + CONTENT + r"\s*\}\}")


def _sample_document() -> bytes:
    from guongsang.documents.docx import new_document, para, to_bytes

    doc = new_document()
    para(doc, "Nội dung thử của mẫu.")
    return to_bytes(doc)


def check_template(name: str, data: bytes) -> None:
    """Refuse, in Vietnamese, a replacement template that would not render: not a .docx, no place for
    the document (a frame's `{{p noi_dung }}`, the plan's `{{p body }}`), or a placeholder that fails
    when rendered with sample data (a typo, an unknown name, an expression that raises)."""
    from django.core.exceptions import ValidationError
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        xml = tpl.get_xml()
    except Exception:
        raise ValidationError("Không mở được tệp mẫu: hãy lưu lại bằng Word dưới dạng .docx rồi tải lên.") from None
    plain = re.sub(r"<[^>]+>", "", xml)  # placeholders split across Word's runs read as one text
    if name in FRAMES and not _FRAME_PLACE.search(plain):
        raise ValidationError(
            "Mẫu khung phải có một đoạn riêng ghi {{p noi_dung }} — nơi đặt nội dung văn bản do hệ thống tạo."
        )
    if name == "ke_hoach" and not re.search(r"\{\{p\s*body\s*\}\}", plain):
        raise ValidationError("Mẫu kế hoạch phải có một đoạn riêng ghi {{p body }} — nơi đặt nội dung kế hoạch.")
    try:
        if name in FRAMES:
            fill_frame(data, _sample_document(), title="Văn bản thử", unit="Đơn vị thử")
        else:
            _try_plan(data)
    except Exception as exc:
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise ValidationError(
            f"Mẫu không tạo được văn bản ({detail[:200]}); hãy sửa chỗ giữ chỗ rồi tải lên."
        ) from None


PLAN_FIELDS = (
    "parent_org",
    "issuer_name",
    "issuer_lines",
    "mark",
    "heading",
    "national_name",
    "motto",
    "number_line",
    "place_date",
    "doc_type_name",
    "title",
    "signer_capacity",
    "signer_title",
    "signer_name",
)


def _try_plan(data: bytes) -> None:
    from docxtpl import DocxTemplate

    # Twice: with the Party's or the Đoàn's name on the right, and with the national name and motto, so a
    # broken placeholder in either branch of the header is found now, not at a Mặt trận's first plan.
    for heading in ("thử", ""):
        tpl = DocxTemplate(io.BytesIO(data))
        context: dict = {key: "thử" for key in PLAN_FIELDS}
        context.update(issuer_lines=["thử"], heading=heading)
        for key in ("body", "recipients", "outline"):
            context[key] = tpl.new_subdoc(io.BytesIO(_sample_document()))
        tpl.render(context, jinja_env=template_environment(), autoescape=True)
        finish_rendered(tpl)


BUILDERS = {"ke_hoach": build_plan_template, **{name: build_frame_template for name in FRAMES}}


def build_all() -> list[Path]:
    out = []
    for name, builder in BUILDERS.items():
        path = PACKAGED / f"{name}.docx"
        builder(path)
        out.append(path)
    return out
