"""The unit's report as a Party document, and reading a report the unit already wrote in Word."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx import Document
from docx.shared import Mm

from guongsang.campaigns.models import Indicator
from guongsang.documents.docx import a4, borderless, default_font, para, party_header
from guongsang.lib.ooxml import check_package
from guongsang.lib.text import fold
from guongsang.reports.models import Report
from guongsang.reports.services import plain_lines


def _value_text(ind: Indicator, value) -> str:
    if value in (None, "", [], {}):
        return "…"
    if ind.type == Indicator.Type.SERIES:
        return "; ".join(f"năm {y}: {v}" for y, v in sorted(value.items()))
    return f"{value}" + (f" {ind.unit_label}" if ind.unit_label else "")


def report_docx(report: Report) -> bytes:
    campaign, unit = report.campaign, report.unit
    doc = Document()
    default_font(doc)
    a4(doc)
    party_header(
        doc,
        unit,
        number_line=f"Số      -BC/{unit.abbreviation or '…'}",
        day=(report.submitted_at.date() if report.submitted_at else None),
    )
    para(doc, "")
    para(doc, "BÁO CÁO", size=16, bold=True, align="center", indent_first=None, space_after=0)
    para(doc, campaign.title, size=14, bold=True, align="center", indent_first=None, space_after=12)
    if unit.pk == campaign.issuer_id:  # the consolidated report of the campaign's own issuer
        counted = (report.consolidation or {}).get("accepted")
        basis = f"trên cơ sở báo cáo của {counted} đơn vị, " if counted else ""
        parent = campaign.parent
        lead = f"Thực hiện Kế hoạch số {parent.symbol} của {parent.issuer.name}, " if parent else ""
        para(doc, f"{lead}{basis}{unit.name} báo cáo tổng hợp kết quả như sau:")
    else:
        para(
            doc,
            f"Thực hiện Kế hoạch số {campaign.symbol} của Ban Thường vụ {campaign.issuer.name}, {unit.name} "
            "báo cáo kết quả như sau:",
        )
    answers = {a.section_id: a for a in report.answers.all()}
    for section in campaign.outline():
        depth = 0 if section.parent_id is None else 1
        sep = "." if not section.number.endswith(".") else ""
        para(doc, f"{section.number}{sep} {section.title}", bold=depth == 0, italic=depth > 0)
        answer = answers.get(section.pk)
        for line in plain_lines(answer.text if answer else ""):
            para(doc, line)
        indicators = list(section.indicators.all())
        values = answer.values if answer else {}
        simple = [i for i in indicators if i.type != Indicator.Type.TABLE]
        if simple:
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for ind in simple:
                left, right = table.add_row().cells
                for cell, text in ((left, ind.label), (right, _value_text(ind, values.get(ind.code)))):
                    para(cell, text, size=13, align="left", indent_first=None, space_after=0)
                    cell._element.remove(cell.paragraphs[0]._element)
        for ind in (i for i in indicators if i.type == Indicator.Type.TABLE):
            para(doc, ind.label, size=13, italic=True, indent_first=None)
            table = doc.add_table(rows=1, cols=len(ind.columns) + 1)
            table.style = "Table Grid"
            for cell, title in zip(table.rows[0].cells, ["TT", *ind.columns], strict=True):
                para(cell, title, size=12, bold=True, align="center", indent_first=None, space_after=0)
                cell._element.remove(cell.paragraphs[0]._element)
            for n, row in enumerate(values.get(ind.code, []), start=1):
                for cell, text in zip(table.add_row().cells, [str(n), *row], strict=True):
                    para(cell, text, size=12, align="left", indent_first=None, space_after=0)
                    cell._element.remove(cell.paragraphs[0]._element)
    sign = doc.add_table(rows=1, cols=2)
    borderless(sign)
    left, right = sign.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    para(left, "Nơi nhận:", size=12, bold=True, underline=True, align="left", indent_first=None, space_after=0)
    para(left, f"- Ban Thường vụ {campaign.issuer.name};\n- Lưu.", size=12, align="left", indent_first=None)
    capacity = (
        "T/M CHI BỘ"
        if "chi-bo" in unit.kind.code
        else "T/M ĐẢNG ỦY"
        if unit.kind.is_party_org
        else (f"T/M {unit.name.upper()}")
    )
    for text in (capacity, "BÍ THƯ"):
        para(right, text, size=14, bold=True, align="center", indent_first=None, space_after=0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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
