"""Every change to a campaign goes through these functions: permission, validation (Vietnamese),
audit entry, one transaction."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from guongsang.accounts.audit import log_action, snapshot
from guongsang.campaigns.models import (
    Amendment,
    Assignment,
    AwardForm,
    Campaign,
    Criterion,
    Deadline,
    DossierRequirement,
    OutlineSection,
    Participation,
    QuotaRule,
    Recipient,
    Reference,
)
from guongsang.campaigns.permissions import can_approve_campaign, can_manage_campaign, can_view_campaign
from guongsang.documents.issuers import capacity, deciding_body
from guongsang.documents.numbering import allocate_number, note_number
from guongsang.documents.vndate import deadline_text
from guongsang.lib.files import atomic_with_files
from guongsang.lib.typing import Actor
from guongsang.notifications.services import notify_units
from guongsang.org.models import Unit

if TYPE_CHECKING:
    from django.db import models
    from django.forms import BaseModelFormSet

    from guongsang.documents.models import IssuedDocument
    from guongsang.org.models import UnitKind

S = Campaign.Status
CAMPAIGN_FIELDS = (
    "number",
    "date",
    "place",
    "title",
    "purpose",
    "requirements",
    "period_start",
    "period_end",
    "participants_direct_only",
    "conference_time",
    "conference_venue",
    "conference_composition",
    "conference_programme",
    "budget",
    "achievement_form",
    "reminder_days",
    "signer_capacity",
    "signer_title",
    "signer_name",
)
# Child tables copied with a campaign, in an order that keeps their links valid.
CHILD_MODELS = (Reference, Deadline, AwardForm, QuotaRule, Criterion, DossierRequirement, Assignment, Recipient)


class CampaignError(ValidationError):
    """A refused campaign action; `messages` are the Vietnamese reasons."""


MAX_REMINDER_DAYS = 30


def parse_reminder_days(raw: str | list[int] | list[str] | None) -> list[int]:
    """Reminder days from "7, 2, 0, -1, -3" or a list (days before the deadline; negative after it)."""
    parts = raw if isinstance(raw, list) else str(raw or "").replace(";", ",").split(",")
    days = []
    for part in parts:
        text = str(part).strip()
        if not text:
            continue
        try:
            value = int(text)
        except ValueError as exc:
            raise CampaignError(f"“{text}” không phải một số ngày (ví dụ 7, 2, 0, -1, -3).") from exc
        if abs(value) > MAX_REMINDER_DAYS:
            raise CampaignError(f"Nhắc trước hoặc sau hạn tối đa {MAX_REMINDER_DAYS} ngày; “{value}” quá xa.")
        days.append(value)
    return sorted(set(days), reverse=True)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _check_number(campaign: Campaign) -> None:
    if campaign.number and campaign.date:
        clash = Campaign.objects.filter(
            issuer=campaign.issuer, doc_type=campaign.doc_type, number=campaign.number, year=campaign.date.year
        ).exclude(pk=campaign.pk)
        if clash.exists():
            raise CampaignError(
                f"Số ký hiệu {campaign.symbol} đã dùng cho một văn bản khác của "
                f"{campaign.issuer.name} năm {campaign.date.year}."
            )


@transaction.atomic
def campaign_create(*, actor: Actor, issuer: Unit, **fields: Any) -> Campaign:
    campaign = Campaign(issuer=issuer, created_by=actor)
    _require_manager(actor, campaign)
    for name, value in fields.items():
        if name not in CAMPAIGN_FIELDS and name != "parent":
            raise ValueError(name)
        setattr(campaign, name, value)
    campaign.place = campaign.place or issuer.place_name
    # Unless given, the capacity the issuer's kind signs in: "T/M CHI BỘ", "TM. BAN THƯỜNG TRỰC", …
    if not (campaign.signer_capacity or "").strip():
        campaign.signer_capacity = capacity(issuer)
    if not (campaign.title or "").strip():
        raise CampaignError("Cần nhập trích yếu (tên) của kế hoạch.")
    _check_period(campaign)
    _check_number(campaign)
    campaign.save()
    log_action(
        actor=actor,
        action="campaign.created",
        obj=campaign,
        unit=issuer,
        after=snapshot(campaign, ("title", "number", "date")),
    )
    return campaign


def _check_period(campaign: Campaign) -> None:
    if campaign.period_start and campaign.period_end and campaign.period_end < campaign.period_start:
        raise CampaignError("Năm kết thúc giai đoạn phải sau năm bắt đầu.")


def _require_manager(actor: Actor, campaign: Campaign) -> None:
    _require(can_manage_campaign(actor, campaign), "Bạn không phải cán bộ quản lý của đơn vị ban hành.")


def _may_change(actor: Actor, campaign: Campaign) -> bool:
    """Check the actor may change the plan now; True when the change is an amendment (issued plan)."""
    _require_manager(actor, campaign)
    if campaign.status == S.ISSUED:
        return True
    if campaign.status == S.APPROVED:
        raise CampaignError("Kế hoạch đã được duyệt: muốn sửa, đề nghị lãnh đạo trả lại dự thảo.")
    if campaign.status == S.CLOSED:
        raise CampaignError("Đợt đã kết thúc: không sửa được kế hoạch nữa.")
    return False


@atomic_with_files  # the stored document goes with the transaction
def campaign_update(*, actor: Actor, campaign: Campaign, amendment_reason: str = "", **fields: Any) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    amending = _may_change(actor, campaign)
    before = snapshot(campaign, CAMPAIGN_FIELDS)
    for name, value in fields.items():
        if name not in CAMPAIGN_FIELDS:
            raise ValueError(name)
        setattr(campaign, name, value)
    if not (campaign.title or "").strip():
        raise CampaignError("Cần nhập trích yếu (tên) của kế hoạch.")
    _check_period(campaign)
    _check_number(campaign)
    after = snapshot(campaign, CAMPAIGN_FIELDS)
    changed = {k: {"trước": before[k], "sau": after[k]} for k in after if before[k] != after[k]}
    campaign.save()
    if amending and changed:
        _record_amendment(actor, campaign, amendment_reason, {"chung": changed})
    log_action(actor=actor, action="campaign.updated", obj=campaign, unit=campaign.issuer, before=before, after=after)
    return campaign


def _record_amendment(
    actor: Actor, campaign: Campaign, reason: str, changes: dict, *, printed: bool = True
) -> Amendment:
    """An amendment of an issued plan: recorded, announced, and (when it changes what the plan prints)
    kept as a new version of the issued document."""
    if not reason.strip():
        raise CampaignError("Kế hoạch đã ban hành: cần ghi lý do điều chỉnh; các đơn vị tham gia sẽ được thông báo.")
    campaign.version += 1
    Campaign.objects.filter(pk=campaign.pk).update(version=campaign.version)
    amendment = Amendment.objects.create(campaign=campaign, by=actor, reason=reason.strip(), changes=changes)
    log_action(actor=actor, action="campaign.amended", obj=campaign, unit=campaign.issuer, after=changes)
    units = Unit.objects.filter(participations__campaign=campaign)
    notify_units(
        units,
        title=f"Điều chỉnh kế hoạch {campaign.symbol}",
        body=f"{campaign.title}\nLý do điều chỉnh: {reason}\nNhững nội dung đã gửi trước đó vẫn được giữ; "
        "hãy xem lại phần thay đổi.",
        link=reverse("campaigns:detail", kwargs={"pk": campaign.pk}),
    )
    if printed:  # the amended plan is a new version of the issued document
        freeze_plan(campaign, issued_by=actor)
    return amendment


@atomic_with_files  # the stored document goes with the transaction
def save_children(
    *, actor: Actor, campaign: Campaign, section: str, formset: BaseModelFormSet, amendment_reason: str = ""
) -> None:
    """Save one section's rows (a model formset) of a campaign, amending if it is issued."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    amending = _may_change(actor, campaign)
    # Form validation already wrote the new values into the instances: read the old ones afresh.
    pks = [f.instance.pk for f in formset.initial_forms]
    assert formset.model is not None  # a model formset always has its model
    before = [_row(obj) for obj in formset.model.objects.filter(pk__in=pks).order_by("pk")]
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for obj in instances:
        if hasattr(obj, "campaign_id") and not obj.campaign_id:
            obj.campaign = campaign
        obj.save()
    formset.save_m2m()
    kept = sorted(
        (f.instance for f in formset.forms if f.instance.pk and f not in formset.deleted_forms), key=lambda obj: obj.pk
    )
    after = [_row(obj) for obj in kept]
    if amending and before != after:
        _record_amendment(actor, campaign, amendment_reason, {section: {"trước": before, "sau": after}})
    log_action(
        actor=actor, action=f"campaign.{section}.saved", obj=campaign, unit=campaign.issuer, after={"rows": len(after)}
    )


