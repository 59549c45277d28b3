"""Every kind of issuer prints its own header, title, number and signature (documents/issuers.py), read
back from the .docx with the checker; the faults found in the documents, each with a test; the law and
forms by the document's date; download names."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db.models import F
from django.urls import reverse
from docx import Document

from guongsang.awards.decisions import decision_defaults
from guongsang.awards.documents import decision_docx
from guongsang.awards.models import AwardDecision
from guongsang.documents import catalogue
from guongsang.documents.checker import check_docx, header_cells
from guongsang.documents.issuers import (
    IssuerIncomplete,
    capacity,
    deciding_body,
    family_of,
    letterhead,
    number_line,
    respell_capacity,
    signer_for,
    suggested_abbreviation,
    suggested_place,
    youth_superior,
)
from guongsang.lib.filenames import attachment_header
from guongsang.org.models import Unit
from guongsang.reports.documents import report_docx, report_subject
from guongsang.reports.models import Report
from tests.docx_text import docx_text

pytestmark = pytest.mark.django_db


def _header(data: bytes) -> tuple[list[str], list[str]]:
    left, right = header_cells(Document(io.BytesIO(data)))
    return [p.text for p in left.paragraphs if p.text], [p.text for p in right.paragraphs if p.text]


def _signature(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    table = next(t for t in doc.tables if "Nơi nhận" in t.rows[0].cells[0].text)
    return [p.text for p in table.rows[0].cells[1].paragraphs if p.text]


def _report_of(kind_code: str) -> Report:
    return (
        Report.objects.filter(unit__kind__code=kind_code, submitted_at__isnull=False)
        .exclude(unit_id=F("campaign__issuer_id"))
        .select_related("unit", "campaign")
        .order_by("pk")
        .first()
    )


# What each family prints: (kind code, family, right-hand titles, a left line, signature lines)
KINDS = [
    ("chi-bo-co-so", "party", ["ĐẢNG CỘNG SẢN VIỆT NAM"], "*", ["T/M CHI BỘ", "BÍ THƯ"]),
    ("dang-uy-xa", "party", ["ĐẢNG CỘNG SẢN VIỆT NAM"], "*", ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]),
    ("dang-bo-co-so", "party", ["ĐẢNG CỘNG SẢN VIỆT NAM"], "*", ["T/M ĐẢNG ỦY", "BÍ THƯ"]),
    ("mttq", "front", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], "ỦY BAN MTTQ VIỆT NAM",
     ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]),
    ("doan-thanh-nien", "youth", ["ĐOÀN TNCS HỒ CHÍ MINH"], "***", ["TM. BAN THƯỜNG VỤ", "BÍ THƯ"]),
    ("hoi-phu-nu", "mass", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], "―――――",
     ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]),
    ("hoi-nong-dan", "mass", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], "―――――",
     ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]),
    ("cong-doan", "mass", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], "―――――",
     ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]),
    ("ubnd", "state", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], "―――――",
     ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
]  # fmt: skip


@pytest.mark.parametrize(("kind_code", "family", "titles", "left_line", "signs"), KINDS)
def test_a_units_report_is_laid_out_for_its_issuers_kind(demo, kind_code, family, titles, left_line, signs):
    report = _report_of(kind_code)
    assert report is not None, kind_code
    assert family_of(report.unit) == family
    data = report_docx(report)
    assert check_docx(data, family=family) == []
    left, right = _header(data)
    assert right[: len(titles)] == titles
    assert left_line in left
    number = next(line for line in left if line.startswith("Số"))
    assert number.endswith(
        f"-BC/{report.unit.abbreviation}" if family in ("party", "youth") else f"/BC-{report.unit.abbreviation}"
    )
    assert (":" in number) == (family != "party")  # "Số 05-BC/ĐU" for the Party, "Số: 5/BC-HPN" elsewhere
    assert _signature(data)[:2] == signs
    if family != "party":
        assert "ĐẢNG CỘNG SẢN" not in "\n".join(left + right) and "T/M" not in "\n".join(_signature(data))


def test_party_headers_print_the_party_organisation_above_not_the_committee(demo):
    """Hướng dẫn 36: "ĐẢNG BỘ TỈNH LÂM ĐỒNG" above "HUYỆN ỦY LẠC DƯƠNG" (not "TỈNH ỦY LÂM ĐỒNG"), the
    đảng bộ cơ sở's committee as the issuer, and the đảng bộ of a chi bộ's parent above it."""
    district = Unit.objects.get(code="LD-HU")
    head = letterhead(district)
    assert (head.superior, head.issuer, head.mark) == ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", ["HUYỆN ỦY LẠC DƯƠNG"], "*")
    commune = Unit.objects.get(code="LD-LAT")
    assert (letterhead(commune).superior, letterhead(commune).issuer) == ("ĐẢNG BỘ HUYỆN LẠC DƯƠNG", ["ĐẢNG ỦY XÃ LÁT"])
    branch = Unit.objects.filter(code__startswith="LD-LAT-CB").first()
    assert letterhead(branch).superior == "ĐẢNG BỘ XÃ LÁT" and letterhead(branch).issuer[0].startswith("CHI BỘ ")


def test_a_doan_header_prints_the_doan_above_it(demo):
    """Hướng dẫn 29-HD/TWĐTN-VP: the Đoàn body above on the first line, the issuing committee in bold
    below it. A huyện đoàn (under Huyện ủy Lạc Dương) answers to the Tỉnh đoàn, not to a "huyện đoàn"
    of its own district; a bloc's Đoàn to its province's; a Tỉnh đoàn prints no line above itself; a
    Đoàn parent in the tree is named as it is."""
    district = Unit.objects.get(code="LD-DTN")
    head = letterhead(district)
    assert (head.superior, head.issuer) == ("TỈNH ĐOÀN LÂM ĐỒNG", ["BCH HUYỆN LẠC DƯƠNG"])
    assert letterhead(Unit.objects.get(code="HT-DTN")).superior == "TỈNH ĐOÀN HÀ TĨNH"
    town = Unit.objects.get(code="LD-TT")  # Đảng bộ thị trấn Lạc Dương, under Huyện ủy Lạc Dương
    assert youth_superior(Unit(name="Đoàn Thanh niên thị trấn Lạc Dương"), town) == "HUYỆN ĐOÀN LẠC DƯƠNG"
    commune = Unit.objects.get(code="LD-LAT")
    assert youth_superior(Unit(name="Chi đoàn thôn 1"), commune) == "ĐOÀN XÃ LÁT"
    province = Unit.objects.get(code="TN-TINHDOAN")
    assert letterhead(province).superior == ""
    assert letterhead(Unit.objects.get(code="TN-DTN"), parent=province).superior == "TỈNH ĐOÀN THÁI NGUYÊN"
    left, _ = header_cells(Document(io.BytesIO(report_docx(_report_of("doan-thanh-nien")))))
    lines = [p for p in left.paragraphs if p.text]
    assert lines[0].text.startswith("TỈNH ĐOÀN ") and not any(r.bold for r in lines[0].runs)
    assert lines[1].text.startswith("BCH ") and all(r.bold for r in lines[1].runs if r.text.strip())


def test_a_district_committees_consolidated_report_is_signed_for_its_standing_committee(demo):
    report = Report.objects.get(unit__code="LD-HU", campaign__issuer__code="LD-HU")
    data = report_docx(report)
    assert check_docx(data, family="party") == []
    assert _signature(data)[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    opening = next(t for t in texts if "báo cáo kết quả như sau" in t)
    assert opening[0].isupper() and "trên cơ sở báo cáo của" in opening.lower()
    assert not any("cộng của" in t or "tổng của" in t for t in texts)
    recipients = next(t for t in doc.tables if "Nơi nhận" in t.rows[0].cells[0].text).rows[0].cells[0].text
    assert "Tỉnh ủy Lâm Đồng" in recipients and "Huyện ủy Lạc Dương;" not in recipients  # to the parent


def test_a_report_is_dated_on_the_day_it_was_sent_in_vietnam(demo, settings):
    """Sent at 01:45 on 02/12 in Vietnam (18:45 on 01/12 UTC): dated 02/12, whatever the server's zone."""
    settings.TIME_ZONE = "UTC"
    report = _report_of("chi-bo-co-so")
    report.submitted_at = dt.datetime(2026, 12, 1, 18, 45, tzinfo=dt.UTC)
    _left, right = _header(report_docx(report))
    assert right[-1].endswith("ngày 02 tháng 12 năm 2026")
    report.submitted_at = dt.datetime(2026, 12, 1, 16, 59, 59, tzinfo=dt.UTC)  # 23:59:59 on 01/12 there
    assert _header(report_docx(report))[1][-1].endswith("ngày 01 tháng 12 năm 2026")


