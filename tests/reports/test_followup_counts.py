"""Follow-up counts at the edges: on time up to the due second, a unit closed the day before the due
date owes nothing while one closed on the due date still owes, the first version decides timeliness,
deadlines name their audience, and the branches most behind come first."""

from __future__ import annotations

import datetime as dt

import pytest

from guongsang.campaigns.models import Campaign, Deadline, Participation
from guongsang.nominations.models import Nomination
from guongsang.reports import followup as F
from guongsang.reports.models import Report, ReportVersion
from tests.conftest import kind, make_unit

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 3, 24, 16, 59, 59, tzinfo=dt.UTC)  # 23:59:59 on 24/03/2026 in Việt Nam
SECOND = dt.timedelta(seconds=1)


def rates(r: F.Rates):
    return (r.label, r.expected, r.received, r.on_time)


def test_rates_divide_by_the_expected_and_say_nothing_without_any():
    r = F.Rates("Toàn đợt", 4, 3, 1)
    assert (r.missing, r.completeness, r.timeliness) == (1, 0.75, 0.25)
    empty = F.Rates("Toàn đợt", 0, 0, 0)
    assert (empty.missing, empty.completeness, empty.timeliness) == (0, None, None)


def test_only_report_and_dossier_deadlines_are_followed():
    kinds = {k: F.tracked(Deadline(kind=k)) for k in Deadline.Kind.values}
    assert kinds == {
        "report": True,
        "dossier": True,
        "own_review": False,
        "programme": False,
        "escalation": False,
        "other": False,
    }


def send_report(campaign, unit, *times):
    report = Report.objects.create(campaign=campaign, unit=unit, state=Report.State.SUBMITTED, submitted_at=times[-1])
    for number, at in enumerate(times, start=1):
        ReportVersion.objects.create(report=report, number=number, submitted_at=at, snapshot={})


@pytest.fixture
def plan(cast):
    """The district's plan with seven participants under two branches of the district:
    the commune (Lát) with its own branch below it (Bon Đưng), the court, and four more."""
    campaign = Campaign.objects.create(issuer=cast.district, title="Sơ kết", status=Campaign.Status.ISSUED)
    d = cast.district
    units = {
        "lat": cast.commune,
        "bondung": cast.branch,
        "court": cast.court,
        "exact": make_unit(d, "T-A", "Chi bộ A", "chi-bo-co-so"),
        "late": make_unit(d, "T-B", "Chi bộ B", "chi-bo-co-so"),
        "closed_before": make_unit(d, "T-C", "Chi bộ C", "chi-bo-co-so", active_to=dt.date(2026, 3, 23)),
        "closed_on": make_unit(d, "T-D", "Chi bộ D", "chi-bo-co-so", active_to=dt.date(2026, 3, 24)),
    }
    for unit in units.values():
        Participation.objects.create(campaign=campaign, unit=unit)
    other = Campaign.objects.create(issuer=cast.district, title="Kế hoạch khác", status=Campaign.Status.ISSUED)
    return campaign, other, units


def test_a_report_deadline_counts_to_the_second_and_by_the_first_version(plan):
    campaign, other, u = plan
    deadline = Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    send_report(campaign, u["lat"], DUE - dt.timedelta(days=2), DUE + dt.timedelta(days=1))  # on time, then fixed
    send_report(campaign, u["exact"], DUE)  # at the due second: on time
    send_report(campaign, u["late"], DUE + SECOND)  # one second late
    send_report(other, u["court"], DUE - dt.timedelta(days=5))  # another plan's report does not count
    status = F.status(deadline)
    # Expected: everyone but the unit closed before the due date (6); received 3; on time 2.
    assert rates(status.total) == ("Toàn đợt", 6, 3, 2)
    assert (status.total.completeness, status.total.timeliness) == (0.5, 2 / 6)
    assert [u.code for u in F.missing_units(deadline)] == ["T-LAT-CB1", "T-CB-TOAAN", "T-D"]


