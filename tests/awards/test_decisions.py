import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.accounts.models import Role
from guongsang.awards import decisions, selection
from guongsang.awards.documents import decision_docx
from guongsang.awards.models import AwardDecision, AwardList
from guongsang.campaigns.models import Campaign, Criterion, Participation
from guongsang.nominations import services as nominating
from guongsang.nominations.models import Nomination
from guongsang.org.models import Honor
from tests.awards.conftest import approved, signed, submitted
from tests.docx_text import docx_text


@pytest.mark.parametrize(
    ("coefficient", "base", "kind", "expected"),
    [
        ("0.30", 1_490_000, "individual", 450_000),  # 447,000 rounded up to the next 10,000
        ("0.30", 1_490_000, "collective", 900_000),  # 894,000: a collective gets twice
        ("1.5", 2_340_000, "individual", 3_510_000),  # exact: no rounding
        ("0.15", 2_530_000, "model", 760_000),  # 759,000; a model is carried by a collective
        (None, 2_340_000, "individual", 0),
    ],
)
def test_award_money(coefficient, base, kind, expected):
    value = Decimal(coefficient) if coefficient else None
    assert decisions.award_amount(value, base, kind) == expected


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (dt.date(2023, 3, 15), 1_490_000),
        (dt.date(2023, 7, 1), 1_800_000),
        (dt.date(2024, 6, 30), 1_800_000),
        (dt.date(2024, 7, 1), 2_340_000),
        (dt.date(2026, 7, 1), 2_530_000),
    ],
)
def test_base_salary_is_picked_by_the_decisions_date(db, day, amount):
    assert decisions.base_salary_on(day) == amount


def test_no_base_salary_before_the_data_starts(db):
    with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở"):
        decisions.base_salary_on(dt.date(2010, 1, 1))


def test_style_follows_who_grants_the_form():
    assert decisions.style_for("Chủ tịch Ủy ban nhân dân huyện Lạc Dương") == "state"
    assert decisions.style_for("Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh") == "party"


def test_no_decision_before_the_list_is_approved(cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    manager = cast.users[Role.MANAGER]
    selection.screen(actor=manager, nomination=n, verdict="valid")
    with pytest.raises(ValidationError, match="chưa được lãnh đạo duyệt"):
        decisions.decision_save(actor=manager, award_list=selection.award_list_for(plan.form))
    assert not AwardDecision.objects.exists()


def test_party_decision_contents_and_money_totals(cast, plan):
    people = [submitted(plan, cast.commune, person=p) for p in plan.people[:2]]
    collective = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    award_list = approved(cast, plan, [*people, collective])
    d = decisions.decision_save(
        actor=cast.users[Role.MANAGER], award_list=award_list, allocate=True, date=dt.date(2026, 4, 2)
    )
    assert (d.style, d.symbol, d.base_salary) == ("party", "01-QĐ/HU", 2_340_000)
    totals = decisions.money_totals(d)
    # 0.3 × 2,340,000 = 702,000 → 710,000; a collective 1,404,000 → 1,410,000
    assert [(r["label"], r["count"], r["each"], r["amount"]) for r in totals["rows"]] == [
        ("Tập thể", 1, 1_410_000, 1_410_000),
        ("Cá nhân", 2, 710_000, 1_420_000),
    ]
    assert totals["total"] == 2_830_000
    text = docx_text(decision_docx(d))
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "HUYỆN ỦY LẠC DƯƠNG",
        "Số 01-QĐ/HU",
        "Lạc Dương, ngày 02 tháng 4 năm 2026",
        "QUYẾT ĐỊNH",
        "BAN THƯỜNG VỤ HUYỆN ỦY LẠC DƯƠNG",
        "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "Điều 1. Tặng Giấy khen của Ban Thường vụ Huyện ủy Lạc Dương cho 01 tập thể và 02 cá nhân",
        "Tổng cộng 2.830.000 đồng",
        "T/M BAN THƯỜNG VỤ",
        "Ya Tiong",
        "DANH SÁCH",
        "(Kèm theo Quyết định 01-QĐ/HU, ngày 02/04/2026 của Ban Thường vụ Huyện ủy Lạc Dương)",
        "Nguyễn Thị Ánh",
        "Chi bộ Tòa án",
        "710.000 đồng",
    ):
        assert expected in text, expected
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text


