"""Every rule of the seed plans (SPEC.md, "Rules, with the seeds as test cases") at its edges: the
rules come from the seed campaigns of the demo, the facts are small and written by hand, and each
boundary has a case on each side."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.contrib.auth import get_user_model

from guongsang.awards import selection
from guongsang.awards.models import AwardList, ListEntry, Vote
from guongsang.campaigns.models import AwardForm, Campaign
from guongsang.nominations import rules as R
from guongsang.nominations.checks import check_unit_nominations
from guongsang.nominations.facts import campaign_rules, honors_of, is_own_honor
from guongsang.nominations.models import Nomination
from guongsang.nominations.services import findings_for
from guongsang.org.models import Honor, Person, Rating, Unit

pytestmark = pytest.mark.django_db

C, IND, M = R.COLLECTIVE, R.INDIVIDUAL, R.MODEL
MASS = ["mttq", "doan-thanh-nien", "hoi-phu-nu", "hoi-nong-dan", "hoi-cuu-chien-binh"]
KIND_NAMES = {
    "dang-bo-co-so": "Đảng bộ cơ sở",
    "chi-bo-co-so": "Chi bộ cơ sở",
    "mttq": "Mặt trận Tổ quốc Việt Nam",
    "doan-thanh-nien": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "hoi-phu-nu": "Hội Liên hiệp Phụ nữ",
    "hoi-nong-dan": "Hội Nông dân",
    "hoi-cuu-chien-binh": "Hội Cựu chiến binh",
    "cong-doan": "Công đoàn",
}


def campaign(code: str) -> Campaign:
    return Campaign.objects.get(issuer__code=code, parent__isnull=True)


@pytest.fixture(scope="module")
def seeds(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return {code: campaign_rules(campaign(code)) for code in ("LD-HU", "HT-DUK", "KB-HU", "TN-DUK")}


def unit(kind: str, members: int | None = None) -> R.UnitFacts:
    return R.UnitFacts(kind=kind, kind_name=KIND_NAMES[kind], name="Đơn vị thử", party_members=members)


def quota(seeds, seed, kind, members=None, **proposed) -> list[tuple[str, str]]:
    counts = {C: proposed.get("c", 0), IND: proposed.get("i", 0), M: proposed.get("m", 0)}
    return [(f.code, f.severity) for f in R.check_quota(seeds[seed].quotas, unit(kind, members), counts)]


EXCEEDED = [("quota.exceeded", R.BLOCK)]


def criteria(seeds, seed, nominee) -> list[R.Finding]:
    return R.check_criteria(seeds[seed].criteria, nominee)


def only(findings, prefix="criterion.") -> list[tuple[str, str]]:
    return [(f.code, f.severity) for f in findings if f.code.startswith(prefix)]


def person(kind=IND, **facts) -> R.NomineeFacts:
    return R.NomineeFacts(kind=kind, name="Nguyễn Thị Ánh", **facts)


# --- 000: Huyện ủy Lạc Dương, 98-KH/HU ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("proposed", "expected"),
    [
        ({}, []),
        ({"c": 1}, []),
        ({"i": 1}, []),
        ({"c": 1, "i": 1}, []),
        ({"c": 2}, []),  # "từ 01-02 tập thể, cá nhân": two in total, whichever kind
        ({"i": 2}, []),
        ({"c": 2, "i": 1}, EXCEEDED),
        ({"c": 1, "i": 2}, EXCEEDED),
        ({"i": 3}, EXCEEDED),
        ({"c": 3}, EXCEEDED),
        ({"m": 1}, [("quota.kind_not_allowed", R.BLOCK)]),
    ],
)
def test_000_party_committees_under_the_district_send_one_or_two_in_total(seeds, proposed, expected):
    assert quota(seeds, "LD-HU", "dang-bo-co-so", 120, **proposed) == expected


def test_000_three_in_total_names_the_maximum_of_two(seeds):
    (finding,) = R.check_quota(seeds["LD-HU"].quotas, unit("dang-bo-co-so", 120), {C: 1, IND: 2})
    assert finding.message == (
        "Đơn vị thử đề nghị 3 tập thể, cá nhân, vượt chỉ tiêu tối đa 2 "
        "(kế hoạch: “Mỗi Đảng ủy trực thuộc Huyện ủy giới thiệu từ 01-02 tập thể, cá nhân.”)."
    )


@pytest.mark.parametrize("kind", ["chi-bo-co-so", *MASS])
@pytest.mark.parametrize(
    ("proposed", "expected"),
    [
        ({}, []),
        ({"c": 1, "i": 1}, []),
        ({"c": 1}, []),
        ({"i": 1}, []),
        ({"c": 2}, EXCEEDED),
        ({"i": 2}, EXCEEDED),
        ({"c": 2, "i": 1}, EXCEEDED),
        ({"c": 1, "i": 2}, EXCEEDED),
        ({"c": 2, "i": 2}, EXCEEDED * 2),
        ({"m": 1}, EXCEEDED),
    ],
)
def test_000_chi_bo_and_mass_organisations_send_one_collective_and_one_individual(seeds, kind, proposed, expected):
    assert quota(seeds, "LD-HU", kind, 9 if kind == "chi-bo-co-so" else None, **proposed) == expected


@pytest.mark.parametrize("year", [2021, 2022])
@pytest.mark.parametrize(("grade", "ok"), [("HTXSNV", True), ("HTTNV", True), ("HTNV", False), ("KHTNV", False)])
@pytest.mark.parametrize("kind", [C, IND])
def test_000_every_year_of_the_period_at_the_floor(seeds, year, grade, ok, kind):
    ratings = {2021: "HTTNV", 2022: "HTTNV", year: grade}
    found = only(criteria(seeds, "LD-HU", person(kind, ratings=ratings)))
    assert [c for c in found if c[1] != R.REVIEW] == ([] if ok else [("criterion.grade", R.BLOCK)])
    if not ok:
        (f,) = [f for f in criteria(seeds, "LD-HU", person(kind, ratings=ratings)) if f.code == "criterion.grade"]
        assert f.message.endswith(f"cần hoàn thành tốt nhiệm vụ trở lên mọi năm 2021–2022, nhưng năm {year}: {grade}.")
        assert f.data["below"] == {year: grade}


@pytest.mark.parametrize("kind", [C, IND])
def test_000_years_outside_the_period_do_not_count_and_a_missing_year_goes_to_the_reviewer(seeds, kind):
    outside = {2020: "KHTNV", 2021: "HTTNV", 2022: "HTTNV", 2023: "HTNV"}
    assert [c for c in only(criteria(seeds, "LD-HU", person(kind, ratings=outside))) if c[1] != R.REVIEW] == []
    for year in (2021, 2022):
        ratings = {2021: "HTTNV", 2022: "HTTNV"}
        del ratings[year]
        found = [f for f in criteria(seeds, "LD-HU", person(kind, ratings=ratings)) if f.code.startswith("criterion.g")]
        assert [(f.code, f.severity) for f in found] == [("criterion.grade_missing", R.REVIEW)]
        assert found[0].message.startswith(f"Chưa có dữ liệu xếp loại năm {year} của Nguyễn Thị Ánh để xét")


def _member(code: str, *, party: bool, party_grades: dict, staff_grades: dict) -> Person:
    p = Person(code=code, full_name="Lò Thị Mai", unit=Unit.objects.get(code="LD-LAT"), is_party_member=party)
    p.save()
    for scheme, grades in ((Rating.Scheme.PARTY, party_grades), (Rating.Scheme.STAFF, staff_grades)):
        for year, grade in grades.items():
            Rating.objects.create(person=p, year=year, grade=grade, scheme=scheme)
    return p


def _grade_codes(n: Nomination) -> tuple[list, list]:
    """The rating findings through the form's path (services.findings_for) and the batch re-check."""
    one = sorted(f.code for f in findings_for(n) if f.code.startswith("criterion.grade"))
    batch = dict((m.pk, found) for m, found in check_unit_nominations(n.campaign, n.unit))[n.pk]
    return one, sorted(f.code for f in batch if f.code.startswith("criterion.grade"))


