"""The rule engine on the seed campaigns: one row per rule of SPEC.md's list, plus properties."""

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guongsang.campaigns.models import Campaign
from guongsang.nominations import rules as R
from guongsang.nominations.facts import campaign_rules

pytestmark = pytest.mark.django_db

C, IND, M = R.COLLECTIVE, R.INDIVIDUAL, R.MODEL


@pytest.fixture(scope="module")
def seeds(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return {
            code: campaign_rules(Campaign.objects.get(issuer__code=code, parent__isnull=True))
            for code in ("LD-HU", "HT-DUK", "KB-HU", "TN-DUK")
        }


def unit(kind, members=None, name="Đơn vị thử"):
    names = {
        "chi-bo-co-so": "Chi bộ cơ sở",
        "dang-bo-co-so": "Đảng bộ cơ sở",
        "cong-doan": "Công đoàn",
        "hoi-phu-nu": "Hội Liên hiệp Phụ nữ",
        "mttq": "Mặt trận Tổ quốc Việt Nam",
    }
    return R.UnitFacts(kind=kind, kind_name=names[kind], name=name, party_members=members)


def codes(findings, severity=None):
    return sorted(f.code for f in findings if severity is None or f.severity == severity)


QUOTA_ROWS = [
    # seed, unit kind, party members, proposed, expected blocking codes
    ("HT-DUK", "chi-bo-co-so", 20, {C: 1, IND: 1}, ["quota.either"]),
    ("HT-DUK", "chi-bo-co-so", 20, {C: 1}, []),
    ("HT-DUK", "chi-bo-co-so", 20, {IND: 1}, []),
    ("HT-DUK", "chi-bo-co-so", 20, {IND: 2}, ["quota.exceeded"]),
    ("HT-DUK", "dang-bo-co-so", 120, {C: 1, IND: 2}, []),
    ("HT-DUK", "dang-bo-co-so", 120, {C: 1, IND: 3}, ["quota.exceeded"]),
    ("HT-DUK", "dang-bo-co-so", 80, {IND: 2}, ["quota.exceeded"]),
    ("HT-DUK", "dang-bo-co-so", 100, {C: 1, IND: 2}, []),
    ("TN-DUK", "dang-bo-co-so", 300, {C: 1, IND: 1}, []),
    ("TN-DUK", "dang-bo-co-so", 300, {C: 2, IND: 1}, ["quota.exceeded"]),
    ("TN-DUK", "chi-bo-co-so", 10, {C: 1, IND: 1}, ["quota.either"]),
    ("TN-DUK", "cong-doan", None, {IND: 2}, []),
    ("TN-DUK", "cong-doan", None, {IND: 3}, ["quota.exceeded"]),
    ("TN-DUK", "cong-doan", None, {C: 1}, ["quota.exceeded"]),
    ("LD-HU", "dang-bo-co-so", 120, {C: 1, IND: 1}, []),
    ("LD-HU", "dang-bo-co-so", 120, {IND: 2}, []),
    ("LD-HU", "dang-bo-co-so", 120, {C: 2, IND: 1}, ["quota.exceeded"]),
    ("LD-HU", "chi-bo-co-so", 9, {C: 1, IND: 1}, []),
    ("LD-HU", "chi-bo-co-so", 9, {C: 2}, ["quota.exceeded"]),
    ("KB-HU", "chi-bo-co-so", 10, {M: 1}, []),
    ("KB-HU", "chi-bo-co-so", 10, {M: 2}, ["quota.exceeded"]),
    ("KB-HU", "mttq", None, {M: 1}, []),
    ("KB-HU", "dang-bo-co-so", 150, {M: 2}, []),
    ("KB-HU", "dang-bo-co-so", 150, {M: 3}, ["quota.exceeded"]),
    ("KB-HU", "dang-bo-co-so", 150, {C: 1}, ["quota.kind_not_allowed"]),
    ("TN-DUK", "hoi-phu-nu", None, {IND: 1}, ["quota.no_rule"]),
]


@pytest.mark.parametrize(("seed", "kind", "members", "proposed", "expected"), QUOTA_ROWS)
def test_quotas_of_the_seeds(seeds, seed, kind, members, proposed, expected):
    findings = R.check_quota(seeds[seed].quotas, unit(kind, members), proposed)
    assert codes(findings, R.BLOCK) == expected
    for f in R.blocking(findings):
        assert (f.message and "đề nghị" in f.message) or "chỉ tiêu" in f.message.lower()


def test_the_quota_message_names_the_plans_wording(seeds):
    (finding,) = R.check_quota(seeds["HT-DUK"].quotas, unit("dang-bo-co-so", 80, "Đảng bộ Sở Tư pháp"), {IND: 2})
    assert "Đảng bộ Sở Tư pháp đề nghị 2 cá nhân, chỉ tiêu là 1" in finding.message
    assert "có 80 đảng viên (thêm 1 cá nhân khi từ 100 đảng viên)" in finding.message
    assert "kế hoạch: “Mỗi đảng bộ cơ sở đề xuất 01 tập thể và 01 cá nhân" in finding.message
    assert finding.data["allowed"][IND] == 1


def person(kind=IND, ratings=None, honors=(), **extra):
    return R.NomineeFacts(kind=kind, name="Nguyễn Thị Ánh", ratings=ratings or {}, honors=honors, **extra)


def criteria(seeds, seed, kind=None, nominee=None):
    return [f for f in R.check_criteria(seeds[seed].criteria, nominee) if kind is None or f.severity == kind]


def test_000_every_year_of_the_period_must_be_good(seeds):
    good = person(ratings={2021: "HTTNV", 2022: "HTXSNV"})
    assert not criteria(seeds, "LD-HU", R.BLOCK, good)
    bad = person(ratings={2021: "HTTNV", 2022: "HTNV"})
    (finding,) = criteria(seeds, "LD-HU", R.BLOCK, bad)
    assert finding.code == "criterion.grade" and "năm 2022: HTNV" in finding.message
    unknown = person(ratings={2021: "HTTNV"})
    assert not criteria(seeds, "LD-HU", R.BLOCK, unknown)
    assert "criterion.grade_missing" in codes(criteria(seeds, "LD-HU", R.REVIEW, unknown))


def test_000_criteria_no_record_decides_go_to_the_reviewer(seeds):
    found = criteria(seeds, "LD-HU", R.REVIEW, person(ratings={2021: "HTTNV", 2022: "HTTNV"}))
    assert codes(found) == ["criterion.reviewer", "criterion.reviewer"]


def test_004_the_party_organisation_must_be_rated_htxsnv_in_2023(seeds):
    org = R.NomineeFacts(kind=C, name="Chi bộ Sở Ngoại vụ", ratings={2023: "HTTNV"})
    (finding,) = criteria(seeds, "TN-DUK", R.BLOCK, org)
    assert "năm 2023 được xếp loại HTTNV, cần HTXSNV" in finding.message
    assert not criteria(seeds, "TN-DUK", R.BLOCK, R.NomineeFacts(kind=C, name="X", ratings={2023: "HTXSNV"}))


def test_004_summary_budget_and_achievement_window(seeds):
    ok = person(
        ratings={2023: "HTTNV"},
        summary="a" * 1800,
        achievements_from=dt.date(2023, 1, 1),
        achievements_to=dt.date(2024, 2, 29),
    )
    assert not criteria(seeds, "TN-DUK", R.BLOCK, ok)
    long = person(
        ratings={2023: "HTTNV"},
        summary="a" * 1801,
        achievements_from=dt.date(2023, 3, 1),
        achievements_to=dt.date(2024, 3, 5),
    )
    found = {f.code: f for f in criteria(seeds, "TN-DUK", R.BLOCK, long)}
    assert set(found) == {"criterion.summary_length", "criterion.window"}
    assert "vượt 1800 ký tự" in found["criterion.summary_length"].message
    assert "05/03/2024 nằm ngoài khoảng 01/01/2023–29/02/2024" in found["criterion.window"].message
    missing = person(ratings={2023: "HTTNV"})
    assert "criterion.window_missing" in codes(criteria(seeds, "TN-DUK", R.BLOCK, missing))


def test_001_commended_by_its_own_unit_in_each_earlier_year(seeds):
    own = [R.HonorFact(y, "Giấy khen", "Đảng ủy Sở Y tế", own=True) for y in (2020, 2021, 2022)]
    assert not criteria(seeds, "HT-DUK", R.BLOCK, person(honors=own))
    (finding,) = criteria(seeds, "HT-DUK", R.BLOCK, person(honors=own[:1] + own[2:]))
    assert "chưa được đơn vị khen thưởng năm 2021" in finding.message


def test_003_any_one_of_three_suffices(seeds):
    weak_years = {2017: "HTTNV", 2018: "HTTNV", 2019: "HTNV", 2020: "HTTNV", 2021: "HTTNV"}
    higher = (R.HonorFact(2020, "Bằng khen", "Ủy ban nhân dân tỉnh Hà Nam", own=False),)
    model = R.NomineeFacts(kind=M, name="Mô hình Dân vận khéo", ratings=weak_years, honors=higher)
    assert not [f for f in criteria(seeds, "KB-HU", None, model) if f.code.startswith("criterion.any_of")]
    good_years = dict.fromkeys(range(2017, 2022), "HTTNV")
    assert not [
        f
        for f in criteria(seeds, "KB-HU", None, R.NomineeFacts(kind=M, name="X", ratings=good_years))
        if f.code.startswith("criterion.any_of")
    ]
    # Neither five good years nor a higher honour: the third way (a recorded special achievement) is for
    # the reviewer, so the engine does not guess — it asks.
    neither = R.NomineeFacts(kind=M, name="Mô hình Y", ratings=weak_years)
    (finding,) = [f for f in criteria(seeds, "KB-HU", None, neither) if f.code.startswith("criterion.any_of")]
    assert finding.code == "criterion.any_of_review" and finding.severity == R.REVIEW


def test_dossier_completeness_names_the_copies(seeds):
    rules = seeds["HT-DUK"]
    needed = [d for d in rules.dossier if C in d.nominee_kinds]
    findings = R.check_dossier(rules.dossier, R.NomineeFacts(kind=C, name="X", uploaded=frozenset({needed[0].id})))
    assert [f.message for f in findings] == [
        "Thiếu tệp “Trích biên bản họp xét”; nộp kèm 02 bản giấy.",
        "Thiếu tệp “Báo cáo thành tích theo mẫu quy định (bản chính, có xác nhận của cấp ủy)”; nộp kèm 04 bản giấy.",
    ]


def test_001_refuses_late_dossiers_and_000_marks_them_late(seeds):
    due_001 = seeds["HT-DUK"].deadline
    assert due_001.refuse_late
    assert R.check_deadline(due_001, due_001.due_at) == []
    (refused,) = R.check_deadline(due_001, due_001.due_at + dt.timedelta(minutes=1))
    assert refused.blocks and "không được xem xét" in refused.message and "23:59 ngày 24/03/2023" in refused.message
    due_000 = seeds["LD-HU"].deadline
    (late,) = R.check_deadline(due_000, due_000.due_at + dt.timedelta(days=2, hours=1))
    assert late.severity == R.WARN and "Nộp muộn 3 ngày" in late.message


RULE = st.builds(
    R.QuotaSpec,
    unit_kind=st.just("k"),
    unit_kind_name=st.just("Loại"),
    mode=st.sampled_from(["and", "either", "total"]),
    collectives=st.integers(0, 3),
    individuals=st.integers(0, 3),
    models=st.integers(0, 3),
    min_total=st.one_of(st.none(), st.integers(0, 2)),
    max_total=st.one_of(st.none(), st.integers(0, 4)),
    bonus_threshold=st.one_of(st.none(), st.integers(1, 200)),
    bonus_individuals=st.integers(0, 2),
)
KINDS = st.lists(st.sampled_from([C, IND, M]), max_size=8)


@given(rule=RULE, members=st.one_of(st.none(), st.integers(0, 300)), kinds=KINDS)
def test_the_quota_engine_never_accepts_more_than_a_rule_allows(rule, members, kinds):
    counts = Counter(kinds)
    findings = R.check_quota([rule], R.UnitFacts("k", "Loại", "Đơn vị", members), counts)
    if R.blocking(findings):
        return
    limits = R.allowance(rule, members)
    if rule.mode == "total":
        counted = [k for k in limits if limits[k]] or [C, IND]
        maximum = rule.max_total if rule.max_total is not None else sum(limits.values())
        assert sum(counts[k] for k in counted) <= maximum
        assert all(counts[k] == 0 for k in limits if k not in counted)
    else:
        assert all(counts[k] <= limits[k] for k in limits)
        if rule.mode == "either":
            assert not (counts[C] and counts[IND])


@given(rule=RULE, members=st.one_of(st.none(), st.integers(0, 300)), kinds=KINDS, data=st.data())
def test_the_result_does_not_depend_on_the_order_of_entry(rule, members, kinds, data):
    shuffled = data.draw(st.permutations(kinds))
    unit_ = R.UnitFacts("k", "Loại", "Đơn vị", members)
    assert R.check_quota([rule], unit_, Counter(kinds)) == R.check_quota([rule], unit_, Counter(shuffled))
