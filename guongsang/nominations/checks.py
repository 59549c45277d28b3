"""Re-check every nomination of a campaign with a fixed number of queries per chunk of nominations,
whatever their number (the per-nomination path in services.findings_for is for one form)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Count
from django.utils import timezone

from guongsang.campaigns.models import Campaign, NomineeKind
from guongsang.nominations import rules as R
from guongsang.nominations.facts import campaign_rules, is_own_honor, scheme_for, unit_facts
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.org.models import Honor, Rating

if TYPE_CHECKING:
    from guongsang.nominations.facts import CampaignRules
    from guongsang.org.models import Person, Unit

CHUNK = 2000


def _submitted_counts(campaign: Campaign, **filters: Any) -> dict[int, Counter[str]]:
    submitted: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        Nomination.objects.filter(campaign=campaign, state=Nomination.State.SUBMITTED, **filters)
        .values("unit_id", "kind")
        .annotate(n=Count("id"))
    )
    for row in rows:
        submitted[row["unit_id"]][row["kind"]] = row["n"]
    return submitted


def check_unit_nominations(
    campaign: Campaign, unit: Unit, *, now: dt.datetime | None = None
) -> list[tuple[Nomination, list[R.Finding]]]:
    """(nomination, findings) for every nomination of one unit, in a fixed number of queries."""
    nominations = list(
        Nomination.objects.filter(campaign=campaign, unit=unit)
        .select_related("unit", "unit__kind", "person", "person__unit", "nominee_unit", "model_unit", "award_form")
        .order_by("kind", "pk")
    )
    active = [n for n in nominations if n.state != Nomination.State.WITHDRAWN]
    rules = campaign_rules(campaign)
    found = dict(_check_batch(active, rules, _submitted_counts(campaign, unit=unit), now or timezone.now()))
    return [(n, found.get(n.pk, [])) for n in nominations]


def recheck_campaign(
    campaign: Campaign, *, now: dt.datetime | None = None, chunk: int = CHUNK
) -> Iterator[tuple[int, list[R.Finding]]]:
    now = now or timezone.now()
    rules = campaign_rules(campaign)
    submitted = _submitted_counts(campaign)
    qs = (
        Nomination.objects.filter(campaign=campaign)
        .exclude(state=Nomination.State.WITHDRAWN)
        .select_related("unit", "unit__kind", "person", "nominee_unit", "model_unit")
        .order_by("pk")
    )
    last = 0
    while True:
        batch = list(qs.filter(pk__gt=last)[:chunk])
        if not batch:
            return
        last = batch[-1].pk
        yield from _check_batch(batch, rules, submitted, now)


def _check_batch(
    batch: list[Nomination], rules: CampaignRules, submitted: dict[int, Counter[str]], now: dt.datetime
) -> Iterator[tuple[int, list[R.Finding]]]:
    person_ids = {n.person_id for n in batch if n.kind == NomineeKind.INDIVIDUAL and n.person_id}
    subjects = {n.nominee_unit_id or n.model_unit_id for n in batch if n.kind != NomineeKind.INDIVIDUAL}
    unit_ids = cast("set[int]", subjects - {None})
    person_ratings: dict[int | None, dict[int, str]] = defaultdict(dict)
    # select_related loaded the person wherever person_id is set.
    scheme = {n.person_id: scheme_for(cast("Person", n.person)) for n in batch if n.person_id}
    for pid, year, grade, rated_as in Rating.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "year", "grade", "scheme"
    ):
        if rated_as == scheme[pid]:
            person_ratings[pid][year] = grade
    unit_ratings: dict[int | None, dict[int, str]] = defaultdict(dict)
    for uid, year, grade in Rating.objects.filter(unit_id__in=unit_ids, scheme=Rating.Scheme.PARTY).values_list(
        "unit_id", "year", "grade"
    ):
        unit_ratings[uid][year] = grade
    honors: dict[tuple[str, int | None], list[Honor]] = defaultdict(list)
    for h in Honor.objects.filter(person_id__in=person_ids).only("person_id", "year", "form", "granted_by"):
        honors[("p", h.person_id)].append(h)
    for h in Honor.objects.filter(unit_id__in=unit_ids).only("unit_id", "year", "form", "granted_by"):
        honors[("u", h.unit_id)].append(h)
    uploaded: dict[int, set[int]] = defaultdict(set)
    for nid, rid in DossierFile.objects.filter(nomination__in=batch).values_list("nomination_id", "requirement_id"):
        uploaded[nid].add(rid)
    for n in batch:
        if n.kind == NomineeKind.INDIVIDUAL:
            key, ratings = ("p", n.person_id), person_ratings.get(n.person_id, {})
        else:
            subject = n.nominee_unit_id or n.model_unit_id
            key, ratings = ("u", subject), unit_ratings.get(subject, {})
        facts = R.NomineeFacts(
            kind=n.kind,
            name=n.nominee_name or "Đề nghị",
            ratings=ratings,
            honors=tuple(
                R.HonorFact(h.year, h.form, h.granted_by, is_own_honor(h.granted_by, n.unit))
                for h in honors.get(key, ())
            ),
            summary=n.summary,
            achievements_from=n.achievements_from,
            achievements_to=n.achievements_to,
            uploaded=frozenset(uploaded.get(n.pk, ())),
        )
        counts = Counter(submitted[n.unit_id])
        if n.state != Nomination.State.SUBMITTED:
            counts[n.kind] += 1
        findings = R.check_nomination(
            criteria=rules.criteria,
            dossier=rules.dossier,
            deadline=rules.deadline,
            nominee=facts,
            now=n.submitted_at or now,
        )
        findings += R.check_quota(rules.quotas, unit_facts(n.unit), counts)
        yield n.pk, findings
