"""The consolidated draft: every sentence traced to its unit reports, repetitions merged, figures
summed; only accepted reports count. Roll-up: the draft becomes this unit's report in the parent
campaign, and the parent's figures equal the sum of the leaves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Campaign, Indicator, OutlineSection, Participation
from guongsang.reports import services
from guongsang.reports.aggregation import aggregate
from guongsang.reports.consolidation import (
    ConsolidationError,
    build_draft,
    consolidated_report,
    draft_section,
    roll_up,
    sentence_key,
    sentences,
    source_of,
)
from guongsang.reports.models import Report, SectionAnswer
from tests.conftest import make_unit


def outline(campaign):
    s1 = OutlineSection.objects.create(campaign=campaign, number="I.", title="LÃNH ĐẠO, CHỈ ĐẠO", position=0)
    s2 = OutlineSection.objects.create(campaign=campaign, number="II.", title="KẾT QUẢ", position=1)
    Indicator.objects.create(section=s2, code="van-ban", label="Số văn bản", type="integer", aggregate="sum")
    return s1, s2


def accepted(campaign, unit, texts: dict, values: dict | None = None, state=Report.State.ACCEPTED):
    report = Report.objects.create(campaign=campaign, unit=unit, state=state)
    for section in campaign.outline():
        figures = (values or {}) if section.number == "II." else {}
        if section in texts or figures:
            SectionAnswer.objects.create(report=report, section=section, text=texts.get(section, ""), values=figures)
    return report


@pytest.fixture
def child(cast):
    """The district's own campaign, derived from the province's; three units' reports accepted."""
    parent = Campaign.objects.create(
        issuer=cast.root, number=3, date=dt.date(2026, 1, 10), status=Campaign.Status.ISSUED, title="Tổng kết tỉnh"
    )
    _p1, p2 = outline(parent)
    Participation.objects.create(campaign=parent, unit=cast.district)
    other = make_unit(cast.root, "T-HU-DD", "Huyện ủy Đơn Dương", "huyen-uy")
    Participation.objects.create(campaign=parent, unit=other)
    accepted(parent, other, {p2: "Đơn Dương ban hành 5 văn bản."}, {"van-ban": 5})
    campaign = Campaign.objects.create(
        issuer=cast.district,
        parent=parent,
        number=12,
        date=dt.date(2026, 2, 1),
        status=Campaign.Status.ISSUED,
        title="Tổng kết huyện",
    )
    s1, s2 = outline(campaign)
    dasar = make_unit(cast.district, "T-DASAR", "Đảng bộ xã Đạ Sar", "dang-bo-co-so")
    police = make_unit(cast.district, "T-CB-CA", "Chi bộ Công an", "chi-bo-co-so")
    for unit in (cast.commune, dasar, cast.court, police):
        Participation.objects.create(campaign=campaign, unit=unit)
    reports = {
        "lat": accepted(
            campaign,
            cast.commune,
            {
                s1: "Cấp ủy ban hành kế hoạch thực hiện ngay từ đầu năm. Tổ chức học tập chuyên đề cho 100% đảng viên.",
                s2: "Xây dựng mô hình dân vận khéo.",
            },
            {"van-ban": 12},
        ),
        "dasar": accepted(
            campaign,
            dasar,
            {s1: "Cấp ủy ban hành kế hoạch thực hiện ngay từ đầu năm! Phân công đồng chí Phó Bí thư phụ trách."},
            {"van-ban": 8},
        ),
        "court": accepted(campaign, cast.court, {s1: "- Tổ chức học tập chuyên đề cho 100% đảng viên"}, {"van-ban": 3}),
        "police": accepted(
            campaign, police, {s1: "Báo cáo chưa tiếp nhận."}, {"van-ban": 50}, state=Report.State.SUBMITTED
        ),
    }
    campaign.s1, campaign.s2, campaign.other = s1, s2, other
    return campaign, parent, reports


