"""Screening, review, the committee's vote and the approved list. Every change is one service call:
permission, validation, audit entry, transaction."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from guongsang.accounts.audit import log_action
from guongsang.accounts.permissions import can
from guongsang.awards.models import AwardList, ListEntry, NoticeComment, Review, ReviewerAssignment, RubricItem, Vote
from guongsang.campaigns.models import AwardForm, Campaign, Criterion, NomineeKind
from guongsang.campaigns.permissions import can_approve_campaign, can_manage_campaign, can_view_campaign
from guongsang.lib.text import strip_end
from guongsang.lib.typing import Actor
from guongsang.nominations import rules as R
from guongsang.nominations.checks import recheck_campaign
from guongsang.nominations.models import Nomination

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from guongsang.org.models import UnitKind

S = Nomination.Screening
CAP_FIELD: dict[str, str] = {
    NomineeKind.COLLECTIVE: "cap_collectives",
    NomineeKind.INDIVIDUAL: "cap_individuals",
    NomineeKind.MODEL: "cap_models",
}


class SelectionError(ValidationError):
    pass


def require_manager(actor: Actor, campaign: Campaign) -> None:
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý của đơn vị ban hành kế hoạch mới làm được việc này.")


def require_leader(actor: Actor, campaign: Campaign) -> None:
    if not can_approve_campaign(actor, campaign):
        raise PermissionDenied("Chỉ lãnh đạo (Thường trực, Ban Thường vụ) của đơn vị ban hành mới duyệt, ký được.")


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update()
        .select_related("campaign", "campaign__issuer", "unit")
        .get(pk=nomination.pk)
    )


# --- screening ---------------------------------------------------------------------------------


def _screen_one(actor: Actor, n: Nomination, verdict: str, reason: str, now: dt.datetime) -> None:
    if n.state != Nomination.State.SUBMITTED:
        raise SelectionError(f"{n.nominee_name}: chỉ thẩm định được đề nghị đơn vị đã gửi.")
    if hasattr(n, "list_entry"):
        raise SelectionError(f"{n.nominee_name} đã ở trong danh sách khen thưởng; hãy đưa ra khỏi danh sách trước.")
    if verdict not in (S.VALID, S.RETURNED, S.REJECTED):
        raise SelectionError("Kết quả thẩm định không hợp lệ.")
    reason = reason.strip()
    if verdict != S.VALID and not reason:
        raise SelectionError({"reason": "Cần ghi lý do trả lại hoặc không xem xét, để đơn vị biết."})
    before = {"screening": n.screening, "state": n.state}
    n.screening, n.screening_reason, n.screened_by, n.screened_at = verdict, reason, actor, now
    if verdict == S.RETURNED:
        n.state = Nomination.State.DRAFT  # the unit fixes it and submits again before the deadline
    n.save(update_fields=["screening", "screening_reason", "screened_by", "screened_at", "state", "updated_at"])
    log_action(
        actor=actor,
        action=f"nomination.screened.{verdict}",
        obj=n,
        unit=n.campaign.issuer,
        before=before,
        after={"screening": verdict, "reason": reason},
    )
    if verdict == S.RETURNED:
        from guongsang.notifications.services import notify_units

        notify_units(
            [n.unit],
            title=f"Đề nghị khen thưởng được trả lại: {n.nominee_name}",
            body=f"{n.campaign.issuer.name} trả lại đề nghị “{n.nominee_name}” để bổ sung: {strip_end(reason)}. "
            "Đơn vị sửa và gửi lại trước hạn nộp hồ sơ.",
            link=f"/de-nghi/{n.pk}/",
        )


@transaction.atomic
def screen(*, actor: Actor, nomination: Nomination, verdict: str, reason: str = "") -> Nomination:
    n = _locked(nomination)
    require_manager(actor, n.campaign)
    _screen_one(actor, n, verdict, reason, timezone.now())
    return n


@transaction.atomic
def screen_many(*, actor: Actor, campaign: Campaign, ids: list[int], verdict: str, reason: str = "") -> int:
    """All the chosen nominations or none: the first refusal leaves every one as it was."""
    require_manager(actor, campaign)
    chosen = list(
        Nomination.objects.select_for_update()
        .select_related("campaign", "campaign__issuer", "unit")
        .filter(campaign=campaign, pk__in=ids)
    )
    if not chosen:
        raise SelectionError("Chưa chọn đề nghị nào.")
    now = timezone.now()
    for n in chosen:
        _screen_one(actor, n, verdict, reason, now)
    return len(chosen)


@dataclass
class ScreeningFilters:
    unit_kind: str = ""
    award_form: int | None = None
    screening: str = ""
    finding: str = ""  # "block", "review", "late", "clean"


def screening_rows(campaign: Campaign, filters: ScreeningFilters | None = None) -> list[tuple]:
    """(nomination, findings) for every submitted or returned nomination, filtered; a fixed number of
    queries per 2,000 nominations."""
    f = filters or ScreeningFilters()
    found = dict(recheck_campaign(campaign))
    qs = (
        Nomination.objects.filter(campaign=campaign)
        .exclude(state=Nomination.State.WITHDRAWN)
        .exclude(state=Nomination.State.DRAFT, screening=S.PENDING)
        .select_related(
            "unit", "unit__kind", "person", "person__unit", "nominee_unit", "model_unit", "award_form", "list_entry"
        )
        .order_by("unit__path", "kind", "pk")
    )
    if f.unit_kind:
        qs = qs.filter(unit__kind__code=f.unit_kind)
    if f.award_form:
        qs = qs.filter(award_form_id=f.award_form)
    if f.screening:
        qs = qs.filter(screening=f.screening)
    rows = []
    for n in qs:
        findings = found.get(n.pk, [])
        if f.finding == "block" and not R.blocking(findings):
            continue
        if f.finding == "review" and not any(x.severity == R.REVIEW for x in findings):
            continue
        if f.finding == "late" and not n.late_days:
            continue
        if f.finding == "clean" and any(x.severity in (R.BLOCK, R.WARN) for x in findings):
            continue
        rows.append((n, findings))
    return rows


# --- review ------------------------------------------------------------------------------------


def default_rubric(campaign: Campaign) -> list[RubricItem]:
    """One weighted line per criterion a reviewer must judge (those no record can decide); a single
    line when the plan has none."""
    criteria = campaign.criteria.filter(check_kind=Criterion.Check.REVIEWER)
    items = [
        RubricItem(campaign=campaign, nominee_kind=c.nominee_kind, label=c.text[:500], position=i)
        for i, c in enumerate(criteria)
    ]
    return items or [RubricItem(campaign=campaign, label="Thành tích tiêu biểu, có sức lan tỏa", position=0)]


def rubric_for(campaign: Campaign, kind: str) -> list[RubricItem]:
    return [i for i in campaign.rubric.all() if i.nominee_kind in ("", kind)]


@transaction.atomic
def rubric_save(*, actor: Actor, campaign: Campaign, rows: list[dict]) -> list[RubricItem]:
    """Replace the rubric; refused once any score has been given against it."""
    require_manager(actor, campaign)
    if Review.objects.filter(nomination__campaign=campaign, conflict=False).exists():
        raise SelectionError("Đã có điểm chấm theo bộ tiêu chí này nên không sửa được.")
    items = []
    for i, row in enumerate(rows):
        label = (row.get("label") or "").strip()
        if not label:
            continue
        try:
            weight = Decimal(str(row.get("weight") or "1"))
            top = int(row.get("max_score") or 10)
        except (ArithmeticError, ValueError) as exc:
            raise SelectionError(f"Tiêu chí “{label}”: trọng số và điểm tối đa phải là số.") from exc
        if not weight.is_finite() or not (0 < weight <= 100) or not (1 <= top <= 1000):
            raise SelectionError(
                f"Tiêu chí “{label}”: trọng số phải lớn hơn 0 và không quá 100, điểm tối đa từ 1 đến 1000."
            )
        if len(label) > 500:
            raise SelectionError(f"Tiêu chí “{label[:40]}…” dài quá 500 ký tự.")
        nominee_kind = row.get("nominee_kind") or ""
        if nominee_kind not in ("", *NomineeKind.values):
            raise SelectionError(f"Tiêu chí “{label}”: đối tượng áp dụng không hợp lệ.")
        items.append(
            RubricItem(
                campaign=campaign,
                nominee_kind=nominee_kind,
                label=label,
                weight=weight.quantize(Decimal("0.01")),
                max_score=top,
                position=i,
            )
        )
    if not items:
        raise SelectionError("Bộ tiêu chí chấm cần ít nhất một tiêu chí.")
    campaign.rubric.all().delete()
    RubricItem.objects.bulk_create(items)
    log_action(
        actor=actor,
        action="campaign.rubric.saved",
        obj=campaign,
        unit=campaign.issuer,
        after={"items": [(i.label, str(i.weight), i.max_score) for i in items]},
    )
    return items


@transaction.atomic
def assign_reviewer(
    *,
    actor: Actor,
    campaign: Campaign,
    reviewer: User,
    award_form: AwardForm | None = None,
    unit_kind: UnitKind | None = None,
) -> ReviewerAssignment:
    require_manager(actor, campaign)
    if not can(reviewer, "nomination.review", campaign.issuer):
        raise SelectionError(
            f"{reviewer.get_full_name() or reviewer.username} không có vai trò thẩm định ở đơn vị này."
        )
    if award_form is not None and award_form.campaign_id != campaign.pk:
        raise SelectionError("Hình thức không thuộc kế hoạch này.")
    if not campaign.rubric.exists():
        RubricItem.objects.bulk_create(default_rubric(campaign))
    assignment, created = ReviewerAssignment.objects.get_or_create(
        campaign=campaign, reviewer=reviewer, award_form=award_form, unit_kind=unit_kind
    )
    if created:
        log_action(
            actor=actor,
            action="campaign.reviewer.assigned",
            obj=campaign,
            unit=campaign.issuer,
            after={
                "reviewer": reviewer.username,
                "award_form": str(award_form or ""),
                "unit_kind": str(unit_kind or ""),
            },
        )
    return assignment


@transaction.atomic
def unassign_reviewer(*, actor: Actor, assignment: ReviewerAssignment) -> None:
    require_manager(actor, assignment.campaign)
    log_action(
        actor=actor,
        action="campaign.reviewer.unassigned",
        obj=assignment.campaign,
        unit=assignment.campaign.issuer,
        before={"reviewer": assignment.reviewer.username},
    )
    assignment.delete()


def in_remit(assignments: list[ReviewerAssignment], n: Nomination) -> bool:
    return any(
        (a.award_form_id is None or a.award_form_id == n.award_form_id)
        and (a.unit_kind_id is None or a.unit_kind_id == n.unit.kind_id)
        for a in assignments
    )


def reviewable(user: Actor, campaign: Campaign) -> list[Nomination]:
    """Valid nominations in the reviewer's remit (by award form and unit kind)."""
    assignments = list(ReviewerAssignment.objects.filter(campaign=campaign, reviewer=user))
    if not assignments:
        return []
    qs = (
        Nomination.objects.filter(campaign=campaign, state=Nomination.State.SUBMITTED, screening=S.VALID)
        .select_related("unit", "unit__kind", "person", "person__unit", "nominee_unit", "model_unit", "award_form")
        .order_by("kind", "unit__path", "pk")
    )
    return [n for n in qs if in_remit(assignments, n)]


