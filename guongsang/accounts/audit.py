"""Write audit entries. Service functions call `log_action` inside their transaction."""

from __future__ import annotations

import threading
from typing import Any

from django.db import models

from guongsang.accounts import chain
from guongsang.accounts.models import AuditEntry

_local = threading.local()


def set_request_address(address: str | None) -> None:
    """Remember the client address of the current request (set by middleware)."""
    _local.address = address


def current_address() -> str | None:
    return getattr(_local, "address", None)


def snapshot(obj: models.Model, fields: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """A JSON-safe copy of some fields of an object, for before/after."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.pk
        elif value is not None and not isinstance(value, (str, int, float, bool)):
            value = str(value)
        out[name] = value
    return out


def log_action(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    unit=None,
    before: dict | None = None,
    after: dict | None = None,
    object_repr: str = "",
) -> AuditEntry:
    if unit is None and obj is not None:
        unit = _unit_of(obj)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return chain.append(
        actor=actor_obj,
        actor_name=actor_obj.get_username() if actor_obj else "hệ thống",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
        unit=unit,
        unit_path=getattr(unit, "path", "") or "",
        before=before,
        after=after,
        ip_address=current_address(),
    )


def _unit_of(obj: models.Model):
    from guongsang.org.models import Unit

    if isinstance(obj, Unit):
        return obj
    unit = getattr(obj, "unit", None)
    if unit is None and getattr(obj, "person", None) is not None:
        unit = obj.person.unit
    return unit
