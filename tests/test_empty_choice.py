"""No list on any page offers Django's "---------" as its empty choice: it says "— Chọn —"."""

import pytest
from django.test import Client

from guongsang.accounts.models import Role
from guongsang.lib.forms import EMPTY_CHOICE
from tests.conftest import sign_in
from tests.test_fuzz_pages import PAGES
from tests.test_url_matrix import read_cast, shared_campaign, url_for  # noqa: F401 (fixtures)


@pytest.mark.parametrize("who", [Role.MANAGER, Role.SUBMITTER])
def test_every_empty_choice_is_named_in_vietnamese(read_cast, who):  # noqa: F811
    client = Client()
    sign_in(client, read_cast.users[who])
    dashed, named = [], 0
    for name in PAGES:
        response = client.get(url_for(read_cast, name))
        if response.status_code != 200 or response.streaming or "html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        if ">---------<" in page:
            dashed.append(name)
        named += page.count(f">{EMPTY_CHOICE}<")
    assert dashed == []
    assert named > 0  # the pages do have lists with an empty choice
