"""`manage.py backup` and `restore`: every row and every file comes back byte for byte, and a restore
that cannot be trusted changes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from guongsang.accounts import chain
from guongsang.accounts.audit import log_action
from guongsang.accounts.models import AuditEntry, Role
from guongsang.lib import backup
from guongsang.org.models import Person, Unit


def _rows() -> dict[str, list[tuple]]:
    """Every row of every table, many-to-many tables too, in primary-key order."""
    return {
        m._meta.label_lower: list(m._base_manager.order_by("pk").values_list())
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in backup.NOT_SAVED
    }


def _files(root: Path) -> dict[str, str]:
    return {rel: hashlib.sha256(path.read_bytes()).hexdigest() for rel, path in backup.media_files(root)}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_backup_wipe_restore_gives_back_every_row_and_every_file(demo, db, settings, tmp_path):
    media_root = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, media_root)
    settings.MEDIA_ROOT = media_root
    (media_root / "ho-so" / "tên có dấu.pdf").write_bytes(b"%PDF-1.4 \x00\xff")  # a non-ASCII name
    rows, files = _rows(), _files(media_root)
    assert sum(map(len, rows.values())) > 5000 and len(files) > 20

    from guongsang.accounts.models import SignIn

    SignIn.objects.create(user=_any_user(), session_key="truoc-sao-luu")
    archive, manifest = backup.backup(tmp_path)
    assert archive.parent == tmp_path and archive.name.startswith("guongsang-")
    assert archive.stat().st_mode & 0o777 == 0o600  # password hashes and personal data inside
    assert manifest.rows["org.person"] == len(rows["org.person"])

    _as_a_new_database()
    shutil.rmtree(media_root)
    assert not Unit.objects.exists() and not AuditEntry.objects.exists() and not Person.objects.exists()

    backup.restore(archive)
    after = _rows()
    restored = after["accounts.auditentry"].pop()
    assert after == rows
    assert _files(media_root) == files
    # The restore itself is the one new entry, chained after the restored log.
    entry = AuditEntry.objects.get(pk=restored[0])
    assert entry.action == "system.restored" and entry.object_repr == archive.name
    assert chain.verify().ok
    # Sign-ins are not brought back; new rows get new ids (the sequences were moved past the restored ones).
    assert not SignIn.objects.exists()
    from tests.conftest import make_unit

    added = make_unit(Unit.objects.get(depth=1, code="TN-TU"), "SAU-KHOI-PHUC", "Đơn vị thêm sau", "chi-bo-co-so")
    assert added.pk > max(pk for pk, *_ in rows["org.unit"])


def _as_a_new_database() -> None:
    """Every table emptied and every id counter back at 1, as on a machine the backup is restored to."""
    from django.core.management.color import no_style
    from django.db import connection

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=False):
            cur.execute(sql)
        if connection.vendor == "postgresql":
            cur.execute("SET CONSTRAINTS ALL DEFERRED")


def _any_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.order_by("pk").first()


def _cast_with_file(cast, media: Path) -> None:
    (media / "ho-so").mkdir(parents=True)
    (media / "ho-so" / "a.pdf").write_bytes("%PDF-1.4 hồ sơ".encode())
    log_action(actor=cast.users[Role.MANAGER], action="test.before", obj=cast.commune)


def _rewrite(archive: Path, out: Path, change) -> Path:
    """A copy of the archive with its members passed through `change(name, data) -> [(name, data)]`."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            for name, data in change(member.name, src.extractfile(member).read()):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                dst.addfile(info, io.BytesIO(data))
    return out


def _unchanged(rows, media: Path, files) -> None:
    assert _rows() == rows and _files(media) == files


