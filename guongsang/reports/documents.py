"""The unit's report as a Party document, and reading a report the unit already wrote in Word."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx import Document

from guongsang.campaigns.models import Indicator
from guongsang.documents.docx import (
    cell_text,
    grid_row,
    grid_table,
    issuer_header,
    keep_with_next,
    new_document,
    page_numbers,
    para,
    signature_block,
    to_bytes,
)
from guongsang.documents.issuers import deciding_body, signer_for, speaking_name
from guongsang.documents.templates import framed
from guongsang.documents.vndate import local_day, short_date
from guongsang.lib.ooxml import check_package
from guongsang.lib.text import fold, nfc
from guongsang.reports.models import Report
from guongsang.reports.services import plain_lines


def _value_text(ind: Indicator, value) -> str:
    if value in (None, "", [], {}):
        return "…"
    if ind.type == Indicator.Type.SERIES:
        return "; ".join(f"năm {y}: {v}" for y, v in sorted(value.items()))
    return f"{value}" + (f" {ind.unit_label}" if ind.unit_label else "")


def report_subject(title: str) -> str:
    """What a report is about, from the plan's title: "Tổ chức Hội nghị sơ kết 02 năm thực hiện …" →
    "Sơ kết 02 năm thực hiện …" (a report is the results, not the organising of a conference)."""
    text = nfc(title).strip()
    for prefix in _PLAN_PREFIXES:
        if fold(text).startswith(fold(prefix) + " "):
            text = text[len(prefix) :].strip()
            break
    return text[:1].upper() + text[1:]


_PLAN_PREFIXES = ["Tổ chức hội nghị", "Tổ chức", "Kế hoạch tổ chức", "Kế hoạch", "Về việc", "Về"]


def report_docx(report: Report) -> bytes:
    """The unit's report (or the issuer's consolidated report) in its issuer's own layout, dated on the
    day it was sent in Vietnam, numbered from the unit's register, signed by the unit's head."""
    campaign, unit = report.campaign, report.unit
    day = local_day(report.submitted_at) if report.submitted_at else local_day()
    doc = new_document()
    consolidated = unit.pk == campaign.issuer_id
    head = issuer_header(doc, unit, doc_type="BC", number=report.doc_number, day=day)
    para(doc, "")
    para(doc, "BÁO CÁO", size=16, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, report_subject(campaign.title), size=14, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, "-----", size=14, align="center", indent_first=None, space_after=12)
    plan = f"Kế hoạch số {campaign.symbol}" + (f", ngày {short_date(campaign.date)}" if campaign.date else "")
    if consolidated:
        counted = (report.consolidation or {}).get("accepted")
        parent = campaign.parent
        lead = f"Thực hiện Kế hoạch số {parent.symbol} của {parent.issuer.name}; " if parent else ""
        basis = f"trên cơ sở báo cáo của {counted} đơn vị về kết quả thực hiện {plan}, " if counted else ""
        opening = f"{lead}{basis}{speaking_name(unit)} báo cáo kết quả như sau:"
        para(doc, opening[:1].upper() + opening[1:])
    else:
        para(
            doc,
            f"Thực hiện {plan} của {deciding_body(campaign.issuer)}, {speaking_name(unit)} báo cáo kết quả như sau:",
        )
    answers = {a.section_id: a for a in report.answers.all()}
    for section in campaign.outline():
        depth = 0 if section.parent_id is None else 1
        heading = para(doc, section.heading, bold=depth == 0, italic=depth > 0)
        keep_with_next(heading)
        answer = answers.get(section.pk)
        for line in plain_lines(answer.text if answer else ""):
            para(doc, line)
        indicators = list(section.indicators.all())
        values = answer.values if answer else {}
        # The consolidated text states its figures in sentences ("Số văn bản: 23 văn bản."): no table again.
        simple = [] if consolidated else [i for i in indicators if i.type != Indicator.Type.TABLE]
        if simple:
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for ind in simple:
                left, right = table.add_row().cells
                cell_text(left, ind.label, size=13)
                cell_text(right, _value_text(ind, values.get(ind.code)), size=13)
        for ind in (i for i in indicators if i.type == Indicator.Type.TABLE):
            keep_with_next(para(doc, ind.label, size=13, italic=True, indent_first=None))
            table = grid_table(doc, ["TT", *ind.columns])
            for n, row in enumerate(values.get(ind.code, []), start=1):
                grid_row(table, [str(n), *row])
    para(doc, f"Trên đây là báo cáo của {speaking_name(unit)}./.", space_after=6)
    if consolidated:
        parent = unit.parent_unit()
        recipients = [f"- {deciding_body(parent)};" if parent else "- Cấp trên;", "- Lưu."]
    else:
        recipients = [f"- {deciding_body(campaign.issuer)};", "- Lưu."]
    sender = report.submitted_by.get_full_name() if report.submitted_by else ""
    signature_block(doc, signer_for(unit, fallback_name=sender), recipients=recipients, family=head.family)
    page_numbers(doc)
    return framed("bao_cao", to_bytes(doc), title=report_subject(campaign.title), unit=unit.name, day=day)


# -- starting a report from a .docx the unit already wrote -----------------------------------------

_NUMBER = re.compile(r"^\s*((?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.\-)/]?)\s*(.*)$", re.IGNORECASE)


@dataclass
class DocxImport:
    placed: dict[int, list[str]] = field(default_factory=dict)  # section id -> paragraphs
    unplaced: list[str] = field(default_factory=list)


def read_docx_paragraphs(data: bytes) -> list[str]:
    from django.conf import settings
    from django.core.exceptions import ValidationError

    if len(data) > settings.GS_IMPORT_MAX_BYTES:
        raise ValidationError(f"Tệp quá lớn: tối đa {settings.GS_IMPORT_MAX_BYTES // 1048576} MB.")
    check_package(data, "docx")
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        from django.core.exceptions import ValidationError

        raise ValidationError("Tệp không phải là văn bản Word (.docx) hợp lệ hoặc đã bị hỏng.") from exc
    return [p.text.strip() for p in document.paragraphs if p.text.strip()]


def _key(number: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(number))


def match_sections(paragraphs: list[str], sections) -> DocxImport:
    """Headings (by number and title, accents and case ignored) open a section; the paragraphs after
    one belong to it; whatever comes before any match is returned unplaced. Nothing is dropped."""
    by_number: dict[tuple, object] = {}
    by_title = {fold(s.title): s for s in sections}
    parents = {s.pk: s for s in sections}
    for s in sections:
        parent = parents.get(s.parent_id)
        by_number[(_key(parent.number) if parent else "", _key(s.number))] = s
    result = DocxImport()
    current = None
    top = ""
    for text in paragraphs:
        folded = fold(text)
        section = by_title.get(folded.rstrip(" .:"))
        match = _NUMBER.match(text)
        if section is None and match and len(text) < 250:
            number, rest = _key(match.group(1)), fold(match.group(2)).rstrip(" .:")
            candidate = by_number.get(("", number)) or by_number.get((top, number))
            if candidate is not None and (
                not rest or fold(candidate.title)[:12] in rest or rest[:12] in fold(candidate.title)
            ):
                section = candidate
        if section is not None:
            current = section
            if section.parent_id is None:
                top = _key(section.number)
            result.placed.setdefault(section.pk, [])
            continue
        if current is None:
            result.unplaced.append(text)
        else:
            result.placed[current.pk].append(text)
    return result
