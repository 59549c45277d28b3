"""The demo nominations show each kind of problem, found by the rule engine."""

import pytest

from guongsang.nominations import rules as R
from guongsang.nominations.models import Nomination
from guongsang.nominations.services import findings_for

pytestmark = pytest.mark.django_db


def blocking_codes(n: Nomination) -> set[str]:
    now = n.submitted_at if n.submitted_at else None
    return {f.code for f in findings_for(n, now=now) if f.severity == R.BLOCK}


EXPECTED = [
    # (issuer of the campaign, nominating unit, state, expected blocking codes)
    ("LD-HU", "LD-CB-TOAAN", "draft", {"criterion.grade"}),  # 000 accepts late dossiers, marked late
    ("HT-DUK", "HT-CB-NGOAIVU", "draft", {"quota.either", "deadline.refused"}),
    ("HT-DUK", "HT-SYT", "draft", {"deadline.refused"}),
    ("KB-HU", "KB-CB-TOAAN", "draft", {"dossier.missing"}),
    ("TN-DUK", "TN-CB-NGOAIVU", "draft", {"criterion.grade"}),
]


@pytest.mark.parametrize(("issuer", "unit", "state", "expected"), EXPECTED)
def test_each_demo_problem_is_found(demo, issuer, unit, state, expected):
    (n,) = Nomination.objects.filter(campaign__issuer__code=issuer, unit__code=unit, state=state)
    assert blocking_codes(n) == expected


def test_quota_problems_count_the_submitted_ones(demo):
    third = Nomination.objects.get(campaign__issuer__code="LD-HU", unit__code="LD-TT", state="draft")
    assert "quota.exceeded" in blocking_codes(third)
    second = Nomination.objects.get(campaign__issuer__code="HT-DUK", unit__code="HT-STP", state="draft")
    assert "quota.exceeded" in blocking_codes(second)


def test_the_summary_over_budget_is_found(demo):
    long = Nomination.objects.get(campaign__issuer__code="TN-DUK", unit__code="TN-CDVC", state="draft")
    assert "criterion.summary_length" in blocking_codes(long)


def test_submitted_demo_nominations_were_eligible_when_sent(demo):
    submitted = Nomination.objects.filter(state="submitted", campaign__parent__isnull=True)
    assert submitted.count() >= 12
    for n in submitted:
        assert blocking_codes(n) == set(), (n.unit.code, n.nominee_name)
    late = Nomination.objects.get(campaign__issuer__code="LD-HU", unit__code="LD-LAT", kind="collective")
    assert late.late_days == 2
    assert any(f.code == "deadline.late" for f in findings_for(late, now=late.submitted_at))


def test_a_model_with_a_higher_honour_passes_without_five_good_years(demo):
    models = Nomination.objects.filter(campaign__issuer__code="KB-HU", unit__code="KB-BASAO")
    assert models.count() == 2
    for n in models:
        codes = {f.code for f in findings_for(n, now=n.submitted_at)}
        assert not codes & {"criterion.any_of", "criterion.any_of_review"}


def test_the_bulk_recheck_agrees_with_the_one_by_one_check(demo, django_assert_max_num_queries):
    from guongsang.campaigns.models import Campaign
    from guongsang.nominations.checks import recheck_campaign

    for campaign in Campaign.objects.filter(nominations__isnull=False).distinct():
        with django_assert_max_num_queries(14):  # rules, counts, one chunk of nominations and their records
            dict(recheck_campaign(campaign))
        bulk = dict(recheck_campaign(campaign, chunk=3))  # several chunks give the same answers
        for n in Nomination.objects.filter(campaign=campaign).exclude(state="withdrawn"):
            one = findings_for(n, now=n.submitted_at)
            assert sorted(f.code for f in bulk[n.pk]) == sorted(f.code for f in one), (n.unit.code, n.nominee_name)
