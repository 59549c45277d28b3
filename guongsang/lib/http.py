"""Bad input from the address or a form: a 400 with a Vietnamese message, never a server error."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader

# The largest id a request may name: the databases' integer keys stop here, and a longer number is
# no id of ours (it would overflow SQLite and PostgreSQL alike).
MAX_ID = 2**31 - 1


class BadInput(BadRequest):
    """A request the user can put right. Its message is Vietnamese and is shown on the 400 page."""


def id_param(value: str | None, what: str) -> int | None:
    """The id in a query or form field: None when absent, BadInput when it is not one."""
    if value is None or value == "":
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit() or int(text) > MAX_ID:
        raise BadInput(f"{what} không hợp lệ: “{value[:40]}”.")
    return int(text)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page. Only our own BadInput messages are shown; others may name internals."""
    message = str(exception) if isinstance(exception, BadInput) else ""
    body = loader.get_template("400.html").render({"exception": message}, request)
    return HttpResponseBadRequest(body)


def check_form_counts(post: Mapping[str, str], limit: int) -> None:
    """Refuse a POST whose formsets claim more rows than `limit` (or a count that is no number) before
    any form is built: a tampered "TOTAL_FORMS" would otherwise keep the server building forms."""
    for key, value in post.items():
        if key.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            text = value.strip()
            if not (text.isascii() and text.isdigit() and int(text) <= limit):
                raise BadInput(f"Số dòng gửi lên không hợp lệ ({key}); hãy tải lại trang và làm lại.")
