import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guongsang.campaigns.models import Campaign, Criterion, Deadline, DossierRequirement, Participation, QuotaRule
from tests.conftest import kind
from tests.e2e.conftest import shot
from tests.e2e.test_tree_browser import enter
from tests.pdfs import VALID as VALID_PDF

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_plan(cast):
    plan = Campaign.objects.create(
        issuer=cast.district,
        number=3,
        date=timezone.localdate(),
        status=Campaign.Status.ISSUED,
        title="Biểu dương điển hình học và làm theo Bác",
    )
    Participation.objects.create(campaign=plan, unit=cast.commune)
    Deadline.objects.create(
        campaign=plan,
        what="Hồ sơ đề nghị",
        kind=Deadline.Kind.DOSSIER,
        due_at=timezone.now() + dt.timedelta(days=30),
        lateness=Deadline.Lateness.REFUSE,
    )
    QuotaRule.objects.create(campaign=plan, unit_kind=kind("dang-bo-co-so"), collectives=1, individuals=1)
    Criterion.objects.create(
        campaign=plan,
        nominee_kind="individual",
        text="Tóm tắt không quá 100 ký tự",
        check_kind="summary_max_chars",
        params={"max_chars": 100},
    )
    DossierRequirement.objects.create(
        campaign=plan, document="Báo cáo thành tích", nominee_kinds=["individual"], copies=2, file_types=["pdf"]
    )
    return plan


def test_a_unit_fills_a_nomination_fixes_a_live_finding_uploads_and_its_head_submits(
    browser, live_server, cast, open_plan, tmp_path
):
    base = live_server.url
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    enter(page, base, "donvi", home=False)
    page.goto(f"{base}/ke-hoach/{open_plan.pk}/")
    page.get_by_role("link", name="Đề nghị khen thưởng của đơn vị").click()
    expect(page.locator("#places-left")).to_have_text("1 tập thể, 1 cá nhân, 0 mô hình")
    page.get_by_role("link", name="Thêm cá nhân").click()
    page.get_by_label("Cá nhân", exact=True).select_option(label="Nguyễn Thị Ánh — Chi bộ thôn Bon Đưng")
    page.get_by_label("Tóm tắt thành tích").fill("Gương mẫu, tận tụy với công việc. " * 6)
    finding = page.locator('#findings [data-code="criterion.summary_length"]')
    expect(finding).to_be_visible()
    expect(finding).to_contain_text("vượt 100 ký tự")
    shot(page, "nomination-live-finding")
    page.get_by_label("Tóm tắt thành tích").fill("Gương mẫu, tận tụy, sáng tạo trong công tác dân vận.")
    expect(finding).to_have_count(0)
    page.get_by_role("button", name="Lưu đề nghị").click()
    expect(page.get_by_text("Đã lưu đề nghị. Hãy tải lên các giấy tờ còn thiếu.")).to_be_visible()
    expect(page.locator('#findings [data-code="dossier.missing"]')).to_contain_text("nộp kèm 02 bản giấy")

    wrong = tmp_path / "bao-cao.pdf"
    wrong.write_bytes(b"MZ\x90\x00 not a pdf")
    page.get_by_label("Tệp Báo cáo thành tích").set_input_files(str(wrong))
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_text(re.compile("không hợp lệ"))).to_be_visible()
    good = tmp_path / "bao-cao-thanh-tich.pdf"
    good.write_bytes(VALID_PDF)
    page.get_by_label("Tệp Báo cáo thành tích").set_input_files(str(good))
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_text("Đã tải lên “Báo cáo thành tích”.")).to_be_visible()
    expect(page.get_by_role("link", name="bao-cao-thanh-tich.pdf")).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận và gửi")).to_have_count(0)  # the head submits
    url = page.url

    head = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    enter(head, base, "bithu", home=False)
    head.goto(url)
    head.get_by_role("button", name="Xác nhận và gửi").click()
    expect(head.get_by_text("Đã xác nhận và gửi đề nghị.")).to_be_visible()
    expect(head.locator("#nomination-state")).to_have_text("Đã gửi")
    shot(head, "nomination-submitted-phone")
    for p in (page, head):
        p.context.close()
