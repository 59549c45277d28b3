"""Upload, background reading, review and confirmation through the pages and the services."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import CheckboxInput, CheckboxSelectMultiple, SelectMultiple
from django.urls import reverse

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Campaign, Deadline, Indicator, OutlineSection, QuotaRule, Recipient
from guongsang.importer.forms import review_forms
from guongsang.importer.models import PlanImport
from guongsang.importer.services import suggested_issuer
from tests.importer.test_seeds import SEEDS, seed_docx

S = PlanImport.Status


def upload(client, cast, name, data, django_capture_on_commit_callbacks, user=Role.MANAGER):
    client.force_login(cast.users[user])
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("importer:start"), {"unit": cast.district.pk, "file": SimpleUploadedFile(name, data)}
        )


def untouched_post(record, cast) -> dict:
    """What the browser sends when the manager confirms the review form without changing anything."""
    from guongsang.org.models import Unit

    units = Unit.objects.filter(pk=cast.district.pk)
    header, formsets, outline, _rows = review_forms(record, units, suggested_issuer(record, units))
    data = {}
    for form in [header, *[f for fs in formsets.values() for f in fs.forms], *outline.forms]:
        for bound in form:
            widget, value = bound.field.widget, bound.value()
            if isinstance(widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(widget, (SelectMultiple, CheckboxSelectMultiple)):
                data[bound.html_name] = [str(v) for v in value or []]
            else:
                formatted = widget.format_value(value)
                if formatted is not None:
                    data[bound.html_name] = formatted
    for formset in [*formsets.values(), outline]:
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
    return data


@pytest.fixture
def imported(client, cast, django_capture_on_commit_callbacks):
    response = upload(client, cast, "ke-hoach-98.docx", seed_docx("000"), django_capture_on_commit_callbacks)
    record = PlanImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("importer:review", args=[record.pk])
    return record


def test_an_upload_is_read_in_the_background_and_shown_beside_its_source(client, cast, imported):
    assert imported.status == S.READY and imported.seconds is not None
    assert imported.draft["fields"]["symbol"]["value"] == "98-KH/HU"
    page = client.get(reverse("importer:review", args=[imported.pk])).content.decode()
    assert "Kiểm tra trước khi tạo dự thảo" in page
    assert re.search(r'data-ids="[^"]*\bmoc-thoi-gian-0\b[^"]*">trước ngày 15/03/2023<', page)  # marked source
    assert "trước ngày 15/03/2023" in page and "Ya Tiong" in page
    assert 'value="Huyện ủy Lạc Dương"' not in page  # the issuer is a choice, matched from the header
    assert f'<option value="{cast.district.pk}" selected>' in page
    actions = AuditEntry.objects.filter(action__startswith="plan_import").values_list("action", flat=True)
    assert sorted(actions) == ["plan_import.read", "plan_import.uploaded"]


def test_confirming_the_untouched_review_creates_the_whole_draft(client, cast, imported):
    data = untouched_post(imported, cast)
    response = client.post(reverse("importer:review", args=[imported.pk]), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert (campaign.issuer, campaign.number, campaign.date) == (cast.district, 98, dt.date(2023, 2, 20))
    assert campaign.status == Campaign.Status.DRAFT and campaign.signer_name == "Ya Tiong"
    assert campaign.title.startswith("Tổ chức Hội nghị sơ kết 02 năm")
    deadlines = list(campaign.deadlines.order_by("position"))
    assert [
        (d.due_at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%H:%M %d/%m/%Y"), d.kind) for d in deadlines
    ] == [
        ("23:59 15/03/2023", Deadline.Kind.REPORT),
        ("23:59 15/04/2023", Deadline.Kind.OWN_REVIEW),
        ("23:59 31/03/2023", Deadline.Kind.DOSSIER),
    ]
    quotas = QuotaRule.objects.filter(campaign=campaign).select_related("unit_kind")
    assert {(q.unit_kind.code, q.mode) for q in quotas} >= {("dang-bo-co-so", "total"), ("chi-bo-co-so", "and")}
    assert campaign.references.count() == 4 and campaign.recipients.count() == 11
    assert campaign.criteria.count() == 7 and campaign.dossier_requirements.count() == 5
    assert campaign.assignments.count() == 4
    assert set(campaign.participant_kinds.values_list("code", flat=True)) >= {"dang-bo-co-so", "chi-bo-co-so"}
    imported.refresh_from_db()
    assert (imported.status, imported.campaign) == (S.CONFIRMED, campaign)
    assert AuditEntry.objects.filter(action="plan_import.confirmed").count() == 1


def test_the_manager_corrects_deletes_and_adds_before_confirming(client, cast, imported):
    data = untouched_post(imported, cast)
    data["moc-thoi-gian-0-due_at"] = "17:00 20/03/2023"
    data["noi-nhan-0-DELETE"] = "on"
    extra = int(data["noi-nhan-TOTAL_FORMS"]) - 1  # the blank row at the end
    data[f"noi-nhan-{extra}-name"] = "Ban Tổ chức Huyện ủy"
    data["chung-title"] = "Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW (đã sửa)"
    response = client.post(reverse("importer:review", args=[imported.pk]), data)
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.title.endswith("(đã sửa)")
    first = campaign.deadlines.get(position=0)
    assert first.due_at == dt.datetime(2023, 3, 20, 10, 0, tzinfo=dt.UTC)
    names = list(Recipient.objects.filter(campaign=campaign).values_list("name", flat=True))
    assert "Ban Tuyên giáo Tỉnh ủy" not in names and names[-1] == "Ban Tổ chức Huyện ủy" and len(names) == 11


def test_bad_values_are_refused_in_vietnamese_and_nothing_is_saved(client, cast, imported):
    data = untouched_post(imported, cast)
    data["moc-thoi-gian-1-due_at"] = "31/02/2023"
    data["chi-tieu-0-unit_kind"] = ""
    response = client.post(reverse("importer:review", args=[imported.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa tạo được dự thảo" in page
    assert "Nhập một ngày/thời gian hợp lệ." in page and "Trường này là bắt buộc." in page
    assert Campaign.objects.count() == 0 and OutlineSection.objects.count() == 0
    imported.refresh_from_db()
    assert imported.status == S.READY


def test_a_number_already_used_by_the_unit_is_refused_and_nothing_is_saved(client, cast, imported):
    Campaign.objects.create(issuer=cast.district, number=98, date=dt.date(2023, 1, 5), title="Kế hoạch khác")
    response = client.post(reverse("importer:review", args=[imported.pk]), untouched_post(imported, cast))
    assert response.status_code == 200
    assert "Số ký hiệu 98-KH/HU đã dùng cho một văn bản khác" in response.content.decode()
    assert Campaign.objects.count() == 1 and Deadline.objects.count() == 0
    imported.refresh_from_db()
    assert imported.status == S.READY


def test_a_confirmed_import_cannot_make_a_second_draft(client, cast, imported):
    data = untouched_post(imported, cast)
    client.post(reverse("importer:review", args=[imported.pk]), data)
    response = client.post(reverse("importer:review", args=[imported.pk]), data)
    assert response.status_code == 200 and "Đã tạo dự thảo kế hoạch từ tệp này" in response.content.decode()
    assert Campaign.objects.count() == 1


def test_the_outline_keeps_its_levels_and_figures(client, cast, django_capture_on_commit_callbacks):
    upload(client, cast, "ke-hoach-83.txt", (SEEDS / "003.txt").read_bytes(), django_capture_on_commit_callbacks)
    record = PlanImport.objects.get()
    client.post(reverse("importer:review", args=[record.pk]), untouched_post(record, cast))
    campaign = Campaign.objects.get()
    outline = campaign.outline()
    assert [s.number for s in outline][:6] == ["I.", "II.", "1.", "1.1.", "1.2.", "1.3."]
    by_number = {(s.parent.number if s.parent else None, s.number): s for s in outline}
    assert by_number[("1.", "1.1.")].parent.parent.number == "II."
    assert Indicator.objects.filter(section__campaign=campaign, label__startswith="Tổng số các mô hình").exists()
    models_quota = QuotaRule.objects.filter(campaign=campaign, unit_kind__code="dang-bo-co-so").get()
    assert (models_quota.mode, models_quota.min_total, models_quota.max_total) == ("total", 1, 2)


def test_a_legacy_encoded_file_is_converted_and_said_so(client, cast, django_capture_on_commit_callbacks):
    from guongsang.importer.legacy import unicode_to_vni

    text = (SEEDS / "004.txt").read_text(encoding="utf-8")
    text = text.replace("…", "...").replace("“", '"').replace("”", '"')  # not in the 8-bit VNI fonts
    data = unicode_to_vni(text).encode("latin-1")
    upload(client, cast, "ke-hoach-vni.txt", data, django_capture_on_commit_callbacks)
    record = PlanImport.objects.get()
    assert record.status == S.READY and record.encoding == "vni"
    page = client.get(reverse("importer:review", args=[record.pk])).content.decode()
    assert "đã chuyển từ phông chữ cũ (VNI) sang Unicode" in page and "Mai Thị Nhài" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("hong.docx", b"PK\x03\x04 khong phai word", "Tệp .docx bị hỏng hoặc không phải tệp Word"),
        ("bien-ban.txt", "Biên bản họp chi bộ.\nĐồng chí Bí thư chủ trì.".encode(), "không giống một kế hoạch"),
    ],
)
def test_a_file_that_cannot_be_used_says_why(client, cast, django_capture_on_commit_callbacks, name, data, message):
    upload(client, cast, name, data, django_capture_on_commit_callbacks)
    record = PlanImport.objects.get()
    assert record.status == S.FAILED and message in record.message
    page = client.get(reverse("importer:review", args=[record.pk])).content.decode()
    assert "Không đọc được tệp." in page and message in page
    assert Campaign.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.xlsx", b"PK\x03\x04", "chỉ nhận .docx, .pdf, .txt, .doc hoặc .odt"),
        ("ke-hoach.docx", b"", "Tập tin được gửi là rỗng"),
    ],
)
def test_an_upload_refused_at_the_door_keeps_nothing(
    client, cast, django_capture_on_commit_callbacks, name, data, message
):
    response = upload(client, cast, name, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and message in response.content.decode()
    assert PlanImport.objects.count() == 0


def test_a_file_too_large_is_refused(client, cast, django_capture_on_commit_callbacks, settings):
    settings.GS_IMPORT_MAX_BYTES = 1024
    response = upload(client, cast, "lon.txt", b"x" * 2048, django_capture_on_commit_callbacks)
    assert "quá lớn" in response.content.decode() and PlanImport.objects.count() == 0


def test_only_managers_of_the_unit_may_import(client, cast, django_capture_on_commit_callbacks, imported):
    client.force_login(cast.users[Role.SUBMITTER])
    assert client.get(reverse("importer:start")).status_code == 403
    client.force_login(cast.users["sibling"])
    assert client.get(reverse("importer:review", args=[imported.pk])).status_code == 404
    response = client.post(
        reverse("importer:start"), {"unit": cast.district.pk, "file": SimpleUploadedFile("a.txt", b"x")}
    )
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_while_reading_the_page_polls_and_then_loads_the_review(client, cast):
    from django.core.files.base import ContentFile

    record = PlanImport(unit=cast.district, original_name="a.txt")
    record.file.save("a.txt", ContentFile((SEEDS / "000.txt").read_bytes()), save=True)
    client.force_login(cast.users[Role.MANAGER])
    url = reverse("importer:review", args=[record.pk])
    polled = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in polled.content.decode() and "HX-Redirect" not in polled
    from guongsang.importer.services import run_import

    assert run_import(record.pk) == S.READY
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == url


def test_discarding(client, cast, imported):
    response = client.post(reverse("importer:discard", args=[imported.pk]))
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.status == S.DISCARDED
    page = client.get(reverse("importer:review", args=[imported.pk])).content.decode()
    assert "Đã bỏ" in page


def test_the_command_prints_the_structure_as_json(capsys):
    from django.core.management import call_command

    call_command("import_plan", str(SEEDS / "003.txt"), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["fields"]["symbol"] == "83-KH/HU"
    assert [d["date"] for d in report["deadlines"]][-2:] == ["2022-04-05", "2022-04-10"]
    assert "span" not in report["deadlines"][0]
