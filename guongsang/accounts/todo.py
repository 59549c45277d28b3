"""What waits for a user, across every campaign in the user's scope: the to-do list of the home page.

Each item says what is to be done, how many, by when, and links to the page where it is done. Who sees
an item is asked of the permission policy (`grants`, `roles_of`): the issuer's side (accept, screen,
approve, sign, score, print) for the campaigns of the committees where the user holds the action's role
(a province's manager may open a commune's own plan, but working it is the commune's); the unit's side
(write, confirm and send) at the units where the user holds a role itself, not at every unit below a
manager; and the tasks a plan assigns to those units. The number of queries does not grow with the
number of units, reports or nominations.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from guongsang.accounts.permissions import grants, roles_of
from guongsang.awards.models import AwardDecision, AwardList, CertificateBatch, Review, ReviewerAssignment
from guongsang.awards.selection import in_remit
from guongsang.campaigns.models import Assignment, Campaign, Deadline, DossierRequirement, OutlineSection, Participation
from guongsang.documents.vndate import VN
from guongsang.lib.deadlines import is_late
from guongsang.lib.typing import AnyUser
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.reports.models import Report

# A deadline that passed this long ago still shows the units that owe (the late ones may still send).
RECENTLY_PASSED = dt.timedelta(days=14)
S = Nomination.Screening


@dataclass
class Item:
    title: str  # what is to be done
    campaign: Campaign | None
    count: int
    link: str
    due_at: dt.datetime | None = None
    detail: str = ""
    done: int | None = None  # with `total`: the completeness bar
    total: int | None = None
    overdue: bool = False

    @property
    def percent(self) -> int:
        return round(100 * (self.done or 0) / self.total) if self.total else 0


def todo(user: AnyUser, *, now: dt.datetime | None = None) -> list[Item]:
    """Everything waiting for `user`, the nearest deadline first (items without one after)."""
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False):
        return []
    items = _issuer_side(user, now) + _reviewer_side(user, now) + _unit_side(user, now)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    for item in items:
        item.overdue = item.due_at is not None and item.due_at < now
    return sorted(items, key=lambda i: (i.due_at or far, i.title, i.campaign.pk if i.campaign else 0))


def _next_due(deadlines: list[Deadline], now: dt.datetime, kinds: set[str] | None = None) -> dt.datetime | None:
    upcoming = [d.due_at for d in deadlines if d.due_at >= now and (kinds is None or d.kind in kinds)]
    return min(upcoming, default=None)


ACTIONS_HERE = ("campaign.manage", "campaign.approve", "certificate.print")


def _issuer_side(user: AnyUser, now: dt.datetime) -> list[Item]:
    # The campaigns of the committees where the user holds the action's role, not every sub-campaign below
    # them: a commune's own plan is the commune's work, though the province may look at it.
    held = {a: {g.unit_id for g in grants(user) if g.role in roles_of(a)} for a in ACTIONS_HERE}
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(issuer_id__in=set().union(*held.values()))
        .exclude(status=Campaign.Status.CLOSED)
        .select_related("issuer__kind")
        .prefetch_related("deadlines__audience_kinds")
    }
    if not campaigns:
        return []
    ids = list(campaigns)
    items: list[Item] = []

    def mine(c: Campaign, action: str) -> bool:
        return c.issuer_id in held[action]

    per: dict[int, Counter] = defaultdict(Counter)  # campaign -> counts of what waits
    for campaign_id, state, n in (
        Report.objects.filter(campaign_id__in=ids).values_list("campaign_id", "state").annotate(n=Count("id"))
    ):
        per[campaign_id][f"report.{state}"] += n
    pending = Nomination.objects.filter(campaign_id__in=ids, state=Nomination.State.SUBMITTED, screening=S.PENDING)
    for campaign_id, n in pending.values_list("campaign_id").annotate(n=Count("id")):
        per[campaign_id]["nomination.pending"] = n
    lists = list(
        AwardList.objects.filter(campaign_id__in=ids)
        .exclude(status=AwardList.Status.DECIDED)
        .annotate(entries_n=Count("entries"))
        .select_related("award_form")
    )
    decisions = list(
        AwardDecision.objects.filter(award_list__campaign_id__in=ids)
        .select_related("award_list", "award_list__award_form")
        .annotate(
            printed=Exists(
                CertificateBatch.objects.filter(decision=OuterRef("pk"), status=CertificateBatch.Status.DONE)
            )
        )
    )

    for c in campaigns.values():
        counts = per[c.pk]
        deadlines = list(c.deadlines.all())
        detail = reverse("campaigns:detail", args=[c.pk])
        if mine(c, "campaign.manage"):
            if c.status == Campaign.Status.DRAFT:
                items.append(Item("Kế hoạch đang dự thảo: hoàn thiện và trình duyệt", c, 1, detail))
            if c.status == Campaign.Status.APPROVED:
                items.append(Item("Kế hoạch đã duyệt: ban hành", c, 1, detail))
            if counts["report.submitted"]:
                items.append(
                    Item(
                        "Báo cáo chờ tiếp nhận",
                        c,
                        counts["report.submitted"],
                        reverse("reports:campaign_list", args=[c.pk]),
                        _next_due(deadlines, now, {Deadline.Kind.REPORT}),
                    )
                )
            if counts["nomination.pending"]:
                items.append(
                    Item(
                        "Đề nghị khen thưởng chờ thẩm định",
                        c,
                        counts["nomination.pending"],
                        reverse("awards:screening", args=[c.pk]),
                        _next_due(deadlines, now),
                    )
                )
            for d in deadlines:
                if d.kind == Deadline.Kind.REPORT and d.due_at >= now - RECENTLY_PASSED:
                    # Counted as the follow-up dashboard counts (its audience, units that still existed,
                    # a report sent once counts as received): one query a deadline, whatever the units.
                    sent, expected = _received(d)
                    owing = expected - sent
                    if owing > 0:
                        items.append(
                            Item(
                                "Đơn vị chưa nộp báo cáo",
                                c,
                                owing,
                                reverse("reports:dashboard", args=[c.pk]),
                                d.due_at,
                                detail=d.what,
                                done=sent,
                                total=expected,
                            )
                        )
                if d.kind == Deadline.Kind.ESCALATION and now <= d.due_at <= now + dt.timedelta(days=30):
                    items.append(
                        Item(
                            "Hạn đề nghị khen thưởng cấp trên",
                            c,
                            1,
                            reverse("awards:escalations", args=[c.pk]),
                            d.due_at,
                            d.what,
                        )
                    )
        if mine(c, "campaign.approve") and c.status == Campaign.Status.SUBMITTED:
            items.append(Item("Kế hoạch chờ duyệt", c, 1, detail))

    for award_list in lists:
        c = campaigns[award_list.campaign_id]
        link = reverse("awards:selection", args=[c.pk])
        form = award_list.award_form.name
        if award_list.status == AwardList.Status.DRAFT and award_list.entries_n and mine(c, "campaign.approve"):
            items.append(Item("Danh sách đề nghị khen thưởng chờ duyệt", c, award_list.entries_n, link, detail=form))
        if award_list.status == AwardList.Status.APPROVED and mine(c, "campaign.manage"):
            if not any(d.award_list_id == award_list.pk for d in decisions):
                items.append(
                    Item("Danh sách đã duyệt: lập quyết định khen thưởng", c, award_list.entries_n, link, detail=form)
                )
    for decision in decisions:
        c = campaigns[decision.award_list.campaign_id]
        link = reverse("awards:decision", args=[decision.award_list_id])
        form = decision.award_list.award_form.name
        if decision.status == AwardDecision.Status.DRAFT and decision.number and mine(c, "campaign.approve"):
            items.append(Item("Quyết định khen thưởng chờ ký", c, 1, link, detail=form))
        if decision.status == AwardDecision.Status.SIGNED and not decision.printed and mine(c, "certificate.print"):
            items.append(Item("Quyết định đã ký: in giấy khen", c, 1, link, detail=form))
    return items


def _received(deadline: Deadline) -> tuple[int, int]:
    from guongsang.reports.followup import owed

    rows = owed(deadline, [k.pk for k in deadline.audience_kinds.all()]).filter(is_expected=True)
    counts = rows.aggregate(sent=Count("pk", filter=Q(has_sent=True)), expected=Count("pk"))
    return counts["sent"], counts["expected"]


def _first(c: Campaign, kind: str) -> Deadline | None:
    return min((d for d in c.deadlines.all() if d.kind == kind), key=lambda d: d.due_at, default=None)


def _open(deadline: Deadline | None, now: dt.datetime) -> bool:
    """May the unit still send what `deadline` asks for (late, if the plan takes late work)?"""
    return deadline is None or not is_late(deadline.due_at, now) or deadline.lateness != Deadline.Lateness.REFUSE


def _reviewer_side(user: AnyUser, now: dt.datetime) -> list[Item]:
    if not any(g.role in roles_of("nomination.review") for g in grants(user)):
        return []
    assignments = defaultdict(list)
    for a in ReviewerAssignment.objects.filter(reviewer_id=user.pk).exclude(campaign__status=Campaign.Status.CLOSED):
        assignments[a.campaign_id].append(a)
    if not assignments:
        return []
    campaigns = (
        Campaign.objects.filter(pk__in=assignments)
        .select_related("issuer__kind")
        .prefetch_related("deadlines")
        .in_bulk()
    )
    waiting = (
        Nomination.objects.filter(campaign_id__in=assignments, state=Nomination.State.SUBMITTED, screening=S.VALID)
        .exclude(Exists(Review.objects.filter(nomination=OuterRef("pk"), reviewer_id=user.pk)))
        .exclude(
            Exists(AwardList.objects.filter(award_form=OuterRef("award_form")).exclude(status=AwardList.Status.DRAFT))
        )
        .select_related("unit")
        .only("campaign_id", "award_form_id", "unit__kind_id")
    )
    # The remit as the scoring page reads it (awards.selection.in_remit).
    counts = Counter(n.campaign_id for n in waiting if in_remit(assignments[n.campaign_id], n))
    return [
        Item(
            "Đề nghị được phân công, chưa chấm điểm",
            campaigns[pk],
            n,
            reverse("awards:review_list", args=[pk]),
            _next_due(list(campaigns[pk].deadlines.all()), now),
        )
        for pk, n in counts.items()
    ]


def _unit_side(user: AnyUser, now: dt.datetime) -> list[Item]:
    # Writing is the clerk's (who may write but not send); confirming and sending the head's.
    submit = roles_of("report.submit") | roles_of("nomination.submit")
    prepare = (roles_of("nomination.prepare") & roles_of("report.write")) - submit
    units = defaultdict(set)  # unit id -> "prepare" / "submit", for roles held at the unit itself
    for g in grants(user):
        if g.role in prepare:
            units[g.unit_id].add("prepare")
        if g.role in submit:
            units[g.unit_id].add("submit")
    items = _assigned(user, now)
    if not units:
        return items
    participations = list(
        Participation.objects.filter(unit_id__in=units, campaign__status=Campaign.Status.ISSUED)
        .select_related("campaign__issuer__kind", "unit")
        .prefetch_related("campaign__deadlines")
    )
    if not participations:
        return items
    ids = {p.campaign_id for p in participations}
    reports = {
        (r.campaign_id, r.unit_id): r
        for r in Report.objects.filter(campaign_id__in=ids, unit_id__in=units).annotate(answered=Count("answers"))
    }
    sections = Counter(OutlineSection.objects.filter(campaign_id__in=ids).values_list("campaign_id", flat=True))
    requirements = defaultdict(list)
    for r in DossierRequirement.objects.filter(campaign_id__in=ids, file_required=True):
        requirements[r.campaign_id].append(r)
    nominations = list(
        Nomination.objects.filter(campaign_id__in=ids, unit_id__in=units)
        .filter(state=Nomination.State.DRAFT)  # a nomination returned at screening is a draft again
        .only("id", "campaign_id", "unit_id", "kind", "state", "screening")
    )
    by_place = defaultdict(list)  # (campaign, unit) -> its drafts
    for n in nominations:
        by_place[(n.campaign_id, n.unit_id)].append(n)
    files = defaultdict(set)
    for nomination_id, requirement_id in DossierFile.objects.filter(nomination__in=nominations).values_list(
        "nomination_id", "requirement_id"
    ):
        files[nomination_id].add(requirement_id)

    for p in participations:
        c, unit, can = p.campaign, p.unit, units[p.unit_id]
        # The deadlines the services enforce: the campaign's first of each kind (reports.services,
        # nominations.facts). Past a "không nhận sau hạn" one, nothing new can be sent: no item asks for it.
        report_deadline, dossier_deadline = (_first(c, kind) for kind in (Deadline.Kind.REPORT, Deadline.Kind.DOSSIER))
        report_due, dossier_due = (d.due_at if d else None for d in (report_deadline, dossier_deadline))
        report_open, dossier_open = (_open(d, now) for d in (report_deadline, dossier_deadline))
        editor = reverse("reports:edit", args=[c.pk]) + f"?don_vi={unit.pk}"
        report = reports.get((c.pk, unit.pk))
        need = sections[c.pk]
        if report is not None and report.state == Report.State.RETURNED:  # a correction is taken at any time
            due = report_due if report_due and not is_late(report_due, now) else None
            detail = f"{unit.name}: {report.reopen_reason}" if report.reopen_reason else unit.name
            items.append(Item("Báo cáo bị trả lại: sửa theo ý kiến rồi gửi lại", c, 1, editor, due, detail))
        elif report_open and (report is None or report.state == Report.State.DRAFT):
            answered = report.answered if report is not None else 0
            if need and answered >= need:  # written: the head's to confirm, nothing left for the clerk
                if "submit" in can:
                    items.append(
                        Item("Báo cáo đã soạn đủ các mục: xác nhận và gửi", c, 1, editor, report_due, unit.name)
                    )
            elif "prepare" in can and report_deadline is not None:
                title = "Báo cáo chưa soạn" if not answered else f"Báo cáo đang soạn ({answered}/{need} mục)"
                items.append(Item(title, c, 1, editor, report_due, unit.name, done=answered, total=need or None))
        mine = by_place[(c.pk, unit.pk)]
        listing = reverse("nominations:unit_list", args=[c.pk]) + f"?don_vi={unit.pk}"
        returned = [n for n in mine if n.screening == S.RETURNED]
        drafts = [n for n in mine if n.screening != S.RETURNED]
        missing = [
            n for n in drafts if any(n.kind in r.nominee_kinds and r.pk not in files[n.pk] for r in requirements[c.pk])
        ]
        if returned and can:
            items.append(Item("Đề nghị bị trả lại để bổ sung", c, len(returned), listing, dossier_due, unit.name))
        if not dossier_open:
            missing = drafts = []
        if missing and "prepare" in can:
            items.append(Item("Đề nghị còn thiếu tệp hồ sơ", c, len(missing), listing, dossier_due, unit.name))
        if len(drafts) > len(missing) and "submit" in can:
            items.append(
                Item(
                    "Đề nghị đủ hồ sơ: xác nhận và gửi", c, len(drafts) - len(missing), listing, dossier_due, unit.name
                )
            )
    return items


def _assigned(user: AnyUser, now: dt.datetime) -> list[Item]:
    """The tasks a plan's "Tổ chức thực hiện" gives to a unit where the user holds a role."""
    items = []
    assigned = Assignment.objects.filter(
        unit_id__in={g.unit_id for g in grants(user)}, campaign__status=Campaign.Status.ISSUED
    )
    for a in assigned.select_related("campaign__issuer__kind"):
        due = dt.datetime.combine(a.due_date, dt.time(23, 59, 59), tzinfo=VN) if a.due_date else None
        if due is None or due >= now - RECENTLY_PASSED:
            items.append(
                Item(
                    "Nhiệm vụ được phân công",
                    a.campaign,
                    1,
                    reverse("campaigns:detail", args=[a.campaign_id]),
                    due,
                    a.task,
                )
            )
    return items
