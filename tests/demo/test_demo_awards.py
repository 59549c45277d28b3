"""The demo takes seed 004 all the way, and drafts seed 000's State-format decision."""

import datetime as dt

import pytest

from guongsang.awards.decisions import money_totals
from guongsang.awards.models import AwardDecision, CertificateBatch, Escalation, NoticeComment, Review
from guongsang.nominations.models import Nomination
from guongsang.org.models import Honor

pytestmark = pytest.mark.django_db


def test_seed_004_goes_through_to_certificates_and_escalations(demo, client):
    d = AwardDecision.objects.get(award_list__campaign__issuer__code="TN-DUK")
    assert (d.status, d.style, d.symbol, d.date) == ("signed", "party", "01-QĐ/ĐUK", dt.date(2024, 3, 12))
    assert d.awards.count() == 7
    assert Honor.objects.filter(decision_number="01-QĐ/ĐUK").count() == 7
    returned = Nomination.objects.get(campaign=d.award_list.campaign, screening="returned")
    assert returned.state == "draft" and "xếp loại tổ chức đảng năm 2023" in returned.screening_reason
    assert Review.objects.filter(nomination__campaign=d.award_list.campaign, conflict=True).count() == 1
    assert NoticeComment.objects.filter(award_list=d.award_list).exists()
    batch = CertificateBatch.objects.get(decision=d)
    assert (batch.status, batch.done, batch.total) == ("done", 7, 7) and batch.file
    assert batch.calibration.name.startswith("Máy in Canon")
    assert Escalation.objects.filter(award__decision=d).count() == 3
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="tnduk.quanly"))
    page = client.get(f"/xet-chon/danh-sach/{d.award_list_id}/quyet-dinh/")
    assert page.status_code == 200 and "01-QĐ/ĐUK" in page.content.decode()


def test_seed_000_has_a_state_format_draft_with_money(demo):
    d = AwardDecision.objects.get(award_list__campaign__issuer__code="LD-HU")
    assert (d.status, d.style, d.symbol, d.base_salary) == ("draft", "state", "", 1_490_000)
    totals = money_totals(d)
    assert [(r["label"], r["each"]) for r in totals["rows"]] == [("Tập thể", 900_000), ("Cá nhân", 450_000)]
    assert totals["total"] == 1_350_000
