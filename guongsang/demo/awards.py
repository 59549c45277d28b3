"""Seed 004 taken all the way: screening (one returned), two reviewers (one steps aside for a conflict
of interest), the standing committee's vote, the leader's approval, five days of public notice with a
comment, the signed decision of the bloc's standing committee, its certificates printed through a
calibrated printer, and awardees proposed to the Prime Minister's certificate and to the exhibition.
Seed 000's list is approved and its State-format decision (People's Committee chairman) is drafted,
with the award money. Everything goes through the services; dates are moved back to 2024 and 2023."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from guongsang.accounts.models import Membership, Role
from guongsang.awards import certificates, decisions, escalation, selection
from guongsang.awards.models import AwardDecision, AwardList, CertificateBatch, CertificateLayout, NoticeComment
from guongsang.demo.nominations import SUMMARY, _campaign, _grades, _nominate, _person
from guongsang.demo.tree import DEMO_PASSWORD
from guongsang.nominations.models import Nomination
from guongsang.org.models import Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = {"achievements_from": dt.date(2023, 2, 1), "achievements_to": dt.date(2024, 2, 5)}


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _second_reviewer(unit: Unit):
    user, _ = get_user_model().objects.get_or_create(
        username="tnduk.thamdinh2", defaults={"first_name": "Cán bộ thẩm định — Ban Tổ chức Đảng ủy Khối"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.objects.get_or_create(user=user, unit=unit, role=Role.REVIEWER)
    return user


def _more_nominations(campaign) -> list[Nomination]:
    """Proposals of the education, agriculture and justice party organisations, on time and complete."""
    made = []
    school = Unit.objects.get(code="TN-SGD-CB01")
    _grades(school, (2023,), "HTXSNV")
    made.append(_nominate(campaign, "TN-SGD", "collective", nominee_unit=school, **WINDOW))
    for unit_code, index in (("TN-SGD", 0), ("TN-SNN", 2), ("TN-CB-TUPHAP", 0)):
        p = _person(unit_code, index)
        _grades(p, (2023,))
        made.append(_nominate(campaign, unit_code, "individual", person=p, summary=SUMMARY, **WINDOW))
    inspectors = Unit.objects.get(code="TN-CB-THANHTRA")
    _grades(inspectors, (2023,), "HTXSNV")
    made.append(_nominate(campaign, "TN-CB-THANHTRA", "collective", nominee_unit=inspectors, **WINDOW))
    return made


def _shift(award_list: AwardList, start: dt.datetime, days: int) -> None:
    AwardList.objects.filter(pk=award_list.pk).update(
        approved_at=start - dt.timedelta(days=1), notice_from=start, notice_until=start + dt.timedelta(days=days)
    )


def load_awards() -> int:
    """Seed 004 to the signed decision, certificates and escalations; seed 000 to a drafted decision."""
    c = _campaign("TN-DUK")
    extra = _more_nominations(c)
    manager, leader = _user("tnduk.quanly"), _user("tnduk.lanhdao")
    reviewer, second = _user("tnduk.thamdinh"), _second_reviewer(c.issuer)
    submitted = list(Nomination.objects.filter(campaign=c, state=Nomination.State.SUBMITTED).order_by("pk"))
    returned = extra[-1]
    selection.screen(
        actor=manager,
        nomination=returned,
        verdict="returned",
        reason="Thiếu bản sao quyết định xếp loại tổ chức đảng năm 2023; đề nghị bổ sung trước hạn.",
    )
    valid = [n for n in submitted if n.pk != returned.pk]
    selection.screen_many(actor=manager, campaign=c, ids=[n.pk for n in valid], verdict="valid")
    for who in (reviewer, second):
        selection.assign_reviewer(actor=manager, campaign=c, reviewer=who)
    conflicted = valid[1]  # the reviewer from the Ban Tổ chức works beside this nominee
    selection.declare_conflict(
        actor=second, nomination=conflicted, reason="Cùng sinh hoạt chi bộ với người được đề nghị"
    )
    for i, n in enumerate(valid):
        for who, base in ((reviewer, 9), (second, 8)):
            if who == second and n.pk == conflicted.pk:
                continue
            scores = {
                str(item.pk): str(max(5, base - (i + item.position) % 3)) for item in selection.rubric_for(c, n.kind)
            }
            selection.review_save(actor=who, nomination=n, scores=scores, comment="Thành tích rõ, có minh chứng.")
        selection.record_vote(
            actor=manager, nomination=n, members_present=11, votes_for=11 - i % 3, votes_against=i % 3
        )
        selection.add_to_list(actor=manager, nomination=n)
    form = c.award_forms.get(is_escalation=False)
    award_list = selection.approve_list(actor=leader, award_list=selection.award_list_for(form))
    selection.post_notice(actor=manager, award_list=award_list, days=5)
    selection.comment_on_notice(
        actor=_user("tnduk.donvi"),
        award_list=award_list,
        nomination=valid[0],
        text="Đồng ý. Tập thể chi bộ đã có nhiều đóng góp trong công tác phòng, chống dịch.",
    )
    _shift(award_list, dt.datetime(2024, 3, 5, 8, tzinfo=VN), 5)
    NoticeComment.objects.filter(award_list=award_list).update(at=dt.datetime(2024, 3, 6, 9, 30, tzinfo=VN))
    d = decisions.decision_save(actor=manager, award_list=award_list, allocate=True, date=dt.date(2024, 3, 12))
    d = decisions.decision_sign(actor=leader, decision=d)
    AwardDecision.objects.filter(pk=d.pk).update(signed_at=dt.datetime(2024, 3, 12, 15, tzinfo=VN))
    printer = certificates.calibration_save(
        actor=manager,
        unit=c.issuer,
        name="Máy in Canon LBP2900 — Văn phòng Đảng ủy Khối",
        offset_x="1.5",
        offset_y="-1",
    )
    batch = certificates.start_batch(
        actor=manager, decision=d, layout=CertificateLayout.objects.get(unit__isnull=True), calibration=printer
    )
    certificates.run_batch(batch.pk)
    CertificateBatch.objects.filter(pk=batch.pk).update(created_at=dt.datetime(2024, 3, 13, 8, tzinfo=VN))
    before_deadline = dt.datetime(2024, 2, 29, 9, tzinfo=VN)
    awards = {a.nomination_id: a for a in d.awards.select_related("nomination")}
    prime_minister = c.award_forms.get(is_escalation=True, granted_by="Thủ tướng Chính phủ")
    exhibition = c.award_forms.get(is_escalation=True, name="Triển lãm chuyên đề")
    for n in valid[:2]:
        escalation.escalate(actor=manager, award=awards[n.pk], target=prime_minister, now=before_deadline)
    escalation.escalate(actor=manager, award=awards[valid[2].pk], target=exhibition, now=before_deadline)
    _lac_duong()
    return len(extra)


def _lac_duong() -> None:
    """Seed 000: the two proposals submitted in time are valid and voted; the list is approved; the
    decision of the district People's Committee chairman is drafted (State format, award money)."""
    c = _campaign("LD-HU")
    manager, leader = _user("lacduong.quanly"), _user("lacduong.lanhdao")
    ready = list(Nomination.objects.filter(campaign=c, state=Nomination.State.SUBMITTED, unit__code="LD-LAT"))
    for n in ready:
        selection.screen(actor=manager, nomination=n, verdict="valid")
        selection.record_vote(actor=manager, nomination=n, members_present=13, votes_for=13, votes_against=0)
        selection.add_to_list(actor=manager, nomination=n)
    award_list = selection.approve_list(actor=leader, award_list=selection.award_list_for(c.award_forms.get()))
    decisions.decision_save(
        actor=manager,
        award_list=award_list,
        date=dt.date(2023, 5, 4),
        proposer="Ban Thường vụ Huyện ủy Lạc Dương",
        signer_name="Phạm Triều",
    )
