import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from guongsang.accounts.audit import set_request_address


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
            if now - seen >= 60 or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)
