"""Each indicator aggregated as its definition says, per unit kind and per year, from accepted reports only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guongsang.campaigns.models import Campaign, Indicator, OutlineSection, Participation
from guongsang.reports.aggregation import aggregate, combine
from guongsang.reports.models import Report, SectionAnswer
from tests.conftest import make_unit


def report(campaign, unit, section, values, state=Report.State.ACCEPTED, text=""):
    r = Report.objects.create(campaign=campaign, unit=unit, state=state)
    SectionAnswer.objects.create(report=r, section=section, values=values, text=text)
    return r


@pytest.fixture
def figures(cast):
    campaign = Campaign.objects.create(
        issuer=cast.district,
        number=11,
        date=dt.date(2026, 2, 1),
        status=Campaign.Status.ISSUED,
        title="Sơ kết",
        period_start=2024,
        period_end=2025,
    )
    section = OutlineSection.objects.create(campaign=campaign, number="II.", title="KẾT QUẢ", position=0)
    for code, label, type_, how, columns in [
        ("van-ban", "Số văn bản", "integer", "sum", []),
        ("ty-le", "Tỷ lệ đảng viên học tập", "decimal", "mean", []),
        ("cao-nhat", "Số buổi nhiều nhất", "integer", "max", []),
        ("tuyen-truyen", "Buổi tuyên truyền", "series", "sum", []),
        ("kho-khan", "Khó khăn", "text", "sum", []),
        ("mo-hinh", "Mô hình", "table", "list", ["Tên", "Kết quả"]),
    ]:
        Indicator.objects.create(section=section, code=code, label=label, type=type_, aggregate=how, columns=columns)
    d = cast.district
    units = [cast.commune, make_unit(d, "T-DASAR", "Đảng bộ xã Đạ Sar", "dang-bo-co-so"), cast.court]
    late = make_unit(d, "T-CB-CA", "Chi bộ Công an", "chi-bo-co-so")
    draft = make_unit(d, "T-CB-KB", "Chi bộ Kho bạc", "chi-bo-co-so")
    for u in [*units, late, draft]:
        Participation.objects.create(campaign=campaign, unit=u)
    report(campaign, units[0], section, {
        "van-ban": 12, "ty-le": 96.5, "cao-nhat": 4, "tuyen-truyen": {"2024": 10, "2025": 14},
        "kho-khan": "Thiếu kinh phí", "mo-hinh": [["Dân vận khéo", "Tốt"]],
    })  # fmt: skip
    report(campaign, units[1], section, {
        "van-ban": 8, "ty-le": 90.0, "cao-nhat": 9, "tuyen-truyen": {"2024": 5},
        "mo-hinh": [["Sáng thứ bảy xanh", "Khá"], ["Tủ sách Bác Hồ", "Tốt"]],
    })  # fmt: skip
    report(campaign, units[2], section, {"van-ban": 3, "tuyen-truyen": {"2025": 1}, "kho-khan": "Ít người"})
    report(campaign, late, section, {"van-ban": 100}, state=Report.State.SUBMITTED)  # not accepted yet
    report(campaign, draft, section, {"van-ban": 1000}, state=Report.State.DRAFT)
    return campaign, section


def test_each_indicator_as_its_definition_says(figures):
    campaign, _section = figures
    result = aggregate(campaign)
    assert (result.accepted, result.waiting, result.drafts) == (3, 1, 1)
    assert result.figure("van-ban").value == 23  # 12 + 8 + 3; the submitted 100 and the draft 1000 wait
    assert result.figure("ty-le").value == pytest.approx(93.25)
    assert result.figure("cao-nhat").value == 9
    assert result.figure("tuyen-truyen").value == {"2024": 15, "2025": 15}
    assert result.figure("mo-hinh").value == [
        ["Đảng bộ xã Lát", "Dân vận khéo", "Tốt"],
        ["Đảng bộ xã Đạ Sar", "Sáng thứ bảy xanh", "Khá"],
        ["Đảng bộ xã Đạ Sar", "Tủ sách Bác Hồ", "Tốt"],
    ]


def test_per_unit_kind_with_the_units_behind_each_number(figures):
    campaign, _section = figures
    figure = aggregate(campaign).figure("van-ban")
    assert figure.by_kind == {"Chi bộ cơ sở": 3, "Đảng bộ cơ sở": 20}
    assert [(p.unit_name, p.value) for p in figure.parts] == [  # in tree order
        ("Đảng bộ xã Lát", 12),
        ("Chi bộ Tòa án", 3),
        ("Đảng bộ xã Đạ Sar", 8),
    ]
    assert aggregate(campaign).figure("tuyen-truyen").by_kind["Đảng bộ cơ sở"] == {"2024": 15, "2025": 14}


def test_a_text_indicator_cannot_be_summed_and_says_so(figures):
    campaign, _section = figures
    figure = aggregate(campaign).figure("kho-khan")
    assert figure.problem.startswith("Chỉ tiêu “Khó khăn” là văn bản: không tính “cộng” được")
    assert figure.value == 2  # counted instead: two units answered


def test_combine():
    assert combine("sum", [1, 2, 3]) == 6 and combine("mean", [1, 2]) == 1.5
    assert combine("min", [4, 2]) == 2 and combine("count", ["a", "b"]) == 2
    assert combine("sum", []) is None


def test_the_queries_do_not_grow_with_the_units(figures, cast):
    campaign, section = figures

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            aggregate(campaign)
        return len(ctx.captured_queries)

    before = queries()
    for i in range(20):
        unit = make_unit(cast.district, f"T-Y{i}", f"Chi bộ {i}", "chi-bo-co-so")
        report(campaign, unit, section, {"van-ban": 1})
    assert queries() == before
    assert aggregate(campaign).figure("van-ban").value == 43
