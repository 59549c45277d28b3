"""Fuzz every page's query string: each GET page of the URL matrix (tests/test_url_matrix.py), opened by
the issuer's manager with the query parameters the pages read, filled with the values of
tests/test_fuzz.py. Never a server error."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from guongsang.accounts.models import Role
from tests.conftest import sign_in
from tests.test_fuzz import EXAMPLES, NASTY_TEXT
from tests.test_url_matrix import MATRIX, read_cast, shared_campaign, url_for  # noqa: F401 (fixtures)

# Every query parameter a page reads (grep "request.GET" in guongsang/).
QUERY = ["a", "b", "chi_tieu", "don_vi", "hinh_thuc", "ket_qua_kiem_tra", "loai", "loai_don_vi", "mau", "may_in"]
QUERY += ["q", "tat_ca", "tham_dinh", "thao_tac", "trang", "tu"]
PAGES = sorted(n for n, row in MATRIX.items() if row[3] == "get" and row[2] is not None)


@pytest.mark.parametrize("name", PAGES)
def test_no_query_string_gives_a_server_error(read_cast, name):  # noqa: F811
    url = url_for(read_cast, name)

    @settings(
        max_examples=max(2, EXAMPLES // 2),
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @example(query=dict.fromkeys(QUERY, "abc"))
    @example(query=dict.fromkeys(QUERY, "9" * 26))
    @example(query=dict.fromkeys(QUERY, "a\x00b"))
    @given(query=st.dictionaries(st.sampled_from(QUERY), NASTY_TEXT.filter(lambda t: len(t) < 1000), max_size=3))
    def one(query):
        client = Client(raise_request_exception=False)
        sign_in(client, read_cast.users[Role.MANAGER])
        with transaction.atomic():
            response = client.get(url.split("?")[0], {**dict(parse_qsl(url.partition("?")[2])), **query})
            assert response.status_code != 500, (name, query)
            transaction.set_rollback(True)

    one()