def test_a_units_own_name_counts_as_the_same_sentence_and_says_who_did_it():
    text, sources = draft_section(
        [
            (1, "Đảng bộ xã Lát", "Đảng bộ xã Lát đã quán triệt Kết luận 01 tới đảng viên."),
            (2, "Đảng bộ xã Đạ Sar", "Đảng bộ xã Đạ Sar đã quán triệt Kết luận 01 tới đảng viên."),
            (3, "Chi bộ Công an", "Xây dựng mô hình dân vận khéo."),
            (4, "Chi bộ Tòa án", "Chi bộ Tòa án đã quán triệt Kết luận 01 tới đảng viên."),
            (5, "Chi bộ Y tế", "Chi bộ Y tế đã quán triệt Kết luận 01 tới đảng viên."),
        ],
        [],
    )
    assert text.split("\n") == [
        "4 đơn vị đã quán triệt Kết luận 01 tới đảng viên.",  # more than three: counted, the sources name them
        "Xây dựng mô hình dân vận khéo (Chi bộ Công an).",
    ]
    assert sources[0]["reports"] == [1, 2, 4, 5]
    two, _ = draft_section(
        [(1, "Đảng bộ xã Lát", "Đảng bộ xã Lát đã quán triệt."), (2, "Chi bộ Y tế", "Chi bộ Y tế đã quán triệt.")],
        [],
        reporting=9,
    )
    assert two == "Đảng bộ xã Lát và Chi bộ Y tế đã quán triệt."


@pytest.mark.parametrize(
    ("units", "reporting", "credited"),
    [(1, 3, True), (2, 3, False), (3, 7, True), (3, 6, False), (4, 20, False), (1, 1, False)],
)
def test_what_a_few_units_wrote_is_credited_and_what_most_wrote_is_not(units, reporting, credited):
    answers = [(i, f"Đơn vị {i}", "Kinh phí còn hạn hẹp.") for i in range(1, units + 1)]
    text, _ = draft_section(answers, [], reporting=reporting)
    assert (text != "Kinh phí còn hạn hẹp.") is credited
    if credited:
        assert text.startswith("Kinh phí còn hạn hẹp (Đơn vị 1") and text.endswith(").")


def test_a_sentence_said_under_an_earlier_section_is_not_repeated():
    seen: dict = {}
    first, _ = draft_section([(1, "A", "Tiếp tục đẩy mạnh học tập. Xây dựng mô hình.")], [], seen=seen, reporting=1)
    second, _ = draft_section([(2, "B", "Tiếp tục đẩy mạnh học tập. Kiện toàn tổ chức.")], [], seen=seen, reporting=2)
    assert first.split("\n") == ["Tiếp tục đẩy mạnh học tập.", "Xây dựng mô hình."]
    assert second == "Kiện toàn tổ chức."  # one of two units: not fewer than half, not credited
    assert "Tiếp tục" not in second
    assert seen[sentence_key("Tiếp tục đẩy mạnh học tập.")]["reports"] == [1, 2]  # both credited as sources


def test_sentences_with_different_figures_are_not_merged():
    text, sources = draft_section(
        [
            (1, "Đảng bộ xã Lát", "Kết nạp 12 đảng viên mới trong năm 2025."),
            (2, "Chi bộ Y tế", "Kết nạp 2 đảng viên mới trong năm 2025."),
            (3, "Chi bộ Tòa án", "Kết nạp 12 đảng viên mới trong năm 2025!"),
        ],
        [],
        reporting=3,
    )
    assert text.split("\n") == [
        "Kết nạp 12 đảng viên mới trong năm 2025.",
        "Kết nạp 2 đảng viên mới trong năm 2025 (Chi bộ Y tế).",
    ]
    assert sources[0]["reports"] == [1, 3]


def test_a_sentence_repeated_under_a_later_section_is_credited_and_sourced_where_it_is_said(cast, child):
    campaign, _parent, reports = child
    court = reports["court"]
    court.answers.filter(section=campaign.s1).delete()
    SectionAnswer.objects.update_or_create(
        report=court, section=campaign.s2, defaults={"text": "Cấp ủy ban hành kế hoạch thực hiện ngay từ đầu năm."}
    )
    draft = build_draft(actor=cast.users[Role.MANAGER], campaign=campaign)
    first = draft.answers.get(section=campaign.s1)
    said = source_of(first, "Cấp ủy ban hành kế hoạch thực hiện ngay từ đầu năm.")
    assert said is not None  # two of three units wrote it (one under the next section): not credited
    assert sorted(said["reports"]) == sorted([reports["lat"].pk, reports["dasar"].pk, court.pk])
    second = draft.answers.get(section=campaign.s2)
    assert "Cấp ủy ban hành" not in second.text


