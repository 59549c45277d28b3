"""Demo nominations in every seed campaign: complete and eligible ones, and one of each problem
(quota exceeded, either-or broken, ineligible rating, missing dossier, summary over budget, late,
refused after the deadline)."""

from __future__ import annotations

import datetime as dt
import functools

from django.core.files.base import ContentFile

from guongsang.campaigns.models import Campaign
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.org.models import Honor, Person, Rating, Unit


@functools.lru_cache(maxsize=64)
def demo_pdf(title: str) -> bytes:
    """A one-page PDF standing for a scanned dossier document (what the upload checks accept)."""
    import io

    from reportlab.pdfgen import canvas

    from guongsang.awards.certificates import register_fonts

    out = io.BytesIO()
    family = register_fonts()
    sheet = canvas.Canvas(out, pagesize=(595, 842), initialFontName=family, initialFontSize=14)
    sheet.drawString(72, 770, title)
    sheet.drawString(72, 748, "Bản minh họa của dữ liệu thử (không phải văn bản thật).")
    sheet.showPage()
    sheet.save()
    return out.getvalue()


SUMMARY = (
    "Gương mẫu đi đầu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; hoàn thành xuất "
    "sắc nhiệm vụ được giao; có sáng kiến cải tiến lề lối làm việc, gần dân, sát dân."
)


def _campaign(issuer: str) -> Campaign:
    return Campaign.objects.get(issuer__code=issuer, parent__isnull=True)


def _person(unit_code: str, index: int = 0) -> Person:
    return Person.objects.filter(
        unit__path__startswith=Unit.objects.get(code=unit_code).path, is_party_member=True
    ).order_by("code")[index]


def _grades(subject, years, grade="HTTNV", **special) -> None:
    key = {"unit": subject} if isinstance(subject, Unit) else {"person": subject}
    for year in years:
        Rating.objects.update_or_create(
            year=year, scheme=Rating.Scheme.PARTY, **key, defaults={"grade": special.get(str(year), grade)}
        )


def _nominate(
    campaign: Campaign,
    unit_code: str,
    kind: str,
    *,
    state="submitted",
    files=True,
    days_before=3,
    late_days=None,
    **fields,
) -> Nomination:
    unit = Unit.objects.get(code=unit_code)
    due = campaign.deadlines.filter(kind="dossier").order_by("due_at").first().due_at
    submitted_at = due + dt.timedelta(days=late_days) if late_days else due - dt.timedelta(days=days_before)
    award = campaign.award_forms.filter(is_escalation=False).first()
    n = Nomination.objects.create(
        campaign=campaign,
        unit=unit,
        kind=kind,
        award_form=award,
        state=state,
        summary=fields.pop("summary", SUMMARY),
        late_days=late_days,
        submitted_at=submitted_at if state == "submitted" else None,
        **fields,
    )
    if files:
        for requirement in campaign.dossier_requirements.all():
            if kind in requirement.nominee_kinds and requirement.file_required:
                data = demo_pdf(requirement.document)
                record = DossierFile(
                    nomination=n,
                    requirement=requirement,
                    original_name=f"{requirement.document}.pdf",
                    content_type="application/pdf",
                    size=len(data),
                )
                record.file.save("demo.pdf", ContentFile(data), save=True)
    return n


