"""Issued plans and signed decisions are kept as they were: downloads serve the stored file, a later
change of the data does not alter it, an amendment or a new signature adds a version and the old one
stays, and a document that cannot be rendered stops the signature (all or nothing)."""

import hashlib
import io

import pytest
from django.urls import reverse

from guongsang.accounts.models import Role
from guongsang.awards import decisions
from guongsang.awards.models import AwardDecision
from guongsang.campaigns import services as campaign_services
from guongsang.campaigns.models import Campaign
from guongsang.documents import issued
from guongsang.documents.issuers import IssuerIncomplete
from guongsang.documents.models import IssuedDocument
from guongsang.org.models import Unit
from tests.docx_text import docx_text

pytestmark = pytest.mark.django_db


def _member(role: str, unit: Unit):
    from guongsang.accounts.models import Membership

    return Membership.objects.filter(role=role, unit=unit).select_related("user").first().user


@pytest.fixture
def signed(demo):
    return AwardDecision.objects.select_related("award_list__campaign__issuer").get(status="signed")


def test_a_signed_decision_is_served_as_signed_after_its_issuer_is_renamed(signed, client):
    kept = issued.stored(issued.decision_key(signed.pk))
    assert kept is not None and kept.version == 1
    issuer = signed.award_list.campaign.issuer
    old_name = issuer.name
    first = signed.awards.order_by("position").first().nomination.nominee_name
    assert kept.data["awards"][0]["name"] == first  # the data it was made from, kept with it
    Unit.objects.filter(pk=issuer.pk).update(name="Đảng ủy Đổi Tên Sau Khi Ký")
    client.force_login(_member(Role.LEADER, issuer))
    response = client.get(reverse("awards:decision_download", args=[signed.pk, "docx"]))
    assert response.status_code == 200
    body = response.content
    assert hashlib.sha256(body).hexdigest() == kept.sha256
    text = docx_text(body)
    assert old_name.upper() in text.upper() and "ĐỔI TÊN SAU KHI KÝ" not in text.upper()
    page = client.get(reverse("awards:decision", args=[signed.award_list_id]))
    assert "Tải về là bản 1 được lưu lúc ký" in page.content.decode()


def test_an_issued_plan_is_served_as_issued_and_an_amendment_adds_a_version(demo, client):
    campaign = Campaign.objects.get(status=Campaign.Status.ISSUED, number=120)
    manager = _member(Role.MANAGER, campaign.issuer)
    client.force_login(manager)
    url = reverse("campaigns:download", args=[campaign.pk, "docx"])
    before = client.get(url).content
    assert hashlib.sha256(before).hexdigest() == issued.stored(issued.plan_key(campaign.pk)).sha256
    Campaign.objects.filter(pk=campaign.pk).update(title="Tiêu đề sửa thẳng trong cơ sở dữ liệu")
    assert client.get(url).content == before  # a change outside an amendment never reaches the issued plan
    campaign.refresh_from_db()
    campaign_services.campaign_update(
        actor=manager, campaign=campaign, amendment_reason="Lùi thời gian hội nghị", conference_time="Tháng 01/2027"
    )
    assert [v.version for v in issued.versions(issued.plan_key(campaign.pk))] == [2, 1]
    after = client.get(url).content
    assert after != before and "Tháng 01/2027" in docx_text(after)
    first = client.get(url + "?phien_ban=1")
    assert first.content == before  # the first version stays, under a name of its own
    assert "ke-hoach-120-KH-DUK-ban-1.docx" in first["Content-Disposition"]
    assert client.get(url + "?phien_ban=9").status_code == 404
    assert client.get(url + "?phien_ban=abc").status_code == 404
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "Tải về là bản 2 được lưu lúc ban hành" in page and "phien_ban=1" in page


def test_someone_who_may_not_see_the_decision_gets_no_stored_file(signed, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="lacduong.quanly"))  # another province's manager
    for query in ("", "?phien_ban=1"):
        response = client.get(reverse("awards:decision_download", args=[signed.pk, "docx"]) + query)
        assert response.status_code in (403, 404)
    response = client.get(reverse("awards:decision_download", args=[signed.pk, "pdf"]))
    assert response.status_code in (403, 404)


