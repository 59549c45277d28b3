"""The rule engine on the seed campaigns: one row per rule of SPEC.md's list, plus properties."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import example, given
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


# The plans' wording of each quota rule, as the seed campaigns carry it (LD-HU's mass organisations have none).
WORDING = {
    ("HT-DUK", "chi-bo-co-so"): "Mỗi chi bộ cơ sở đề xuất 01 tập thể hoặc 01 cá nhân.",
    ("HT-DUK", "dang-bo-co-so"): "Mỗi đảng bộ cơ sở đề xuất 01 tập thể và 01 cá nhân; đảng bộ có từ 100 đảng viên "
    "trở lên được đề xuất thêm 01 cá nhân.",
    ("TN-DUK", "dang-bo-co-so"): "Mỗi đảng bộ cơ sở lựa chọn, đề xuất 01 tập thể và 01 cá nhân.",
    ("TN-DUK", "chi-bo-co-so"): "Mỗi chi bộ cơ sở lựa chọn, đề xuất 01 tập thể hoặc 01 cá nhân.",
    ("TN-DUK", "cong-doan"): "Hội Cựu chiến binh Khối, Công đoàn Viên chức tỉnh, Đoàn TNCS Hồ Chí Minh Khối, mỗi tổ "
    "chức đoàn thể đề xuất 02 cá nhân.",
    ("LD-HU", "dang-bo-co-so"): "Mỗi Đảng ủy trực thuộc Huyện ủy giới thiệu từ 01-02 tập thể, cá nhân.",
    ("LD-HU", "chi-bo-co-so"): "Mỗi Chi bộ trực thuộc Huyện ủy, cơ quan, ban, ngành, đoàn thể giới thiệu 01 tập thể "
    "và 01 cá nhân.",
    ("KB-HU", "chi-bo-co-so"): "Đối với Chi bộ trực thuộc Huyện ủy: mỗi đơn vị lựa chọn, giới thiệu 01 mô hình.",
    ("KB-HU", "mttq"): "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện: mỗi đơn vị lựa chọn, giới thiệu 01 "
    "mô hình.",
    ("KB-HU", "dang-bo-co-so"): "Đối với Đảng bộ trực thuộc Huyện ủy: mỗi đơn vị lựa chọn, giới thiệu 01 đến 02 "
    "mô hình.",
}


def plan_says(seed, kind):
    return f" (kế hoạch: “{WORDING[seed, kind]}”)"


EITHER = "Đơn vị thử chỉ được đề nghị tập thể hoặc cá nhân, không được cả hai"
HT_BONUS = "; đơn vị có {} đảng viên (thêm 1 cá nhân khi từ 100 đảng viên)"
QUOTA_ROWS = [
    # seed, unit kind, party members, proposed, expected blocking findings as (code, message before the wording)
    ("HT-DUK", "chi-bo-co-so", 20, {C: 1, IND: 1}, [("quota.either", EITHER)]),
    ("HT-DUK", "chi-bo-co-so", 20, {C: 1}, []),
    ("HT-DUK", "chi-bo-co-so", 20, {IND: 1}, []),
    ("HT-DUK", "chi-bo-co-so", 20, {IND: 2}, [("quota.exceeded", "Đơn vị thử đề nghị 2 cá nhân, chỉ tiêu là 1")]),
    ("HT-DUK", "dang-bo-co-so", 120, {C: 1, IND: 2}, []),
    (
        "HT-DUK",
        "dang-bo-co-so",
        120,
        {C: 1, IND: 3},
        [("quota.exceeded", "Đơn vị thử đề nghị 3 cá nhân, chỉ tiêu là 2" + HT_BONUS.format(120))],
    ),
    (
        "HT-DUK",
        "dang-bo-co-so",
        80,
        {IND: 2},
        [("quota.exceeded", "Đơn vị thử đề nghị 2 cá nhân, chỉ tiêu là 1" + HT_BONUS.format(80))],
    ),
    ("HT-DUK", "dang-bo-co-so", 100, {C: 1, IND: 2}, []),
    ("TN-DUK", "dang-bo-co-so", 300, {C: 1, IND: 1}, []),
    (
        "TN-DUK",
        "dang-bo-co-so",
        300,
        {C: 2, IND: 1},
        [("quota.exceeded", "Đơn vị thử đề nghị 2 tập thể, chỉ tiêu là 1")],
    ),
    ("TN-DUK", "chi-bo-co-so", 10, {C: 1, IND: 1}, [("quota.either", EITHER)]),
    ("TN-DUK", "cong-doan", None, {IND: 2}, []),
    ("TN-DUK", "cong-doan", None, {IND: 3}, [("quota.exceeded", "Đơn vị thử đề nghị 3 cá nhân, chỉ tiêu là 2")]),
    ("TN-DUK", "cong-doan", None, {C: 1}, [("quota.exceeded", "Đơn vị thử đề nghị 1 tập thể, chỉ tiêu là 0")]),
    ("LD-HU", "dang-bo-co-so", 120, {C: 1, IND: 1}, []),
    ("LD-HU", "dang-bo-co-so", 120, {IND: 2}, []),
    (
        "LD-HU",
        "dang-bo-co-so",
        120,
        {C: 2, IND: 1},
        [("quota.exceeded", "Đơn vị thử đề nghị 3 tập thể, cá nhân, vượt chỉ tiêu tối đa 2")],
    ),
    ("LD-HU", "chi-bo-co-so", 9, {C: 1, IND: 1}, []),
    ("LD-HU", "chi-bo-co-so", 9, {C: 2}, [("quota.exceeded", "Đơn vị thử đề nghị 2 tập thể, chỉ tiêu là 1")]),
    ("KB-HU", "chi-bo-co-so", 10, {M: 1}, []),
    ("KB-HU", "chi-bo-co-so", 10, {M: 2}, [("quota.exceeded", "Đơn vị thử đề nghị 2 mô hình, chỉ tiêu là 1")]),
    ("KB-HU", "mttq", None, {M: 1}, []),
    ("KB-HU", "dang-bo-co-so", 150, {M: 2}, []),
    (
        "KB-HU",
        "dang-bo-co-so",
        150,
        {M: 3},
        [("quota.exceeded", "Đơn vị thử đề nghị 3 mô hình, vượt chỉ tiêu tối đa 2")],
    ),
    ("KB-HU", "dang-bo-co-so", 150, {C: 1}, [("quota.kind_not_allowed", "Chỉ tiêu của Đơn vị thử không có tập thể")]),
]


@pytest.mark.parametrize(("seed", "kind", "members", "proposed", "expected"), QUOTA_ROWS)
def test_quotas_of_the_seeds(seeds, seed, kind, members, proposed, expected):
    findings = R.check_quota(seeds[seed].quotas, unit(kind, members), proposed)
    assert [(f.code, f.message) for f in R.blocking(findings)] == [
        (code, f"{text}{plan_says(seed, kind)}.") for code, text in expected
    ]


def test_a_unit_kind_the_plan_gives_no_quota_cannot_propose(seeds):
    findings = R.check_quota(seeds["TN-DUK"].quotas, unit("hoi-phu-nu"), {IND: 1})
    assert [(f.code, f.severity, f.message) for f in findings] == [
        (
            "quota.no_rule",
            R.BLOCK,
            "Kế hoạch không giao chỉ tiêu đề nghị cho hội liên hiệp phụ nữ; Đơn vị thử không đề nghị được.",
        )
    ]
    assert R.check_quota(seeds["TN-DUK"].quotas, unit("hoi-phu-nu"), {}) == []


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


# -- properties -----------------------------------------------------------------------------------
# Small by construction: counts 0-3, party members at and around the thresholds, no filtering.

THRESHOLDS = [None, 1, 50, 100]
MEMBERS = st.sampled_from([None, 0, 1, 2, 49, 50, 51, 99, 100, 101, 300])
RULE = st.builds(
    R.QuotaSpec,
    unit_kind=st.just("k"),
    unit_kind_name=st.just("Loại"),
    mode=st.sampled_from(["and", "either", "total"]),
    collectives=st.integers(0, 2),
    individuals=st.integers(0, 2),
    models=st.integers(0, 2),
    min_total=st.one_of(st.none(), st.integers(1, 3)),
    max_total=st.one_of(st.none(), st.integers(0, 3)),
    bonus_threshold=st.sampled_from(THRESHOLDS),
    bonus_individuals=st.integers(0, 2),
)
COUNTS = st.fixed_dictionaries({C: st.integers(0, 3), IND: st.integers(0, 3), M: st.integers(0, 3)})


def oracle(rule: R.QuotaSpec, members: int | None, counts: dict) -> tuple[bool, bool]:
    """(accepted, warned) written from SPEC.md, not from the engine: "and" — up to so many of each
    kind; "either" — collectives or individuals, never both; "total" — the kinds the rule names
    (collectives and individuals when it names none) counted together up to the maximum (the sum of
    the kinds when no maximum is given), other kinds refused, fewer than the minimum only warned;
    from `bonus_threshold` party members the unit may send `bonus_individuals` more individuals."""
    c, i, m = counts[C], counts[IND], counts[M]
    extra = 0
    if rule.bonus_threshold is not None and members is not None and members >= rule.bonus_threshold:
        extra = rule.bonus_individuals
    if rule.mode == "total":
        named = {C: rule.collectives, IND: rule.individuals + extra, M: rule.models}
        counted = {k for k, n in named.items() if n > 0} or {C, IND}
        together = sum(counts[k] for k in counted)
        top = rule.max_total if rule.max_total is not None else rule.collectives + rule.individuals + rule.models
        # the extra places are for individuals only
        others_together = together - (i if IND in counted else 0)
        accepted = (
            together <= top + extra
            and others_together <= top
            and all(counts[k] == 0 for k in (C, IND, M) if k not in counted)
        )
        warned = rule.min_total is not None and 0 < together < rule.min_total
        return accepted, warned
    accepted = c <= rule.collectives and i <= rule.individuals + extra and m <= rule.models
    if rule.mode == "either":
        accepted = accepted and not (c and i)
    return accepted, False


TOTAL_WITH_BONUS = R.QuotaSpec("k", "Loại", "total", 1, 1, 0, 1, 2, 100, 1)
MODELS_WITH_BONUS = R.QuotaSpec("k", "Loại", "total", 0, 0, 1, None, None, 1, 1)


@given(rule=RULE, members=MEMBERS, counts=COUNTS)
@example(rule=TOTAL_WITH_BONUS, members=100, counts={C: 1, IND: 2, M: 0})  # the bonus on top of the maximum
@example(rule=TOTAL_WITH_BONUS, members=99, counts={C: 1, IND: 2, M: 0})
@example(rule=TOTAL_WITH_BONUS, members=100, counts={C: 3, IND: 0, M: 0})  # the extra place is an individual's
@example(rule=MODELS_WITH_BONUS, members=1, counts={C: 0, IND: 0, M: 2})
@example(rule=R.QuotaSpec("k", "Loại", "either", 1, 1), members=None, counts={C: 1, IND: 1, M: 0})
@example(rule=R.QuotaSpec("k", "Loại", "and", 1, 1, 0, None, None, 100, 1), members=100, counts={C: 1, IND: 2, M: 0})
@example(rule=R.QuotaSpec("k", "Loại", "and", 1, 1, 0, None, None, 100, 1), members=99, counts={C: 1, IND: 2, M: 0})
def test_the_quota_engine_accepts_exactly_what_the_rule_allows(rule, members, counts):
    findings = R.check_quota([rule], R.UnitFacts("k", "Loại", "Đơn vị", members), counts)
    accepted, warned = oracle(rule, members, counts)
    assert (not R.blocking(findings)) == accepted, (findings, accepted)
    assert any(f.code == "quota.below_minimum" for f in findings) == warned
    assert all(f.severity in (R.BLOCK, R.WARN) for f in findings)


@given(counts=COUNTS, members=MEMBERS)
def test_a_unit_kind_without_a_rule_may_propose_nothing(counts, members):
    other = R.QuotaSpec("khac", "Loại khác", "and", collectives=3, individuals=3, models=3)
    findings = R.check_quota([other], R.UnitFacts("k", "Loại", "Đơn vị", members), counts)
    assert codes(findings) == (["quota.no_rule"] if sum(counts.values()) else [])


@given(
    rules=st.lists(RULE, min_size=1, max_size=4),
    members=MEMBERS,
    counts=COUNTS,
    data=st.data(),
)
def test_the_order_of_the_quota_rules_does_not_matter(rules, members, counts, data):
    # one rule per unit kind, as a plan has them; the unit's own rule may be anywhere in the list
    rules = [dataclasses.replace(r, unit_kind=f"k{i}", unit_kind_name=f"Loại {i}") for i, r in enumerate(rules)]
    target = data.draw(st.sampled_from(rules))
    unit_ = R.UnitFacts(target.unit_kind, target.unit_kind_name, "Đơn vị", members)
    expected = R.check_quota([target], unit_, counts)
    assert R.check_quota(data.draw(st.permutations(rules)), unit_, counts) == expected
    assert R.check_quota(rules[::-1], unit_, counts) == expected


GRADES = st.sampled_from(["HTXSNV", "HTTNV", "HTNV", "KHTNV"])


@pytest.mark.parametrize("seed", ["LD-HU", "HT-DUK", "KB-HU", "TN-DUK"])
@given(data=st.data())
def test_the_order_of_a_plans_criteria_does_not_matter(seeds, seed, data):
    criteria = list(seeds[seed].criteria)
    kind = data.draw(st.sampled_from(sorted({c.nominee_kind for c in criteria})))
    years = range(2016, 2025)
    nominee = R.NomineeFacts(
        kind=kind,
        name="Đối tượng",
        ratings=data.draw(st.dictionaries(st.sampled_from(years), GRADES, max_size=9)),
        honors=tuple(
            R.HonorFact(y, "Giấy khen", "Cấp khen", own)
            for y, own in data.draw(st.lists(st.tuples(st.sampled_from(years), st.booleans()), max_size=4))
        ),
        summary="a" * data.draw(st.sampled_from([0, 1800, 1801])),
        achievements_from=data.draw(st.sampled_from([None, dt.date(2022, 12, 31), dt.date(2023, 1, 1)])),
        achievements_to=data.draw(st.sampled_from([None, dt.date(2024, 2, 29), dt.date(2024, 3, 1)])),
    )

    def outcome(found):
        return sorted((f.code, f.severity) for f in found)

    expected = outcome(R.check_criteria(criteria, nominee))
    assert outcome(R.check_criteria(data.draw(st.permutations(criteria)), nominee)) == expected
    assert outcome(R.check_criteria(criteria[::-1], nominee)) == expected
