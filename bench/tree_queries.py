"""Tree browser and unit search on a national-size tree: SQL queries and time per page.

Builds a tree of ~250,000 units (34 provinces × 110 communes × 66 chi bộ) in a fresh database —
a temporary SQLite file, or the PostgreSQL named by DATABASE_URL (its tables are emptied first) —
then requests each page as a provincial manager and prints the queries and the median time.
Also builds a ~1,000-unit tree to show the query counts do not change.

    .venv/bin/python bench/tree_queries.py [--provinces 34 --communes 110 --branches 66]
"""

from __future__ import annotations

import argparse
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
os.environ.setdefault("AXES_ENABLED", "0")
os.environ["DJANGO_SETTINGS_MODULE"] = "guongsang.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guongsang.accounts.models import AuditEntry, Membership, Role  # noqa: E402
from guongsang.org.models import Honor, Person, Rating, Unit, UnitKind  # noqa: E402

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def step(i: int) -> str:
    out = ""
    for _ in range(Unit.steplen):
        i, r = divmod(i, len(ALPHABET))
        out = ALPHABET[r] + out
    return out


def build(provinces: int, communes: int, branches: int) -> int:
    settings.ALLOWED_HOSTS.append("testserver")
    with connection.cursor() as cur:  # start empty (the audit log keeps nothing from earlier runs)
        for table in (Rating, Honor, Person, Membership, Unit):
            cur.execute(f"DELETE FROM {table._meta.db_table}")
    kinds = {k.code: k for k in UnitKind.objects.all()}
    batch: list[Unit] = []
    total = 0

    def add(path: str, code: str, name: str, kind: str, numchild: int) -> None:
        nonlocal total
        unit = Unit(
            path=path, depth=len(path) // Unit.steplen, numchild=numchild, code=code, name=name, kind=kinds[kind]
        )
        unit.prepare()
        batch.append(unit)
        total += 1
        if len(batch) >= 5000:
            Unit.objects.bulk_create(batch)
            batch.clear()

    for p in range(1, provinces + 1):
        pp = step(p)
        add(pp, f"P{p}", f"Tỉnh ủy Số {p}", "tinh-uy", communes)
        for c in range(1, communes + 1):
            cp = pp + step(c)
            add(cp, f"P{p}-X{c}", f"Đảng ủy xã Phước Lộc {p}-{c}", "dang-uy-xa", branches)
            for b in range(1, branches + 1):
                add(cp + step(b), f"P{p}-X{c}-B{b}", f"Chi bộ thôn Đồng Tâm {p}-{c}-{b}", "chi-bo-co-so", 0)
    Unit.objects.bulk_create(batch)
    return total


def measure(client: Client, url: str, runs: int = 5) -> tuple[int, float]:
    client.get(url)  # warm-up
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    return queries, statistics.median(times)


def run(provinces: int, communes: int, branches: int) -> None:
    started = time.perf_counter()
    total = build(provinces, communes, branches)
    built = time.perf_counter() - started
    user, _ = get_user_model().objects.get_or_create(username="bench-manager")
    province = Unit.objects.get(code="P1")
    commune = Unit.objects.get(code="P1-X1")
    Membership.objects.get_or_create(user=user, unit=province, role=Role.MANAGER)
    client = Client()
    client.force_login(user)
    pages = {
        "tree (roots)": "/to-chuc/",
        f"children of a province ({communes})": f"/to-chuc/don-vi/{province.pk}/cap-duoi/",
        f"children of a commune ({branches})": f"/to-chuc/don-vi/{commune.pk}/cap-duoi/",
        "unit page (commune)": f"/to-chuc/don-vi/{commune.pk}/",
        "search 'dong tam 1-7-3' (few hits)": "/to-chuc/tim-kiem/?q=dong+tam+1-7-3",
        "search 'chi bo thon' (many hits, 50 shown)": "/to-chuc/tim-kiem/?q=chi+bo+thon",
    }
    print(f"\n{connection.vendor}: {total:,} units built in {built:.1f} s")
    print(f"{'page':48} {'queries':>7} {'median ms':>10}")
    for label, url in pages.items():
        queries, ms = measure(client, url)
        print(f"{label:48} {queries:7d} {ms:10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=110)
    parser.add_argument("--branches", type=int, default=66)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(
        f"machine: {os.cpu_count()} cores; database: {connection.vendor}; audit entries untouched: "
        f"{AuditEntry.objects.count()}"
    )
    run(2, 5, 98)  # a small tree of ~1,000 units first: the query counts must be the same
    run(args.provinces, args.communes, args.branches)


if __name__ == "__main__":
    main()