GOOD = {2021: "HTTNV", 2022: "HTTNV"}


@pytest.mark.parametrize("year", [2021, 2022])
@pytest.mark.parametrize(
    ("party", "bad_scheme", "expected"),
    [
        (True, "staff", []),  # a party member is judged by the party rating: a bad staff rating is not counted
        (True, "party", ["criterion.grade"]),
        (False, "staff", ["criterion.grade"]),  # a non-member by the staff (chính quyền) rating
        (False, "party", []),
    ],
)
def test_000_party_members_by_their_party_rating_others_by_the_staff_one(demo, year, party, bad_scheme, expected):
    bad = {**GOOD, year: "HTNV"}
    p = _member(
        f"T-RS-{year}-{party}-{bad_scheme}",
        party=party,
        party_grades=bad if bad_scheme == "party" else GOOD,
        staff_grades=bad if bad_scheme == "staff" else GOOD,
    )
    lat = Unit.objects.get(code="LD-LAT")
    n = Nomination.objects.create(campaign=campaign("LD-HU"), unit=lat, kind=IND, person=p)
    assert _grade_codes(n) == (expected, expected)


@pytest.mark.parametrize("year", [2021, 2022])
def test_000_a_unit_is_judged_by_its_party_rating(demo, year):
    branch = Unit.objects.get(code="LD-LAT-CB02")
    Rating.objects.filter(unit=branch).delete()
    for y, grade in GOOD.items():
        Rating.objects.create(unit=branch, year=y, grade=grade, scheme=Rating.Scheme.PARTY)
    Rating.objects.create(unit=branch, year=year, grade="KHTNV", scheme=Rating.Scheme.STAFF)  # not the unit's scale
    n = Nomination.objects.create(campaign=campaign("LD-HU"), unit=branch.parent_unit(), kind=C, nominee_unit=branch)
    assert _grade_codes(n) == ([], [])
    Rating.objects.filter(unit=branch, year=year, scheme=Rating.Scheme.PARTY).update(grade="HTNV")
    assert _grade_codes(n) == (["criterion.grade"], ["criterion.grade"])


