"""The permission policy: one place that knows roles and the organisation tree.

A role held at a unit reaches that unit and its whole subtree, never siblings or parents. What each
role may do is one table, `ACTIONS`: a named action and the roles that may perform it over a unit.
Services, views, templates, documents and exports ask `can(user, action, unit)` (or `units_for`,
`roles_of`); none of them names a role. docs/security.md prints the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Q, QuerySet

from guongsang.accounts.models import Role
from guongsang.lib.typing import AnyUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from guongsang.org.models import Unit

_M, _L, _R, _O, _S, _H, _A = (
    Role.MANAGER,
    Role.LEADER,
    Role.REVIEWER,
    Role.OFFICE,
    Role.SUBMITTER,
    Role.HEAD,
    Role.ADMIN,
)

# action -> the roles that may perform it, held at the unit in question or above it. The unit is the
# one the object belongs to: a plan's, a list's or a decision's issuer; a report's or nomination's unit.
ACTIONS: dict[str, frozenset[str]] = {
    # The organisation
    "unit.view": frozenset(Role.values),  # any role: the tree, units, people (without personal data)
    "tree.edit": frozenset({_M, _A}),  # import, export, edit units and people
    "audit.view": frozenset({_M, _L, _A}),  # the audit log of the subtree
    "personal_data.view": frozenset({_M, _L, _R, _H, _A}),  # birth year, ethnicity, ratings
    "nominee_data.prepare": frozenset({_S}),  # … of the unit's own nominees, while preparing the dossier
    # Plans (campaigns)
    "campaign.manage": frozenset({_M, _A}),  # draft, issue, close, import a plan, accept reports, screen
    "campaign.approve": frozenset({_L}),  # approve a plan or a list, sign a decision
    "campaign.follow": frozenset({_M, _A, _L}),  # the follow-up dashboard and figures
    # A unit's work on a plan
    "report.write": frozenset({_S, _H, _M, _A}),
    "report.submit": frozenset({_H, _A}),  # confirm and send the unit's report
    "nomination.prepare": frozenset({_S, _H, _M, _A}),  # propose, edit, upload the dossier
    "nomination.submit": frozenset({_H, _A}),  # confirm and send; withdraw what was sent
    # The issuer's work
    "nomination.review": frozenset({_R, _M, _A}),  # be assigned to score nominations
    "certificate.print": frozenset({_M, _A, _O}),  # layouts, printer calibration, print runs
}


def roles_of(action: str) -> frozenset[str]:
    """The roles that may perform `action` (KeyError for a name not in the table)."""
    return ACTIONS[action]


@dataclass(frozen=True)
class Grant:
    unit_id: int
    path: str
    role: str


def grants(user: AnyUser) -> list[Grant]:
    """The user's roles with their units' paths, loaded once per user object (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    member = cast("User", user)  # only the user model is authenticated; AnonymousUser is not
    cached: list[Grant] | None = getattr(member, "_gs_grants", None)
    if cached is None:
        from guongsang.accounts.models import Membership

        cached = [
            Grant(unit_id, path, role)
            for unit_id, path, role in Membership.objects.filter(user=member).values_list(
                "unit_id", "unit__path", "role"
            )
        ]
        member._gs_grants = cached  # type: ignore[attr-defined]  # a per-object cache, not a model field
    return cached


def is_admin(user: AnyUser) -> bool:
    """The deployment administrator (a superuser) reaches everything. The administrator *role*
    reaches the subtree of its unit only, like every other role."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def scope_paths(user: AnyUser, roles: frozenset[str] | None = None) -> list[str]:
    """Paths of the units whose subtrees the user reaches (with one of `roles`, if given)."""
    paths = sorted({g.path for g in grants(user) if roles is None or g.role in roles})
    # Drop paths already covered by a shorter one.
    out: list[str] = []
    for path in paths:
        if not any(path.startswith(p) for p in out):
            out.append(path)
    return out


def has_role_over(user: AnyUser, unit: Unit, roles: frozenset[str] | None = None) -> bool:
    """True if the user holds one of `roles` at the unit or at one of its ancestors."""
    if is_admin(user):
        return True
    return any(unit.path.startswith(p) for p in scope_paths(user, roles))


def visible_units(user: AnyUser, roles: frozenset[str] | None = None) -> QuerySet[Unit]:
    from guongsang.org.models import Unit

    if is_admin(user):
        return Unit.objects.all()
    paths = scope_paths(user, roles)
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(scope_filter(paths))


def scope_filter(paths: list[str], field: str = "path") -> Q:
    """Rows whose unit path (in `field`) lies in any of the subtrees at `paths`."""
    from guongsang.org.models import in_subtree

    query = Q()
    for path in paths:
        query |= in_subtree(path, field)
    return query


def top_units(user: AnyUser) -> QuerySet[Unit]:
    """The highest units the user reaches: the roots of what the tree browser shows."""
    from guongsang.org.models import Unit

    if is_admin(user):
        return Unit.objects.get_root_nodes()
    return Unit.objects.filter(path__in=scope_paths(user))


def can(user: AnyUser, action: str, unit: Unit | None) -> bool:
    """May the user perform `action` over `unit`? A role of the action's at the unit or above it; the
    deployment administrator may do everything."""
    roles = roles_of(action)
    return unit is not None and has_role_over(user, unit, roles)


def units_for(user: AnyUser, action: str) -> QuerySet[Unit]:
    """The units over which the user may perform `action`."""
    return visible_units(user, roles_of(action))


def paths_for(user: AnyUser, action: str) -> list[str]:
    """The subtrees (paths) in which the user may perform `action`."""
    return scope_paths(user, roles_of(action))
