"""Award documents: the decision (Party or State format) with its attached list, the letter that
proposes awardees upward, and the book of selected models."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from guongsang.awards.decisions import money_totals
from guongsang.awards.models import Award, AwardDecision
from guongsang.campaigns.models import NomineeKind
from guongsang.documents.catalogue import state_grounds
from guongsang.documents.docx import (
    a4,
    borderless,
    cell_text,
    grid_row,
    grid_table,
    issuer_header,
    letterhead_block,
    new_document,
    new_page,
    page_numbers,
    para,
    set_widths,
    signature_block,
    to_bytes,
)
from guongsang.documents.issuers import (
    FRONT,
    MASS,
    STATE,
    Signer,
    deciding_body,
    family_number_line,
    letterhead,
    place_date,
    respell_capacity,
    signer_for,
    symbol_style,
)
from guongsang.documents.symbols import Symbol
from guongsang.documents.templates import framed
from guongsang.documents.vndate import local_day, place_and_date, short_date
from guongsang.lib.text import fold, lower_first
from guongsang.nominations.documents import person_place

NATIONAL_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
KIND_PLURAL = {NomineeKind.COLLECTIVE: "tập thể", NomineeKind.INDIVIDUAL: "cá nhân", NomineeKind.MODEL: "mô hình"}


def decimal_vn(value) -> str:
    """0.30 → "0,3"; 2.00 → "2" (a decimal comma, no trailing zeros)."""
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _cell(cell, text, *, size=13, bold=False, italic=False, align="center"):
    cell_text(cell, text, size=size, bold=bold, italic=italic, align=align)


def _rule_below(paragraph) -> None:
    """A drawn rule under a paragraph (the line under the motto, as NĐ 30 asks), not an underline."""
    p_pr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p_pr.append(border)


def _symbol(d: AwardDecision) -> Symbol:
    return Symbol(d.number or 0, "QĐ", d.abbreviation, symbol_style(d.family))


def _number_line(d: AwardDecision) -> str:
    return family_number_line(d.family, "QĐ", d.abbreviation, d.number or None)


def _state_header(doc, d: AwardDecision) -> None:
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    set_widths(table, (Mm(70), Mm(95)))
    left, right = table.rows[0].cells
    words = d.authority.upper().split()
    split = 4 if words[:4] == ["ỦY", "BAN", "NHÂN", "DÂN"] else len(words)
    _cell(left, " ".join(words[:split]), bold=True)
    if words[split:]:
        _cell(left, " ".join(words[split:]), bold=True)
    _cell(left, "―――――", size=10)
    _cell(left, _number_line(d))
    _cell(right, NATIONAL_MOTTO, size=12, bold=True)
    motto = para(right, MOTTO, size=13, bold=True, align="center", indent_first=None, space_after=0)
    _rule_below(motto)
    _cell(right, place_and_date(d.place or "…", d.date), size=13, italic=True)


def _awardees_phrase(d: AwardDecision) -> str:
    counts = {k: 0 for k in NomineeKind.values}
    for kind in d.awards.values_list("nomination__kind", flat=True):
        counts[kind] += 1
    parts = [f"{counts[k]:02d} {KIND_PLURAL[k]}" for k in NomineeKind.values if counts[k]]
    return " và ".join(parts)


def decision_docx(d: AwardDecision) -> bytes:
    """Quyết định khen thưởng with its attached list (Party format, or State format under NĐ 30/2020)."""
    campaign = d.award_list.campaign
    form = d.award_list.award_form
    doc = new_document()
    state = d.style == AwardDecision.Style.STATE
    if state:
        a4(doc, top=20, bottom=20, left=30, right=15)
        _state_header(doc, d)
        family = "state"
    else:
        head = letterhead(campaign.issuer, day=d.date)
        dated = place_and_date(d.place, d.date) if d.place else place_date(campaign.issuer, d.date)
        letterhead_block(doc, head, number_line=_number_line(d), place_date=dated)
        family = head.family
    # The Mặt trận and the mass organisations write their decisions as NĐ 30/2020 does (its sizes, "Về
    # việc", grounds without dashes, "QUYẾT ĐỊNH:"); the Party and the Đoàn as Hướng dẫn 36 does.
    admin = family in (STATE, FRONT, MASS)
    para(doc, "")
    # The document type: 15–16 pt in Party documents (36-HD/VPTW), 13–14 pt under NĐ 30/2020.
    para(doc, "QUYẾT ĐỊNH", size=14 if admin else 16, bold=True, align="center", indent_first=None, space_after=0)
    subject = f"Về việc tặng {form.name}" if admin else f"về việc tặng {form.name}"
    para(
        doc,
        f"{subject} cho các tập thể, cá nhân có thành tích trong {lower_first(campaign.title)}",
        size=14,
        bold=True,
        align="center",
        indent_first=None,
        space_after=2,
    )
    para(doc, "―――――", size=10, align="center", indent_first=None)
    deciding = f"CHỦ TỊCH {d.authority.upper()}" if state else d.authority.upper()
    para(doc, deciding, size=14, bold=True, align="center", indent_first=None, space_after=8)
    for line in decision_grounds(d):
        para(doc, ("" if admin else "- ") + line.rstrip(";") + ";", italic=admin)
    if d.proposer:
        para(doc, f"{'Xét' if admin else '- Xét'} đề nghị của {d.proposer}.", italic=admin)
    para(
        doc,
        "QUYẾT ĐỊNH:" if admin else "QUYẾT ĐỊNH",
        size=14,
        bold=True,
        align="center",
        indent_first=None,
        space_after=8,
    )
    totals = money_totals(d)
    para(
        doc,
        f"Điều 1. Tặng {form.full_name} cho {_awardees_phrase(d)} (có danh sách kèm theo) "
        f"đã có thành tích tiêu biểu trong {lower_first(campaign.title)}.",
    )
    if totals["total"]:
        each = "; ".join(f"mỗi {r['label'].lower()} {money(r['each'])}" for r in totals["rows"])
        para(
            doc,
            f"Điều 2. Tiền thưởng kèm theo: {each} (hệ số {decimal_vn(d.coefficient)} × mức lương cơ sở "
            f"{money(d.base_salary)}, tập thể gấp {decimal_vn(d.collective_multiplier)} lần cá nhân, làm tròn lên "
            "hàng chục nghìn đồng). "
            f"Tổng cộng {money(totals['total'])}, chi từ Quỹ thi đua, khen thưởng theo quy định.",
        )
        last = 3
    else:
        last = 2
    office = f"Chánh Văn phòng {d.authority}" if state else "Văn phòng"
    para(
        doc,
        f"Điều {last}. {office}, {d.proposer + ', ' if d.proposer else ''}các cơ quan, đơn vị liên quan và các "
        "tập thể, cá nhân có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    )
    recipients = [f"- Như Điều {last};"]
    if not state and d.authority_parent:
        recipients.insert(0, f"- {d.authority_parent} (để báo cáo);")
    recipients += [*([f"- {d.proposer};"] if d.proposer else []), "- Lưu Văn phòng."]
    signature_block(doc, decision_signer(d), recipients=recipients, family=family)
    _attached_list(doc, d)
    page_numbers(doc)
    return framed("quyet_dinh", to_bytes(doc), title=f"Quyết định số {d.symbol}", unit=campaign.issuer.name, day=d.date)


_CATALOGUE_GROUNDS = (
    "can cu luat to chuc chinh quyen",
    "can cu luat thi dua",
    "can cu cac nghi dinh",
    "can cu nghi dinh",
)


def decision_signer(d: AwardDecision) -> Signer:
    """Who signs the decision and in what capacity, spelled as its kind of document writes it (the
    decision and the certificates printed from it say the same)."""
    family = d.family
    return Signer(
        capacity=respell_capacity(d.signer_capacity, family), title=d.signer_title or "", name=d.signer_name or ""
    )


def decision_grounds(d: AwardDecision) -> list[str]:
    """The "Căn cứ" lines: for a People's Committee, the law and decree in force on the decision's date
    (documents/catalogue.py) and then the decision's own; a Party committee's decision cites its own."""
    own = [line.strip() for line in d.grounds.splitlines() if line.strip()]
    if d.style != AwardDecision.Style.STATE:
        return own
    return [*state_grounds(d.date), *(line for line in own if not fold(line).startswith(_CATALOGUE_GROUNDS))]


def _attached_list(doc, d: AwardDecision) -> None:
    new_page(para(doc, "DANH SÁCH", size=14, bold=True, align="center", indent_first=None, space_after=0))
    form = d.award_list.award_form
    para(
        doc,
        f"các tập thể, cá nhân được tặng {form.full_name}",
        size=14,
        bold=True,
        align="center",
        indent_first=None,
        space_after=0,
    )
    symbol = str(_symbol(d)) if d.number else _number_line(d).replace("Số:", "số").replace("Số", "số")
    para(
        doc,
        f"(Kèm theo Quyết định {symbol}, ngày {short_date(d.date)} của {d.authority})",
        size=13,
        italic=True,
        align="center",
        indent_first=None,
    )
    awards = list(
        d.awards.select_related(
            "nomination", "nomination__person", "nomination__person__unit", "nomination__nominee_unit"
        )
        .select_related("nomination__model_unit", "nomination__unit")
        .order_by("position")
    )
    for kind, label in NomineeKind.choices:
        rows = [a for a in awards if a.nomination.kind == kind]
        if not rows:
            continue
        para(doc, f"{label.upper()} ({len(rows):02d})", size=13, bold=True, indent_first=None, align="left")
        with_money = any(a.amount for a in awards)  # no money column where no money is given
        titles = ["TT", "Họ và tên / tên tập thể", "Chức vụ, đơn vị"] + (["Tiền thưởng"] if with_money else [])
        table = grid_table(doc, titles)
        for i, a in enumerate(rows, start=1):
            values = [str(i), a.nomination.nominee_name, awardee_place(a)]
            if with_money:
                values.append(money(a.amount) if a.amount else "")
            grid_row(table, values, aligns=["center", "left", "left", "right"][: len(values)])
        set_widths(table, (Mm(12), Mm(60), Mm(63), Mm(30)) if with_money else (Mm(12), Mm(70), Mm(83)))
    totals = money_totals(d)
    if totals["total"]:
        para(
            doc, f"Tổng số tiền thưởng: {money(totals['total'])}.", size=13, bold=True, indent_first=None, align="right"
        )


def awardee_place(a: Award) -> str:
    """Title and unit of a person; the unit a collective or a model belongs to."""
    n = a.nomination
    if n.kind == NomineeKind.INDIVIDUAL and n.person_id:
        return person_place(n.person)
    if n.kind == NomineeKind.MODEL and n.model_unit_id:
        return n.model_unit.name
    return n.unit.name if n.nominee_unit_id != n.unit_id else ""


def escalation_letter(campaign, target, escalations) -> bytes:
    """Tờ trình proposing the chosen awardees for a higher form or a programme, with the list."""
    issuer = campaign.issuer
    day = local_day()
    doc = new_document()
    head = issuer_header(doc, issuer, doc_type="TTr", day=day)
    para(doc, "")
    para(doc, "TỜ TRÌNH", size=16, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, f"đề nghị {target.full_name}", size=14, bold=True, align="center", indent_first=None)
    para(doc, f"Kính gửi: {target.granted_by}", align="center", indent_first=None)
    para(
        doc,
        f"Thực hiện Kế hoạch số {campaign.symbol} về {lower_first(campaign.title)}; trên cơ sở kết quả "
        f"khen thưởng của {deciding_body(issuer)}, {deciding_body(issuer)} trân trọng đề nghị "
        f"{target.granted_by} xem xét {lower_first(target.name)} cho {len(escalations):02d} tập thể, cá nhân có "
        "tên trong danh sách kèm theo.",
    )
    table = grid_table(doc, ["TT", "Tập thể, cá nhân", "Chức vụ, đơn vị", "Đã được khen"])
    for i, e in enumerate(escalations, start=1):
        d = e.award.decision
        form = d.award_list.award_form.name
        grid_row(table, [str(i), e.award.nomination.nominee_name, awardee_place(e.award), f"{form}, QĐ {d.symbol}"])
    para(doc, f"{deciding_body(issuer)} kính trình./.")
    signer = signer_for(
        issuer, name=campaign.signer_name, title=campaign.signer_title, capacity_text=campaign.signer_capacity
    )
    signature_block(doc, signer, recipients=["- Như trên;", "- Lưu Văn phòng."], family=head.family)
    page_numbers(doc)
    return framed(
        "to_trinh_cap_tren", to_bytes(doc), title=f"Tờ trình đề nghị {target.full_name}", unit=campaign.issuer.name
    )


def models_book(campaign, awards: list[Award]) -> bytes:
    """The book of selected models: a title page, then one page per model or awardee."""
    doc = new_document()
    for _ in range(6):
        para(doc, "")
    para(doc, campaign.issuer.name.upper(), size=14, bold=True, align="center", indent_first=None)
    para(doc, "NHỮNG MÔ HÌNH, ĐIỂN HÌNH TIÊU BIỂU", size=20, bold=True, align="center", indent_first=None)
    para(doc, campaign.title, size=15, italic=True, align="center", indent_first=None)
    para(doc, str(campaign.date.year if campaign.date else ""), size=14, align="center", indent_first=None)
    for i, a in enumerate(awards, start=1):
        n = a.nomination
        new_page(para(doc, f"{i}. {n.nominee_name}", size=16, bold=True, align="left", indent_first=None))
        place = awardee_place(a) or n.unit.name
        para(doc, place, size=14, italic=True, align="left", indent_first=None)
        for text in (n.model_description, n.summary):
            for line in (x.strip() for x in (text or "").splitlines()):
                if line:
                    para(doc, line)
        d = a.decision
        para(
            doc,
            f"({d.award_list.award_form.full_name}, Quyết định {d.symbol} ngày {short_date(d.date)})",
            size=12,
            italic=True,
            align="right",
            indent_first=None,
        )
    page_numbers(doc)
    return framed("sach_mo_hinh", to_bytes(doc), title="Những mô hình, điển hình tiêu biểu", unit=campaign.issuer.name)