# --- 001: Đảng ủy khối Cơ quan - Doanh nghiệp tỉnh Hà Tĩnh ---------------------------------------------

OWN_YEARS = (2020, 2021, 2022)


def own(year, granted_by="Đảng bộ Sở Y tế"):
    return R.HonorFact(year, "Giấy khen", granted_by, own=True)


def higher(year):
    return R.HonorFact(year, "Bằng khen", "Ủy ban nhân dân tỉnh Hà Tĩnh", own=False)


@pytest.mark.parametrize("kind", [C, IND])
def test_001_commended_by_its_own_unit_in_every_earlier_year(seeds, kind):
    assert only(criteria(seeds, "HT-DUK", person(kind, honors=tuple(own(y) for y in OWN_YEARS))), "criterion.own") == []


@pytest.mark.parametrize("kind", [C, IND])
@pytest.mark.parametrize("missing", OWN_YEARS)
@pytest.mark.parametrize(
    "instead",
    [
        None,
        "higher",  # a higher commendation that year is not its own
        "before",  # an own commendation the year before the period does not stand in
        "after",
    ],
)
def test_001_a_year_without_its_own_commendation_fails(seeds, kind, missing, instead):
    honors = [own(y) for y in OWN_YEARS if y != missing]
    if instead == "higher":
        honors.append(higher(missing))
    elif instead == "before":
        honors.append(own(2019))
    elif instead == "after":
        honors.append(own(2023))
    (finding,) = [f for f in criteria(seeds, "HT-DUK", person(kind, honors=tuple(honors))) if f.severity == R.BLOCK]
    assert finding.code == "criterion.own_honor"
    assert finding.message.endswith(f": chưa được đơn vị khen thưởng năm {missing}.")


