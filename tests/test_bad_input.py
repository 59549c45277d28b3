"""Bad input gets a Vietnamese answer, never a server error, and changes nothing: the inputs an outside
review sent to the running demo (issue "Trust"), each on the page it broke."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Indicator, OutlineSection, Participation
from guongsang.nominations.models import Nomination
from guongsang.org.models import Person
from guongsang.reports import services as reports
from guongsang.reports.models import Report
from tests.action_matrix_cases import writes
from tests.awards.conftest import plan  # noqa: F401 (the plan fixture)
from tests.conftest import sign_in

NOW = dt.datetime(2026, 5, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _vietnamese(response) -> str:
    text = response.content.decode()
    assert "<html" in text or response.status_code != 400 or text  # the page or the fragment
    return text


@pytest.mark.parametrize("page", ["nominations:unit_list", "nominations:proposal", "reports:edit"])
@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "9" * 30])
def test_a_unit_that_is_not_a_number_is_a_400_in_vietnamese(client, cast, plan, page, value):  # noqa: F811
    sign_in(client, cast.users[Role.SUBMITTER])
    response = client.get(reverse(page, args=[plan.campaign.pk]) + f"?don_vi={value}")
    assert response.status_code in (400, 404), response.status_code
    if response.status_code == 400:
        assert "Đơn vị không hợp lệ" in response.content.decode()


def test_the_live_check_with_a_nomination_that_is_not_a_number_is_a_400(client, cast, plan):  # noqa: F811
    sign_in(client, cast.users[Role.SUBMITTER])
    url = reverse("nominations:live_check", args=[plan.campaign.pk])
    response = client.post(url, {"loai": "individual", "de_nghi": "abc"})
    assert response.status_code == 400
    assert "Đề nghị không hợp lệ" in response.content.decode()


@pytest.fixture
def report(cast, plan):  # noqa: F811
    campaign = plan.campaign
    section = OutlineSection.objects.create(campaign=campaign, number="I", title="KẾT QUẢ", position=0)
    Indicator.objects.create(
        section=section,
        code="ds-mo-hinh",
        label="Danh sách mô hình",
        type=Indicator.Type.TABLE,
        columns=["Tên mô hình", "Đơn vị"],
    )
    Indicator.objects.create(section=section, code="so-buoi", label="Số buổi", type=Indicator.Type.INTEGER)
    assert Participation.objects.filter(campaign=campaign, unit=cast.commune).exists()
    r = reports.report_for(campaign, cast.commune)
    return r, section


@pytest.mark.parametrize(
    "extra",
    [
        {"revision": "abc"},
        {"v-ds-mo-hinh-zz": "x"},
        {"v-ds-mo-hinh-a-b": "x"},
        {"v-ds-mo-hinh-1-2-3": "x"},
        {"v-ds-mo-hinh--1-0": "x"},
        {"revision": "9" * 40},
    ],
)
def test_a_malformed_section_save_says_so_and_saves_nothing(client, cast, report, extra):
    r, section = report
    sign_in(client, cast.users[Role.SUBMITTER])
    written = writes()
    response = client.post(reverse("reports:section_save", args=[r.pk, section.pk]), {"text": "Nội dung mới", **extra})
    assert response.status_code == 422, response.status_code
    assert "không hợp lệ" in response.content.decode()
    assert writes() == written
    assert not Report.objects.get(pk=r.pk).answers.filter(text="Nội dung mới").exists()


def test_a_return_naming_a_section_of_no_outline_is_refused_in_vietnamese(client, cast, report):
    r, section = report
    head = cast.users[Role.HEAD]
    reports.save_section(
        actor=cast.users[Role.SUBMITTER], report=r, section=section, text="Đã làm.", values={}, base_revision=0
    )
    reports.submit(actor=head, report=r)
    sign_in(client, cast.users[Role.MANAGER])
    written = writes()
    response = client.post(
        reverse("reports:decide", args=[r.pk, "tra-lai"]), {f"c-{section.pk}": "Bổ sung", "c-99999": "Sai"}
    )
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("không có trong đề cương" in m for m in messages), messages
    assert writes() == written
    assert Report.objects.get(pk=r.pk).state == Report.State.SUBMITTED


def _form(plan, **extra):  # noqa: F811
    return {"loai": "individual", "summary": "Gương mẫu đi đầu.", "award_form": plan.form.pk, **extra}


@pytest.mark.parametrize(
    "bad,says",
    [
        ({"achievements_from": "31/02/2024"}, "Nhập một ngày hợp lệ."),
        ({"person": "", "new_person_name": "Lê Thị Mới", "new_person_birth_year": "-5"}, "từ 1900 trở về sau"),
        ({"person": "", "new_person_name": "Lê Thị Mới", "new_person_birth_year": "abc"}, "phải là một số năm"),
        (
            {"person": "", "new_person_name": "Lê Thị Mới", "new_person_birth_year": "2999"},
            "Năm sinh 2999 không hợp lệ",
        ),
        ({"summary": "x" * 100_000}, "tối đa 20.000 ký tự"),
        ({"person": "999999"}, "Lựa chọn"),
    ],
)
def test_an_invalid_nomination_form_comes_back_with_what_was_typed(client, cast, plan, bad, says):  # noqa: F811
    sign_in(client, cast.users[Role.SUBMITTER])
    url = reverse("nominations:create", args=[plan.campaign.pk]) + f"?don_vi={cast.commune.pk}&loai=individual"
    written = writes()
    data = _form(plan, **{"person": cast.person.pk, **bad})
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    assert says in text
    assert "Gương mẫu đi đầu." in text or "x" * 1000 in text  # what was typed is kept
    assert writes() == written
    assert not Nomination.objects.exists()


def test_a_refusal_from_the_service_keeps_the_form_and_leaves_no_person_behind(client, cast, plan):  # noqa: F811
    """A new person typed on the form, and a nomination the service refuses (the dates the wrong way
    round): the form comes back, and neither the person nor an audit entry is left behind."""
    sign_in(client, cast.users[Role.SUBMITTER])
    url = reverse("nominations:create", args=[plan.campaign.pk]) + f"?don_vi={cast.commune.pk}&loai=individual"
    people, entries = Person.objects.count(), AuditEntry.objects.count()
    data = _form(plan, new_person_name="Lê Thị Mới", achievements_from="01/06/2025", achievements_to="01/01/2025")
    for _retry in range(2):
        response = client.post(url, data)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Ngày kết thúc thành tích phải sau ngày bắt đầu." in text
        assert "Lê Thị Mới" in text
    assert (Person.objects.count(), AuditEntry.objects.count()) == (people, entries)
    # The same form, put right, saves the person and the nomination together.
    response = client.post(url, {**data, "achievements_to": "31/12/2025"})
    assert response.status_code == 302
    n = Nomination.objects.get()
    assert n.person.full_name == "Lê Thị Mới" and n.person.code == "T-LAT-MOI-001"
    assert Person.objects.count() == people + 1


@pytest.mark.parametrize("count", ["9" * 26, "201", "abc", "-1"])
def test_a_tampered_row_count_is_refused_before_any_form_is_built(client, cast, count):
    """A plan section's formset claiming 10**26 rows (or no number) is a 400 in Vietnamese; Django would
    otherwise build up to 2,000 forms per formset first."""
    from guongsang.campaigns.models import Campaign

    draft = Campaign.objects.create(issuer=cast.district, number=77, date=dt.date(2026, 4, 1), title="Dự thảo")
    sign_in(client, cast.users[Role.MANAGER])
    written = writes()
    response = client.post(
        reverse("campaigns:section", args=[draft.pk, "noi-nhan"]),
        {"form-TOTAL_FORMS": count, "form-INITIAL_FORMS": "0", "form-0-name": "Ban Tuyên giáo"},
    )
    assert response.status_code == 400
    assert "Số dòng gửi lên không hợp lệ" in response.content.decode()
    assert writes() == written


def test_a_nul_character_is_a_400_in_vietnamese_and_nothing_is_saved(client, cast, report):
    """PostgreSQL refuses to store NUL; no form needs it. Refused before any view, on both databases."""
    r, section = report
    sign_in(client, cast.users[Role.SUBMITTER])
    written = writes()
    response = client.post(reverse("reports:section_save", args=[r.pk, section.pk]), {"text": "Nội dung\x00ẩn"})
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()
    assert writes() == written
    response = client.get(reverse("org:search"), {"q": "Lát\x00"})
    assert response.status_code == 400


def test_text_typed_in_decomposed_unicode_is_stored_and_searched_as_nfc(client, cast, report):
    import unicodedata

    r, section = report
    sign_in(client, cast.users[Role.SUBMITTER])
    typed = unicodedata.normalize("NFD", "Chi bộ tổ chức sinh hoạt chuyên đề")
    assert typed != unicodedata.normalize("NFC", typed)
    response = client.post(reverse("reports:section_save", args=[r.pk, section.pk]), {"text": typed})
    assert response.status_code == 200
    assert r.answers.get(section=section).text == unicodedata.normalize("NFC", typed)
    sign_in(client, cast.users[Role.MANAGER])
    found = client.get(reverse("org:search"), {"q": unicodedata.normalize("NFD", "Đảng bộ xã Lát")})
    assert "Đảng bộ xã Lát" in found.content.decode()


@pytest.mark.parametrize(
    "raw, words",
    [
        ("9" * 26, "quá lớn"),
        ("1000000000001", "quá lớn"),
        ("NaN", "phải là một số"),
        ("Infinity", "phải là một số"),
        ("-3", "không được âm"),
    ],
)
def test_report_figures_are_bounded(raw, words):
    from django.core.exceptions import ValidationError

    from guongsang.reports.services import _number

    for decimal in (False, True):
        if raw in ("NaN", "Infinity") and not decimal:
            words_here = "phải là một số nguyên"
        else:
            words_here = words
        with pytest.raises(ValidationError, match=words_here):
            _number(raw, "Số mô hình", decimal=decimal)
    assert _number("1000000000000", "Số mô hình", decimal=False) == 10**12


def test_dates_outside_1930_to_2100_are_refused_by_every_form(cast):
    from django.core.exceptions import ValidationError

    from guongsang.lib.forms import _date_within_years
    from guongsang.org.forms import UnitEndForm

    form = UnitEndForm({"end_date": "9999-12-31"}, user=cast.users[Role.MANAGER])
    assert not form.is_valid() and "Năm 9999 không hợp lệ" in form.errors["end_date"][0]
    assert UnitEndForm({"end_date": "2026-12-31"}, user=cast.users[Role.MANAGER]).is_valid()

    with pytest.raises(ValidationError, match="Năm 9999 không hợp lệ"):
        _date_within_years(dt.date(9999, 12, 31))
    _date_within_years(dt.date(2100, 12, 31))
    _date_within_years(dt.date(1930, 2, 3))  # the Party's founding
    with pytest.raises(ValidationError, match="Năm 1929"):
        _date_within_years(dt.date(1929, 12, 31))