def _require_reviewer(actor: Actor, n: Nomination) -> None:
    if not in_remit(list(ReviewerAssignment.objects.filter(campaign=n.campaign, reviewer=actor)), n):
        raise PermissionDenied("Đề nghị này không thuộc phạm vi bạn được phân công thẩm định.")
    if n.state != Nomination.State.SUBMITTED or n.screening != S.VALID:
        raise SelectionError("Chỉ chấm điểm đề nghị đã được thẩm định là hợp lệ.")
    if AwardList.objects.filter(award_form_id=n.award_form_id).exclude(status=AwardList.Status.DRAFT).exists():
        raise SelectionError("Danh sách của hình thức này đã được duyệt; điểm chấm không thay đổi được nữa.")


@transaction.atomic
def review_save(*, actor: Actor, nomination: Nomination, scores: dict, comment: str = "") -> Review:
    n = _locked(nomination)
    _require_reviewer(actor, n)
    existing = Review.objects.filter(nomination=n, reviewer=actor).first()
    if existing is not None and existing.conflict:
        raise SelectionError("Bạn đã khai báo xung đột lợi ích với đề nghị này nên không chấm điểm.")
    items = rubric_for(n.campaign, n.kind)
    if not items:
        raise SelectionError("Kế hoạch chưa có bộ tiêu chí chấm điểm.")
    clean, errors = {}, []
    for item in items:
        raw = scores.get(str(item.pk), scores.get(item.pk))
        try:
            value = Decimal(str(raw).replace(",", "."))
        except (ArithmeticError, ValueError):
            errors.append(f"Chưa chấm tiêu chí “{item.label}”.")
            continue
        if not 0 <= value <= item.max_score:
            errors.append(f"Điểm tiêu chí “{item.label}” phải từ 0 đến {item.max_score}.")
            continue
        clean[str(item.pk)] = str(value)
    if errors:
        raise SelectionError(errors)
    weight = sum((i.weight for i in items), Decimal(0))
    total = sum((Decimal(clean[str(i.pk)]) / i.max_score * i.weight for i in items), Decimal(0)) / weight * 100
    review = existing or Review(nomination=n, reviewer=actor)
    review.scores, review.total, review.comment = clean, total.quantize(Decimal("0.01")), comment.strip()
    review.save()
    log_action(
        actor=actor, action="nomination.reviewed", obj=n, unit=n.campaign.issuer, after={"total": str(review.total)}
    )
    return review


