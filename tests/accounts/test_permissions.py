import pytest

from guongsang.accounts.models import Role
from guongsang.accounts.permissions import can, is_admin, top_units, visible_units
from tests.conftest import make_unit


def test_a_role_reaches_its_unit_and_subtree_but_not_siblings_or_parents(cast):
    manager = cast.users[Role.MANAGER]
    assert can(manager, "unit.view", cast.district) and can(manager, "unit.view", cast.branch)
    assert not can(manager, "unit.view", cast.sibling) and not can(manager, "unit.view", cast.sibling_branch)
    assert not can(manager, "unit.view", cast.root)
    codes = set(visible_units(manager).values_list("code", flat=True))
    assert codes == {"T-HU-LD", "T-LAT", "T-LAT-CB1", "T-CB-TOAAN"}
    assert list(top_units(manager)) == [cast.district]


def test_a_unit_user_sees_only_its_own_unit_downwards(cast):
    submitter = cast.users[Role.SUBMITTER]
    assert can(submitter, "unit.view", cast.branch)
    assert not can(submitter, "unit.view", cast.district) and not can(submitter, "unit.view", cast.court)


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
    assert can(cast.users[who], "personal_data.view", cast.branch) is personal


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
    assert can(user, "tree.edit", cast.commune) is edit
    assert can(user, "audit.view", cast.commune) is audit


def test_only_the_superuser_administers_everything(cast):
    assert is_admin(cast.users["superuser"]) and not is_admin(cast.users[Role.MANAGER])
    # The administrator role, even at a root, reaches that root's subtree only.
    assert not is_admin(cast.users[Role.ADMIN])
    assert visible_units(cast.users[Role.ADMIN]).count() == 7
    other_root = make_unit(None, "T2-TU", "Tỉnh ủy Khác", "tinh-uy")
    assert not can(cast.users[Role.ADMIN], "unit.view", other_root)
    assert can(cast.users["superuser"], "unit.view", other_root)


def test_the_named_actions_answer_for_objects_in_scope_only(cast):
    assert can(cast.users[Role.MANAGER], "tree.edit", cast.commune)
    assert not can(cast.users["sibling"], "unit.view", cast.commune)
