"""Form helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's Vietnamese validation errors on the form: on their field when it is shown."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def report_refusal(request: HttpRequest, exc: Exception) -> None:
    """A service's Vietnamese refusal (ValidationError or PermissionDenied) as error messages."""
    from django.contrib import messages

    if isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(exc) or "Bạn không có quyền thực hiện thao tác này.")


def form_errors(form: forms.BaseForm) -> list[str]:
    """Each error as "Label: message" (or the message alone for the whole form), in Vietnamese."""
    out = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields and form.fields[name].label else ""
        out += [f"{label}: {e}" if label else str(e) for e in errors]
    return out


def form_accepted(request: HttpRequest, form: forms.BaseForm) -> bool:
    """Is the posted form valid? If not, its errors become Vietnamese messages and nothing is done."""
    from django.contrib import messages

    if form.is_valid():
        return True
    messages.error(request, " ".join(form_errors(form)))
    return False


def run_action(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service call for a POST view; its Vietnamese refusals become error messages."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied

    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, success)
        return True
    return False


YEARS = (1930, 2100)  # dates a committee's work can carry: from the Party's founding to this century


def _date_within_years(value: Any) -> None:
    if value is not None and not (YEARS[0] <= value.year <= YEARS[1]):
        raise ValidationError(f"Năm {value.year} không hợp lệ; ngày phải trong các năm {YEARS[0]}–{YEARS[1]}.")


EMPTY_CHOICE = "— Chọn —"
_DJANGO_EMPTY = "---------"


def name_the_empty_choice(form: forms.BaseForm) -> None:
    """The empty option of a list says "— Chọn —", not Django's "---------" (every form of the project
    calls this next to ``guard_fields``)."""
    from django import forms as django_forms

    for field in form.fields.values():
        if isinstance(field, django_forms.ModelChoiceField):
            if field.empty_label == _DJANGO_EMPTY:
                field.empty_label = EMPTY_CHOICE
        elif isinstance(field, django_forms.ChoiceField):
            choices: list[Any] = list(field.choices)  # type: ignore[arg-type]  # a form field holds a list
            if any(value == "" and label == _DJANGO_EMPTY for value, label in choices):
                field.choices = [
                    (value, EMPTY_CHOICE if value == "" and label == _DJANGO_EMPTY else label)
                    for value, label in choices
                ]


def guard_fields(form: forms.BaseForm) -> None:
    """Refuse, as an invalid choice, a choice of a model's row that is no id: Django looks such values
    up in the database, and a number past the integer keys' range is a server error on SQLite
    ("Python int too large"). Refuse a date outside 1930–2100 (year 9999 is a typing slip, and a
    deadline computed from it overflows). Every form of the project calls this (``BootstrapMixin``)."""
    from django import forms as django_forms

    from guongsang.lib.http import MAX_ID

    for field in form.fields.values():
        if isinstance(field, django_forms.DateField | django_forms.DateTimeField):
            if _date_within_years not in field.validators:
                field.validators.append(_date_within_years)
            continue
        if not isinstance(field, django_forms.ModelChoiceField) or getattr(field, "to_field_name", None):
            continue
        original = field.clean

        def clean(value: Any, original: Callable[[Any], Any] = original) -> Any:
            values = value if isinstance(value, list | tuple) else [value]
            for item in values:
                text = str(item).strip() if item is not None else ""
                if text and not (text.isascii() and text.isdigit() and int(text) <= MAX_ID):
                    raise ValidationError("Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.", code="invalid_choice")
            return original(value)

        field.clean = clean  # type: ignore[method-assign]
