"""The audit log as a hash chain (accounts/chain.py), and DELETE refused on SQLite as well.

Existing entries are chained in the order they were written. The triggers are dropped while the
columns are added and the chain is filled in, then created again: on SQLite, adding a unique column
rebuilds the table, which drops its triggers. On SQLite the test suite's flush (which deletes rows)
drops and recreates the DELETE trigger around itself (tests/conftest.py), as a restore does
(guongsang/lib/backup.py); nothing else does.
"""

import django.utils.timezone
from django.db import migrations, models

from guongsang.accounts.triggers import (
    PG_CREATE,
    PG_DROP,
    SQLITE_DROP_NO_DELETE,
    SQLITE_DROP_NO_UPDATE,
    SQLITE_NO_DELETE,
    SQLITE_NO_UPDATE,
)

SQLITE_DROP = [SQLITE_DROP_NO_UPDATE, SQLITE_DROP_NO_DELETE]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": [PG_DROP]}.get(vendor, []))


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_NO_UPDATE, SQLITE_NO_DELETE], "postgresql": [PG_CREATE]}.get(vendor, [])
    _run(schema_editor, statements)


def restore_old_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": [SQLITE_NO_UPDATE], "postgresql": [PG_CREATE]}.get(vendor, []))


def chain_existing(apps, schema_editor):
    from guongsang.accounts import chain

    AuditEntry = apps.get_model("accounts", "AuditEntry")
    prev = chain.GENESIS
    for seq, entry in enumerate(AuditEntry.objects.order_by("id").iterator(), start=1):
        entry.seq, entry.prev_hash = seq, prev
        entry.entry_hash = prev = chain.digest(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(seq=seq, prev_hash=entry.prev_hash, entry_hash=prev)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_audit_append_only")]

    operations = [
        migrations.RunPython(drop_triggers, restore_old_triggers),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="thời điểm"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="mã băm"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True, unique=True, verbose_name="số thứ tự"),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
