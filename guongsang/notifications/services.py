"""Notify units: an in-app notice each, and an e-mail where the unit has an address (sent by a
background task after the transaction commits)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from guongsang.notifications.models import Notice

if TYPE_CHECKING:
    from guongsang.org.models import Unit


def notify_units(units: Iterable[Unit], *, title: str, body: str = "", link: str = "") -> int:
    units = list(units)
    Notice.objects.bulk_create([Notice(unit=u, title=title, body=body, link=link) for u in units], batch_size=1000)
    addresses = sorted({u.email for u in units if u.email})
    if addresses:
        transaction.on_commit(lambda: send_notice_mail.enqueue(addresses, title, body, link))
    return len(units)


@task()
def send_notice_mail(addresses: list[str], title: str, body: str, link: str) -> int:
    text = f"{body}\n\n{link}".strip()
    sent = 0
    for address in addresses:
        sent += send_mail(f"[Gương Sáng] {title}", text, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True)
    return sent
