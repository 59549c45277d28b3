"""Demo follow-up: a reminder already sent, a consolidated draft in Huyện ủy Lạc Dương's campaign,
Đảng ủy phường Phan Đình Phùng's consolidated report sent up into Tỉnh ủy Thái Nguyên's campaign, and
work waiting in the two current campaigns for each of their roles on the day the demo is loaded."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from guongsang.awards import selection
from guongsang.campaigns.models import Assignment, Campaign, Deadline, Participation
from guongsang.demo.reports import _answer_text, _values
from guongsang.org.models import Unit
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
    load_live_work()


def load_live_work() -> None:
    """Open work in the current campaigns, dated from today: in the ward's campaign a complete draft
    nomination for the chi bộ's secretary to confirm, one submitted and waiting for screening, one valid
    and assigned to the reviewer, one in the list for the leader to approve; the ward's own nominations
    to the province (one missing its files, one complete); and a task of the office in each plan."""
    from guongsang.demo.nominations import _grades, _nominate, _person

    ward = Campaign.objects.get(issuer__code="TN-DUP-PDP")
    manager, today = _user("phandinhphung.quanly"), timezone.localdate()
    # Rated well enough for the plans' criteria (2021-2025), sent a few days ago (the dossier is due in 20).
    people = [_person("TN-DUP-PDP-CB01", 1), _person("TN-DUP-PDP-CB02"), _person("TN-DUP-PDP-CB03")]
    branch = Unit.objects.get(code="TN-DUP-PDP-CB04")
    for subject in (*people, branch, Unit.objects.get(code="TN-DUP-PDP-CB02"), _person("TN-DUP-PDP-CB05")):
        _grades(subject, range(2021, 2026))
    sent = {"days_before": 23}
    _nominate(ward, "TN-DUP-PDP-CB01", "individual", person=people[0], state="draft")
    _nominate(ward, "TN-DUP-PDP-CB02", "individual", person=people[1], **sent)
    scored = _nominate(ward, "TN-DUP-PDP-CB03", "individual", person=people[2], **sent)
    listed = _nominate(ward, "TN-DUP-PDP-CB04", "collective", nominee_unit=branch, **sent)
    for n in (scored, listed):
        selection.screen(actor=manager, nomination=n, verdict="valid")
    selection.assign_reviewer(actor=manager, campaign=ward, reviewer=_user("phandinhphung.thamdinh"))
    selection.record_vote(actor=manager, nomination=listed, members_present=9, votes_for=8, votes_against=1)
    selection.add_to_list(actor=manager, nomination=listed)

    province = ward.parent
    _nominate(
        province, "TN-DUP-PDP", "collective", nominee_unit=Unit.objects.get(code="TN-DUP-PDP-CB02"), state="draft"
    )
    _nominate(province, "TN-DUP-PDP", "individual", person=_person("TN-DUP-PDP-CB05"), state="draft", files=False)
    for campaign, body, task, days in (
        (province, "Văn phòng Tỉnh ủy", "Bảo đảm kinh phí, cơ sở vật chất cho Hội nghị tổng kết.", 60),
        (ward, "Văn phòng Đảng ủy phường", "Chuẩn bị hội trường, giấy mời dự Hội nghị sơ kết của phường.", 28),
    ):
        Assignment.objects.create(
            campaign=campaign,
            body=body,
            unit=campaign.issuer,
            task=task,
            due_date=today + dt.timedelta(days=days),
            position=campaign.assignments.count(),
        )