def _row(obj: models.Model) -> dict[str, str]:
    return {
        f.name: str(getattr(obj, f.name))
        for f in obj._meta.concrete_fields
        if f.name not in ("id", "campaign", "position")
    }


# -- lifecycle --------------------------------------------------------------------------------


def _transition(actor: Actor, campaign: Campaign, source: tuple, target: str, action: str, message: str) -> Campaign:
    updated = Campaign.objects.filter(pk=campaign.pk, status__in=source).update(status=target)
    if not updated:
        raise CampaignError(message)
    campaign.refresh_from_db()
    log_action(actor=actor, action=action, obj=campaign, unit=campaign.issuer, after={"status": target})
    return campaign


@transaction.atomic
def campaign_submit(*, actor: Actor, campaign: Campaign) -> Campaign:
    _require_manager(actor, campaign)
    return _transition(
        actor, campaign, (S.DRAFT,), S.SUBMITTED, "campaign.submitted", "Chỉ trình duyệt được kế hoạch đang là dự thảo."
    )


@transaction.atomic
def campaign_approve(*, actor: Actor, campaign: Campaign) -> Campaign:
    _require(can_approve_campaign(actor, campaign), "Chỉ lãnh đạo đơn vị ban hành mới duyệt được kế hoạch.")
    campaign = _transition(
        actor, campaign, (S.SUBMITTED,), S.APPROVED, "campaign.approved", "Chỉ duyệt được kế hoạch đang chờ duyệt."
    )
    Campaign.objects.filter(pk=campaign.pk).update(approved_by=actor, approved_at=timezone.now())
    return campaign