def test_a_unit_without_abbreviation_or_place_is_asked_to_complete_it(demo, client):
    report = _report_of("hoi-phu-nu")
    Unit.objects.filter(pk=report.unit_id).update(abbreviation="", place_name="")
    report.unit.refresh_from_db()
    with pytest.raises(IssuerIncomplete) as refused:
        number_line(report.unit, "BC", 3)
    assert "chưa có ký hiệu trong số văn bản" in refused.value.messages[0]
    assert "địa danh ghi ngày tháng" in refused.value.messages[0]
    client.force_login(_admin())
    response = client.get(reverse("reports:download", kwargs={"pk": report.pk, "fmt": "docx"}), follow=True)
    assert response.status_code == 200 and response.redirect_chain  # back to the report, no document
    assert "chưa có ký hiệu trong số văn bản" in response.content.decode()


def _admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin")


def test_new_units_get_the_usual_abbreviation_and_place_for_their_kind():
    assert suggested_abbreviation("dang-bo-co-so", "Đảng bộ xã Lát") == "ĐU"
    assert suggested_abbreviation("chi-bo-truc-thuoc", "Chi bộ thôn 1") == "CB"
    assert suggested_abbreviation("doan-thanh-nien", "Đoàn TNCS Hồ Chí Minh huyện Lạc Dương") == "HĐTN"
    assert suggested_abbreviation("doan-thanh-nien", "Đoàn TNCS Hồ Chí Minh tỉnh Lâm Đồng") == "TĐTN"
    assert suggested_abbreviation("co-quan-tham-muu", "Ban Tổ chức") == ""  # no guess: the user is asked
    assert suggested_place("Đảng bộ xã Đưng K'Nớ") == "Đưng K'Nớ"
    assert suggested_place("Huyện ủy Lạc Dương") == "Lạc Dương"
    assert suggested_place("Chi bộ thôn 1", "Lát") == "Lát"
    assert suggested_place("Hội Nông dân huyện Lạc Dương", "Đà Lạt") == "Lạc Dương"


