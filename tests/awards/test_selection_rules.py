"""Selection rules at their edges: places and caps per award form (at the cap and one over), the
ranking by share of votes then mean score, score means and spreads to the hundredth, who reviews
what, the notice window to the second, and the screening refusals in Vietnamese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.accounts.models import Role
from guongsang.awards import selection as S
from guongsang.awards.models import AwardList, ListEntry, Review, ReviewerAssignment, RubricItem
from guongsang.campaigns.models import Campaign, Criterion
from guongsang.nominations.models import Nomination
from tests.awards.conftest import submitted
from tests.conftest import kind, make_user

pytestmark = pytest.mark.django_db


def valid(cast, n, yes=7, present=9):
    manager = cast.users[Role.MANAGER]
    S.screen(actor=manager, nomination=n, verdict="valid")
    S.record_vote(actor=manager, nomination=n, members_present=present, votes_for=yes, votes_against=present - yes)
    return Nomination.objects.get(pk=n.pk)


def test_places_say_cap_used_and_left_per_kind(cast, plan):
    award_list = S.award_list_for(plan.form)
    assert S.award_list_for(plan.form) == award_list  # one list per form
    assert S.places(award_list) == [
        {"kind": "collective", "label": "Tập thể", "cap": 1, "used": 0, "left": 1},
        {"kind": "individual", "label": "Cá nhân", "cap": 2, "used": 0, "left": 2},
    ]
    n = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    S.add_to_list(actor=cast.users[Role.MANAGER], nomination=n)
    assert [(r["kind"], r["used"], r["left"]) for r in S.places(award_list)] == [
        ("collective", 0, 1),
        ("individual", 1, 1),
    ]


def test_a_kind_without_cap_has_no_limit_and_a_kind_outside_the_form_shows_only_when_used(cast, plan):
    plan.form.cap_individuals = None
    plan.form.nominee_kinds = ["individual"]
    plan.form.save()
    award_list = S.award_list_for(plan.form)
    assert S.places(award_list) == [{"kind": "individual", "label": "Cá nhân", "cap": None, "used": 0, "left": None}]
    for person in plan.people[:3]:
        S.add_to_list(
            actor=cast.users[Role.MANAGER], nomination=valid(cast, submitted(plan, cast.commune, person=person))
        )
    assert ListEntry.objects.count() == 3
    collective = valid(cast, submitted(plan, cast.court, kind="collective", nominee_unit=cast.court))
    ListEntry.objects.create(award_list=award_list, nomination=collective)  # entered before the form changed
    assert [(r["kind"], r["cap"], r["used"], r["left"]) for r in S.places(award_list)] == [
        ("collective", 1, 1, 0),
        ("individual", None, 3, None),
    ]


def test_the_cap_admits_the_last_place_and_refuses_one_more(cast, plan):
    manager = cast.users[Role.MANAGER]
    first, second, third = (valid(cast, submitted(plan, cast.commune, person=p)) for p in plan.people[:3])
    S.add_to_list(actor=manager, nomination=first)
    S.add_to_list(actor=manager, nomination=second)  # the second of two places
    with pytest.raises(ValidationError) as err:
        S.add_to_list(actor=manager, nomination=third)
    assert err.value.messages == [
        "Giấy khen của Ban Thường vụ Huyện ủy Lạc Dương chỉ có 2 suất cho cá nhân; danh sách đã có 2. "
        "Hãy đưa bớt một đề nghị ra trước."
    ]
    assert set(ListEntry.objects.values_list("nomination_id", flat=True)) == {first.pk, second.pk}
    # A collective still fits: the caps are per kind.
    collective = valid(cast, submitted(plan, cast.court, kind="collective", nominee_unit=cast.court))
    S.add_to_list(actor=manager, nomination=collective)
    assert ListEntry.objects.count() == 3


def test_approval_checks_the_caps_as_they_stand(cast, plan):
    manager, leader = cast.users[Role.MANAGER], cast.users[Role.LEADER]
    a, b = (valid(cast, submitted(plan, cast.commune, person=p)) for p in plan.people[:2])
    S.add_to_list(actor=manager, nomination=a)
    S.add_to_list(actor=manager, nomination=b)
    plan.form.cap_individuals = 1
    plan.form.save()
    award_list = S.award_list_for(plan.form)
    with pytest.raises(ValidationError, match="chỉ có 1 suất cho cá nhân; danh sách đã có 2"):
        S.approve_list(actor=leader, award_list=award_list)
    assert AwardList.objects.get(pk=award_list.pk).status == AwardList.Status.DRAFT
    plan.form.cap_individuals = 2
    plan.form.save()
    assert S.approve_list(actor=leader, award_list=award_list).status == AwardList.Status.APPROVED


def test_ranking_by_share_of_votes_then_mean_score_then_order_of_entry(cast, plan, second_reviewer):
    a, b, c, d = (submitted(plan, cast.commune, person=p) for p in plan.people)
    valid(cast, a, yes=6)
    valid(cast, b, yes=9)
    valid(cast, c, yes=6)
    S.screen(actor=cast.users[Role.MANAGER], nomination=d, verdict="valid")  # no vote yet
    Review.objects.create(nomination=c, reviewer=second_reviewer, total=Decimal("80.00"))
    Review.objects.create(nomination=a, reviewer=second_reviewer, total=Decimal("70.00"))
    ranked = S.ranking(plan.campaign, plan.form)
    assert [r["nomination"].pk for r in ranked] == [b.pk, c.pk, a.pk, d.pk]
    assert [r["rank"] for r in ranked] == [1, 2, 3, 4]
    assert [r["share"] for r in ranked] == [Decimal(1), Decimal(6) / 9, Decimal(6) / 9, Decimal(-1)]
    assert ranked[3]["vote"] is None and ranked[3]["score"] is None
    assert [r["in_list"] for r in ranked] == [False] * 4
    # Equal shares and no scores: first entered first.
    Review.objects.all().delete()
    assert [r["nomination"].pk for r in S.ranking(plan.campaign, plan.form)] == [b.pk, a.pk, c.pk, d.pk]


def test_ranking_lists_only_valid_submitted_nominations_of_the_form(cast, plan):
    a = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    submitted(plan, cast.commune, person=plan.people[1])  # not screened yet
    other = submitted(plan, cast.commune, person=plan.people[2], award_form=plan.upward)
    S.screen(actor=cast.users[Role.MANAGER], nomination=other, verdict="valid")
    assert [r["nomination"].pk for r in S.ranking(plan.campaign, plan.form)] == [a.pk]


def test_score_means_and_spreads_to_the_hundredth_without_conflicted_reviewers(cast, plan, second_reviewer):
    n = submitted(plan, cast.commune, person=plan.people[0])
    other = submitted(plan, cast.commune, person=plan.people[1])
    third = make_user("thamdinh3", cast.district, Role.REVIEWER, first_name="Ba", last_name="Lê")
    Review.objects.create(nomination=n, reviewer=cast.users[Role.REVIEWER], total=Decimal("80.00"))
    Review.objects.create(nomination=n, reviewer=second_reviewer, total=Decimal("71.00"))
    Review.objects.create(nomination=n, reviewer=third, conflict=True, conflict_reason="Vợ chồng")
    Review.objects.create(nomination=other, reviewer=third, total=None)  # opened, not scored
    sums = S.score_summaries(plan.campaign)
    s = sums[n.pk]
    assert (s.count, s.mean, s.spread, s.excluded) == (2, Decimal("75.50"), Decimal("4.50"), ["Ba Lê"])
    assert set(sums) == {n.pk}
    assert S.ScoreSummary() == S.ScoreSummary(None, None, 0, [])


def test_a_reviewer_reviews_only_the_assigned_forms_and_unit_kinds(cast, plan):
    reviewer = cast.users[Role.REVIEWER]
    at_commune = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    at_court = valid(cast, submitted(plan, cast.court, kind="collective", nominee_unit=cast.court))
    assert S.reviewable(reviewer, plan.campaign) == []
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=reviewer, unit_kind=kind("chi-bo-co-so"))
    assert S.reviewable(reviewer, plan.campaign) == [at_court]
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=reviewer, award_form=plan.upward)
    assert S.reviewable(reviewer, plan.campaign) == [at_court]
    ReviewerAssignment.objects.create(
        campaign=plan.campaign, reviewer=reviewer, award_form=plan.form, unit_kind=kind("dang-bo-co-so")
    )
    # Collectives first, then individuals; within a kind by unit.
    assert S.reviewable(reviewer, plan.campaign) == [at_court, at_commune]
    assignments = list(ReviewerAssignment.objects.filter(reviewer=reviewer))
    assert S.in_remit(assignments[:1], at_commune) is False
    assert S.in_remit(assignments[2:], at_commune) is True
    assert S.in_remit([], at_commune) is False
    everything = ReviewerAssignment(campaign=plan.campaign, reviewer=reviewer)
    assert S.in_remit([everything], at_court) is True


def test_out_of_remit_scoring_is_refused_and_writes_nothing(cast, plan):
    reviewer = cast.users[Role.REVIEWER]
    n = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=reviewer, award_form=plan.upward)
    RubricItem.objects.create(campaign=plan.campaign, label="Thành tích", position=0)
    with pytest.raises(PermissionDenied, match="không thuộc phạm vi bạn được phân công"):
        S.review_save(actor=reviewer, nomination=n, scores={})
    assert Review.objects.count() == 0


@pytest.mark.parametrize(
    ("offset", "open_"),
    [(-1, False), (0, True), (3600, True), (7 * 86400, True), (7 * 86400 + 1, False)],
)
def test_the_notice_is_open_from_its_first_to_its_last_second(cast, plan, offset, open_):
    start = dt.datetime(2026, 4, 1, 1, 0, tzinfo=dt.UTC)
    award_list = AwardList(notice_from=start, notice_until=start + dt.timedelta(days=7))
    assert S.notice_open(award_list, start + dt.timedelta(seconds=offset)) is open_
    assert S.notice_open(AwardList(), start) is False


def test_screening_refusals_say_why(cast, plan):
    manager = cast.users[Role.MANAGER]
    draft = submitted(plan, cast.commune, person=plan.people[0])
    Nomination.objects.filter(pk=draft.pk).update(state=Nomination.State.DRAFT)
    with pytest.raises(ValidationError) as err:
        S.screen(actor=manager, nomination=draft, verdict="valid")
    assert err.value.messages == ["Nguyễn Thị Ánh: chỉ thẩm định được đề nghị đơn vị đã gửi."]
    n = submitted(plan, cast.commune, person=plan.people[1])
    with pytest.raises(ValidationError) as err:
        S.screen(actor=manager, nomination=n, verdict="maybe")
    assert err.value.messages == ["Kết quả thẩm định không hợp lệ."]
    with pytest.raises(ValidationError) as err:
        S.screen(actor=manager, nomination=n, verdict="returned", reason="   ")
    assert err.value.message_dict == {"reason": ["Cần ghi lý do trả lại hoặc không xem xét, để đơn vị biết."]}
    assert Nomination.objects.get(pk=n.pk).screening == Nomination.Screening.PENDING
    listed = valid(cast, n)
    S.add_to_list(actor=manager, nomination=listed)
    with pytest.raises(ValidationError) as err:
        S.screen(actor=manager, nomination=listed, verdict="rejected", reason="Sai")
    assert err.value.messages == ["Lê Văn Cường đã ở trong danh sách khen thưởng; hãy đưa ra khỏi danh sách trước."]
    assert Nomination.objects.get(pk=n.pk).screening == Nomination.Screening.VALID


def test_screening_records_who_when_and_returns_to_draft_only_when_returned(cast, plan, time_machine):
    time_machine.move_to(dt.datetime(2026, 4, 2, 3, 4, 5, tzinfo=dt.UTC), tick=False)
    manager = cast.users[Role.MANAGER]
    a, b = (submitted(plan, cast.commune, person=p) for p in plan.people[:2])
    S.screen(actor=manager, nomination=a, verdict="rejected", reason="  Không đủ tiêu chuẩn  ")
    S.screen(actor=manager, nomination=b, verdict="returned", reason="Bổ sung biên bản")
    a, b = Nomination.objects.get(pk=a.pk), Nomination.objects.get(pk=b.pk)
    assert (a.screening, a.screening_reason, a.state) == ("rejected", "Không đủ tiêu chuẩn", Nomination.State.SUBMITTED)
    assert (b.screening, b.state) == ("returned", Nomination.State.DRAFT)
    assert (a.screened_by, a.screened_at) == (manager, dt.datetime(2026, 4, 2, 3, 4, 5, tzinfo=dt.UTC))


def test_only_the_issuers_manager_and_leader_act(cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    for user in (cast.users[Role.LEADER], cast.users[Role.REVIEWER], cast.users["sibling"]):
        with pytest.raises(PermissionDenied) as err:
            S.screen(actor=user, nomination=n, verdict="valid")
        assert str(err.value) == "Chỉ cán bộ quản lý của đơn vị ban hành kế hoạch mới làm được việc này."
    with pytest.raises(PermissionDenied) as err:
        S.approve_list(actor=cast.users[Role.MANAGER], award_list=S.award_list_for(plan.form))
    assert str(err.value) == "Chỉ lãnh đạo (Thường trực, Ban Thường vụ) của đơn vị ban hành mới duyệt, ký được."
    assert Nomination.objects.get(pk=n.pk).screening == Nomination.Screening.PENDING


def test_the_default_rubric_has_one_line_per_reviewer_criterion_or_one_line(cast, plan):
    kept = Criterion.objects.get(campaign=plan.campaign)
    Criterion.objects.filter(pk=kept.pk).update(check_kind=Criterion.Check.SUMMARY_MAX_CHARS)
    items = S.default_rubric(plan.campaign)
    assert [(i.label, i.position, i.nominee_kind) for i in items] == [("Thành tích tiêu biểu, có sức lan tỏa", 0, "")]
    assert items[0].campaign == plan.campaign
    Criterion.objects.filter(pk=kept.pk).update(check_kind=Criterion.Check.REVIEWER)
    Criterion.objects.create(
        campaign=plan.campaign, nominee_kind="collective", text="Đoàn kết", check_kind=Criterion.Check.REVIEWER
    )
    items = S.default_rubric(plan.campaign)
    assert [(i.label, i.position, i.nominee_kind) for i in items] == [
        ("Đoàn kết", 0, "collective"),
        ("Gương mẫu, tiêu biểu", 1, "individual"),
    ]
    RubricItem.objects.bulk_create([*items, RubricItem(campaign=plan.campaign, label="Chung", position=2)])
    assert [i.label for i in S.rubric_for(plan.campaign, "individual")] == ["Gương mẫu, tiêu biểu", "Chung"]
    assert [i.label for i in S.rubric_for(plan.campaign, "collective")] == ["Đoàn kết", "Chung"]


def test_the_scores_workbook_has_every_score_and_the_summary(cast, plan, second_reviewer):
    import io

    from openpyxl import load_workbook

    reviewer, third = cast.users[Role.REVIEWER], make_user("thamdinh3", cast.district, Role.REVIEWER, first_name="Ba")
    n = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    c = valid(cast, submitted(plan, cast.court, kind="collective", nominee_unit=cast.court))
    for user in (reviewer, second_reviewer, third):
        ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=user)
    work = RubricItem.objects.create(campaign=plan.campaign, label="Kết quả", weight=3, max_score=10, position=0)
    spread = RubricItem.objects.create(campaign=plan.campaign, label="Lan tỏa", weight=1, max_score=10, position=1)
    # Entered in the opposite order of the accounts: the sheet lists them by account.
    S.review_save(actor=second_reviewer, nomination=n, scores={str(work.pk): "9", str(spread.pk): "2,0"})
    S.review_save(actor=reviewer, nomination=n, scores={str(work.pk): "8", str(spread.pk): "4"}, comment=" Tốt ")
    S.declare_conflict(actor=third, nomination=n, reason="Anh em ruột")
    S.review_save(actor=reviewer, nomination=c, scores={str(work.pk): "10", str(spread.pk): "10"})
    # Everyone stepped aside on this one: no mean, no spread, both names.
    fourth = make_user("thamdinh4", cast.district, Role.REVIEWER, first_name="Bốn")
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=fourth)
    d = valid(cast, submitted(plan, cast.commune, person=plan.people[1]))
    S.declare_conflict(actor=third, nomination=d, reason="Cùng nhà")
    S.declare_conflict(actor=fourth, nomination=d, reason="Cùng cơ quan")
    book = load_workbook(io.BytesIO(S.scores_workbook(plan.campaign)))
    assert book.sheetnames == ["Điểm chấm", "Tổng hợp"]
    scores = [list(r) for r in book["Điểm chấm"].iter_rows(values_only=True)]
    assert scores == [
        [
            "Đề nghị",
            "Đối tượng",
            "Đơn vị đề nghị",
            "Người chấm",
            "Xung đột lợi ích",
            "Kết quả (tối đa 10, trọng số 3.00)",
            "Lan tỏa (tối đa 10, trọng số 1.00)",
            "Điểm (100)",
            "Nhận xét",
        ],
        ["Nguyễn Thị Ánh", "Cá nhân", "Đảng bộ xã Lát", "thamdinh", None, 8, 4, 70, "Tốt"],
        ["Nguyễn Thị Ánh", "Cá nhân", "Đảng bộ xã Lát", "Hai", None, 9, 2, 72.5, None],
        ["Nguyễn Thị Ánh", "Cá nhân", "Đảng bộ xã Lát", "Ba", "Anh em ruột", None, None, None, None],
        ["Chi bộ Tòa án", "Tập thể", "Chi bộ Tòa án", "thamdinh", None, 10, 10, 100, None],
        ["Lê Văn Cường", "Cá nhân", "Đảng bộ xã Lát", "Ba", "Cùng nhà", None, None, None, None],
        ["Lê Văn Cường", "Cá nhân", "Đảng bộ xã Lát", "Bốn", "Cùng cơ quan", None, None, None, None],
    ]
    summary = [list(r) for r in book["Tổng hợp"].iter_rows(values_only=True)]
    assert summary[0] == [
        "Đề nghị",
        "Đơn vị đề nghị",
        "Số người chấm",
        "Điểm trung bình",
        "Độ lệch chuẩn",
        "Không chấm (xung đột)",
    ]
    assert sorted(summary[1:]) == [
        ["Chi bộ Tòa án", "Chi bộ Tòa án", 1, 100, 0, None],
        ["Lê Văn Cường", "Đảng bộ xã Lát", 0, None, None, "Ba, Bốn"],
        ["Nguyễn Thị Ánh", "Đảng bộ xã Lát", 2, 71.25, 1.25, "Ba"],
    ]
    for sheet in book.worksheets:
        assert [c.font.bold for c in sheet[1]] == [True] * sheet.max_column
        assert sheet["A2"].font.bold is False


def test_scoring_is_refused_outside_the_remit_before_screening_and_after_approval(cast, plan):
    reviewer = cast.users[Role.REVIEWER]
    RubricItem.objects.create(campaign=plan.campaign, label="Thành tích", position=0)
    n = submitted(plan, cast.commune, person=plan.people[0])
    # Assigned in another plan of the district only: not in this plan's remit.
    elsewhere = Campaign.objects.create(issuer=cast.district, title="Kế hoạch khác", status=Campaign.Status.ISSUED)
    ReviewerAssignment.objects.create(campaign=elsewhere, reviewer=reviewer)
    # Another reviewer's assignment in this plan does not make it this reviewer's.
    ReviewerAssignment.objects.create(
        campaign=plan.campaign, reviewer=make_user("thamdinh9", cast.district, Role.REVIEWER)
    )
    with pytest.raises(PermissionDenied) as err:
        S.review_save(actor=reviewer, nomination=n, scores={})
    assert str(err.value) == "Đề nghị này không thuộc phạm vi bạn được phân công thẩm định."
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=reviewer)
    with pytest.raises(ValidationError) as err:
        S.review_save(actor=reviewer, nomination=n, scores={})
    assert err.value.messages == ["Chỉ chấm điểm đề nghị đã được thẩm định là hợp lệ."]
    assert Review.objects.count() == 0
    n = valid(cast, n)
    S.add_to_list(actor=cast.users[Role.MANAGER], nomination=n)
    # While the list is a draft, scores may still be given.
    item = RubricItem.objects.get(campaign=plan.campaign)
    assert S.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "9"}).total == Decimal("90.00")
    S.approve_list(actor=cast.users[Role.LEADER], award_list=S.award_list_for(plan.form))
    with pytest.raises(ValidationError) as err:
        S.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "3"})
    assert err.value.messages == ["Danh sách của hình thức này đã được duyệt; điểm chấm không thay đổi được nữa."]
    assert list(Review.objects.values_list("total", flat=True)) == [Decimal("90.00")]


def test_a_small_score_still_ranks_above_no_score_at_equal_votes(cast, plan, second_reviewer):
    unscored, scored = (submitted(plan, cast.commune, person=p) for p in plan.people[:2])
    valid(cast, unscored, yes=6)
    valid(cast, scored, yes=6)
    Review.objects.create(nomination=scored, reviewer=second_reviewer, total=Decimal("0.50"))
    assert [r["nomination"].pk for r in S.ranking(plan.campaign, plan.form)] == [scored.pk, unscored.pk]


def test_ranking_reads_a_fixed_number_of_queries_whatever_the_number_of_rows(cast, plan, django_assert_num_queries):
    def shown():
        rows = S.ranking(plan.campaign, plan.form)
        return [
            (
                r["nomination"].nominee_name,
                r["nomination"].unit.name,
                r["nomination"].person.unit.name if r["nomination"].person_id else "",
                r["nomination"].model_unit.name if r["nomination"].model_unit_id else "",
                r["in_list"],
                r["vote"].votes_for if r["vote"] else None,
            )
            for r in rows
        ]

    first = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    S.add_to_list(actor=cast.users[Role.MANAGER], nomination=first)
    with django_assert_num_queries(2):
        assert shown() == [("Nguyễn Thị Ánh", "Đảng bộ xã Lát", "Chi bộ thôn Bon Đưng", "", True, 7)]
    for p in plan.people[1:]:
        valid(cast, submitted(plan, cast.commune, person=p))
    valid(cast, submitted(plan, cast.court, kind="collective", nominee_unit=cast.court))
    valid(cast, submitted(plan, cast.commune, kind="model", model_name="Dân vận khéo", model_unit=cast.branch))
    with django_assert_num_queries(2):
        rows = shown()
    assert len(rows) == 6
    assert ("Dân vận khéo", "Đảng bộ xã Lát", "", "Chi bộ thôn Bon Đưng", False, 7) in rows


def test_the_review_list_is_the_reviewers_own_remit_in_this_plan_ordered_by_unit(cast, plan, second_reviewer):
    from guongsang.org.models import Person

    reviewer = cast.users[Role.REVIEWER]
    judge = Person(code="P-TA", full_name="Đỗ Văn Giang", unit=cast.court, is_party_member=True)
    judge.save()
    at_court = valid(cast, submitted(plan, cast.court, person=judge))  # entered first
    at_commune = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    elsewhere = Campaign.objects.create(issuer=cast.district, title="Kế hoạch khác", status=Campaign.Status.ISSUED)
    ReviewerAssignment.objects.create(campaign=elsewhere, reviewer=reviewer)
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=second_reviewer)
    assert S.reviewable(reviewer, plan.campaign) == []
    assert S.reviewable(second_reviewer, plan.campaign) == [at_commune, at_court]


def test_the_review_list_and_the_scores_workbook_read_a_fixed_number_of_queries(cast, plan, second_reviewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reviewer = cast.users[Role.REVIEWER]
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=reviewer)
    item = RubricItem.objects.create(campaign=plan.campaign, label="Kết quả", position=0)

    def page():
        return [
            (
                n.nominee_name,
                n.unit.name,
                n.unit.kind.name,
                n.person.unit.name if n.person_id else "",
                n.model_unit.name if n.model_unit_id else "",
                n.award_form.name,
            )
            for n in S.reviewable(reviewer, plan.campaign)
        ]

    def counted(fn):
        with CaptureQueriesContext(connection) as queries:
            fn()
        return len(queries)

    n = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    S.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "7"})
    for i in (5, 6):
        aside = make_user(f"thamdinh{i}", cast.district, Role.REVIEWER)
        ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=aside)
        if i == 5:
            S.declare_conflict(actor=aside, nomination=n, reason="Họ hàng")
    one = (counted(page), counted(lambda: S.scores_workbook(plan.campaign)))
    S.declare_conflict(actor=aside, nomination=n, reason="Họ hàng")
    for p in plan.people[1:]:
        m = valid(cast, submitted(plan, cast.commune, person=p))
        S.review_save(actor=reviewer, nomination=m, scores={str(item.pk): "5"})
    c = valid(cast, submitted(plan, cast.court, kind="collective", nominee_unit=cast.court))
    S.review_save(actor=reviewer, nomination=c, scores={str(item.pk): "6"})
    valid(cast, submitted(plan, cast.commune, kind="model", model_name="Dân vận khéo", model_unit=cast.branch))
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=second_reviewer)
    S.review_save(actor=second_reviewer, nomination=n, scores={str(item.pk): "8"})
    assert len(page()) == 6
    assert (counted(page), counted(lambda: S.scores_workbook(plan.campaign))) == one == (2, 4)


def test_the_review_list_leaves_out_unscreened_nominations_and_other_plans(cast, plan):
    reviewer = cast.users[Role.REVIEWER]
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=reviewer)
    mine = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    submitted(plan, cast.commune, person=plan.people[1])  # sent, not screened yet
    other = Campaign.objects.create(issuer=cast.district, title="Kế hoạch khác", status=Campaign.Status.ISSUED)
    Nomination.objects.create(
        campaign=other,
        unit=cast.commune,
        kind="individual",
        person=plan.people[2],
        state=Nomination.State.SUBMITTED,
        screening=Nomination.Screening.VALID,
    )
    assert S.reviewable(reviewer, plan.campaign) == [mine]


def test_screening_rows_list_sent_and_returned_nominations_by_unit_then_kind(cast, plan):
    manager = cast.users[Role.MANAGER]
    individual = submitted(plan, cast.commune, person=plan.people[0])  # entered first
    collective = submitted(plan, cast.commune, kind="collective", nominee_unit=cast.branch)
    upward = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court, award_form=plan.upward)
    returned = submitted(plan, cast.commune, person=plan.people[1])
    S.screen(actor=manager, nomination=returned, verdict="returned", reason="Bổ sung biên bản")
    withdrawn = submitted(plan, cast.commune, person=plan.people[2])
    Nomination.objects.filter(pk=withdrawn.pk).update(state=Nomination.State.WITHDRAWN)
    Nomination.objects.create(campaign=plan.campaign, unit=cast.commune, kind="individual", person=plan.people[3])
    rows = S.screening_rows(plan.campaign)
    assert [n.pk for n, _f in rows] == [collective.pk, individual.pk, returned.pk, upward.pk]
    by_form = S.screening_rows(plan.campaign, S.ScreeningFilters(award_form=plan.upward.pk))
    assert [n.pk for n, _f in by_form] == [upward.pk]
    by_kind = S.screening_rows(plan.campaign, S.ScreeningFilters(unit_kind="chi-bo-co-so"))
    assert [n.pk for n, _f in by_kind] == [upward.pk]
    by_state = S.screening_rows(plan.campaign, S.ScreeningFilters(screening="returned"))
    assert [n.pk for n, _f in by_state] == [returned.pk]


def test_a_long_reviewer_criterion_becomes_a_rubric_line_of_at_most_500_characters(cast, plan):
    Criterion.objects.filter(campaign=plan.campaign).update(text="Tiêu biểu " * 60, check_kind=Criterion.Check.REVIEWER)
    (item,) = S.default_rubric(plan.campaign)
    assert len(item.label) == 500
    assert item.label == ("Tiêu biểu " * 60)[:500]
    assert item.campaign == plan.campaign


def test_screening_filters_by_finding_keep_the_order(cast, plan):
    c1 = submitted(plan, cast.commune, kind="collective", nominee_unit=cast.commune)
    i1 = submitted(plan, cast.commune, person=plan.people[0])  # the plan's reviewer criterion: a REVIEW finding
    i2 = Nomination.objects.create(  # no dossier file: blocked
        campaign=plan.campaign,
        unit=cast.commune,
        kind="individual",
        person=plan.people[1],
        award_form=plan.form,
        state=Nomination.State.SUBMITTED,
        submitted_at=i1.submitted_at,
    )
    c2 = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    Nomination.objects.filter(pk=i1.pk).update(late_days=2)

    def rows(finding):
        return [n.pk for n, _f in S.screening_rows(plan.campaign, S.ScreeningFilters(finding=finding))]

    assert rows("") == [c1.pk, i1.pk, i2.pk, c2.pk]
    assert rows("block") == [i2.pk]
    assert rows("review") == [i1.pk, i2.pk]
    assert rows("late") == [i1.pk]
    assert rows("clean") == [c1.pk, i1.pk, c2.pk]
    found = dict(S.screening_rows(plan.campaign))
    assert [f.code for f in found[c1]] == []
    assert [f.code for f in found[i2]] == ["criterion.reviewer", "dossier.missing"]


def test_screening_rows_read_a_fixed_number_of_queries(cast, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page():
        with CaptureQueriesContext(connection) as queries:
            shown = [
                (
                    n.nominee_name,
                    n.unit.kind.name,
                    n.person.unit.name if n.person_id else "",
                    n.model_unit.name if n.model_unit_id else "",
                    n.award_form.name,
                    hasattr(n, "list_entry"),
                )
                for n, _f in S.screening_rows(plan.campaign)
            ]
        return len(shown), len(queries)

    first = valid(cast, submitted(plan, cast.commune, person=plan.people[0]))
    S.add_to_list(actor=cast.users[Role.MANAGER], nomination=first)
    submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    submitted(plan, cast.commune, kind="model", model_name="Dân vận khéo", model_unit=cast.branch)
    page()  # caches filled once per process (content types, kinds) are not what this counts
    rows, few = page()
    assert rows == 3
    for p in plan.people[1:]:
        submitted(plan, cast.commune, person=p)
    submitted(plan, cast.commune, kind="collective", nominee_unit=cast.branch)
    submitted(plan, cast.court, kind="model", model_name="Sân chơi", model_unit=cast.court)
    assert page() == (8, few)


def test_screening_is_audited_and_a_returned_nomination_is_notified_to_its_unit(cast, plan):
    from guongsang.accounts.models import AuditEntry
    from guongsang.notifications.models import Notice

    manager = cast.users[Role.MANAGER]
    n = submitted(plan, cast.commune, person=plan.people[0])
    S.screen(actor=manager, nomination=n, verdict="returned", reason=" Thiếu biên bản ")
    entry = AuditEntry.objects.get(action="nomination.screened.returned")
    assert (entry.actor, entry.actor_name, entry.unit) == (manager, "quanly", cast.district)
    assert entry.object_id == str(n.pk)
    assert (entry.before, entry.after) == (
        {"screening": "pending", "state": "submitted"},
        {"screening": "returned", "reason": "Thiếu biên bản"},
    )
    (notice,) = Notice.objects.all()
    assert (notice.unit, notice.link) == (cast.commune, f"/de-nghi/{n.pk}/")
    assert notice.title == "Đề nghị khen thưởng được trả lại: Nguyễn Thị Ánh"
    assert notice.body == (
        "Huyện ủy Lạc Dương trả lại đề nghị “Nguyễn Thị Ánh” để bổ sung: Thiếu biên bản. "
        "Đơn vị sửa và gửi lại trước hạn nộp hồ sơ."
    )
    # A reason written as a sentence is not followed by a second full stop ("biên bản..", "lý do.;").
    again = submitted(plan, cast.commune, person=plan.people[2])
    S.screen(actor=manager, nomination=again, verdict="returned", reason="Thiếu biên bản họp xét.")
    body = Notice.objects.get(link=f"/de-nghi/{again.pk}/").body
    assert "để bổ sung: Thiếu biên bản họp xét. Đơn vị sửa" in body and ".." not in body
    Notice.objects.filter(link=f"/de-nghi/{again.pk}/").delete()
    valid_one = submitted(plan, cast.commune, person=plan.people[1])
    S.screen(actor=manager, nomination=valid_one, verdict="valid")
    assert Notice.objects.count() == 1  # only a returned nomination is notified
    assert AuditEntry.objects.get(action="nomination.screened.valid").after == {"screening": "valid", "reason": ""}


def test_screening_reads_the_nomination_its_plan_issuer_and_unit_in_one_locked_query(cast, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    manager = cast.users[Role.MANAGER]
    S.require_manager(manager, plan.campaign)  # the manager's grants are read once
    n = submitted(plan, cast.commune, person=plan.people[0])
    with CaptureQueriesContext(connection) as queries:
        S.screen(actor=manager, nomination=n, verdict="valid")
    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    touching = [sql for sql in selects if '"org_unit"' in sql or '"campaigns_campaign"' in sql]
    assert len(touching) == 1, touching
