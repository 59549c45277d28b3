"""Every sign-in, sign-out and failed sign-in goes into the audit log (with the client address)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from guongsang.accounts.audit import log_action


@receiver(user_logged_in, dispatch_uid="gs-audit-signed-in")
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log_action(actor=user, action="accounts.signed_in", object_repr=user.get_username())


@receiver(user_logged_out, dispatch_uid="gs-audit-signed-out")
def signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        log_action(actor=user, action="accounts.signed_out", object_repr=user.get_username())


@receiver(user_login_failed, dispatch_uid="gs-audit-sign-in-failed")
def sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    """The user name that was tried, never the password (Django has already masked it)."""
    name = str(credentials.get("username") or "")[:150]
    log_action(actor=None, action="accounts.sign_in_failed", object_repr=name, after={"username": name})