def test_001_two_missing_years_are_both_named(seeds):
    (finding,) = [f for f in criteria(seeds, "HT-DUK", person(honors=(own(2021),))) if f.severity == R.BLOCK]
    assert finding.message.endswith(": chưa được đơn vị khen thưởng năm 2020, 2022.")


SYT = "HT-SYT"  # Đảng bộ Sở Y tế
OWN_NAMES = [
    ("Đảng bộ Sở Y tế", True),
    ("Ban Thường vụ Đảng bộ Sở Y tế", True),
    ("Đảng ủy Sở Y tế", True),  # its party committee
    ("Ban Thường vụ Đảng ủy Sở Y tế", True),
    ("ĐẢNG BỘ SỞ Y TẾ", True),
    (unicodedata.normalize("NFD", "Đảng bộ Sở Y tế"), True),
    ("Dang bo So Y te", True),
    ("  Đảng bộ   Sở Y tế ", True),
    ("Ban Thường vụ Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Hà Tĩnh", False),  # a higher committee
    ("Ủy ban nhân dân tỉnh Hà Tĩnh", False),
    ("Giám đốc Sở Y tế", False),  # the State agency, not its party organisation
    ("Đảng bộ Sở Tư pháp", False),
    ("", False),
]


@pytest.mark.parametrize(("granted_by", "expected"), OWN_NAMES)
def test_001_which_issuers_count_as_the_units_own(demo, granted_by, expected):
    assert is_own_honor(granted_by, Unit.objects.get(code=SYT)) is expected


@pytest.mark.parametrize(
    ("granted_by", "expected"),
    [
        ("Chi bộ thôn 1", True),
        ("Chi ủy Chi bộ thôn 1", True),
        ("Chi bộ thôn 1, xã Thanh Sơn", True),
        ("Chi bộ thôn 10", False),  # a similarly named other unit
        ("Chi bộ thôn 12", False),
        ("Chi bộ thôn 2", False),
    ],
)
def test_001_a_similarly_named_unit_is_not_the_units_own(demo, granted_by, expected):
    first = Unit.objects.filter(name="Chi bộ thôn 1").order_by("code").first()
    assert is_own_honor(granted_by, first) is expected


def test_001_own_honours_are_read_from_the_records_of_the_nominee(demo):
    syt = Unit.objects.get(code=SYT)
    nominee = Person.objects.filter(unit__path__startswith=syt.path).order_by("code").last()
    Honor.objects.filter(person=nominee).delete()
    for year, by in ((2020, "Đảng ủy Sở Y tế"), (2021, "Ban Thường vụ Đảng bộ Sở Y tế"), (2022, "Giám đốc Sở Y tế")):
        Honor.objects.create(person=nominee, form="Giấy khen", granted_by=by, year=year)
    assert sorted((h.year, h.own) for h in honors_of(nominee, syt)) == [(2020, True), (2021, True), (2022, False)]
    n = Nomination.objects.create(campaign=campaign("HT-DUK"), unit=syt, kind=IND, person=nominee)
    expected = ["criterion.own_honor"]
    assert [f.code for f in findings_for(n) if f.code == "criterion.own_honor"] == expected
    found = {m.pk: fs for m, fs in check_unit_nominations(n.campaign, syt)}[n.pk]
    (f,) = [f for f in found if f.code == "criterion.own_honor"]
    assert f.message.endswith("năm 2022.")


