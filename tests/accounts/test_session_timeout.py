"""A sign-in ends after a working day, or sooner after two hours without a request (settings)."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

START = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)  # 08:00 in Việt Nam


def _sign_in(client, cast):
    client.post(reverse("accounts:login"), {"username": "quanly", "password": "mat-khau-123"})
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "idle,signed_in", [(dt.timedelta(minutes=119, seconds=59), True), (dt.timedelta(hours=2), False)]
)
def test_two_hours_without_a_request_end_the_sign_in(client, cast, idle, signed_in):
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client, cast)
        clock.shift(idle)
        response = client.get("/")
    if signed_in:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=/")
        follow = client.get(response["Location"])
        assert "Phiên làm việc đã hết hạn; hãy đăng nhập lại." in follow.content.decode()


def test_work_keeps_the_sign_in_alive_but_not_beyond_a_working_day(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client, cast)
        for _ in range(15):  # a request every half hour: never idle
            clock.shift(dt.timedelta(minutes=30))
            assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(minutes=29, seconds=59))  # 7 h 59 min 59 s after signing in
        assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(seconds=1))  # 8 h
        assert client.get("/").status_code == 302


@override_settings(GS_SESSION_IDLE_SECONDS=600, SESSION_COOKIE_AGE=3600)
def test_the_limits_come_from_the_settings(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client, cast)
        clock.shift(dt.timedelta(minutes=10))
        assert client.get("/").status_code == 302
