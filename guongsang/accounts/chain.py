"""The audit log as a hash chain: each entry carries the digest of the one before it.

An entry's digest is an HMAC-SHA256, keyed by `GS_AUDIT_KEY` (by default derived from SECRET_KEY),
over its own content and the previous entry's digest. Whoever edits, deletes or inserts a row in the
middle of the log breaks the link to the next entry, and without the key cannot forge new digests.
`verify()` walks the log in order and reports the first broken link (`manage.py verify_audit`).

Entries are appended one at a time: the writer takes a lock (a transaction-scoped advisory lock on
PostgreSQL; SQLite's IMMEDIATE transactions already serialise writers) before reading the last digest,
so two concurrent writers never fork the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_ipv46_address
from django.db import connection, transaction
from django.utils import timezone

from guongsang.accounts.models import AuditEntry

GENESIS = "0" * 64
# One number the application's writers agree on for PostgreSQL's advisory lock.
_PG_LOCK = 0x6753_6175_6469  # "gSaudi"

# The fields a digest covers, in order. `id` is not among them: `seq` is, and the chain orders them.
FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "unit_id",
    "unit_path",
    "before",
    "after",
    "ip_address",
    "prev_hash",
)


def _key() -> bytes:
    key = getattr(settings, "GS_AUDIT_KEY", "") or ""
    if key:
        return key.encode()
    return hashlib.sha256(b"guongsang.audit:" + settings.SECRET_KEY.encode()).digest()


def _value(name: str, value: Any) -> Any:
    if name == "at" and isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def canonical(entry: AuditEntry) -> bytes:
    """The bytes an entry's digest is computed over: its fields as sorted, compact JSON."""
    data = {name: _value(name, getattr(entry, name)) for name in FIELDS}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(entry: AuditEntry) -> str:
    return hmac.new(_key(), canonical(entry), hashlib.sha256).hexdigest()


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK])


def _stored(fields: dict[str, Any]) -> dict[str, Any]:
    """The values as the database will give them back, so the digest is of what is stored."""
    for name in ("before", "after"):
        if fields.get(name) is not None:
            fields[name] = json.loads(json.dumps(fields[name], cls=DjangoJSONEncoder))
    fields["ip_address"] = client_address(fields.get("ip_address"))
    return fields


def client_address(value: str | None) -> str | None:
    """An IP address as the database stores it, or None for an empty or unparsable one (a Unix socket
    gives an empty REMOTE_ADDR; the database stores "" as NULL and PostgreSQL refuses a non-address)."""
    if not value:
        return None
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return AuditEntry._meta.get_field("ip_address").get_prep_value(value)


def append(**fields: Any) -> AuditEntry:
    """Add one entry at the end of the chain (in the caller's transaction, or in one of its own)."""
    fields = _stored(fields)
    with transaction.atomic():
        _lock()
        # Rows without a number (written past the app) are not links; PostgreSQL sorts NULL first.
        last = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").values_list("seq", "entry_hash").first()
        seq, prev = ((last[0] or 0) + 1, last[1]) if last else (1, GENESIS)
        entry = AuditEntry(seq=seq, prev_hash=prev, at=timezone.now(), **fields)
        entry.entry_hash = digest(entry)
        entry.save()
    return entry


@dataclass(frozen=True)
class Verdict:
    checked: int
    head: AuditEntry | None
    broken: AuditEntry | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken is None


def _in_order(batch: int = 2000) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].seq or 0


def verify() -> Verdict:
    """Walk the chain from the first entry; stop at the first entry whose link does not hold."""
    expected_seq, prev, head, checked = 1, GENESIS, None, 0
    for entry in _in_order():
        if entry.seq != expected_seq:
            return Verdict(checked, head, entry, f"số thứ tự {entry.seq}, lẽ ra là {expected_seq} (thiếu mục)")
        if entry.prev_hash != prev:
            return Verdict(checked, head, entry, "không khớp với mục liền trước (mục trước đã bị sửa hoặc xóa)")
        if not hmac.compare_digest(entry.entry_hash, digest(entry)):
            return Verdict(checked, head, entry, "nội dung không khớp với mã băm (mục đã bị sửa)")
        prev, head, checked, expected_seq = entry.entry_hash, entry, checked + 1, expected_seq + 1
    unchained = AuditEntry.objects.exclude(seq__gte=1).order_by("id").first()
    if unchained is not None:
        return Verdict(checked, head, unchained, "mục không có số thứ tự (được chèn ngoài ứng dụng)")
    return Verdict(checked, head)