def test_capacity_is_spelled_as_the_family_writes_it():
    assert respell_capacity("TM. BAN THƯỜNG VỤ", "party") == "T/M BAN THƯỜNG VỤ"
    assert respell_capacity("T/M BAN THƯỜNG VỤ", "mass") == "TM. BAN THƯỜNG VỤ"
    assert respell_capacity("k/t chủ tịch", "state") == "KT. CHỦ TỊCH"
    assert respell_capacity("BÍ THƯ", "party") == "BÍ THƯ"


def test_capacity_and_title_are_two_lines_and_the_name_is_printed(demo):
    unit = Unit.objects.get(code="LD-HU")
    signer = signer_for(unit, name="Nguyễn Văn A", title="Phó Bí thư", capacity_text="T/M BAN THƯỜNG VỤ")
    assert signer.lines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"] and signer.name == "Nguyễn Văn A"


@pytest.mark.parametrize(
    ("day", "law", "decree", "form"),
    [
        (dt.date(2023, 5, 4), "ngày 26 tháng 11 năm 2003", "91/2017/NĐ-CP", "Mẫu số 07"),
        (dt.date(2023, 12, 31), "ngày 26 tháng 11 năm 2003", "91/2017/NĐ-CP", "Mẫu số 07"),
        (dt.date(2024, 1, 1), "ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP", "98/2023/NĐ-CP"),
        (dt.date(2025, 6, 30), "ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP", "98/2023/NĐ-CP"),
        (dt.date(2025, 7, 1), "ngày 15 tháng 6 năm 2022", "152/2025/NĐ-CP", "152/2025/NĐ-CP"),
    ],
)
def test_the_law_and_the_form_in_force_on_the_documents_date(day, law, decree, form):
    grounds = catalogue.state_grounds(day)
    assert law in grounds[1] and decree in grounds[2]
    assert form in catalogue.in_force("form", day).text
    local = grounds[0]
    assert ("ngày 16 tháng 6 năm 2025" in local) == (day >= dt.date(2025, 7, 1))