@transaction.atomic
def campaign_return(*, actor: Actor, campaign: Campaign, reason: str) -> Campaign:
    _require(can_approve_campaign(actor, campaign), "Chỉ lãnh đạo đơn vị ban hành mới trả lại được kế hoạch.")
    if not reason.strip():
        raise CampaignError("Cần ghi ý kiến khi trả lại dự thảo.")
    campaign = _transition(
        actor,
        campaign,
        (S.SUBMITTED, S.APPROVED),
        S.DRAFT,
        "campaign.returned",
        "Chỉ trả lại được kế hoạch đang chờ duyệt hoặc đã duyệt nhưng chưa ban hành.",
    )
    log_action(
        actor=actor, action="campaign.return_reason", obj=campaign, unit=campaign.issuer, after={"reason": reason}
    )
    return campaign


@atomic_with_files  # the stored document goes with the transaction
def campaign_issue(*, actor: Actor, campaign: Campaign, now: dt.datetime | None = None) -> Campaign:
    _require_manager(actor, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != S.APPROVED:
        raise CampaignError("Kế hoạch chưa được lãnh đạo duyệt nên chưa ban hành được.")
    now = now or timezone.now()
    problems = issue_problems(campaign, now=now)
    if problems:
        raise CampaignError(problems)
    campaign.date = campaign.date or timezone.localdate(now)
    campaign.year = campaign.date.year
    if campaign.number:
        note_number(issuer=campaign.issuer, doc_type=campaign.doc_type, year=campaign.year, number=campaign.number)
    else:
        campaign.number = allocate_number(issuer=campaign.issuer, doc_type=campaign.doc_type, year=campaign.year)
    _check_number(campaign)
    campaign.status = S.ISSUED
    campaign.issued_at = now
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError:
        raise CampaignError(f"Số ký hiệu {campaign.symbol} đã được dùng.") from None
    units = refresh_participants(campaign)
    freeze_plan(campaign, issued_by=actor)
    notify_units(
        units,
        title=f"Kế hoạch mới: {campaign.symbol}",
        body=campaign.title,
        link=reverse("campaigns:detail", kwargs={"pk": campaign.pk}),
    )
    log_action(
        actor=actor,
        action="campaign.issued",
        obj=campaign,
        unit=campaign.issuer,
        after={"symbol": campaign.symbol, "participants": len(units)},
    )
    return campaign


def freeze_plan(campaign: Campaign, *, issued_by: Actor | None) -> IssuedDocument:
    """The plan as issued, kept: later downloads serve this file (documents/issued.py)."""
    from guongsang.campaigns.documents import plan_context, render_plan_docx
    from guongsang.documents.issued import freeze, plan_key

    campaign = Campaign.objects.get(pk=campaign.pk)
    data = plan_context(campaign)
    return freeze(
        key=plan_key(campaign.pk),
        title=f"Kế hoạch số {campaign.symbol}",
        render=lambda: render_plan_docx(campaign),
        data={"symbol": campaign.symbol, "date": campaign.date.isoformat() if campaign.date else "", **data},
        actor=issued_by,
    )


@transaction.atomic
def campaign_close(*, actor: Actor, campaign: Campaign) -> Campaign:
    _require_manager(actor, campaign)
    return _transition(
        actor, campaign, (S.ISSUED,), S.CLOSED, "campaign.closed", "Chỉ kết thúc được kế hoạch đã ban hành."
    )


# -- participants and coherence ---------------------------------------------------------------


def participant_units(campaign: Campaign) -> list[Unit]:
    """Units taking part: by kind (direct children or the whole subtree) plus the explicit list."""
    issuer = campaign.issuer
    day = campaign.date or timezone.localdate()
    kinds = list(campaign.participant_kinds.values_list("pk", flat=True))
    found: dict[int, Unit] = {}
    if kinds:
        qs = Unit.objects.within(issuer).exclude(pk=issuer.pk).filter(kind__in=kinds).active_on(day)
        if campaign.participants_direct_only:
            qs = qs.filter(depth=issuer.depth + 1)
        found.update({u.pk: u for u in qs.select_related("kind")})
    found.update({u.pk: u for u in campaign.participant_units.select_related("kind")})
    return sorted(found.values(), key=lambda u: u.path)


def refresh_participants(campaign: Campaign) -> list[Unit]:
    units = participant_units(campaign)
    Participation.objects.filter(campaign=campaign).exclude(unit__in=units).delete()
    existing = set(Participation.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
    Participation.objects.bulk_create([Participation(campaign=campaign, unit=u) for u in units if u.pk not in existing])
    return units


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _ordinal(number: str) -> int | None:
    token = re.split(r"[.\-)\s]", number.strip().rstrip(".-)"))[-1] if number.strip() else ""
    if token.isdigit():
        return int(token)
    if token and all(ch in _ROMAN for ch in token.upper()):
        total, prev = 0, 0
        for ch in reversed(token.upper()):
            value = _ROMAN[ch]
            total += -value if value < prev else value
            prev = max(prev, value)
        return total
    if len(token) == 1 and token.isalpha():
        return ord(token.lower()) - ord("a") + 1
    return None


def outline_problems(campaign: Campaign) -> list[str]:
    problems = []
    siblings: dict[int | None, list[OutlineSection]] = defaultdict(list)
    for section in campaign.sections.all():
        siblings[section.parent_id].append(section)
    for group in siblings.values():
        numbers = [s.number.strip() for s in group]
        ordinals = [_ordinal(n) for n in numbers]
        if None in ordinals or ordinals != list(range(1, len(group) + 1)):
            problems.append("Đánh số đề cương không liên tục hoặc không đúng thứ tự: " + ", ".join(numbers) + ".")
    return problems


def issue_problems(campaign: Campaign, *, now: dt.datetime | None = None) -> list[str]:
    """Everything that keeps a plan from being issued, each explained in Vietnamese."""
    now = now or timezone.now()
    problems: list[str] = []
    if not campaign.signer_name or not campaign.signer_title:
        problems.append("Thiếu chức vụ hoặc họ tên người ký.")
    if not (campaign.issuer.abbreviation or "").strip():
        problems.append(
            f"Đơn vị “{campaign.issuer.name}” chưa có ký hiệu trong số văn bản (ví dụ HU, ĐU): bổ sung ở trang sửa "
            "thông tin đơn vị để kế hoạch có số, ký hiệu đầy đủ."
        )
    if not (campaign.place or "").strip():
        problems.append("Thiếu địa danh ghi ngày tháng của kế hoạch (ví dụ Lạc Dương).")
    units = participant_units(campaign)
    if not units:
        problems.append("Chưa có đơn vị tham gia: chọn loại đơn vị hoặc từng đơn vị.")
    deadlines = list(campaign.deadlines.all())
    if not deadlines:
        problems.append("Chưa có mốc thời gian nào.")
    for d in deadlines:
        if d.due_at <= now:
            problems.append(f"Hạn “{d.what}” ({deadline_text(d.due_at)}) đã qua.")
    dossier = [d.due_at for d in deadlines if d.kind == Deadline.Kind.DOSSIER]
    for d in deadlines:
        if d.kind in (Deadline.Kind.ESCALATION, Deadline.Kind.PROGRAMME) and dossier and d.due_at < min(dossier):
            problems.append(f"Hạn “{d.what}” ({deadline_text(d.due_at)}) sớm hơn hạn nộp hồ sơ của các đơn vị.")
    problems += parent_deadline_problems(campaign, deadlines)
    present = {u.kind_id for u in units}
    for rule in campaign.quota_rules.select_related("unit_kind"):
        if rule.unit_kind_id not in present:
            problems.append(
                f"Chỉ tiêu đề nghị cho “{rule.unit_kind.name}” nhưng không có đơn vị nào loại này tham gia."
            )
        if rule.mode == QuotaRule.Mode.TOTAL and (rule.max_total or 0) < (rule.min_total or 0):
            problems.append(f"Chỉ tiêu của “{rule.unit_kind.name}”: số tối đa nhỏ hơn số tối thiểu.")
    problems += outline_problems(campaign)
    return problems


def parent_deadline_problems(campaign: Campaign, deadlines: list[Deadline]) -> list[str]:
    """A derived campaign's deadlines must fall before the parent's deadline of the same kind."""
    if campaign.parent is None:
        return []
    parent_by_kind: dict[str, dt.datetime] = {}
    for d in campaign.parent.deadlines.all():
        parent_by_kind[d.kind] = min(parent_by_kind.get(d.kind, d.due_at), d.due_at)
    latest = max(parent_by_kind.values(), default=None)
    problems = []
    for d in deadlines:
        limit = parent_by_kind.get(d.kind, latest)
        if limit is not None and d.due_at > limit:
            problems.append(
                f"Hạn “{d.what}” ({deadline_text(d.due_at)}) muộn hơn hạn của kế hoạch cấp trên "
                f"({deadline_text(limit)})."
            )
    return problems


# -- copy and derive --------------------------------------------------------------------------


@transaction.atomic
def campaign_copy(
    *,
    actor: Actor,
    source: Campaign,
    issuer: Unit | None = None,
    offset_days: int = 365,
    parent: Campaign | None = None,
) -> Campaign:
    """A new draft with every rule of `source`, dates shifted by `offset_days`."""
    # The plan page lists only plans the user can see as sources; the service asks the same.
    _require(can_view_campaign(actor, source), "Bạn không xem được kế hoạch gốc này nên không sao chép được.")
    issuer = issuer or source.issuer
    shift = dt.timedelta(days=offset_days)
    fields = {f: getattr(source, f) for f in CAMPAIGN_FIELDS if f != "number"}
    if issuer != source.issuer:  # another issuer signs as its own kind does, by its own people
        for f in ("signer_capacity", "signer_title", "signer_name"):
            fields.pop(f, None)
    fields["date"] = None
    for f in ("period_start", "period_end"):
        if fields[f]:
            fields[f] += round(offset_days / 365)
    campaign = campaign_create(actor=actor, issuer=issuer, parent=parent, **fields)
    if issuer == source.issuer:
        campaign.participant_kinds.set(source.participant_kinds.all())
        campaign.participant_units.set(source.participant_units.all())
    _copy_children(source, campaign, shift)
    log_action(
        actor=actor,
        action="campaign.copied",
        obj=campaign,
        unit=issuer,
        after={"from": source.pk, "offset_days": offset_days},
    )
    return campaign


def _copy_children(source: Campaign, target: Campaign, shift: dt.timedelta) -> None:
    deadline_map: dict[int, int] = {}
    row: Any  # the child models differ; each branch below is for one of them
    for model in CHILD_MODELS:
        for row in model.objects.filter(campaign=source):
            old_pk = row.pk
            kinds = list(row.audience_kinds.all()) if model is Deadline else None
            row.pk = None
            row.campaign = target
            if model is Deadline:
                row.due_at += shift
            if model is Assignment and row.due_date:
                row.due_date += shift
            if model is AwardForm and row.deadline_id:
                row.deadline_id = deadline_map.get(row.deadline_id)
            row.save()
            if model is Deadline:
                deadline_map[old_pk] = row.pk
                row.audience_kinds.set(kinds)
    _copy_outline(source, target)


def _copy_outline(source: Campaign, target: Campaign) -> None:
    mapping: dict[int, OutlineSection] = {}
    for section in source.sections.order_by("parent_id", "position", "id"):
        indicators = list(section.indicators.all())
        old_pk = section.pk
        section.pk = None
        section.campaign = target
        section.parent = mapping.get(section.parent_id) if section.parent_id else None
        section.save()
        mapping[old_pk] = section
        for ind in indicators:
            ind.pk = None
            ind.section = section
            ind.save()


@transaction.atomic
def campaign_derive(*, actor: Actor, parent: Campaign, issuer: Unit, lead_days: int = 5) -> Campaign:
    """A unit's own campaign implementing `parent`: same rules, deadlines `lead_days` earlier,
    and the parent plan as its first reference."""
    if parent.status not in (S.ISSUED, S.CLOSED):
        raise CampaignError("Chỉ xây dựng kế hoạch thực hiện từ một kế hoạch cấp trên đã ban hành.")
    if not parent.participations.filter(unit=issuer).exists() and not issuer.is_within(parent.issuer):
        raise CampaignError("Đơn vị này không thuộc phạm vi của kế hoạch cấp trên.")
    campaign = campaign_copy(actor=actor, source=parent, issuer=issuer, offset_days=0, parent=parent)
    for d in campaign.deadlines.all():
        d.due_at -= dt.timedelta(days=lead_days)
        d.save(update_fields=["due_at"])
    campaign.references.update(position=F("position") + 1)
    Reference.objects.create(
        campaign=campaign,
        kind=Reference.Kind.IMPLEMENTS,
        symbol=parent.symbol,
        date=parent.date,
        issuer=deciding_body(parent.issuer),
        title=parent.title,
        position=0,
    )
    campaign.signer_name = ""
    campaign.signer_title = ""
    campaign.save(update_fields=["signer_name", "signer_title"])
    return campaign


@atomic_with_files  # the stored document goes with the transaction
def set_participants(
    *, actor: Actor, campaign: Campaign, kinds: Collection[UnitKind], unit_codes: str, amendment_reason: str = ""
) -> None:
    """Participating unit kinds and single units (each within the issuer's subtree)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _may_change(actor, campaign)
    codes = [c.strip() for c in (unit_codes or "").replace(";", ",").split(",") if c.strip()]
    units = list(Unit.objects.filter(code__in=codes))
    found = {u.code for u in units if u.is_within(campaign.issuer) and u.pk != campaign.issuer_id}
    missing = [c for c in codes if c not in found]
    if missing:
        raise CampaignError(f"Không có đơn vị mã {', '.join(missing)} trong phạm vi {campaign.issuer.name}.")
    before = (
        sorted(campaign.participant_kinds.values_list("code", flat=True)),
        sorted(campaign.participant_units.values_list("code", flat=True)),
    )
    after = (sorted(k.code for k in kinds), sorted(found))
    if before == after:
        return
    campaign.participant_kinds.set(kinds)
    campaign.participant_units.set([u for u in units if u.code in found])
    if campaign.status == S.ISSUED:
        _record_amendment(
            actor,
            campaign,
            amendment_reason,
            {"đơn vị tham gia": {"trước": list(before), "sau": list(after)}},
            printed=False,  # the plan does not print its participants
        )
        refresh_participants(campaign)
    log_action(
        actor=actor,
        action="campaign.participants.saved",
        obj=campaign,
        unit=campaign.issuer,
        before={"kinds": before[0], "units": before[1]},
        after={"kinds": after[0], "units": after[1]},
    )