@transaction.atomic
def declare_conflict(*, actor: Actor, nomination: Nomination, reason: str) -> Review:
    """The reviewer steps aside: any score given is dropped and the nomination leaves their list."""
    n = _locked(nomination)
    _require_reviewer(actor, n)
    if not reason.strip():
        raise SelectionError({"reason": "Cần ghi rõ quan hệ dẫn đến xung đột lợi ích."})
    review, _ = Review.objects.get_or_create(nomination=n, reviewer=actor)
    review.conflict, review.conflict_reason = True, reason.strip()
    review.scores, review.total = {}, None
    review.save()
    log_action(
        actor=actor, action="nomination.review.conflict", obj=n, unit=n.campaign.issuer, after={"reason": reason}
    )
    return review


@dataclass
class ScoreSummary:
    mean: Decimal | None = None
    spread: Decimal | None = None  # population standard deviation of the reviewers' totals
    count: int = 0
    excluded: list[str] = field(default_factory=list)  # reviewers who declared a conflict


def score_summaries(campaign: Campaign) -> dict[int, ScoreSummary]:
    totals: dict[int, list[Decimal]] = defaultdict(list)
    out: dict[int, ScoreSummary] = defaultdict(ScoreSummary)
    for review in Review.objects.filter(nomination__campaign=campaign).select_related("reviewer"):
        if review.conflict:
            out[review.nomination_id].excluded.append(review.reviewer.get_full_name() or review.reviewer.username)
        elif review.total is not None:
            totals[review.nomination_id].append(review.total)
    for nid, values in totals.items():
        s = out[nid]
        s.count = len(values)
        s.mean = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))
        s.spread = Decimal(str(statistics.pstdev(values))).quantize(Decimal("0.01"))
    return dict(out)