def test_a_decision_that_cannot_be_rendered_is_not_signed(demo, monkeypatch):
    d = AwardDecision.objects.select_related("award_list__campaign__issuer").get(status="draft")
    d.number = 41
    d.save(update_fields=["number"])
    leader = _member(Role.LEADER, d.award_list.campaign.issuer)

    def broken(_decision):
        raise IssuerIncomplete("Đơn vị chưa có ký hiệu viết tắt.")

    monkeypatch.setattr("guongsang.awards.documents.decision_docx", broken)
    honours = d.awards.filter(honor__isnull=False).count()
    with pytest.raises(IssuerIncomplete):
        decisions.decision_sign(actor=leader, decision=d)
    d.refresh_from_db()
    assert d.status == AwardDecision.Status.DRAFT
    assert d.awards.filter(honor__isnull=False).count() == honours
    assert not IssuedDocument.objects.filter(key=issued.decision_key(d.pk)).exists()


def test_the_pdf_is_made_from_the_stored_docx(signed, client):
    kept = issued.stored(issued.decision_key(signed.pk))
    issuer = signed.award_list.campaign.issuer
    Unit.objects.filter(pk=issuer.pk).update(name="Đảng ủy Đổi Tên Sau Khi Ký")
    client.force_login(_member(Role.LEADER, issuer))
    response = client.get(reverse("awards:decision_download", args=[signed.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(response.content)).upper()
    assert "ĐỔI TÊN" not in text and issuer.name.upper().split()[-1] in text
    kept.refresh_from_db()
    assert kept.pdf_state == IssuedDocument.Pdf.READY  # kept for the next download


def test_a_failed_issue_leaves_no_stored_file_on_disk(demo, settings, monkeypatch):
    from pathlib import Path

    campaign = Campaign.objects.filter(status=Campaign.Status.ISSUED).order_by("pk").first()
    manager = _member(Role.MANAGER, campaign.issuer)
    root = Path(settings.MEDIA_ROOT)
    before = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()

    def fail_after_storing(*args, **kwargs):
        raise campaign_services.CampaignError("Lỗi giả định sau khi lưu văn bản.")

    # the row is written right after the .docx: fail there, the file already on disk
    monkeypatch.setattr(IssuedDocument, "save", fail_after_storing)
    with pytest.raises(campaign_services.CampaignError):
        campaign_services.campaign_update(
            actor=manager, campaign=campaign, amendment_reason="Thử", conference_time="Tháng 02/2027"
        )
    after = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    assert after == before
    assert [v.version for v in issued.versions(issued.plan_key(campaign.pk))] == [1]


def test_a_plan_is_not_issued_without_the_issuers_abbreviation_or_its_place(demo):
    campaign = Campaign.objects.filter(status=Campaign.Status.ISSUED).select_related("issuer").first()
    assert not any(
        "ký hiệu trong số văn bản" in p or "địa danh" in p for p in campaign_services.issue_problems(campaign)
    )
    campaign.issuer.abbreviation, campaign.place = " ", ""
    problems = campaign_services.issue_problems(campaign)
    assert any("chưa có ký hiệu trong số văn bản" in p for p in problems)
    assert "Thiếu địa danh ghi ngày tháng của kế hoạch (ví dụ Lạc Dương)." in problems


def test_plans_and_decisions_from_before_are_kept_once_by_the_command(demo):
    from django.core.management import call_command

    signed = AwardDecision.objects.get(status="signed")
    IssuedDocument.objects.filter(key=issued.decision_key(signed.pk)).delete()
    out = io.StringIO()
    call_command("keep_issued_documents", stdout=out)
    assert "Đã lưu 0 kế hoạch và 1 quyết định" in out.getvalue()
    assert issued.stored(issued.decision_key(signed.pk)).version == 1
    call_command("keep_issued_documents", stdout=out)  # a second run adds nothing
    assert IssuedDocument.objects.filter(key=issued.decision_key(signed.pk)).count() == 1


def test_signing_queues_the_pdf_task_which_makes_the_pdf_from_the_stored_docx(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    d = AwardDecision.objects.select_related("award_list__campaign__issuer").get(status="draft")
    d.number = 42
    d.save(update_fields=["number"])
    real = issued.make_pdf.real  # the task itself, run at once by the tests' task backend
    monkeypatch.setattr(issued, "make_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        decisions.decision_sign(actor=_member(Role.LEADER, d.award_list.campaign.issuer), decision=d)
    kept = issued.stored(issued.decision_key(d.pk))
    assert kept.pdf_state == IssuedDocument.Pdf.READY
    with kept.pdf.open("rb") as f:
        assert f.read().startswith(b"%PDF")