def test_a_state_decision_cites_the_law_of_its_date(demo):
    d = AwardDecision.objects.filter(style=AwardDecision.Style.STATE).first()
    for day, cited, not_cited in (
        (dt.date(2023, 5, 4), "91/2017", "98/2023"),
        (dt.date(2025, 8, 1), "152/2025", "91/2017"),
    ):
        d.date = day
        text = "\n".join(p.text for p in Document(io.BytesIO(decision_docx(d))).paragraphs)
        assert cited in text and not_cited not in text


def test_the_party_decision_keeps_its_signature_together_and_omits_an_empty_money_column(demo):
    d = AwardDecision.objects.filter(style=AwardDecision.Style.PARTY).first()
    data = decision_docx(d)
    assert check_docx(data, family="party") == []
    doc = Document(io.BytesIO(data))
    title = next(p for p in doc.paragraphs if p.text == "QUYẾT ĐỊNH")
    assert title.runs[0].font.size.pt >= 15
    recipients = next(t for t in doc.tables if "Nơi nhận" in t.rows[0].cells[0].text).rows[0].cells[0].text
    assert "Như Điều" in recipients and len([line for line in recipients.splitlines() if line.startswith("-")]) >= 3
    d.awards.update(amount=0)
    lists = Document(io.BytesIO(decision_docx(d))).tables
    assert not any("Tiền thưởng" in c.text for t in lists for c in t.rows[0].cells)


def test_a_report_is_about_the_results_not_the_organising():
    assert (
        report_subject("Tổ chức Hội nghị sơ kết 02 năm thực hiện Kết luận 01") == "Sơ kết 02 năm thực hiện Kết luận 01"
    )
    assert report_subject("Tổng kết 10 năm") == "Tổng kết 10 năm"


def test_download_names_carry_utf8_and_an_ascii_fallback():
    header = attachment_header("ke-hoach-120-KH-ĐUK.docx")
    assert header == "attachment; filename=\"ke-hoach-120-KH-DUK.docx\"; filename*=UTF-8''ke-hoach-120-KH-%C4%90UK.docx"
    assert attachment_header("bao-cao.docx") == 'attachment; filename="bao-cao.docx"'
    assert "=?utf-8?" not in header


