import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from guongsang.accounts.models import AuditEntry, Role
from guongsang.awards import selection
from guongsang.awards.models import AwardList, ListEntry, Review, Vote
from guongsang.nominations import services as nominating
from guongsang.nominations.models import Nomination
from tests.awards.conftest import DUE, approved, submitted
from tests.conftest import make_user

S = Nomination.Screening


@pytest.fixture
def manager(cast):
    return cast.users[Role.MANAGER]


# --- screening ---


def test_screening_marks_valid_and_is_audited(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    n.refresh_from_db()
    assert n.screening == S.VALID and n.screened_by == manager
    assert AuditEntry.objects.filter(action="nomination.screened.valid", object_id=str(n.pk)).exists()


@pytest.mark.parametrize("verdict", ["returned", "rejected"])
def test_return_or_reject_needs_a_reason_and_changes_nothing_without_one(cast, plan, manager, verdict):
    n = submitted(plan, cast.commune, person=plan.people[0])
    with pytest.raises(ValidationError) as exc:
        selection.screen(actor=manager, nomination=n, verdict=verdict, reason="  ")
    assert "Cần ghi lý do" in str(exc.value)
    n.refresh_from_db()
    assert (n.state, n.screening) == (Nomination.State.SUBMITTED, S.PENDING)


def test_return_and_resubmit_before_the_deadline(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="returned", reason="Thiếu xác nhận của đảng ủy")
    n.refresh_from_db()
    assert (n.state, n.screening, n.screening_reason) == ("draft", "returned", "Thiếu xác nhận của đảng ủy")
    # the unit sees why and is told
    from guongsang.notifications.models import Notice

    assert Notice.objects.filter(unit=cast.commune, body__contains="Thiếu xác nhận").exists()
    # the unit fixes it and the head submits again
    nominating.nomination_save(
        actor=cast.users[Role.SUBMITTER],
        campaign=plan.campaign,
        unit=cast.commune,
        nomination=n,
        summary="Đã bổ sung xác nhận.",
    )
    nominating.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=DUE - dt.timedelta(days=1))
    n.refresh_from_db()
    assert (n.state, n.screening, n.summary) == ("submitted", "pending", "Đã bổ sung xác nhận.")
    selection.screen(actor=manager, nomination=n, verdict="valid")


def test_a_returned_nomination_cannot_come_back_after_a_refusing_deadline(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="returned", reason="Thiếu ảnh")
    with pytest.raises(ValidationError):
        nominating.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=DUE + dt.timedelta(hours=1))
    n.refresh_from_db()
    assert n.state == "draft"


def test_only_the_issuers_manager_screens(cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    for who in (cast.users[Role.REVIEWER], cast.users[Role.HEAD], cast.users["sibling"]):
        with pytest.raises(PermissionDenied):
            selection.screen(actor=who, nomination=n, verdict="valid")


def test_a_screened_nomination_cannot_be_withdrawn_by_the_unit(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    with pytest.raises(ValidationError, match="đã được thẩm định"):
        nominating.nomination_withdraw(actor=cast.users[Role.HEAD], nomination=n, now=DUE - dt.timedelta(days=2))


def test_bulk_screening_is_all_or_nothing(cast, plan, manager):
    good = submitted(plan, cast.commune, person=plan.people[0])
    draft = Nomination.objects.create(
        campaign=plan.campaign, unit=cast.court, kind="collective", nominee_unit=cast.court
    )
    with pytest.raises(ValidationError, match="chỉ thẩm định được đề nghị đơn vị đã gửi"):
        selection.screen_many(actor=manager, campaign=plan.campaign, ids=[good.pk, draft.pk], verdict="valid")
    good.refresh_from_db()
    assert good.screening == S.PENDING
    other = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    assert selection.screen_many(actor=manager, campaign=plan.campaign, ids=[good.pk, other.pk], verdict="valid") == 2
    assert set(Nomination.objects.filter(screening=S.VALID).values_list("pk", flat=True)) == {good.pk, other.pk}


def test_screening_rows_filter_by_kind_state_and_finding(cast, plan, manager):
    person = submitted(plan, cast.commune, person=plan.people[0])
    court = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    court.files.all().delete()  # its dossier is now incomplete: a blocking finding
    Nomination.objects.create(
        campaign=plan.campaign, unit=cast.commune, kind="individual", person=plan.people[1]
    )  # draft: not shown
    rows = selection.screening_rows(plan.campaign)
    assert [n.pk for n, _ in rows] == [person.pk, court.pk]
    only = lambda **f: [n.pk for n, _ in selection.screening_rows(plan.campaign, selection.ScreeningFilters(**f))]  # noqa: E731
    assert only(unit_kind="chi-bo-co-so") == [court.pk]
    assert only(finding="block") == [court.pk]
    assert only(finding="clean") == [person.pk]
    selection.screen(actor=manager, nomination=person, verdict="valid")
    assert only(screening="valid") == [person.pk]


# --- review ---


def test_reviewer_scores_against_a_weighted_rubric(cast, plan, manager, second_reviewer):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    selection.rubric_save(
        actor=manager,
        campaign=plan.campaign,
        rows=[
            {"label": "Thành tích", "weight": "3", "max_score": 10},
            {"label": "Lan tỏa", "weight": "1", "max_score": 5},
        ],
    )
    reviewer = cast.users[Role.REVIEWER]
    selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=reviewer, award_form=plan.form)
    selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=second_reviewer)
    assert selection.reviewable(reviewer, plan.campaign) == [n]
    items = list(plan.campaign.rubric.all())
    review = selection.review_save(actor=reviewer, nomination=n, scores={str(items[0].pk): "8", str(items[1].pk): "5"})
    assert review.total == Decimal("85.00")  # (8/10×3 + 5/5×1) / 4 × 100; the second: (1.8 + 0.5) / 4 = 57.5
    selection.review_save(actor=second_reviewer, nomination=n, scores={str(items[0].pk): "6", str(items[1].pk): "2,5"})
    summary = selection.score_summaries(plan.campaign)[n.pk]
    assert (summary.count, summary.mean, summary.spread) == (2, Decimal("71.25"), Decimal("13.75"))


