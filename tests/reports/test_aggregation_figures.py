"""Aggregated figures, exactly: each way of combining (sum, mean to two places, min, max, count,
list), per unit kind and per year; only accepted reports count and the others are said as waiting or
draft; empty answers are not answers; text and table indicators are listed, and say why; the figures
go into the consolidated report and the .xlsx as such."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from guongsang.campaigns.models import Campaign, Indicator, OutlineSection, Participation
from guongsang.reports.aggregation import aggregate, combine, consolidated_values, figures_workbook
from guongsang.reports.models import Report, SectionAnswer
from tests.conftest import make_unit

A = Indicator.Aggregate


# -- combining plain values -----------------------------------------------------------------------


def test_sum_mean_min_max_of_numbers_of_any_kind():
    values = [3, Decimal("1.5"), 2]
    assert combine(A.SUM, values) == Decimal("6.5")
    assert combine(A.SUM, [1.25, 2]) == 3.25
    assert combine(A.MIN, values) == Decimal("1.5")
    assert combine(A.MAX, values) == 3
    assert combine(A.MAX, [2.5, 1]) == 2.5
    assert combine(A.MEAN, [1, 2, 2]) == 1.67
    assert combine(A.MEAN, [1, 2]) == 1.5
    assert combine(A.MEAN, [10]) == 10


def test_texts_and_blanks_are_not_numbers():
    assert combine(A.SUM, [4, "bốn", None, 6]) == 10
    assert combine(A.MEAN, [4, "bốn", 6]) == 5
    assert combine(A.MIN, ["một", 7, 9]) == 7
    for how in (A.SUM, A.MEAN, A.MIN, A.MAX):
        assert combine(how, []) is None
        assert combine(how, ["không có"]) is None


def test_count_and_list_take_every_answer():
    assert combine(A.COUNT, ["a", 1, "b"]) == 3
    assert combine(A.COUNT, []) == 0
    assert combine(A.LIST, ("a", 1)) == ["a", 1]


def test_an_unknown_way_is_an_error():
    with pytest.raises(ValueError, match="median"):
        combine("median", [1, 2])


# -- a campaign's figures -------------------------------------------------------------------------


def report(campaign, unit, section, values, state=Report.State.ACCEPTED, **extra):
    r = Report.objects.create(campaign=campaign, unit=unit, state=state, **extra)
    SectionAnswer.objects.create(report=r, section=section, values=values)
    return r


INDICATORS = [
    ("so-buoi", "Số buổi", "integer", "sum"),
    ("ty-le", "Tỷ lệ", "decimal", "mean"),
    ("thap-nhat", "Ít nhất", "integer", "min"),
    ("cao-nhat", "Nhiều nhất", "integer", "max"),
    ("tra-loi", "Số đơn vị có số liệu", "integer", "count"),
    ("hang-nam", "Từng năm", "series", "sum"),
    ("kho-khan", "Khó khăn", "text", "sum"),
    ("y-kien", "Ý kiến", "text", "list"),
    ("mo-hinh", "Mô hình", "table", "list"),
    ("bang-cong", "Bảng", "table", "sum"),
    ("khong-ai", "Không ai trả lời", "integer", "sum"),
]


@pytest.fixture
def setup(cast):
    campaign = Campaign.objects.create(
        issuer=cast.district, title="Sơ kết", status=Campaign.Status.ISSUED, date=dt.date(2026, 2, 1)
    )
    section = OutlineSection.objects.create(campaign=campaign, number="II.", title="KẾT QUẢ", position=0)
    for position, (code, label, type_, how) in enumerate(INDICATORS):
        Indicator.objects.create(section=section, code=code, label=label, type=type_, aggregate=how, position=position)
    sub = Campaign.objects.create(issuer=cast.commune, title="Sơ kết xã", status=Campaign.Status.CLOSED)
    dasar = make_unit(cast.district, "T-DASAR", "Đảng bộ xã Đạ Sar", "dang-bo-co-so")
    for unit in (cast.commune, dasar, cast.court):
        Participation.objects.create(campaign=campaign, unit=unit)
    report(campaign, cast.commune, section, {
        "so-buoi": 12, "ty-le": 96.5, "thap-nhat": 4, "cao-nhat": 4, "tra-loi": 1,
        "hang-nam": {"2024": 10, "2025": 14}, "kho-khan": "Thiếu kinh phí", "y-kien": "Tăng cường",
        "mo-hinh": [["Dân vận khéo", "Tốt"]], "bang-cong": [["x", 1]],
    }, consolidated_from=sub)  # fmt: skip
    report(campaign, dasar, section, {
        "so-buoi": 8, "ty-le": 90.0, "thap-nhat": 9, "cao-nhat": 9, "tra-loi": "",
        "hang-nam": {"2024": 5}, "kho-khan": "", "mo-hinh": [["Tủ sách", "Khá"], ["Sân chơi", "Tốt"]],
    })  # fmt: skip
    report(campaign, cast.court, section, {
        "so-buoi": 3, "ty-le": None, "thap-nhat": 2, "cao-nhat": 1, "tra-loi": 5, "hang-nam": {"2025": 1},
        "kho-khan": "Ít người", "mo-hinh": [], "bang-cong": {},
    })  # fmt: skip
    waiting = make_unit(cast.district, "T-CB-CA", "Chi bộ Công an", "chi-bo-co-so")
    returned = make_unit(cast.district, "T-CB-KB", "Chi bộ Kho bạc", "chi-bo-co-so")
    drafting = make_unit(cast.district, "T-CB-TC", "Chi bộ Tài chính", "chi-bo-co-so")
    report(campaign, waiting, section, {"so-buoi": 100}, state=Report.State.SUBMITTED)
    report(campaign, returned, section, {"so-buoi": 200}, state=Report.State.RETURNED)
    report(campaign, drafting, section, {"so-buoi": 1000}, state=Report.State.DRAFT)
    # The issuer's own consolidated draft is not one of the units' reports.
    report(campaign, cast.district, section, {"so-buoi": 5000}, state=Report.State.DRAFT)
    return campaign, section, sub, dasar


def test_only_accepted_reports_count_and_the_others_are_counted_apart(setup):
    campaign, *_ = setup
    result = aggregate(campaign)
    assert (result.accepted, result.waiting, result.drafts) == (3, 2, 1)
    assert result.figure("so-buoi").value == 23
    assert result.figure("so-buoi").answered == 3
    assert result.figure("khong-ai") is not None
    assert result.figure("khong-co-ma-nay") is None


def test_each_indicator_as_its_definition_says_per_unit_kind(setup):
    campaign, *_ = setup
    r = aggregate(campaign)
    db, cb = "Đảng bộ cơ sở", "Chi bộ cơ sở"
    assert (r.figure("so-buoi").value, r.figure("so-buoi").by_kind) == (23, {db: 20, cb: 3})
    assert (r.figure("ty-le").value, r.figure("ty-le").by_kind) == (93.25, {db: 93.25})
    assert r.figure("ty-le").answered == 2  # a blank is not an answer
    assert (r.figure("thap-nhat").value, r.figure("thap-nhat").by_kind) == (2, {db: 4, cb: 2})
    assert (r.figure("cao-nhat").value, r.figure("cao-nhat").by_kind) == (9, {db: 9, cb: 1})
    assert (r.figure("tra-loi").value, r.figure("tra-loi").by_kind) == (2, {db: 1, cb: 1})
    assert r.figure("hang-nam").value == {"2024": 15, "2025": 15}
    assert r.figure("hang-nam").by_kind == {cb: {"2024": None, "2025": 1}, db: {"2024": 15, "2025": 14}}
    assert (r.figure("khong-ai").value, r.figure("khong-ai").by_kind, r.figure("khong-ai").answered) == (None, {}, 0)


def test_texts_are_counted_and_listed_and_say_why(setup):
    campaign, *_ = setup
    r = aggregate(campaign)
    text = r.figure("kho-khan")
    assert (text.value, text.by_kind) == (2, {"Chi bộ cơ sở": 1, "Đảng bộ cơ sở": 1})
    assert [(p.unit_name, p.value) for p in text.parts] == [
        ("Đảng bộ xã Lát", "Thiếu kinh phí"),
        ("Chi bộ Tòa án", "Ít người"),
    ]
    assert text.problem == (
        "Chỉ tiêu “Khó khăn” là văn bản: không tính “cộng” được; hệ thống đếm số đơn vị trả lời và "
        "liệt kê các câu trả lời."
    )
    listed = r.figure("y-kien")
    assert (listed.value, listed.problem) == (["Tăng cường"], "")
    assert r.figure("so-buoi").problem == ""


def test_tables_list_every_units_rows_with_the_unit(setup):
    campaign, *_ = setup
    r = aggregate(campaign)
    table = r.figure("mo-hinh")
    assert table.value == [
        ["Đảng bộ xã Lát", "Dân vận khéo", "Tốt"],
        ["Đảng bộ xã Đạ Sar", "Tủ sách", "Khá"],
        ["Đảng bộ xã Đạ Sar", "Sân chơi", "Tốt"],
    ]
    assert (table.by_kind, table.problem, table.answered) == ({}, "", 2)
    assert r.figure("bang-cong").problem == "Chỉ tiêu “Bảng” là bảng: các dòng của các đơn vị được liệt kê chung."


def test_every_number_names_its_units_and_a_sub_campaign_drills_down(cast, setup):
    campaign, _section, sub, dasar = setup
    r = aggregate(campaign)
    parts = r.figure("so-buoi").parts
    assert [(p.unit_id, p.unit_name, p.kind, p.value, p.sub_campaign_id) for p in parts] == [
        (cast.commune.pk, "Đảng bộ xã Lát", "Đảng bộ cơ sở", 12, sub.pk),
        (cast.court.pk, "Chi bộ Tòa án", "Chi bộ cơ sở", 3, None),
        (dasar.pk, "Đảng bộ xã Đạ Sar", "Đảng bộ cơ sở", 8, None),
    ]
    assert len({p.report_id for p in parts}) == 3
    accepted = set(Report.objects.filter(state=Report.State.ACCEPTED).values_list("pk", flat=True))
    assert {p.report_id for p in parts} == accepted


def test_the_consolidated_values_have_the_shape_a_report_stores(setup):
    campaign, section, *_ = setup
    values = consolidated_values(aggregate(campaign))
    assert list(values) == [section.pk]
    assert values[section.pk] == {
        "so-buoi": 23,
        "ty-le": 93.25,
        "thap-nhat": 2,
        "cao-nhat": 9,
        "tra-loi": 2,
        "hang-nam": {"2024": 15, "2025": 15},
        "kho-khan": "Đảng bộ xã Lát: Thiếu kinh phí\nChi bộ Tòa án: Ít người",
        "y-kien": "Đảng bộ xã Lát: Tăng cường",
        "mo-hinh": [["Dân vận khéo", "Tốt"], ["Tủ sách", "Khá"], ["Sân chơi", "Tốt"]],
        "bang-cong": [["x", 1]],
    }


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_the_workbook_has_totals_units_lists_tables_and_nominees_one_value_per_cell(setup):
    campaign, *_ = setup
    Indicator.objects.filter(code="mo-hinh").update(columns=["Tên mô hình", "Đánh giá"])
    data = figures_workbook(
        aggregate(campaign), [("Đảng bộ xã Lát", "Cá nhân", "Nguyễn Thị Ánh", "Giấy khen", "Đã gửi")]
    )
    book = load_workbook(io.BytesIO(data))
    # One sheet per table indicator, between the text answers and the nominees.
    assert book.sheetnames == ["Tổng hợp", "Từng đơn vị", "Danh sách", "Mô hình", "Bảng", "Đề nghị khen thưởng"]
    totals = rows(book["Tổng hợp"])
    assert totals[0] == [
        "Chỉ tiêu",
        "Cách tổng hợp",
        "Số đơn vị trả lời",
        "Toàn đợt",
        "Chi bộ cơ sở",
        "Đảng bộ cơ sở",
        "Ghi chú",
    ]
    assert totals[1] == ["Số buổi", "Cộng", 3, 23, 3, 20, None]
    assert totals[2] == ["Tỷ lệ", "Trung bình", 2, 93.25, None, 93.25, None]
    # A series takes one row per year, each with the units that gave that year.
    assert totals[6] == ["Từng năm — năm 2024", "Cộng", 2, 15, None, 15, None]
    assert totals[7] == ["Từng năm — năm 2025", "Cộng", 2, 15, 1, 14, None]
    assert totals[8][:6] == ["Khó khăn", "Cộng", 2, 2, 1, 1]
    assert totals[8][6].startswith("Chỉ tiêu “Khó khăn” là văn bản")
    assert totals[10] == ["Mô hình", "Liệt kê", 2, 3, None, None, None]
    assert totals[12] == ["Không ai trả lời", "Cộng", 0, None, None, None, None]
    assert len(totals) == 1 + len(INDICATORS) + 1
    units = rows(book["Từng đơn vị"])
    assert units[0] == ["Chỉ tiêu", "Đơn vị", "Loại đơn vị", "Giá trị", "Từ kế hoạch cấp dưới"]
    assert units[1] == ["Số buổi", "Đảng bộ xã Lát", "Đảng bộ cơ sở", 12, "có"]
    assert units[2] == ["Số buổi", "Chi bộ Tòa án", "Chi bộ cơ sở", 3, None]
    assert ["Từng năm — năm 2024", "Đảng bộ xã Lát", "Đảng bộ cơ sở", 10, "có"] in units
    assert ["Từng năm — năm 2025", "Đảng bộ xã Lát", "Đảng bộ cơ sở", 14, "có"] in units
    assert ["Mô hình", "Đảng bộ xã Đạ Sar", "Đảng bộ cơ sở", 2, None] in units
    assert rows(book["Danh sách"]) == [
        ["Chỉ tiêu", "Đơn vị", "Nội dung"],
        ["Khó khăn", "Đảng bộ xã Lát", "Thiếu kinh phí"],
        ["Khó khăn", "Chi bộ Tòa án", "Ít người"],
        ["Ý kiến", "Đảng bộ xã Lát", "Tăng cường"],
    ]
    # The table's own column labels head its sheet; without labels the columns are numbered.
    assert rows(book["Mô hình"]) == [
        ["Đơn vị", "Tên mô hình", "Đánh giá"],
        ["Đảng bộ xã Lát", "Dân vận khéo", "Tốt"],
        ["Đảng bộ xã Đạ Sar", "Tủ sách", "Khá"],
        ["Đảng bộ xã Đạ Sar", "Sân chơi", "Tốt"],
    ]
    assert rows(book["Bảng"]) == [["Đơn vị", "Cột 1", "Cột 2"], ["Đảng bộ xã Lát", "x", 1]]
    assert rows(book["Đề nghị khen thưởng"]) == [
        ["Đơn vị đề nghị", "Đối tượng", "Tên", "Hình thức", "Trạng thái"],
        ["Đảng bộ xã Lát", "Cá nhân", "Nguyễn Thị Ánh", "Giấy khen", "Đã gửi"],
    ]
    for name in book.sheetnames:
        assert all(c.font.bold for c in book[name][1]), name
        assert book[name]["A2"].font.bold is False, name
        assert book[name].freeze_panes == "A2", name


def test_an_indicator_nobody_answered_is_left_out_of_the_consolidated_values_and_the_others_kept(setup):
    from django.db.models import F

    campaign, section, *_ = setup
    Indicator.objects.exclude(code="khong-ai").update(position=F("position") + 1)
    Indicator.objects.filter(code="khong-ai").update(position=0)
    aggregation = aggregate(campaign)
    assert aggregation.figures[0].indicator.code == "khong-ai"
    values = consolidated_values(aggregation)[section.pk]
    assert "khong-ai" not in values
    assert (len(values), values["so-buoi"]) == (10, 23)


def test_another_campaigns_accepted_reports_do_not_count(cast, setup):
    campaign, *_ = setup
    other = Campaign.objects.create(issuer=cast.district, title="Kế hoạch khác", status=Campaign.Status.ISSUED)
    elsewhere = OutlineSection.objects.create(campaign=other, number="I.", title="KẾT QUẢ", position=0)
    Indicator.objects.create(section=elsewhere, code="so-buoi", label="Số buổi", type="integer", aggregate="sum")
    report(other, cast.commune, elsewhere, {"so-buoi": 500})
    result = aggregate(campaign)
    assert result.campaign == campaign
    assert (result.figure("so-buoi").value, result.figure("so-buoi").answered) == (23, 3)
    assert aggregate(other).figure("so-buoi").value == 500
