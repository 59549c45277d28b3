"""Follow-up of a campaign: who owes what by each deadline, who sent it, who sent it on time.

Definitions as in hierarchical statistical reporting: completeness = received ÷ expected, timeliness =
received on time ÷ expected. Expected are the participating units the deadline is addressed to (its
unit kinds, when it names some) that still existed on the due date — a unit closed or merged before
then owes nothing, unless it had already sent, in which case it counts on both sides — so no rate
can exceed 100 %. Only report and dossier deadlines leave a trace in the system to count.

Each deadline's figures come from one SQL query, whatever the number of units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from guongsang.campaigns.models import Campaign, Deadline, Participation
from guongsang.lib.deadlines import on_time_before
from guongsang.nominations.models import Nomination
from guongsang.org.models import Unit
from guongsang.reports.models import ReportVersion

TRACKED = (Deadline.Kind.REPORT, Deadline.Kind.DOSSIER)


@dataclass
class Rates:
    label: str
    expected: int
    received: int
    on_time: int
    key: str = ""

    @property
    def missing(self) -> int:
        return self.expected - self.received

    @property
    def completeness(self) -> float | None:
        return self.received / self.expected if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.expected if self.expected else None


@dataclass
class DeadlineStatus:
    deadline: Deadline
    total: Rates
    by_kind: list[Rates] = field(default_factory=list)
    by_subtree: list[Rates] = field(default_factory=list)


def tracked(deadline: Deadline) -> bool:
    return deadline.kind in TRACKED


def _evidence(deadline: Deadline, *, on_time: bool):
    """A subquery: the participation's unit sent what the deadline asks for (by the due time)."""
    if deadline.kind == Deadline.Kind.REPORT:
        sent = ReportVersion.objects.filter(
            report__campaign_id=deadline.campaign_id, report__unit_id=OuterRef("unit_id")
        )
        return Exists(sent.filter(number=1, submitted_at__lt=on_time_before(deadline.due_at)) if on_time else sent)
    sent = Nomination.objects.filter(
        campaign_id=deadline.campaign_id, unit_id=OuterRef("unit_id"), submitted_at__isnull=False
    )
    return Exists(sent.filter(submitted_at__lt=on_time_before(deadline.due_at)) if on_time else sent)


def owed(deadline: Deadline, audience_kind_ids: list[int] | None = None) -> QuerySet:
    """Participations annotated with `has_sent`, `sent_on_time` and `is_expected` for a deadline."""
    if audience_kind_ids is None:
        audience_kind_ids = list(deadline.audience_kinds.values_list("pk", flat=True))
    rows = Participation.objects.filter(campaign_id=deadline.campaign_id)
    if audience_kind_ids:
        rows = rows.filter(unit__kind_id__in=audience_kind_ids)
    due_day = timezone.localtime(deadline.due_at).date()
    existed = Q(unit__active_to__isnull=True) | Q(unit__active_to__gte=due_day)
    return rows.annotate(
        has_sent=_evidence(deadline, on_time=False), sent_on_time=_evidence(deadline, on_time=True)
    ).annotate(is_expected=ExpressionWrapper(existed | Q(has_sent=True), output_field=BooleanField()))


def status(deadline: Deadline) -> DeadlineStatus:
    """Completeness and timeliness of one deadline: for the campaign, per unit kind, per branch.

    One query reads each participation's facts (its unit's kind, branch and end date, whether and
    when it sent); the three groupings are counted from them in one pass.
    """
    kinds = list(deadline.audience_kinds.values_list("pk", flat=True))
    due_day = timezone.localtime(deadline.due_at).date()
    length = len(deadline.campaign.issuer.path) + Unit.steplen
    rows = owed(deadline, kinds).values_list(
        "unit__kind_id",
        "unit__kind__name",
        "unit__kind__order",
        "unit__path",
        "unit__active_to",
        "has_sent",
        "sent_on_time",
    )
    total = Rates("Toàn đợt", 0, 0, 0)
    by_kind: dict[int, Rates] = {}
    by_branch: dict[str, Rates] = {}
    order: dict[int, int] = {}
    for kind_id, kind_name, kind_order, path, active_to, sent, on_time in rows:
        expected = active_to is None or active_to >= due_day or sent
        kind = by_kind.setdefault(kind_id, Rates(kind_name, 0, 0, 0, key=str(kind_id)))
        order[kind_id] = kind_order
        branch = by_branch.setdefault(path[:length], Rates(path[:length], 0, 0, 0, key=path[:length]))
        for rates in (total, kind, branch):
            rates.expected += int(expected)
            rates.received += int(sent)
            rates.on_time += int(on_time)
    names = dict(Unit.objects.filter(path__in=list(by_branch)).values_list("path", "name"))
    for rates in by_branch.values():
        rates.label = names.get(rates.key, rates.key)
    return DeadlineStatus(
        deadline,
        total,
        sorted(by_kind.values(), key=lambda r: (order[int(r.key)], r.label)),
        sorted(by_branch.values(), key=lambda r: (-r.missing, r.label)),
    )


def missing_units(deadline: Deadline, *, limit: int | None = None) -> list[Unit]:
    """Units that still owe what the deadline asks for, with their contacts."""
    rows = owed(deadline).filter(is_expected=True, has_sent=False).select_related("unit", "unit__kind")
    rows = rows.order_by("unit__path")
    return [p.unit for p in (rows[:limit] if limit else rows)]


def campaign_status(campaign: Campaign) -> list[DeadlineStatus]:
    return [status(d) for d in campaign.deadlines.order_by("due_at") if tracked(d)]


def most_behind(campaign: Campaign, *, now=None, limit: int = 10) -> list[tuple[Unit, int]]:
    """Participating units owing the most of the deadlines already passed, most first."""
    now = now or timezone.now()
    owing: dict[int, int] = {}
    for deadline in campaign.deadlines.filter(due_at__lte=now, kind__in=TRACKED):
        for unit_id in owed(deadline).filter(is_expected=True, has_sent=False).values_list("unit_id", flat=True):
            owing[unit_id] = owing.get(unit_id, 0) + 1
    top = sorted(owing.items(), key=lambda item: -item[1])[:limit]
    units = Unit.objects.in_bulk([pk for pk, _n in top])
    return sorted(((units[pk], n) for pk, n in top), key=lambda item: (-item[1], item[0].path))
