"""A user's own security: two-factor sign-in (a TOTP app, with one-time recovery codes) and the list of
live sign-ins, which the user can end one by one or all at once. Every change is audited.

The second factor uses django-otp: a `TOTPDevice` (confirmed once the user has typed a code from the
app) and a `StaticDevice` named "recovery" holding the unused recovery codes. Both throttle repeated
failures themselves (each failure doubles the wait).
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts.audit import log_action
from guongsang.accounts.chain import client_address
from guongsang.accounts.models import Membership, SignIn

User = AbstractBaseUser | AnonymousUser
RECOVERY = "recovery"
APP = "app"


class SecurityError(Exception):
    """A refusal the user can act on; the message is Vietnamese."""


# Two-factor sign-in -------------------------------------------------------------------------------


def second_factor_required(user: Any) -> bool:
    """An administrator requires it of some roles (GS_2FA_REQUIRED_ROLES)."""
    roles = set(settings.GS_2FA_REQUIRED_ROLES)
    return bool(roles) and Membership.objects.filter(user=user, role__in=roles).exists()


def second_factor_on(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY).count()


def totp_begin(*, actor: Any) -> TOTPDevice:
    """A new, unconfirmed app device (any earlier unconfirmed one is dropped). Nothing changes for the
    sign-in until it is confirmed with a code."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        return TOTPDevice.objects.create(user=actor, name=APP, confirmed=False)


def _new_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user, name=RECOVERY).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.GS_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _clean(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def totp_confirm(*, actor: Any, device_id: int, code: str) -> list[str]:
    """Confirm the app with a code it shows; turn two-factor sign-in on and return the recovery codes
    (shown once). A wrong code changes nothing but the device's failure count (kept: it slows guessing).
    Refused when two-factor sign-in is already on: replacing the app means turning it off first, with a
    current code."""
    if second_factor_on(actor):
        raise SecurityError("Xác thực hai bước đã bật; muốn đổi ứng dụng, hãy tắt rồi bật lại.")
    device = TOTPDevice.objects.filter(pk=device_id, user=actor, confirmed=False).first()
    if device is None:
        raise SecurityError("Phiên cài đặt đã hết; hãy bắt đầu lại.")
    with transaction.atomic():  # the check's own transaction: its failure count is kept
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        accepted = locked.verify_token(_clean(code))
    if not accepted:
        raise SecurityError("Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        codes = _new_recovery_codes(actor)
        log_action(actor=actor, action="accounts.second_factor_on", object_repr=actor.get_username())
    return codes


def _check_current(user: Any, code: str) -> Device:
    """A current code of the user's (checked, and its failure counted, before any change is made)."""
    device = verify_second_factor(user=user, code=code, audit=False)
    if device is None:
        raise SecurityError("Mã xác thực không đúng (hoặc đã dùng).")
    return device


def recovery_codes_renew(*, actor: Any, code: str) -> list[str]:
    """New recovery codes (the old ones stop working), after a current code."""
    if not second_factor_on(actor):
        raise SecurityError("Chưa bật xác thực hai bước.")
    _check_current(actor, code)
    with transaction.atomic():
        codes = _new_recovery_codes(actor)
        log_action(actor=actor, action="accounts.recovery_codes_renewed", object_repr=actor.get_username())
    return codes


def second_factor_off(*, actor: Any, code: str) -> None:
    if second_factor_required(actor):
        raise SecurityError("Vai trò của bạn bắt buộc xác thực hai bước; không tắt được.")
    if not second_factor_on(actor):
        raise SecurityError("Xác thực hai bước chưa bật.")
    _check_current(actor, code)
    with transaction.atomic():
        for device in devices_for_user(actor, confirmed=None):
            device.delete()
        log_action(actor=actor, action="accounts.second_factor_off", object_repr=actor.get_username())


def verify_second_factor(*, user: Any, code: str, audit: bool = True) -> Device | None:
    """The device (app or recovery codes) that accepts the code, or None. A recovery code is used up.
    While a device is throttled after failures it accepts nothing."""
    token = _clean(code)
    found = None
    if token:
        with transaction.atomic():
            for device in devices_for_user(user, confirmed=True, for_verify=True):
                if device.verify_token(token):
                    found = device
                    break
    if audit:
        action = "accounts.second_factor_passed" if found else "accounts.second_factor_failed"
        log_action(
            actor=user, action=action, object_repr=user.get_username(), after={"device": getattr(found, "name", "")}
        )
    return found


def throttled_until(user: Any) -> dt.datetime | None:
    """When the user may try a code again, if every device is waiting after failures."""
    waits = []
    for device in devices_for_user(user, confirmed=True):
        allowed, info = device.verify_is_allowed()
        if allowed:
            return None
        waits.append((info or {}).get("locked_until"))
    known = [w for w in waits if w is not None]
    return min(known) if known else None


# Live sign-ins ------------------------------------------------------------------------------------


def _engine() -> Any:
    return import_module(settings.SESSION_ENGINE)


def sign_in_started(*, user: Any, session_key: str, ip: str | None, user_agent: str) -> None:
    SignIn.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "ip_address": client_address(ip),
            "user_agent": user_agent[:255],
            "last_seen": timezone.now(),
        },
    )