@pytest.mark.parametrize(
    ("members", "individuals", "ok"),
    [
        (None, 1, True),
        (None, 2, False),
        (0, 2, False),
        (99, 1, True),
        (99, 2, False),
        (100, 2, True),
        (100, 3, False),
        (101, 2, True),
        (168, 3, False),
    ],
)
def test_001_one_more_individual_from_100_party_members(seeds, members, individuals, ok):
    found = quota(seeds, "HT-DUK", "dang-bo-co-so", members, c=1, i=individuals)
    assert found == ([] if ok else EXCEEDED)


def test_001_the_message_says_how_many_members_the_unit_has(seeds):
    (finding,) = R.check_quota(seeds["HT-DUK"].quotas, unit("dang-bo-co-so", 99), {IND: 2})
    assert finding.message.startswith(
        "Đơn vị thử đề nghị 2 cá nhân, chỉ tiêu là 1; đơn vị có 99 đảng viên (thêm 1 cá nhân khi từ 100 đảng viên) "
        "(kế hoạch: “Mỗi đảng bộ cơ sở đề xuất"
    )
    assert finding.data["allowed"] == {C: 1, IND: 1, M: 0}


@pytest.mark.parametrize("members", [99, 100, 150])
@pytest.mark.parametrize(
    ("proposed", "expected"),
    [
        ({"c": 1}, []),
        ({"i": 1}, []),
        ({"c": 1, "i": 1}, [("quota.either", R.BLOCK)]),
        ({"c": 2}, EXCEEDED),
        ({"i": 2}, EXCEEDED),  # the bonus is for đảng bộ, not for a chi bộ however large
    ],
)
def test_001_a_chi_bo_sends_a_collective_or_an_individual(seeds, members, proposed, expected):
    assert quota(seeds, "HT-DUK", "chi-bo-co-so", members, **proposed) == expected


# --- 003: Huyện ủy Kim Bảng, 83-KH/HU (models only) -----------------------------------------------------

FIVE_GOOD = dict.fromkeys(range(2017, 2022), "HTTNV")


def model(**facts) -> R.NomineeFacts:
    return R.NomineeFacts(kind=M, name="Mô hình Dân vận khéo", **facts)


def one_of_three(seeds, nominee) -> list[R.Finding]:
    return [f for f in criteria(seeds, "KB-HU", nominee) if f.code.startswith("criterion.any_of")]


@pytest.mark.parametrize(
    "nominee",
    [
        model(ratings=FIVE_GOOD),
        model(ratings={**FIVE_GOOD, 2019: "HTXSNV", 2022: "KHTNV"}),  # 2022 is not one of the five years
        model(honors=(higher(2017),)),
        model(honors=(higher(2022),)),
        model(ratings={**FIVE_GOOD, 2019: "HTNV"}, honors=(higher(2020),)),
    ],
    ids=["five-good-years", "2022-outside-the-five", "higher-2017", "higher-2022", "weak-year-but-higher"],
)
def test_003_one_branch_alone_satisfies_the_one_of_three(seeds, nominee):
    assert one_of_three(seeds, nominee) == []
    assert [f for f in criteria(seeds, "KB-HU", nominee) if f.severity == R.BLOCK] == []


@pytest.mark.parametrize(
    ("nominee", "five_years"),
    [
        (model(ratings={**FIVE_GOOD, 2019: "HTNV"}), "criterion.grade"),
        (model(ratings={**FIVE_GOOD, 2017: "KHTNV"}), "criterion.grade"),
        (model(ratings={y: g for y, g in FIVE_GOOD.items() if y != 2021}), "criterion.grade_missing"),  # four of five
        (model(ratings=FIVE_GOOD | {2018: "HTNV"}, honors=(higher(2016),)), "criterion.grade"),  # honour too early
        (model(ratings=FIVE_GOOD | {2018: "HTNV"}, honors=(higher(2023),)), "criterion.grade"),  # too late
        (model(ratings=FIVE_GOOD | {2018: "HTNV"}, honors=(own(2020, "Đảng bộ thị trấn Ba Sao"),)), "criterion.grade"),
        (model(), "criterion.grade_missing"),
    ],
    ids=["htnv-2019", "khtnv-2017", "four-of-five", "honour-2016", "honour-2023", "own-honour", "nothing"],
)
def test_003_with_no_branch_met_the_reviewer_decides_on_the_special_achievement(seeds, nominee, five_years):
    (finding,) = one_of_three(seeds, nominee)
    assert (finding.code, finding.severity) == ("criterion.any_of_review", R.REVIEW)
    assert [g["code"] for g in finding.data["group"]] == [five_years, "criterion.higher_honor", "criterion.reviewer"]
    assert finding.message.startswith("Cần đạt một trong các tiêu chuẩn “Đơn vị có 5 năm được cấp trên đánh giá")
    assert [f for f in criteria(seeds, "KB-HU", nominee) if f.severity == R.BLOCK] == []


