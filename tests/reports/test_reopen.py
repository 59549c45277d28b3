"""Accepting a report asks for confirmation, and an accepted report can be opened again by the issuer's
manager with a reason: audited, the unit told why, out of the accepted reports until accepted anew."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.accounts.models import AuditEntry, Role
from guongsang.notifications.models import Notice
from guongsang.reports import services
from guongsang.reports.models import Report
from tests.conftest import sign_in
from tests.reports.test_services import BEFORE, plan, save  # noqa: F401 (the plan fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(cast, plan):  # noqa: F811
    save(cast, plan, plan.s1, "Bản 1", {"van-ban": "1"})
    report = services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=BEFORE)
    return services.accept(actor=cast.users[Role.MANAGER], report=report)


def _unchanged(report) -> None:
    report.refresh_from_db()
    assert (report.state, report.reopen_reason) == (Report.State.ACCEPTED, "")
    assert not AuditEntry.objects.filter(action="report.reopened").exists()
    assert not Notice.objects.filter(title__startswith="Báo cáo đã tiếp nhận được mở lại").exists()


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        ("   \n ", "Cần ghi lý do mở lại báo cáo"),
        ("x" * 501, "Lý do mở lại không quá 500 ký tự."),
    ],
)
def test_a_reason_is_needed_and_bounded_and_a_refusal_changes_nothing(cast, accepted, reason, says):
    with pytest.raises(ValidationError) as err:
        services.reopen(actor=cast.users[Role.MANAGER], report=accepted, reason=reason)
    assert says in err.value.message_dict["ly_do"][0]
    _unchanged(accepted)
    services.reopen(actor=cast.users[Role.MANAGER], report=accepted, reason="x" * 500)  # the bound itself is fine


@pytest.mark.parametrize("who", [Role.HEAD, Role.LEADER, "sibling"])
def test_only_the_issuers_manager_reopens(cast, accepted, who):
    with pytest.raises(PermissionDenied):
        services.reopen(actor=cast.users[who], report=accepted, reason="Sai số liệu.")
    _unchanged(accepted)


def test_only_an_accepted_report_is_reopened(cast, plan):  # noqa: F811
    save(cast, plan, plan.s1, "Bản 1", {"van-ban": "1"})
    report = services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=BEFORE)
    with pytest.raises(ValidationError, match=r"Chỉ mở lại được báo cáo đã tiếp nhận\."):
        services.reopen(actor=cast.users[Role.MANAGER], report=report, reason="Sai số liệu.")
    assert Report.objects.get().state == Report.State.SUBMITTED


def test_a_report_of_a_closed_campaign_is_not_reopened(cast, plan, accepted):  # noqa: F811
    from guongsang.campaigns.models import Campaign

    Campaign.objects.filter(pk=plan.pk).update(status=Campaign.Status.CLOSED)
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        services.reopen(actor=cast.users[Role.MANAGER], report=accepted, reason="Sai số liệu.")
    _unchanged(accepted)


def test_a_reopened_report_is_audited_the_unit_told_and_it_is_sent_and_accepted_again(cast, plan, accepted):  # noqa: F811
    services.reopen(actor=cast.users[Role.MANAGER], report=accepted, reason="  Số liệu mục II   chưa khớp  ")
    accepted.refresh_from_db()
    assert (accepted.state, accepted.reopen_reason) == (Report.State.RETURNED, "Số liệu mục II chưa khớp")
    entry = AuditEntry.objects.get(action="report.reopened")
    assert (entry.actor, entry.unit, entry.after["reason"]) == (
        cast.users[Role.MANAGER],
        cast.commune,
        "Số liệu mục II chưa khớp",
    )
    notice = Notice.objects.get(unit=cast.commune, title="Báo cáo đã tiếp nhận được mở lại để sửa")
    assert notice.body == f"{plan.title}\nLý do: Số liệu mục II chưa khớp."
    assert notice.link == f"/bao-cao/ke-hoach/{plan.pk}/?don_vi={cast.commune.pk}"
    with time_machine.travel(BEFORE, tick=False):
        again = services.submit(actor=cast.users[Role.HEAD], report=accepted, now=BEFORE)
    assert (again.state, again.reopen_reason, again.versions.count()) == (Report.State.SUBMITTED, "", 2)
    services.accept(actor=cast.users[Role.MANAGER], report=again)


def test_the_pages_confirm_accepting_offer_reopening_to_the_manager_and_show_the_reason(client, cast, plan, accepted):  # noqa: F811
    url = f"/bao-cao/{accepted.pk}/"
    sign_in(client, cast.users[Role.MANAGER])
    page = client.get(url).content.decode()
    assert f'action="/bao-cao/{accepted.pk}/quyet-dinh/mo-lai/"' in page and 'name="ly_do"' in page
    response = client.post(f"/bao-cao/{accepted.pk}/quyet-dinh/mo-lai/", {"ly_do": ""}, follow=True)
    assert "Cần ghi lý do mở lại báo cáo" in response.content.decode()
    _unchanged(accepted)
    response = client.post(f"/bao-cao/{accepted.pk}/quyet-dinh/mo-lai/", {"ly_do": "Thiếu chữ ký."}, follow=True)
    assert "Đã mở lại báo cáo; đơn vị được báo kèm lý do." in response.content.decode()
    assert Report.objects.get().state == Report.State.RETURNED
    client.logout()
    sign_in(client, cast.users[Role.HEAD])
    editor = client.get(f"/bao-cao/ke-hoach/{plan.pk}/?don_vi={cast.commune.pk}").content.decode()
    assert "Cấp trên đã mở lại báo cáo đã tiếp nhận để đơn vị sửa. Lý do: Thiếu chữ ký." in editor
    assert 'name="ly_do"' not in client.get(url).content.decode()  # the unit does not reopen
    save(cast, plan, plan.s1, "Bản 2", {"van-ban": "2"})
    services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=BEFORE)
    client.logout()
    sign_in(client, cast.users[Role.MANAGER])
    page = client.get(url).content.decode()
    assert 'data-gs-confirm="Tiếp nhận báo cáo của Đảng bộ xã Lát?' in page


@pytest.mark.parametrize("how", ["returned", "reopened"])
def test_a_correction_asked_for_is_taken_after_a_refuse_deadline_and_keeps_its_first_lateness(cast, plan, how):  # noqa: F811
    from guongsang.campaigns.models import Deadline

    save(cast, plan, plan.s1, "Bản 1", {"van-ban": "1"})
    report = services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=BEFORE)
    manager = cast.users[Role.MANAGER]
    if how == "returned":
        services.return_report(actor=manager, report=report, comments={plan.s2.pk: "Bổ sung."})
    else:
        services.reopen(actor=manager, report=services.accept(actor=manager, report=report), reason="Bổ sung.")
    deadline = plan.deadlines.get()
    Deadline.objects.filter(pk=deadline.pk).update(lateness=Deadline.Lateness.REFUSE)
    after = deadline.due_at + dt.timedelta(days=3)
    again = services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=after)
    assert (again.state, again.late_days) == (Report.State.SUBMITTED, None)  # sent on time the first time


def test_the_list_of_reports_links_each_units_name_to_its_report(client, cast, plan, accepted):  # noqa: F811
    sign_in(client, cast.users[Role.MANAGER])
    page = client.get(f"/bao-cao/ke-hoach/{plan.pk}/tat-ca/").content.decode()
    assert f'<a href="/bao-cao/{accepted.pk}/">{cast.commune.name}</a>' in page
    assert f'<a href="/bao-cao/{accepted.pk}/">Đã tiếp nhận</a>' not in page  # the state is not the link
