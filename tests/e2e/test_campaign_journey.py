import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_tree_browser import enter

pytestmark = pytest.mark.e2e


def test_a_manager_builds_a_plan_a_leader_approves_it_and_a_unit_sees_it_issued(browser, live_server, cast):
    base = live_server.url
    due = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    manager = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    enter(manager, base, "quanly")
    manager.get_by_role("navigation").get_by_role("link", name="Kế hoạch", exact=True).click()
    manager.get_by_role("link", name="Tạo kế hoạch").click()
    manager.get_by_label("Trích yếu").fill("Sơ kết 05 năm thực hiện Kết luận số 01-KL/TW tại huyện")
    manager.get_by_role("button", name="Tạo dự thảo").click()
    expect(manager.locator("#campaign-status")).to_have_text("Dự thảo")
    expect(manager.locator("#issue-problems")).to_contain_text("Thiếu chức vụ hoặc họ tên người ký.")

    manager.get_by_role("link", name="Sửa thông tin chung").click()
    manager.get_by_label("Chức vụ người ký").fill("PHÓ BÍ THƯ")
    manager.get_by_label("Họ tên người ký").fill("Ya Tiong")
    manager.get_by_label("Đảng bộ cơ sở").check()
    manager.get_by_role("button", name="Lưu").click()
    expect(manager.get_by_text("Đã lưu kế hoạch.")).to_be_visible()

    manager.get_by_role("link", name="Sửa các mục").click()
    manager.get_by_label("Nội dung phải nộp").fill("Hồ sơ đề nghị khen thưởng")
    manager.get_by_label("Hạn (giờ:phút ngày/tháng/năm, giờ Việt Nam)").fill(f"23:59 {due}")
    manager.get_by_label("Loại", exact=True).select_option(label="Hồ sơ đề nghị khen thưởng")
    manager.get_by_label("Nộp muộn").select_option(label="Không nhận sau hạn")
    manager.get_by_role("button", name="Lưu mục này").click()
    expect(manager.get_by_text("Đã lưu mục “Mốc thời gian”.")).to_be_visible()
    manager.get_by_role("link", name="Chỉ tiêu đề nghị theo loại đơn vị").click()  # swapped in by htmx
    expect(manager.get_by_role("heading", name="Chỉ tiêu đề nghị theo loại đơn vị")).to_be_visible()
    manager.get_by_label("Loại đơn vị", exact=True).select_option(label="Đảng bộ cơ sở")
    manager.get_by_label("Tập thể").fill("1")
    manager.get_by_label("Cá nhân", exact=True).fill("1")
    manager.get_by_role("button", name="Lưu mục này").click()
    expect(manager.get_by_text("Đã lưu mục “Chỉ tiêu đề nghị theo loại đơn vị”.")).to_be_visible()
    shot(manager, "campaign-section")

    manager.get_by_role("link", name="Dự thảo").click()
    expect(manager.locator("#issue-problems")).to_have_count(0)
    manager.get_by_role("button", name="Trình duyệt").click()
    expect(manager.locator("#campaign-status")).to_have_text("Chờ duyệt")
    detail_url = manager.url

    leader = browser.new_context(locale="vi-VN").new_page()
    enter(leader, base, "lanhdao", home=False)
    leader.goto(detail_url)
    leader.get_by_role("button", name="Duyệt").click()
    expect(leader.locator("#campaign-status")).to_have_text("Đã duyệt")

    manager.reload()
    manager.get_by_role("button", name="Ban hành").click()
    expect(manager.get_by_text("Đã ban hành kế hoạch và thông báo các đơn vị tham gia.")).to_be_visible()
    expect(manager.locator("h1")).to_contain_text("01-KH/HU")
    shot(manager, "campaign-issued")

    unit = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    enter(unit, base, "donvi")
    expect(unit.get_by_text("Kế hoạch mới: 01-KH/HU")).to_be_visible()  # the in-app notice
    unit.goto(f"{base}/ke-hoach/")
    unit.get_by_role("link", name=re.compile("Sơ kết 05 năm")).click()
    expect(unit.get_by_text(f"hạn: 23:59 ngày {due}")).to_be_visible()
    expect(unit.get_by_role("button", name="Ban hành")).to_have_count(0)
    shot(unit, "campaign-unit-phone")
    for page in (manager, leader, unit):
        page.context.close()
