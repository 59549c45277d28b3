"""The plan as an official Party document (.docx from a replaceable template, .pdf via LibreOffice)."""

from __future__ import annotations

from collections import defaultdict

from docx.shared import Pt
from docxtpl import DocxTemplate

from guongsang.campaigns.models import Campaign, Deadline, NomineeKind, Reference
from guongsang.documents.docx import a4, new_page, para
from guongsang.documents.issuers import (
    PARTY,
    YOUTH,
    deciding_body,
    family_number_line,
    family_of,
    letterhead,
    respell_capacity,
)
from guongsang.documents.models import LayoutProfile
from guongsang.documents.symbols import DOC_TYPES
from guongsang.documents.templates import finish_rendered, plan_template_path, template_environment
from guongsang.documents.vndate import deadline_text, local_day, place_and_date, short_date
from guongsang.lib.text import fold, strip_end

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
KIND_HEADINGS = {
    NomineeKind.COLLECTIVE: "Đối với tập thể",
    NomineeKind.INDIVIDUAL: "Đối với cá nhân",
    NomineeKind.MODEL: "Đối với mô hình",
}


def plan_context(campaign: Campaign) -> dict:
    """Everything the plan document shows, as plain data (what the tests check)."""
    issuer = campaign.issuer
    head = letterhead(issuer)
    day = campaign.date
    sections = campaign.outline()
    return {
        "parent_org": head.superior,
        "issuer_name": " ".join(head.issuer),
        "issuer_lines": head.issuer,
        "mark": "―――――" if head.mark == "rule" else head.mark,
        # The Party's or the Đoàn's name on the right; the others print the national name and motto.
        "heading": "" if head.state_like else head.titles[0],
        "national_name": head.titles[0],
        "motto": head.titles[-1],
        "number_line": family_number_line(
            head.family, campaign.doc_type, issuer.abbreviation or "…", campaign.number or None
        ),
        "place_date": place_and_date(campaign.place, day) if day else f"{campaign.place}, ngày    tháng    năm",
        "doc_type_name": DOC_TYPES.get(campaign.doc_type, "Kế hoạch").upper(),
        "title": campaign.title,
        "signer_capacity": respell_capacity(campaign.signer_capacity, head.family),
        "signer_title": campaign.signer_title.upper(),
        "signer_name": campaign.signer_name,
        "recipients": recipient_lines(campaign.recipients.all()),
        "parts": plan_parts(campaign),
        "outline": outline_lines(sections),
        "list_templates": [
            (i.label, i.columns) for s in sections for i in s.indicators.all() if i.type == "table" and i.columns
        ],
    }


def recipient_lines(recipients) -> list[str]:
    """ "- Ban Tuyên giáo Tỉnh ủy (để báo cáo);" … "- Lưu Văn phòng Đảng ủy.": the purpose in brackets
    before the separator, not after it, and not repeated when the name already says it ("Lưu …")."""
    purposes = {"report": "để báo cáo", "carry_out": "để thực hiện", "file": "để lưu"}
    lines = []
    for r in recipients:
        name = strip_end(r.name)
        purpose = purposes.get(r.purpose, "")
        if purpose and not fold(name).startswith(fold(purpose.removeprefix("để "))):
            name = f"{name} ({purpose})"
        lines.append(f"- {name};")
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def _references_sentence(campaign: Campaign) -> str:
    pieces = {Reference.Kind.IMPLEMENTS: [], Reference.Kind.CITES: []}
    for ref in campaign.references.all():
        text = f"{_doc_word(ref.symbol)} số {ref.symbol}"
        if ref.date:
            text += f", ngày {short_date(ref.date)}"
        if ref.issuer:
            text += f" của {ref.issuer}"
        if ref.title:
            text += f" về {strip_end(ref.title)}"
        pieces[ref.kind].append(text)
    sentence = []
    if pieces[Reference.Kind.IMPLEMENTS]:
        sentence.append("Thực hiện " + "; ".join(pieces[Reference.Kind.IMPLEMENTS]))
    if pieces[Reference.Kind.CITES]:
        sentence.append("Căn cứ " + "; ".join(pieces[Reference.Kind.CITES]))
    lead = "; ".join(sentence)
    subject = deciding_body(campaign.issuer)
    return f"{lead}, {subject} xây dựng Kế hoạch như sau:" if lead else f"{subject} xây dựng Kế hoạch như sau:"


def _doc_word(symbol: str) -> str:
    for abbr, name in DOC_TYPES.items():
        if f"-{abbr}/" in symbol or f"/{abbr}-" in symbol:
            return name
    return "Văn bản"


