"""Every sign-in, sign-out and failed sign-in is in the audit log, with the address; never a password."""

from django.urls import reverse

from guongsang.accounts.models import AuditEntry


def test_a_failed_then_a_good_sign_in_and_a_sign_out_are_logged(client, cast):
    url = reverse("accounts:login")
    client.post(url, {"username": "quanly", "password": "sai-mat-khau"}, REMOTE_ADDR="10.9.8.7")
    failed = AuditEntry.objects.get(action="accounts.sign_in_failed")
    assert failed.actor is None and failed.object_repr == "quanly" and failed.ip_address == "10.9.8.7"
    assert "sai-mat-khau" not in str(failed.after)
    client.post(url, {"username": "quanly", "password": "mat-khau-123"}, REMOTE_ADDR="10.9.8.7")
    signed = AuditEntry.objects.get(action="accounts.signed_in")
    assert signed.actor.username == "quanly" and signed.ip_address == "10.9.8.7"
    client.post(reverse("accounts:logout"), REMOTE_ADDR="10.9.8.7")
    assert AuditEntry.objects.filter(action="accounts.signed_out", actor__username="quanly").count() == 1
