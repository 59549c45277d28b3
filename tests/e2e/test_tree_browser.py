import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def login(page, base: str, username: str) -> None:
    """Sign in through the form, as a person does (the other journeys use ``enter``)."""
    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def enter(page, base: str, username: str, *, home: bool = True) -> None:
    """Start ``page`` signed in as ``username`` with a session cookie: the form's three page loads are
    tested above and in tests/accounts, and the other journeys need only the session."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from tests.conftest import new_session

    key = new_session(get_user_model().objects.get(username=username))
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": base}])
    if home:
        page.goto(f"{base}/")
        expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def test_a_manager_browses_the_tree_searches_without_accents_and_opens_a_unit(page, live_server, cast):
    login(page, live_server.url, "quanly")
    shot(page, "home")
    page.get_by_role("link", name="Tổ chức", exact=True).click()
    expect(page.get_by_role("heading", name="Cây tổ chức")).to_be_visible()
    # The manager's tree starts at its own district; the sibling district is not there.
    expect(page.get_by_role("link", name="Huyện ủy Lạc Dương")).to_be_visible()
    expect(page.get_by_text("Huyện ủy Kim Bảng")).to_have_count(0)
    page.get_by_role("button", name="Mở cấp dưới của Huyện ủy Lạc Dương").click()
    expect(page.get_by_role("link", name="Đảng bộ xã Lát")).to_be_visible()
    page.get_by_role("button", name="Mở cấp dưới của Đảng bộ xã Lát").click()
    expect(page.get_by_role("link", name="Chi bộ thôn Bon Đưng")).to_be_visible()
    shot(page, "tree")
    page.get_by_label("Tìm đơn vị (gõ không dấu cũng được)").fill("bon dung")
    result = page.locator("#search-list").get_by_role("link", name=re.compile("Chi bộ thôn Bon Đưng"))
    expect(result).to_be_visible()
    expect(page.locator("#search-list")).to_contain_text("thuộc Đảng bộ xã Lát")
    shot(page, "search")
    result.click()
    expect(page.get_by_role("heading", name="Chi bộ thôn Bon Đưng")).to_be_visible()
    expect(page.get_by_text("T-LAT-CB1")).to_be_visible()
    shot(page, "unit")


def test_the_sibling_district_cannot_find_the_unit(page, live_server, cast):
    login(page, live_server.url, "khac")
    page.goto(f"{live_server.url}/to-chuc/tim-kiem/?q=bon+dung")
    expect(page.get_by_text("Không tìm thấy đơn vị nào khớp")).to_be_visible()
    response = page.goto(f"{live_server.url}/to-chuc/don-vi/{cast.branch.pk}/")
    assert response.status == 404
    expect(page.get_by_text("nằm ngoài phạm vi đơn vị của bạn")).to_be_visible()


def test_the_people_list_reads_on_a_phone(browser, live_server, cast):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    login(page, live_server.url, "bithu")
    page.goto(f"{live_server.url}/to-chuc/don-vi/{cast.commune.pk}/nhan-su/?tat_ca=1")
    expect(page.get_by_role("link", name="Nguyễn Thị Ánh")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(page, "people-phone")
    context.close()
