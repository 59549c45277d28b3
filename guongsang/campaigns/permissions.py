"""Who may do what with a campaign. Roles are held at units and reach their subtrees."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from guongsang.accounts.models import Role
from guongsang.accounts.permissions import grants, has_role_over, is_admin
from guongsang.lib.typing import AnyUser

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from guongsang.campaigns.models import Campaign
    from guongsang.org.models import Unit

MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})
LEADERS = frozenset({Role.LEADER})


@rules.predicate
def can_manage_campaign(user: AnyUser, campaign: Campaign | None) -> bool:
    return campaign is not None and has_role_over(user, campaign.issuer, MANAGERS)


@rules.predicate
def can_approve_campaign(user: AnyUser, campaign: Campaign | None) -> bool:
    return campaign is not None and (is_admin(user) or has_role_over(user, campaign.issuer, LEADERS))


def can_view_campaign(user: AnyUser, campaign: Campaign) -> bool:
    """The issuer's side sees every state; a participating unit (or one below it) sees it once issued."""
    if has_role_over(user, campaign.issuer):
        return True
    if campaign.status not in (campaign.Status.ISSUED, campaign.Status.CLOSED):
        return False
    return campaign.participations.filter(unit__path__in=ancestor_paths(user)).exists()


def ancestor_paths(user: AnyUser) -> list[str]:
    """Every path at or above the units where the user holds a role."""
    from guongsang.org.models import Unit

    step = Unit.steplen
    return sorted({g.path[: i * step] for g in grants(user) for i in range(1, len(g.path) // step + 1)})


def acting_units(user: AnyUser, campaign: Campaign, roles: frozenset[str]) -> QuerySet[Unit]:
    """Participating units of an issued campaign the user acts for (one of `roles` at the unit or above)."""
    from guongsang.accounts.permissions import scope_filter, scope_paths
    from guongsang.campaigns.models import Participation
    from guongsang.org.models import Unit

    if campaign.status != campaign.Status.ISSUED:
        return Unit.objects.none()
    participations = Participation.objects.filter(campaign=campaign)
    if not is_admin(user):
        paths = scope_paths(user, roles)
        if not paths:
            return Unit.objects.none()
        participations = participations.filter(scope_filter(paths, "unit__path"))
    return Unit.objects.filter(pk__in=participations.values("unit_id")).select_related("kind").order_by("path")


rules.add_perm("campaigns.manage", can_manage_campaign)
rules.add_perm("campaigns.approve", can_approve_campaign)
