"""The permission policy: one place that knows roles and the organisation tree.

A role held at a unit reaches that unit and its whole subtree, never siblings or parents.
Views and templates ask these functions; they never re-derive a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import rules
from django.db.models import Q, QuerySet
from django.http import Http404

from guongsang.accounts.models import Role
from guongsang.lib.typing import AnyUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from guongsang.org.models import Unit

# Roles that may see personal data (ratings, birth year, ethnicity) inside their scope.
PERSONAL_DATA_ROLES = frozenset({Role.MANAGER, Role.LEADER, Role.REVIEWER, Role.HEAD, Role.ADMIN})
# Roles that may import, export and edit the tree and people of their subtree.
TREE_EDIT_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
# Roles that may read the audit log of their subtree.
AUDIT_ROLES = frozenset({Role.MANAGER, Role.LEADER, Role.ADMIN})


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


def get_unit_for_user(user: AnyUser, pk: int, roles: frozenset[str] | None = None) -> Unit:
    """The unit, or 404 when it is outside the user's scope (its existence does not leak)."""
    from guongsang.org.models import Unit

    try:
        unit = Unit.objects.select_related("kind", "successor").get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None
    if not has_role_over(user, unit, roles):
        raise Http404
    return unit


@rules.predicate
def can_view_unit(user: AnyUser, unit: Unit | None) -> bool:
    return unit is not None and has_role_over(user, unit)


@rules.predicate
def can_view_personal_data(user: AnyUser, unit: Unit | None) -> bool:
    return unit is not None and has_role_over(user, unit, PERSONAL_DATA_ROLES)


@rules.predicate
def can_edit_tree(user: AnyUser, unit: Unit | None) -> bool:
    return unit is not None and has_role_over(user, unit, TREE_EDIT_ROLES)


@rules.predicate
def can_view_audit(user: AnyUser, unit: Unit | None) -> bool:
    return unit is not None and has_role_over(user, unit, AUDIT_ROLES)


rules.add_perm("org.view_unit", can_view_unit)
rules.add_perm("org.view_personal_data", can_view_personal_data)
rules.add_perm("org.edit_tree", can_edit_tree)
rules.add_perm("accounts.view_audit", can_view_audit)
