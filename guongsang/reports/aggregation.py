"""Aggregated figures of a campaign: each indicator of the outline over the units' accepted reports,
as its definition says (sum, mean, min, max, count of units answering, list), per unit kind and
per year, with the units behind every number.

Only accepted reports count; how many others are waiting is said next to the figures. All values
are read in one query, whatever the number of units. A report that is a consolidated report of the
unit's own sub-campaign carries that sub-campaign's figures: at the parent, its number drills down
through the unit into the sub-campaign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from guongsang.campaigns.models import Campaign, Indicator
from guongsang.reports.models import Report, SectionAnswer

A = Indicator.Aggregate
T = Indicator.Type
NUMERIC = (T.INTEGER, T.DECIMAL, T.SERIES)


@dataclass
class Part:
    """One unit's share of a figure."""

    unit_id: int
    unit_name: str
    kind: str
    report_id: int
    value: object
    sub_campaign_id: int | None = None


@dataclass
class Figure:
    indicator: Indicator
    value: object = None  # the aggregate, or for a series {year: aggregate}, or for a list the rows
    by_kind: dict[str, object] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    problem: str = ""

    @property
    def answered(self) -> int:
        return len(self.parts)


@dataclass
class Aggregation:
    campaign: Campaign
    figures: list[Figure]
    accepted: int
    waiting: int  # submitted or returned, not yet accepted
    drafts: int

    def figure(self, code: str) -> Figure | None:
        return next((f for f in self.figures if f.indicator.code == code), None)


def combine(how: str, values: list) -> object:
    """One aggregate of plain numbers (or texts for count/list)."""
    if how == A.COUNT:
        return len(values)
    if how == A.LIST:
        return list(values)
    numbers = [v for v in values if isinstance(v, (int, float, Decimal))]
    if not numbers:
        return None
    if how == A.SUM:
        return sum(numbers)
    if how == A.MEAN:
        return round(sum(numbers) / len(numbers), 2)
    if how == A.MIN:
        return min(numbers)
    if how == A.MAX:
        return max(numbers)
    raise ValueError(how)


def _problem(indicator: Indicator) -> str:
    if indicator.type == T.TEXT and indicator.aggregate not in (A.COUNT, A.LIST):
        how = A(indicator.aggregate).label.lower()
        return (
            f"Chỉ tiêu “{indicator.label}” là văn bản: không tính “{how}” được; hệ thống đếm số đơn vị trả lời và "
            "liệt kê các câu trả lời."
        )
    if indicator.type == T.TABLE and indicator.aggregate != A.LIST:
        return f"Chỉ tiêu “{indicator.label}” là bảng: các dòng của các đơn vị được liệt kê chung."
    return ""


def _aggregate(indicator: Indicator, parts: list[Part]) -> tuple[object, dict]:
    how = indicator.aggregate
    if indicator.type == T.TEXT and how not in (A.COUNT, A.LIST):
        how = A.COUNT
    if indicator.type == T.TABLE:
        rows = [[p.unit_name, *row] for p in parts for row in (p.value or [])]
        return rows, {}
    if indicator.type == T.SERIES:
        years = sorted({y for p in parts for y in (p.value or {})})
        total = {y: combine(how, [p.value[y] for p in parts if y in (p.value or {})]) for y in years}
        kinds = sorted({p.kind for p in parts})
        by_kind = {
            k: {y: combine(how, [p.value[y] for p in parts if p.kind == k and y in (p.value or {})]) for y in years}
            for k in kinds
        }
        return total, by_kind
    values = [p.value for p in parts]
    by_kind = {k: combine(how, [p.value for p in parts if p.kind == k]) for k in sorted({p.kind for p in parts})}
    return combine(how, values), by_kind


def aggregate(campaign: Campaign) -> Aggregation:
    """Every indicator of the campaign's outline, over its accepted reports."""
    indicators = [i for s in campaign.outline() for i in s.indicators.all()]
    states = dict.fromkeys(Report.State.values, 0)
    units_reports = Report.objects.filter(campaign=campaign).exclude(unit_id=campaign.issuer_id)  # not the draft
    for state in units_reports.values_list("state", flat=True):
        states[state] += 1
    rows = SectionAnswer.objects.filter(report__campaign=campaign, report__state=Report.State.ACCEPTED).values_list(
        "report_id",
        "report__unit_id",
        "report__unit__name",
        "report__unit__kind__name",
        "report__consolidated_from_id",
        "values",
    )
    parts: dict[str, list[Part]] = {}
    for report_id, unit_id, name, kind, sub, values in rows.order_by("report__unit__path"):
        for code, value in (values or {}).items():
            if value in (None, "", [], {}):
                continue
            parts.setdefault(code, []).append(Part(unit_id, name, kind, report_id, value, sub))
    figures = []
    for indicator in indicators:
        mine = parts.get(indicator.code, [])
        value, by_kind = _aggregate(indicator, mine)
        figures.append(Figure(indicator, value, by_kind, mine, _problem(indicator)))
    waiting = states[Report.State.SUBMITTED] + states[Report.State.RETURNED]
    return Aggregation(campaign, figures, states[Report.State.ACCEPTED], waiting, states[Report.State.DRAFT])