def scores_workbook(campaign: Campaign) -> bytes:
    """Every reviewer's scores (one column per rubric item) and the summary per nomination, as .xlsx."""
    from openpyxl import Workbook

    from guongsang.lib.workbooks import finish, header_row, save, write_row

    items = list(campaign.rubric.all())
    wb = Workbook()
    ws = wb.active
    ws.title = "Điểm chấm"
    head = ["Đề nghị", "Đối tượng", "Đơn vị đề nghị", "Người chấm", "Xung đột lợi ích"]
    rubric = [f"{i.label} (tối đa {i.max_score}, trọng số {i.weight})" for i in items]
    header_row(ws, [*head, *rubric, "Điểm (100)", "Nhận xét"])
    reviews = (
        Review.objects.filter(nomination__campaign=campaign)
        .select_related("reviewer", "nomination", "nomination__unit", "nomination__person", "nomination__nominee_unit")
        .order_by("nomination_id", "reviewer_id")
    )
    for r in reviews:
        n = r.nomination
        write_row(
            ws,
            [
                n.nominee_name,
                n.get_kind_display(),
                n.unit.name,
                r.reviewer.get_full_name() or r.reviewer.username,
                r.conflict_reason if r.conflict else "",
            ]
            + [Decimal(str(r.scores[str(i.pk)])) if str(i.pk) in r.scores else None for i in items]
            + [r.total, r.comment],
        )
    summary = wb.create_sheet("Tổng hợp")
    header_row(
        summary,
        ["Đề nghị", "Đơn vị đề nghị", "Số người chấm", "Điểm trung bình", "Độ lệch chuẩn", "Không chấm (xung đột)"],
    )
    sums = score_summaries(campaign)
    for n in Nomination.objects.filter(pk__in=sums).select_related("unit", "person", "nominee_unit"):
        s = sums[n.pk]
        write_row(summary, [n.nominee_name, n.unit.name, s.count, s.mean, s.spread, ", ".join(s.excluded)])
    for sheet in (ws, summary):
        finish(sheet)
    return save(wb)


