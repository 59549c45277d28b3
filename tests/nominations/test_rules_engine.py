"""The rule engine, exactly: codes, severities, the Vietnamese explanation and the figures behind it.

Plain functions and plain values: no database. Quotas follow the seeds (000: 1–2 in total per đảng bộ;
001/004: chi bộ one collective *or* one individual, đảng bộ one *and* one, plus one individual from 100
party members).
"""

from __future__ import annotations

import datetime as dt

import pytest

from guongsang.nominations import rules as R

C, I, M = R.COLLECTIVE, R.INDIVIDUAL, R.MODEL  # noqa: E741

DANG_BO = R.QuotaSpec(
    "dang-bo-co-so", "Đảng bộ cơ sở", "and", collectives=1, individuals=1, bonus_threshold=100, bonus_individuals=1
)
CHI_BO = R.QuotaSpec("chi-bo-co-so", "Chi bộ cơ sở", "either", collectives=1, individuals=1, wording="01 tập thể hoặc")
TOTAL = R.QuotaSpec(
    "dang-bo-co-so", "Đảng bộ cơ sở", "total", collectives=1, individuals=1, min_total=1, max_total=2, wording="01-02"
)


def unit(kind="dang-bo-co-so", members=None, name="Đảng bộ xã Lát", kind_name="Đảng bộ cơ sở"):
    return R.UnitFacts(kind, kind_name, name, members)


def codes(findings):
    return [(f.code, f.severity) for f in findings]


# -- quotas ---------------------------------------------------------------------------------------


def test_quota_for_picks_the_rule_of_the_units_kind_and_none_otherwise():
    assert R.quota_for([CHI_BO, DANG_BO], "dang-bo-co-so") is DANG_BO
    assert R.quota_for([CHI_BO, DANG_BO], "chi-bo-co-so") is CHI_BO
    assert R.quota_for([CHI_BO, DANG_BO], "mat-tran") is None
    assert R.quota_for([], "dang-bo-co-so") is None


@pytest.mark.parametrize(
    ("members", "individuals"),
    [(None, 1), (0, 1), (99, 1), (100, 2), (101, 2), (250, 2)],
)
def test_the_extra_individual_comes_at_exactly_100_party_members(members, individuals):
    assert R.allowance(DANG_BO, members) == {C: 1, I: individuals, M: 0}


def test_no_bonus_without_a_threshold_whatever_the_size():
    rule = R.QuotaSpec("x", "X", "and", collectives=2, individuals=3, models=1, bonus_individuals=5)
    assert R.allowance(rule, 10_000) == {C: 2, I: 3, M: 1}


def test_a_unit_kind_without_quota_may_not_propose_and_is_told_why():
    (f,) = R.check_quota([DANG_BO], unit("chi-bo-co-so", name="Chi bộ Tòa án", kind_name="Chi bộ cơ sở"), {C: 1})
    assert (f.code, f.severity, f.blocks) == ("quota.no_rule", R.BLOCK, True)
    assert f.message == "Kế hoạch không giao chỉ tiêu đề nghị cho chi bộ cơ sở; Chi bộ Tòa án không đề nghị được."
    assert f.data == {"unit_kind": "chi-bo-co-so"}


def test_a_unit_kind_without_quota_proposing_nothing_has_no_finding():
    assert R.check_quota([DANG_BO], unit("chi-bo-co-so"), {}) == []
    assert R.check_quota([DANG_BO], unit("chi-bo-co-so"), {C: 0, I: 0}) == []


def test_and_quota_at_the_cap_passes():
    assert R.check_quota([DANG_BO], unit(members=120), {C: 1, I: 2}) == []
    assert R.check_quota([DANG_BO], unit(members=99), {C: 1, I: 1}) == []


def test_and_quota_one_individual_over_names_the_party_member_rule():
    (f,) = R.check_quota([DANG_BO], unit(members=99), {C: 1, I: 2})
    assert (f.code, f.severity) == ("quota.exceeded", R.BLOCK)
    assert f.message == (
        "Đảng bộ xã Lát đề nghị 2 cá nhân, chỉ tiêu là 1; đơn vị có 99 đảng viên (thêm 1 cá nhân khi từ 100 đảng viên)."
    )
    assert f.data == {
        "allowed": {C: 1, I: 1, M: 0},
        "proposed": {C: 1, I: 2, M: 0},
        "mode": "and",
        "party_members": 99,
    }


