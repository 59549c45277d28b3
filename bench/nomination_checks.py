"""Rule checks: one nomination against ten years of records, and re-checking every nomination of a
campaign at 10,000 and 100,000 nominations (time, and SQL queries per nomination).

Builds its own data in a fresh database (a temporary SQLite file, or the PostgreSQL named by
DATABASE_URL, whose org, campaign and nomination tables are emptied first).

    .venv/bin/python bench/nomination_checks.py [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("GS_VAR_DIR", tempfile.mkdtemp(prefix="gs-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "guongsang.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from guongsang.campaigns.models import Campaign, Criterion, Deadline, DossierRequirement, QuotaRule  # noqa: E402
from guongsang.nominations.checks import recheck_campaign  # noqa: E402
from guongsang.nominations.models import DossierFile, Nomination  # noqa: E402
from guongsang.nominations.services import findings_for  # noqa: E402
from guongsang.org.models import Person, Rating, Unit, UnitKind  # noqa: E402

YEARS = range(2016, 2026)  # ten years of records
PER_UNIT = 50


def empty() -> None:
    with connection.cursor() as cur:
        for table in (
            "nominations_dossierfile",
            "nominations_nomination",
            "campaigns_participation",
            "campaigns_criterion",
            "campaigns_quotarule",
            "campaigns_dossierrequirement",
            "campaigns_deadline",
            "campaigns_awardform",
            "campaigns_campaign",
            "org_rating",
            "org_honor",
            "org_person",
            "accounts_membership",
            "org_unit",
        ):
            cur.execute(f"DELETE FROM {table}")


def build(n: int) -> Campaign:
    empty()
    kinds = {k.code: k for k in UnitKind.objects.all()}
    issuer = Unit(code="B-HU", name="Huyện ủy Thử", kind=kinds["huyen-uy"], abbreviation="HU")
    issuer.prepare()
    issuer = Unit.objects.place(issuer, None)
    units = []
    for i in range(n // PER_UNIT):
        u = Unit(
            code=f"B-CB{i}",
            name=f"Chi bộ thôn {i}",
            kind=kinds["dang-bo-co-so"],
            party_member_count=120,
            path=issuer.path + _step(i + 1),
            depth=2,
            numchild=0,
        )
        u.prepare()
        units.append(u)
    Unit.objects.bulk_create(units, batch_size=5000)
    units = list(Unit.objects.filter(depth=2).order_by("pk"))
    people = []
    for u in units:
        for j in range(PER_UNIT):
            p = Person(code=f"{u.code}-{j}", full_name=f"Nguyễn Văn An {j}", unit=u, is_party_member=True)
            p.prepare()
            people.append(p)
    Person.objects.bulk_create(people, batch_size=5000)
    ids = list(Person.objects.values_list("pk", flat=True))
    ratings = [
        Rating(person_id=pid, year=y, grade="HTNV" if (pid + y) % 97 == 0 else "HTTNV") for pid in ids for y in YEARS
    ]
    Rating.objects.bulk_create(ratings, batch_size=20000)
    campaign = Campaign.objects.create(
        issuer=issuer, title="Thử", status=Campaign.Status.ISSUED, number=1, date=dt.date(2026, 1, 1)
    )
    QuotaRule.objects.create(
        campaign=campaign,
        unit_kind=kinds["dang-bo-co-so"],
        collectives=1,
        individuals=1,
        bonus_threshold=100,
        bonus_individuals=1,
    )
    Criterion.objects.create(
        campaign=campaign,
        nominee_kind="individual",
        text="Mười năm tốt",
        check_kind="min_grade_each_year",
        params={"grade": "HTTNV", "from_year": 2016, "to_year": 2025},
    )
    Criterion.objects.create(
        campaign=campaign,
        nominee_kind="individual",
        text="Tóm tắt ngắn",
        check_kind="summary_max_chars",
        params={"max_chars": 1800},
    )
    reqs = [
        DossierRequirement.objects.create(campaign=campaign, document=f"Giấy tờ {i}", nominee_kinds=["individual"])
        for i in range(2)
    ]
    Deadline.objects.create(
        campaign=campaign, what="Hồ sơ", kind="dossier", due_at=timezone.now() + dt.timedelta(days=9)
    )
    by_unit = dict(Person.objects.values_list("pk", "unit_id"))
    noms = [
        Nomination(
            campaign=campaign, unit_id=by_unit[pid], kind="individual", person_id=pid, summary="Gương mẫu. " * 20
        )
        for pid in ids
    ]
    Nomination.objects.bulk_create(noms, batch_size=10000)
    files = [
        DossierFile(
            nomination_id=nid,
            requirement=reqs[0],
            file="x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=1,
        )
        for nid in Nomination.objects.values_list("pk", flat=True)[::2]
    ]
    DossierFile.objects.bulk_create(files, batch_size=10000)
    return campaign


def _step(i: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(4):
        i, r = divmod(i, 36)
        out = alphabet[r] + out
    return out


def run(n: int) -> None:
    started = time.perf_counter()
    campaign = build(n)
    built = time.perf_counter() - started
    one = Nomination.objects.filter(campaign=campaign).order_by("pk").first()
    findings_for(one)
    times, queries = [], 0
    for _ in range(30):
        one = Nomination.objects.select_related("campaign", "unit", "unit__kind", "person").get(pk=one.pk)
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            findings_for(one)
            times.append((time.perf_counter() - t) * 1000)
        queries = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        results = sum(1 for _ in recheck_campaign(campaign))
        total = time.perf_counter() - t
    print(f"{connection.vendor}, {n:,} nominations (built in {built:.0f} s, {n * len(YEARS):,} ratings):")
    print(f"  one nomination, 10 years of records: median {statistics.median(times):.1f} ms, {queries} queries")
    print(
        f"  re-check all {results:,}: {total:.1f} s ({total / results * 1e6:.0f} µs each), "
        f"{len(ctx.captured_queries)} queries = {len(ctx.captured_queries) / results:.4f} per nomination"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"machine: {os.cpu_count()} cores")
    for n in args.sizes:
        run(n)


if __name__ == "__main__":
    main()
