"""The section editor: rows saved through the service, bad input refused in Vietnamese."""

import datetime as dt

from django.urls import reverse

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Amendment, Campaign, Criterion
from tests.campaigns.test_services import NOW, approved, draft


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def criterion_post(params: str) -> dict:
    return {
        **management("tieu-chuan", 1),
        "tieu-chuan-0-nominee_kind": "individual",
        "tieu-chuan-0-text": "Đảng viên hoàn thành tốt nhiệm vụ trở lên mọi năm",
        "tieu-chuan-0-check_kind": "min_grade_each_year",
        "tieu-chuan-0-params": params,
    }


def test_a_manager_adds_a_criterion_with_its_check(client, cast):
    campaign = draft(cast)
    client.force_login(cast.users[Role.MANAGER])
    url = reverse("campaigns:section", kwargs={"pk": campaign.pk, "section": "tieu-chuan"})
    response = client.post(url, criterion_post('{"grade": "HTTNV", "from_year": 2021, "to_year": 2025}'))
    assert response.status_code == 302
    criterion = Criterion.objects.get(campaign=campaign)
    assert criterion.params == {"grade": "HTTNV", "from_year": 2021, "to_year": 2025}
    assert AuditEntry.objects.filter(action="campaign.tieu-chuan.saved").exists()


def test_bad_check_parameters_are_refused_in_vietnamese(client, cast):
    campaign = draft(cast)
    client.force_login(cast.users[Role.MANAGER])
    url = reverse("campaigns:section", kwargs={"pk": campaign.pk, "section": "tieu-chuan"})
    page = client.post(url, criterion_post('{"grade": "Tốt", "from_year": 2021}')).content.decode()
    assert "cần tham số “to_year”" in page and "Xếp loại “Tốt” không có trong thang" in page
    page = client.post(url, criterion_post("không phải JSON")).content.decode()
    assert not Criterion.objects.filter(campaign=campaign).exists()


def test_an_issued_plans_section_needs_a_reason_and_records_an_amendment(client, cast):
    from guongsang.campaigns import services

    campaign = services.campaign_issue(actor=cast.users[Role.MANAGER], campaign=approved(cast), now=NOW)
    deadline = campaign.deadlines.get()
    client.force_login(cast.users[Role.MANAGER])
    url = reverse("campaigns:section", kwargs={"pk": campaign.pk, "section": "moc-thoi-gian"})
    later = (dt.date.today() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
    data = {
        **management("moc-thoi-gian", 1, 1),
        "moc-thoi-gian-0-id": str(deadline.pk),
        "moc-thoi-gian-0-kind": "dossier",
        "moc-thoi-gian-0-what": "Hồ sơ đề nghị khen thưởng",
        "moc-thoi-gian-0-due_at": f"23:59 {later}",
        "moc-thoi-gian-0-lateness": "refuse",
    }
    page = client.post(url, data, follow=True).content.decode()
    assert "cần ghi lý do điều chỉnh" in page
    deadline.refresh_from_db()
    assert deadline.due_at == campaign.deadlines.get().due_at and not Amendment.objects.exists()
    client.post(url, {**data, "amendment_reason": "Lùi hạn nộp hồ sơ"})
    amendment = Amendment.objects.get()
    assert amendment.reason == "Lùi hạn nộp hồ sơ" and "moc-thoi-gian" in amendment.changes
    deadline.refresh_from_db()
    assert deadline.due_at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y") == later
    assert Campaign.objects.get(pk=campaign.pk).version == 2


def test_a_copy_is_created_from_the_form(client, cast):
    source = draft(cast)
    client.force_login(cast.users[Role.MANAGER])
    response = client.post(
        reverse("campaigns:create"),
        {"mode": "copy", "issuer": cast.district.pk, "source": source.pk, "offset_days": "30"},
    )
    copy = Campaign.objects.exclude(pk=source.pk).get()
    assert response["Location"] == reverse("campaigns:detail", kwargs={"pk": copy.pk})
    assert copy.deadlines.get().due_at == source.deadlines.get().due_at + dt.timedelta(days=30)
    page = client.post(reverse("campaigns:create"), {"mode": "copy", "issuer": cast.district.pk}).content.decode()
    assert "Cần chọn kế hoạch gốc." in page
