"""Two-factor sign-in (TOTP app + recovery codes), required by role when the administrator says so,
and the page of live sign-ins with "sign out everywhere"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts import services
from guongsang.accounts.models import AuditEntry, Role, SignIn

START = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
STEP = dt.timedelta(seconds=30)  # one TOTP period: a code is never accepted twice
LOGIN, VERIFY, SETUP, SECURITY = (
    "/dang-nhap/",
    "/dang-nhap/xac-thuc/",
    "/tai-khoan/xac-thuc-hai-buoc/",
    "/tai-khoan/bao-mat/",
)


def code_for(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def password(client: Client, username: str = "quanly", ua: str = "Trình duyệt A"):
    return client.post(LOGIN, {"username": username, "password": "mat-khau-123"}, HTTP_USER_AGENT=ua)


def turn_on(client: Client) -> tuple[TOTPDevice, list[str]]:
    page = client.get(SETUP)
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="quanly", confirmed=False)
    done = client.post(SETUP, {"device": device.pk, "code": code_for(device)})
    assert done.status_code == 200, done.content.decode()
    codes = re.findall(r'<li class="col">([a-z2-7]{8})</li>', done.content.decode())
    return TOTPDevice.objects.get(pk=device.pk), codes


def test_turning_it_on_then_signing_in_takes_a_code(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        device, codes = turn_on(client)
        assert device.confirmed and len(codes) == 10 and len(set(codes)) == 10
        assert AuditEntry.objects.filter(action="accounts.second_factor_on", actor=cast.users[Role.MANAGER]).exists()
        client.post(reverse("accounts:logout"))

        clock.shift(STEP)
        assert password(client).status_code == 302
        # Until the code is typed, every page leads to the code, and no action runs.
        for path in ("/", "/ke-hoach/", SECURITY):
            answer = client.get(path)
            assert answer.status_code == 302 and answer["Location"].startswith(VERIFY + "?next=")
        assert client.post("/ke-hoach/moi/", {}).status_code == 302

        wrong = client.post(VERIFY, {"code": "000000"})
        assert wrong.status_code == 400 and "Mã không đúng" in wrong.content.decode()
        assert AuditEntry.objects.filter(action="accounts.second_factor_failed").count() == 1
        clock.shift(STEP)  # past the pause that a failure imposes
        right = client.post(VERIFY + "?next=/ke-hoach/", {"code": code_for(device), "next": "/ke-hoach/"})
        assert right.status_code == 302 and right["Location"] == "/ke-hoach/"
        assert client.get("/").status_code == 200
        assert AuditEntry.objects.filter(action="accounts.second_factor_passed").count() == 1


def test_the_next_address_stays_on_this_site(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        device, _ = turn_on(client)
        client.post(reverse("accounts:logout"))
        clock.shift(STEP)
        password(client)
        answer = client.post(VERIFY, {"code": code_for(device), "next": "https://ke-gian.example/"})
        assert answer.status_code == 302 and answer["Location"] == "/"


def test_a_recovery_code_works_once(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        _, codes = turn_on(client)
        client.post(reverse("accounts:logout"))
        password(client)
        used = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
        assert "còn 9 mã" in used.content.decode()
        assert StaticToken.objects.filter(device__user=cast.users[Role.MANAGER]).count() == 9
        client.post(reverse("accounts:logout"))
        clock.shift(STEP * 4)
        password(client)
        again = client.post(VERIFY, {"code": codes[0]})
        assert again.status_code == 400
        assert client.get("/").status_code == 302


def test_repeated_failures_make_even_the_right_code_wait(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        device, _ = turn_on(client)
        client.post(reverse("accounts:logout"))
        clock.shift(STEP)
        password(client)
        for _ in range(3):
            client.post(VERIFY, {"code": "123456"})
        refused = client.post(VERIFY, {"code": code_for(device)})
        assert refused.status_code == 400 and "Hãy thử lại sau" in refused.content.decode()
        clock.shift(dt.timedelta(seconds=9))  # throttling doubles: 1 + 2 + 4 s
        assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


def test_a_wrong_code_at_setup_turns_nothing_on(client, cast):
    with time_machine.travel(START, tick=False):
        password(client)
        client.get(SETUP)
        device = TOTPDevice.objects.get(user=cast.users[Role.MANAGER])
        good = int(code_for(device))
        for bad in (str((good + 1) % 1_000_000).zfill(6), "abc!", "", "9" * 30):
            answer = client.post(SETUP, {"device": device.pk, "code": bad})
            assert answer.status_code == 400
            assert not services.second_factor_on(cast.users[Role.MANAGER])
        assert not StaticToken.objects.exists()
        # Another user's device id is not this user's to confirm.
        other = TOTPDevice.objects.create(user=cast.users[Role.LEADER], name="app", confirmed=False)
        answer = client.post(SETUP, {"device": other.pk, "code": code_for(other)})
        assert answer.status_code == 400 and not TOTPDevice.objects.get(pk=other.pk).confirmed


def test_turning_it_off_takes_a_current_code(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        device, _ = turn_on(client)
        clock.shift(STEP)
        wrong = client.post(reverse("accounts:security_action", args=["tat"]), {"code": "000000"}, follow=True)
        assert "Mã xác thực không đúng" in wrong.content.decode()
        assert services.second_factor_on(cast.users[Role.MANAGER])
        clock.shift(STEP)
        client.post(reverse("accounts:security_action", args=["tat"]), {"code": code_for(device)})
        assert not services.second_factor_on(cast.users[Role.MANAGER])
        assert AuditEntry.objects.filter(action="accounts.second_factor_off").exists()


def test_new_recovery_codes_replace_the_old(client, cast):
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        device, old = turn_on(client)
        clock.shift(STEP)
        page = client.post(reverse("accounts:security_action", args=["ma-du-phong"]), {"code": code_for(device)})
        new = re.findall(r'<li class="col">([a-z2-7]{8})</li>', page.content.decode())
        assert len(new) == 10 and not set(new) & set(old)
        tokens = set(StaticToken.objects.filter(device__user=cast.users[Role.MANAGER]).values_list("token", flat=True))
        assert tokens == set(new)


def test_a_required_role_must_turn_it_on_first(client, cast, settings):
    settings.GS_2FA_REQUIRED_ROLES = ["manager", "leader"]
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        answer = client.get("/ke-hoach/")
        assert answer.status_code == 302 and answer["Location"].startswith(SETUP + "?next=")
        page = client.get(answer["Location"])
        assert "Vai trò của bạn bắt buộc xác thực hai bước" in page.content.decode()
        device = TOTPDevice.objects.get(user=cast.users[Role.MANAGER], confirmed=False)
        client.post(SETUP, {"device": device.pk, "code": code_for(device), "next": "/ke-hoach/"})
        assert client.get("/ke-hoach/").status_code == 200
        # Required: it cannot be turned off, even with a right code.
        clock.shift(STEP)
        off = client.post(reverse("accounts:security_action", args=["tat"]), {"code": code_for(device)}, follow=True)
        assert "bắt buộc xác thực hai bước; không tắt được" in off.content.decode()
        assert services.second_factor_on(cast.users[Role.MANAGER])
        # A role that is not listed signs in with the password alone.
        other = Client()
        password(other, "donvi")
        assert other.get("/").status_code == 200


def test_the_security_page_lists_live_sign_ins_and_ends_one(cast):
    here, there = Client(), Client()
    with time_machine.travel(START, tick=False):
        password(here, ua="Firefox trên máy bàn")
        password(there, ua="Chrome trên điện thoại")
        page = here.get(SECURITY).content.decode()
        assert "Firefox trên máy bàn" in page and "Chrome trên điện thoại" in page and "phiên này" in page
        theirs = SignIn.objects.get(user_agent="Chrome trên điện thoại")
        here.post(reverse("accounts:security_action", args=["ket-thuc-phien"]), {"phien": theirs.pk})
        assert there.get("/").status_code == 302
        assert here.get("/").status_code == 200
        assert AuditEntry.objects.filter(action="accounts.sign_in_ended").exists()


def test_signing_out_everywhere_ends_every_sign_in(cast):
    here, there = Client(), Client()
    password(here)
    password(there)
    answer = here.post(reverse("accounts:security_action", args=["dang-xuat-moi-noi"]))
    assert answer.status_code == 302 and answer["Location"] == LOGIN
    assert here.get("/").status_code == 302 and there.get("/").status_code == 302
    assert not SignIn.objects.filter(user=cast.users[Role.MANAGER]).exists()
    entry = AuditEntry.objects.get(action="accounts.signed_out_everywhere")
    assert entry.after == {"sessions": 2}


def test_another_users_sign_in_cannot_be_ended(cast):
    mine, theirs = Client(), Client()
    password(mine)
    password(theirs, "lanhdao")
    target = SignIn.objects.get(user=cast.users[Role.LEADER])
    for value in (target.pk, "abc", "", "9" * 30):
        answer = mine.post(reverse("accounts:security_action", args=["ket-thuc-phien"]), {"phien": value})
        assert answer.status_code in (302, 400)
    assert theirs.get("/").status_code == 200 and SignIn.objects.filter(pk=target.pk).exists()


def test_sign_ins_past_their_limits_are_not_listed(cast, settings):
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        assert len(services.live_sign_ins(cast.users[Role.MANAGER])) == 1
        clock.shift(dt.timedelta(seconds=settings.GS_SESSION_IDLE_SECONDS + 1))
        assert services.live_sign_ins(cast.users[Role.MANAGER]) == []
        assert not SignIn.objects.exists()


def test_an_unknown_security_action_is_not_found(client, cast):
    password(client)
    assert client.post(reverse("accounts:security_action", args=["khac"])).status_code == 404
    assert client.get(reverse("accounts:security_action", args=["tat"])).status_code == 405


def test_work_keeps_a_sign_in_listed_as_active(cast):
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        client.get("/")
        clock.shift(dt.timedelta(seconds=59))
        client.get("/")
        assert SignIn.objects.get().last_seen == START  # written at most once a minute
        clock.shift(dt.timedelta(seconds=1))  # a minute to the second
        client.get("/")
        assert SignIn.objects.get().last_seen == START + dt.timedelta(seconds=60)


def test_a_sign_in_waiting_for_its_code_cannot_set_up_a_new_app(client, cast):
    """With the password alone, the set-up page neither shows a new secret nor replaces the app."""
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        device, _ = turn_on(client)
        client.post(reverse("accounts:logout"))
        clock.shift(STEP)
        password(client)
        for answer in (client.get(SETUP), client.post(SETUP, {"device": device.pk, "code": "000000"})):
            assert answer.status_code == 302 and answer["Location"].startswith(VERIFY)
        assert list(TOTPDevice.objects.filter(user=cast.users[Role.MANAGER])) == [device]
        with pytest.raises(services.SecurityError, match="đã bật"):
            services.totp_confirm(actor=cast.users[Role.MANAGER], device_id=device.pk, code=code_for(device))
        assert client.get("/").status_code == 302


def test_wrong_codes_for_turning_it_off_are_counted(client, cast):
    """A failure inside the refused change is kept, so guessing the code to turn it off slows down."""
    with time_machine.travel(START, tick=False) as clock:
        password(client)
        device, _ = turn_on(client)
        clock.shift(STEP)
        for _ in range(2):
            client.post(reverse("accounts:security_action", args=["tat"]), {"code": "000000"})
        # The first failure is kept (the second came while the device was waiting, so it is not counted).
        assert TOTPDevice.objects.get(pk=device.pk).throttling_failure_count == 1
        client.post(reverse("accounts:security_action", args=["tat"]), {"code": code_for(device)})
        assert services.second_factor_on(cast.users[Role.MANAGER])  # still waiting after the failures


def test_a_password_change_keeps_the_sign_in_listed(client, cast):
    password(client)
    before = SignIn.objects.get(user=cast.users[Role.MANAGER]).session_key
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "mat-khau-123",
            "new_password1": "Mot-mat-khau-dai-2026",
            "new_password2": "Mot-mat-khau-dai-2026",
        },
    )
    after = SignIn.objects.get(user=cast.users[Role.MANAGER])
    assert after.session_key != before and after.session_key == client.session.session_key
    client.post(reverse("accounts:security_action", args=["dang-xuat-moi-noi"]))
    assert client.get("/").status_code == 302