def load_nominations() -> int:
    count = 0
    # 000 Lạc Dương: ratings in every year of 2021-2022; the Huyện's certificate is decided by the UBND.
    c = _campaign("LD-HU")
    good = _person("LD-LAT")
    _grades(good, (2021, 2022))
    _nominate(c, "LD-LAT", "individual", person=good)
    branch = Unit.objects.get(code="LD-LAT-CB01")
    _grades(branch, (2021, 2022))
    _nominate(c, "LD-LAT", "collective", nominee_unit=branch, late_days=2)  # accepted and marked late
    weak = _person("LD-CB-TOAAN")
    _grades(weak, (2021, 2022), **{"2022": "HTNV"})
    _nominate(c, "LD-CB-TOAAN", "individual", person=weak, state="draft")  # ineligible: HTNV in 2022
    for i in range(3):  # the third goes past "từ 01-02 tập thể, cá nhân"
        p = _person("LD-TT", i)
        _grades(p, (2021, 2022))
        _nominate(c, "LD-TT", "individual", person=p, state="submitted" if i < 2 else "draft")
    count += 7
    # 001 Hà Tĩnh bloc: own commendation in 2020-2022, +1 individual at 100 party members, refuse late.
    c = _campaign("HT-DUK")
    for unit_code, n_people in (("HT-SGD", 2), ("HT-STP", 2)):
        unit = Unit.objects.get(code=unit_code)
        collective = Unit.objects.get(code=f"{unit_code}-CB01")
        for year in (2020, 2021, 2022):
            Honor.objects.create(unit=collective, form="Giấy khen", granted_by=unit.name, year=year)
        _nominate(c, unit_code, "collective", nominee_unit=collective)
        for i in range(n_people):
            p = _person(unit_code, i)
            for year in (2020, 2021, 2022):
                Honor.objects.create(person=p, form="Giấy khen", granted_by=unit.name, year=year)
            # 124 members may send 2 individuals; 42 may send only 1: the second stays a blocked draft
            _nominate(
                c, unit_code, "individual", person=p, state="submitted" if unit_code == "HT-SGD" or i == 0 else "draft"
            )
    for unit_code, subjects in (("HT-CB-NGOAIVU", ("unit", "person")), ("HT-SYT", ("person",))):
        unit = Unit.objects.get(code=unit_code)
        for year in (2020, 2021, 2022):
            if "unit" in subjects:
                Honor.objects.create(unit=unit, form="Giấy khen", granted_by=unit.name, year=year)
            Honor.objects.create(person=_person(unit_code), form="Giấy khen", granted_by=unit.name, year=year)
    _nominate(c, "HT-CB-NGOAIVU", "collective", nominee_unit=Unit.objects.get(code="HT-CB-NGOAIVU"))
    _nominate(c, "HT-CB-NGOAIVU", "individual", person=_person("HT-CB-NGOAIVU"), state="draft")  # either-or
    _nominate(c, "HT-SYT", "individual", person=_person("HT-SYT"), state="draft")  # refused: deadline passed
    count += 9
    # 003 Kim Bảng: models; five good years, or a higher honour, or a recorded special achievement.
    c = _campaign("KB-HU")
    ba_sao = Unit.objects.get(code="KB-BASAO")
    _grades(ba_sao, range(2017, 2022), **{"2019": "HTNV"})
    Honor.objects.create(
        unit=ba_sao,
        form="Bằng khen",
        granted_by="Ủy ban nhân dân tỉnh Hà Nam",
        year=2020,
        decision_number="1234/QĐ-UBND",
    )
    _nominate(
        c,
        "KB-BASAO",
        "model",
        model_name="Mô hình “Dân vận khéo” trong xây dựng nông thôn mới",
        model_unit=ba_sao,
        model_description="Vận động nhân dân hiến đất làm đường, xây dựng khu dân cư kiểu mẫu.",
    )
    _nominate(c, "KB-BASAO", "model", model_name="Tổ dân phố tự quản về an ninh trật tự", model_unit=ba_sao)
    court = Unit.objects.get(code="KB-CB-TOAAN")
    _grades(court, range(2017, 2022))
    _nominate(
        c, "KB-CB-TOAAN", "model", model_name="Phiên tòa mẫu gần dân", model_unit=court, state="draft", files=False
    )  # dossier missing
    count += 3
    # 004 Thái Nguyên bloc: party organisation HTXSNV in 2023; 15 collectives and 25 individuals at most.
    c = _campaign("TN-DUK")
    window = {"achievements_from": dt.date(2023, 1, 15), "achievements_to": dt.date(2024, 2, 10)}
    org = Unit.objects.get(code="TN-SYT-CB01")
    _grades(org, (2023,), "HTXSNV")
    _nominate(c, "TN-SYT", "collective", nominee_unit=org, **window)
    doctor = _person("TN-SYT", 1)
    _grades(doctor, (2023,))
    _nominate(c, "TN-SYT", "individual", person=doctor, **window)
    foreign = Unit.objects.get(code="TN-CB-NGOAIVU")
    _grades(foreign, (2023,), "HTTNV")
    _nominate(c, "TN-CB-NGOAIVU", "collective", nominee_unit=foreign, state="draft", **window)  # not HTXSNV in 2023
    for i, summary in enumerate((SUMMARY, SUMMARY * 12)):  # the second is over half an A4 page
        p = _person("TN-CDVC", i)
        _grades(p, (2023,))
        _nominate(
            c, "TN-CDVC", "individual", person=p, summary=summary, state="submitted" if i == 0 else "draft", **window
        )
    count += 5
    # The ward's current campaign: a draft to continue, its file still missing.
    ward = Campaign.objects.get(issuer__code="TN-DUP-PDP")
    _nominate(ward, "TN-DUP-PDP-CB01", "individual", person=_person("TN-DUP-PDP-CB01"), state="draft", files=False)
    return count + 1
