"""The follow-up dashboard of a campaign for its managers and leaders: completeness per deadline and
unit kind, submissions over time against each deadline, nominations by form and state, the units most
behind. Charts are SVG drawn here, with no outside service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from guongsang.campaigns.models import Campaign
from guongsang.documents.vndate import VN
from guongsang.nominations.models import Nomination
from guongsang.reports import followup
from guongsang.reports.models import ReportVersion

WIDTH, HEIGHT, PAD = 640, 220, 36


@dataclass
class Series:
    label: str
    css: str
    points: str  # SVG polyline points
    last: int


@dataclass
class TimeChart:
    series: list[Series]
    marks: list[tuple[float, str, str]]  # x, label, due text
    ticks: list[tuple[float, str]]  # x, dd/mm
    y_ticks: list[tuple[float, int]]  # y, value
    width: int = WIDTH
    height: int = HEIGHT


def _daily(rows) -> dict[dt.date, int]:
    return {r["day"]: r["n"] for r in rows}


def submissions_over_time(campaign: Campaign, *, now=None, expected: int | None = None) -> TimeChart | None:
    """Cumulative first submissions of reports and of nominations per day, with each deadline marked."""
    now = now or timezone.now()
    reports = _daily(
        ReportVersion.objects.filter(report__campaign=campaign, number=1)
        .annotate(day=TruncDate("submitted_at", tzinfo=VN))
        .values("day")
        .annotate(n=Count("pk"))
    )
    nominations = _daily(
        Nomination.objects.filter(campaign=campaign, submitted_at__isnull=False)
        .annotate(day=TruncDate("submitted_at", tzinfo=VN))
        .values("day")
        .annotate(n=Count("pk"))
    )
    deadlines = [d for d in campaign.deadlines.order_by("due_at") if followup.tracked(d)]
    due_days = [timezone.localtime(d.due_at, VN).date() for d in deadlines]
    days = [*reports, *nominations, *due_days]
    if not days:
        return None
    start = min([campaign.date or min(days), *days])
    end = max([*days, min(timezone.localtime(now, VN).date(), max(due_days or days) + dt.timedelta(days=7))])
    span = max((end - start).days, 1)
    if expected is None:
        expected = max((followup.status(d).total.expected for d in deadlines), default=0)
    top = max(expected, sum(reports.values()), sum(nominations.values()), 1)

    def x(day: dt.date) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * (day - start).days / span, 1)

    def y(value: int) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top, 1)

    series = []
    for label, css, daily in (
        ("Báo cáo đã gửi", "gs-line-report", reports),
        ("Đề nghị khen thưởng đã gửi", "gs-line-dossier", nominations),
    ):
        total, points = 0, [f"{x(start)},{y(0)}"]
        for offset in range(span + 1):
            day = start + dt.timedelta(days=offset)
            if day in daily:
                points.append(f"{x(day)},{y(total)}")
                total += daily[day]
                points.append(f"{x(day)},{y(total)}")
        points.append(f"{x(end)},{y(total)}")
        series.append(Series(label, css, " ".join(points), total))
    marks = [(x(day), d.what, day.strftime("%d/%m")) for d, day in zip(deadlines, due_days, strict=True)]
    step = max(span // 6, 1)
    ticks = [
        (x(start + dt.timedelta(days=i)), (start + dt.timedelta(days=i)).strftime("%d/%m"))
        for i in range(0, span + 1, step)
    ]
    y_ticks = [(y(v), v) for v in sorted({0, top // 2, top})]
    return TimeChart(series, marks, ticks, y_ticks)


def nominations_by_form(campaign: Campaign) -> list[dict]:
    """Nominations per award form and state, in one query."""
    rows = (
        Nomination.objects.filter(campaign=campaign)
        .values("award_form__name", "state")
        .annotate(n=Count("pk"))
        .order_by("award_form__name", "state")
    )
    states = dict(Nomination.State.choices)
    table: dict[str, dict] = {}
    for r in rows:
        name = r["award_form__name"] or "Chưa chọn hình thức"
        entry = table.setdefault(name, {"form": name, "total": 0, "states": {}})
        entry["states"][states.get(r["state"], r["state"])] = r["n"]
        entry["total"] += r["n"]
    return list(table.values())
