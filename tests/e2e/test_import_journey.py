import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_tree_browser import enter
from tests.importer.test_seeds import seed_docx

pytestmark = pytest.mark.e2e


def test_a_manager_imports_a_word_plan_checks_it_against_the_source_and_confirms(browser, live_server, cast, tmp_path):
    plan = tmp_path / "Ke hoach 98-KH-HU.docx"
    plan.write_bytes(seed_docx("000"))
    page = browser.new_context(locale="vi-VN", viewport={"width": 1400, "height": 900}).new_page()
    enter(page, live_server.url, "quanly")
    page.get_by_role("navigation").get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Nhập từ tệp Word, PDF").click()
    page.get_by_label("Tệp kế hoạch (.docx, .pdf, .txt; .doc, .odt)").set_input_files(str(plan))
    page.get_by_role("button", name="Tải lên và đọc").click()

    expect(page.get_by_role("heading", name="Kiểm tra trước khi tạo dự thảo")).to_be_visible()
    expect(page.locator("#gs-source")).to_contain_text("Lạc Dương, ngày 20 tháng 02 năm 2023")
    expect(page.get_by_label("Đơn vị ban hành")).to_have_value(str(cast.district.pk))
    expect(page.get_by_label("Họ tên người ký")).to_have_value("Ya Tiong")
    # "nguồn" on the first deadline lights up where it was read.
    page.locator("#muc-moc-thoi-gian summary").click()
    page.locator('[data-row="moc-thoi-gian-0"] .gs-src').click()
    expect(page.locator("#gs-source mark.active").first).to_have_text("trước ngày 15/03/2023")
    shot(page, "import-review")

    page.get_by_label("Họ tên người ký").fill("Ya Tiong (đã kiểm tra)")
    page.locator("#muc-noi-nhan summary").click()
    page.locator('[data-row="noi-nhan-9"]').get_by_label("Bỏ dòng này").check()
    page.get_by_role("button", name="Tạo dự thảo kế hoạch").click()
    expect(page.get_by_text("Đã tạo dự thảo kế hoạch từ tệp.")).to_be_visible()
    expect(page.locator("#campaign-status")).to_have_text("Dự thảo")
    expect(page.locator("main")).to_contain_text(re.compile("Tổ chức Hội nghị sơ kết 02 năm"))
    expect(page.locator("main")).to_contain_text("23:59 ngày 31/03/2023")
    shot(page, "import-confirmed")
    page.context.close()

    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    enter(phone, live_server.url, "quanly", home=False)
    phone.goto(f"{live_server.url}/ke-hoach/nhap-tu-tep/")
    expect(phone.get_by_role("cell", name="Đã tạo dự thảo kế hoạch")).to_be_visible()
    shot(phone, "import-list-phone")
    phone.context.close()
