"""One answer to "is it late?" for every deadline: kept to the second, every day begun counts."""

import datetime as dt

import pytest

from guongsang.lib.deadlines import days_late, is_late, on_time_before

DUE = dt.datetime(2024, 2, 28, 16, 59, 59, tzinfo=dt.UTC)  # 23:59:59 on 28/02/2024 in Việt Nam
MS = dt.timedelta(microseconds=1)
S = dt.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("at", "late", "days"),
    [
        (DUE - dt.timedelta(days=3), False, 0),
        (DUE - S, False, 0),
        (DUE, False, 0),
        (DUE + dt.timedelta(microseconds=999_999), False, 0),  # still within the last second
        (DUE + S, True, 1),  # 00:00:00 on 29/02 in Việt Nam
        (DUE + dt.timedelta(days=1), True, 1),
        (DUE + dt.timedelta(days=1) + S, True, 2),
        (DUE + dt.timedelta(days=2, hours=1), True, 3),
    ],
)
def test_late_from_the_second_after_the_deadline(at, late, days):
    assert is_late(DUE, at) is late
    assert days_late(DUE, at) == days
    assert (at < on_time_before(DUE)) is not late


def test_the_first_late_instant_is_midnight_in_viet_nam():
    first = on_time_before(DUE)
    assert first == dt.datetime(2024, 2, 28, 17, 0, tzinfo=dt.UTC)
    local = first.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert (local.date(), local.time()) == (dt.date(2024, 2, 29), dt.time(0, 0))
    assert not is_late(DUE, first - MS) and is_late(DUE, first)
