"""Back up the whole database and the media files into one archive, and restore it.

The archive (`.tar.gz`) holds `data.jsonl` (every row of every table, many-to-many tables too, one
row a line, datetimes to the microsecond), the media files under `media/`, and `manifest.json`: the
format, when and from which database it was made, the migrations applied, the number of rows per
table and the SHA-256 of every member. The rows are read in one transaction (a consistent snapshot).
The format is the same for SQLite and PostgreSQL: an archive made on one restores on the other.

A restore checks the whole archive before it touches anything (every digest, safe member names, the
same migrations as the target database), then replaces every row in one transaction and the media
folder after it commits; the folder it replaced is kept beside it. The audit log is restored as it was
and one entry, "system.restored", is chained after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT = 1
DATA = "data.jsonl"
MANIFEST = "manifest.json"
MEDIA = "media"
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is for the operator, in Vietnamese."""


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder drops microseconds; a restore must give back the very same values."""

    def default(self, o: Any) -> Any:
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


@dataclass
class Manifest:
    created: str
    vendor: str
    migrations: list[str]
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # member name -> sha256
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError("Tệp không phải bản sao lưu của Gương Sáng, hoặc là định dạng khác.")
        return cls(**{k: data[k] for k in ("created", "vendor", "migrations", "rows", "files", "format")})


# Sign-ins are not restored: a restore must not bring back sessions that had ended since the backup.
NOT_SAVED = {"sessions.session", "accounts.signin"}


def saved_models() -> list[type[Model]]:
    """Every table the application owns but the sign-ins, parents before children; an automatic
    many-to-many table follows its model and is saved as rows of its own, so its ids come back too."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    out: list[type[Model]] = []
    for model in ordered:
        if not model._meta.managed or model._meta.proxy or model._meta.auto_created:
            continue
        if model._meta.label_lower in NOT_SAVED:
            continue
        out.append(model)
        for f in model._meta.local_many_to_many:
            through = f.remote_field.through
            if through is not None and through._meta.auto_created:
                out.append(through)
    return out


def _columns(model: type[Model]) -> list[str]:
    return [f.name for f in model._meta.local_concrete_fields if not f.primary_key]


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(path relative to the media folder, absolute path) of every regular file, in a fixed order."""
    if not root.exists():
        return
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of every table, without holding writers off: a read-only repeatable-read
    transaction on PostgreSQL; on SQLite a deferred transaction (WAL mode lets writers go on), where the
    app's own transactions are IMMEDIATE and would lock writers out for the whole dump."""
    if connection.in_atomic_block:  # inside a caller's transaction (the tests): its view is the snapshot
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        return
    connection.ensure_connection()
    with connection.cursor() as cur:
        cur.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            cur.execute("ROLLBACK")


def _dump(stream: TextIO) -> dict[str, int]:
    rows: dict[str, int] = {}
    with _snapshot():
        for model in saved_models():
            queryset = model._base_manager.order_by("pk")
            rows[model._meta.label_lower] = queryset.count()
            serializers.serialize(
                "jsonl", queryset.iterator(chunk_size=2000), stream=stream, cls=_ExactEncoder, fields=_columns(model)
            )
    return rows


def backup(target: Path) -> tuple[Path, Manifest]:
    """Write the archive to `target` (a folder: a dated name inside it). Returns where, and its manifest."""
    target = Path(target)
    if target.is_dir():
        target = target / f"guongsang-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    manifest = Manifest(
        created=timezone.localtime().isoformat(), vendor=connection.vendor, migrations=applied_migrations()
    )
    partial = target.with_name(target.name + ".dang-ghi")
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        data = Path(work) / DATA
        with data.open("w", encoding="utf-8") as stream:
            manifest.rows = _dump(stream)
        manifest.files[DATA] = _sha256(data)
        partial.touch(mode=0o600)  # the archive holds password hashes and personal data
        partial.chmod(0o600)
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(data, arcname=DATA)
            for rel, path in media_files(media_root):
                name = f"{MEDIA}/{rel}"
                manifest.files[name] = _sha256(path)
                tar.add(path, arcname=name, recursive=False)
            info = tarfile.TarInfo(MANIFEST)
            raw = manifest.to_json()
            info.size, info.mtime = len(raw), int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(raw))
    partial.replace(target)
    return target, manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and (name in (DATA, MANIFEST) or path.parts[0] == MEDIA)


