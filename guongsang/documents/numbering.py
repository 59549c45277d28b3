"""Allocate outgoing document numbers without collisions, even under concurrent requests."""

from __future__ import annotations

from django.db import transaction

from guongsang.documents.models import DocumentCounter, RegisteredDocument


def allocate_number(*, issuer, doc_type: str, year: int, at_least: int = 0) -> int:
    """The next number of `doc_type` for `issuer` in `year`.

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers with
    IMMEDIATE transactions), so two requests never get the same number. `at_least` lets numbering
    continue above numbers entered by hand.
    """
    with transaction.atomic():
        DocumentCounter.objects.get_or_create(issuer=issuer, doc_type=doc_type, year=year)
        counter = DocumentCounter.objects.select_for_update().get(issuer=issuer, doc_type=doc_type, year=year)
        number = max(counter.last_number, at_least) + 1
        DocumentCounter.objects.filter(pk=counter.pk).update(last_number=number)
        return number


def note_number(*, issuer, doc_type: str, year: int, number: int) -> None:
    """Remember a number given by hand, so allocation continues after it."""
    with transaction.atomic():
        DocumentCounter.objects.get_or_create(issuer=issuer, doc_type=doc_type, year=year)
        DocumentCounter.objects.filter(issuer=issuer, doc_type=doc_type, year=year, last_number__lt=number).update(
            last_number=number
        )


def register(*, issuer, doc_type: str, key: str, day) -> RegisteredDocument:
    """The register entry of `key` for `issuer`: made once, with the next number of `doc_type` in the year
    of `day`; asked again, the same entry (a document keeps its number)."""
    with transaction.atomic():
        entry = RegisteredDocument.objects.select_for_update().filter(issuer=issuer, key=key).first()
        if entry is not None:
            return entry
        number = allocate_number(issuer=issuer, doc_type=doc_type, year=day.year)
        return RegisteredDocument.objects.create(issuer=issuer, key=key, doc_type=doc_type, number=number, day=day)


def proposal_key(campaign_id: int) -> str:
    """The register key of a unit's Tờ trình for a campaign (one per unit and campaign)."""
    return f"proposal:{campaign_id}"
