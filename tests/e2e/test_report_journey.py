import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guongsang.accounts.models import Role
from guongsang.campaigns.models import Campaign, Deadline, Indicator, OutlineSection, Participation
from tests.conftest import make_user
from tests.e2e.conftest import editor_page, shot, typed
from tests.e2e.test_tree_browser import enter

pytestmark = pytest.mark.e2e


@pytest.fixture
def report_plan(cast):
    plan = Campaign.objects.create(
        issuer=cast.district,
        number=6,
        date=timezone.localdate(),
        period_start=2021,
        period_end=2025,
        status=Campaign.Status.ISSUED,
        title="Sơ kết 05 năm thực hiện Kết luận số 01-KL/TW",
    )
    Participation.objects.create(campaign=plan, unit=cast.court)
    Deadline.objects.create(
        campaign=plan, what="Báo cáo sơ kết", kind=Deadline.Kind.REPORT, due_at=timezone.now() + dt.timedelta(days=20)
    )
    s1 = OutlineSection.objects.create(
        campaign=plan,
        number="I",
        title="CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        position=0,
        guidance="Việc quán triệt, ban hành văn bản.",
    )
    s2 = OutlineSection.objects.create(campaign=plan, number="II", title="KẾT QUẢ THỰC HIỆN", position=1)
    Indicator.objects.create(section=s1, code="van-ban", label="Số văn bản đã ban hành", required=True)
    Indicator.objects.create(section=s2, code="tuyen-truyen", label="Số buổi tuyên truyền", type="series")
    make_user("cb-donvi", cast.court, Role.SUBMITTER)
    make_user("cb-bithu", cast.court, Role.HEAD)
    return plan


def test_a_chi_bo_report_is_returned_fixed_resubmitted_and_accepted(browser, live_server, cast, report_plan):
    base = live_server.url
    writer = editor_page(browser, viewport={"width": 1280, "height": 900})
    enter(writer, base, "cb-donvi")
    expect(writer.locator("#viec-cua-don-vi")).to_be_visible()  # the unit's work comes first
    writer.get_by_role("link", name="Báo cáo: chưa soạn").click()
    writer.get_by_label("Nội dung mục I", exact=True).fill("Chi bộ đã quán triệt Kết luận 01-KL/TW tới 100% đảng viên.")
    writer.get_by_label("Số văn bản đã ban hành").fill("4")
    typed(writer)
    expect(
        writer.locator("#section-" + str(report_plan.sections.get(number="I").pk)).get_by_text("Đã lưu lúc")
    ).to_be_visible(timeout=20_000)
    writer.get_by_label("Nội dung mục II", exact=True).fill("Tổ chức tuyên truyền thường xuyên.")
    writer.get_by_label("Số buổi tuyên truyền năm 2024").fill("-2")
    typed(writer)
    section_ii = writer.locator("#section-" + str(report_plan.sections.get(number="II").pk))
    expect(section_ii.get_by_text("“Số buổi tuyên truyền năm 2024” không được âm (-2).")).to_be_visible(timeout=20_000)
    writer.get_by_label("Số buổi tuyên truyền năm 2024").fill("6")
    typed(writer)
    expect(section_ii.get_by_text("Đã lưu lúc")).to_be_visible(timeout=20_000)
    shot(writer, "report-editor")

    head = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    enter(head, base, "cb-bithu", home=False)
    head.goto(writer.url)
    head.get_by_role("button", name="Xác nhận và gửi báo cáo").click()
    expect(head.get_by_text("Đã xác nhận và gửi báo cáo.")).to_be_visible()
    expect(head.locator("#report-state")).to_have_text("Đã gửi, chờ tiếp nhận")

    manager = browser.new_context(locale="vi-VN").new_page()
    enter(manager, base, "quanly", home=False)
    manager.goto(f"{base}/bao-cao/ke-hoach/{report_plan.pk}/tat-ca/")
    row = manager.locator("tr", has_text="Chi bộ Tòa án")
    expect(row).to_contain_text("Đã gửi, chờ tiếp nhận")
    row.get_by_role("link", name="Chi bộ Tòa án").click()  # the unit's name opens its report
    manager.get_by_label("Ý kiến về mục II").fill("Bổ sung số liệu năm 2025.")
    manager.get_by_role("button", name="Trả lại kèm ý kiến").click()
    expect(manager.locator("#report-state")).to_have_text("Bị trả lại để sửa")

    writer.reload()
    expect(writer.get_by_text("Ý kiến cấp trên (lần gửi 1): Bổ sung số liệu năm 2025.")).to_be_visible()
    writer.get_by_label("Số buổi tuyên truyền năm 2025").fill("9")
    typed(writer)
    expect(section_ii.get_by_text("Đã lưu lúc")).to_be_visible(timeout=20_000)
    head.reload()
    head.get_by_role("button", name="Xác nhận và gửi báo cáo").click()
    expect(head.locator("#report-state")).to_have_text("Đã gửi, chờ tiếp nhận")

    manager.reload()
    asked = []
    manager.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    manager.get_by_role("button", name="Tiếp nhận báo cáo").click()
    expect(manager.locator("#report-state")).to_have_text("Đã tiếp nhận")
    assert asked and asked[0].startswith("Tiếp nhận báo cáo của "), asked
    expect(manager.get_by_role("link", name="So sánh các lần gửi (2)")).to_be_visible()
    shot(manager, "report-accepted")
    for page in (writer, head, manager):
        page.context.close()


def test_a_network_drop_loses_nothing(browser, live_server, cast, report_plan):
    base = live_server.url
    page = editor_page(browser)
    context = page.context
    enter(page, base, "cb-donvi", home=False)
    page.goto(f"{base}/bao-cao/ke-hoach/{report_plan.pk}/")
    area = page.get_by_label("Nội dung mục I", exact=True)
    context.set_offline(True)
    area.fill("Viết trong lúc mất mạng: chi bộ tổ chức 12 buổi sinh hoạt chuyên đề.")
    typed(page)
    expect(page.get_by_text(re.compile("Mất kết nối: chưa lưu lên máy chủ"))).to_be_visible(timeout=20_000)
    context.set_offline(False)
    page.reload()
    expect(page.get_by_text("Có bản chưa lưu trên máy này.")).to_be_visible()
    page.get_by_role("button", name="Dùng bản này").click()
    section = page.locator("#section-" + str(report_plan.sections.get(number="I").pk))
    expect(section.get_by_text("Đã lưu lúc")).to_be_visible(timeout=20_000)
    from guongsang.reports.models import SectionAnswer

    assert SectionAnswer.objects.get(section__number="I").text.startswith("Viết trong lúc mất mạng")
    context.close()