def test_sentences():
    assert sentences("Một câu. Hai câu! Ba; Bốn; năm\n- Mục sáu") == [
        "Một câu.",
        "Hai câu!",
        "Ba;",
        "Bốn; năm",
        "Mục sáu",
    ]


def test_the_draft_merges_repetitions_and_every_sentence_has_its_source(cast, child):
    campaign, _parent, reports = child
    draft = build_draft(actor=cast.users[Role.MANAGER], campaign=campaign)
    assert draft.unit == cast.district and draft.consolidation["accepted"] == 3
    assert draft.consolidation["waiting"] == 1
    first = draft.answers.get(section=campaign.s1)
    assert first.text.split("\n") == [
        "Cấp ủy ban hành kế hoạch thực hiện ngay từ đầu năm.",
        "Tổ chức học tập chuyên đề cho 100% đảng viên.",
        "Phân công đồng chí Phó Bí thư phụ trách (Đảng bộ xã Đạ Sar).",  # one unit of three: credited
    ]
    same = source_of(first, "Cấp ủy ban hành kế hoạch thực hiện ngay từ đầu năm.")
    assert same["reports"] == [reports["lat"].pk, reports["dasar"].pk]
    assert source_of(first, "Tổ chức học tập chuyên đề cho 100% đảng viên.")["units"] == [
        "Đảng bộ xã Lát",
        "Chi bộ Tòa án",
    ]
    valid = set(Report.objects.filter(campaign=campaign, state=Report.State.ACCEPTED).values_list("pk", flat=True))
    for answer in draft.answers.all():
        for line in answer.text.split("\n"):
            if line:
                found = source_of(answer, line)
                assert found and found["reports"] and set(found["reports"]) <= valid, line
    second = draft.answers.get(section=campaign.s2)
    assert "Số văn bản: 23." in second.text and "cộng của" not in second.text  # the submitted 50 waits
    assert second.values == {"van-ban": 23}
    assert AuditEntry.objects.filter(action="report.consolidated").exists()


def test_consolidating_needs_accepted_reports_and_the_manager(cast, child):
    campaign, _parent, _reports = child
    Report.objects.filter(campaign=campaign).update(state=Report.State.SUBMITTED)
    with pytest.raises(ConsolidationError, match=r"Chưa có báo cáo nào được tiếp nhận.*\(4 báo cáo đang chờ"):
        build_draft(actor=cast.users[Role.MANAGER], campaign=campaign)
    with pytest.raises(PermissionDenied):
        build_draft(actor=cast.users["sibling"], campaign=campaign)
    assert consolidated_report(campaign) is None


def test_the_manager_edits_the_draft_in_the_report_editor(cast, child):
    campaign, _parent, _reports = child
    manager = cast.users[Role.MANAGER]
    draft = build_draft(actor=manager, campaign=campaign)
    assert services.reporting_units(manager, campaign).last() == cast.district
    answer = draft.answers.get(section=campaign.s1)
    services.save_section(
        actor=manager,
        report=draft,
        section=campaign.s1,
        text=answer.text + "\nCâu do cán bộ tổng hợp viết thêm.",
        values={},
        base_revision=answer.revision,
    )
    answer.refresh_from_db()
    assert source_of(answer, "Câu do cán bộ tổng hợp viết thêm.") is None  # the manager's own words
    assert source_of(answer, "Phân công đồng chí Phó Bí thư phụ trách (Đảng bộ xã Đạ Sar).")["units"] == [
        "Đảng bộ xã Đạ Sar"
    ]