# --- vote, ranking, caps, the list ------------------------------------------------------------------


@transaction.atomic
def record_vote(
    *,
    actor: Actor,
    nomination: Nomination,
    members_present: str | int,
    votes_for: str | int,
    votes_against: str | int,
) -> Vote:
    n = _locked(nomination)
    require_manager(actor, n.campaign)
    if n.screening != S.VALID or n.state != Nomination.State.SUBMITTED:
        raise SelectionError("Chỉ ghi biểu quyết cho đề nghị đã được thẩm định là hợp lệ.")
    try:
        present, yes, no = int(members_present), int(votes_for), int(votes_against)
    except (TypeError, ValueError) as exc:
        raise SelectionError("Số ủy viên có mặt và số phiếu phải là số nguyên.") from exc
    if present < 1:
        raise SelectionError({"members_present": "Số ủy viên có mặt phải từ 1 trở lên."})
    if yes < 0 or no < 0:
        raise SelectionError("Số phiếu không được âm.")
    if yes + no > present:
        raise SelectionError(
            {"votes_for": f"Tổng số phiếu ({yes + no}) nhiều hơn số ủy viên có mặt ({present}): kiểm tra lại."}
        )
    entry = getattr(n, "list_entry", None)
    if entry is not None and yes * 2 <= present:
        raise SelectionError(
            "Đề nghị đang ở trong danh sách; kết quả này không đủ quá nửa nên hãy đưa ra khỏi danh sách trước."
        )
    vote, _ = Vote.objects.update_or_create(
        nomination=n,
        defaults={"members_present": present, "votes_for": yes, "votes_against": no, "recorded_by": actor},
    )
    log_action(
        actor=actor,
        action="nomination.vote.recorded",
        obj=n,
        unit=n.campaign.issuer,
        after={"present": present, "for": yes, "against": no},
    )
    return vote


def award_list_for(award_form: AwardForm) -> AwardList:
    return AwardList.objects.get_or_create(campaign_id=award_form.campaign_id, award_form=award_form)[0]


