"""The pages pass the services' Vietnamese refusals on and change nothing."""

import datetime as dt

from django.contrib.messages import get_messages

from guongsang.accounts.models import Role
from guongsang.awards import decisions, selection
from guongsang.awards.models import AwardList, PrinterCalibration, Vote
from guongsang.nominations.models import Nomination
from tests.awards.conftest import approved, signed, submitted


def said(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def test_bulk_screening_changes_nothing_before_confirmation(client, cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    client.force_login(cast.users[Role.MANAGER])
    url = f"/xet-chon/ke-hoach/{plan.campaign.pk}/tham-dinh-ho-so/nhieu/"
    page = client.post(url, {"de_nghi": [n.pk], "ket_qua": "valid"})
    assert page.status_code == 200 and "Ghi “Hợp lệ” cho 1 đề nghị?" in page.content.decode()
    n.refresh_from_db()
    assert n.screening == "pending"
    done = client.post(url, {"de_nghi": [n.pk], "ket_qua": "valid", "xac_nhan": "1"}, follow=True)
    assert "Đã ghi kết quả thẩm định cho 1 đề nghị." in said(done)
    n.refresh_from_db()
    assert n.screening == "valid"


def test_returning_without_a_reason_is_refused_on_the_page(client, cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    client.force_login(cast.users[Role.MANAGER])
    response = client.post(f"/xet-chon/de-nghi/{n.pk}/tham-dinh/", {"ket_qua": "returned"}, follow=True)
    assert any("Cần ghi lý do" in m for m in said(response))
    assert Nomination.objects.get(pk=n.pk).state == "submitted"


def test_a_vote_above_those_present_is_refused_on_the_page(client, cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=cast.users[Role.MANAGER], nomination=n, verdict="valid")
    client.force_login(cast.users[Role.MANAGER])
    data = {"co_mat": "7", "tan_thanh": "6", "khong_tan_thanh": "3"}
    response = client.post(f"/xet-chon/de-nghi/{n.pk}/bieu-quyet/", data, follow=True)
    assert "Tổng số phiếu (9) nhiều hơn số ủy viên có mặt (7): kiểm tra lại." in said(response)
    assert not Vote.objects.exists()


def test_the_leaders_approval_past_a_cap_is_refused_on_the_page(client, cast, plan):
    a, b = (submitted(plan, cast.commune, person=p) for p in plan.people[:2])
    manager = cast.users[Role.MANAGER]
    for n in (a, b):
        selection.screen(actor=manager, nomination=n, verdict="valid")
        selection.record_vote(actor=manager, nomination=n, members_present=5, votes_for=5, votes_against=0)
        selection.add_to_list(actor=manager, nomination=n)
    plan.form.cap_individuals = 1
    plan.form.save()
    award_list = selection.award_list_for(plan.form)
    client.force_login(cast.users[Role.LEADER])
    response = client.post(f"/xet-chon/danh-sach/{award_list.pk}/duyet/", follow=True)
    assert any("chỉ có 1 suất cho cá nhân; danh sách đã có 2" in m for m in said(response))
    assert AwardList.objects.get(pk=award_list.pk).status == "draft"


def test_signing_without_a_signer_is_refused_on_the_page(client, cast, plan):
    award_list = approved(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    d = decisions.decision_save(
        actor=cast.users[Role.MANAGER], award_list=award_list, signer_name="", date=dt.date(2026, 4, 2)
    )
    client.force_login(cast.users[Role.LEADER])
    response = client.post(f"/xet-chon/quyet-dinh/{d.pk}/ky/", follow=True)
    assert "Quyết định chưa có số quyết định và chức vụ và họ tên người ký: không ký ban hành được." in said(response)
    d.refresh_from_db()
    assert d.status == "draft"


def test_the_decision_form_shows_field_errors(client, cast, plan):
    award_list = approved(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    client.force_login(cast.users[Role.MANAGER])
    url = f"/xet-chon/danh-sach/{award_list.pk}/quyet-dinh/"
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"date": "2026-04-02", "number": "0", "collective_multiplier": "2", "coefficient": "0.3"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Số quyết định phải từ 1 trở lên." in response.content.decode()
    assert not hasattr(AwardList.objects.get(pk=award_list.pk), "decision")


def test_an_offset_off_the_page_is_refused_on_the_page(client, cast, plan):
    d = signed(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    client.force_login(cast.users[Role.MANAGER])
    data = {"ten": "Máy in", "lech_ngang": "0", "lech_doc": "30"}
    response = client.post(f"/xet-chon/quyet-dinh/{d.pk}/may-in/", data, follow=True)
    messages = " ".join(said(response))
    assert "bị đẩy ra ngoài trang" in messages and "Họ tên người ký" in messages
    assert not PrinterCalibration.objects.exists()


def test_the_test_page_and_the_scores_download(client, cast, plan):
    d = signed(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    client.force_login(cast.users[Role.MANAGER])
    pdf = client.get(f"/xet-chon/quyet-dinh/{d.pk}/trang-in-thu.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/xet-chon/ke-hoach/{plan.campaign.pk}/diem-cham.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_screening_goes_back_only_to_this_site(client, cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    client.force_login(cast.users[Role.MANAGER])
    url = f"/xet-chon/de-nghi/{n.pk}/tham-dinh/"
    away = client.post(url, {"ket_qua": "valid", "next": "https://vi-du.invalid/"})
    assert away["Location"] == f"/xet-chon/ke-hoach/{plan.campaign.pk}/tham-dinh-ho-so/"
    here = client.post(url, {"ket_qua": "valid", "next": "/xet-chon/ke-hoach/1/tham-dinh-ho-so/?tham_dinh=valid"})
    assert here["Location"] == "/xet-chon/ke-hoach/1/tham-dinh-ho-so/?tham_dinh=valid"


def test_the_unit_sees_why_its_nomination_came_back(client, cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=cast.users[Role.MANAGER], nomination=n, verdict="returned", reason="Thiếu ảnh tư liệu.")
    client.force_login(cast.users[Role.HEAD])
    page = client.get(f"/de-nghi/{n.pk}/").content.decode()
    assert "Đơn vị ban hành trả lại để bổ sung: Thiếu ảnh tư liệu." in page
    assert "Xác nhận và gửi" in page
    listing = client.get(f"/de-nghi/ke-hoach/{plan.campaign.pk}/").content.decode()
    assert "Trả lại để bổ sung" in listing


def test_a_listed_nomination_is_no_longer_offered_for_screening(client, cast, plan):
    n = submitted(plan, cast.commune, person=plan.people[0])
    approved(cast, plan, [n])
    client.force_login(cast.users[Role.MANAGER])
    page = client.get(f"/xet-chon/ke-hoach/{plan.campaign.pk}/tham-dinh-ho-so/").content.decode()
    assert "đã vào danh sách khen thưởng" in page
    assert f'action="/xet-chon/de-nghi/{n.pk}/tham-dinh/"' not in page


def test_typed_figures_are_checked_by_the_forms_before_any_service(client, cast, plan):
    """Each selection page's form: wrong types and out-of-range figures get a Vietnamese message that
    names the field, and nothing is stored."""
    from guongsang.awards.models import RubricItem

    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=cast.users[Role.MANAGER], nomination=n, verdict="valid")
    client.force_login(cast.users[Role.MANAGER])
    cases = [
        (
            f"/xet-chon/de-nghi/{n.pk}/bieu-quyet/",
            {"co_mat": "bảy", "tan_thanh": "6", "khong_tan_thanh": "0"},
            "Số có mặt",
        ),
        (
            f"/xet-chon/de-nghi/{n.pk}/bieu-quyet/",
            {"co_mat": "9" * 30, "tan_thanh": "6", "khong_tan_thanh": "0"},
            "Số có mặt",
        ),
        (
            f"/xet-chon/de-nghi/{n.pk}/bieu-quyet/",
            {"co_mat": "7", "tan_thanh": "-1", "khong_tan_thanh": "0"},
            "Số tán thành",
        ),
        (f"/xet-chon/de-nghi/{n.pk}/tham-dinh/", {"ket_qua": "duyet-luon"}, "Kết quả thẩm định"),
        (f"/xet-chon/de-nghi/{n.pk}/tham-dinh/", {"ket_qua": "returned", "ly_do": "x" * 2001}, "Lý do"),
        (
            f"/xet-chon/ke-hoach/{plan.campaign.pk}/tieu-chi-cham/",
            {"tieu_chi": ["Thành tích"], "trong_so": ["nhiều"], "diem_toi_da": ["10"], "doi_tuong": [""]},
            "Dòng 1, Trọng số",
        ),
        (
            f"/xet-chon/ke-hoach/{plan.campaign.pk}/tieu-chi-cham/",
            {"tieu_chi": ["Thành tích"], "trong_so": ["1"], "diem_toi_da": ["1e9"], "doi_tuong": [""]},
            "Dòng 1, Điểm tối đa",
        ),
        (
            f"/xet-chon/ke-hoach/{plan.campaign.pk}/tieu-chi-cham/",
            {"tieu_chi": ["Thành tích"], "trong_so": ["0"], "diem_toi_da": ["10"], "doi_tuong": [""]},
            "trọng số phải lớn hơn 0",
        ),
        (f"/xet-chon/ke-hoach/{plan.campaign.pk}/phan-cong/", {"nguoi_cham": "abc"}, "Người chấm"),
        (f"/xet-chon/ke-hoach/{plan.campaign.pk}/phan-cong/", {}, "Cần chọn người chấm."),
    ]
    for url, data, words in cases:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, (url, data)
        assert any(words in m for m in said(response)), (url, data, said(response))
    assert not Vote.objects.exists() and not RubricItem.objects.filter(campaign=plan.campaign).exists()
    assert Nomination.objects.get(pk=n.pk).screening == "valid"


def test_the_print_pages_check_their_figures(client, cast, plan):
    from guongsang.awards.models import CertificateLayout

    d = signed(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    client.force_login(cast.users[Role.MANAGER])
    for data, words in (
        ({"ten": "Máy in", "lech_ngang": "1e400", "lech_doc": "0"}, "Lệch ngang"),
        ({"ten": "Máy in", "lech_ngang": "0", "lech_doc": "abc"}, "Lệch dọc"),
        ({"ten": "", "lech_ngang": "0", "lech_doc": "0"}, "Tên máy in"),
    ):
        response = client.post(f"/xet-chon/quyet-dinh/{d.pk}/may-in/", data, follow=True)
        assert any(words in m for m in said(response)), (data, said(response))
    assert not PrinterCalibration.objects.exists()
    layouts = CertificateLayout.objects.count()
    layout = {"ten": "Mẫu riêng", "kho_rong": "210", "kho_cao": "297", "name_on": "1", "name_x": "abc", "name_y": "100"}
    response = client.post(f"/xet-chon/quyet-dinh/{d.pk}/phoi/", layout, follow=True)
    assert response.status_code == 200 and any("ngang" in m for m in said(response)), said(response)
    response = client.post(f"/xet-chon/quyet-dinh/{d.pk}/phoi/", {**layout, "name_x": "", "kho_rong": "9" * 40})
    assert response.status_code == 200 and CertificateLayout.objects.count() == layouts
