"""Outgoing document numbers (documents/numbering.py) on SQLite: consecutive per issuer, register
(document type) and year, restarting each year, continuing above numbers given by hand, never
colliding — sequentially, and with threads writing to one SQLite file at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from guongsang.documents.models import DocumentCounter
from guongsang.documents.numbering import allocate_number, note_number
from guongsang.documents.symbols import PARTY, Symbol, format_symbol
from guongsang.org.models import Unit, UnitKind
from tests.conftest import ensure_kinds, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def issuers(db):
    ensure_kinds()
    root = make_unit(None, "N-TU", "Tỉnh ủy Số", "tinh-uy", abbreviation="TU")
    district = make_unit(root, "N-HU", "Huyện ủy Số", "huyen-uy", abbreviation="HU")
    return root, district


def take(issuer, doc_type="KH", year=2026, times=1, **extra) -> list[int]:
    return [allocate_number(issuer=issuer, doc_type=doc_type, year=year, **extra) for _ in range(times)]


def test_numbers_are_consecutive_from_one_per_issuer_register_and_year(issuers):
    province, district = issuers
    assert take(province, times=3) == [1, 2, 3]
    assert take(province, "BC", times=2) == [1, 2]  # another register
    assert take(district, times=2) == [1, 2]  # another issuer
    assert take(province, year=2027, times=2) == [1, 2]  # a new year starts again
    assert take(province) == [4]  # the 2026 register of the province went on where it was
    assert take(province, year=2025) == [1]
    assert sorted(
        DocumentCounter.objects.filter(issuer__in=issuers).values_list(
            "issuer__code", "doc_type", "year", "last_number"
        )
    ) == [
        ("N-HU", "KH", 2026, 2),
        ("N-TU", "BC", 2026, 2),
        ("N-TU", "KH", 2025, 1),
        ("N-TU", "KH", 2026, 4),
        ("N-TU", "KH", 2027, 2),
    ]


def test_a_number_given_by_hand_is_skipped_and_a_lower_one_does_not_go_back(issuers):
    province, _ = issuers
    assert take(province, times=2) == [1, 2]
    note_number(issuer=province, doc_type="KH", year=2026, number=98)
    assert take(province) == [99]
    note_number(issuer=province, doc_type="KH", year=2026, number=50)  # an old document entered late
    assert take(province) == [100]
    note_number(issuer=province, doc_type="KH", year=2027, number=7)  # another year is not touched
    assert take(province) == [101]
    assert take(province, year=2027) == [8]


def test_at_least_continues_above_a_floor_and_never_below_the_counter(issuers):
    province, _ = issuers
    assert take(province, at_least=120) == [121]
    assert take(province) == [122]
    assert take(province, at_least=5) == [123]
    assert take(province, at_least=123) == [124]
    assert take(province, at_least=124) == [125]


def test_numbers_never_collide_when_allocations_and_hand_numbers_interleave(issuers):
    province, district = issuers
    given: dict[tuple, list[int]] = {}
    for step in range(60):
        issuer = (province, district)[step % 2]
        year = 2026 + (step % 3 == 0)
        if step % 7 == 3:
            counter = DocumentCounter.objects.filter(issuer=issuer, doc_type="KH", year=year)
            last = counter.values_list("last_number", flat=True).first() or 0
            note_number(issuer=issuer, doc_type="KH", year=year, number=last + 2)
            given.setdefault((issuer.code, year), []).append(last + 2)
        else:
            given.setdefault((issuer.code, year), []).extend(take(issuer, year=year))
    for numbers in given.values():
        assert len(numbers) == len(set(numbers))
        assert numbers == sorted(numbers)


def test_the_seed_plans_numbers_are_taken_and_the_next_plan_follows(demo):
    seeds = [
        ("LD-HU", 2023, 98, "HU"),
        ("HT-DUK", 2023, 86, "ĐUK"),
        ("KB-HU", 2022, 83, "HU"),
        ("TN-DUK", 2024, 120, "ĐUK"),
    ]
    for code, year, number, abbreviation in seeds:
        issuer = Unit.objects.get(code=code)
        assert DocumentCounter.objects.get(issuer=issuer, doc_type="KH", year=year).last_number == number
        (next_number,) = take(issuer, year=year)
        assert next_number == number + 1
        assert format_symbol(Symbol(next_number, "KH", issuer.abbreviation, PARTY)) == f"{number + 1}-KH/{abbreviation}"


def test_a_single_digit_number_is_written_with_two_digits(issuers):
    province, _ = issuers
    (first,) = take(province)
    assert format_symbol(Symbol(first, "KH", province.abbreviation, PARTY)) == "01-KH/TU"


# --- threads on one SQLite file -------------------------------------------------------------------------------


def _in_thread(fn):
    """Run fn in a new thread (a connection of its own) and return its result."""
    out: list = []

    def run():
        try:
            out.append(fn())
        except Exception as exc:  # reported by the caller
            out.append(exc)
        finally:
            connection.close()

    t = threading.Thread(target=run)
    t.start()
    t.join()
    (result,) = out
    if isinstance(result, Exception):
        raise result
    return result


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite file database and its write lock")
def test_threads_on_a_sqlite_file_never_get_the_same_number(tmp_path):
    """The production settings (IMMEDIATE transactions, busy timeout, WAL) on a file database: four
    threads allocate at once; every number is given once, with no gap and no 'database is locked'."""
    main = connections.settings["default"]
    connections.settings["default"] = {**connection.settings_dict, "NAME": str(tmp_path / "so-van-ban.sqlite3")}
    try:

        def schema():
            with connection.schema_editor() as editor:
                for model in (UnitKind, Unit, DocumentCounter):
                    editor.create_model(model)
            kind = UnitKind.objects.create(code="tinh-uy", name="Tỉnh ủy", category="party")
            unit = Unit(code="F-TU", name="Tỉnh ủy Tệp", kind=kind, abbreviation="TU", path="0001", depth=1)
            unit.prepare()
            Unit.objects.bulk_create([unit])
            return Unit.objects.get(code="F-TU")

        issuer = _in_thread(schema)
        start = threading.Barrier(4)
        numbers: dict[int, list[int]] = {2026: [], 2027: []}
        errors: list[Exception] = []

        def worker(year):
            try:
                start.wait()
                for _ in range(15):
                    numbers[year].append(allocate_number(issuer=issuer, doc_type="KH", year=year))
            except Exception as exc:  # pragma: no cover - asserted below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(year,)) for year in (2026, 2026, 2026, 2027)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert sorted(numbers[2026]) == list(range(1, 46))
        assert sorted(numbers[2027]) == list(range(1, 16))
        counters = _in_thread(lambda: sorted(DocumentCounter.objects.values_list("year", "last_number")))
        assert counters == [(2026, 45), (2027, 15)]
    finally:
        connections.settings["default"] = main
