"""Reminders to units that still owe what a deadline asks for: automatic ones on the campaign's
reminder days, and a manager's one-click reminder. Never to a unit that has sent; each logged."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from guongsang.accounts.audit import log_action
from guongsang.campaigns.models import Campaign, Deadline
from guongsang.campaigns.permissions import can_manage_campaign
from guongsang.campaigns.services import MAX_REMINDER_DAYS
from guongsang.documents.vndate import VN, deadline_text
from guongsang.lib.text import shorten
from guongsang.lib.typing import Actor
from guongsang.notifications.models import Reminder
from guongsang.notifications.services import notify_units
from guongsang.reports.followup import TRACKED, missing_units, owed, tracked

if TYPE_CHECKING:
    from guongsang.org.models import Unit

SEND_AT = dt.time(7, 30)  # reminders go out at 07:30 in Việt Nam on their day
MAX_DAYS = MAX_REMINDER_DAYS


class ReminderError(ValidationError):
    """A refused reminder; the message says why, in Vietnamese."""


def reminder_moment(deadline: Deadline, days_before: int) -> dt.datetime:
    """When the reminder `days_before` a deadline goes out: 07:30 in Việt Nam on that day."""
    due_day = timezone.localtime(deadline.due_at, VN).date()
    return dt.datetime.combine(due_day - dt.timedelta(days=days_before), SEND_AT, tzinfo=VN)


def _when(deadline: Deadline, now: dt.datetime) -> str:
    left = timezone.localtime(deadline.due_at, VN).date() - timezone.localtime(now, VN).date()
    if left.days > 0:
        return f"còn {left.days} ngày"
    if left.days == 0:
        return "hôm nay là hạn cuối"
    return f"đã quá hạn {-left.days} ngày"


def _link(deadline: Deadline) -> str:
    if deadline.kind == Deadline.Kind.DOSSIER:
        return reverse("nominations:unit_list", args=[deadline.campaign_id])
    return reverse("reports:edit", args=[deadline.campaign_id])


def _send(
    deadline: Deadline,
    units: list[Unit],
    *,
    kind: str,
    now: dt.datetime,
    actor: Actor | None = None,
    days_before: int | None = None,
) -> int:
    if not units:
        return 0
    campaign = deadline.campaign
    title = shorten(f"Nhắc hạn: {deadline.what} ({campaign.symbol or 'kế hoạch'})", 300, "…")
    body = (
        f"{deadline_text(deadline.due_at)} — {_when(deadline, now)}. Đơn vị chưa gửi "
        f"{deadline.get_kind_display().lower()} theo kế hoạch “{shorten(campaign.title, 200, '…')}”."
    )
    if deadline.lateness == Deadline.Lateness.REFUSE:
        body += " Sau hạn hệ thống không nhận."
    notify_units(units, title=title, body=body, link=_link(deadline))
    Reminder.objects.bulk_create(
        [
            Reminder(
                deadline=deadline,
                unit=u,
                kind=kind,
                days_before=days_before,
                sent_at=now,
                sent_by=actor,
                emailed=bool(u.email),
            )
            for u in units
        ],
        batch_size=1000,
    )
    log_action(
        actor=actor,
        action="deadline.reminded",
        obj=campaign,
        unit=campaign.issuer,
        after={"deadline": deadline.pk, "kind": kind, "days_before": days_before, "units": len(units)},
    )
    return len(units)


def send_due_reminders(*, now: dt.datetime | None = None) -> int:
    """Send the automatic reminders whose moment has come (within the last day), once each."""
    now = now or timezone.now()
    window = dt.timedelta(days=MAX_DAYS + 1)
    deadlines = Deadline.objects.filter(
        campaign__status=Campaign.Status.ISSUED,
        kind__in=TRACKED,
        due_at__gte=now - window,
        due_at__lte=now + window,
    ).select_related("campaign", "campaign__issuer")
    sent = 0
    for deadline in deadlines:
        for days_before in deadline.campaign.reminder_days or []:
            moment = reminder_moment(deadline, days_before)
            if not (moment <= now < moment + dt.timedelta(days=1)):
                continue
            with transaction.atomic():
                done = set(
                    Reminder.objects.filter(
                        deadline=deadline, kind=Reminder.Kind.AUTO, days_before=days_before
                    ).values_list("unit_id", flat=True)
                )
                targets = [u for u in missing_units(deadline) if u.pk not in done]
                sent += _send(deadline, targets, kind=Reminder.Kind.AUTO, now=now, days_before=days_before)
    return sent


@task()
def send_reminders() -> int:
    return send_due_reminders()


@transaction.atomic
def remind(
    *, actor: Actor, deadline: Deadline, unit_ids: list[int] | None = None, now: dt.datetime | None = None
) -> int:
    """A manager's reminder to the units still owing (all of them, or those chosen)."""
    campaign = deadline.campaign
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied("Bạn không phải cán bộ quản lý của đơn vị ban hành.")
    if campaign.status != Campaign.Status.ISSUED:
        raise ReminderError("Chỉ nhắc hạn khi kế hoạch đang thực hiện (đã ban hành).")
    if not tracked(deadline):
        raise ReminderError(
            f"Mốc “{deadline.what}” không có bản nộp trên hệ thống để biết đơn vị nào chưa gửi: không nhắc được."
        )
    owing = {u.pk: u for u in missing_units(deadline)}
    if unit_ids is None:
        targets = list(owing.values())
    else:
        states = dict(owed(deadline).filter(unit_id__in=unit_ids).values_list("unit_id", "has_sent"))
        from guongsang.org.models import Unit

        names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
        for pk in unit_ids:
            if pk not in states:
                raise ReminderError(
                    f"{names.get(pk, 'Đơn vị')} không tham gia kế hoạch này (hoặc mốc này): không nhắc."
                )
            if states[pk]:
                raise ReminderError(f"{names[pk]} đã gửi: không cần nhắc.")
        targets = [owing[pk] for pk in unit_ids if pk in owing]
    if not targets:
        raise ReminderError("Không còn đơn vị nào chưa gửi: không cần nhắc.")
    return _send(deadline, targets, kind=Reminder.Kind.MANUAL, now=now or timezone.now(), actor=actor)
