"""A unit's deadlines as an iCalendar (.ics) file for phone and desktop calendars."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.urls import reverse
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from guongsang.campaigns.models import Campaign, Deadline
from guongsang.documents.vndate import deadline_text


def unit_deadlines(unit) -> list[Deadline]:
    """Deadlines of issued campaigns the unit takes part in and that are addressed to it."""
    rows = (
        Deadline.objects.filter(campaign__status=Campaign.Status.ISSUED, campaign__participations__unit=unit)
        .select_related("campaign", "campaign__issuer")
        .prefetch_related("audience_kinds")
        .order_by("due_at")
        .distinct()
    )
    return [d for d in rows if not d.audience_kinds.all() or unit.kind_id in {k.pk for k in d.audience_kinds.all()}]


def calendar_feed(unit, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Gương Sáng//Hạn nộp của đơn vị//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Hạn nộp — {unit.name}")
    stamp = timezone.now()
    for deadline in unit_deadlines(unit):
        campaign = deadline.campaign
        event = Event()
        event.add("uid", f"han-{deadline.pk}-don-vi-{unit.pk}@guongsang")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_at - dt.timedelta(hours=1))
        event.add("dtend", deadline.due_at)
        event.add("summary", f"Hạn: {deadline.what}")
        event.add(
            "description",
            f"{deadline_text(deadline.due_at)}. Kế hoạch {campaign.symbol or ''} của {campaign.issuer.name}: "
            f"{campaign.title}. {deadline.get_lateness_display()}.",
        )
        event.add("url", base_url.rstrip("/") + reverse("campaigns:detail", args=[campaign.pk]))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Còn 2 ngày: {deadline.what}")
        alarm.add("trigger", dt.timedelta(days=-2))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


SALT = "guongsang.calendar"


def feed_token(unit) -> str:
    """A token naming the unit, signed with the secret key: the subscription address of its calendar.

    It carries no time stamp, so the address a unit subscribed to stays the same on every page load."""
    return signing.Signer(salt=SALT).sign(str(unit.pk))


def unit_from_token(token: str):
    """The unit a calendar token names, or None for a token not made by this server."""
    from guongsang.org.models import Unit

    try:
        pk = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Unit.objects.filter(pk=pk).first() if pk.isdigit() else None
