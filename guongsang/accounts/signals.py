"""Every sign-in, sign-out and failed sign-in goes into the audit log (with the client address); a
sign-in is listed among the user's live sign-ins and, when the user has (or must have) two-factor
sign-in, waits for the second step (`SecondFactorMiddleware`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from guongsang.accounts import services
from guongsang.accounts.audit import log_action

SECOND_FACTOR = "gs_second_factor"  # "verify" (type a code) or "setup" (turn it on first)


@receiver(user_logged_in, dispatch_uid="gs-audit-signed-in")
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log_action(actor=user, action="accounts.signed_in", object_repr=user.get_username())
    session = getattr(request, "session", None)
    if session is None:
        return
    if services.second_factor_on(user):
        session[SECOND_FACTOR] = "verify"
    elif services.second_factor_required(user):
        session[SECOND_FACTOR] = "setup"
    if not session.session_key:
        session.save()
    services.sign_in_started(
        user=user,
        session_key=session.session_key,
        ip=request.META.get("REMOTE_ADDR"),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


@receiver(user_logged_out, dispatch_uid="gs-audit-signed-out")
def signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        log_action(actor=user, action="accounts.signed_out", object_repr=user.get_username())
    session = getattr(request, "session", None)
    if session is not None:
        services.sign_in_ended(session.session_key)


@receiver(user_login_failed, dispatch_uid="gs-audit-sign-in-failed")
def sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    """The user name that was tried, never the password (Django has already masked it)."""
    name = str(credentials.get("username") or "")[:150]
    log_action(actor=None, action="accounts.sign_in_failed", object_repr=name, after={"username": name})
