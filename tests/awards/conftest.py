"""A district plan with a capped award form, an escalation form, and submitted nominations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile

from guongsang.accounts.models import Role
from guongsang.awards import decisions, selection
from guongsang.campaigns.models import (
    AwardForm,
    Campaign,
    Criterion,
    Deadline,
    DossierRequirement,
    Participation,
    QuotaRule,
)
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.org.models import Person
from tests.conftest import kind, make_user
from tests.pdfs import VALID as VALID_PDF

DUE = dt.datetime(2030, 12, 20, 16, 59, 59, tzinfo=dt.UTC)  # far ahead: returned nominations can be resubmitted
PDF = VALID_PDF


@dataclass
class Plan:
    campaign: Campaign
    form: AwardForm
    upward: AwardForm
    requirement: DossierRequirement
    people: list[Person] = field(default_factory=list)


@pytest.fixture
def plan(cast) -> Plan:
    campaign = Campaign.objects.create(
        issuer=cast.district,
        number=12,
        date=dt.date(2026, 3, 1),
        status=Campaign.Status.ISSUED,
        title="Sơ kết 02 năm và biểu dương điển hình tiên tiến",
        signer_capacity="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Ya Tiong",
    )
    for unit in (cast.commune, cast.court):
        Participation.objects.create(campaign=campaign, unit=unit)
    dossier = Deadline.objects.create(
        campaign=campaign, what="Hồ sơ", kind=Deadline.Kind.DOSSIER, due_at=DUE, lateness=Deadline.Lateness.REFUSE
    )
    upward_due = Deadline.objects.create(
        campaign=campaign,
        what="Đề nghị Bằng khen",
        kind=Deadline.Kind.ESCALATION,
        due_at=DUE,
        lateness=Deadline.Lateness.REFUSE,
    )
    form = AwardForm.objects.create(
        campaign=campaign,
        name="Giấy khen",
        granted_by="Ban Thường vụ Huyện ủy Lạc Dương",
        nominee_kinds=["collective", "individual"],
        cap_collectives=1,
        cap_individuals=2,
        coefficient="0.30",
        deadline=dossier,
    )
    upward = AwardForm.objects.create(
        campaign=campaign,
        name="Bằng khen",
        granted_by="Ban Thường vụ Tỉnh ủy Mẫu",
        nominee_kinds=["collective", "individual"],
        cap_individuals=1,
        is_escalation=True,
        deadline=upward_due,
        position=1,
    )
    QuotaRule.objects.create(campaign=campaign, unit_kind=kind("dang-bo-co-so"), collectives=1, individuals=3)
    QuotaRule.objects.create(
        campaign=campaign, unit_kind=kind("chi-bo-co-so"), mode="either", collectives=1, individuals=1
    )
    Criterion.objects.create(campaign=campaign, nominee_kind="individual", text="Gương mẫu, tiêu biểu")
    requirement = DossierRequirement.objects.create(
        campaign=campaign, document="Báo cáo thành tích", nominee_kinds=["collective", "individual"]
    )
    people = [cast.person]
    for i, name in enumerate(("Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"), start=2):
        p = Person(code=f"P-A{i}", full_name=name, unit=cast.commune, is_party_member=True, title="Đảng viên")
        p.save()
        people.append(p)
    return Plan(campaign, form, upward, requirement, people)


def submitted(plan: Plan, unit, kind="individual", **fields) -> Nomination:
    n = Nomination.objects.create(
        campaign=plan.campaign,
        unit=unit,
        kind=kind,
        award_form=fields.pop("award_form", plan.form),
        state=Nomination.State.SUBMITTED,
        submitted_at=DUE - dt.timedelta(days=30),
        summary="Gương mẫu đi đầu.",
        **fields,
    )
    record = DossierFile(
        nomination=n,
        requirement=plan.requirement,
        original_name="bao-cao.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    record.file.save("b.pdf", ContentFile(PDF), save=True)
    return n


def approved(cast, plan: Plan, nominations: list[Nomination]):
    """Screened valid, voted 7 of 9, in the list, approved by the leader."""
    manager, leader = cast.users[Role.MANAGER], cast.users[Role.LEADER]
    for n in nominations:
        selection.screen(actor=manager, nomination=n, verdict="valid")
        selection.record_vote(actor=manager, nomination=n, members_present=9, votes_for=7, votes_against=2)
        selection.add_to_list(actor=manager, nomination=n)
    return selection.approve_list(actor=leader, award_list=selection.award_list_for(plan.form))


def signed(cast, plan: Plan, nominations: list[Nomination], **fields):
    award_list = approved(cast, plan, nominations)
    d = decisions.decision_save(
        actor=cast.users[Role.MANAGER], award_list=award_list, allocate=True, date=dt.date(2026, 4, 2), **fields
    )
    return decisions.decision_sign(actor=cast.users[Role.LEADER], decision=d)


@pytest.fixture
def second_reviewer(cast):
    return make_user("thamdinh2", cast.district, Role.REVIEWER, first_name="Hai")
