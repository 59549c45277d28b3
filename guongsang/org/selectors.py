"""Reads over the tree that pages need, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Substr

from guongsang.accounts.permissions import visible_units
from guongsang.lib.text import fold
from guongsang.org.models import Person, Unit, in_subtree

CHILDREN_LIMIT = 500
SEARCH_LIMIT = 50


def with_parent_name(qs: QuerySet) -> QuerySet:
    """Annotate each unit with its parent's name, in the same query."""
    parent = Unit.objects.filter(path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Unit.steplen))
    return qs.annotate(parent_name=Subquery(parent.values("name")[:1]))


def children_of(unit: Unit) -> QuerySet:
    return (
        Unit.objects.filter(in_subtree(unit.path), depth=unit.depth + 1)
        .select_related("kind")
        .order_by(F("active_to").desc(nulls_first=True), "sort_key")
    )


def ancestors_of(unit: Unit) -> QuerySet:
    paths = [unit.path[: i * Unit.steplen] for i in range(1, unit.depth)]
    return Unit.objects.filter(path__in=paths).order_by("depth")


def search_units(user, query: str) -> QuerySet:
    """Accent-insensitive search among the units the user may see: "lac duong" finds "Lạc Dương"."""
    words = fold(query).split()
    if not words:
        return Unit.objects.none()
    qs = visible_units(user)
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return with_parent_name(qs.select_related("kind")).order_by("depth", "sort_key")[:SEARCH_LIMIT]


def people_of(unit: Unit, *, subtree: bool, query: str = "") -> QuerySet:
    qs = Person.objects.filter(in_subtree(unit.path, "unit__path")) if subtree else Person.objects.filter(unit=unit)
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    return qs.select_related("unit").order_by("sort_key", "id")