@pytest.mark.parametrize("kind", ["chi-bo-co-so", *MASS, "cong-doan"])
@pytest.mark.parametrize(
    ("proposed", "expected"),
    [({}, []), ({"m": 1}, []), ({"m": 2}, EXCEEDED), ({"c": 1}, EXCEEDED), ({"i": 1}, EXCEEDED)],
)
def test_003_chi_bo_and_mass_organisations_send_one_model(seeds, kind, proposed, expected):
    assert quota(seeds, "KB-HU", kind, 10 if kind == "chi-bo-co-so" else None, **proposed) == expected


NOT_ALLOWED = [("quota.kind_not_allowed", R.BLOCK)]


@pytest.mark.parametrize(
    ("proposed", "expected"),
    [
        ({}, []),
        ({"m": 1}, []),
        ({"m": 2}, []),
        ({"m": 3}, EXCEEDED),
        ({"c": 1}, NOT_ALLOWED),
        ({"i": 1}, NOT_ALLOWED),
        ({"m": 1, "c": 1}, NOT_ALLOWED),
    ],
)
def test_003_a_dang_bo_sends_one_or_two_models(seeds, proposed, expected):
    assert quota(seeds, "KB-HU", "dang-bo-co-so", 152, **proposed) == expected


# --- 004: Đảng ủy Khối các cơ quan tỉnh Thái Nguyên, 2024 --------------------------------------------------

WINDOW = {"achievements_from": dt.date(2023, 1, 1), "achievements_to": dt.date(2024, 2, 29)}


def individual_004(**facts) -> R.NomineeFacts:
    return person(**({"ratings": {2023: "HTTNV"}, "summary": "Gương mẫu.", **WINDOW} | facts))


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({2023: "HTXSNV"}, []),
        ({2023: "HTTNV"}, []),
        ({2023: "HTNV"}, [("criterion.grade", R.BLOCK)]),
        ({2023: "KHTNV"}, [("criterion.grade", R.BLOCK)]),
        ({2022: "HTXSNV", 2024: "HTXSNV"}, [("criterion.grade_missing", R.REVIEW)]),
        ({2022: "HTNV", 2023: "HTTNV"}, []),  # only 2023 is judged
    ],
)
def test_004_individuals_at_the_htttnv_floor_for_2023(seeds, ratings, expected):
    found = [f for f in criteria(seeds, "TN-DUK", individual_004(ratings=ratings)) if f.code.startswith("criterion.g")]
    assert [(f.code, f.severity) for f in found] == expected
    if expected and expected[0][0] == "criterion.grade":
        assert found[0].message.endswith(f"mọi năm 2023–2023, nhưng năm 2023: {ratings[2023]}.")


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({2023: "HTXSNV"}, []),
        ({2023: "HTTNV"}, [("criterion.grade", R.BLOCK)]),
        ({2023: "HTNV"}, [("criterion.grade", R.BLOCK)]),
        ({2022: "HTXSNV", 2023: "HTTNV"}, [("criterion.grade", R.BLOCK)]),
        ({2022: "HTXSNV", 2024: "HTXSNV"}, [("criterion.grade_missing", R.REVIEW)]),
    ],
)
def test_004_the_party_organisation_rated_htxsnv_for_2023(seeds, ratings, expected):
    org = R.NomineeFacts(kind=C, name="Chi bộ Sở Ngoại vụ", ratings=ratings)
    found = [f for f in criteria(seeds, "TN-DUK", org) if f.code.startswith("criterion.g")]
    assert [(f.code, f.severity) for f in found] == expected
    if expected and expected[0][0] == "criterion.grade":
        assert found[0].message.endswith(f": năm 2023 được xếp loại {ratings[2023]}, cần HTXSNV.")


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (dt.date(2023, 1, 1), dt.date(2024, 2, 29), True),  # first and last day inside
        (dt.date(2023, 6, 1), dt.date(2023, 6, 30), True),
        (dt.date(2022, 12, 31), dt.date(2024, 2, 29), False),
        (dt.date(2023, 1, 1), dt.date(2024, 3, 1), False),
        (dt.date(2022, 12, 31), dt.date(2024, 3, 1), False),
    ],
)
def test_004_achievements_dated_january_2023_to_february_2024(seeds, start, end, ok):
    nominee = individual_004(achievements_from=start, achievements_to=end)
    found = [f for f in criteria(seeds, "TN-DUK", nominee) if f.code.startswith("criterion.window")]
    assert [f.code for f in found] == ([] if ok else ["criterion.window"])
    if not ok:
        assert f"Thành tích từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} nằm ngoài khoảng 01/01/2023–29/02/2024" in (
            found[0].message
        )


