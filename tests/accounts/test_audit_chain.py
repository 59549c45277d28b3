"""The audit log is a hash chain: an edit, a deletion or an insertion outside the app is found by
`verify_audit`, which names the first entry whose link does not hold."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from guongsang.accounts import chain
from guongsang.accounts.audit import log_action
from guongsang.accounts.models import AuditEntry, Role


def _entries(cast, n: int = 4) -> list[AuditEntry]:
    return [
        log_action(actor=cast.users[Role.MANAGER], action=f"test.step{i}", obj=cast.commune, after={"i": i})
        for i in range(n)
    ]


@contextlib.contextmanager
def _no_triggers():
    """What someone with the database file could do: write past the app and its triggers. The
    surrounding test transaction rolls the DDL back."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER accounts_auditentry_no_update")
            cur.execute("DROP TRIGGER accounts_auditentry_no_delete")
        else:
            cur.execute("ALTER TABLE accounts_auditentry DISABLE TRIGGER USER")
        yield cur


def _verify_fails_at(entry: AuditEntry, words: str) -> None:
    verdict = chain.verify()
    assert not verdict.ok and verdict.broken.pk == entry.pk and words in verdict.reason
    with pytest.raises(CommandError) as refused:
        call_command("verify_audit")
    assert f"mã {entry.pk}," in str(refused.value) and words in str(refused.value)


def test_each_entry_links_to_the_one_before(cast, capsys):
    first, *rest = _entries(cast)
    assert first.prev_hash == chain.GENESIS and first.seq == 1
    for before, after in zip([first, *rest], rest, strict=False):
        assert after.seq == before.seq + 1 and after.prev_hash == before.entry_hash
        assert len(after.entry_hash) == 64 and after.entry_hash != before.entry_hash
    # What was computed before saving is what the database gives back.
    stored = AuditEntry.objects.get(pk=rest[-1].pk)
    assert chain.digest(stored) == rest[-1].entry_hash
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "Nhật ký toàn vẹn: 4 mục" in out and rest[-1].entry_hash in out


def test_delete_and_update_are_refused_by_the_database_on_both_engines(cast):
    entry = _entries(cast, 1)[0]
    for sql in ("DELETE FROM accounts_auditentry", "UPDATE accounts_auditentry SET action = 'x'"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.step0"


def test_an_edited_entry_is_found(cast):
    entries = _entries(cast)
    with _no_triggers() as cur:
        cur.execute("UPDATE accounts_auditentry SET actor_name = 'nguoikhac' WHERE id = %s", [entries[1].pk])
    _verify_fails_at(entries[1], "nội dung không khớp")


def test_an_edited_before_value_is_found(cast):
    entries = _entries(cast)
    with _no_triggers() as cur:
        cur.execute("UPDATE accounts_auditentry SET after = %s WHERE id = %s", ['{"i": 9}', entries[2].pk])
    _verify_fails_at(entries[2], "nội dung không khớp")


def test_a_deleted_entry_is_found_at_the_next_one(cast):
    entries = _entries(cast)
    with _no_triggers() as cur:
        cur.execute("DELETE FROM accounts_auditentry WHERE id = %s", [entries[1].pk])
    _verify_fails_at(entries[2], "thiếu mục")


def test_a_deletion_renumbered_over_is_found_by_the_broken_link(cast):
    entries = _entries(cast)
    with _no_triggers() as cur:
        cur.execute("DELETE FROM accounts_auditentry WHERE id = %s", [entries[1].pk])
        cur.execute("UPDATE accounts_auditentry SET seq = seq - 1 WHERE seq > %s", [entries[1].seq])
    _verify_fails_at(entries[2], "không khớp với mục liền trước")


def test_a_back_dated_entry_inserted_outside_the_app_is_found(cast):
    entries = _entries(cast)
    with _no_triggers() as cur:
        cur.execute(
            "INSERT INTO accounts_auditentry (at, actor_name, action, object_type, object_id, object_repr,"
            " unit_path, prev_hash, entry_hash) VALUES (%s, 'quanly', 'nomination.submitted', '', '', '', '', '', '')",
            ["2025-01-01 08:00:00+00:00" if connection.vendor == "postgresql" else "2025-01-01 08:00:00"],
        )
    inserted = AuditEntry.objects.get(seq__isnull=True)
    assert inserted.pk > entries[-1].pk
    _verify_fails_at(inserted, "không có số thứ tự")
    # The app goes on numbering after its own last entry, not after the stray row.
    later = log_action(actor=None, action="test.later", obj=cast.commune)
    assert later.seq == entries[-1].seq + 1 and later.prev_hash == entries[-1].entry_hash


def test_an_entry_appended_without_the_key_is_found(cast):
    entries = _entries(cast, 2)
    forged = AuditEntry(
        seq=entries[-1].seq + 1, prev_hash=entries[-1].entry_hash, at=entries[-1].at, action="nomination.submitted"
    )
    with override_settings(GS_AUDIT_KEY="a key the forger guessed"):
        forged.entry_hash = chain.digest(forged)
    forged.save()
    _verify_fails_at(forged, "nội dung không khớp")


def test_the_chain_is_keyed(cast):
    entries = _entries(cast, 2)
    assert chain.verify().ok
    with override_settings(GS_AUDIT_KEY="another deployment's key"):
        verdict = chain.verify()
    assert not verdict.ok and verdict.broken.pk == entries[0].pk


def test_the_demo_log_verifies(demo, db):
    verdict = chain.verify()
    assert verdict.ok and verdict.checked == AuditEntry.objects.count() > 20


def test_an_empty_log_verifies(db, capsys):
    call_command("verify_audit")
    assert "Nhật ký trống." in capsys.readouterr().out


ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


# SQLite serialises writers with IMMEDIATE transactions, and its shared in-memory test database refuses
# concurrent writers outright, so the race is staged on PostgreSQL (CI runs the suite there too).
@pytest.mark.skipif(not ON_POSTGRES, reason="concurrent writers are tested on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    from tests.conftest import ensure_kinds, make_unit

    ensure_kinds()
    unit = make_unit(None, "C-TU", "Tỉnh ủy Chuỗi", "tinh-uy", abbreviation="TU")
    errors: list[BaseException] = []

    def write(tag: str) -> None:
        try:
            for i in range(8):
                with transaction.atomic():
                    log_action(actor=None, action=f"test.{tag}{i}", obj=unit)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(tag,)) for tag in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    verdict = chain.verify()
    assert verdict.ok and verdict.checked == AuditEntry.objects.count() == 24


@pytest.mark.parametrize("address, stored", [("", None), ("không-phải-địa-chỉ", None), ("10.0.0.7", "10.0.0.7")])
def test_the_client_address_is_hashed_as_stored(cast, address, stored):
    """A Unix socket gives an empty REMOTE_ADDR (stored as NULL); a garbled one is not an address."""
    from guongsang.accounts.audit import set_request_address

    set_request_address(address)
    try:
        entry = log_action(actor=cast.users[Role.MANAGER], action="test.address", obj=cast.commune)
    finally:
        set_request_address(None)
    assert AuditEntry.objects.get(pk=entry.pk).ip_address == stored
    assert chain.verify().ok


def test_a_row_numbered_zero_is_outside_the_chain(cast):
    entries = _entries(cast, 2)
    forged = AuditEntry(seq=0, prev_hash=chain.GENESIS, at=entries[0].at, action="nomination.submitted")
    forged.entry_hash = chain.digest(forged)  # even with the key
    forged.save()
    _verify_fails_at(forged, "không có số thứ tự")
