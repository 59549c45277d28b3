"""Follow-up at national scale: completeness and timeliness of a deadline, the aggregated figures,
and the whole dashboard page, for campaigns with 1,000, 10,000 and 60,000 reporting units on a
~250,000-unit tree.

Builds the tree of bench/tree_queries.py (34 provinces × 110 communes × 66 chi bộ) in a fresh
database — a temporary SQLite file, or the PostgreSQL named by DATABASE_URL (its tables are emptied
first) — then one issued campaign per size whose participants are that many chi bộ: 70 % have sent
their report (a tenth of them late; all accepted, with three figures each) and 50 % a nomination.
On PostgreSQL the tables are ANALYZEd after loading, as autovacuum does in service. Prints the SQL
queries and the median time of three runs.

    .venv/bin/python bench/followup_queries.py [--sizes 1000 10000 60000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tree_queries
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guongsang.accounts.models import Membership, Role
from guongsang.campaigns.models import Campaign, Deadline, Indicator, OutlineSection, Participation
from guongsang.nominations.models import Nomination
from guongsang.org.models import Unit
from guongsang.reports import followup
from guongsang.reports.aggregation import aggregate
from guongsang.reports.models import Report, ReportVersion, SectionAnswer


def make_campaign(issuer: Unit, units: list[int], number: int) -> tuple[Campaign, Deadline, Deadline]:
    due = timezone.now() - dt.timedelta(days=1)
    campaign = Campaign.objects.create(
        issuer=issuer, number=number, date=dt.date.today(), status=Campaign.Status.ISSUED, title=f"Bench {number}"
    )
    report = Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=due, kind=Deadline.Kind.REPORT)
    dossier = Deadline.objects.create(campaign=campaign, what="Hồ sơ", due_at=due, kind=Deadline.Kind.DOSSIER)
    Participation.objects.bulk_create([Participation(campaign=campaign, unit_id=u) for u in units], batch_size=5000)
    sent = units[: len(units) * 7 // 10]
    Report.objects.bulk_create(
        [Report(campaign=campaign, unit_id=u, state=Report.State.ACCEPTED, submitted_at=due) for u in sent],
        batch_size=5000,
    )
    ids = dict(Report.objects.filter(campaign=campaign).values_list("unit_id", "pk"))
    versions = [
        ReportVersion(
            report_id=ids[u],
            number=1,
            submitted_at=due + dt.timedelta(days=2) if i % 10 == 0 else due - dt.timedelta(days=2),
            snapshot={},
        )
        for i, u in enumerate(sent)
    ]
    ReportVersion.objects.bulk_create(versions, batch_size=5000)
    section = OutlineSection.objects.create(campaign=campaign, number="II.", title="KẾT QUẢ")
    Indicator.objects.create(section=section, code="van-ban", label="Số văn bản", aggregate="sum")
    Indicator.objects.create(section=section, code="ty-le", label="Tỷ lệ", type="decimal", aggregate="mean")
    Indicator.objects.create(section=section, code="buoi", label="Buổi học tập", type="series", aggregate="sum")
    SectionAnswer.objects.bulk_create(
        [
            SectionAnswer(
                report_id=ids[u],
                section=section,
                text="Đã triển khai.",
                values={"van-ban": i % 7, "ty-le": 90.5, "buoi": {"2024": 2, "2025": 3}},
            )
            for i, u in enumerate(sent)
        ],
        batch_size=5000,
    )
    Nomination.objects.bulk_create(
        [Nomination(campaign=campaign, unit_id=u, kind="individual", submitted_at=due) for u in units[::2]],
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum keeps them in service
            cursor.execute("ANALYZE")
    return campaign, report, dossier


def timed(func, runs: int = 3) -> tuple[int, float]:
    func()  # warm-up
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            func()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(ctx.captured_queries)
    return queries, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 60000])
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    for model in (Nomination, ReportVersion, Report, Participation, Deadline, Campaign):
        model.objects.all().delete()
    started = time.perf_counter()
    total = tree_queries.build(34, 110, 66)
    print(f"machine: {tree_queries.os.cpu_count()} cores; database: {connection.vendor}")
    print(f"tree: {total:,} units built in {time.perf_counter() - started:.1f} s")
    root = Unit.objects.get(code="P1")
    branches = list(Unit.objects.filter(kind__code="chi-bo-co-so").order_by("path").values_list("pk", flat=True))
    user, _ = get_user_model().objects.get_or_create(username="bench-manager")
    Membership.objects.get_or_create(user=user, unit=root, role=Role.MANAGER)
    client = Client()
    client.force_login(user)
    header = f"{'reporting units':>15} {'completeness: queries':>22} {'ms':>6} {'figures: queries':>17} {'ms':>6}"
    print(header + f" {'dashboard page: queries':>24} {'ms':>6}  result")
    for number, size in enumerate(args.sizes, start=1):
        campaign, report, _dossier = make_campaign(root, branches[:size], number)
        queries, ms = timed(lambda report=report: followup.status(report))
        figure_queries, figure_ms = timed(lambda c=campaign: aggregate(c))
        page_queries, page_ms = timed(lambda c=campaign: client.get(f"/bao-cao/ke-hoach/{c.pk}/theo-doi/"), runs=3)
        total_rates = followup.status(report).total
        total = aggregate(campaign).figure("van-ban").value
        print(
            f"{size:>15,} {queries:>22} {ms:>6.0f} {figure_queries:>17} {figure_ms:>6.0f} {page_queries:>24} "
            f"{page_ms:>6.0f}  sent {total_rates.received:,}/{total_rates.expected:,}, on time "
            f"{total_rates.on_time:,}; Số văn bản {total:,}"
        )


if __name__ == "__main__":
    main()
