"""From the submitted dossiers to the signed decision, the certificates and the honours on the record."""

import re

import pdfplumber
import pytest
from playwright.sync_api import expect

from guongsang.awards.models import AwardDecision
from tests.awards.conftest import plan, submitted  # noqa: F401 (the plan fixture)
from tests.e2e.conftest import shot
from tests.e2e.test_tree_browser import enter

pytestmark = pytest.mark.e2e


@pytest.fixture
def as_user(browser, live_server):
    """A logged-in page per user; every browser context is closed before the live server stops."""
    contexts = []

    def open_as(username):
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: dialog.accept())
        enter(page, live_server.url, username, home=False)
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_screen_score_vote_approve_decide_print_and_honour(as_user, live_server, cast, plan):  # noqa: F811
    base = live_server.url
    person = plan.people[0]
    submitted(plan, cast.commune, person=person)
    submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    campaign = plan.campaign

    # The manager screens both in one go, after a confirmation.
    manager = as_user("quanly")
    manager.goto(f"{base}/ke-hoach/{campaign.pk}/")
    manager.get_by_role("link", name="Xét chọn, khen thưởng").click()
    manager.get_by_role("link", name="1. Thẩm định hồ sơ").click()
    manager.get_by_label("Chọn Nguyễn Thị Ánh").check()
    manager.get_by_label("Chọn Chi bộ Tòa án").check()
    shot(manager, "award-screening")
    manager.get_by_role("button", name="Xem lại rồi xác nhận…").click()
    expect(manager.get_by_role("heading", name="Ghi “Hợp lệ” cho 2 đề nghị?")).to_be_visible()
    manager.get_by_role("button", name="Xác nhận").click()
    expect(manager.get_by_text("Đã ghi kết quả thẩm định cho 2 đề nghị.")).to_be_visible()

    # ... and assigns the reviewer.
    manager.get_by_role("link", name="2. Chấm điểm, biểu quyết, danh sách").click()
    manager.get_by_label("Người chấm").select_option(label="thamdinh")
    manager.get_by_role("button", name="Phân công").click()
    expect(manager.get_by_text("Đã phân công thẩm định.")).to_be_visible()

    # The reviewer scores the individual against the rubric.
    reviewer = as_user("thamdinh")
    reviewer.goto(f"{base}/ke-hoach/{campaign.pk}/")
    reviewer.get_by_role("link", name="Chấm điểm đề nghị").click()
    reviewer.get_by_role("link", name=re.compile("Nguyễn Thị Ánh")).click()
    reviewer.get_by_label(re.compile("Gương mẫu, tiêu biểu")).fill("11")
    reviewer.get_by_role("button", name="Lưu điểm").click()
    expect(reviewer.get_by_text("phải từ 0 đến 10")).to_be_visible()
    reviewer.get_by_label(re.compile("Gương mẫu, tiêu biểu")).fill("8,5")
    reviewer.get_by_label("Nhận xét").fill("Gương mẫu, có minh chứng rõ.")
    reviewer.get_by_role("button", name="Lưu điểm").click()
    expect(reviewer.get_by_text("85,00 điểm")).to_be_visible()

    # The manager records the committee's vote (a count above those present is refused) and lists both.
    manager.reload()
    row = manager.locator("tr", has_text="Nguyễn Thị Ánh")
    expect(row).to_contain_text("85,00")
    row.get_by_label("Số ủy viên có mặt").fill("9")
    row.get_by_label("Tán thành", exact=True).fill("8")
    row.get_by_label("Không tán thành").fill("2")
    row.get_by_role("button", name="Ghi").click()
    expect(manager.get_by_text("Tổng số phiếu (10) nhiều hơn số ủy viên có mặt (9)")).to_be_visible()
    row = manager.locator("tr", has_text="Nguyễn Thị Ánh")
    row.get_by_label("Số ủy viên có mặt").fill("9")
    row.get_by_label("Tán thành", exact=True).fill("8")
    row.get_by_label("Không tán thành").fill("1")
    row.get_by_role("button", name="Ghi").click()
    expect(manager.get_by_text("Đã ghi biểu quyết: Nguyễn Thị Ánh.")).to_be_visible()
    manager.locator("tr", has_text="Nguyễn Thị Ánh").get_by_role("button", name="Đưa vào").click()
    expect(manager.get_by_text("Đã đưa vào danh sách.")).to_be_visible()
    row = manager.locator("tr", has_text="Chi bộ Tòa án")
    row.get_by_label("Số ủy viên có mặt").fill("9")
    row.get_by_label("Tán thành", exact=True).fill("9")
    row.get_by_label("Không tán thành").fill("0")
    row.get_by_role("button", name="Ghi").click()
    manager.locator("tr", has_text="Chi bộ Tòa án").get_by_role("button", name="Đưa vào").click()
    expect(manager.get_by_text("Tập thể: 1/1 suất — còn 0")).to_be_visible()
    shot(manager, "award-selection")

    # The leader approves the list.
    leader = as_user("lanhdao")
    leader.goto(f"{base}/xet-chon/ke-hoach/{campaign.pk}/")
    leader.get_by_role("button", name="Duyệt danh sách").click()
    expect(leader.get_by_text("Đã duyệt danh sách.")).to_be_visible()

    # The manager drafts the decision with its number; the leader signs it.
    manager.goto(f"{base}/xet-chon/ke-hoach/{campaign.pk}/")
    manager.get_by_role("link", name="Lập quyết định khen thưởng").click()
    manager.get_by_label("Họ tên người ký").fill("")
    manager.get_by_label("Ngày").fill("2026-04-02")  # base salary 2,340,000 đ on that day
    manager.get_by_role("button", name="Lưu và cấp số").click()
    expect(manager.get_by_text("Đã lưu dự thảo quyết định.")).to_be_visible()
    expect(manager.locator("#tong-tien")).to_have_text(re.compile(r"^2\.120\.000 đ$"))  # 710,000 + 1,410,000
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Tải quyết định .docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    leader.goto(manager.url)
    leader.get_by_role("button", name="Ký ban hành").click()
    expect(leader.get_by_text("chưa có chức vụ và họ tên người ký")).to_be_visible()
    manager.reload()
    manager.get_by_label("Họ tên người ký").fill("Ya Tiong")
    manager.get_by_role("button", name="Lưu dự thảo").click()
    leader.reload()
    leader.get_by_role("button", name="Ký ban hành").click()
    expect(leader.get_by_text("Đã ký ban hành quyết định")).to_be_visible()
    decision = AwardDecision.objects.get()
    assert (decision.status, decision.symbol) == ("signed", "01-QĐ/HU")

    # Certificates: one PDF, a page per awardee, made by the background task.
    manager.reload()
    manager.get_by_role("button", name=re.compile(r"Tạo tệp in \(2 trang\)")).click()
    expect(manager.get_by_text("Đã tạo xong 2 trang.")).to_be_visible()
    shot(manager, "award-certificates")
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Tải tệp PDF để in").click()
    with pdfplumber.open(download.value.path()) as pdf:
        assert len(pdf.pages) == 2
        assert "Nguyễn Thị Ánh" in "".join(p.extract_text() for p in pdf.pages)

    # The honour is on the person's record.
    manager.goto(f"{base}/to-chuc/ca-nhan/{person.pk}/")
    expect(manager.get_by_text("2026: Giấy khen — Ban Thường vụ Huyện ủy Lạc Dương (QĐ 01-QĐ/HU")).to_be_visible()
    shot(manager, "award-honour-on-record")
