"""Reminders go only to units that still owe something, on the campaign's reminder days, once each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Deadline
from guongsang.campaigns.services import CampaignError, parse_reminder_days
from guongsang.notifications.models import Notice, Reminder
from guongsang.reports import reminders
from guongsang.reports.reminders import ReminderError, reminder_moment, send_due_reminders
from tests.reports.test_followup import DUE, sent, tree  # noqa: F401

VN = dt.timezone(dt.timedelta(hours=7))


def at(day: str, hour: int = 8) -> dt.datetime:
    d, m, y = (int(x) for x in day.split("/"))
    return dt.datetime(y, m, d, hour, tzinfo=VN)


def reminded(deadline, days_before=None):
    rows = Reminder.objects.filter(deadline=deadline)
    if days_before is not None:
        rows = rows.filter(days_before=days_before)
    return sorted(rows.values_list("unit__name", flat=True))


OWING = ["Chi bộ Công an", "Đảng bộ xã Đưng K'Nớ"]


def test_the_moments_follow_the_campaigns_days(tree):  # noqa: F811
    _campaign, report, _dossier, _units = tree
    assert reminder_moment(report, 7) == at("17/03/2026", 7).replace(minute=30)
    assert reminder_moment(report, 0) == at("24/03/2026", 7).replace(minute=30)
    assert reminder_moment(report, -3) == at("27/03/2026", 7).replace(minute=30)


def test_automatic_reminders_respect_the_days_and_go_only_to_units_owing(tree, django_capture_on_commit_callbacks):  # noqa: F811
    campaign, report, dossier, units = tree
    assert send_due_reminders(now=at("16/03/2026")) == 0  # 8 days before: no step yet
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(now=at("17/03/2026"))  # 7 days before
    assert reminded(report, 7) == OWING
    # Dossiers: only Lát sent; the merged Đạ Nhim owes nothing.
    assert "Đảng bộ xã Lát" not in reminded(dossier, 7) and "Đảng bộ xã Đạ Nhim" not in reminded(dossier, 7)
    # One e-mail per deadline owed, to the only owing unit with an address.
    assert sorted(m.subject for m in mail.outbox) == [
        "[Gương Sáng] Nhắc hạn: Báo cáo (09-KH/HU)",
        "[Gương Sáng] Nhắc hạn: Hồ sơ (09-KH/HU)",
    ]
    assert {tuple(m.to) for m in mail.outbox} == {("dungknoh@example.vn",)}
    notice = Notice.objects.get(unit=units["dungknoh"], title__startswith="Nhắc hạn: Báo cáo")
    assert notice.body.startswith("23:59 ngày 24/03/2026 — còn 7 ngày.")
    # Run again the same day, and later that day: nothing twice.
    assert send_due_reminders(now=at("17/03/2026", 20)) == 0
    # Between steps: nothing. On 22/03 (2 days before) only the units still owing.
    sent(campaign, units["dungknoh"], at("20/03/2026"))
    assert send_due_reminders(now=at("19/03/2026")) == 0
    send_due_reminders(now=at("22/03/2026"))
    assert reminded(report, 2) == ["Chi bộ Công an"]
    send_due_reminders(now=at("24/03/2026"))
    assert reminded(report, 0) == ["Chi bộ Công an"]
    assert "hôm nay là hạn cuối" in Notice.objects.filter(unit=units["police"]).first().body
    send_due_reminders(now=at("25/03/2026"))
    assert "đã quá hạn 1 ngày" in Notice.objects.filter(unit=units["police"]).first().body
    assert not Notice.objects.filter(unit=units["lat"]).exists()  # Lát sent everything: never reminded
    assert AuditEntry.objects.filter(action="deadline.reminded").count() >= 4


def test_a_missed_step_is_not_sent_days_late(tree):  # noqa: F811
    _campaign, report, _dossier, _units = tree
    send_due_reminders(now=at("19/03/2026"))  # the 7-day step was on the 17th
    assert reminded(report) == []


def test_other_reminder_days(tree):  # noqa: F811
    campaign, report, _dossier, _units = tree
    campaign.reminder_days = [1]
    campaign.save()
    assert send_due_reminders(now=at("17/03/2026")) == 0
    send_due_reminders(now=at("23/03/2026"))
    assert reminded(report, 1) == OWING


def test_a_manager_reminds_all_missing_units_or_a_chosen_one(tree, cast):  # noqa: F811
    _campaign, report, _dossier, units = tree
    manager = cast.users[Role.MANAGER]
    assert reminders.remind(actor=manager, deadline=report) == 2
    assert reminded(report) == OWING
    assert reminders.remind(actor=manager, deadline=report, unit_ids=[units["police"].pk]) == 1
    assert Reminder.objects.filter(kind="manual", sent_by=manager).count() == 3


def test_bad_reminders_are_refused_and_change_nothing(tree, cast):  # noqa: F811
    campaign, report, _dossier, units = tree
    manager = cast.users[Role.MANAGER]
    with pytest.raises(ReminderError, match="Chi bộ Viện Kiểm sát không tham gia kế hoạch này"):
        reminders.remind(actor=manager, deadline=report, unit_ids=[cast.sibling_branch.pk])
    with pytest.raises(ReminderError, match="Đảng bộ xã Lát đã gửi: không cần nhắc"):
        reminders.remind(actor=manager, deadline=report, unit_ids=[units["lat"].pk, units["police"].pk])
    own = Deadline.objects.create(campaign=campaign, what="Tổ chức sơ kết", due_at=DUE, kind=Deadline.Kind.OWN_REVIEW)
    with pytest.raises(ReminderError, match="không nhắc được"):
        reminders.remind(actor=manager, deadline=own)
    with pytest.raises(PermissionDenied):
        reminders.remind(actor=cast.users["sibling"], deadline=report)
    with pytest.raises(PermissionDenied):
        reminders.remind(actor=cast.users[Role.SUBMITTER], deadline=report)
    assert Reminder.objects.count() == 0 and Notice.objects.count() == 0


def test_reminder_days_are_read_from_text():
    assert parse_reminder_days("7, 2, 0, -1, -3") == [7, 2, 0, -1, -3]
    assert parse_reminder_days("2;7") == [7, 2]
    with pytest.raises(CampaignError, match="không phải một số ngày"):
        parse_reminder_days("7, hai")
    with pytest.raises(CampaignError, match="tối đa 30 ngày"):
        parse_reminder_days("45")