def test_an_unknown_member_count_is_said_as_zero():
    (f,) = R.check_quota([DANG_BO], unit(members=None), {I: 2})
    assert "đơn vị có 0 đảng viên (thêm 1 cá nhân khi từ 100 đảng viên)" in f.message
    assert f.data["party_members"] is None


def test_and_quota_over_on_collectives_and_models_says_each_without_the_member_rule():
    findings = R.check_quota([DANG_BO], unit(members=150), {C: 2, I: 2, M: 1})
    assert [f.message for f in findings] == [
        "Đảng bộ xã Lát đề nghị 2 tập thể, chỉ tiêu là 1.",
        "Đảng bộ xã Lát đề nghị 1 mô hình, chỉ tiêu là 0.",
    ]
    assert codes(findings) == [("quota.exceeded", R.BLOCK)] * 2


def test_without_a_threshold_the_individual_message_has_no_member_rule():
    rule = R.QuotaSpec("mat-tran", "Mặt trận", "and", individuals=2, wording="02 cá nhân")
    (f,) = R.check_quota([rule], unit("mat-tran", 300, "MTTQ xã", "Mặt trận"), {I: 3})
    assert f.message == "MTTQ xã đề nghị 3 cá nhân, chỉ tiêu là 2 (kế hoạch: “02 cá nhân”)."


def test_either_quota_refuses_both_kinds_with_the_plans_wording():
    chi_bo = unit("chi-bo-co-so", name="Chi bộ Tòa án", kind_name="Chi bộ cơ sở")
    assert R.check_quota([CHI_BO], chi_bo, {C: 1}) == []
    assert R.check_quota([CHI_BO], chi_bo, {I: 1}) == []
    (f,) = R.check_quota([CHI_BO], chi_bo, {C: 1, I: 1})
    assert (f.code, f.severity) == ("quota.either", R.BLOCK)
    assert f.message == (
        "Chi bộ Tòa án chỉ được đề nghị tập thể hoặc cá nhân, không được cả hai (kế hoạch: “01 tập thể hoặc”)."
    )
    assert f.data["mode"] == "either"


def test_either_quota_over_one_kind_is_an_excess_not_an_either():
    chi_bo = unit("chi-bo-co-so", name="Chi bộ Tòa án", kind_name="Chi bộ cơ sở")
    assert codes(R.check_quota([CHI_BO], chi_bo, {I: 2})) == [("quota.exceeded", R.BLOCK)]
    assert codes(R.check_quota([CHI_BO], chi_bo, {C: 2, I: 1})) == [
        ("quota.exceeded", R.BLOCK),
        ("quota.either", R.BLOCK),
    ]


def test_an_and_quota_accepts_both_kinds():
    assert R.check_quota([DANG_BO], unit(members=10), {C: 1, I: 1}) == []


@pytest.mark.parametrize(("proposed", "expected"), [({C: 1}, []), ({C: 2}, []), ({C: 1, I: 1}, []), ({I: 2}, [])])
def test_total_quota_from_one_to_two_passes(proposed, expected):
    assert R.check_quota([TOTAL], unit(), proposed) == expected


def test_total_quota_one_over_the_maximum_is_refused():
    (f,) = R.check_quota([TOTAL], unit(), {C: 2, I: 1})
    assert (f.code, f.severity) == ("quota.exceeded", R.BLOCK)
    assert f.message == "Đảng bộ xã Lát đề nghị 3 tập thể, cá nhân, vượt chỉ tiêu tối đa 2 (kế hoạch: “01-02”)."
    assert f.data == {
        "allowed": {C: 1, I: 1, M: 0},
        "proposed": {C: 2, I: 1, M: 0},
        "mode": "total",
        "party_members": None,
    }


def test_total_quota_refuses_a_kind_it_does_not_give():
    (f,) = R.check_quota([TOTAL], unit(), {C: 1, M: 1})
    assert (f.code, f.severity) == ("quota.kind_not_allowed", R.BLOCK)
    assert f.message == "Chỉ tiêu của Đảng bộ xã Lát không có mô hình (kế hoạch: “01-02”)."


