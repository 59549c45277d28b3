"""Deadlines of the seed plans as exact instants in Asia/Ho_Chi_Minh: the last second of the due day is
on time, the first second of the next day is late (refused, or accepted and marked late with the
right number of days), for submission and for withdrawal."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Campaign, Deadline
from guongsang.documents.vndate import deadline_text, end_of_day
from guongsang.nominations import rules as R
from guongsang.nominations import services
from guongsang.nominations.facts import campaign_rules
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.org.models import Honor, Rating, Unit
from tests.conftest import make_user
from tests.pdfs import VALID as VALID_PDF

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = dt.UTC
PDF = VALID_PDF
SECOND = dt.timedelta(seconds=1)


def campaign(code: str) -> Campaign:
    return Campaign.objects.get(issuer__code=code, parent__isnull=True)


def vn(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


# --- the seeds' deadlines are the last second of the due day, Vietnam time ---------------------------------

SEED_DEADLINES = [
    # issuer, kind, due day as the plan writes it, the same instant in UTC, lateness
    ("LD-HU", Deadline.Kind.DOSSIER, "31/03/2023", dt.datetime(2023, 3, 31, 16, 59, 59, tzinfo=UTC), "mark_late"),
    ("LD-HU", Deadline.Kind.REPORT, "15/03/2023", dt.datetime(2023, 3, 15, 16, 59, 59, tzinfo=UTC), "mark_late"),
    ("HT-DUK", Deadline.Kind.DOSSIER, "24/03/2023", dt.datetime(2023, 3, 24, 16, 59, 59, tzinfo=UTC), "refuse"),
    ("KB-HU", Deadline.Kind.DOSSIER, "05/04/2022", dt.datetime(2022, 4, 5, 16, 59, 59, tzinfo=UTC), "mark_late"),
    ("TN-DUK", Deadline.Kind.DOSSIER, "28/02/2024", dt.datetime(2024, 2, 28, 16, 59, 59, tzinfo=UTC), "mark_late"),
    ("TN-DUK", Deadline.Kind.REPORT, "15/03/2024", dt.datetime(2024, 3, 15, 16, 59, 59, tzinfo=UTC), "mark_late"),
    ("TN-DUK", Deadline.Kind.ESCALATION, "01/06/2024", dt.datetime(2024, 6, 1, 16, 59, 59, tzinfo=UTC), "mark_late"),
]


@pytest.mark.parametrize(("issuer", "kind", "day", "utc", "lateness"), SEED_DEADLINES)
def test_a_seed_deadline_is_2359_59_in_vietnam_which_is_1659_59_utc(demo, issuer, kind, day, utc, lateness):
    (deadline,) = campaign(issuer).deadlines.filter(kind=kind)
    assert deadline.due_at == utc
    assert deadline.due_at.astimezone(VN).replace(tzinfo=None) == dt.datetime.strptime(day, "%d/%m/%Y").replace(
        hour=23, minute=59, second=59
    )
    assert deadline.lateness == lateness
    assert deadline_text(deadline.due_at) == f"23:59 ngày {day}"


def test_004_programme_deadlines_are_the_first_and_the_tenth_of_march(demo):
    due = sorted(d.due_at for d in campaign("TN-DUK").deadlines.filter(kind=Deadline.Kind.PROGRAMME))
    assert due == [
        dt.datetime(2024, 3, 1, 16, 59, 59, tzinfo=UTC),
        dt.datetime(2024, 3, 1, 16, 59, 59, tzinfo=UTC),
        dt.datetime(2024, 3, 10, 16, 59, 59, tzinfo=UTC),
    ]


def test_end_of_day_is_the_last_second_in_vietnam_not_in_utc():
    assert end_of_day(dt.date(2023, 3, 24)) == dt.datetime(2023, 3, 24, 16, 59, 59, tzinfo=UTC)
    assert end_of_day(dt.date(2024, 2, 29)) == dt.datetime(2024, 2, 29, 16, 59, 59, tzinfo=UTC)
    assert end_of_day(dt.date(2023, 12, 31)) == dt.datetime(2023, 12, 31, 16, 59, 59, tzinfo=UTC)


# --- the rule: exact instants and the number of days late ----------------------------------------------------

MARK_LATE = R.DeadlineSpec("Hồ sơ", vn(2024, 2, 28, 23, 59, 59), refuse_late=False)
REFUSE = R.DeadlineSpec("Hồ sơ", vn(2023, 3, 24, 23, 59, 59), refuse_late=True)


@pytest.mark.parametrize(
    ("now", "late_days"),
    [
        (vn(2024, 2, 1, 8, 0, 0), None),
        (vn(2024, 2, 28, 23, 59, 58), None),
        (vn(2024, 2, 28, 23, 59, 59), None),
        (vn(2024, 2, 28, 23, 59, 59, 999999), None),  # still within the deadline's last second
        (vn(2024, 2, 29, 0, 0, 0), 1),
        (vn(2024, 2, 29, 0, 0, 0, 1), 1),
        (vn(2024, 2, 29, 12, 0, 0), 1),
        (vn(2024, 2, 29, 23, 59, 59), 1),  # exactly one day late
        (vn(2024, 3, 1, 0, 0, 0), 2),
        (vn(2024, 3, 8, 0, 0, 0), 9),
        (dt.datetime(2024, 2, 28, 16, 59, 59, tzinfo=UTC), None),
        (dt.datetime(2024, 2, 28, 17, 0, 0, tzinfo=UTC), 1),  # 00:00 on 29/02 in Vietnam
    ],
)
def test_late_days_count_started_days_after_the_deadline(now, late_days):
    found = R.check_deadline(MARK_LATE, now)
    if late_days is None:
        assert found == []
        return
    (finding,) = found
    assert (finding.code, finding.severity, finding.data["late_days"]) == ("deadline.late", R.WARN, late_days)
    assert finding.message == (
        f"Nộp muộn {late_days} ngày so với hạn “Hồ sơ” (23:59 ngày 28/02/2024); hồ sơ được nhận và ghi là nộp muộn."
    )


@pytest.mark.parametrize(
    ("now", "refused"),
    [
        (vn(2023, 3, 24, 23, 59, 59), False),
        (vn(2023, 3, 24, 23, 59, 59, 500000), False),
        (vn(2023, 3, 25, 0, 0, 0), True),
        (dt.datetime(2023, 3, 24, 16, 59, 59, tzinfo=UTC), False),
        (dt.datetime(2023, 3, 24, 17, 0, 0, tzinfo=UTC), True),
        (dt.datetime(2023, 3, 24, 23, 59, 59, tzinfo=UTC), True),  # 06:59 on 25/03 in Vietnam
    ],
)
def test_a_refusing_deadline_refuses_from_the_first_second_after_it(now, refused):
    found = R.check_deadline(REFUSE, now)
    assert [(f.code, f.severity) for f in found] == ([("deadline.refused", R.BLOCK)] if refused else [])
    if refused:
        assert found[0].message == (
            "Đã quá hạn “Hồ sơ” (23:59 ngày 24/03/2023); theo kế hoạch, hồ sơ gửi sau thời hạn không được xem xét."
        )


# --- through the services, on the seed campaigns --------------------------------------------------------------


def with_files(n: Nomination) -> Nomination:
    for requirement in n.campaign.dossier_requirements.all():
        if n.kind in requirement.nominee_kinds and requirement.file_required:
            record = DossierFile(
                nomination=n, requirement=requirement, original_name="ho-so.pdf", content_type="application/pdf"
            )
            record.size = len(PDF)
            record.file.save("ho-so.pdf", ContentFile(PDF), save=True)
    return n


@pytest.fixture
def evn_001(demo):
    """001: a complete, eligible collective of Đảng bộ Công ty Điện lực Hà Tĩnh, still a draft; its head."""
    c = campaign("HT-DUK")
    unit = Unit.objects.get(code="HT-EVN")
    collective = Unit.objects.get(code="HT-EVN-CB01")
    for year in (2020, 2021, 2022):
        Honor.objects.create(unit=collective, form="Giấy khen", granted_by=unit.name, year=year)
    n = Nomination.objects.create(
        campaign=c,
        unit=unit,
        kind="collective",
        award_form=c.award_forms.get(is_escalation=False),
        nominee_unit=collective,
    )
    return with_files(n), make_user("bithu.evn", unit, Role.HEAD)


@pytest.fixture
def stc_004(demo):
    """004: a complete, eligible collective of Đảng bộ Sở Tài chính (rated HTXSNV in 2023); its head."""
    c = campaign("TN-DUK")
    unit = Unit.objects.get(code="TN-STC")
    collective = Unit.objects.get(code="TN-STC-CB01")
    Rating.objects.update_or_create(
        unit=collective, year=2023, scheme=Rating.Scheme.PARTY, defaults={"grade": "HTXSNV"}
    )
    n = Nomination.objects.create(
        campaign=c,
        unit=unit,
        kind="collective",
        award_form=c.award_forms.get(name="Giấy khen"),
        nominee_unit=collective,
    )
    return with_files(n), make_user("bithu.stc", unit, Role.HEAD)


def submissions() -> int:
    return AuditEntry.objects.filter(action="nomination.submitted").count()


@pytest.mark.parametrize(
    "now",
    [
        vn(2023, 3, 24, 23, 59, 59),
        vn(2023, 3, 24, 23, 59, 59, 999999),
        dt.datetime(2023, 3, 24, 16, 59, 59, tzinfo=UTC),
    ],
)
def test_001_a_dossier_in_the_last_second_is_accepted(evn_001, now):
    n, head = evn_001
    done = services.nomination_submit(actor=head, nomination=n, now=now)
    assert (done.state, done.submitted_at, done.late_days) == (Nomination.State.SUBMITTED, now, None)


@pytest.mark.parametrize(
    "now",
    [
        vn(2023, 3, 25, 0, 0, 0),
        dt.datetime(2023, 3, 24, 17, 0, 0, tzinfo=UTC),
        dt.datetime(2023, 3, 24, 23, 59, 59, tzinfo=UTC),  # on time only if the deadline were read in UTC
        vn(2023, 4, 2, 9, 0, 0),
    ],
)
def test_001_a_dossier_from_the_first_second_after_is_refused_and_nothing_is_written(evn_001, now):
    n, head = evn_001
    before = submissions()
    with pytest.raises(services.NominationError) as refused:
        services.nomination_submit(actor=head, nomination=n, now=now)
    assert refused.value.messages == [
        "Đã quá hạn “Hồ sơ đề nghị khen thưởng (hồ sơ gửi sau thời hạn không được xem xét)” (23:59 ngày 24/03/2023); "
        "theo kế hoạch, hồ sơ gửi sau thời hạn không được xem xét."
    ]
    n.refresh_from_db()
    assert (n.state, n.submitted_at, n.submitted_by, n.late_days) == (Nomination.State.DRAFT, None, None, None)
    assert submissions() == before


@pytest.mark.parametrize(
    ("now", "late_days"),
    [
        (vn(2024, 2, 28, 23, 59, 59), None),
        (vn(2024, 2, 28, 23, 59, 59, 999999), None),
        (vn(2024, 2, 29, 0, 0, 0), 1),  # 2024 is a leap year: the next day is 29/02
        (vn(2024, 2, 29, 23, 59, 59), 1),
        (vn(2024, 3, 1, 0, 0, 0), 2),
        (dt.datetime(2024, 2, 28, 17, 0, 0, tzinfo=UTC), 1),
    ],
)
def test_004_a_late_dossier_is_accepted_and_marked_with_the_days_late(stc_004, now, late_days):
    n, head = stc_004
    before = submissions()
    done = services.nomination_submit(actor=head, nomination=n, now=now)
    done.refresh_from_db()
    assert (done.state, done.submitted_at, done.late_days) == (Nomination.State.SUBMITTED, now, late_days)
    assert submissions() == before + 1
    entry = AuditEntry.objects.filter(action="nomination.submitted").order_by("-pk").first()
    assert entry.after["late_days"] == late_days


def test_the_rules_a_campaign_gives_pick_its_dossier_deadline(demo):
    assert campaign_rules(campaign("HT-DUK")).deadline == R.DeadlineSpec(
        "Hồ sơ đề nghị khen thưởng (hồ sơ gửi sau thời hạn không được xem xét)",
        dt.datetime(2023, 3, 24, 16, 59, 59, tzinfo=UTC),
        refuse_late=True,
    )
    assert campaign_rules(campaign("TN-DUK")).deadline.refuse_late is False


@pytest.mark.parametrize(
    "now",
    [
        vn(2023, 3, 24, 23, 59, 59),
        vn(2023, 3, 24, 23, 59, 59, 999999),
        dt.datetime(2023, 3, 24, 16, 59, 59, tzinfo=UTC),
    ],
)
def test_001_withdrawal_in_the_deadlines_last_second(evn_001, now):
    n, head = evn_001
    services.nomination_submit(actor=head, nomination=n, now=vn(2023, 3, 20, 9, 0, 0))
    done = services.nomination_withdraw(actor=head, nomination=n, now=now)
    assert done.state == Nomination.State.WITHDRAWN
    n.refresh_from_db()
    assert n.state == Nomination.State.WITHDRAWN


@pytest.mark.parametrize("now", [vn(2023, 3, 25, 0, 0, 0), dt.datetime(2023, 3, 24, 17, 0, 0, tzinfo=UTC)])
def test_001_no_withdrawal_from_the_first_second_after(evn_001, now):
    n, head = evn_001
    services.nomination_submit(actor=head, nomination=n, now=vn(2023, 3, 20, 9, 0, 0))
    withdrawals = AuditEntry.objects.filter(action="nomination.withdrawn").count()
    with pytest.raises(services.NominationError) as refused:
        services.nomination_withdraw(actor=head, nomination=n, now=now)
    assert refused.value.messages == ["Đã quá hạn nộp hồ sơ nên không rút được đề nghị."]
    n.refresh_from_db()
    assert n.state == Nomination.State.SUBMITTED
    assert AuditEntry.objects.filter(action="nomination.withdrawn").count() == withdrawals
