"""What comes in from a form or an address is clean before any view sees it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from guongsang.lib.http import BadInput, bad_request

# Fields left exactly as typed: a password is compared byte for byte with what was set.
VERBATIM = ("password", "mat_khau")


def _clean(data: QueryDict) -> QueryDict | None:
    """`data` with every value in NFC, or None when it is already; BadInput on a NUL character."""
    changed = False
    out = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        kept = []
        for value in values:
            if "\x00" in value or "\x00" in key:
                raise BadInput("Dữ liệu gửi lên có ký tự không hợp lệ (ký tự NUL); hãy gõ lại nội dung.")
            if not any(v in key for v in VERBATIM) and not unicodedata.is_normalized("NFC", value):
                value, changed = unicodedata.normalize("NFC", value), True
            kept.append(value)
        out.setlist(key, kept)
    if not changed:
        return None
    out._mutable = False
    return out


class CleanInputMiddleware:
    """Vietnamese text is stored in NFC, so what is typed is made NFC too (a search typed in decomposed
    Unicode finds the stored text), and a NUL character, which PostgreSQL refuses to store and no form
    needs, is a 400 in Vietnamese instead of a server error. Uploaded files are not touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            query = _clean(request.GET)
            if query is not None:
                request.GET = query  # type: ignore[assignment]  # a QueryDict made immutable above
            if request.method == "POST":
                form = _clean(request.POST)
                if form is not None:
                    request.POST = form  # type: ignore[assignment]  # a QueryDict made immutable above
        except BadInput as exc:
            return bad_request(request, exc)
        return self.get_response(request)
