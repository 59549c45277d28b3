"""Read a campaign's rules and the records they need into the rule engine's plain facts, in a
fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guongsang.campaigns.models import Campaign, Deadline
from guongsang.lib.text import fold
from guongsang.nominations.rules import CriterionSpec, DeadlineSpec, DossierSpec, HonorFact, QuotaSpec, UnitFacts
from guongsang.org.models import Rating

if TYPE_CHECKING:
    from guongsang.org.models import Person, Unit


@dataclass(frozen=True)
class CampaignRules:
    quotas: tuple[QuotaSpec, ...]
    criteria: tuple[CriterionSpec, ...]
    dossier: tuple[DossierSpec, ...]
    deadline: DeadlineSpec | None


def campaign_rules(campaign: Campaign) -> CampaignRules:
    quotas = tuple(
        QuotaSpec(
            unit_kind=q.unit_kind.code,
            unit_kind_name=q.unit_kind.name,
            mode=q.mode,
            collectives=q.collectives,
            individuals=q.individuals,
            models=q.models_count,
            min_total=q.min_total,
            max_total=q.max_total,
            bonus_threshold=q.bonus_threshold,
            bonus_individuals=q.bonus_individuals,
            wording=q.wording,
            described=q.describe(),
        )
        for q in campaign.quota_rules.select_related("unit_kind")
    )
    criteria = tuple(
        CriterionSpec(
            id=c.pk,
            nominee_kind=c.nominee_kind,
            text=c.text,
            check=c.check_kind,
            params=c.params or {},
            group=c.any_of_group,
        )
        for c in campaign.criteria.all()
    )
    dossier = tuple(
        DossierSpec(
            id=d.pk,
            document=d.document,
            nominee_kinds=tuple(d.nominee_kinds),
            copies=d.copies,
            file_required=d.file_required,
        )
        for d in campaign.dossier_requirements.all()
    )
    due = campaign.deadlines.filter(kind=Deadline.Kind.DOSSIER).order_by("due_at").first()
    deadline = DeadlineSpec(due.what, due.due_at, due.lateness == Deadline.Lateness.REFUSE) if due else None
    return CampaignRules(quotas, criteria, dossier, deadline)


def unit_facts(unit: Unit) -> UnitFacts:
    return UnitFacts(
        kind=unit.kind.code, kind_name=unit.kind.name, name=unit.name, party_members=unit.party_member_count
    )


# A party organisation's committee grants in its name: "Đảng bộ X" is led by "Đảng ủy X", "Chi bộ X" by "Chi ủy X".
_COMMITTEES = (("dang bo ", "dang uy "), ("chi bo ", "chi uy "))


def _own_names(unit: Unit) -> set[str]:
    names = set()
    for name in (unit.name, unit.short_name):
        folded = fold(name)
        if folded:
            names.add(folded)
            names.update(committee + folded[len(body) :] for body, committee in _COMMITTEES if folded.startswith(body))
    return names


def is_own_honor(granted_by: str, nominating_unit: Unit) -> bool:
    """An honour granted by the nominating unit itself (its chi bộ / đảng bộ, or their committee), matched
    accent- and case-insensitively on whole words ("Chi bộ thôn 1" is not "Chi bộ thôn 10")."""
    granted = fold(granted_by)
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", granted) for name in _own_names(nominating_unit))


def scheme_for(person: Person) -> str:
    """Which yearly rating counts for a person: the party rating of a party member, else the staff one."""
    return Rating.Scheme.PARTY if person.is_party_member else Rating.Scheme.STAFF


def ratings_of(subject: Unit | Person) -> dict[int, str]:
    """A person's party rating (or staff rating when not a party member), or a unit's rating."""
    from guongsang.org.models import Unit

    key = {"unit": subject} if isinstance(subject, Unit) else {"person": subject}
    scheme = Rating.Scheme.PARTY if isinstance(subject, Unit) else scheme_for(subject)
    return dict(Rating.objects.filter(scheme=scheme, **key).values_list("year", "grade"))


def honors_of(subject: Unit | Person, nominating_unit: Unit) -> tuple[HonorFact, ...]:
    return tuple(
        HonorFact(h.year, h.form, h.granted_by, is_own_honor(h.granted_by, nominating_unit))
        for h in subject.honors.all()
    )
