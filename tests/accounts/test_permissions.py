import pytest

from guongsang.accounts.models import Role
from guongsang.accounts.permissions import (
    can_edit_tree,
    can_view_audit,
    can_view_personal_data,
    can_view_unit,
    is_admin,
    top_units,
    visible_units,
)
from tests.conftest import make_unit


def test_a_role_reaches_its_unit_and_subtree_but_not_siblings_or_parents(cast):
    manager = cast.users[Role.MANAGER]
    assert can_view_unit(manager, cast.district) and can_view_unit(manager, cast.branch)
    assert not can_view_unit(manager, cast.sibling) and not can_view_unit(manager, cast.sibling_branch)
    assert not can_view_unit(manager, cast.root)
    codes = set(visible_units(manager).values_list("code", flat=True))
    assert codes == {"T-HU-LD", "T-LAT", "T-LAT-CB1", "T-CB-TOAAN"}
    assert list(top_units(manager)) == [cast.district]


def test_a_unit_user_sees_only_its_own_unit_downwards(cast):
    submitter = cast.users[Role.SUBMITTER]
    assert can_view_unit(submitter, cast.branch)
    assert not can_view_unit(submitter, cast.district) and not can_view_unit(submitter, cast.court)


@pytest.mark.parametrize(
    ("who", "personal"),
    [
        (Role.MANAGER, True),
        (Role.LEADER, True),
        (Role.REVIEWER, True),
        (Role.HEAD, True),
        (Role.ADMIN, True),
        (Role.OFFICE, False),
        (Role.SUBMITTER, False),
        ("sibling", False),
    ],
)
def test_personal_data_only_to_roles_that_need_it(cast, who, personal):
    assert can_view_personal_data(cast.users[who], cast.branch) is personal


@pytest.mark.parametrize(
    ("who", "edit", "audit"),
    [
        (Role.MANAGER, True, True),
        (Role.LEADER, False, True),
        (Role.REVIEWER, False, False),
        (Role.OFFICE, False, False),
        (Role.SUBMITTER, False, False),
        (Role.HEAD, False, False),
        (Role.ADMIN, True, True),
        ("sibling", False, False),
    ],
)
def test_tree_editing_and_audit_reading_by_role(cast, who, edit, audit):
    user = cast.users[who]
    assert can_edit_tree(user, cast.commune) is edit
    assert can_view_audit(user, cast.commune) is audit


def test_only_the_superuser_administers_everything(cast):
    assert is_admin(cast.users["superuser"]) and not is_admin(cast.users[Role.MANAGER])
    # The administrator role, even at a root, reaches that root's subtree only.
    assert not is_admin(cast.users[Role.ADMIN])
    assert visible_units(cast.users[Role.ADMIN]).count() == 7
    other_root = make_unit(None, "T2-TU", "Tỉnh ủy Khác", "tinh-uy")
    assert not can_view_unit(cast.users[Role.ADMIN], other_root)
    assert can_view_unit(cast.users["superuser"], other_root)


def test_the_rules_are_registered_as_object_permissions(cast):
    assert cast.users[Role.MANAGER].has_perm("org.edit_tree", cast.commune)
    assert not cast.users["sibling"].has_perm("org.view_unit", cast.commune)
