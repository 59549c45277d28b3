"""The home page's to-do list: what waits for each role, one link from where it is done, the nearest
deadline first, seen only by those whose role it is, in a number of queries that does not grow."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guongsang.accounts.models import Membership, Role
from guongsang.accounts.todo import todo
from guongsang.awards import selection
from guongsang.awards.models import AwardDecision, AwardList, ListEntry, Review, ReviewerAssignment
from guongsang.campaigns.models import Campaign, Deadline, OutlineSection, Participation
from guongsang.nominations.models import Nomination
from guongsang.reports.models import Report, ReportVersion, SectionAnswer
from tests.awards.conftest import plan, submitted  # noqa: F401 (the plan fixture)
from tests.conftest import make_unit, make_user, sign_in

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
REPORT_DUE = dt.datetime(2026, 12, 20, 16, 59, 59, tzinfo=dt.UTC)  # 23:59:59 of 20/12 in Hà Nội


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def report_due(plan):  # noqa: F811
    return Deadline.objects.create(campaign=plan.campaign, what="Báo cáo sơ kết", due_at=REPORT_DUE)


def sent(campaign, unit, state) -> Report:
    """A report the unit has sent (a version kept), in `state`."""
    report = Report.objects.create(campaign=campaign, unit=unit, state=state)
    ReportVersion.objects.create(report=report, number=1, submitted_at=NOW - dt.timedelta(days=1), snapshot={})
    return report


def titles(user) -> dict[str, int]:
    return {item.title: item.count for item in todo(user)}


def test_the_manager_sees_reports_to_accept_nominations_to_screen_and_the_units_that_owe(cast, plan, report_due):  # noqa: F811
    sent(plan.campaign, cast.commune, Report.State.SUBMITTED)
    submitted(plan, cast.commune, person=plan.people[0])
    submitted(plan, cast.commune, person=plan.people[1], screening=Nomination.Screening.VALID)  # already screened
    items = {i.title: i for i in todo(cast.users[Role.MANAGER])}
    assert items["Báo cáo chờ tiếp nhận"].count == 1
    assert items["Báo cáo chờ tiếp nhận"].link == reverse("reports:campaign_list", args=[plan.campaign.pk])
    assert items["Đề nghị khen thưởng chờ thẩm định"].count == 1
    assert items["Đề nghị khen thưởng chờ thẩm định"].link == reverse("awards:screening", args=[plan.campaign.pk])
    owing = items["Đơn vị chưa nộp báo cáo"]
    assert (owing.count, owing.done, owing.total, owing.percent) == (1, 1, 2, 50)  # the court has not sent
    assert owing.due_at == REPORT_DUE and owing.link == reverse("reports:dashboard", args=[plan.campaign.pk])
    # The sibling district's manager, the leader and the commune's clerk see none of it.
    for who in ("sibling", Role.LEADER, Role.SUBMITTER):
        assert not {"Báo cáo chờ tiếp nhận", "Đề nghị khen thưởng chờ thẩm định"} & set(titles(cast.users[who]))


def test_a_sub_campaigns_work_is_its_issuers_not_the_level_above(cast, plan):  # noqa: F811
    own = Campaign.objects.create(
        issuer=cast.commune, parent=plan.campaign, number=3, date=dt.date(2026, 11, 25), title="Kế hoạch của xã"
    )
    Participation.objects.create(campaign=own, unit=cast.branch)
    Report.objects.create(campaign=own, unit=cast.branch, state=Report.State.SUBMITTED)
    commune_manager = make_user("quanly.xa", cast.commune, Role.MANAGER)
    assert titles(commune_manager)["Báo cáo chờ tiếp nhận"] == 1
    assert "Báo cáo chờ tiếp nhận" not in titles(cast.users[Role.MANAGER])  # the district's manager
    # ... even when he also writes for the commune: a clerk's role there is not the commune's manager's.
    Membership.objects.create(user=cast.users[Role.MANAGER], unit=cast.commune, role=Role.SUBMITTER)
    manager = type(cast.users[Role.MANAGER]).objects.get(pk=cast.users[Role.MANAGER].pk)
    assert "Báo cáo chờ tiếp nhận" not in titles(manager)


def test_an_accepted_report_is_no_longer_waiting_and_a_deadline_long_past_no_longer_owed(cast, plan, report_due):  # noqa: F811
    sent(plan.campaign, cast.commune, Report.State.ACCEPTED)
    sent(plan.campaign, cast.court, Report.State.RETURNED)  # sent once: received, as the dashboard counts it
    assert not {"Báo cáo chờ tiếp nhận", "Đơn vị chưa nộp báo cáo"} & set(titles(cast.users[Role.MANAGER]))
    Report.objects.filter(unit=cast.court).delete()
    Report.objects.create(campaign=plan.campaign, unit=cast.court)  # a draft, never sent
    assert titles(cast.users[Role.MANAGER])["Đơn vị chưa nộp báo cáo"] == 1
    report_due.audience_kinds.set([cast.commune.kind])  # the deadline asks the commune only, which has sent
    assert "Đơn vị chưa nộp báo cáo" not in titles(cast.users[Role.MANAGER])
    report_due.audience_kinds.clear()
    with time_machine.travel(REPORT_DUE + dt.timedelta(days=14), tick=False):  # two weeks late: still owed
        owing = next(i for i in todo(cast.users[Role.MANAGER]) if i.title == "Đơn vị chưa nộp báo cáo")
        assert owing.overdue and owing.due_at == REPORT_DUE
    with time_machine.travel(REPORT_DUE + dt.timedelta(days=14, seconds=1), tick=False):
        assert "Đơn vị chưa nộp báo cáo" not in titles(cast.users[Role.MANAGER])


def test_the_leader_sees_a_plan_a_list_and_a_decision_waiting_for_approval_or_signature(cast, plan):  # noqa: F811
    draft = Campaign.objects.create(issuer=cast.district, number=13, date=dt.date(2026, 11, 20), title="Kế hoạch mới")
    assert "Kế hoạch đang dự thảo: hoàn thiện và trình duyệt" in titles(cast.users[Role.MANAGER])
    assert "Kế hoạch chờ duyệt" not in titles(cast.users[Role.LEADER])
    Campaign.objects.filter(pk=draft.pk).update(status=Campaign.Status.SUBMITTED)
    assert titles(cast.users[Role.LEADER])["Kế hoạch chờ duyệt"] == 1
    assert "Kế hoạch chờ duyệt" not in titles(cast.users[Role.MANAGER])  # approving is the leader's

    award_list = AwardList.objects.create(campaign=plan.campaign, award_form=plan.form)
    assert "Danh sách đề nghị khen thưởng chờ duyệt" not in titles(cast.users[Role.LEADER])  # nobody in it yet
    ListEntry.objects.create(award_list=award_list, nomination=submitted(plan, cast.commune, person=plan.people[0]))
    assert titles(cast.users[Role.LEADER])["Danh sách đề nghị khen thưởng chờ duyệt"] == 1

    AwardList.objects.filter(pk=award_list.pk).update(status=AwardList.Status.APPROVED)
    assert "Danh sách đã duyệt: lập quyết định khen thưởng" in titles(cast.users[Role.MANAGER])
    decision = AwardDecision.objects.create(
        award_list=award_list,
        style="party",
        authority="HUYỆN ỦY LẠC DƯƠNG",
        abbreviation="HU",
        date=dt.date(2026, 12, 1),
        place="Lạc Dương",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Ya Tiong",
        base_salary=2340000,
    )
    assert "Danh sách đã duyệt: lập quyết định khen thưởng" not in titles(cast.users[Role.MANAGER])
    assert "Quyết định khen thưởng chờ ký" not in titles(cast.users[Role.LEADER])  # no number yet
    AwardDecision.objects.filter(pk=decision.pk).update(number=7)
    assert titles(cast.users[Role.LEADER])["Quyết định khen thưởng chờ ký"] == 1
    assert "Quyết định khen thưởng chờ ký" not in titles(cast.users["sibling"])
    AwardDecision.objects.filter(pk=decision.pk).update(status=AwardDecision.Status.SIGNED)
    assert "Quyết định đã ký: in giấy khen" in titles(cast.users[Role.OFFICE])
    assert "Quyết định khen thưởng chờ ký" not in titles(cast.users[Role.LEADER])


def test_the_reviewer_sees_what_is_assigned_and_not_yet_scored(cast, plan):  # noqa: F811
    reviewer = cast.users[Role.REVIEWER]
    valid = [submitted(plan, cast.commune, person=p, screening=Nomination.Screening.VALID) for p in plan.people[:2]]
    submitted(plan, cast.commune, person=plan.people[2])  # not screened yet: not the reviewer's
    assert "Đề nghị được phân công, chưa chấm điểm" not in titles(reviewer)  # not assigned
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=reviewer, award_form=plan.form)
    assert titles(reviewer)["Đề nghị được phân công, chưa chấm điểm"] == 2
    Review.objects.create(nomination=valid[0], reviewer=reviewer, total=80)
    assert titles(reviewer)["Đề nghị được phân công, chưa chấm điểm"] == 1
    other = make_user("thamdinh2", cast.district, Role.REVIEWER)
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=other, award_form=plan.upward)
    assert "Đề nghị được phân công, chưa chấm điểm" not in titles(other)  # another award form
    assert selection.in_remit(list(ReviewerAssignment.objects.filter(reviewer=reviewer)), valid[1])


def test_the_clerk_writes_the_head_confirms_and_both_see_what_came_back(cast, plan, report_due):  # noqa: F811
    clerk, head = cast.users[Role.SUBMITTER], cast.users[Role.HEAD]
    sections = [
        OutlineSection.objects.create(campaign=plan.campaign, number=str(i), title=t, position=i)
        for i, t in enumerate(("Kết quả", "Kiến nghị"), start=1)
    ]
    assert titles(clerk)["Báo cáo chưa soạn"] == 1
    assert "Báo cáo chưa soạn" not in titles(head)
    report = Report.objects.create(campaign=plan.campaign, unit=cast.commune)
    SectionAnswer.objects.create(report=report, section=sections[0], text="Đã làm.")
    item = next(i for i in todo(clerk) if i.title.startswith("Báo cáo đang soạn"))
    assert (item.title, item.done, item.total, item.due_at) == ("Báo cáo đang soạn (1/2 mục)", 1, 2, REPORT_DUE)
    assert item.link == reverse("reports:edit", args=[plan.campaign.pk]) + f"?don_vi={cast.commune.pk}"
    assert "Báo cáo đã soạn đủ các mục: xác nhận và gửi" not in titles(head)
    SectionAnswer.objects.create(report=report, section=sections[1], text="Không.")
    assert "Báo cáo đã soạn đủ các mục: xác nhận và gửi" in titles(head)
    assert not [t for t in titles(clerk) if t.startswith("Báo cáo")]  # the clerk's part is done
    Report.objects.filter(pk=report.pk).update(state=Report.State.RETURNED)
    for who in (clerk, head):
        assert "Báo cáo bị trả lại: sửa theo ý kiến rồi gửi lại" in titles(who)
    # A nomination: missing its file it is the clerk's; complete, the head's to confirm and send.
    n = Nomination.objects.create(campaign=plan.campaign, unit=cast.commune, kind="individual", person=plan.people[0])
    assert titles(clerk)["Đề nghị còn thiếu tệp hồ sơ"] == 1
    assert "Đề nghị đủ hồ sơ: xác nhận và gửi" not in titles(head)
    n.delete()
    done = submitted(plan, cast.commune, person=plan.people[1])
    Nomination.objects.filter(pk=done.pk).update(state=Nomination.State.DRAFT)
    assert titles(head)["Đề nghị đủ hồ sơ: xác nhận và gửi"] == 1
    assert "Đề nghị còn thiếu tệp hồ sơ" not in titles(clerk)
    Nomination.objects.filter(pk=done.pk).update(state=Nomination.State.SUBMITTED)
    selection.screen(actor=cast.users[Role.MANAGER], nomination=done, verdict="returned", reason="Thiếu biên bản.")
    assert titles(clerk)["Đề nghị bị trả lại để bổ sung"] == 1
    assert titles(head)["Đề nghị bị trả lại để bổ sung"] == 1
    assert "Đề nghị đủ hồ sơ: xác nhận và gửi" not in titles(head)  # it came back: not a new draft
    # The district's manager holds report.write over the commune too, but the unit's work is not his.
    assert not {"Báo cáo bị trả lại: sửa theo ý kiến rồi gửi lại", "Đề nghị bị trả lại để bổ sung"} & set(
        titles(cast.users[Role.MANAGER])
    )


def test_a_report_is_due_up_to_its_last_second_and_the_nearest_deadline_comes_first(cast, plan, report_due):  # noqa: F811
    clerk = cast.users[Role.SUBMITTER]
    Nomination.objects.create(campaign=plan.campaign, unit=cast.commune, kind="individual", person=plan.people[0])
    items = todo(clerk)
    assert [i.title for i in items][:2] == ["Báo cáo chưa soạn", "Đề nghị còn thiếu tệp hồ sơ"]  # 20/12 before 2030
    assert [i.due_at for i in items] == sorted(i.due_at for i in items)
    with time_machine.travel(REPORT_DUE, tick=False):
        item = next(i for i in todo(clerk) if i.title == "Báo cáo chưa soạn")
        assert not item.overdue
    # Late reports are taken (marked late): the item stays, overdue; under "không nhận sau hạn" it goes.
    with time_machine.travel(REPORT_DUE + dt.timedelta(seconds=1), tick=False):
        item = next(i for i in todo(clerk) if i.title == "Báo cáo chưa soạn")
        assert item.overdue and item.due_at == REPORT_DUE
        Deadline.objects.filter(pk=report_due.pk).update(lateness=Deadline.Lateness.REFUSE)
        assert "Báo cáo chưa soạn" not in titles(clerk)
    with time_machine.travel(REPORT_DUE, tick=False):
        assert "Báo cáo chưa soạn" in titles(clerk)  # its last second is still in time
    # The same for a dossier: past a refuse deadline no item asks to send what cannot be sent.
    from tests.awards.conftest import DUE

    with time_machine.travel(DUE + dt.timedelta(seconds=1), tick=False):
        assert "Đề nghị còn thiếu tệp hồ sơ" not in titles(clerk)
    with time_machine.travel(DUE, tick=False):
        assert "Đề nghị còn thiếu tệp hồ sơ" in titles(clerk)


def _grow(cast, plan, start: int, n: int) -> None:  # noqa: F811
    for i in range(start, start + n):
        unit = make_unit(cast.district, f"T-CB-{i}", f"Chi bộ số {i}", "chi-bo-co-so")
        Participation.objects.create(campaign=plan.campaign, unit=unit)
        Report.objects.create(campaign=plan.campaign, unit=unit, state=Report.State.SUBMITTED)
        submitted(plan, unit, kind="collective", nominee_unit=unit)
        make_user(f"bithu{i}", unit, Role.HEAD)


@pytest.mark.parametrize("who", [Role.MANAGER, Role.LEADER, Role.REVIEWER, Role.HEAD, Role.OFFICE])
def test_the_number_of_queries_does_not_grow_with_the_campaign(cast, plan, report_due, who):  # noqa: F811
    ReviewerAssignment.objects.create(campaign=plan.campaign, reviewer=cast.users[Role.REVIEWER])
    counts = []
    for size in (2, 25):
        _grow(cast, plan, len(counts) * 2, size if not counts else size - 2)
        user = type(cast.users[who]).objects.get(pk=cast.users[who].pk)  # no cached grants
        with CaptureQueriesContext(connection) as queries:
            items = todo(user)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    if who == Role.MANAGER:
        assert {i.title: i.count for i in items}["Báo cáo chờ tiếp nhận"] == 25


def test_the_home_page_lists_the_items_with_their_links_and_says_when_nothing_waits(client, cast, plan, report_due):  # noqa: F811
    Report.objects.create(campaign=plan.campaign, unit=cast.commune, state=Report.State.SUBMITTED)
    sign_in(client, cast.users[Role.MANAGER])
    page = client.get("/").content.decode()
    assert "Việc cần làm" in page
    assert f'href="{reverse("reports:campaign_list", args=[plan.campaign.pk])}"' in page
    assert "hạn 23:59 20/12/2026" in page  # local time, dd/mm/yyyy
    client.logout()
    sign_in(client, cast.users["sibling"])
    page = client.get("/").content.decode()
    assert "Không có việc nào đang chờ bạn." in page and "Báo cáo chờ tiếp nhận" not in page


def test_a_task_of_the_plan_is_on_the_home_of_the_unit_it_is_given_to(cast, plan):  # noqa: F811
    from guongsang.campaigns.models import Assignment

    Assignment.objects.create(
        campaign=plan.campaign,
        body="Văn phòng Huyện ủy",
        unit=cast.district,
        task="Chuẩn bị hội trường.",
        due_date=dt.date(2026, 12, 10),
    )
    item = next(i for i in todo(cast.users[Role.OFFICE]) if i.title == "Nhiệm vụ được phân công")
    assert (item.detail, item.due_at) == ("Chuẩn bị hội trường.", dt.datetime(2026, 12, 10, 16, 59, 59, tzinfo=dt.UTC))
    assert "Nhiệm vụ được phân công" not in titles(cast.users["sibling"])
    assert "Nhiệm vụ được phân công" not in titles(cast.users[Role.SUBMITTER])  # the commune's people
    with time_machine.travel(dt.datetime(2026, 12, 24, 16, 59, 59, tzinfo=dt.UTC), tick=False):
        assert "Nhiệm vụ được phân công" in titles(cast.users[Role.OFFICE])  # two weeks late, still shown
    with time_machine.travel(dt.datetime(2026, 12, 24, 17, 0, 0, tzinfo=dt.UTC), tick=False):
        assert "Nhiệm vụ được phân công" not in titles(cast.users[Role.OFFICE])


def test_the_home_page_needs_as_many_queries_for_six_items_as_for_two(client, cast):
    sign_in(client, cast.users[Role.MANAGER])
    counts = []
    for n in (2, 6):
        while Campaign.objects.filter(status=Campaign.Status.DRAFT).count() < n:
            number = Campaign.objects.count() + 20
            Campaign.objects.create(
                issuer=cast.district, number=number, date=dt.date(2026, 11, 20), title=f"Dự thảo {number}"
            )
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/").content.decode()
        assert page.count("Kế hoạch đang dự thảo: hoàn thiện và trình duyệt") == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
