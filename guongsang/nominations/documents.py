"""Unit-side documents: the proposal letter (Tờ trình) with its list of nominees, and the achievement
report pre-filled on the form the campaign prescribes."""

from __future__ import annotations

from docx.shared import Pt

from guongsang.accounts.personal import policy_for
from guongsang.campaigns.models import Campaign, NomineeKind
from guongsang.documents.catalogue import in_force
from guongsang.documents.docx import (
    borderless,
    cant_split,
    drop_first_empty,
    grid_row,
    grid_table,
    issuer_header,
    keep_with_next,
    new_document,
    new_page,
    page_numbers,
    para,
    signature_block,
    to_bytes,
)
from guongsang.documents.issuers import deciding_body, place_date, signer_for, speaking_name, symbol_text
from guongsang.documents.templates import framed
from guongsang.documents.vndate import local_day, short_date
from guongsang.lib.text import fold, lower_first, shorten
from guongsang.lib.typing import AnyUser
from guongsang.nominations.models import Nomination


def proposal_letter(campaign: Campaign, unit, nominations: list[Nomination]) -> bytes:
    """Tờ trình of a unit proposing its nominees to the campaign's issuer, with the list attached. Its
    number and date are the unit's register entry made when the head first submitted a nomination."""
    entry = proposal_entry(campaign, unit)
    day = entry.day if entry else local_day()
    doc = new_document()
    head = issuer_header(doc, unit, doc_type="TTr", number=entry.number if entry else None, day=day)
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
    para(doc, f"Kính gửi: {deciding_body(campaign.issuer)}", size=14, align="center", indent_first=None)
    counts = {k: sum(1 for n in nominations if n.kind == k) for k in NomineeKind.values}
    parts = [f"{counts[k]:02d} {label.lower()}" for k, label in NomineeKind.choices if counts[k]]
    body = speaking_name(unit)
    para(
        doc,
        f"Thực hiện Kế hoạch số {campaign.symbol}"
        + (f", ngày {short_date(campaign.date)}" if campaign.date else "")
        + f" của {deciding_body(campaign.issuer)} về {lower_first(campaign.title)}; căn cứ thành tích đạt "
        f"được, {body} đề nghị xem xét, khen thưởng cho {', '.join(parts) or 'các tập thể, cá nhân'} "
        "(có danh sách kèm theo).",
    )
    para(doc, f"{body[:1].upper() + body[1:]} kính trình {deciding_body(campaign.issuer)} xem xét, quyết định./.")
    signature_block(doc, signer_for(unit), recipients=["- Như trên;", "- Lưu."], family=head.family)
    title = para(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", size=14, bold=True, align="center", indent_first=None)
    new_page(title)
    title.paragraph_format.space_after = Pt(0)
    symbol = f"số {symbol_text(unit, 'TTr', entry.number)}, ngày {short_date(entry.day)} " if entry else ""
    para(doc, f"(Kèm theo Tờ trình {symbol}của {body})", size=13, italic=True, align="center", indent_first=None)
    table = grid_table(
        doc, ["TT", "Tập thể, cá nhân, mô hình", "Chức vụ, đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"]
    )
    for i, n in enumerate(nominations, start=1):
        role = ""
        if n.kind == NomineeKind.INDIVIDUAL and n.person_id:
            role = person_place(n.person)
        elif n.kind == NomineeKind.MODEL and n.model_unit_id:
            role = n.model_unit.name
        form = n.award_form.full_name if n.award_form_id else ""
        grid_row(table, [str(i), f"{n.get_kind_display()}: {n.nominee_name}", role, form, shorten(n.summary, 500, "…")])
    page_numbers(doc)
    return framed(
        "to_trinh",
        to_bytes(doc),
        title=f"Tờ trình đề nghị khen thưởng theo Kế hoạch số {campaign.symbol}",
        unit=unit.name,
        day=entry.day if entry else None,
    )


def proposal_entry(campaign: Campaign, unit):
    from guongsang.documents.models import RegisteredDocument
    from guongsang.documents.numbering import proposal_key

    return RegisteredDocument.objects.filter(issuer=unit, key=proposal_key(campaign.pk)).first()


def person_place(person) -> str:
    """ "Phó Bí thư, Đảng bộ Sở Y tế" — and only "Phó Bí thư Đảng bộ Sở Y tế" when the title already names
    the unit (no unit written twice)."""
    title, unit = (person.title or "").strip(), person.unit.name.strip()
    if title and fold(unit) in fold(title):
        return title
    return ", ".join(x for x in (title, unit) if x)


def achievement_report(nomination: Nomination, *, viewer: AnyUser) -> bytes:
    """The achievement report (báo cáo thành tích) of the nomination, as ``viewer`` may read it: the
    birth year and ethnicity are withheld from whoever may not see them."""
    n = nomination
    campaign = n.campaign
    day = local_day(n.submitted_at) if n.submitted_at else local_day()
    dated = place_date(n.unit, day)  # refuses, in Vietnamese, a unit without a place name
    doc = new_document()
    para(doc, in_force("form", day).text, size=12, italic=True, align="right", indent_first=None)
    para(
        doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align="center", indent_first=None, space_after=0
    )
    para(doc, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True, align="center", indent_first=None)
    para(
        doc,
        dated,
        size=14,
        italic=True,
        align="right",
        indent_first=None,
    )
    para(doc, "BÁO CÁO THÀNH TÍCH", size=14, bold=True, align="center", indent_first=None, space_after=0)
    form = n.award_form.full_name if n.award_form_id else "khen thưởng"
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
            if value not in (None, ""):  # nothing unknown is printed as an empty line
                para(doc, f"- {label}: {value}")
    else:
        subject = n.nominee_unit or n.model_unit
        para(doc, f"- Đơn vị: {subject.name if subject else n.collective_name or n.unit.name}")
        if n.model_description:
            para(doc, f"- Mô tả mô hình: {n.model_description}")
    para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", size=14, bold=True)
    if n.achievements_from and n.achievements_to:
        para(doc, f"Thời gian: từ {short_date(n.achievements_from)} đến {short_date(n.achievements_to)}.", italic=True)
    for line in (n.summary or "").splitlines():
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
    _achievement_signatures(doc, n)
    page_numbers(doc)
    return framed("bao_cao_thanh_tich", to_bytes(doc), title="Báo cáo thành tích", unit=n.unit.name, day=day)


def _achievement_signatures(doc, n: Nomination) -> None:
    """The two signatures of the form, one row never split across pages: the body that confirms on
    the left; the person reporting (or the head of the collective) on the right, with the name."""
    keep_with_next(para(doc, ""))
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    cant_split(table.rows[0])
    left, right = table.rows[0].cells
    individual = n.kind == NomineeKind.INDIVIDUAL
    if individual and n.person_id:
        name = n.person.full_name
    else:
        name = (n.nominee_unit or n.unit).signer_name
    for cell, title, hint, signer in (
        (left, "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "(Ký, đóng dấu)", ""),
        (
            right,
            "NGƯỜI BÁO CÁO THÀNH TÍCH" if individual else "THỦ TRƯỞNG ĐƠN VỊ",
            "(Ký, ghi rõ họ và tên)" if individual else "(Ký, đóng dấu)",
            name,
        ),
    ):
        para(cell, title, size=13, bold=True, align="center", indent_first=None, space_after=0)
        para(cell, hint, size=13, italic=True, align="center", indent_first=None, space_after=0)
        for _ in range(4):
            para(cell, "", size=13, align="center", indent_first=None, space_after=0)
        if signer:
            para(cell, signer, size=14, bold=True, align="center", indent_first=None, space_after=0)
        drop_first_empty(cell)
        for paragraph in cell.paragraphs:
            keep_with_next(paragraph)
