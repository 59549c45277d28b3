"""Escalation: awardees proposed further, to a higher form or a programme. Where the parent campaign
is in the system the proposals become this unit's nominations there, with their dossiers; otherwise
the committee downloads a package (.zip) with the letter, the list and the dossiers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from guongsang.accounts.audit import log_action
from guongsang.awards.models import Award, AwardDecision, Escalation
from guongsang.awards.selection import CAP_FIELD, SelectionError, require_manager
from guongsang.campaigns.models import AwardForm, Campaign, Deadline
from guongsang.lib.deadlines import is_late
from guongsang.lib.files import atomic_with_files
from guongsang.lib.text import fold
from guongsang.lib.typing import Actor
from guongsang.nominations import services as nominating
from guongsang.nominations.models import Nomination
from guongsang.nominations.services import FIELDS as NOMINATION_FIELDS


def escalation_forms(campaign: Campaign) -> list[AwardForm]:
    return list(campaign.award_forms.filter(is_escalation=True).select_related("deadline"))


def awards_of(campaign: Campaign) -> QuerySet[Award]:
    """Every awardee of the campaign's signed decisions."""
    return (
        Award.objects.filter(decision__award_list__campaign=campaign, decision__status=AwardDecision.Status.SIGNED)
        .select_related(
            "decision",
            "decision__award_list__award_form",
            "decision__award_list__campaign",
            "nomination",
            "nomination__unit",
            "nomination__person",
            "nomination__person__unit",
            "nomination__nominee_unit",
            "nomination__model_unit",
        )
        .order_by("decision_id", "position")
    )


def _check_deadline(target: AwardForm, now: dt.datetime) -> None:
    deadline = target.deadline
    if deadline is not None and is_late(deadline.due_at, now) and deadline.lateness == Deadline.Lateness.REFUSE:
        due = timezone.localtime(deadline.due_at)
        raise SelectionError(f"Đã quá hạn {due:%H:%M %d/%m/%Y} của “{target.name} — {target.granted_by}”.")


@transaction.atomic
def escalate(*, actor: Actor, award: Award, target: AwardForm, now: dt.datetime | None = None) -> Escalation:
    campaign = award.decision.award_list.campaign
    require_manager(actor, campaign)
    if target.campaign_id != campaign.pk or not target.is_escalation:
        raise SelectionError("Hình thức này không phải hình thức đề nghị cấp trên của kế hoạch.")
    if award.decision.status != AwardDecision.Status.SIGNED:
        raise SelectionError("Chỉ giới thiệu tiếp những người đã có quyết định khen thưởng.")
    kind = award.nomination.kind
    if kind not in (target.nominee_kinds or []):
        raise SelectionError(f"{target.full_name} không dành cho {award.nomination.get_kind_display().lower()}.")
    _check_deadline(target, now or timezone.now())
    existing = Escalation.objects.filter(award=award, target=target).first()
    if existing is not None:
        return existing
    # lock the target form's row so two managers cannot both take the last place
    AwardForm.objects.select_for_update().get(pk=target.pk)
    cap = getattr(target, CAP_FIELD[kind])
    taken = Escalation.objects.filter(target=target, award__nomination__kind=kind).count()
    if cap is not None and taken >= cap:
        raise SelectionError(
            f"{target.full_name} chỉ nhận {cap} {award.nomination.get_kind_display().lower()}; đã chọn đủ {taken}."
        )
    escalation = Escalation.objects.create(award=award, target=target, chosen_by=actor)
    log_action(
        actor=actor,
        action="award.escalated",
        obj=award.nomination,
        unit=campaign.issuer,
        after={"target": f"{target.name} — {target.granted_by}"},
    )
    return escalation


@transaction.atomic
def unescalate(*, actor: Actor, escalation: Escalation) -> None:
    campaign = escalation.target.campaign
    require_manager(actor, campaign)
    if escalation.sent_at is not None:
        raise SelectionError("Đã gửi lên cấp trên; không bỏ chọn được.")
    log_action(actor=actor, action="award.unescalated", obj=escalation.award.nomination, unit=campaign.issuer)
    escalation.delete()


def parent_target(campaign: Campaign) -> Campaign | None:
    """The parent campaign when it is in the system, issued, and this unit takes part in it."""
    parent = campaign.parent
    if parent is None or parent.status != Campaign.Status.ISSUED:
        return None
    if not parent.participations.filter(unit=campaign.issuer).exists():
        return None
    return parent


def _parent_form(parent: Campaign, target: AwardForm) -> AwardForm | None:
    forms = list(parent.award_forms.all())
    for f in forms:
        if fold(f.name) == fold(target.name) and fold(f.granted_by) == fold(target.granted_by):
            return f
    same_name = [f for f in forms if fold(f.name) == fold(target.name)]
    if same_name:
        return same_name[0]
    plain = [f for f in forms if not f.is_escalation]
    return plain[0] if plain else None