def test_total_quota_below_the_minimum_warns_but_not_when_nothing_is_proposed():
    rule = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "total", collectives=3, individuals=3, min_total=2)
    (f,) = R.check_quota([rule], unit(), {I: 1})
    assert (f.code, f.severity, f.blocks) == ("quota.below_minimum", R.WARN, False)
    assert f.message == "Đảng bộ xã Lát mới đề nghị 1, chỉ tiêu từ 2."
    assert R.check_quota([rule], unit(), {}) == []
    assert R.check_quota([rule], unit(), {I: 2}) == []


def test_total_quota_without_a_maximum_adds_up_the_kinds():
    rule = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "total", collectives=1, individuals=2)
    assert R.check_quota([rule], unit(), {C: 1, I: 2}) == []
    (f,) = R.check_quota([rule], unit(), {C: 2, I: 2})
    assert f.message == "Đảng bộ xã Lát đề nghị 4 tập thể, cá nhân, vượt chỉ tiêu tối đa 3."


def test_total_quota_of_models_only_counts_models():
    rule = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "total", models=1, min_total=1, max_total=2)
    assert R.check_quota([rule], unit(), {M: 2}) == []
    findings = R.check_quota([rule], unit(), {M: 3, C: 1})
    assert [f.message for f in findings] == [
        "Đảng bộ xã Lát đề nghị 3 mô hình, vượt chỉ tiêu tối đa 2.",
        "Chỉ tiêu của Đảng bộ xã Lát không có tập thể.",
    ]


def test_total_quota_giving_no_kind_counts_collectives_and_individuals():
    rule = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "total", max_total=1)
    assert R.check_quota([rule], unit(), {I: 1}) == []
    assert codes(R.check_quota([rule], unit(), {C: 1, I: 1})) == [("quota.exceeded", R.BLOCK)]
    assert codes(R.check_quota([rule], unit(), {M: 1})) == [("quota.kind_not_allowed", R.BLOCK)]


def test_remaining_without_a_rule_is_nothing():
    assert R.remaining([DANG_BO], unit("chi-bo-co-so"), {}) == {C: 0, I: 0, M: 0}


def test_remaining_of_an_and_quota_counts_down_and_never_below_zero():
    assert R.remaining([DANG_BO], unit(members=100), {}) == {C: 1, I: 2, M: 0}
    assert R.remaining([DANG_BO], unit(members=100), {I: 1}) == {C: 1, I: 1, M: 0}
    assert R.remaining([DANG_BO], unit(members=99), {C: 3, I: 1}) == {C: 0, I: 0, M: 0}


def test_remaining_of_an_either_quota_closes_the_other_kind():
    chi_bo = unit("chi-bo-co-so")
    assert R.remaining([CHI_BO], chi_bo, {}) == {C: 1, I: 1, M: 0}
    assert R.remaining([CHI_BO], chi_bo, {C: 1}) == {C: 0, I: 0, M: 0}
    assert R.remaining([CHI_BO], chi_bo, {I: 1}) == {C: 0, I: 0, M: 0}
    wide = R.QuotaSpec("chi-bo-co-so", "Chi bộ cơ sở", "either", collectives=2, individuals=2)
    assert R.remaining([wide], chi_bo, {C: 1}) == {C: 1, I: 0, M: 0}
    assert R.remaining([wide], chi_bo, {I: 1}) == {C: 0, I: 1, M: 0}
    assert R.remaining([wide], chi_bo, {C: 0, I: 0}) == {C: 2, I: 2, M: 0}


def test_remaining_of_a_total_quota_is_bounded_by_what_is_left_of_the_total():
    # "01-02 tập thể, cá nhân": two places in all, for either kind.
    assert R.remaining([TOTAL], unit(), {}) == {C: 2, I: 2, M: 0}
    assert R.remaining([TOTAL], unit(), {C: 1}) == {C: 1, I: 1, M: 0}
    assert R.remaining([TOTAL], unit(), {C: 1, I: 1}) == {C: 0, I: 0, M: 0}
    assert R.remaining([TOTAL], unit(), {C: 3}) == {C: 0, I: 0, M: 0}
    wide = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "total", collectives=3, individuals=3, max_total=4)
    assert R.remaining([wide], unit(), {C: 1, I: 1}) == {C: 2, I: 2, M: 0}
    assert R.remaining([wide], unit(), {C: 2, M: 5}) == {C: 2, I: 2, M: 0}


