"""Who may do what with a campaign: the actions of `accounts.permissions.ACTIONS` asked of the
campaign's issuer, and who sees a campaign at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guongsang.accounts.permissions import can, grants, is_admin, paths_for
from guongsang.lib.typing import AnyUser

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from guongsang.campaigns.models import Campaign
    from guongsang.org.models import Unit


def can_manage_campaign(user: AnyUser, campaign: Campaign | None) -> bool:
    return campaign is not None and can(user, "campaign.manage", campaign.issuer)


def can_approve_campaign(user: AnyUser, campaign: Campaign | None) -> bool:
    return campaign is not None and can(user, "campaign.approve", campaign.issuer)


def can_follow_campaign(user: AnyUser, campaign: Campaign | None) -> bool:
    return campaign is not None and can(user, "campaign.follow", campaign.issuer)


def can_view_campaign(user: AnyUser, campaign: Campaign) -> bool:
    """The issuer's side sees every state; a participating unit (or one below it) sees it once issued."""
    if can(user, "unit.view", campaign.issuer):
        return True
    if campaign.status not in (campaign.Status.ISSUED, campaign.Status.CLOSED):
        return False
    return campaign.participations.filter(unit__path__in=ancestor_paths(user)).exists()


def ancestor_paths(user: AnyUser) -> list[str]:
    """Every path at or above the units where the user holds a role."""
    from guongsang.org.models import Unit

    step = Unit.steplen
    return sorted({g.path[: i * step] for g in grants(user) for i in range(1, len(g.path) // step + 1)})


def acting_units(user: AnyUser, campaign: Campaign, action: str) -> QuerySet[Unit]:
    """Participating units of an issued campaign for which the user may perform `action`."""
    from guongsang.accounts.permissions import scope_filter
    from guongsang.campaigns.models import Participation
    from guongsang.org.models import Unit

    if campaign.status != campaign.Status.ISSUED:
        return Unit.objects.none()
    participations = Participation.objects.filter(campaign=campaign)
    if not is_admin(user):
        paths = paths_for(user, action)
        if not paths:
            return Unit.objects.none()
        participations = participations.filter(scope_filter(paths, "unit__path"))
    return Unit.objects.filter(pk__in=participations.values("unit_id")).select_related("kind").order_by("path")
