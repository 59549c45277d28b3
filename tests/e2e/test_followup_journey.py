import pytest
from playwright.sync_api import expect

from guongsang.notifications.models import Reminder
from tests.e2e.conftest import editor_page, shot, typed
from tests.e2e.test_tree_browser import enter
from tests.reports.test_consolidation import child  # noqa: F401
from tests.reports.test_followup import tree  # noqa: F401

pytestmark = pytest.mark.e2e


def test_a_manager_follows_the_campaign_and_reminds_the_units_missing(browser, live_server, cast, tree):  # noqa: F811
    campaign, report, _dossier, _units = tree
    page = browser.new_context(locale="vi-VN", viewport={"width": 1300, "height": 900}).new_page()
    enter(page, live_server.url, "quanly", home=False)
    page.goto(f"{live_server.url}/ke-hoach/{campaign.pk}/")
    page.get_by_role("link", name="Theo dõi tiến độ").click()
    section = page.locator(f"#moc-{report.pk}")
    expect(section).to_contain_text("Đầy đủ: 4/6 (67%)")
    expect(section).to_contain_text("Chi bộ Công an")
    expect(page.locator("svg.gs-chart polyline")).to_have_count(2)
    shot(page, "followup-dashboard")
    section.get_by_label("Chọn Chi bộ Công an").check()
    section.get_by_role("button", name="Nhắc các đơn vị đã chọn").click()
    expect(page.get_by_text("Đã gửi nhắc hạn “Báo cáo” tới các đơn vị chưa gửi.")).to_be_visible()
    assert list(Reminder.objects.filter(deadline=report).values_list("unit__name", flat=True)) == ["Chi bộ Công an"]
    page.locator(f"#moc-{report.pk}").get_by_role("button", name="Nhắc tất cả đơn vị chưa gửi").click()
    expect(page.get_by_text("Đã gửi nhắc hạn “Báo cáo” tới các đơn vị chưa gửi.")).to_be_visible()
    expect(page.locator(f"#moc-{report.pk}")).to_contain_text("Lần nhắc gần nhất")
    assert Reminder.objects.filter(deadline=report).count() == 3
    page.context.close()

    unit = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    enter(unit, live_server.url, "bithu")
    expect(unit.get_by_text("Thêm các hạn vào lịch (.ics)").first).to_be_visible()
    unit.context.close()


def test_the_manager_consolidates_edits_the_draft_and_downloads_it(browser, live_server, cast, child):  # noqa: F811
    campaign, _parent, _reports = child
    page = editor_page(browser, viewport={"width": 1300, "height": 900})
    enter(page, live_server.url, "quanly", home=False)
    page.goto(f"{live_server.url}/bao-cao/ke-hoach/{campaign.pk}/so-lieu/")
    expect(page.get_by_role("link", name="23", exact=True)).to_be_visible()
    page.get_by_role("button", name="Dựng báo cáo tổng hợp").click()
    expect(page.get_by_text("Đã dựng bản tổng hợp từ các báo cáo đã tiếp nhận.")).to_be_visible()
    first = page.locator(f"#section-{campaign.s1.pk}")
    expect(first.locator(".gs-sources")).to_contain_text("Đảng bộ xã Lát")
    shot(page, "consolidated-draft")
    text = first.locator("textarea")
    text.fill(text.input_value() + "\nCán bộ tổng hợp bổ sung một câu.")
    typed(page)
    expect(first.get_by_role("status")).to_contain_text("Đã lưu", timeout=10_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải .docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    page.context.close()


def test_on_the_demo_the_manager_reminds_opens_the_consolidated_draft_edits_and_downloads(
    browser, live_server, transactional_db, demo
):
    # The shared demo data is committed, so the live server sees it; this test runs after every other
    # test on the demo (tests/conftest.py), since its end empties the database.
    from guongsang.campaigns.models import Campaign
    from guongsang.demo.tree import DEMO_PASSWORD

    plan = Campaign.objects.get(issuer__code="LD-HU", number=98)
    page = editor_page(browser, viewport={"width": 1300, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("lacduong.quanly")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_role("link", name="Theo dõi tiến độ").click()
    report_deadline = plan.deadlines.get(kind="report")
    section = page.locator(f"#moc-{report_deadline.pk}")
    expect(section).to_contain_text("Chưa gửi")
    before = Reminder.objects.filter(deadline=report_deadline).count()
    section.get_by_role("button", name="Nhắc tất cả đơn vị chưa gửi").click()
    expect(page.get_by_text("Đã gửi nhắc hạn")).to_be_visible()
    assert Reminder.objects.filter(deadline=report_deadline).count() > before
    page.get_by_role("link", name="Số liệu tổng hợp, báo cáo tổng hợp").click()
    page.get_by_role("link", name="Mở báo cáo tổng hợp").click()
    expect(page.get_by_text("Báo cáo tổng hợp của Huyện ủy Lạc Dương.")).to_be_visible()
    first = page.locator("section.card textarea").first
    first.fill(first.input_value() + "\nBan Thường vụ Huyện ủy đánh giá cao kết quả đạt được.")
    typed(page)
    expect(page.locator("[role=status]").first).to_contain_text("Đã lưu", timeout=10_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải .docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    shot(page, "demo-consolidated-report")
    page.context.close()
