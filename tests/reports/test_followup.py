"""Completeness (received ÷ expected) and timeliness (on time ÷ expected) per deadline, per unit kind
and per branch, on a tree where units were merged and closed during the campaign."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guongsang.campaigns.models import Campaign, Deadline, Participation
from guongsang.nominations.models import Nomination
from guongsang.reports import followup
from guongsang.reports.models import Report, ReportVersion
from tests.conftest import make_unit

DUE = dt.datetime(2026, 3, 24, 16, 59, 59, tzinfo=dt.UTC)  # 23:59:59 on 24/03/2026 in Việt Nam


def sent(campaign, unit, at):
    report = Report.objects.create(campaign=campaign, unit=unit, state=Report.State.SUBMITTED, submitted_at=at)
    ReportVersion.objects.create(report=report, number=1, submitted_at=at, snapshot={})


@pytest.fixture
def tree(cast):
    """The district's plan; five communes and two branches take part:
    - Lát sends on time; Đạ Sar sends late; Đưng K'Nớ never sends;
    - Đạ Nhim merged into Lát on 01/03/2026 without sending: it owes nothing any more;
    - Đạ Chais sent on 10/03/2026 and closed on 15/03/2026: it still counts, on both sides;
    - the court branch sends on time, the police branch never."""
    campaign = Campaign.objects.create(
        issuer=cast.district, number=9, date=dt.date(2026, 2, 1), status=Campaign.Status.ISSUED, title="Sơ kết"
    )
    report = Deadline.objects.create(campaign=campaign, what="Báo cáo", due_at=DUE, kind=Deadline.Kind.REPORT)
    dossier = Deadline.objects.create(campaign=campaign, what="Hồ sơ", due_at=DUE, kind=Deadline.Kind.DOSSIER)
    d = cast.district
    units = {
        "lat": cast.commune,
        "dasar": make_unit(d, "T-DASAR", "Đảng bộ xã Đạ Sar", "dang-bo-co-so"),
        "dungknoh": make_unit(d, "T-DUNG", "Đảng bộ xã Đưng K'Nớ", "dang-bo-co-so", email="dungknoh@example.vn"),
        "danhim": make_unit(d, "T-DANHIM", "Đảng bộ xã Đạ Nhim", "dang-bo-co-so", active_to=dt.date(2026, 3, 1)),
        "dachais": make_unit(d, "T-DACHAIS", "Đảng bộ xã Đạ Chais", "dang-bo-co-so", active_to=dt.date(2026, 3, 15)),
        "court": cast.court,
        "police": make_unit(d, "T-CB-CA", "Chi bộ Công an", "chi-bo-co-so", phone="0263 3839 000"),
    }
    for unit in units.values():
        Participation.objects.create(campaign=campaign, unit=unit)
    on_time = DUE - dt.timedelta(days=3)
    sent(campaign, units["lat"], on_time)
    sent(campaign, units["dasar"], DUE + dt.timedelta(days=2))
    sent(campaign, units["dachais"], dt.datetime(2026, 3, 10, 2, 0, tzinfo=dt.UTC))
    sent(campaign, units["court"], on_time)
    Nomination.objects.create(campaign=campaign, unit=units["lat"], kind="individual", submitted_at=on_time)
    Nomination.objects.create(campaign=campaign, unit=units["police"], kind="individual")  # a draft: not sent
    return campaign, report, dossier, units


def test_completeness_and_timeliness_of_a_report_deadline(tree):
    _campaign, report, _dossier, _units = tree
    total = followup.status(report).total
    # Expected: 7 participants - Đạ Nhim (merged before the deadline, sent nothing) = 6.
    assert (total.expected, total.received, total.on_time, total.missing) == (6, 4, 3, 2)
    assert total.completeness == pytest.approx(4 / 6) and total.timeliness == pytest.approx(3 / 6)


def test_per_unit_kind_and_per_branch_no_rate_exceeds_one(tree, cast):
    _campaign, report, _dossier, _units = tree
    state = followup.status(report)
    kinds = {r.label: (r.expected, r.received, r.on_time) for r in state.by_kind}
    assert kinds == {"Đảng bộ cơ sở": (4, 3, 2), "Chi bộ cơ sở": (2, 1, 1)}
    for rates in [state.total, *state.by_kind, *state.by_subtree]:
        assert rates.received <= rates.expected and rates.on_time <= rates.received
    branches = {r.label: (r.expected, r.received) for r in state.by_subtree}
    assert branches["Đảng bộ xã Lát"] == (1, 1) and branches["Chi bộ Công an"] == (1, 0)
    assert "Đảng bộ xã Đạ Nhim" not in [r.label for r in state.by_subtree if r.expected]


def test_the_missing_units_with_their_contacts(tree):
    _campaign, report, dossier, _units = tree
    missing = followup.missing_units(report)
    assert [u.name for u in missing] == ["Đảng bộ xã Đưng K'Nớ", "Chi bộ Công an"]
    assert missing[0].email == "dungknoh@example.vn" and missing[1].phone == "0263 3839 000"
    # Dossiers: only Lát sent one; the police branch's draft does not count.
    assert followup.status(dossier).total.received == 1
    assert "Chi bộ Công an" in [u.name for u in followup.missing_units(dossier)]


def test_a_deadline_for_some_unit_kinds_expects_only_those(tree, cast):
    from guongsang.org.models import UnitKind

    _campaign, report, _dossier, _units = tree
    report.audience_kinds.set([UnitKind.objects.get(code="chi-bo-co-so")])
    total = followup.status(report).total
    assert (total.expected, total.received) == (2, 1)


def test_the_number_of_queries_does_not_grow_with_the_units(tree, cast):
    campaign, report, _dossier, _units = tree

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            followup.status(report)
        return len(ctx.captured_queries)

    before = queries()
    for i in range(30):
        unit = make_unit(cast.district, f"T-X{i}", f"Chi bộ thêm {i}", "chi-bo-co-so")
        Participation.objects.create(campaign=campaign, unit=unit)
    assert queries() == before


def test_most_behind(tree):
    campaign, _report, _dossier, units = tree
    ranked = followup.most_behind(campaign, now=DUE + dt.timedelta(days=1))
    assert ranked[0] == (units["dungknoh"], 2) and (units["police"], 2) in ranked
    assert (units["lat"], 1) not in ranked and all(u != units["lat"] for u, _n in ranked)


def test_a_report_sent_within_the_last_second_is_on_time_and_one_a_second_later_is_not(tree):
    campaign, report, _dossier, units = tree
    Report.objects.filter(unit=units["court"]).delete()
    sent(campaign, units["court"], DUE + dt.timedelta(microseconds=500_000))
    sent(campaign, units["police"], DUE + dt.timedelta(seconds=1))
    total = followup.status(report).total
    # Before: 4 received, 3 on time (Lát, Đạ Chais, the court). The police branch now sends at 00:00:00.
    assert (total.expected, total.received, total.on_time) == (6, 5, 3)
