"""Fuzz every state-changing endpoint: each row of the action matrix (tests/test_action_matrix.py) is
sent by a user it allows, with what a browser sends, then with its fields replaced by what a careless
user or an attacker sends — wrong types, over-long text, NUL, decomposed Unicode, numbers and dates out
of range, missing and extra fields. Whatever comes in: never a server error, and a refusal writes
nothing.

Each example runs in a savepoint rolled back after it, so every example starts from the row's state.
Bounded by `EXAMPLES` per endpoint (docs/testing.md)."""

from __future__ import annotations

import os
import unicodedata

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests import action_matrix_cases as C
from tests.conftest import sign_in
from tests.test_action_matrix import ACTIONS, shared_world, world  # noqa: F401 (fixtures)

NASTY_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            "abc",
            "-1",
            "0",
            "1.5",
            "1,5",
            "9" * 26,
            "-" + "9" * 26,
            "1e309",
            "NaN",
            "31/02/2024",
            "2024-02-31",
            "01/01/9999",
            "01/01/0001",
            "\x00",
            "a\x00b",
            "x" * 100_000,
            unicodedata.normalize("NFD", "Nguyễn Thị Ánh"),
            "\u202eexe.pdf",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "c-99999",
            "true",
            "on",
        ]
    ),
    st.text(max_size=40),
)


@st.composite
def mangled(draw, data: dict):
    """The row's own data with some fields replaced, some dropped, and maybe an extra one."""
    out = dict(data)
    for key in list(out):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            out[key] = draw(NASTY_TEXT)
        elif choice == 1:
            del out[key]
    if draw(st.booleans()):
        out[draw(st.sampled_from(["don_vi", "de_nghi", "revision", "c-1", "v-x-1-2", "loai", "zzz"]))] = draw(
            NASTY_TEXT
        )
    return out


BASE_ROWS = [a for a in ACTIONS if a.only is None and a.ok]
# Examples per endpoint: a few in `make test`, as many as you like with `make fuzz` (GS_FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("GS_FUZZ_EXAMPLES", "8"))


@pytest.mark.parametrize("row", BASE_ROWS, ids=[a.id for a in BASE_ROWS])
def test_no_input_gives_a_server_error_and_a_refusal_writes_nothing(world, row):  # noqa: F811
    who = sorted(row.ok)[0]
    with time_machine.travel(C.NOW, tick=False):
        obj = row.setup(world)
        url = reverse(row.name, kwargs=row.url(world, obj)) + (f"?{row.query}" if row.query else "")
        data = row.data(world, obj, who)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing input is printed as sent
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @example(sent=dict.fromkeys(data, "abc"))  # every field the wrong type,
        @example(sent=dict.fromkeys(data, "9" * 26))  # a number past every column's range,
        @example(sent=dict.fromkeys(data, "a\x00b"))  # a NUL,
        @example(sent={})  # nothing at all
        @given(sent=mangled(data))
        def one(sent):
            client = Client(raise_request_exception=False)  # no messages left from another example
            sign_in(client, world.users[who])
            with transaction.atomic():
                written = C.writes()
                response = client.post(url, sent)
                assert response.status_code != 500, (row.id, sent)
                refused = response.status_code >= 400 or any(
                    m.level_tag == "error" for m in get_messages(response.wsgi_request)
                )
                if refused:
                    assert C.writes() == written, (row.id, sent, "refused but rows were written")
                transaction.set_rollback(True)

        one()