def plan_parts(campaign: Campaign) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(PART HEADING, [(style, text), ...]), ...] with style one of "h2", "p", "item"."""
    parts: list[tuple[str, list[tuple[str, str]]]] = []
    purpose = [("h2", "1. Mục đích"), *[("item", f"- {line}") for line in _lines(campaign.purpose)]]
    needs = [("h2", "2. Yêu cầu"), *[("item", f"- {line}") for line in _lines(campaign.requirements)]]
    parts.append(
        ("MỤC ĐÍCH, YÊU CẦU", (purpose if campaign.purpose else []) + (needs if campaign.requirements else []))
    )

    award: list[tuple[str, str]] = []
    forms = [f for f in campaign.award_forms.all() if not f.is_escalation]
    if forms:
        award.append(("h2", "1. Hình thức khen thưởng"))
        for form in forms:
            award.append(("item", f"- {form.full_name}{_caps(form)}."))
    rules = list(campaign.quota_rules.select_related("unit_kind"))
    if rules:
        award.append(("h2", "2. Số lượng đề nghị"))
        seen = set()
        for rule in rules:
            text = rule.describe()
            if text not in seen:
                seen.add(text)
                award.append(("item", f"- {text}"))
    by_kind = defaultdict(list)
    for criterion in campaign.criteria.all():
        by_kind[criterion.nominee_kind].append(criterion)
    if by_kind:
        award.append(("h2", "3. Tiêu chuẩn"))
        for kind, items in by_kind.items():
            award.append(("p", f"{KIND_HEADINGS[kind]}:"))
            groups = defaultdict(list)
            for c in items:
                groups[c.any_of_group].append(c)
            for c in groups.pop("", []):
                award.append(("item", f"+ {c.text}"))
            for group in groups.values():
                award.append(("item", "+ Đạt một trong các tiêu chuẩn sau: " + "; ".join(c.text for c in group)))
    dossier = list(campaign.dossier_requirements.all())
    if dossier:
        award.append(("h2", "4. Hồ sơ đề nghị"))
        for item in dossier:
            copies = f": {item.copies:02d} bản" if item.copies else " (bản điện tử)"
            award.append(("item", f"- {item.document}{copies}."))
    if award:
        parts.append(("ĐỐI TƯỢNG, TIÊU CHUẨN, SỐ LƯỢNG VÀ HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", award))

    escalations = [f for f in campaign.award_forms.all() if f.is_escalation]
    if escalations:
        parts.append(
            (
                "ĐỀ XUẤT KHEN THƯỞNG, GIỚI THIỆU ĐIỂN HÌNH CẤP TRÊN",
                [
                    (
                        "item",
                        f"- {f.full_name}{_caps(f)}"
                        + (f": trước {deadline_text(f.deadline.due_at)}." if f.deadline else "."),
                    )
                    for f in escalations
                ],
            )
        )

    deadlines = [
        (
            "item",
            f"- {strip_end(d.what)}"
            + (f" ({strip_end(d.audience)})" if d.audience else "")
            + f": chậm nhất {deadline_text(d.due_at)}"
            + ("; hồ sơ gửi sau thời hạn không được xem xét." if d.lateness == Deadline.Lateness.REFUSE else "."),
        )
        for d in campaign.deadlines.all()
    ]
    if deadlines:
        parts.append(("THỜI GIAN THỰC HIỆN", deadlines))

    conference = []
    for label, value in (("Thời gian", campaign.conference_time), ("Địa điểm", campaign.conference_venue)):
        if value:
            conference.append(("p", f"{label}: {value}."))
    if campaign.conference_composition:
        conference.append(("p", "Thành phần:"))
        conference += [("item", f"- {line}") for line in _lines(campaign.conference_composition)]
    if campaign.conference_programme:
        conference.append(("p", "Nội dung chương trình:"))
        conference += [("item", f"- {line};") for line in _lines(campaign.conference_programme)]
    if conference:
        parts.append(("HỘI NGHỊ", conference))
    if campaign.budget:
        parts.append(("KINH PHÍ", [("p", line) for line in _lines(campaign.budget)]))
    tasks = []
    for i, a in enumerate(campaign.assignments.all(), start=1):
        due = f" Thời hạn: {short_date(a.due_date)}." if a.due_date else ""
        tasks.append(("p", f"{i}. {a.body}: {a.task}{due}"))
    if tasks:
        parts.append(("TỔ CHỨC THỰC HIỆN", tasks))
    return [(f"{ROMAN[i]}. {heading}", body) for i, (heading, body) in enumerate(parts)]


def _caps(form) -> str:
    caps = [(form.cap_collectives, "tập thể"), (form.cap_individuals, "cá nhân"), (form.cap_models, "mô hình")]
    named = [f"{n} {label}" for n, label in caps if n]
    return f" cho tối đa {' và '.join(named)}" if named else ""


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-+• ").strip() for line in (text or "").splitlines() if line.strip()]


def outline_lines(sections) -> list[tuple[int, str, str, list[str]]]:
    """[(depth, "I. HEADING", guidance, [indicator labels])] for sections in document order."""
    depth: dict[int, int] = {}
    out = []
    for s in sections:
        depth[s.pk] = depth[s.parent_id] + 1 if s.parent_id else 0
        sep = "." if depth[s.pk] == 0 or not s.number.endswith(".") else ""
        indicators = [f"{i.label}" + (f" ({i.unit_label})" if i.unit_label else "") for i in s.indicators.all()]
        out.append((depth[s.pk], f"{s.number}{sep} {s.title}", s.guidance, indicators))
    return out


def render_plan_docx(campaign: Campaign) -> bytes:
    context = plan_context(campaign)
    family = family_of(campaign.issuer)
    tpl = DocxTemplate(plan_template_path(family))
    layout = LayoutProfile.Family.PARTY if family in (PARTY, YOUTH) else LayoutProfile.Family.STATE
    profile = LayoutProfile.for_date(layout, campaign.date or local_day(campaign.created_at))
    size = float(profile.body_pt) if profile else 14

    body = tpl.new_subdoc()
    para(body, _references_sentence(campaign), size=size)
    for heading, items in context["parts"]:
        para(body, heading, size=size, bold=True, indent_first=10)
        for style, text in items:
            para(body, text, size=size, bold=style == "h2", indent_first=10)
    para(
        body,
        f"{deciding_body(campaign.issuer)} yêu cầu các đơn vị triển khai thực hiện nghiêm túc Kế hoạch này./.",
        size=size,
    )
    recipients = tpl.new_subdoc()
    for line in context["recipients"]:
        para(recipients, line, size=12, align="left", indent_first=None, space_after=0)
    outline = tpl.new_subdoc()
    if context["outline"]:
        title = para(outline, "ĐỀ CƯƠNG BÁO CÁO", size=size, bold=True, align="center", indent_first=None)
        title.paragraph_format.space_after = Pt(0)
        new_page(title)
        para(outline, campaign.title, size=size, italic=True, align="center", indent_first=None, space_after=0)
        para(
            outline,
            f"(Kèm theo Kế hoạch số {campaign.symbol or '…'}"
            + (f", ngày {short_date(campaign.date)}" if campaign.date else "")
            + f" của {deciding_body(campaign.issuer)})",
            size=size,
            italic=True,
            align="center",
            indent_first=None,
            space_after=12,
        )
        for depth, heading, guidance, indicators in context["outline"]:
            para(outline, heading, size=size, bold=depth == 0, indent_first=10)
            if guidance:
                para(outline, guidance, size=size, italic=True, indent_first=10)
            for label in indicators:
                para(outline, f"- Số liệu: {label}", size=size, indent_first=10)
    for label, columns in context["list_templates"]:
        list_template(
            outline,
            label,
            columns,
            size=size,
            capacity_line="T/M CẤP ỦY" if family == PARTY else "TM. BAN THƯỜNG VỤ",
        )
    tpl.render(
        {**context, "body": body, "recipients": recipients, "outline": outline},
        jinja_env=template_environment(),
        autoescape=True,
    )
    if profile:
        a4(
            tpl.docx,
            top=profile.margin_top_mm,
            bottom=profile.margin_bottom_mm,
            left=profile.margin_left_mm,
            right=profile.margin_right_mm,
        )
    return finish_rendered(tpl)  # page numbers and the signature row, on the parts as saved


def list_template(container, label: str, columns: list[str], *, size: float, capacity_line: str = "T/M CẤP ỦY") -> None:
    """An attached list form (e.g. DANH SÁCH MÔ HÌNH ĐIỂM TIÊU BIỂU) for units to fill in, signed for the
    unit's leading body ("T/M CẤP ỦY" in a Party plan, "TM. BAN THƯỜNG VỤ" in the others)."""
    new_page(para(container, label.upper(), size=size, bold=True, align="center", indent_first=None, space_after=12))
    table = container.add_table(rows=3, cols=len(columns) + 1)
    table.style = "Table Grid"  # present in the packaged template (python-docx default styles)
    for i, title in enumerate(["TT", *columns]):
        cell = table.rows[0].cells[i]
        cell.text = ""
        para(cell, title, size=13, bold=True, align="center", indent_first=None, space_after=0)
        cell._element.remove(cell.paragraphs[0]._element)
    for n in (1, 2):
        table.rows[n].cells[0].text = str(n)
    para(container, capacity_line, size=size, bold=True, align="right", indent_first=None, space_after=0)
    para(container, "(Ký tên, đóng dấu)", size=size, italic=True, align="right", indent_first=None)