def places(award_list: AwardList) -> list[dict]:
    """Per nominee kind of the form: its cap, places taken and places left (None: no cap)."""
    form = award_list.award_form
    used: defaultdict[str, int] = defaultdict(int)
    for kind in award_list.entries.values_list("nomination__kind", flat=True):
        used[kind] += 1
    out = []
    for kind, label in NomineeKind.choices:
        if kind not in (form.nominee_kinds or []) and not used[kind]:
            continue
        cap = getattr(form, CAP_FIELD[kind])
        out.append(
            {
                "kind": kind,
                "label": label,
                "cap": cap,
                "used": used[kind],
                "left": None if cap is None else cap - used[kind],
            }
        )
    return out


def _check_caps(award_list: AwardList, *, adding: Nomination | None = None) -> None:
    form = award_list.award_form
    for row in places(award_list):
        extra = 1 if adding is not None and adding.kind == row["kind"] else 0
        if row["cap"] is not None and row["used"] + extra > row["cap"]:
            raise SelectionError(
                f"{form.full_name} chỉ có {row['cap']} suất cho {row['label'].lower()}; "
                f"danh sách đã có {row['used']}. Hãy đưa bớt một đề nghị ra trước."
            )


@transaction.atomic
def add_to_list(*, actor: Actor, nomination: Nomination) -> ListEntry:
    n = _locked(nomination)
    require_manager(actor, n.campaign)
    if n.award_form is None:
        raise SelectionError(f"{n.nominee_name}: đề nghị chưa chọn hình thức khen thưởng.")
    award_list = AwardList.objects.select_for_update().get(pk=award_list_for(n.award_form).pk)
    if award_list.status != AwardList.Status.DRAFT:
        raise SelectionError("Danh sách đã được duyệt; không thêm được.")
    vote = Vote.objects.filter(nomination=n).first()
    if vote is None or not vote.passed:
        raise SelectionError(f"{n.nominee_name}: chưa có biểu quyết tán thành quá nửa số ủy viên có mặt.")
    if ListEntry.objects.filter(nomination=n).exists():
        return n.list_entry
    _check_caps(award_list, adding=n)
    entry = ListEntry.objects.create(award_list=award_list, nomination=n, added_by=actor)
    log_action(actor=actor, action="award_list.added", obj=n, unit=n.campaign.issuer, after={"list": award_list.pk})
    return entry


@transaction.atomic
def remove_from_list(*, actor: Actor, nomination: Nomination) -> None:
    n = _locked(nomination)
    require_manager(actor, n.campaign)
    entry = ListEntry.objects.select_related("award_list").filter(nomination=n).first()
    if entry is None:
        return
    if entry.award_list.status != AwardList.Status.DRAFT:
        raise SelectionError("Danh sách đã được duyệt; không bớt được.")
    entry.delete()
    log_action(actor=actor, action="award_list.removed", obj=n, unit=n.campaign.issuer)


def ranking(campaign: Campaign, award_form: AwardForm) -> list[dict]:
    """Valid nominations of a form, best first: share of votes for, then mean score."""
    sums = score_summaries(campaign)
    rows: list[dict[str, Any]] = []
    qs = (
        Nomination.objects.filter(
            campaign=campaign, award_form=award_form, state=Nomination.State.SUBMITTED, screening=S.VALID
        )
        .select_related("unit", "person", "person__unit", "nominee_unit", "model_unit", "vote", "list_entry")
        .order_by("pk")
    )
    for n in qs:
        vote = getattr(n, "vote", None)
        rows.append(
            {
                "nomination": n,
                "vote": vote,
                "score": sums.get(n.pk),
                "in_list": hasattr(n, "list_entry"),
                "share": Decimal(vote.votes_for) / vote.members_present if vote else Decimal(-1),
            }
        )
    rows.sort(
        key=lambda r: (-r["share"], -(r["score"].mean if r["score"] and r["score"].mean else 0), r["nomination"].pk)
    )
    for i, r in enumerate(rows, start=1):
        r["rank"] = i
    return rows