def test_remaining_of_a_total_quota_without_maximum_is_what_is_left_of_the_kinds_sum():
    rule = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "total", collectives=1, individuals=2)
    assert R.remaining([rule], unit(), {I: 1}) == {C: 2, I: 2, M: 0}


# -- criteria -------------------------------------------------------------------------------------


def crit(check, params=None, kind=I, text="Tiêu chuẩn", group="", id=1):
    return R.CriterionSpec(id, kind, text, check, params or {}, group)


EVERY_YEAR = crit("min_grade_each_year", {"grade": "HTTNV", "from_year": 2021, "to_year": 2023}, text="Ba năm HTTNV")


def person(**kw):
    kw.setdefault("kind", I)
    kw.setdefault("name", "Nguyễn Thị Ánh")
    return R.NomineeFacts(**kw)


def test_every_year_at_or_above_the_grade_passes():
    good = person(ratings={2021: "HTTNV", 2022: "HTXSNV", 2023: "HTTNV", 2020: "KHTNV"})
    assert R.check_criteria([EVERY_YEAR], good) == []


def test_one_year_below_the_grade_blocks_and_names_the_year():
    (f,) = R.check_criteria([EVERY_YEAR], person(ratings={2021: "HTTNV", 2022: "HTNV", 2023: "HTXSNV"}))
    assert (f.code, f.severity) == ("criterion.grade", R.BLOCK)
    assert f.message == (
        "Nguyễn Thị Ánh không đạt tiêu chuẩn “Ba năm HTTNV”: cần hoàn thành tốt nhiệm vụ trở lên mọi năm "
        "2021–2023, nhưng năm 2022: HTNV."
    )
    assert f.data == {
        "required": "HTTNV",
        "years": [2021, 2022, 2023],
        "ratings": {2021: "HTTNV", 2022: "HTNV", 2023: "HTXSNV"},
        "below": {2022: "HTNV"},
    }


def test_several_years_below_are_listed_in_order_and_the_first_and_last_year_count():
    f = R.check_criteria([EVERY_YEAR], person(ratings={2023: "KHTNV", 2021: "HTNV", 2022: "HTTNV"}))[0]
    assert f.message.endswith("nhưng năm 2021: HTNV, năm 2023: KHTNV.")


def test_a_missing_year_goes_to_the_reviewer():
    (f,) = R.check_criteria([EVERY_YEAR], person(ratings={2022: "HTTNV"}))
    assert (f.code, f.severity, f.blocks) == ("criterion.grade_missing", R.REVIEW, False)
    assert f.message == (
        "Chưa có dữ liệu xếp loại năm 2021, 2023 của Nguyễn Thị Ánh để xét tiêu chuẩn “Ba năm HTTNV”; "
        "thẩm định viên xác minh."
    )
    assert f.data == {"required": "HTTNV", "years": [2021, 2022, 2023], "ratings": {2022: "HTTNV"}, "below": {}}


def test_a_year_below_wins_over_a_missing_year():
    assert codes(R.check_criteria([EVERY_YEAR], person(ratings={2021: "HTNV"}))) == [("criterion.grade", R.BLOCK)]


@pytest.mark.parametrize(
    ("floor", "actual", "passes"),
    [
        ("HTXSNV", "HTXSNV", True),
        ("HTXSNV", "HTTNV", False),
        ("HTTNV", "HTTNV", True),
        ("HTTNV", "HTNV", False),
        ("HTNV", "HTNV", True),
        ("HTNV", "KHTNV", False),
        ("KHTNV", "KHTNV", True),
    ],
)
def test_the_grade_scale_htxsnv_httnv_htnv_khtnv(floor, actual, passes):
    c = crit("min_grade_each_year", {"grade": floor, "from_year": 2023, "to_year": 2023})
    assert (R.check_criteria([c], person(ratings={2023: actual})) == []) is passes


def test_grade_names_in_messages():
    for floor, name in [("HTXSNV", "hoàn thành xuất sắc nhiệm vụ"), ("HTNV", "hoàn thành nhiệm vụ")]:
        c = crit("min_grade_each_year", {"grade": floor, "from_year": 2023, "to_year": 2023})
        (f,) = R.check_criteria([c], person(ratings={2023: "KHTNV"}))
        assert f"cần {name} trở lên mọi năm 2023–2023" in f.message


UNIT_2023 = crit("unit_grade_in_year", {"grade": "HTXSNV", "year": "2023"}, kind=C, text="HTXSNV năm 2023")