def _unpack(archive: Path, into: Path) -> Manifest:
    """Extract and check the whole archive; raise BackupError on anything out of place."""
    try:
        tar = tarfile.open(archive, "r:*")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {archive.name}: {exc}.") from exc
    with tar:
        try:
            members = tar.getmembers()
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(f"Tệp sao lưu {archive.name} bị hỏng hoặc không trọn vẹn.") from exc
        for member in members:
            if not member.isfile() or not _safe_name(member.name):
                raise BackupError(f"Tệp sao lưu chứa mục không hợp lệ: {member.name!r}.")
        names = {m.name for m in members}
        if MANIFEST not in names or DATA not in names:
            raise BackupError("Tệp sao lưu thiếu manifest.json hoặc data.jsonl.")
        try:
            tar.extractall(into, filter="data")
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(f"Tệp sao lưu {archive.name} bị hỏng hoặc không trọn vẹn.") from exc
    manifest = Manifest.from_json((into / MANIFEST).read_bytes())
    found = names - {MANIFEST}
    if found != set(manifest.files):
        raise BackupError("Danh sách tệp trong bản sao lưu không khớp với manifest.json.")
    for name, digest in manifest.files.items():
        if _sha256(into / name) != digest:
            raise BackupError(f"Tệp {name} trong bản sao lưu đã bị thay đổi hoặc hỏng (mã băm không khớp).")
    return manifest


def _check_migrations(manifest: Manifest) -> None:
    here = set(applied_migrations())
    there = set(manifest.migrations)
    if here != there:
        missing, extra = sorted(there - here), sorted(here - there)
        detail = []
        if missing:
            detail.append("cơ sở dữ liệu này chưa có: " + ", ".join(missing[:5]))
        if extra:
            detail.append("bản sao lưu chưa có: " + ", ".join(extra[:5]))
        raise BackupError(
            "Bản sao lưu được tạo ở phiên bản khác của ứng dụng (" + "; ".join(detail) + "). "
            "Hãy khôi phục vào đúng phiên bản đã tạo bản sao lưu, rồi mới nâng cấp."
        )


def wipe() -> None:
    """Empty every table the application owns, the audit log too (only a restore does this)."""
    from guongsang.accounts import triggers

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    quote = connection.ops.quote_name
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with checks still pending in this transaction: run them now.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("TRUNCATE " + ", ".join(quote(t) for t in tables))  # the row triggers do not fire
            cur.execute("SET CONSTRAINTS ALL DEFERRED")  # rows are loaded in any order; checked at the end
            return
        cur.execute(triggers.SQLITE_DROP_NO_DELETE)
        for table in tables:
            cur.execute(f"DELETE FROM {quote(table)}")
        cur.execute(triggers.SQLITE_NO_DELETE)


def _insert(model: type[Model], objs: list[Model]) -> None:
    """Insert the rows as they are: `raw` keeps every stored value (no auto_now, no defaults)."""
    fields = list(model._meta.local_concrete_fields)
    size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        # The private call save(raw=True) itself ends in, for a batch of rows.
        model._base_manager._insert(objs[start : start + size], fields=fields, raw=True)  # type: ignore[attr-defined]


def _load(data: Path) -> dict[str, int]:
    rows: dict[str, int] = {}
    batch: list[Model] = []
    with data.open(encoding="utf-8") as stream:
        for item in serializers.deserialize("jsonl", stream):
            obj = item.object
            if batch and (type(obj) is not type(batch[0]) or len(batch) >= 2000):
                _insert(type(batch[0]), batch)
                batch = []
            batch.append(obj)
            label = obj._meta.label_lower
            rows[label] = rows.get(label, 0) + 1
    if batch:
        _insert(type(batch[0]), batch)
    return rows


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), saved_models())
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


def restore(archive: Path) -> Manifest:
    """Replace every row and every media file with the archive's. Nothing changes unless all of it
    checks out; the rows are replaced in one transaction."""
    from guongsang.accounts.audit import log_action

    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không có tệp sao lưu {archive}.")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".khoi-phuc-", dir=media_root.parent))
    try:
        manifest = _unpack(archive, work)
        _check_migrations(manifest)
        with transaction.atomic():
            wipe()
            rows = _load(work / DATA)
            if rows != {k: v for k, v in manifest.rows.items() if v}:
                raise BackupError("Số dòng đọc được không khớp với manifest.json; không khôi phục.")
            connection.check_constraints()
            _reset_sequences()
            log_action(
                actor=None,
                action="system.restored",
                object_repr=archive.name,
                after={"rows": sum(rows.values()), "files": len(manifest.files) - 1, "created": manifest.created},
            )
        restored = work / MEDIA
        restored.mkdir(exist_ok=True)
        if media_root.exists():
            media_root.rename(media_root.with_name(f"{media_root.name}.truoc-khoi-phuc-{timezone.now():%Y%m%d%H%M%S}"))
        restored.rename(media_root)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest
