import io
import re

import pytest
from docx import Document

from guongsang.campaigns.models import Campaign, Indicator
from guongsang.reports.documents import report_docx
from guongsang.reports.models import Report

pytestmark = pytest.mark.django_db


def test_each_seed_campaign_has_a_realistic_mix_of_reports(demo):
    for issuer in ("LD-HU", "HT-DUK", "KB-HU", "TN-DUK"):
        campaign = Campaign.objects.get(issuer__code=issuer, parent__isnull=True)
        states = set(Report.objects.filter(campaign=campaign).values_list("state", flat=True))
        assert {"accepted", "draft"} & states and ({"returned", "submitted"} & states), (issuer, states)
        units = Report.objects.filter(campaign=campaign).exclude(unit=campaign.issuer)  # not its consolidated one
        assert units.count() < campaign.participations.count()  # some missing
    assert Report.objects.filter(late_days__isnull=False).exists()
    assert Report.objects.filter(comments__isnull=False).exists()


def test_a_demo_units_report_document_shows_every_section_and_indicator_table(demo):
    report = Report.objects.filter(campaign__issuer__code="KB-HU", state="accepted").first()
    doc = Document(io.BytesIO(report_docx(report)))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    for section in report.campaign.sections.all():
        assert f"{section.number}" in text and section.title in text, section.title
    for indicator in Indicator.objects.filter(section__campaign=report.campaign):
        place = cells if indicator.type != "table" else text + cells
        assert indicator.label in place, indicator.label
    assert "Tên mô hình" in cells  # the list of models as its own table


def test_report_pages_follow_the_outline_order(demo, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    report = Report.objects.filter(campaign__issuer__code="KB-HU").first()
    numbers = [s.number for s in report.campaign.outline()]
    assert numbers[:6] == ["I", "II", "1", "1.1", "1.2", "1.3"] and numbers[-2:] == ["1", "2"]
    client.force_login(get_user_model().objects.get(username="kimbang.quanly"))
    page = client.get(reverse("reports:review", kwargs={"pk": report.pk})).content.decode()
    headings = re.findall(r'<h2 class="h6">([^<]+)</h2>', page)
    assert headings == [f"{s.number}. {s.title}" for s in report.campaign.outline()]