def test_the_unit_rated_htxsnv_in_2023_passes_and_lower_is_refused():
    org = R.NomineeFacts(C, "Đảng bộ xã Lát", ratings={2023: "HTXSNV", 2022: "HTNV"})
    assert R.check_criteria([UNIT_2023], org) == []
    (f,) = R.check_criteria([UNIT_2023], R.NomineeFacts(C, "Đảng bộ xã Lát", ratings={2023: "HTTNV"}))
    assert (f.code, f.severity) == ("criterion.grade", R.BLOCK)
    assert f.message == (
        "Đảng bộ xã Lát không đạt tiêu chuẩn “HTXSNV năm 2023”: năm 2023 được xếp loại HTTNV, cần HTXSNV."
    )
    assert f.data == {"required": "HTXSNV", "year": 2023, "actual": "HTTNV"}


def test_the_unit_without_a_rating_that_year_goes_to_the_reviewer():
    (f,) = R.check_criteria([UNIT_2023], R.NomineeFacts(C, "Đảng bộ xã Lát", ratings={2022: "HTXSNV"}))
    assert (f.code, f.severity) == ("criterion.grade_missing", R.REVIEW)
    assert f.message == "Chưa có dữ liệu xếp loại năm 2023 của Đảng bộ xã Lát để xét tiêu chuẩn “HTXSNV năm 2023”."
    assert f.data == {"required": "HTXSNV", "year": 2023, "actual": None}


def test_criteria_of_another_nominee_kind_are_not_applied():
    assert R.check_criteria([UNIT_2023], person(ratings={})) == []


OWN = crit("own_honor_each_year", {"from_year": 2021, "to_year": 2022}, text="Được khen các năm trước")


def honor(year, own=True):
    return R.HonorFact(year, "Giấy khen", "Đảng ủy xã Lát" if own else "Huyện ủy Lạc Dương", own)


def test_own_honor_in_each_earlier_year():
    assert R.check_criteria([OWN], person(honors=[honor(2021), honor(2022)])) == []
    (f,) = R.check_criteria([OWN], person(honors=[honor(2021), honor(2022, own=False)]))
    assert (f.code, f.severity) == ("criterion.own_honor", R.BLOCK)
    assert f.message == (
        "Nguyễn Thị Ánh không đạt tiêu chuẩn “Được khen các năm trước”: chưa được đơn vị khen thưởng năm 2022."
    )
    assert f.data == {"years": [2021, 2022], "honored": [2021]}


HIGHER = crit("higher_honor", {"from_year": 2019, "to_year": 2023}, text="Khen cấp trên")


def test_a_higher_honor_inside_the_years_counts_and_one_outside_or_own_does_not():
    (f,) = R.check_criteria([HIGHER], person(honors=[honor(2020, own=True), honor(2018, own=False)]))
    assert (f.code, f.severity) == ("criterion.higher_honor", R.BLOCK)
    assert f.message == (
        "Nguyễn Thị Ánh không đạt tiêu chuẩn “Khen cấp trên”: không có khen thưởng của cấp trên trong 2019–2023."
    )
    assert f.data == {"years": [2019, 2020, 2021, 2022, 2023], "found": []}
    assert R.check_criteria([HIGHER], person(honors=[honor(2019, own=False)])) == []
    assert R.check_criteria([HIGHER], person(honors=[honor(2023, own=False)])) == []


WINDOW = crit("achievement_window", {"start": "2023-01-01", "end": "2024-02-29"}, text="Thành tích 01/2023–02/2024")


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        (dt.date(2023, 1, 1), dt.date(2024, 2, 29), True),
        (dt.date(2023, 3, 1), dt.date(2023, 12, 31), True),
        (dt.date(2022, 12, 31), dt.date(2023, 12, 31), False),
        (dt.date(2023, 1, 1), dt.date(2024, 3, 1), False),
    ],
)
def test_the_achievement_window_includes_both_ends(start, end, inside):
    found = R.check_criteria([WINDOW], person(achievements_from=start, achievements_to=end))
    assert codes(found) == ([] if inside else [("criterion.window", R.BLOCK)])