# For the first unit of each kind in the demo: its plan 215's number line, who decides, the charter its
# own decisions cite.
OWN = {
    "chi-bo-co-so": ("Số 215-KH/CB", "Chi bộ Tòa án nhân dân huyện", "Điều lệ Đảng Cộng sản Việt Nam"),
    "dang-uy-xa": ("Số 215-KH/ĐU", "Ban Thường vụ Đảng ủy xã Lạc Dương", "Điều lệ Đảng Cộng sản Việt Nam"),
    "dang-bo-co-so": ("Số 215-KH/ĐU", "Đảng ủy thị trấn Lạc Dương", "Điều lệ Đảng Cộng sản Việt Nam"),
    "mttq": (
        "Số: 215/KH-MTTQ",
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện Lạc Dương",
        "Điều lệ Mặt trận Tổ quốc Việt Nam",
    ),
    "doan-thanh-nien": (
        "Số: 215-KH/HĐTN",
        "Ban Thường vụ Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện Lạc Dương",
        "Điều lệ Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    ),
    "hoi-phu-nu": (
        "Số: 215/KH-HPN", "Ban Thường vụ Hội Liên hiệp Phụ nữ huyện Lạc Dương", "Điều lệ Hội Liên hiệp Phụ nữ Việt Nam"
    ),
    "hoi-nong-dan": ("Số: 215/KH-HND", "Ban Thường vụ Hội Nông dân huyện Lạc Dương", "Điều lệ Hội Nông dân Việt Nam"),
    "cong-doan": (
        "Số: 215/KH-CĐ", "Ban Thường vụ Công đoàn Khối Cơ quan - Doanh nghiệp tỉnh", "Điều lệ Công đoàn Việt Nam"
    ),
    "ubnd": ("Số: 215/KH-UBND", "Ủy ban nhân dân huyện Lạc Dương", ""),
}  # fmt: skip


@pytest.mark.parametrize(("kind_code", "family", "titles", "left_line", "signs"), KINDS)
def test_a_proposal_and_a_decision_are_laid_out_for_every_kind_of_issuer(
    demo, kind_code, family, titles, left_line, signs
):
    """The Tờ trình of a proposing unit, and a decision of a campaign's issuer, for every kind of issuer
    (not only the kinds whose proposals and decisions the demo happens to hold): the checker passes for
    the issuer's family, with its title, its mark and its signature."""
    from guongsang.nominations.documents import proposal_letter
    from guongsang.nominations.models import Nomination

    unit = Unit.objects.filter(kind__code=kind_code).order_by("path").first()
    nominations = list(Nomination.objects.exclude(state=Nomination.State.DRAFT).order_by("pk")[:2])
    letter = proposal_letter(nominations[0].campaign, unit, nominations)
    # The issuer's consolidated report of its own campaign.
    consolidated = Report.objects.select_related("campaign").filter(unit_id=F("campaign__issuer_id")).first()
    consolidated.unit = consolidated.campaign.issuer = unit
    data = report_docx(consolidated)
    assert check_docx(data, family=family) == [], kind_code
    assert _header(data)[1][: len(titles)] == titles and _signature(data)[0] == signs[0]
    # The issuer's own decision on its own campaign, with what the app fills in for such an issuer.
    decision = AwardDecision.objects.filter(style=AwardDecision.Style.PARTY).first()
    campaign = decision.award_list.campaign
    campaign.issuer, campaign.signer_capacity = unit, capacity(unit)
    for name, value in decision_defaults(decision.award_list).items():
        setattr(decision, name, value)
    for data in (letter, decision_docx(decision)):
        assert check_docx(data, family=family) == [], kind_code
        left, right = _header(data)
        assert right[: len(titles)] == titles and left_line in left
        assert _signature(data)[0] == signs[0]
    text = docx_text(decision_docx(decision))
    _, decides, statute = OWN[kind_code]
    assert f"Căn cứ {statute};" in text if statute else "Căn cứ Quy chế làm việc" in text
    assert decides.upper() in text
    if unit.parent_unit().code == "LD-HU":  # the committee above is told, by the name of its own standing committee
        assert "- Ban Thường vụ Huyện ủy Lạc Dương (để báo cáo);" in text
    admin = family in ("front", "mass", "state")  # NĐ 30's wording, the Party's and the Đoàn's otherwise
    assert ("QUYẾT ĐỊNH:" in text, "Về việc tặng" in text) == (admin, admin)
    # The decision cites itself, and certificates print it, as its header numbers it.
    number = next(line for line in _header(decision_docx(decision))[0] if line.startswith("Số"))
    assert number.split(" ", 1)[1] == decision.symbol
    assert (
        decision.symbol
        == (f"{decision.number:02d}-QĐ/" if family in ("party", "youth") else f"{decision.number}/QĐ-")
        + decision.abbreviation
    )
    if family != "party":
        assert "Đảng Cộng sản" not in text and "Ban Tuyên giáo" not in text and "T/M" not in text


@pytest.mark.parametrize(("kind_code", "family", "titles", "left_line", "signs"), KINDS)
def test_a_plan_is_laid_out_for_every_kind_of_issuer(demo, kind_code, family, titles, left_line, signs):
    """A Mặt trận, a Đoàn, a mass organisation or a People's Committee runs its own campaign too: its plan
    has its family's header, number, capacity and wording, not the Party's."""
    from guongsang.campaigns.documents import render_plan_docx
    from guongsang.campaigns.models import Campaign

    unit = Unit.objects.filter(kind__code=kind_code).order_by("path").first()
    campaign = Campaign.objects.exclude(number=None).order_by("pk").first()
    campaign.issuer, campaign.signer_capacity = unit, capacity(unit)
    data = render_plan_docx(campaign)
    assert check_docx(data, family=family) == [], kind_code
    left, right = _header(data)
    assert right[: len(titles)] == titles and left_line in left
    assert OWN[kind_code][0] in left
    signature = next(t for t in Document(io.BytesIO(data)).tables if "Nơi nhận" in t.rows[0].cells[0].text)
    assert signature.rows[0].cells[1].paragraphs[0].text == signs[0]
    text = docx_text(data)
    assert f"{OWN[kind_code][1]} xây dựng Kế hoạch" in text
    assert ("T/M" in text) == (family == "party")  # the attached forms too sign in the family's spelling


def test_a_new_campaign_signs_as_its_issuers_kind_and_a_copy_for_another_issuer_drops_the_signer(demo):
    from django.contrib.auth import get_user_model

    from guongsang.campaigns import services
    from guongsang.campaigns.models import Campaign

    admin = get_user_model().objects.get(username="admin")
    front = Unit.objects.filter(kind__code="mttq").order_by("path").first()
    branch = Unit.objects.filter(kind__code="chi-bo-co-so").order_by("path").first()
    made = services.campaign_create(actor=admin, issuer=front, title="Sơ kết phong trào")
    assert made.signer_capacity == "TM. BAN THƯỜNG TRỰC"
    assert services.campaign_create(actor=admin, issuer=branch, title="Sơ kết").signer_capacity == "T/M CHI BỘ"
    source = Campaign.objects.exclude(signer_name="").exclude(issuer=front).order_by("pk").first()
    copy = services.campaign_copy(actor=admin, source=source, issuer=front)
    assert (copy.signer_capacity, copy.signer_name) == ("TM. BAN THƯỜNG TRỰC", "")
    same = services.campaign_copy(actor=admin, source=source, issuer=source.issuer)
    assert (same.signer_capacity, same.signer_name) == (source.signer_capacity, source.signer_name)


def test_who_decides_is_named_once_as_its_kind_names_it(demo):
    named = {u.code: deciding_body(u) for u in Unit.objects.filter(code__in=["LD-HU", "LD-MTTQ", "LD-LAT"])}
    assert named == {
        "LD-HU": "Ban Thường vụ Huyện ủy Lạc Dương",
        "LD-MTTQ": "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện Lạc Dương",
        "LD-LAT": "Đảng ủy xã Lát",  # a commune's đảng bộ without a standing committee
    }
    branch = Unit.objects.filter(kind__code="chi-bo-co-so").order_by("path").first()
    assert deciding_body(branch) == branch.name and branch.name.startswith("Chi bộ ")
    base = Unit.objects.filter(kind__code="dang-bo-co-so", name__startswith="Đảng bộ").order_by("path").first()
    assert deciding_body(base) == "Đảng ủy " + base.name.removeprefix("Đảng bộ ").strip()
