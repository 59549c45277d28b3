"""Documents with Vietnamese names download through Chromium under those names (RFC 6266 / 5987)."""

import pytest
from playwright.sync_api import Error

pytestmark = pytest.mark.e2e


def _download(page, url: str):
    with page.expect_download() as info:
        try:
            page.goto(url)
        except Error:  # "Download is starting": the page itself does not change
            pass
    return info.value


def test_a_plan_a_report_and_a_decision_download_with_their_names(browser, live_server, transactional_db, demo):
    # On the committed demo (see test_followup_journey); the end of this test empties the database.
    from guongsang.awards.models import AwardDecision
    from guongsang.campaigns.models import Campaign
    from guongsang.demo.tree import DEMO_PASSWORD
    from guongsang.reports.models import Report

    plan = Campaign.objects.get(issuer__code="TN-DUK", number=120)
    decision = AwardDecision.objects.filter(award_list__campaign=plan).first() or AwardDecision.objects.first()
    report = Report.objects.filter(campaign=plan, submitted_at__isnull=False).exclude(unit=plan.issuer).first()
    page = browser.new_context(locale="vi-VN", accept_downloads=True).new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "dang-nhap" not in url)
    base = live_server.url
    got = _download(page, f"{base}/ke-hoach/{plan.pk}/ke-hoach.docx")
    assert got.suggested_filename == "ke-hoach-120-KH-ĐUK.docx"
    got = _download(page, f"{base}/ke-hoach/{plan.pk}/ke-hoach.pdf")
    assert got.suggested_filename == "ke-hoach-120-KH-ĐUK.pdf"
    with open(got.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    got = _download(page, f"{base}/bao-cao/{report.pk}/bao-cao.docx")
    assert got.suggested_filename == f"bao-cao-{report.unit.code}.docx"
    got = _download(page, f"{base}/xet-chon/quyet-dinh/{decision.pk}/tai.docx")
    assert got.suggested_filename.startswith("quyet-dinh-") and got.suggested_filename.endswith(".docx")