@pytest.mark.parametrize("missing", ["achievements_from", "achievements_to"])
def test_004_achievements_without_dates_are_refused(seeds, missing):
    found = [f for f in criteria(seeds, "TN-DUK", individual_004(**{missing: None})) if f.severity == R.BLOCK]
    assert [f.code for f in found] == ["criterion.window_missing"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("summary", "ok"),
    [
        ("a" * 1800, True),
        ("a" * 1801, False),
        ("ệ" * 1800, True),
        ("ệ" * 1801, False),
        (nfd("ệ" * 1800), True),  # the same 1,800 letters typed decomposed (NFD)
        (nfd("ệ" * 1801), False),
        ("\n  " + "a" * 1800 + "  \n", True),  # the blank ends are not counted
        ("", True),
    ],
    ids=["1800", "1801", "vi-1800", "vi-1801", "nfd-1800", "nfd-1801", "blank-ends", "empty"],
)
def test_004_summary_at_most_half_an_a4_page(seeds, summary, ok):
    found = [f for f in criteria(seeds, "TN-DUK", individual_004(summary=summary)) if f.severity == R.BLOCK]
    assert [f.code for f in found] == ([] if ok else ["criterion.summary_length"])
    if not ok:
        assert found[0].message == (
            "Tóm tắt thành tích dài 1801 ký tự, vượt 1800 ký tự (tiêu chuẩn “Bản tóm tắt thành tích không quá 1/2 "
            "trang A4.”); hãy rút gọn 1 ký tự."
        )


@pytest.mark.parametrize("kind", ["hoi-cuu-chien-binh", "cong-doan", "doan-thanh-nien"])
@pytest.mark.parametrize(
    ("proposed", "expected"),
    [
        ({"i": 1}, []),
        ({"i": 2}, []),
        ({"i": 3}, EXCEEDED),
        ({"c": 1}, EXCEEDED),
        ({"c": 1, "i": 2}, EXCEEDED),
        ({"m": 1}, EXCEEDED),
    ],
)
def test_004_the_three_named_mass_organisations_send_two_individuals(seeds, kind, proposed, expected):
    assert quota(seeds, "TN-DUK", kind, None, **proposed) == expected


@pytest.mark.parametrize("kind", ["mttq", "hoi-phu-nu", "hoi-nong-dan"])
def test_004_mass_organisations_the_plan_does_not_name_send_nothing(seeds, kind):
    assert quota(seeds, "TN-DUK", kind, None, i=1) == [("quota.no_rule", R.BLOCK)]