@transaction.atomic
def approve_list(*, actor: Actor, award_list: AwardList) -> AwardList:
    award_list = AwardList.objects.select_for_update().select_related("award_form", "campaign").get(pk=award_list.pk)
    require_leader(actor, award_list.campaign)
    if award_list.status != AwardList.Status.DRAFT:
        raise SelectionError("Danh sách này đã được duyệt.")
    if not award_list.entries.exists():
        raise SelectionError("Danh sách chưa có ai; không có gì để duyệt.")
    _check_caps(award_list)
    award_list.status, award_list.approved_by, award_list.approved_at = AwardList.Status.APPROVED, actor, timezone.now()
    award_list.save(update_fields=["status", "approved_by", "approved_at"])
    log_action(
        actor=actor,
        action="award_list.approved",
        obj=award_list.campaign,
        unit=award_list.campaign.issuer,
        after={"form": str(award_list.award_form), "entries": award_list.entries.count()},
    )
    return award_list


@transaction.atomic
def reopen_list(*, actor: Actor, award_list: AwardList) -> AwardList:
    """The leader sends an approved list back to the manager (before any decision is drafted)."""
    award_list = AwardList.objects.select_for_update().select_related("campaign").get(pk=award_list.pk)
    require_leader(actor, award_list.campaign)
    if award_list.status != AwardList.Status.APPROVED or hasattr(award_list, "decision"):
        raise SelectionError("Chỉ mở lại được danh sách đã duyệt mà chưa có dự thảo quyết định.")
    award_list.status, award_list.approved_by, award_list.approved_at = AwardList.Status.DRAFT, None, None
    award_list.notice_from = award_list.notice_until = None
    award_list.save()
    log_action(actor=actor, action="award_list.reopened", obj=award_list.campaign, unit=award_list.campaign.issuer)
    return award_list


@transaction.atomic
def post_notice(*, actor: Actor, award_list: AwardList, days: str | int) -> AwardList:
    award_list = AwardList.objects.select_for_update().select_related("campaign").get(pk=award_list.pk)
    require_manager(actor, award_list.campaign)
    if award_list.status != AwardList.Status.APPROVED:
        raise SelectionError("Chỉ công khai danh sách đã được lãnh đạo duyệt.")
    try:
        days = int(days)
    except (TypeError, ValueError) as exc:
        raise SelectionError({"days": "Số ngày công khai phải là số nguyên."}) from exc
    if not 1 <= days <= 60:
        raise SelectionError({"days": "Số ngày công khai phải từ 1 đến 60."})
    now = timezone.now()
    award_list.notice_from, award_list.notice_until = now, now + dt.timedelta(days=days)
    award_list.save(update_fields=["notice_from", "notice_until"])
    log_action(
        actor=actor,
        action="award_list.posted",
        obj=award_list.campaign,
        unit=award_list.campaign.issuer,
        after={"days": days, "until": award_list.notice_until.isoformat()},
    )
    return award_list


def notice_open(award_list: AwardList, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    start, end = award_list.notice_from, award_list.notice_until  # set and cleared together
    return bool(start and end and start <= now <= end)


@transaction.atomic
def comment_on_notice(
    *, actor: Actor, award_list: AwardList, text: str, nomination: Nomination | None = None
) -> NoticeComment:
    award_list = AwardList.objects.select_related("campaign", "campaign__issuer").get(pk=award_list.pk)
    if not can_view_campaign(actor, award_list.campaign):
        raise PermissionDenied("Bạn không xem được kế hoạch này.")
    if not notice_open(award_list):
        raise SelectionError("Danh sách không trong thời gian lấy ý kiến.")
    if not text.strip():
        raise SelectionError({"text": "Cần nhập nội dung góp ý."})
    if nomination is not None and not award_list.entries.filter(nomination=nomination).exists():
        raise SelectionError("Đề nghị này không có trong danh sách công khai.")
    comment = NoticeComment.objects.create(
        award_list=award_list,
        nomination=nomination,
        author=actor,
        author_name=actor.get_full_name() or actor.username,
        text=text.strip(),
    )
    log_action(actor=actor, action="award_list.commented", obj=award_list.campaign, unit=award_list.campaign.issuer)
    return comment
