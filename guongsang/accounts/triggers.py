"""The SQL of the audit log's append-only triggers, shared by the migrations, a restore (which alone
may empty the log) and the test suite's flush on SQLite."""

SQLITE_NO_UPDATE = """
CREATE TRIGGER IF NOT EXISTS accounts_auditentry_no_update
BEFORE UPDATE ON accounts_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_NO_DELETE = """
CREATE TRIGGER IF NOT EXISTS accounts_auditentry_no_delete
BEFORE DELETE ON accounts_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_DROP_NO_UPDATE = "DROP TRIGGER IF EXISTS accounts_auditentry_no_update;"
SQLITE_DROP_NO_DELETE = "DROP TRIGGER IF EXISTS accounts_auditentry_no_delete;"

PG_DROP = "DROP TRIGGER IF EXISTS accounts_auditentry_no_change ON accounts_auditentry;"
PG_CREATE = """
CREATE TRIGGER accounts_auditentry_no_change
BEFORE UPDATE OR DELETE ON accounts_auditentry
FOR EACH ROW EXECUTE FUNCTION accounts_auditentry_append_only();
"""