# --- 004: the committee's certificate for at most 15 collectives and 25 individuals -------------------------


@pytest.fixture
def certificate_004(demo):
    """The seed's own award form, its list emptied (the demo took it to a signed decision)."""
    form = AwardForm.objects.get(campaign=campaign("TN-DUK"), name="Giấy khen", is_escalation=False)
    AwardList.objects.filter(award_form=form).delete()
    return form


def valid_voted(form: AwardForm, kind: str, count: int) -> list[Nomination]:
    issuer = form.campaign.issuer
    unit = Unit.objects.get(code="TN-SYT")
    people = list(Person.objects.filter(unit__path__startswith=issuer.path).order_by("code")[:count])
    made = []
    for i in range(count):
        extra = {"person": people[i]} if kind == IND else {"collective_name": f"Tập thể thử số {i + 1}"}
        n = Nomination.objects.create(
            campaign=form.campaign,
            unit=unit,
            kind=kind,
            award_form=form,
            state=Nomination.State.SUBMITTED,
            screening=Nomination.Screening.VALID,
            **extra,
        )
        Vote.objects.create(nomination=n, members_present=9, votes_for=7, votes_against=2)
        made.append(n)
    return made


def manager_and_leader():
    User = get_user_model()
    return User.objects.get(username="tnduk.quanly"), User.objects.get(username="tnduk.lanhdao")


@pytest.mark.parametrize(("kind", "cap", "label"), [(C, 15, "tập thể"), (IND, 25, "cá nhân")])
def test_004_the_certificate_cap_at_the_cap_and_one_over(certificate_004, kind, cap, label):
    form = certificate_004
    assert (form.cap_collectives, form.cap_individuals) == (15, 25)
    manager, leader = manager_and_leader()
    *within, one_over = valid_voted(form, kind, cap + 1)
    for n in within:
        selection.add_to_list(actor=manager, nomination=n)
    award_list = selection.award_list_for(form)
    assert award_list.entries.count() == cap
    with pytest.raises(selection.SelectionError) as refused:
        selection.add_to_list(actor=manager, nomination=one_over)
    assert refused.value.messages == [
        f"Giấy khen của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh chỉ có {cap} suất cho {label}; danh sách đã có "
        f"{cap}. Hãy đưa bớt một đề nghị ra trước."
    ]
    assert award_list.entries.count() == cap
    assert not ListEntry.objects.filter(nomination=one_over).exists()
    approved = selection.approve_list(actor=leader, award_list=award_list)
    assert approved.status == AwardList.Status.APPROVED


def test_004_both_caps_filled_together_and_an_approval_past_a_cap_is_refused(certificate_004):
    form = certificate_004
    manager, leader = manager_and_leader()
    collectives, individuals = valid_voted(form, C, 16), valid_voted(form, IND, 26)
    for n in collectives[:15] + individuals[:25]:
        selection.add_to_list(actor=manager, nomination=n)
    award_list = selection.award_list_for(form)
    # one more entry slipped in past the service (an import, an old version): approval checks again
    ListEntry.objects.create(award_list=award_list, nomination=individuals[25], added_by=manager)
    with pytest.raises(selection.SelectionError) as refused:
        selection.approve_list(actor=leader, award_list=award_list)
    assert "chỉ có 25 suất cho cá nhân; danh sách đã có 26." in refused.value.messages[0]
    award_list.refresh_from_db()
    assert (award_list.status, award_list.approved_by, award_list.approved_at) == (AwardList.Status.DRAFT, None, None)
    ListEntry.objects.filter(nomination=individuals[25]).delete()
    assert selection.approve_list(actor=leader, award_list=award_list).status == AwardList.Status.APPROVED
    assert award_list.entries.filter(nomination__kind=C).count() == 15
    assert award_list.entries.filter(nomination__kind=IND).count() == 25