def test_the_first_version_alone_decides_timeliness(plan):
    campaign, _other, u = plan
    deadline = Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    send_report(campaign, u["late"], DUE + SECOND, DUE - dt.timedelta(days=1))  # data entered out of order
    assert rates(F.status(deadline).total) == ("Toàn đợt", 6, 1, 0)


def test_a_dossier_deadline_counts_submitted_nominations_only(plan):
    campaign, other, u = plan
    deadline = Deadline.objects.create(campaign=campaign, what="Hồ sơ", due_at=DUE, kind=Deadline.Kind.DOSSIER)
    Nomination.objects.create(campaign=campaign, unit=u["exact"], kind="individual", submitted_at=DUE)
    Nomination.objects.create(campaign=campaign, unit=u["late"], kind="individual", submitted_at=DUE + SECOND)
    Nomination.objects.create(campaign=campaign, unit=u["lat"], kind="collective")  # a draft: not sent
    Nomination.objects.create(campaign=other, unit=u["court"], kind="individual", submitted_at=DUE - SECOND)
    # The closed unit sent before closing: it counts, on both sides.
    Nomination.objects.create(
        campaign=campaign, unit=u["closed_before"], kind="individual", submitted_at=DUE - dt.timedelta(days=2)
    )
    status = F.status(deadline)
    assert rates(status.total) == ("Toàn đợt", 7, 3, 2)
    assert [x.code for x in F.missing_units(deadline)] == ["T-LAT", "T-LAT-CB1", "T-CB-TOAAN", "T-D"]
    assert [x.code for x in F.missing_units(deadline, limit=2)] == ["T-LAT", "T-LAT-CB1"]


def test_figures_per_unit_kind_and_per_branch(plan):
    campaign, _other, u = plan
    deadline = Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    send_report(campaign, u["bondung"], DUE - SECOND)
    send_report(campaign, u["exact"], DUE + SECOND)
    status = F.status(deadline)
    assert [rates(r) for r in status.by_kind] == [
        ("Đảng bộ cơ sở", 1, 0, 0),
        ("Chi bộ cơ sở", 4, 1, 0),
        ("Chi bộ trực thuộc", 1, 1, 1),
    ]
    assert [r.key for r in status.by_kind] == [
        str(kind("dang-bo-co-so").pk),
        str(kind("chi-bo-co-so").pk),
        str(kind("chi-bo-truc-thuoc").pk),
    ]
    # Branches of the district: Lát with its chi bộ below it; most missing first, then by name.
    assert [rates(r) for r in status.by_subtree] == [
        ("Chi bộ B", 1, 0, 0),
        ("Chi bộ D", 1, 0, 0),
        ("Chi bộ Tòa án", 1, 0, 0),
        ("Đảng bộ xã Lát", 2, 1, 1),
        ("Chi bộ A", 1, 1, 0),
        ("Chi bộ C", 0, 0, 0),
    ]
    assert {r.label: r.key for r in status.by_subtree}["Đảng bộ xã Lát"] == u["lat"].path


def test_a_deadline_for_some_unit_kinds_expects_only_those(plan):
    campaign, _other, u = plan
    deadline = Deadline.objects.create(campaign=campaign, what="Báo cáo chi bộ", due_at=DUE, kind=Deadline.Kind.REPORT)
    deadline.audience_kinds.set([kind("chi-bo-truc-thuoc"), kind("dang-bo-co-so")])
    send_report(campaign, u["lat"], DUE)
    status = F.status(deadline)
    assert rates(status.total) == ("Toàn đợt", 2, 1, 1)
    assert [r.label for r in status.by_kind] == ["Đảng bộ cơ sở", "Chi bộ trực thuộc"]
    assert [x.code for x in F.missing_units(deadline)] == ["T-LAT-CB1"]
    assert F.owed(deadline).count() == 2
    assert F.owed(deadline, []).count() == 7


