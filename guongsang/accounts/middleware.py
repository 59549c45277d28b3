import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from guongsang.accounts.audit import set_request_address
from guongsang.accounts.services import sign_in_seen
from guongsang.accounts.signals import SECOND_FACTOR


class AuditAddressMiddleware:
    """Remember the client address so audit entries written during the request carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        set_request_address(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            set_request_address(None)


SIGNED_IN_AT, LAST_SEEN = "gs_signed_in_at", "gs_last_seen"


class SessionTimeoutMiddleware:
    """End a sign-in after a working day (SESSION_COOKIE_AGE) or after GS_SESSION_IDLE_SECONDS without a
    request, whichever comes first; the user signs in again and is told why. The times are kept in the
    session; the idle clock is written at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(SIGNED_IN_AT, now)
            seen = session.get(LAST_SEEN, now)
            if now - started >= settings.SESSION_COOKIE_AGE or now - seen >= settings.GS_SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, "Phiên làm việc đã hết hạn; hãy đăng nhập lại.")
                return redirect_to_login(request.get_full_path())
            if LAST_SEEN not in session:
                session[LAST_SEEN] = now
            elif now - seen >= 60:  # the live sign-in's "last seen" too, at most once a minute
                session[LAST_SEEN] = now
                if session.session_key:
                    sign_in_seen(session.session_key)
        return self.get_response(request)


class SecondFactorMiddleware:
    """After the password, a user with two-factor sign-in types a code before anything else; a user
    whose role requires it and who has not turned it on does that first. Until then only these
    pages answer (and the static files)."""

    # Each step opens its own page only: a sign-in waiting for its code cannot set up a new device.
    OPEN = {
        "verify": ("accounts:second_factor", "accounts:logout"),
        "setup": ("accounts:second_factor_setup", "accounts:logout"),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = request.session.get(SECOND_FACTOR) if hasattr(request, "session") else None
        if step and request.user.is_authenticated:
            match = getattr(request, "resolver_match", None) or _resolve(request.path_info)
            name = f"{match.namespace}:{match.url_name}" if match else ""
            if name not in self.OPEN.get(step, ()) and not request.path_info.startswith(settings.STATIC_URL):
                target = "accounts:second_factor" if step == "verify" else "accounts:second_factor_setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