@pytest.mark.parametrize(
    "change, words",
    [
        pytest.param(
            lambda name, data: [(name, data.replace("Lát".encode(), b"Lat") if name == "data.jsonl" else data)],
            "mã băm không khớp",
            id="edited-rows",
        ),
        pytest.param(
            lambda name, data: [(name, data), *([("media/../../ngoai.txt", b"x")] if name == "data.jsonl" else [])],
            "mục không hợp lệ",
            id="path-outside",
        ),
        pytest.param(
            lambda name, data: [(name, data), *([("media/them.pdf", b"x")] if name == "data.jsonl" else [])],
            "không khớp với manifest",
            id="file-added",
        ),
        pytest.param(
            lambda name, data: [] if name == "media/ho-so/a.pdf" else [(name, data)],
            "không khớp với manifest",
            id="file-missing",
        ),
        pytest.param(
            lambda name, data: [
                (
                    name,
                    json.dumps(
                        {**json.loads(data), "migrations": [*json.loads(data)["migrations"], "org.9999_sau"]}
                    ).encode()
                    if name == "manifest.json"
                    else data,
                )
            ],
            "phiên bản khác",
            id="other-version",
        ),
        pytest.param(
            lambda name, data: [(name, b'{"format": 99}' if name == "manifest.json" else data)],
            "định dạng khác",
            id="other-format",
        ),
    ],
)
def test_a_restore_that_cannot_be_trusted_changes_nothing(cast, media, tmp_path, change, words):
    _cast_with_file(cast, media)
    archive, _ = backup.backup(tmp_path / "bk.tar.gz")
    bad = _rewrite(archive, tmp_path / "bad.tar.gz", change)
    rows, files = _rows(), _files(media)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(bad), yes=True)
    assert "Không khôi phục" in str(refused.value) and words in str(refused.value)
    _unchanged(rows, media, files)


@pytest.mark.parametrize(
    "damage, words",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], "hỏng", id="truncated"),
        pytest.param(lambda raw: b"PK\x03\x04 not a tar", "Không đọc được", id="not-a-tar"),
    ],
)
def test_a_damaged_archive_is_refused(cast, media, tmp_path, damage, words):
    _cast_with_file(cast, media)
    archive, _ = backup.backup(tmp_path / "bk.tar.gz")
    archive.write_bytes(damage(archive.read_bytes()))
    rows, files = _rows(), _files(media)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), yes=True)
    assert words in str(refused.value)
    _unchanged(rows, media, files)


def test_a_failure_half_way_rolls_every_row_back(cast, media, tmp_path, monkeypatch):
    _cast_with_file(cast, media)
    archive, _ = backup.backup(tmp_path / "bk.tar.gz")
    Person.objects.filter(pk=cast.person.pk).update(full_name="Đổi sau sao lưu")
    rows, files = _rows(), _files(media)

    def fail():
        raise OSError("đĩa đầy")

    monkeypatch.setattr(backup, "_reset_sequences", fail)
    with pytest.raises(CommandError):
        call_command("restore", str(archive), yes=True)
    _unchanged(rows, media, files)
    assert Person.objects.get(pk=cast.person.pk).full_name == "Đổi sau sao lưu"


def test_restore_asks_for_confirmation(cast, media, tmp_path):
    _cast_with_file(cast, media)
    archive, _ = backup.backup(tmp_path / "bk.tar.gz")
    Person.objects.filter(pk=cast.person.pk).update(full_name="Đổi sau sao lưu")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert "--yes" in str(refused.value)
    assert Person.objects.get(pk=cast.person.pk).full_name == "Đổi sau sao lưu"


def test_the_commands_say_what_they_did(cast, media, tmp_path, capsys):
    _cast_with_file(cast, media)
    call_command("backup", str(tmp_path / "bk.tar.gz"))
    out = capsys.readouterr().out
    assert "Đã sao lưu" in out and "và 1 tệp vào" in out and str(tmp_path / "bk.tar.gz") in out
    Person.objects.filter(pk=cast.person.pk).update(full_name="Đổi sau sao lưu")
    (media / "ho-so" / "a.pdf").write_bytes(b"changed")
    call_command("restore", str(tmp_path / "bk.tar.gz"), yes=True)
    assert "Đã khôi phục" in capsys.readouterr().out
    assert Person.objects.get(pk=cast.person.pk).full_name == cast.person.full_name
    assert (media / "ho-so" / "a.pdf").read_bytes() == "%PDF-1.4 hồ sơ".encode()
    kept = [p for p in media.parent.iterdir() if p.name.startswith("media.truoc-khoi-phuc-")]
    assert len(kept) == 1 and (kept[0] / "ho-so" / "a.pdf").read_bytes() == b"changed"


def test_a_missing_archive_or_folder_is_a_message(db, media, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "khong-co.tar.gz"), yes=True)
    assert "Không có tệp sao lưu" in str(refused.value)
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(tmp_path / "khong-co" / "bk.tar.gz"))
    assert "Không có thư mục" in str(refused.value)