def test_an_achievement_outside_the_window_says_both_periods():
    (f,) = R.check_criteria(
        [WINDOW], person(achievements_from=dt.date(2022, 12, 31), achievements_to=dt.date(2023, 6, 5))
    )
    assert f.message == (
        "Thành tích từ 31/12/2022 đến 05/06/2023 nằm ngoài khoảng 01/01/2023–29/02/2024 "
        "(tiêu chuẩn “Thành tích 01/2023–02/2024”)."
    )
    assert f.data == {"window": ["2023-01-01", "2024-02-29"], "from": "2022-12-31", "to": "2023-06-05"}


@pytest.mark.parametrize(("start", "end"), [(None, dt.date(2023, 6, 5)), (dt.date(2023, 6, 5), None), (None, None)])
def test_an_achievement_without_its_dates_is_blocked(start, end):
    (f,) = R.check_criteria([WINDOW], person(achievements_from=start, achievements_to=end))
    assert (f.code, f.severity) == ("criterion.window_missing", R.BLOCK)
    assert f.message == "Chưa nhập thời gian của thành tích (theo tiêu chuẩn “Thành tích 01/2023–02/2024”)."
    assert f.data["from"] == (str(start) if start else "")
    assert f.data["to"] == (str(end) if end else "")


SUMMARY = crit("summary_max_chars", {"max_chars": "10"}, text="Nửa trang A4")


def test_the_summary_budget_counts_characters_without_surrounding_spaces():
    assert R.check_criteria([SUMMARY], person(summary="  " + "á" * 10 + "\n")) == []
    (f,) = R.check_criteria([SUMMARY], person(summary="ắ" * 13))
    assert (f.code, f.severity) == ("criterion.summary_length", R.BLOCK)
    assert (
        f.message == "Tóm tắt thành tích dài 13 ký tự, vượt 10 ký tự (tiêu chuẩn “Nửa trang A4”); hãy rút gọn 3 ký tự."
    )
    assert f.data == {"max_chars": 10, "length": 13}
    assert codes(R.check_criteria([SUMMARY], person(summary="a" * 11))) == [("criterion.summary_length", R.BLOCK)]


def test_a_criterion_no_record_decides_is_listed_for_the_reviewer():
    (f,) = R.check_criteria([crit("reviewer", text="Có sức lan tỏa", id=7)], person())
    assert (f.code, f.severity) == ("criterion.reviewer", R.REVIEW)
    assert f.message == "Thẩm định viên đánh giá tiêu chuẩn “Có sức lan tỏa”."
    assert f.data == {"criterion": 7}


def test_one_of_three_suffices():
    five = crit("min_grade_each_year", {"grade": "HTTNV", "from_year": 2023, "to_year": 2023}, group="g", text="A")
    higher = crit("higher_honor", {"from_year": 2019, "to_year": 2023}, group="g", text="B", id=2)
    special = crit("reviewer", group="g", text="C", id=3)
    assert R.check_criteria([five, higher], person(ratings={2023: "HTTNV"})) == []
    assert R.check_criteria([five, higher], person(ratings={2023: "HTNV"}, honors=[honor(2020, False)])) == []
    (f,) = R.check_criteria([five, higher], person(ratings={2023: "HTNV"}))
    assert (f.code, f.severity) == ("criterion.any_of", R.BLOCK)
    assert f.message == "Nguyễn Thị Ánh không đạt tiêu chuẩn nào trong số “A”; “B” (chỉ cần một)."
    assert [d["code"] for d in f.data["group"]] == ["criterion.grade", "criterion.higher_honor"]
    assert f.data["group"][0]["below"] == {2023: "HTNV"}
    (g,) = R.check_criteria([five, higher, special], person(ratings={2023: "HTNV"}))
    assert (g.code, g.severity) == ("criterion.any_of_review", R.REVIEW)
    assert g.message == (
        "Cần đạt một trong các tiêu chuẩn “A”; “B”; “C”: dữ liệu chưa đủ để kết luận, thẩm định viên xác minh."
    )


