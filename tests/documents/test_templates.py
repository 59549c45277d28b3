"""An administrator's frame for each kind of document: the app's document goes where `{{p noi_dung }}`
stands, the frame's own header, footer and fixed text around it; a frame that would not render is
refused with a Vietnamese message; without a frame the app's layout is used unchanged."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from guongsang.documents.admin import TemplateForm
from guongsang.documents.checker import check_docx
from guongsang.documents.docx import para
from guongsang.documents.models import DocumentTemplate
from guongsang.documents.templates import FRAMES, fill_frame, framed
from guongsang.reports.documents import report_docx
from guongsang.reports.models import Report
from tests.docx_text import docx_text

pytestmark = pytest.mark.django_db


def _frame(body: list[str], header: str = "", footer: str = "") -> bytes:
    doc = Document()
    for text in body:
        para(doc, text, indent_first=None)
    section = doc.sections[0]
    if header:
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.is_linked_to_previous = False
        section.footer.paragraphs[0].text = footer
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_every_kind_of_document_has_a_replaceable_template():
    names = {value for value, _label in DocumentTemplate.Name.choices}
    assert set(FRAMES) | {"ke_hoach"} == names
    assert {"bao_cao", "to_trinh", "bao_cao_thanh_tich", "quyet_dinh", "to_trinh_cap_tren", "sach_mo_hinh"} <= names


def test_without_a_frame_the_document_is_the_apps_own():
    assert framed("bao_cao", b"unchanged bytes") == b"unchanged bytes"


def test_a_report_is_put_into_the_administrators_frame_and_still_passes_the_checker(demo):
    report = Report.objects.exclude(submitted_at=None).select_related("unit", "campaign").order_by("pk").first()
    plain = report_docx(report)
    frame = _frame(
        ["{{p noi_dung }}", "Văn bản tạo từ hệ thống Gương Sáng — {{ don_vi }}, {{ ngay }}."],
        footer="Lưu hành nội bộ",
    )
    DocumentTemplate.objects.create(
        name="bao_cao", file=SimpleUploadedFile("khung.docx", frame, content_type="application/octet-stream")
    )
    data = report_docx(report)
    assert data != plain
    text = docx_text(data, footers=True)
    assert "Lưu hành nội bộ" in text  # the frame's footer
    first = Document(io.BytesIO(data)).sections[0].first_page_footer
    assert "Lưu hành nội bộ" in "".join(p.text for p in first.paragraphs)  # on page 1 too
    assert f"Văn bản tạo từ hệ thống Gương Sáng — {report.unit.name}," in text  # the frame's own line, filled
    assert "BÁO CÁO" in text and "Nơi nhận:" in text  # the app's document inside
    assert "{{" not in text and "noi_dung" not in text
    assert check_docx(data, family="party") == []  # header, signature together, page numbers (added)


def test_a_frame_without_a_place_for_the_document_is_refused_in_vietnamese():
    form = TemplateForm(
        data={"name": "quyet_dinh"},
        files={"file": SimpleUploadedFile("khung.docx", _frame(["Chỉ có chữ, không có chỗ cho nội dung."]))},
    )
    assert not form.is_valid()
    assert "{{p noi_dung }}" in " ".join(form.errors["file"])
    assert not DocumentTemplate.objects.exists()


@pytest.mark.parametrize(
    "line",
    [
        "{{ don_vi ",  # unclosed
        "{{ x.y }}",  # a name the context lacks
        "{{ 1/0 }}",  # raises when rendered
        "{{ ''.__class__.__mro__ }}",  # reaching into Python: the sandbox refuses
    ],
)
def test_a_frame_whose_placeholder_fails_is_refused_in_vietnamese(line):
    form = TemplateForm(
        data={"name": "bao_cao"},
        files={"file": SimpleUploadedFile("khung.docx", _frame(["{{p noi_dung }}", line]))},
    )
    assert not form.is_valid()
    assert "Mẫu không tạo được văn bản" in " ".join(form.errors["file"])


@pytest.mark.parametrize("line", ["{{ noi_dung }}", "noi_dung"])
def test_a_frame_without_the_paragraph_placeholder_is_refused(line):
    form = TemplateForm(data={"name": "bao_cao"}, files={"file": SimpleUploadedFile("khung.docx", _frame([line]))})
    assert not form.is_valid()
    assert "{{p noi_dung }}" in " ".join(form.errors["file"])


def test_a_plan_template_without_its_body_is_refused():
    form = TemplateForm(
        data={"name": "ke_hoach"}, files={"file": SimpleUploadedFile("mau.docx", _frame(["{{ issuer_name }}"]))}
    )
    assert not form.is_valid()
    assert "{{p body }}" in " ".join(form.errors["file"])


def test_a_plan_template_whose_national_name_branch_fails_is_refused():
    """The header's second branch (national name and motto, for the Mặt trận, mass organisations and
    State bodies) is tried too: a misspelt name there is found at upload, not at such an issuer's plan."""
    lines = ["{%p if heading %}", "{{ heading }}", "{%p else %}", "{{ moto }}", "{%p endif %}", "{{p body }}"]
    form = TemplateForm(data={"name": "ke_hoach"}, files={"file": SimpleUploadedFile("mau.docx", _frame(lines))})
    assert not form.is_valid()
    assert "moto" in " ".join(form.errors["file"])
    assert not DocumentTemplate.objects.exists()