def test_scores_out_of_range_or_missing_are_refused(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    reviewer = cast.users[Role.REVIEWER]
    selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=reviewer)
    item = plan.campaign.rubric.get()  # the default rubric, from the plan's criterion
    assert item.label == "Gương mẫu, tiêu biểu"
    for bad, message in (("11", "phải từ 0 đến 10"), ("", "Chưa chấm")):
        with pytest.raises(ValidationError, match=message):
            selection.review_save(actor=reviewer, nomination=n, scores={str(item.pk): bad})
    assert not Review.objects.exists()


def test_unassigned_or_out_of_remit_reviewers_cannot_score(cast, plan, manager, second_reviewer):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=second_reviewer, award_form=plan.upward)
    with pytest.raises(PermissionDenied):
        selection.review_save(actor=cast.users[Role.REVIEWER], nomination=n, scores={})
    with pytest.raises(PermissionDenied):  # assigned to another form only
        selection.review_save(actor=second_reviewer, nomination=n, scores={})
    assert selection.reviewable(second_reviewer, plan.campaign) == []
    with pytest.raises(ValidationError, match="không có vai trò thẩm định"):
        selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=cast.users[Role.HEAD])


def test_conflict_of_interest_excludes_the_reviewer(cast, plan, manager, second_reviewer):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    reviewer = cast.users[Role.REVIEWER]
    for who in (reviewer, second_reviewer):
        selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=who)
    item = plan.campaign.rubric.get()
    selection.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "2"})
    selection.review_save(actor=second_reviewer, nomination=n, scores={str(item.pk): "9"})
    with pytest.raises(ValidationError, match="quan hệ"):
        selection.declare_conflict(actor=reviewer, nomination=n, reason="")
    selection.declare_conflict(actor=reviewer, nomination=n, reason="Là người thân của người được đề nghị")
    summary = selection.score_summaries(plan.campaign)[n.pk]
    assert (summary.count, summary.mean, summary.spread) == (1, Decimal("90.00"), Decimal("0.00"))
    assert summary.excluded == ["thamdinh"]
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        selection.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "10"})
    assert selection.score_summaries(plan.campaign)[n.pk].mean == Decimal("90.00")


def test_scores_export(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    reviewer = cast.users[Role.REVIEWER]
    selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=reviewer)
    item = plan.campaign.rubric.get()
    selection.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "7"}, comment="Tiêu biểu")
    wb = load_workbook(io.BytesIO(selection.scores_workbook(plan.campaign)))
    rows = list(wb["Điểm chấm"].iter_rows(values_only=True))
    assert rows[1][:4] == ("Nguyễn Thị Ánh", "Cá nhân", "Đảng bộ xã Lát", "thamdinh")
    assert rows[1][-3:] == (7, 70, "Tiêu biểu")
    assert list(wb["Tổng hợp"].iter_rows(values_only=True))[1][:4] == ("Nguyễn Thị Ánh", "Đảng bộ xã Lát", 1, 70)


# --- vote, caps, approval, notice ---


@pytest.mark.parametrize(
    ("present", "yes", "no", "message"),
    [
        (9, 8, 2, "nhiều hơn số ủy viên có mặt"),
        (0, 0, 0, "từ 1 trở lên"),
        (9, -1, 0, "không được âm"),
        ("chín", 1, 0, "số nguyên"),
    ],
)
def test_impossible_votes_are_refused(cast, plan, manager, present, yes, no, message):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    with pytest.raises(ValidationError, match=message):
        selection.record_vote(actor=manager, nomination=n, members_present=present, votes_for=yes, votes_against=no)
    assert not Vote.objects.exists()