def test_roll_up_sends_the_draft_as_this_units_report_and_the_parent_figures_equal_the_leaves(cast, child):
    campaign, parent, _reports = child
    build_draft(actor=cast.users[Role.MANAGER], campaign=campaign)
    admin = cast.users[Role.ADMIN]  # administrator of the province: may submit for the district
    upward = roll_up(actor=admin, campaign=campaign)
    assert (upward.campaign, upward.unit, upward.state) == (parent, cast.district, Report.State.SUBMITTED)
    assert upward.consolidated_from == campaign and upward.unmatched == []
    services.accept(actor=admin, report=upward)
    figure = aggregate(parent).figure("van-ban")
    leaves = 12 + 8 + 3 + 5  # the district's three accepted units, and Đơn Dương directly
    assert figure.value == leaves
    district = next(p for p in figure.parts if p.unit_id == cast.district.pk)
    assert (district.value, district.sub_campaign_id) == (23, campaign.pk)  # drills down into the district


def test_roll_up_is_refused_without_a_parent_or_a_draft(cast, child):
    campaign, parent, _reports = child
    admin = cast.users[Role.ADMIN]
    with pytest.raises(ConsolidationError, match="Chưa có bản tổng hợp"):
        roll_up(actor=admin, campaign=campaign)
    parent.status = Campaign.Status.CLOSED
    parent.save()
    with pytest.raises(ConsolidationError, match="không còn nhận báo cáo"):
        roll_up(actor=admin, campaign=campaign)
    campaign.parent = None
    campaign.save()
    with pytest.raises(ConsolidationError, match="không thực hiện kế hoạch cấp trên nào"):
        roll_up(actor=admin, campaign=campaign)


def test_the_pages_figures_drill_down_xlsx_consolidate_and_send_up(client, cast, child):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    campaign, parent, _reports = child
    client.force_login(cast.users[Role.MANAGER])
    page = client.get(reverse("reports:figures", args=[campaign.pk]) + "?chi_tieu=van-ban").content.decode()
    assert "Tính từ <strong>3</strong> báo cáo đã tiếp nhận; 1 báo cáo đã gửi nhưng chưa tiếp nhận" in page
    assert ">23</a>" in page and "Đảng bộ xã Đạ Sar" in page
    book = load_workbook(io.BytesIO(client.get(reverse("reports:figures_xlsx", args=[campaign.pk])).content))
    assert [c.value for c in book["Tổng hợp"][2]][:4] == ["Số văn bản", "Cộng", 3, 23]
    assert [c.value for c in book["Từng đơn vị"][2]][:4] == ["Số văn bản", "Đảng bộ xã Lát", "Đảng bộ cơ sở", 12]
    assert book.sheetnames == ["Tổng hợp", "Từng đơn vị", "Danh sách", "Đề nghị khen thưởng"]
    response = client.post(reverse("reports:consolidate", args=[campaign.pk]), follow=True)
    page = response.content.decode()
    assert "Đã dựng bản tổng hợp" in page and "Báo cáo tổng hợp của Huyện ủy Lạc Dương." in page
    assert "Nguồn từng câu" in page and "Xác nhận và gửi báo cáo" not in page
    draft = consolidated_report(campaign)
    docx = client.get(reverse("reports:download", args=[draft.pk, "docx"]))
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Thực hiện Kế hoạch số 03-KH/TU" in text and "trên cơ sở báo cáo của 3 đơn vị" in text
    assert "Cấp ủy ban hành kế hoạch thực hiện ngay từ đầu năm." in text
    response = client.post(reverse("reports:send_upward", args=[campaign.pk]), follow=True)
    page = response.content.decode()
    assert "Bí thư (người đứng đầu) đơn vị xác nhận và gửi báo cáo" in page  # the manager may not submit
    assert Report.objects.get(campaign=parent, unit=cast.district).consolidated_from == campaign
    client.force_login(cast.users["sibling"])
    assert client.post(reverse("reports:consolidate", args=[campaign.pk])).status_code == 404


def test_a_semicolon_before_a_lower_case_word_does_not_end_the_sentence():
    assert sentences("Việc nêu gương được chú trọng; đảng viên đăng ký việc làm. Đạt kết quả tốt.") == [
        "Việc nêu gương được chú trọng; đảng viên đăng ký việc làm.",
        "Đạt kết quả tốt.",
    ]


def test_the_consolidated_draft_is_not_counted_among_the_units_reports(cast, child):
    campaign, _parent, _reports = child
    build_draft(actor=cast.users[Role.MANAGER], campaign=campaign)
    result = aggregate(campaign)
    assert (result.accepted, result.waiting, result.drafts) == (3, 1, 0)
