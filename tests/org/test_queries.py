"""Pages over the tree answer in a number of SQL queries that does not grow with the tree."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guongsang.accounts.models import Role
from guongsang.org.models import Person
from tests.conftest import make_unit, refresh


def grow(cast, n: int) -> None:
    """Add n chi bộ under the commune, each with a person, and a deeper chain under the first."""
    parent = refresh(cast.commune)
    for i in range(n):
        unit = make_unit(parent, f"G-{i}", f"Chi bộ tổ dân phố {i}", "chi-bo-truc-thuoc")
        Person(code=f"G-P-{i}", full_name=f"Phạm Văn Hùng {i}", unit=unit, is_party_member=True).save()
        parent = refresh(cast.commune)


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def urls(cast):
    return {
        "tree": reverse("org:tree"),
        "children": reverse("org:children", kwargs={"pk": cast.commune.pk}),
        "search": reverse("org:search") + "?q=chi+bo",
        "search-htmx": reverse("org:search") + "?q=to+dan+pho",
        "unit": reverse("org:unit", kwargs={"pk": cast.commune.pk}),
        "people": reverse("org:people", kwargs={"pk": cast.commune.pk}) + "?tat_ca=1",
        "home": reverse("accounts:home"),
    }


@pytest.mark.parametrize("page", ["tree", "children", "search", "search-htmx", "unit", "people", "home"])
def test_query_count_does_not_grow_with_the_tree(client, cast, page):
    client.force_login(cast.users[Role.MANAGER])
    small = count(client, urls(cast)[page])
    grow(cast, 120)
    assert Person.objects.filter(unit__path__startswith=cast.commune.path).count() > 120
    large = count(client, urls(cast)[page])
    assert large == small, (page, small, large)
    assert large <= 12