def test_state_decision_follows_decree_30(cast, plan):
    plan.form.granted_by = "Chủ tịch Ủy ban nhân dân huyện Lạc Dương"
    plan.form.save()
    award_list = approved(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    d = decisions.decision_save(
        actor=cast.users[Role.MANAGER],
        award_list=award_list,
        number=215,
        date=dt.date(2023, 5, 4),
        signer_name="Đặng Trí Dũng",
    )
    assert (d.style, d.symbol, d.base_salary, d.authority) == (
        "state",
        "215/QĐ-UBND",
        1_490_000,
        "Ủy ban nhân dân huyện Lạc Dương",
    )
    text = docx_text(decision_docx(d))
    for expected in (
        "ỦY BAN NHÂN DÂN\nHUYỆN LẠC DƯƠNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 215/QĐ-UBND",
        "Lạc Dương, ngày 04 tháng 5 năm 2023",
        "Về việc tặng Giấy khen",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẠC DƯƠNG",
        # dated 04/05/2023: the 2003 law (as amended) and decree 91/2017, not the 2022 law in force from 2024
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP",
        "QUYẾT ĐỊNH:",
        "Điều 2. Tiền thưởng kèm theo: mỗi cá nhân 450.000 đồng",
        "hệ số 0,3 × mức lương cơ sở 1.490.000 đồng, tập thể gấp 2 lần cá nhân",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân huyện Lạc Dương",
        "Điều 3. Chánh Văn phòng",
        "CHỦ TỊCH",
        "Đặng Trí Dũng",
    ):
        assert expected in text, expected
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text and "T/M" not in text
    assert "2022" not in text and "98/2023" not in text


def test_signing_is_refused_without_number_or_signer(cast, plan):
    award_list = approved(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    manager, leader = cast.users[Role.MANAGER], cast.users[Role.LEADER]
    d = decisions.decision_save(actor=manager, award_list=award_list, signer_name="", date=dt.date(2026, 4, 2))
    with pytest.raises(ValidationError) as exc:
        decisions.decision_sign(actor=leader, decision=d)
    assert "chưa có số quyết định và chức vụ và họ tên người ký" in str(exc.value)
    d = decisions.decision_save(actor=manager, award_list=award_list, allocate=True)
    with pytest.raises(ValidationError, match="họ tên người ký"):
        decisions.decision_sign(actor=leader, decision=d)
    d.refresh_from_db()
    assert d.status == "draft" and not Honor.objects.filter(decision_number=d.symbol).exists()
    decisions.decision_save(actor=manager, award_list=award_list, signer_name="Ya Tiong")
    with pytest.raises(PermissionDenied):
        decisions.decision_sign(actor=manager, decision=d)
    decisions.decision_sign(actor=leader, decision=d)


def test_bad_decision_fields_are_refused(cast, plan):
    award_list = approved(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    manager = cast.users[Role.MANAGER]
    for fields, message in (
        ({"number": 0}, "Số quyết định phải từ 1"),
        ({"abbreviation": " "}, "ký hiệu cơ quan"),
        ({"coefficient": Decimal("-1")}, "không được âm"),
        ({"date": None}, "Cần ngày ký"),
    ):
        with pytest.raises(ValidationError, match=message):
            decisions.decision_save(actor=manager, award_list=award_list, **fields)
    assert not AwardDecision.objects.exists()


def test_a_number_is_not_given_twice(cast, plan):
    signed(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    other_form = plan.form.__class__.objects.create(
        campaign=plan.campaign, name="Giấy khen (đợt 2)", granted_by=plan.form.granted_by, nominee_kinds=["individual"]
    )
    n = submitted(plan, cast.commune, person=plan.people[1], award_form=other_form)
    selection.screen(actor=cast.users[Role.MANAGER], nomination=n, verdict="valid")
    selection.record_vote(actor=cast.users[Role.MANAGER], nomination=n, members_present=5, votes_for=5, votes_against=0)
    selection.add_to_list(actor=cast.users[Role.MANAGER], nomination=n)
    second = selection.approve_list(actor=cast.users[Role.LEADER], award_list=selection.award_list_for(other_form))
    with pytest.raises(ValidationError, match="Số 1 năm 2026 đã được dùng"):
        decisions.decision_save(actor=cast.users[Role.MANAGER], award_list=second, number=1, date=dt.date(2026, 5, 1))
    d = decisions.decision_save(
        actor=cast.users[Role.MANAGER], award_list=second, allocate=True, date=dt.date(2026, 5, 1)
    )
    assert d.symbol == "02-QĐ/HU"


def test_signing_writes_the_honours_back_once(cast, plan):
    people = [submitted(plan, cast.commune, person=p) for p in plan.people[:2]]
    collective = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    d = signed(cast, plan, [*people, collective])
    assert d.status == "signed"
    assert AwardList.objects.get(pk=d.award_list_id).status == "decided"
    honour = Honor.objects.get(person=plan.people[0])
    assert (honour.form, honour.granted_by, honour.decision_number, honour.decision_date, honour.year) == (
        "Giấy khen",
        "Ban Thường vụ Huyện ủy Lạc Dương",
        "01-QĐ/HU",
        dt.date(2026, 4, 2),
        2026,
    )
    assert Honor.objects.filter(unit=cast.court, decision_number="01-QĐ/HU").count() == 1
    # Written by the organisation's service, each in the audit log under the signer.
    from guongsang.accounts.models import AuditEntry

    granted = AuditEntry.objects.filter(action="org.honor.granted")
    assert granted.count() == 3 and {e.actor for e in granted} == {cast.users[Role.LEADER]}
    decisions.decision_sign(actor=cast.users[Role.LEADER], decision=d)  # signing again changes nothing
    assert Honor.objects.filter(decision_number="01-QĐ/HU").count() == 3
    with pytest.raises(ValidationError, match="đã ký"):
        decisions.decision_save(actor=cast.users[Role.MANAGER], award_list=d.award_list, signer_name="Khác")


def test_the_honour_feeds_next_years_eligibility(cast, plan):
    """Next year's plan asks for a higher-level commendation in 2026: the rule engine sees the new honour."""
    person = plan.people[0]
    next_year = Campaign.objects.create(
        issuer=cast.district, number=3, date=dt.date(2027, 2, 1), status=Campaign.Status.ISSUED, title="Biểu dương 2027"
    )
    Participation.objects.create(campaign=next_year, unit=cast.commune)
    Criterion.objects.create(
        campaign=next_year,
        nominee_kind="individual",
        text="Được cấp trên khen thưởng trong năm 2026",
        check_kind="higher_honor",
        params={"from_year": 2026, "to_year": 2026},
    )
    candidate = Nomination(campaign=next_year, unit=cast.commune, kind="individual", person=person)
    before = [f.code for f in nominating.findings_for(candidate)]
    assert "criterion.higher_honor" in before
    signed(cast, plan, [submitted(plan, cast.commune, person=person)])
    after = [f.code for f in nominating.findings_for(candidate)]
    assert "criterion.higher_honor" not in after
