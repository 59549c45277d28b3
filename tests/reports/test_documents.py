import io

import pytest
from docx import Document

from guongsang.accounts.models import Role
from guongsang.reports import services
from guongsang.reports.documents import match_sections, report_docx
from tests.docx_text import docx_text
from tests.reports.test_services import plan, save  # noqa: F401  (fixture)


def test_the_report_document_has_every_section_and_indicator_table(cast, plan):  # noqa: F811
    save(cast, plan, plan.s1, "<p>Đã quán triệt</p><ul><li>Chi bộ thôn 1</li></ul>", {"van-ban": "4"})
    save(cast, plan, plan.s2, "Kết quả nổi bật.", {"tuyen-truyen": {"2024": "8"}, "mo-hinh": [["Dân vận khéo", "Tốt"]]})
    text = docx_text(report_docx(services.report_for(plan, cast.commune)))
    for needle in (
        "ĐẢNG BỘ HUYỆN LẠC DƯƠNG\nĐẢNG ỦY XÃ LÁT\n*\nSố     -BC/ĐU",  # the đảng bộ above, its committee
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO",
        "Sơ kết 05 năm",
        "I. LÃNH ĐẠO, CHỈ ĐẠO",
        "II. KẾT QUẢ",
        "Đã quán triệt",
        "- Chi bộ thôn 1",
        "Số văn bản",
        "4",
        "năm 2024: 8",
        "Dân vận khéo",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Kế hoạch số 04-KH/HU",
    ):
        assert needle in text, needle


def test_headings_of_a_word_report_are_matched_and_nothing_is_lost(cast, plan):  # noqa: F811
    paragraphs = [
        "BÁO CÁO sơ kết",
        "Lời mở đầu của chi bộ.",
        "I- Lãnh đạo, chỉ đạo",
        "Đã ban hành 4 văn bản.",
        "II. KET QUA",
        "Xây dựng 3 mô hình.",
        "Phần phụ lục không khớp",
        "III. Một mục lạ",
    ]
    result = match_sections(paragraphs, list(plan.sections.all()))
    assert result.placed[plan.s1.pk] == ["Đã ban hành 4 văn bản."]
    assert result.placed[plan.s2.pk] == ["Xây dựng 3 mô hình.", "Phần phụ lục không khớp", "III. Một mục lạ"]
    assert result.unplaced == ["BÁO CÁO sơ kết", "Lời mở đầu của chi bộ."]
    placed = sum(len(v) for v in result.placed.values()) + len(result.unplaced) + len(result.placed)
    assert placed == len(paragraphs)


def test_importing_a_docx_fills_the_sections(cast, plan, client):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    doc = Document()
    for line in ("I. LÃNH ĐẠO, CHỈ ĐẠO", "Đã ban hành 4 văn bản.", "II. KẾT QUẢ", "Có 3 mô hình."):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    report = services.report_for(plan, cast.commune)
    client.force_login(cast.users[Role.SUBMITTER])
    client.post(
        reverse("reports:import_docx", kwargs={"pk": report.pk}),
        {"tep": SimpleUploadedFile("bao-cao.docx", out.getvalue())},
    )
    assert report.answers.get(section=plan.s1).text == "Đã ban hành 4 văn bản."
    assert report.answers.get(section=plan.s2).text == "Có 3 mô hình."
    page = client.post(
        reverse("reports:import_docx", kwargs={"pk": report.pk}),
        {"tep": SimpleUploadedFile("hong.docx", b"PK\x03\x04 broken")},
    ).content.decode()
    assert "không phải là văn bản Word (.docx) hợp lệ" in page


def test_a_word_import_is_all_sections_or_none(cast, plan, monkeypatch):  # noqa: F811
    """The second section changed meanwhile: the first one is not written either, and the message
    says which section stopped the import."""
    report = services.report_for(plan, cast.commune)
    original = services.save_section
    calls = []

    def second_conflicts(**kwargs):
        calls.append(kwargs["section"].pk)
        if len(calls) == 2:
            raise services.ReportConflict(mine="", theirs="", revision=3, by="bithu")
        return original(**kwargs)

    monkeypatch.setattr(services, "save_section", second_conflicts)
    placed = {plan.s1.pk: ["Đã ban hành 4 văn bản."], plan.s2.pk: ["Có 3 mô hình."]}
    with pytest.raises(services.ReportError, match="Mục II vừa được bithu sửa; chưa đưa gì vào báo cáo"):
        services.import_sections(actor=cast.users[Role.SUBMITTER], report=report, placed=placed)
    assert len(calls) == 2
    assert not report.answers.exclude(text="").exists()
    monkeypatch.setattr(services, "save_section", original)
    assert services.import_sections(actor=cast.users[Role.SUBMITTER], report=report, placed=placed) == 2
    assert report.answers.get(section=plan.s1).text == "Đã ban hành 4 văn bản."
