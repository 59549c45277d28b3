"""What a unit owes in the campaigns it takes part in: deadlines with the time left and the state of
each task (report, nominations, its own sub-campaign), in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from guongsang.campaigns.models import Campaign, Participation
from guongsang.nominations.models import Nomination
from guongsang.reports.models import Report


@dataclass
class Task:
    campaign: Campaign
    unit: object
    deadlines: list = field(default_factory=list)  # (deadline, days left, overdue)
    report: Report | None = None
    nominations: Counter = field(default_factory=Counter)
    own_campaign: Campaign | None = None

    @property
    def calendar_token(self) -> str:
        from guongsang.reports.calendar import feed_token

        return feed_token(self.unit)


def unit_tasks(user, *, now=None) -> list[Task]:
    now = now or timezone.now()
    from guongsang.accounts.permissions import grants

    unit_ids = {g.unit_id for g in grants(user)}
    participations = (
        Participation.objects.filter(unit_id__in=unit_ids, campaign__status=Campaign.Status.ISSUED)
        .select_related("campaign", "campaign__issuer", "unit")
        .prefetch_related("campaign__deadlines")
        .order_by("campaign__date")
    )
    participations = list(participations)
    if not participations:
        return []
    campaigns = {p.campaign_id for p in participations}
    reports = {
        (r.campaign_id, r.unit_id): r for r in Report.objects.filter(campaign_id__in=campaigns, unit_id__in=unit_ids)
    }
    counts: dict[tuple, Counter] = {}
    for row in (
        Nomination.objects.filter(campaign_id__in=campaigns, unit_id__in=unit_ids)
        .values("campaign_id", "unit_id", "state")
        .annotate(n=Count("id"))
    ):
        counts.setdefault((row["campaign_id"], row["unit_id"]), Counter())[row["state"]] = row["n"]
    own = {
        (c.parent_id, c.issuer_id): c for c in Campaign.objects.filter(parent_id__in=campaigns, issuer_id__in=unit_ids)
    }
    tasks = []
    for p in participations:
        task = Task(
            campaign=p.campaign,
            unit=p.unit,
            report=reports.get((p.campaign_id, p.unit_id)),
            nominations=counts.get((p.campaign_id, p.unit_id), Counter()),
            own_campaign=own.get((p.campaign_id, p.unit_id)),
        )
        for d in p.campaign.deadlines.all():
            left = d.due_at - now
            task.deadlines.append((d, left.days, left.total_seconds() < 0))
        tasks.append(task)
    return tasks