def test_vote_only_for_valid_nominations(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    with pytest.raises(ValidationError, match="hợp lệ"):
        selection.record_vote(actor=manager, nomination=n, members_present=9, votes_for=9, votes_against=0)


def test_cap_per_award_form_and_places_left(cast, plan, manager):
    """The form takes 1 collective and 2 individuals: the second collective cannot be added."""
    first = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    second = submitted(plan, cast.commune, kind="collective", nominee_unit=cast.branch)
    for n in (first, second):
        selection.screen(actor=manager, nomination=n, verdict="valid")
        selection.record_vote(actor=manager, nomination=n, members_present=9, votes_for=8, votes_against=1)
    selection.add_to_list(actor=manager, nomination=first)
    award_list = selection.award_list_for(plan.form)
    assert {r["kind"]: r["left"] for r in selection.places(award_list)} == {"collective": 0, "individual": 2}
    with pytest.raises(ValidationError, match="chỉ có 1 suất cho tập thể; danh sách đã có 1"):
        selection.add_to_list(actor=manager, nomination=second)
    assert ListEntry.objects.count() == 1
    ranked = selection.ranking(plan.campaign, plan.form)
    assert [r["in_list"] for r in ranked] == [True, False]


def test_a_nomination_without_a_passing_vote_is_not_added(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    with pytest.raises(ValidationError, match="chưa có biểu quyết"):
        selection.add_to_list(actor=manager, nomination=n)
    selection.record_vote(actor=manager, nomination=n, members_present=8, votes_for=4, votes_against=4)
    with pytest.raises(ValidationError, match="quá nửa"):
        selection.add_to_list(actor=manager, nomination=n)


def test_ranking_orders_by_vote_share_then_score(cast, plan, manager):
    a = submitted(plan, cast.commune, person=plan.people[0])
    b = submitted(plan, cast.commune, person=plan.people[1])
    for n, yes in ((a, 6), (b, 9)):
        selection.screen(actor=manager, nomination=n, verdict="valid")
        selection.record_vote(actor=manager, nomination=n, members_present=9, votes_for=yes, votes_against=9 - yes)
    assert [r["nomination"].pk for r in selection.ranking(plan.campaign, plan.form)] == [b.pk, a.pk]


def test_leader_approves_and_approval_past_a_cap_is_refused(cast, plan, manager):
    a = submitted(plan, cast.commune, person=plan.people[0])
    b = submitted(plan, cast.commune, person=plan.people[1])
    for n in (a, b):
        selection.screen(actor=manager, nomination=n, verdict="valid")
        selection.record_vote(actor=manager, nomination=n, members_present=9, votes_for=9, votes_against=0)
        selection.add_to_list(actor=manager, nomination=n)
    award_list = selection.award_list_for(plan.form)
    with pytest.raises(PermissionDenied):
        selection.approve_list(actor=manager, award_list=award_list)
    plan.form.cap_individuals = 1  # the cap was lowered after the list was drawn up
    plan.form.save()
    with pytest.raises(ValidationError, match="chỉ có 1 suất cho cá nhân; danh sách đã có 2"):
        selection.approve_list(actor=cast.users[Role.LEADER], award_list=award_list)
    award_list.refresh_from_db()
    assert award_list.status == AwardList.Status.DRAFT
    selection.remove_from_list(actor=manager, nomination=b)
    selection.approve_list(actor=cast.users[Role.LEADER], award_list=award_list)
    award_list.refresh_from_db()
    assert award_list.status == AwardList.Status.APPROVED and award_list.approved_by == cast.users[Role.LEADER]
    with pytest.raises(ValidationError, match="đã được duyệt"):
        selection.add_to_list(actor=manager, nomination=b)


def test_public_notice_collects_comments_while_open(cast, plan, manager, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 20, 8, tzinfo=dt.UTC))
    award_list = approved(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    for bad in (0, 61, "năm"):
        with pytest.raises(ValidationError, match="Số ngày công khai"):
            selection.post_notice(actor=manager, award_list=award_list, days=bad)
    selection.post_notice(actor=manager, award_list=award_list, days=5)
    citizen = make_user("dangvien", cast.branch, Role.SUBMITTER)
    with pytest.raises(ValidationError, match="nội dung"):
        selection.comment_on_notice(actor=citizen, award_list=award_list, text=" ")
    selection.comment_on_notice(actor=citizen, award_list=award_list, text="Đồng chí Ánh rất gương mẫu.")
    with pytest.raises(PermissionDenied):
        selection.comment_on_notice(actor=cast.users["sibling"], award_list=award_list, text="Ý kiến ngoài")
    time_machine.move_to(dt.datetime(2026, 3, 26, 8, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="không trong thời gian lấy ý kiến"):
        selection.comment_on_notice(actor=citizen, award_list=award_list, text="Muộn")
    assert list(award_list.comments.values_list("text", flat=True)) == ["Đồng chí Ánh rất gương mẫu."]


def test_no_scoring_once_the_list_is_approved(cast, plan, manager):
    n = submitted(plan, cast.commune, person=plan.people[0])
    reviewer = cast.users[Role.REVIEWER]
    selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=reviewer)
    approved(cast, plan, [n])
    item = plan.campaign.rubric.get()
    with pytest.raises(ValidationError, match="đã được duyệt"):
        selection.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "9"})
    assert not Review.objects.exists()
