"""Demo follow-up: a reminder already sent, a consolidated draft in Huyện ủy Lạc Dương's campaign, and
Đảng ủy phường Phan Đình Phùng's consolidated report sent up into Tỉnh ủy Thái Nguyên's campaign."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from guongsang.campaigns.models import Campaign, Deadline, Participation
from guongsang.demo.reports import _answer_text, _values
from guongsang.reports import consolidation, reminders, services
from guongsang.reports.models import Report, ReportVersion, SectionAnswer


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _accepted_reports(campaign: Campaign, manager, rng: random.Random) -> None:
    """Every participating unit's report, accepted (the ward's units reported early)."""
    sections = list(campaign.sections.prefetch_related("indicators"))
    now = timezone.now()
    for participation in campaign.participations.select_related("unit"):
        report = Report.objects.filter(campaign=campaign, unit=participation.unit).first()
        if report is None:
            report = Report.objects.create(campaign=campaign, unit=participation.unit, submitted_at=now)
            for section in sections:
                SectionAnswer.objects.create(
                    report=report,
                    section=section,
                    text=_answer_text(rng, participation.unit.name, section.title),
                    values=_values(rng, section, campaign, participation.unit.name),
                    revision=1,
                )
        if report.state == Report.State.DRAFT:
            report.state, report.submitted_at = Report.State.SUBMITTED, now - dt.timedelta(days=1)
            report.save(update_fields=["state", "submitted_at"])
            ReportVersion.objects.create(report=report, number=1, submitted_at=report.submitted_at, snapshot={})
        if report.state == Report.State.SUBMITTED:
            services.accept(actor=manager, report=report)


def load_followup(seed: int = 11) -> None:
    rng = random.Random(seed)
    lacduong = Campaign.objects.get(issuer__code="LD-HU", number=98)
    manager = _user("lacduong.quanly")
    deadline = lacduong.deadlines.filter(kind=Deadline.Kind.REPORT).first()
    reminders.remind(actor=manager, deadline=deadline)
    consolidation.build_draft(actor=manager, campaign=lacduong)

    ward = Campaign.objects.filter(issuer__code="TN-DUP-PDP", parent__isnull=False).first()
    if ward is None or not Participation.objects.filter(campaign=ward.parent, unit=ward.issuer).exists():
        return
    ward_manager = _user("phandinhphung.quanly")
    _accepted_reports(ward, ward_manager, rng)
    consolidation.build_draft(actor=ward_manager, campaign=ward)
    upward = consolidation.roll_up(actor=_user("phandinhphung.quantri"), campaign=ward)
    services.accept(actor=_user("thainguyen.quanly"), report=upward)