@atomic_with_files
def send_to_parent(*, actor: Actor, campaign: Campaign, target: AwardForm) -> list[Nomination]:
    """Create this unit's nominations in the parent campaign from the chosen awardees, with every
    dossier file whose document the parent also asks for. They arrive as drafts for the unit head
    to confirm and submit under the parent's rules."""
    require_manager(actor, campaign)
    parent = parent_target(campaign)
    if parent is None:
        raise SelectionError(
            "Kế hoạch cấp trên không có trong hệ thống (hoặc đơn vị không tham gia); hãy tải gói hồ sơ (.zip) để gửi."
        )
    pending = list(
        Escalation.objects.select_for_update()
        .filter(target=target, sent_at__isnull=True)
        .select_related("award__nomination", "award__decision")
        .order_by("award__position", "pk")  # in the decision's order, the same on every database
    )
    if not pending:
        raise SelectionError("Chưa chọn ai, hoặc đã gửi hết.")
    _check_deadline(target, timezone.now())
    form = _parent_form(parent, target)
    requirements = {fold(r.document): r for r in parent.dossier_requirements.all()}
    created = []
    now = timezone.now()
    for e in pending:
        source = e.award.nomination
        copied = {name: getattr(source, name) for name in NOMINATION_FIELDS if name != "award_form"}
        # Through the nominations services: the same permission, validation, audit and upload checks
        # as a nomination typed in the parent plan; the files go on the ledger of this transaction.
        try:
            n = nominating.nomination_save(
                actor=actor, campaign=parent, unit=campaign.issuer, award_form=form, **copied
            )
            for f in source.files.select_related("requirement"):
                requirement = requirements.get(fold(f.requirement.document))
                if requirement is None or source.kind not in (requirement.nominee_kinds or []):
                    continue
                with f.file.open("rb") as handle:
                    upload = SimpleUploadedFile(f.original_name, handle.read(), content_type=f.content_type)
                nominating.upload_dossier_file(actor=actor, nomination=n, requirement=requirement, upload=upload)
        except ValidationError as exc:
            raise SelectionError(f"{source.nominee_name}: {' '.join(exc.messages)}") from exc
        e.sent_nomination, e.sent_at = n, now
        e.save(update_fields=["sent_nomination", "sent_at"])
        created.append(n)
    log_action(
        actor=actor,
        action="award.escalations.sent",
        obj=parent,
        unit=campaign.issuer,
        after={"target": f"{target.name} — {target.granted_by}", "nominations": [n.pk for n in created]},
    )
    from guongsang.notifications.services import notify_units

    notify_units(
        [campaign.issuer],
        title=f"Đã chuyển {len(created)} đề nghị lên {parent.symbol}",
        body=f"Các đề nghị {target.name} đang ở dạng dự thảo trong kế hoạch {parent.symbol}: bí thư xác nhận và gửi.",
        link=f"/de-nghi/ke-hoach/{parent.pk}/",
    )
    return created


def package(campaign: Campaign, target: AwardForm) -> bytes:
    """A .zip: the proposal letter, the list (.xlsx) and each awardee's dossier files."""
    from openpyxl import Workbook

    from guongsang.awards.documents import awardee_place, escalation_letter
    from guongsang.lib.workbooks import finish, header_row, save, write_row

    chosen = list(
        Escalation.objects.filter(target=target)
        .select_related(
            "award__decision__award_list__award_form",
            "award__nomination__unit",
            "award__nomination__person__unit",
            "award__nomination__nominee_unit",
            "award__nomination__model_unit",
        )
        .order_by("award__position")
    )
    if not chosen:
        raise SelectionError("Chưa chọn ai cho hình thức này.")
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    header_row(
        ws,
        [
            "TT",
            "Tập thể, cá nhân",
            "Đối tượng",
            "Chức vụ, đơn vị",
            "Hình thức đã được khen",
            "Số quyết định",
            "Ngày quyết định",
            "Tóm tắt thành tích",
        ],
    )
    for i, e in enumerate(chosen, start=1):
        n, d = e.award.nomination, e.award.decision
        write_row(
            ws,
            [
                i,
                n.nominee_name,
                n.get_kind_display(),
                awardee_place(e.award),
                d.award_list.award_form.name,
                d.symbol,
                d.date,
                n.summary,
            ],
        )
    finish(ws)
    sheet = save(wb)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("01-to-trinh.docx", escalation_letter(campaign, target, chosen))
        z.writestr("02-danh-sach.xlsx", sheet)
        for i, e in enumerate(chosen, start=1):
            n = e.award.nomination
            folder = f"03-ho-so/{i:02d}-{_safe(n.nominee_name)}"
            for f in n.files.select_related("requirement"):
                with f.file.open("rb") as handle:
                    z.writestr(
                        f"{folder}/{_safe(f.requirement.document)}{PurePath(f.original_name).suffix.lower()}",
                        handle.read(),
                    )
    return out.getvalue()


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in fold(text)).strip()[:60].replace(" ", "-")
