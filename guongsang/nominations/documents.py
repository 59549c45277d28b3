"""Unit-side documents: the proposal letter (Tờ trình) with its list of nominees, and the achievement
report pre-filled on the form the campaign prescribes."""

from __future__ import annotations

from django.utils import timezone

from guongsang.accounts.personal import policy_for
from guongsang.campaigns.models import Campaign, NomineeKind
from guongsang.documents.docx import borderless, grid_row, grid_table, new_document, para, party_header, to_bytes
from guongsang.documents.vndate import place_and_date, short_date
from guongsang.lib.typing import AnyUser
from guongsang.nominations.models import Nomination

FORM_HEADINGS = {
    "nd152-2025": "Báo cáo thành tích theo đợt, chuyên đề (theo Nghị định số 152/2025/NĐ-CP)",
    "nd91-2017-mau07": "Mẫu số 07 (Nghị định số 91/2017/NĐ-CP)",
}


def proposal_letter(campaign: Campaign, unit, nominations: list[Nomination]) -> bytes:
    doc = new_document()
    party_header(doc, unit, number_line=f"Số      -TTr/{unit.abbreviation or '…'}")
    para(doc, "")
    para(doc, "TỜ TRÌNH", size=16, bold=True, align="center", indent_first=None, space_after=0)
    para(
        doc,
        f"đề nghị khen thưởng theo Kế hoạch số {campaign.symbol}",
        size=14,
        bold=True,
        align="center",
        indent_first=None,
        space_after=12,
    )
    para(doc, f"Kính gửi: Ban Thường vụ {campaign.issuer.name}", size=14, align="center", indent_first=None)
    counts = {k: sum(1 for n in nominations if n.kind == k) for k in NomineeKind.values}
    parts = [f"{counts[k]:02d} {label.lower()}" for k, label in NomineeKind.choices if counts[k]]
    para(
        doc,
        f"Thực hiện Kế hoạch số {campaign.symbol}"
        + (f", ngày {short_date(campaign.date)}" if campaign.date else "")
        + f" của Ban Thường vụ {campaign.issuer.name} về {campaign.title}; căn cứ thành tích đạt được, "
        f"{unit.name} đề nghị xem xét, khen thưởng cho {', '.join(parts) or 'các tập thể, cá nhân'} "
        "(có danh sách kèm theo).",
    )
    para(doc, f"{unit.name} kính trình Ban Thường vụ {campaign.issuer.name} xem xét, quyết định./.")
    _signature(doc, unit)
    para(doc, "")
    para(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", size=14, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, f"(Kèm theo Tờ trình của {unit.name})", size=13, italic=True, align="center", indent_first=None)
    table = grid_table(
        doc, ["TT", "Tập thể, cá nhân, mô hình", "Chức vụ, đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"]
    )
    for i, n in enumerate(nominations, start=1):
        role = ""
        if n.kind == NomineeKind.INDIVIDUAL and n.person_id:
            role = ", ".join(x for x in (n.person.title, n.person.unit.name) if x)
        elif n.kind == NomineeKind.MODEL and n.model_unit_id:
            role = n.model_unit.name
        form = f"{n.award_form.name} của {n.award_form.granted_by}" if n.award_form_id else ""
        grid_row(table, [str(i), f"{n.get_kind_display()}: {n.nominee_name}", role, form, n.summary[:500]])
    return to_bytes(doc)


def _signature(doc, unit) -> None:
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    left, right = table.rows[0].cells
    para(left, "Nơi nhận:", size=12, bold=True, underline=True, align="left", indent_first=None, space_after=0)
    para(left, "- Như trên;\n- Lưu.", size=12, align="left", indent_first=None)
    capacity = (
        "T/M CHI BỘ"
        if "chi-bo" in unit.kind.code
        else "T/M ĐẢNG ỦY"
        if unit.kind.is_party_org
        else f"T/M {unit.name.upper()}"
    )
    for text in (capacity, "BÍ THƯ", "", "", ""):
        para(right, text, size=14, bold=True, align="center", indent_first=None, space_after=0)


def achievement_report(nomination: Nomination, *, viewer: AnyUser) -> bytes:
    """The achievement report (báo cáo thành tích) of the nomination, as ``viewer`` may read it: the
    birth year and ethnicity are withheld from whoever may not see them."""
    n = nomination
    campaign = n.campaign
    doc = new_document()
    para(doc, FORM_HEADINGS.get(campaign.achievement_form, ""), size=12, italic=True, align="right", indent_first=None)
    para(
        doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align="center", indent_first=None, space_after=0
    )
    para(doc, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True, align="center", indent_first=None)
    para(
        doc,
        place_and_date(n.unit.place_name or "…", timezone.localdate()),
        size=14,
        italic=True,
        align="right",
        indent_first=None,
    )
    para(doc, "BÁO CÁO THÀNH TÍCH", size=14, bold=True, align="center", indent_first=None, space_after=0)
    form = f"{n.award_form.name} của {n.award_form.granted_by}" if n.award_form_id else "khen thưởng"
    para(doc, f"ĐỀ NGHỊ TẶNG {form.upper()}", size=14, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, f"(Thành tích trong {campaign.title})", size=13, italic=True, align="center", indent_first=None)
    para(doc, f"Tên {n.get_kind_display().lower()} đề nghị: {n.nominee_name}", size=14, bold=True)
    para(
        doc,
        "I. SƠ LƯỢC LÝ LỊCH" if n.kind == NomineeKind.INDIVIDUAL else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        size=14,
        bold=True,
    )
    if n.kind == NomineeKind.INDIVIDUAL and n.person_id:
        p = n.person
        personal = policy_for(viewer).details(p)  # birth year and ethnicity: need to know
        for label, value in (
            ("Họ và tên", p.full_name),
            ("Giới tính", p.get_gender_display()),
            ("Năm sinh", personal["birth_year"]),
            ("Dân tộc", personal["ethnicity"]),
            ("Chức vụ", p.title),
            ("Đơn vị", p.unit.name),
            ("Đảng viên", "Có" if p.is_party_member else "Không"),
        ):
            para(doc, f"- {label}: {value}")
    else:
        subject = n.nominee_unit or n.model_unit
        para(doc, f"- Đơn vị: {subject.name if subject else n.collective_name or n.unit.name}")
        if n.model_description:
            para(doc, f"- Mô tả mô hình: {n.model_description}")
    para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", size=14, bold=True)
    if n.achievements_from and n.achievements_to:
        para(doc, f"Thời gian: từ {short_date(n.achievements_from)} đến {short_date(n.achievements_to)}.", italic=True)
    for line in (n.summary or "…").splitlines():
        if line.strip():
            para(doc, line.strip())
    para(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", size=14, bold=True)
    subject = n.person if n.kind == NomineeKind.INDIVIDUAL else (n.nominee_unit or n.model_unit)
    honors = list(subject.honors.all()) if subject is not None else []
    for h in honors:
        number = f", Quyết định số {h.decision_number}" if h.decision_number else ""
        para(doc, f"- Năm {h.year}: {h.form} của {h.granted_by}{number}.")
    if not honors:
        para(doc, "- Chưa có.")
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    left, right = table.rows[0].cells
    para(left, "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", size=13, bold=True, align="center", indent_first=None)
    para(
        right,
        "NGƯỜI BÁO CÁO THÀNH TÍCH" if n.kind == NomineeKind.INDIVIDUAL else "THỦ TRƯỞNG ĐƠN VỊ",
        size=13,
        bold=True,
        align="center",
        indent_first=None,
    )
    return to_bytes(doc)
