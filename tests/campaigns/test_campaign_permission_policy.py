"""Who sees and acts on a campaign: the issuer's side sees every state; a participating unit, and the
units below it, see the plan once issued (and after it closes), never while it is drafted; a unit
acts only for the participating units within its roles' reach."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from guongsang.accounts.models import Role
from guongsang.campaigns import permissions as P
from guongsang.campaigns.models import Campaign, Participation
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
S = Campaign.Status


def campaign(cast, status=S.ISSUED, participants=("commune",)) -> Campaign:
    c = Campaign.objects.create(issuer=cast.district, title="Sơ kết 05 năm", status=status)
    for name in participants:
        Participation.objects.create(campaign=c, unit=getattr(cast, name))
    return c


@pytest.mark.parametrize(
    ("status", "seen"),
    [(S.DRAFT, False), (S.SUBMITTED, False), (S.APPROVED, False), (S.ISSUED, True), (S.CLOSED, True)],
)
def test_a_participant_sees_the_plan_once_issued(cast, status, seen):
    c = campaign(cast, status)
    assert P.can_view_campaign(cast.users[Role.SUBMITTER], c) is seen
    assert P.can_view_campaign(cast.users[Role.HEAD], c) is seen
    # The issuer's side sees it in every state.
    assert P.can_view_campaign(cast.users[Role.OFFICE], c) is True
    assert P.can_view_campaign(cast.users["superuser"], c) is True


def test_a_unit_below_a_participant_sees_it_a_unit_beside_or_above_does_not(cast):
    c = campaign(cast, S.ISSUED, participants=("commune", "sibling_branch"))
    below = make_user("chibo", cast.branch, Role.SUBMITTER)
    beside = make_user("toaan", cast.court, Role.SUBMITTER)
    assert P.can_view_campaign(below, c) is True
    assert P.can_view_campaign(beside, c) is False
    # The sibling district's manager is above a participant, not a participant.
    assert P.can_view_campaign(cast.users["sibling"], c) is False
    assert P.can_view_campaign(make_user("vks", cast.sibling_branch, Role.HEAD), c) is True
    assert P.can_view_campaign(AnonymousUser(), c) is False


def test_ancestor_paths_are_every_unit_from_the_root_down_to_the_roles(cast):
    user = make_user("chibo", cast.branch, Role.SUBMITTER)
    assert P.ancestor_paths(user) == [cast.root.path, cast.district.path, cast.commune.path, cast.branch.path]
    assert P.ancestor_paths(cast.users[Role.MANAGER]) == [cast.root.path, cast.district.path]
    assert P.ancestor_paths(cast.users[Role.ADMIN]) == [cast.root.path]
    assert P.ancestor_paths(AnonymousUser()) == []


def test_acting_units_are_the_participants_within_the_roles_reach(cast):
    c = campaign(cast, S.ISSUED, participants=("court", "commune", "sibling_branch"))
    submitters = "nominee_data.prepare"  # the unit submitter alone
    assert list(P.acting_units(cast.users[Role.SUBMITTER], c, submitters)) == [cast.commune]
    assert list(P.acting_units(cast.users[Role.MANAGER], c, "campaign.manage")) == sorted(
        [cast.commune, cast.court], key=lambda u: u.path
    )
    assert list(P.acting_units(cast.users[Role.MANAGER], c, submitters)) == []
    assert list(P.acting_units(AnonymousUser(), c, submitters)) == []
    assert list(P.acting_units(cast.users["superuser"], c, submitters)) == sorted(
        [cast.commune, cast.court, cast.sibling_branch], key=lambda u: u.path
    )


@pytest.mark.parametrize("status", [S.DRAFT, S.APPROVED, S.CLOSED])
def test_nobody_acts_on_a_campaign_that_is_not_running(cast, status):
    c = campaign(cast, status, participants=("commune",))
    assert list(P.acting_units(cast.users[Role.SUBMITTER], c, "nomination.prepare")) == []
    assert list(P.acting_units(cast.users["superuser"], c, "nomination.prepare")) == []


def test_manage_and_approve_belong_to_the_issuers_managers_and_leaders(cast):
    c = campaign(cast, S.DRAFT)
    u = cast.users
    assert [P.can_manage_campaign(u[r], c) for r in (Role.MANAGER, Role.ADMIN, Role.LEADER, Role.OFFICE)] == [
        True,
        True,
        False,
        False,
    ]
    assert [P.can_approve_campaign(u[r], c) for r in (Role.LEADER, Role.MANAGER, Role.ADMIN)] == [
        True,
        False,
        False,
    ]
    assert P.can_manage_campaign(u["sibling"], c) is False
    assert P.can_approve_campaign(u["superuser"], c) is True


def test_acting_units_come_with_their_kinds_in_one_query(cast, django_assert_num_queries):
    c = campaign(cast, S.ISSUED, participants=("court", "commune"))
    manager = cast.users[Role.MANAGER]
    P.grants(manager)
    with django_assert_num_queries(1):
        kinds = [u.kind.code for u in P.acting_units(manager, c, "campaign.manage")]
    assert kinds == ["dang-bo-co-so", "chi-bo-co-so"]


def test_the_issuers_managers_and_leaders_follow_a_campaign(cast):
    c = campaign(cast, S.ISSUED, participants=("commune",))
    u = cast.users
    followers = [P.can_follow_campaign(u[r], c) for r in (Role.MANAGER, Role.LEADER, Role.ADMIN, "superuser")]
    assert followers == [True, True, True, True]
    others = [Role.REVIEWER, Role.OFFICE, Role.SUBMITTER, Role.HEAD, "sibling"]
    assert [P.can_follow_campaign(u[r], c) for r in others] == [False] * 5
    assert P.can_follow_campaign(u[Role.MANAGER], None) is False
