"""Outgoing document numbers: one counter per issuer, document type and year; numbers given by hand
move the counter on; a number is never given twice."""

from __future__ import annotations

import pytest

from guongsang.documents.models import DocumentCounter
from guongsang.documents.numbering import allocate_number, note_number

pytestmark = pytest.mark.django_db


def last(issuer, doc_type="KH", year=2024):
    return DocumentCounter.objects.get(issuer=issuer, doc_type=doc_type, year=year).last_number


def test_numbers_start_at_one_and_follow_each_other(cast):
    got = [allocate_number(issuer=cast.district, doc_type="KH", year=2024) for _ in range(3)]
    assert got == [1, 2, 3]
    assert last(cast.district) == 3
    assert DocumentCounter.objects.count() == 1


def test_each_issuer_type_and_year_has_its_own_sequence(cast):
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2024) == 1
    assert allocate_number(issuer=cast.district, doc_type="QĐ", year=2024) == 1
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2025) == 1
    assert allocate_number(issuer=cast.sibling, doc_type="KH", year=2024) == 1
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2024) == 2
    assert DocumentCounter.objects.count() == 4
    assert last(cast.district, "QĐ") == 1
    assert last(cast.sibling) == 1


def test_at_least_continues_above_a_number_entered_by_hand(cast):
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2024, at_least=97) == 98
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2024) == 99
    # A floor below the counter changes nothing.
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2024, at_least=5) == 100
    # A floor equal to the counter: the next one.
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2024, at_least=100) == 101
    assert last(cast.district) == 101


def test_a_number_given_by_hand_moves_the_counter_forward_only(cast):
    note_number(issuer=cast.district, doc_type="KH", year=2024, number=40)
    assert last(cast.district) == 40
    note_number(issuer=cast.district, doc_type="KH", year=2024, number=12)
    assert last(cast.district) == 40
    note_number(issuer=cast.district, doc_type="KH", year=2024, number=40)
    assert last(cast.district) == 40
    note_number(issuer=cast.district, doc_type="KH", year=2024, number=41)
    assert last(cast.district) == 41
    assert allocate_number(issuer=cast.district, doc_type="KH", year=2024) == 42
    assert DocumentCounter.objects.count() == 1


def test_a_number_given_by_hand_touches_only_its_own_counter(cast):
    allocate_number(issuer=cast.district, doc_type="QĐ", year=2024)
    note_number(issuer=cast.district, doc_type="KH", year=2024, number=7)
    assert last(cast.district, "QĐ") == 1
    assert last(cast.district, "KH") == 7
    assert allocate_number(issuer=cast.district, doc_type="QĐ", year=2024) == 2


def test_a_number_given_by_hand_leaves_other_issuers_and_years_alone(cast):
    for issuer, year in ((cast.sibling, 2024), (cast.district, 2025)):
        allocate_number(issuer=issuer, doc_type="KH", year=year)
    note_number(issuer=cast.district, doc_type="KH", year=2024, number=30)
    assert last(cast.district) == 30
    assert last(cast.sibling) == 1
    assert last(cast.district, year=2025) == 1
