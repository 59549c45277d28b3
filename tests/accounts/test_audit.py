import pytest
from django.db import DatabaseError, connection, transaction

from guongsang.accounts.audit import log_action
from guongsang.accounts.models import AuditEntry, Role


def test_the_audit_log_is_append_only(cast):
    entry = log_action(
        actor=cast.users[Role.MANAGER], action="test.done", obj=cast.commune, before={"a": 1}, after={"a": 2}
    )
    assert entry.unit == cast.commune and entry.actor_name == "quanly"
    entry.action = "test.changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    # The database refuses it too, whatever the code path.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE accounts_auditentry SET action = 'x'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM accounts_auditentry")
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.done"


def test_entries_record_the_client_address(cast, client):
    client.force_login(cast.users[Role.MANAGER])
    from tests.org.test_workbook import GOOD, xlsx

    client.post(f"/to-chuc/don-vi/{cast.district.pk}/nhap/", {"tep": _upload(xlsx(GOOD))}, REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.get(action="org.import")
    assert entry.ip_address == "10.1.2.3" and entry.actor == cast.users[Role.MANAGER]


def test_managers_read_their_subtree_entries_only(cast, client):
    log_action(actor=cast.users[Role.MANAGER], action="test.mine", obj=cast.branch)
    log_action(actor=cast.users["sibling"], action="test.sibling", obj=cast.sibling_branch)
    client.force_login(cast.users[Role.MANAGER])
    page = client.get("/nhat-ky/").content.decode()
    assert "test.mine" in page and "test.sibling" not in page
    client.force_login(cast.users[Role.SUBMITTER])
    assert client.get("/nhat-ky/").status_code == 404


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("to-chuc.xlsx", data)
