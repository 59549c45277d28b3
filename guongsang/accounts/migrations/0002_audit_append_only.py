"""Make the audit log append-only in the database itself, not only in the ORM.

UPDATE is refused on every database. DELETE is refused on PostgreSQL, where Django's test flush
uses TRUNCATE; on SQLite the flush between tests deletes rows, so there the ORM guard stands alone.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER IF NOT EXISTS accounts_auditentry_no_update
BEFORE UPDATE ON accounts_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS accounts_auditentry_no_update;"

PG_UP = """
CREATE OR REPLACE FUNCTION accounts_auditentry_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_auditentry_no_change
BEFORE UPDATE OR DELETE ON accounts_auditentry
FOR EACH ROW EXECUTE FUNCTION accounts_auditentry_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS accounts_auditentry_no_change ON accounts_auditentry;
DROP FUNCTION IF EXISTS accounts_auditentry_append_only();
"""


def up(apps, schema_editor):
    sql = {"sqlite": SQLITE_UP, "postgresql": PG_UP}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def down(apps, schema_editor):
    sql = {"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