def test_campaign_status_follows_only_report_and_dossier_deadlines_in_due_order(plan):
    campaign, _other, _u = plan
    later = Deadline.objects.create(campaign=campaign, what="Hồ sơ", due_at=DUE + SECOND, kind=Deadline.Kind.DOSSIER)
    Deadline.objects.create(campaign=campaign, what="Sơ kết tại đơn vị", due_at=DUE, kind=Deadline.Kind.OWN_REVIEW)
    first = Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    assert [s.deadline for s in F.campaign_status(campaign)] == [first, later]


def test_most_behind_counts_the_passed_deadlines_each_unit_owes(plan):
    campaign, _other, u = plan
    Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    Deadline.objects.create(campaign=campaign, what="Hồ sơ", due_at=DUE + SECOND, kind=Deadline.Kind.DOSSIER)
    Deadline.objects.create(campaign=campaign, what="Sơ kết", due_at=DUE - SECOND, kind=Deadline.Kind.OWN_REVIEW)
    Deadline.objects.create(campaign=campaign, what="Hồ sơ sau", due_at=DUE + dt.timedelta(days=9), kind="dossier")
    send_report(campaign, u["lat"], DUE)
    send_report(campaign, u["court"], DUE)
    Nomination.objects.create(campaign=campaign, unit=u["exact"], kind="individual", submitted_at=DUE)
    # At the second the dossiers are due both deadlines have passed; the one in nine days has not.
    behind = F.most_behind(campaign, now=DUE + SECOND)
    # The dossiers are due at 00:00:00 on 25/03 in Việt Nam: Chi bộ D, closed on the 24th, owes them nothing.
    assert [(unit.code, n) for unit, n in behind] == [
        ("T-LAT-CB1", 2),
        ("T-B", 2),
        ("T-LAT", 1),
        ("T-CB-TOAAN", 1),
        ("T-A", 1),
        ("T-D", 1),
    ]
    assert [(unit.code, n) for unit, n in F.most_behind(campaign, now=DUE + SECOND, limit=2)] == [
        ("T-LAT-CB1", 2),
        ("T-B", 2),
    ]
    # One second before the report deadline nothing is owed yet; at its second, the report is.
    assert F.most_behind(campaign, now=DUE - SECOND) == []
    assert [(unit.code, n) for unit, n in F.most_behind(campaign, now=DUE)] == [
        ("T-LAT-CB1", 1),
        ("T-A", 1),
        ("T-B", 1),
        ("T-D", 1),
    ]


def test_most_behind_lists_ten_units_unless_told(cast):
    campaign = Campaign.objects.create(issuer=cast.district, title="Sơ kết", status=Campaign.Status.ISSUED)
    for i in range(11):
        unit = make_unit(cast.district, f"T-X{i:02d}", f"Chi bộ {i:02d}", "chi-bo-co-so")
        Participation.objects.create(campaign=campaign, unit=unit)
    Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    assert len(F.most_behind(campaign, now=DUE)) == 10
    assert len(F.most_behind(campaign, now=DUE, limit=11)) == 11


def test_a_deadlines_figures_and_missing_units_take_a_fixed_number_of_queries(plan, django_assert_num_queries):
    campaign, *_ = plan
    created = Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    created.audience_kinds.set([kind("chi-bo-co-so"), kind("chi-bo-truc-thuoc")])
    deadline = Deadline.objects.select_related("campaign__issuer").get(pk=created.pk)
    # The audience, the participations with their facts, the branch names.
    with django_assert_num_queries(3):
        status = F.status(deadline)
    assert rates(status.total) == ("Toàn đợt", 5, 0, 0)
    with django_assert_num_queries(2):
        missing = [(x.code, x.kind.code) for x in F.missing_units(deadline)]
    assert missing == [
        ("T-LAT-CB1", "chi-bo-truc-thuoc"),
        ("T-CB-TOAAN", "chi-bo-co-so"),
        ("T-A", "chi-bo-co-so"),
        ("T-B", "chi-bo-co-so"),
        ("T-D", "chi-bo-co-so"),
    ]