def consolidated_values(aggregation: Aggregation) -> dict[int, dict]:
    """Per outline section, the aggregated values in the shape a report stores them."""
    out: dict[int, dict] = {}
    for figure in aggregation.figures:
        ind = figure.indicator
        if figure.value in (None, [], {}):
            continue
        if ind.type == T.TABLE:
            value = [row[1:] for row in figure.value]
        elif ind.type == T.TEXT:
            value = "\n".join(f"{p.unit_name}: {p.value}" for p in figure.parts)
        else:
            value = figure.value
        out.setdefault(ind.section_id, {})[ind.code] = value
    return out


def figures_workbook(aggregation: Aggregation, nominees: list[tuple] = ()) -> bytes:
    """The figures as .xlsx, one value per cell: a sheet of totals per unit kind, one of every unit's
    values, one of the text answers, one per table indicator (its own columns, every unit's rows) and one
    of the nominees sent (unit, kind, name, form, state). A series takes one row per year."""
    from openpyxl import Workbook

    from guongsang.lib.workbooks import finish, header_row, number_or_text, save, sheet_title, write_row

    book = Workbook()
    totals = book.active
    totals.title = "Tổng hợp"
    kinds = sorted({k for f in aggregation.figures for k in f.by_kind})
    header_row(totals, ["Chỉ tiêu", "Cách tổng hợp", "Số đơn vị trả lời", "Toàn đợt", *kinds, "Ghi chú"])
    units = book.create_sheet("Từng đơn vị")
    header_row(units, ["Chỉ tiêu", "Đơn vị", "Loại đơn vị", "Giá trị", "Từ kế hoạch cấp dưới"])
    lists = book.create_sheet("Danh sách")
    header_row(lists, ["Chỉ tiêu", "Đơn vị", "Nội dung"])
    sheets = [totals, units, lists]
    sent_title = "Đề nghị khen thưởng"

    def number(value):
        """A list (the rows of a table, the answers listed) counts as how many it has."""
        return len(value) if isinstance(value, list) else value

    def year_label(ind: Indicator, year: str) -> str:
        return f"{ind.label} — năm {year}"

    for figure in aggregation.figures:
        ind = figure.indicator
        how = Indicator.Aggregate(ind.aggregate).label
        if ind.type == T.SERIES and figure.value:
            for year, total in sorted(figure.value.items()):
                answered = sum(1 for p in figure.parts if year in (p.value or {}))
                by_kind = [(figure.by_kind.get(k) or {}).get(year) for k in kinds]
                write_row(totals, [year_label(ind, year), how, answered, total, *by_kind, figure.problem])
        else:
            by_kind = [number(figure.by_kind.get(k)) for k in kinds]
            value = None if figure.value == {} else number(figure.value)
            write_row(totals, [ind.label, how, figure.answered, value, *by_kind, figure.problem])
        for part in figure.parts:
            sub = "có" if part.sub_campaign_id else ""
            if isinstance(part.value, dict):
                for year, amount in sorted(part.value.items()):
                    write_row(units, [year_label(ind, year), part.unit_name, part.kind, amount, sub])
            else:
                write_row(units, [ind.label, part.unit_name, part.kind, number(part.value), sub])
        if ind.type == T.TABLE:
            rows = figure.value or []
            labels = [str(c) for c in ind.columns or []]
            width = max([len(labels), *(len(r) - 1 for r in rows)]) or 1
            labels += [f"Cột {i}" for i in range(len(labels) + 1, width + 1)]
            table = book.create_sheet(sheet_title(ind.label, [*book.sheetnames, sent_title]))
            header_row(table, ["Đơn vị", *labels])
            for unit_name, *cells in rows:
                write_row(table, [unit_name, *(number_or_text(c) for c in cells)])
            sheets.append(table)
        elif ind.type == T.TEXT:
            for part in figure.parts:
                write_row(lists, [ind.label, part.unit_name, part.value])
    sent = book.create_sheet(sent_title)
    header_row(sent, ["Đơn vị đề nghị", "Đối tượng", "Tên", "Hình thức", "Trạng thái"])
    for row in nominees:
        write_row(sent, row)
    for sheet in [*sheets, sent]:
        finish(sheet)
    return save(book)
