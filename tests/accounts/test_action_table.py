"""One role table (`accounts.permissions.ACTIONS`): every check in the code names an action of it, no
module builds a role set of its own, and docs/security.md prints the same table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from guongsang.accounts.models import Role
from guongsang.accounts.permissions import ACTIONS, can, roles_of

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "guongsang"
POLICY = CODE / "accounts" / "permissions.py"
ASKS = re.compile(r"""\b(?:can|roles_of|units_for|paths_for|acting_units)\([^()"]*"([a-z_]+\.[a-z_]+)\"""")


def _sources():
    for path in sorted(CODE.rglob("*.py")):
        if "migrations" in path.parts or "demo" in path.parts:
            continue
        yield path, path.read_text(encoding="utf-8")


def _asked() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path, text in _sources():
        for name in ASKS.findall(text):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    for path in sorted((CODE / "templates").rglob("*.html")):
        for name in re.findall(r"""\bcan\s+['"]([a-z_]+\.[a-z_]+)['"]""", path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_action_the_code_asks_is_in_the_table():
    asked = _asked()
    assert set(asked) - set(ACTIONS) == set()


def test_every_action_of_the_table_is_asked_somewhere():
    assert set(ACTIONS) - set(_asked()) == set()


def _role_sets(tree: ast.AST) -> list[int]:
    """Lines where a set, tuple or list of `Role.X` members is written (a role set of one's own)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            members = [e for e in node.elts if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name)]
            if any(m.value.id == "Role" for m in members):
                lines.append(node.lineno)
    return lines


def test_no_module_but_the_policy_writes_a_role_set():
    found = []
    for path, text in _sources():
        if path in (POLICY, CODE / "accounts" / "models.py"):
            continue
        found += [f"{path.relative_to(ROOT)}:{line}" for line in _role_sets(ast.parse(text))]
    assert found == []


def test_the_scan_sees_a_role_set():
    assert _role_sets(ast.parse("X = frozenset({Role.MANAGER, Role.ADMIN})")) == [1]
    assert _role_sets(ast.parse("has_role_over(u, x, {Role.HEAD})")) == [1]
    assert ASKS.findall('can(user, "report.submit", unit)') == ["report.submit"]


def test_an_unknown_action_is_an_error_not_a_refusal(cast):
    with pytest.raises(KeyError):
        can(cast.users[Role.MANAGER], "report.sumbit", cast.commune)


def test_the_documented_table_is_the_table():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| ([^|]+) \|", text, re.M))
    assert set(rows) == set(ACTIONS)
    for action, roles in rows.items():
        written = {r.strip() for r in roles.split(",")}
        assert written == set(roles_of(action)), action


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_action_reaches_down_the_tree_and_never_sideways(cast, action):
    for role in roles_of(action):
        user = cast.users[role]
        if role == Role.ADMIN:  # held at the root: the whole tree is below it
            assert can(user, action, cast.root) and can(user, action, cast.sibling_branch)
            continue
        unit = cast.commune if role in (Role.SUBMITTER, Role.HEAD) else cast.district
        assert can(user, action, unit) and can(user, action, cast.branch)
        assert not can(user, action, cast.sibling_branch) and not can(user, action, cast.root)
    for role in set(Role.values) - roles_of(action):
        assert not can(cast.users[role], action, cast.branch)
    assert can(cast.users["superuser"], action, cast.sibling_branch)


def test_units_for_an_action_are_the_subtrees_of_its_roles(cast):
    from guongsang.accounts.permissions import units_for

    def codes(user):
        return set(units_for(user, "campaign.manage").values_list("code", flat=True))

    assert codes(cast.users[Role.MANAGER]) == {"T-HU-LD", "T-LAT", "T-LAT-CB1", "T-CB-TOAAN"}
    assert codes(cast.users[Role.SUBMITTER]) == set() and codes(cast.users[Role.LEADER]) == set()
    assert set(units_for(cast.users[Role.SUBMITTER], "nomination.prepare").values_list("code", flat=True)) == {
        "T-LAT",
        "T-LAT-CB1",
    }
    assert len(codes(cast.users["superuser"])) == 7