def test_a_frames_own_header_and_footer_are_rendered_on_every_page_with_the_number_from_page_2():
    built = Document()
    for i in range(60):
        para(built, f"Đoạn {i} của văn bản.", indent_first=None)
    out = io.BytesIO()
    built.save(out)
    data = fill_frame(
        _frame(["{{p noi_dung }}"], header="ĐẦU TRANG {{ don_vi }}", footer="CHÂN TRANG {{ don_vi }}"),
        out.getvalue(),
        unit="Huyện ủy Lạc Dương",
    )
    section = Document(io.BytesIO(data)).sections[0]
    for part in (section.header, section.first_page_header):
        assert "ĐẦU TRANG Huyện ủy Lạc Dương" in "".join(p.text for p in part.paragraphs)
    for part in (section.footer, section.first_page_footer):
        assert "CHÂN TRANG Huyện ủy Lạc Dương" in "".join(p.text for p in part.paragraphs)
    instr = lambda part: " ".join(  # noqa: E731
        t.text or ""
        for t in part._element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")
    )
    assert "PAGE" in instr(section.header) and "PAGE" not in instr(section.first_page_header)


def test_a_good_frame_is_accepted():
    form = TemplateForm(
        data={"name": "to_trinh"}, files={"file": SimpleUploadedFile("khung.docx", _frame(["{{p noi_dung }}"]))}
    )
    assert form.is_valid(), form.errors


def test_page_numbers_are_added_only_when_the_frame_has_none():
    built = Document()
    para(built, "Nội dung", indent_first=None)
    out = io.BytesIO()
    built.save(out)
    data = fill_frame(_frame(["{{p noi_dung }}"]), out.getvalue())
    document = Document(io.BytesIO(data))
    instr = " ".join(
        t.text or ""
        for t in document.sections[0].header._element.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText"
        )
    )
    assert "PAGE" in instr
    assert "Nội dung" in docx_text(data, footers=True)


@pytest.mark.parametrize("name", sorted(["ke_hoach", *FRAMES]))
def test_the_packaged_templates_pass_the_upload_check(name):
    from guongsang.documents.templates import PACKAGED, check_template

    check_template(name, (PACKAGED / f"{name}.docx").read_bytes())  # raises ValidationError if not


def test_an_uploaded_plan_template_with_the_partys_header_written_in_serves_party_issuers_only(demo):
    """A template made before the header followed the issuer (the Party's name and star typed in, no
    `heading`) keeps serving Party committees; a Mặt trận's plan is made from the packaged template."""
    from guongsang.campaigns.documents import render_plan_docx
    from guongsang.campaigns.models import Campaign

    lines = ["ĐẢNG CỘNG SẢN VIỆT NAM — MẪU RIÊNG", "{{ issuer_name }}", "*", "{{ number_line }}", "{{p body }}"]
    DocumentTemplate.objects.create(
        name="ke_hoach", file=SimpleUploadedFile("mau.docx", _frame(lines), content_type="application/octet-stream")
    )
    party = Campaign.objects.exclude(number=None).filter(issuer__code="LD-HU").first()
    assert "MẪU RIÊNG" in docx_text(render_plan_docx(party))
    front = Campaign.objects.get(issuer__code="LD-MTTQ")
    data = render_plan_docx(front)
    assert "MẪU RIÊNG" not in docx_text(data) and "ĐẢNG CỘNG SẢN VIỆT NAM" not in docx_text(data)
    assert check_docx(data, family="front") == []