def sign_in_rekeyed(old_key: str | None, new_key: str | None) -> None:
    """The session was given a new key (a password change does that): the sign-in follows it, so it stays
    listed and can still be ended."""
    if old_key and new_key and old_key != new_key:
        SignIn.objects.filter(session_key=old_key).update(session_key=new_key)


def sign_in_seen(session_key: str) -> None:
    SignIn.objects.filter(session_key=session_key).update(last_seen=timezone.now())


def sign_in_ended(session_key: str | None) -> None:
    if session_key:
        SignIn.objects.filter(session_key=session_key).delete()


def live_sign_ins(user: Any) -> list[SignIn]:
    """The user's sign-ins that can still be used (not past the day's limit nor the idle limit); the
    others are dropped from the list."""
    now = timezone.now()
    day = now - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    idle = now - dt.timedelta(seconds=settings.GS_SESSION_IDLE_SECONDS)
    mine = SignIn.objects.filter(user=user)
    mine.filter(started_at__lt=day).delete()
    mine.filter(last_seen__lt=idle).delete()
    store = _engine().SessionStore
    live = []
    for sign_in in mine.order_by("-last_seen"):
        if store().exists(sign_in.session_key):
            live.append(sign_in)
        else:
            sign_in.delete()
    return live


def end_sign_in(*, actor: Any, sign_in_id: int) -> None:
    """End one of the user's own sign-ins (on another device): its session is deleted."""
    with transaction.atomic():
        sign_in = SignIn.objects.filter(pk=sign_in_id, user=actor).first()
        if sign_in is None:
            raise SecurityError("Phiên này đã kết thúc.")
        _engine().SessionStore(session_key=sign_in.session_key).delete()
        sign_in.delete()
        log_action(
            actor=actor,
            action="accounts.sign_in_ended",
            object_repr=actor.get_username(),
            after={"ip": sign_in.ip_address, "since": sign_in.started_at.isoformat()},
        )


def end_every_sign_in(*, actor: Any) -> int:
    """Sign the user out everywhere, this browser included. Returns how many sign-ins ended."""
    with transaction.atomic():
        store = _engine().SessionStore
        keys = list(SignIn.objects.filter(user=actor).values_list("session_key", flat=True))
        for key in keys:
            store(session_key=key).delete()
        SignIn.objects.filter(user=actor).delete()
        log_action(
            actor=actor,
            action="accounts.signed_out_everywhere",
            object_repr=actor.get_username(),
            after={"sessions": len(keys)},
        )
    return len(keys)