def test_groups_are_kept_apart_and_ungrouped_findings_come_first():
    a1 = crit("higher_honor", {"from_year": 2023, "to_year": 2023}, group="g1", text="A1")
    a2 = crit("reviewer", group="g1", text="A2", id=2)
    b1 = crit("higher_honor", {"from_year": 2023, "to_year": 2023}, group="g2", text="B1", id=3)
    b2 = crit("own_honor_each_year", {"from_year": 2023, "to_year": 2023}, group="g2", text="B2", id=4)
    alone = crit("reviewer", text="Riêng", id=5)
    found = R.check_criteria([a1, b1, alone, a2, b2], person(honors=[honor(2023, own=True)]))
    assert codes(found) == [("criterion.reviewer", R.REVIEW), ("criterion.any_of_review", R.REVIEW)]
    assert [d["code"] for d in found[1].data["group"]] == ["criterion.higher_honor", "criterion.reviewer"]
    found = R.check_criteria([a1, b1, alone, a2, b2], person())
    assert codes(found) == [
        ("criterion.reviewer", R.REVIEW),
        ("criterion.any_of_review", R.REVIEW),
        ("criterion.any_of", R.BLOCK),
    ]


# -- dossier and deadline -------------------------------------------------------------------------


def test_missing_files_name_the_document_and_the_paper_copies():
    reqs = [
        R.DossierSpec(1, "Tờ trình đề nghị", (C, I), copies=2),
        R.DossierSpec(2, "Báo cáo thành tích", (I,), copies=0),
        R.DossierSpec(3, "Ảnh tư liệu", (M,)),
        R.DossierSpec(4, "Bản sao quyết định", (I,), file_required=False),
    ]
    found = R.check_dossier(reqs, person(uploaded=frozenset()))
    assert codes(found) == [("dossier.missing", R.BLOCK)] * 2
    assert [f.message for f in found] == [
        "Thiếu tệp “Tờ trình đề nghị”; nộp kèm 02 bản giấy.",
        "Thiếu tệp “Báo cáo thành tích”.",
    ]
    assert [f.data for f in found] == [{"requirement": 1, "copies": 2}, {"requirement": 2, "copies": 0}]
    assert R.check_dossier(reqs, person(uploaded=frozenset({1, 2}))) == []
    assert [f.data["requirement"] for f in R.check_dossier(reqs, person(uploaded=frozenset({2})))] == [1]


DUE = dt.datetime(2024, 3, 24, 16, 59, 59, tzinfo=dt.UTC)  # 23:59:59 in Vietnam
SECOND_LATE = dt.timedelta(seconds=1)


def test_on_time_up_to_the_due_second():
    late = R.DeadlineSpec("Nộp hồ sơ", DUE, refuse_late=True)
    assert R.check_deadline(late, DUE) == []
    assert R.check_deadline(late, DUE - dt.timedelta(days=3)) == []
    assert R.check_deadline(None, DUE + dt.timedelta(days=30)) == []


def test_one_second_late_is_refused_when_the_plan_says_so():
    (f,) = R.check_deadline(R.DeadlineSpec("Nộp hồ sơ", DUE, refuse_late=True), DUE + dt.timedelta(seconds=1))
    assert (f.code, f.severity) == ("deadline.refused", R.BLOCK)
    assert f.message == (
        "Đã quá hạn “Nộp hồ sơ” (23:59 ngày 24/03/2024); theo kế hoạch, hồ sơ gửi sau thời hạn không được xem xét."
    )
    assert f.data == {"due_at": "2024-03-24T16:59:59+00:00", "late_days": 1}


@pytest.mark.parametrize(
    ("after", "days"),
    [
        (dt.timedelta(seconds=1), 1),
        (dt.timedelta(hours=23, minutes=59, seconds=59), 1),
        (dt.timedelta(days=1), 1),
        (dt.timedelta(days=1, seconds=1), 2),
        (dt.timedelta(days=3), 3),
    ],
)
def test_lateness_is_counted_in_started_days(after, days):
    (f,) = R.check_deadline(R.DeadlineSpec("Nộp báo cáo", DUE, refuse_late=False), DUE + after)
    assert (f.code, f.severity, f.blocks) == ("deadline.late", R.WARN, False)
    assert f.data["late_days"] == days
    assert f.message == (
        f"Nộp muộn {days} ngày so với hạn “Nộp báo cáo” (23:59 ngày 24/03/2024); hồ sơ được nhận và ghi là nộp muộn."
    )


def test_check_nomination_puts_criteria_then_dossier_then_deadline_and_blocking_keeps_blocks():
    found = R.check_nomination(
        criteria=[crit("reviewer", text="X"), SUMMARY],
        dossier=[R.DossierSpec(1, "Tờ trình", (I,), copies=1)],
        deadline=R.DeadlineSpec("Nộp hồ sơ", DUE, refuse_late=False),
        nominee=person(summary="a" * 20),
        now=DUE + dt.timedelta(hours=1),
    )
    assert [f.code for f in found] == [
        "criterion.reviewer",
        "criterion.summary_length",
        "dossier.missing",
        "deadline.late",
    ]
    assert [f.code for f in R.blocking(found)] == ["criterion.summary_length", "dossier.missing"]
    assert R.blocking([]) == []


