"""The permission policy over the cast's tree: a role held at a unit reaches that unit and its whole
subtree, never a sibling or a parent; the deployment's superuser reaches everything; an anonymous
visitor nothing. Exact sets of units, exact 404s.

    Tỉnh ủy Mẫu (root) ─ Huyện ủy Lạc Dương (district: manager, leader, reviewer, office)
                         │   ├── Đảng bộ xã Lát (commune: submitter, head) ── Chi bộ thôn Bon Đưng
                         │   └── Chi bộ Tòa án (court)
                         └─ Huyện ủy Kim Bảng (sibling: "sibling" manager) ── Chi bộ Viện Kiểm sát
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from guongsang.accounts import permissions as P
from guongsang.accounts.models import Membership, Role
from guongsang.org.models import Person, Unit
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

DISTRICT_TREE = {"T-HU-LD", "T-LAT", "T-LAT-CB1", "T-CB-TOAAN"}


def codes(qs):
    return set(qs.values_list("code", flat=True))


def fresh(user):
    """The same account as a new request would load it (no cached grants)."""
    return type(user).objects.get(pk=user.pk)


def test_grants_are_the_users_roles_with_their_units_paths(cast):
    manager = cast.users[Role.MANAGER]
    assert P.grants(manager) == [P.Grant(cast.district.pk, cast.district.path, Role.MANAGER)]
    assert P.grants(AnonymousUser()) == []
    assert P.grants(cast.users["superuser"]) == []


def test_grants_are_read_once_per_user_object(cast, django_assert_num_queries):
    user = fresh(cast.users[Role.SUBMITTER])
    with django_assert_num_queries(1):
        first = P.grants(user)
        again = P.grants(user)
    assert first == again == [P.Grant(cast.commune.pk, cast.commune.path, Role.SUBMITTER)]
    assert user._gs_grants == first


def test_only_the_superuser_is_the_administrator(cast):
    assert P.is_admin(cast.users["superuser"]) is True
    assert P.is_admin(cast.users[Role.ADMIN]) is False
    assert P.is_admin(cast.users[Role.MANAGER]) is False
    assert P.is_admin(AnonymousUser()) is False
    # Something that is not a logged-in account is never an administrator, whatever it claims.
    assert P.is_admin(SimpleNamespace(is_superuser=True)) is False
    assert P.is_admin(SimpleNamespace(is_authenticated=False, is_superuser=True)) is False


def test_scope_paths_keep_only_the_highest_units(cast):
    user = make_user("nhieu-vai", cast.commune, Role.HEAD)
    Membership.objects.create(user=user, unit=cast.district, role=Role.REVIEWER)
    Membership.objects.create(user=user, unit=cast.sibling_branch, role=Role.SUBMITTER)
    user = fresh(user)
    assert P.scope_paths(user) == sorted([cast.district.path, cast.sibling_branch.path])
    assert P.scope_paths(user, frozenset({Role.HEAD})) == [cast.commune.path]
    assert P.scope_paths(user, frozenset({Role.HEAD, Role.SUBMITTER})) == sorted(
        [cast.commune.path, cast.sibling_branch.path]
    )
    assert P.scope_paths(user, frozenset({Role.MANAGER})) == []
    assert P.scope_paths(AnonymousUser()) == []


def test_a_role_reaches_its_unit_and_everything_below_only(cast):
    manager = cast.users[Role.MANAGER]
    for unit in (cast.district, cast.commune, cast.branch, cast.court):
        assert P.has_role_over(manager, unit) is True
    for unit in (cast.root, cast.sibling, cast.sibling_branch):
        assert P.has_role_over(manager, unit) is False
    head = cast.users[Role.HEAD]
    assert [P.has_role_over(head, u) for u in (cast.district, cast.commune, cast.branch, cast.court)] == [
        False,
        True,
        True,
        False,
    ]


def test_a_role_filter_asks_for_one_of_the_roles(cast):
    reviewer = cast.users[Role.REVIEWER]
    assert P.has_role_over(reviewer, cast.commune, P.roles_of("personal_data.view")) is True
    assert P.has_role_over(reviewer, cast.commune, P.roles_of("tree.edit")) is False
    assert P.has_role_over(reviewer, cast.commune, P.roles_of("audit.view")) is False
    assert P.has_role_over(cast.users[Role.OFFICE], cast.commune, P.roles_of("personal_data.view")) is False
    assert P.has_role_over(cast.users[Role.SUBMITTER], cast.branch, P.roles_of("personal_data.view")) is False
    assert P.has_role_over(cast.users[Role.ADMIN], cast.sibling_branch, P.roles_of("tree.edit")) is True


def test_the_superuser_reaches_every_unit_with_any_role(cast):
    root = cast.users["superuser"]
    assert P.has_role_over(root, cast.sibling_branch, frozenset({Role.LEADER})) is True
    assert codes(P.visible_units(root)) == DISTRICT_TREE | {"T-TU", "T-HU-KB", "T-CB-VKS"}
    assert list(P.top_units(root)) == [cast.root]


def test_visible_units_are_the_subtree(cast):
    assert codes(P.visible_units(cast.users[Role.MANAGER])) == DISTRICT_TREE
    assert codes(P.visible_units(cast.users[Role.HEAD])) == {"T-LAT", "T-LAT-CB1"}
    assert codes(P.visible_units(cast.users["sibling"])) == {"T-HU-KB", "T-CB-VKS"}
    assert codes(P.visible_units(cast.users[Role.HEAD], P.roles_of("tree.edit"))) == set()
    assert codes(P.visible_units(AnonymousUser())) == set()
    # The administrator *role* at the root reaches the whole tree through the role, not as superuser.
    assert codes(P.visible_units(cast.users[Role.ADMIN])) == DISTRICT_TREE | {"T-TU", "T-HU-KB", "T-CB-VKS"}


def test_scope_filter_joins_subtrees_on_the_named_field(cast):
    q = P.scope_filter([cast.commune.path, cast.sibling_branch.path])
    assert codes(Unit.objects.filter(q)) == {"T-LAT", "T-LAT-CB1", "T-CB-VKS"}
    q = P.scope_filter([cast.sibling.path], "unit__path")
    assert list(Person.objects.filter(q).values_list("code", flat=True)) == ["P-2"]


def test_top_units_are_the_roots_of_what_the_user_sees(cast):
    assert list(P.top_units(cast.users[Role.MANAGER])) == [cast.district]
    user = make_user("hai-noi", cast.commune, Role.HEAD)
    Membership.objects.create(user=user, unit=cast.branch, role=Role.SUBMITTER)
    Membership.objects.create(user=user, unit=cast.sibling_branch, role=Role.SUBMITTER)
    assert codes(P.top_units(fresh(user))) == {"T-LAT", "T-CB-VKS"}
    assert list(P.top_units(AnonymousUser())) == []


def test_a_unit_outside_the_scope_is_a_404_like_a_unit_that_does_not_exist(cast):
    from django.core.exceptions import PermissionDenied

    from guongsang.accounts import access

    manager = cast.users[Role.MANAGER]
    assert access.get_unit_for_user(manager, cast.branch.pk) == cast.branch
    assert access.get_unit_for_user(manager, cast.branch.pk, "tree.edit") == cast.branch
    for pk in (cast.sibling.pk, cast.root.pk, 987654):
        with pytest.raises(Http404):
            access.get_unit_for_user(manager, pk)
    # In scope without the right: 403, with the reason.
    with pytest.raises(PermissionDenied, match="không được xem thông tin cá nhân"):
        access.get_unit_for_user(cast.users[Role.OFFICE], cast.commune.pk, "personal_data.view")
    assert access.get_unit_for_user(cast.users["superuser"], cast.sibling_branch.pk) == cast.sibling_branch
    with pytest.raises(Http404):
        access.get_unit_for_user(cast.users["superuser"], 987654)


def test_every_action_has_its_refusal_in_vietnamese():
    from guongsang.accounts import access

    assert set(access.REFUSALS) == set(P.ACTIONS)


def test_the_named_permissions_follow_the_roles(cast):
    u = cast.users
    assert P.can(u[Role.OFFICE], "unit.view", cast.commune) is True
    assert P.can(u[Role.OFFICE], "personal_data.view", cast.commune) is False
    assert P.can(u[Role.HEAD], "personal_data.view", cast.branch) is True
    assert P.can(u[Role.LEADER], "tree.edit", cast.commune) is False
    assert P.can(u[Role.MANAGER], "tree.edit", cast.commune) is True
    assert P.can(u[Role.LEADER], "audit.view", cast.commune) is True
    assert P.can(u[Role.REVIEWER], "audit.view", cast.commune) is False
    assert P.can(u[Role.MANAGER], "unit.view", cast.sibling) is False
    assert P.can(u[Role.MANAGER], "unit.view", None) is False


def test_the_unit_comes_with_its_kind_and_successor_in_one_query(cast, django_assert_num_queries):
    from guongsang.accounts import access

    manager = fresh(cast.users[Role.MANAGER])
    P.grants(manager)
    with django_assert_num_queries(1):
        unit = access.get_unit_for_user(manager, cast.commune.pk)
        assert (unit.kind.code, unit.successor) == ("dang-bo-co-so", None)


def test_no_user_has_no_grants_and_is_no_administrator():
    assert P.grants(None) == []
    assert P.is_admin(None) is False


def test_a_merged_unit_comes_with_its_successor_in_the_same_query(cast, django_assert_num_queries):
    from guongsang.accounts import access

    Unit.objects.filter(pk=cast.branch.pk).update(successor=cast.court)
    manager = fresh(cast.users[Role.MANAGER])
    P.grants(manager)
    with django_assert_num_queries(1):
        unit = access.get_unit_for_user(manager, cast.branch.pk)
        assert unit.successor.name == "Chi bộ Tòa án"
