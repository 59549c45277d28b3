"""Every kind of document of the demo, rendered, converted to PDF and read back by the checker; and the
text faults found in them once (proper names lower-cased, punctuation doubled, a grantor written twice,
the purpose of a recipient after its separator, text cut inside a word)."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from guongsang.campaigns.documents import plan_parts, recipient_lines
from guongsang.campaigns.models import AwardForm, Campaign, Deadline, QuotaRule, Recipient, Reference
from guongsang.documents.checker import check_docx
from guongsang.documents.gallery import render_all
from guongsang.lib.text import common_noun, shorten, strip_end
from guongsang.nominations.documents import achievement_report
from guongsang.nominations.models import Nomination
from guongsang.org.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast_campaign(demo):
    return Campaign.objects.exclude(status=Campaign.Status.DRAFT).order_by("pk").first()


def test_every_kind_of_document_of_the_demo_passes_the_checker_as_docx_and_as_pdf(demo, tmp_path):
    results = render_all(tmp_path, pictures=False)
    kinds = {r.sample.kind for r in results}
    for needed in (
        "Kế hoạch",
        "Báo cáo tổng hợp",
        "Tờ trình đề nghị khen thưởng",
        "Báo cáo thành tích (cá nhân)",
        "Báo cáo thành tích (tập thể)",
        "Quyết định khen thưởng (Đảng)",
        "Quyết định khen thưởng (Nhà nước)",
        "Giấy khen (in lên phôi)",
        "Sách mô hình, gương tiêu biểu",
        "Số liệu tổng hợp (Excel)",
    ):
        assert needed in kinds, kinds
    families = {r.sample.family for r in results if r.sample.kind.startswith("Báo cáo đơn vị")}
    assert {"party", "state", "front", "youth", "mass"} <= families
    assert {"party", "front"} <= {r.sample.family for r in results if r.sample.kind == "Kế hoạch"}
    assert {r.sample.name: r.problems for r in results if r.problems} == {}
    printed = [r for r in results if r.sample.extension in ("docx", "pdf")]
    assert all(r.pages >= 1 for r in printed), [(r.sample.name, r.pages) for r in printed]
    assert all(f"{r.sample.name}.pdf" in r.files for r in printed)


def test_the_command_writes_the_table_and_fails_on_an_empty_database(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có văn bản nào"):
        call_command("render_documents", str(tmp_path), "--no-pictures")


@pytest.mark.parametrize(
    ("name", "in_sentence"),
    [
        ("Chi bộ cơ sở", "chi bộ cơ sở"),
        ("Đảng ủy xã / phường / đặc khu", "đảng ủy xã / phường / đặc khu"),
        ("Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc Việt Nam"),
        ("Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        ("Công đoàn", "công đoàn"),
    ],
)
def test_a_kind_of_unit_inside_a_sentence_keeps_a_proper_names_capitals(name, in_sentence):
    assert common_noun(name) == in_sentence


def test_a_quota_line_does_not_lower_case_the_front(cast_campaign):
    front = UnitKind.objects.get(code="mttq")
    rule = QuotaRule(campaign=cast_campaign, unit_kind=front, mode=QuotaRule.Mode.EITHER, collectives=1, individuals=1)
    assert rule.describe() == "Mỗi Mặt trận Tổ quốc Việt Nam lựa chọn, đề xuất 01 tập thể hoặc 01 cá nhân."
    rule.unit_kind = UnitKind.objects.get(code="chi-bo-co-so")
    assert rule.describe().startswith("Mỗi chi bộ cơ sở lựa chọn")


@pytest.mark.parametrize(
    ("name", "granted_by", "full"),
    [
        ("Giấy khen", "Ban Thường vụ Huyện ủy", "Giấy khen của Ban Thường vụ Huyện ủy"),
        ("Giấy khen của Ban Thường vụ Huyện ủy", "Ban Thường vụ Huyện ủy", "Giấy khen của Ban Thường vụ Huyện ủy"),
        ("Giấy khen của ban thường vụ huyện ủy", "Ban Thường vụ Huyện ủy", "Giấy khen của ban thường vụ huyện ủy"),
        ("Bằng khen", "", "Bằng khen"),
    ],
)
def test_an_award_form_names_its_grantor_once(name, granted_by, full):
    assert AwardForm(name=name, granted_by=granted_by).full_name == full


def test_recipients_put_their_purpose_before_the_separator_and_end_with_a_full_stop():
    lines = recipient_lines(
        [
            Recipient(name="Ban Tuyên giáo Tỉnh ủy", purpose=Recipient.Purpose.REPORT),
            Recipient(name="Các chi bộ trực thuộc;", purpose=Recipient.Purpose.CARRY_OUT),
            Recipient(name="Mặt trận và các đoàn thể", purpose=""),
            Recipient(name="Lưu Văn phòng Đảng ủy", purpose=Recipient.Purpose.FILE),
        ]
    )
    assert lines == [
        "- Ban Tuyên giáo Tỉnh ủy (để báo cáo);",
        "- Các chi bộ trực thuộc (để thực hiện);",
        "- Mặt trận và các đoàn thể;",
        "- Lưu Văn phòng Đảng ủy.",
    ]


def test_plan_lines_do_not_double_punctuation(cast_campaign):
    c = cast_campaign
    Deadline.objects.create(
        campaign=c, what="Báo cáo sơ kết.", due_at="2026-12-20T16:59:00Z", kind=Deadline.Kind.REPORT, audience=""
    )
    Reference.objects.create(
        campaign=c, kind=Reference.Kind.IMPLEMENTS, symbol="36-HD/BTGTW", title="việc sơ kết cụ thể như sau:"
    )
    text = "\n".join(t for _, items in plan_parts(c) for _, t in items)
    assert "Báo cáo sơ kết: chậm nhất 23:59 ngày 20/12/2026." in text
    assert ".:" not in text
    from guongsang.campaigns.documents import _references_sentence

    sentence = _references_sentence(Campaign.objects.get(pk=c.pk))
    assert "như sau:;" not in sentence and "như sau:," not in sentence
    assert "về việc sơ kết cụ thể như sau, Ban Thường vụ" in sentence


@pytest.mark.parametrize("limit", [10, 11, 12, 25, 40])
def test_shortened_text_is_never_cut_inside_a_word(limit):
    text = "Hồ sơ đề nghị khen thưởng gửi về Đảng ủy Khối, qua Ban Tuyên giáo"
    cut = shorten(text, limit, "…")
    assert len(cut) <= limit
    assert cut.endswith("…")
    words = set(text.replace(",", "").split())
    assert all(w in words for w in cut[:-1].replace(",", "").split()), cut
    assert shorten(text, len(text)) == text  # not cut when it fits exactly
    assert shorten(text, 300) == text


def test_strip_end_drops_only_trailing_punctuation():
    assert strip_end("Báo cáo (theo đề cương).") == "Báo cáo (theo đề cương)"
    assert strip_end("cụ thể như sau: ") == "cụ thể như sau"
    assert strip_end("Kế hoạch số 05-KH/ĐU") == "Kế hoạch số 05-KH/ĐU"


def test_the_achievement_report_is_a_form_with_its_signatures_kept_together_and_page_numbers(demo, django_user_model):
    admin = django_user_model.objects.filter(is_superuser=True).first()
    n = Nomination.objects.exclude(state=Nomination.State.DRAFT).filter(kind="individual").first()
    data = achievement_report(n, viewer=admin)
    assert check_docx(data, family="form") == []
    document = Document(io.BytesIO(data))
    last = document.tables[-1]
    assert (
        last.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit")
        is not None
    )
    right = [p.text for p in last.rows[0].cells[1].paragraphs if p.text]
    assert right[0] == "NGƯỜI BÁO CÁO THÀNH TÍCH"
    assert right[-1] == n.person.full_name  # the name under the signature
    assert "…" not in "".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Kết nạp được 1.250 đảng viên mới trong năm", 22, "Kết nạp được 1.250…"),
        ("Tỷ lệ đạt 97,5 phần trăm, vượt chỉ tiêu đề ra", 18, "Tỷ lệ đạt 97,5…"),
        ("Hoàn thành tốt; vượt chỉ tiêu đề ra của năm", 30, "Hoàn thành tốt…"),
        ("abcdef", 0, ""),
        ("abcdef", 1, "…"),
    ],
)
def test_shortened_text_keeps_numbers_whole_and_respects_the_limit(text, limit, expected):
    cut = shorten(text, limit, "…")
    assert cut == expected
    assert len(cut) <= limit