def test_a_unit_whose_member_count_is_unknown_gets_no_bonus_even_from_one_member():
    rule = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "and", individuals=1, bonus_threshold=1, bonus_individuals=1)
    assert R.allowance(rule, None) == {C: 0, I: 1, M: 0}
    assert R.allowance(rule, 0) == {C: 0, I: 1, M: 0}
    assert R.allowance(rule, 1) == {C: 0, I: 2, M: 0}


def test_the_deadline_is_told_in_vietnam_time_whatever_the_servers_time_zone(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        (f,) = R.check_deadline(R.DeadlineSpec("Nộp hồ sơ", DUE, refuse_late=True), DUE + SECOND_LATE)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "(23:59 ngày 24/03/2024)" in f.message


def test_every_year_without_an_own_honor_is_named():
    (f,) = R.check_criteria([OWN], person(honors=[honor(2020)]))
    assert f.message.endswith("chưa được đơn vị khen thưởng năm 2021, 2022.")
    assert f.data == {"years": [2021, 2022], "honored": [2020]}


BONUS_TOTAL = R.QuotaSpec(
    "dang-bo-co-so",
    "Đảng bộ cơ sở",
    "total",
    collectives=1,
    individuals=1,
    max_total=2,
    bonus_threshold=100,
    bonus_individuals=1,
    wording="01-02",
)


def test_a_total_quota_bonus_adds_an_individual_place_only():
    assert R.check_quota([BONUS_TOTAL], unit(members=120), {C: 1, I: 2}) == []
    (f,) = R.check_quota([BONUS_TOTAL], unit(members=120), {C: 1, I: 3})
    assert f.message == (
        "Đảng bộ xã Lát đề nghị 4 tập thể, cá nhân, vượt chỉ tiêu tối đa 2; thêm 1 cá nhân khi từ 100 đảng viên "
        "(kế hoạch: “01-02”)."
    )
    # The extra place is not a collective's.
    assert codes(R.check_quota([BONUS_TOTAL], unit(members=120), {C: 3})) == [("quota.exceeded", R.BLOCK)]
    assert codes(R.check_quota([BONUS_TOTAL], unit(members=99), {C: 1, I: 2})) == [("quota.exceeded", R.BLOCK)]


def test_total_quota_findings_carry_their_figures():
    rule = R.QuotaSpec("dang-bo-co-so", "Đảng bộ cơ sở", "total", collectives=3, individuals=3, min_total=2)
    (below,) = R.check_quota([rule], unit(members=7), {I: 1})
    assert below.data == {
        "allowed": {C: 3, I: 3, M: 0},
        "proposed": {C: 0, I: 1, M: 0},
        "mode": "total",
        "party_members": 7,
    }
    (other,) = R.check_quota([TOTAL], unit(), {C: 1, M: 1})
    assert other.data == {
        "allowed": {C: 1, I: 1, M: 0},
        "proposed": {C: 1, I: 0, M: 1},
        "mode": "total",
        "party_members": None,
    }


def test_criteria_of_another_kind_listed_first_do_not_hide_the_others():
    found = R.check_criteria([UNIT_2023, EVERY_YEAR], person(ratings={2021: "HTNV", 2022: "HTTNV", 2023: "HTTNV"}))
    assert codes(found) == [("criterion.grade", R.BLOCK)]


def test_a_met_group_does_not_hide_an_unmet_one():
    met = crit("reviewer", group="a", text="A1")
    also = crit("higher_honor", {"from_year": 2023, "to_year": 2023}, group="a", text="A2", id=2)
    b1 = crit("own_honor_each_year", {"from_year": 2023, "to_year": 2023}, group="b", text="B1", id=3)
    b2 = crit("higher_honor", {"from_year": 2022, "to_year": 2022}, group="b", text="B2", id=4)
    nominee = person(honors=[honor(2023, own=False)])
    assert codes(R.check_criteria([met, also, b1, b2], nominee)) == [("criterion.any_of", R.BLOCK)]
