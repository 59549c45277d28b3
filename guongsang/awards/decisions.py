"""The award decision: its number, format and signer, the money, and the honours it writes back."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from guongsang.accounts.audit import log_action
from guongsang.awards.models import Award, AwardDecision, AwardList, BaseSalary
from guongsang.awards.selection import require_leader, require_manager
from guongsang.campaigns.models import NomineeKind
from guongsang.documents.issuers import PARTY, STATE, charter, deciding_body, family_of
from guongsang.documents.numbering import allocate_number, note_number
from guongsang.lib.files import atomic_with_files
from guongsang.lib.text import fold, nfc
from guongsang.lib.typing import Actor
from guongsang.org import services as org_services

if TYPE_CHECKING:
    from guongsang.documents.models import IssuedDocument
    from guongsang.org.models import Unit

STATE_GRANTORS = ("uy ban nhan dan", "ubnd")
ROUND_TO = 10_000  # money is rounded up to the nearest 10,000 đồng
COUNTER: dict[str, str] = {AwardDecision.Style.PARTY: "QĐ", AwardDecision.Style.STATE: "QĐUBND"}


class DecisionError(ValidationError):
    pass


def base_salary_on(day: dt.date) -> int:
    """The base salary in force on `day` (versioned data)."""
    row = BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        raise DecisionError(f"Chưa có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y}; quản trị cần nhập.")
    return row.amount


def award_amount(coefficient: Decimal | None, base_salary: int, kind: str, multiplier: Decimal = Decimal(2)) -> int:
    """Coefficient × base salary (a collective: × multiplier), rounded up to 10,000 đồng."""
    if not coefficient:
        return 0
    value = Decimal(coefficient) * base_salary
    if kind != NomineeKind.INDIVIDUAL:
        value *= Decimal(multiplier)
    return math.ceil(value / ROUND_TO) * ROUND_TO


def style_for(granted_by: str) -> str:
    """State format when a People's Committee (its chairman) grants the form; Party format otherwise."""
    folded = fold(granted_by)
    return AwardDecision.Style.STATE if any(g in folded for g in STATE_GRANTORS) else AwardDecision.Style.PARTY


def _authority(granted_by: str) -> str:
    """ "Chủ tịch Ủy ban nhân dân huyện Lạc Dương" → "Ủy ban nhân dân huyện Lạc Dương"."""
    text = nfc(granted_by).strip()
    return text[len("Chủ tịch ") :] if fold(text).startswith("chu tich ") else text


def _proposer(issuer: Unit) -> str:
    """Whose proposal the issuer's own decision considers: a Party committee's propaganda board (only
    committees with a standing committee have boards; a chi bộ decides without one); elsewhere the
    emulation council every body has under the Law on Emulation and Commendation."""
    if family_of(issuer) != PARTY:
        return f"Hội đồng Thi đua - Khen thưởng {issuer.name}"
    return f"Ban Tuyên giáo {issuer.name}" if issuer.kind.has_superior_powers else ""


def decision_defaults(award_list: AwardList) -> dict:
    campaign, form = award_list.campaign, award_list.award_form
    issuer = campaign.issuer
    style = style_for(form.granted_by)
    common = {
        "date": timezone.localdate(),
        "place": issuer.place_name or "",
        "coefficient": form.coefficient,
        "collective_multiplier": Decimal(2),
    }
    if style == AwardDecision.Style.STATE:
        return {
            "style": style,
            "authority": _authority(form.granted_by),
            "authority_parent": "",
            "abbreviation": "UBND",
            "grounds": "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
            "Căn cứ các nghị định của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng",
            "proposer": _proposer(issuer) if family_of(issuer) == STATE else deciding_body(issuer),
            "signer_capacity": "",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "",
            **common,
        }
    # The issuer's own decision, in its family's terms (documents/issuers.py): who decides, the charter
    # it cites, and who proposes.
    parent = issuer.parent_unit()
    authority = deciding_body(issuer)
    statute = charter(issuer)
    return {
        "style": style,
        "authority": authority,
        "authority_parent": deciding_body(parent) if parent else "",  # told of it, "để báo cáo"
        "abbreviation": issuer.abbreviation or "",
        "grounds": (f"Căn cứ {statute};\n" if statute else "") + f"Căn cứ Quy chế làm việc của {issuer.name};\n"
        f"Căn cứ Kế hoạch số {campaign.symbol} của {authority}",
        "proposer": _proposer(issuer),
        "signer_capacity": campaign.signer_capacity,
        "signer_title": campaign.signer_title,
        "signer_name": campaign.signer_name,
        **common,
    }


DECISION_FIELDS = (
    "authority",
    "authority_parent",
    "abbreviation",
    "number",
    "date",
    "place",
    "grounds",
    "proposer",
    "signer_capacity",
    "signer_title",
    "signer_name",
    "coefficient",
    "collective_multiplier",
)


def _validate(d: AwardDecision) -> None:
    errors = {}
    if not d.authority.strip():
        errors["authority"] = "Cần ghi cơ quan ban hành."
    if not d.abbreviation.strip():
        errors["abbreviation"] = "Cần ký hiệu cơ quan ban hành (ví dụ ĐUK, HU, UBND)."
    if d.number is not None and d.number < 1:
        errors["number"] = "Số quyết định phải từ 1 trở lên."
    if d.coefficient is not None and d.coefficient < 0:
        errors["coefficient"] = "Hệ số tiền thưởng không được âm."
    if d.collective_multiplier is None or d.collective_multiplier < 1:
        errors["collective_multiplier"] = "Hệ số tập thể phải từ 1 trở lên."
    if errors:
        raise DecisionError(errors)


def _refresh_awards(d: AwardDecision) -> None:
    """One row per entry of the approved list, in list order, with its money on the decision's date."""
    entries = list(d.award_list.entries.select_related("nomination").order_by("nomination__kind", "id"))
    d.awards.exclude(nomination_id__in=[e.nomination_id for e in entries]).delete()
    existing = {a.nomination_id: a for a in d.awards.all()}
    for position, e in enumerate(entries, start=1):
        award = existing.get(e.nomination_id) or Award(decision=d, nomination=e.nomination)
        award.position = position
        award.amount = award_amount(d.coefficient, d.base_salary, e.nomination.kind, d.collective_multiplier)
        award.save()


@transaction.atomic
def decision_save(*, actor: Actor, award_list: AwardList, allocate: bool = False, **fields: Any) -> AwardDecision:
    """Create or update the draft decision of an approved list; `allocate` takes the next number."""
    award_list = (
        AwardList.objects.select_for_update()
        .select_related("campaign", "campaign__issuer", "award_form")
        .get(pk=award_list.pk)
    )
    require_manager(actor, award_list.campaign)
    if award_list.status == AwardList.Status.DRAFT:
        raise DecisionError("Danh sách chưa được lãnh đạo duyệt nên chưa lập quyết định được.")
    d = getattr(award_list, "decision", None)
    if d is not None and d.status == AwardDecision.Status.SIGNED:
        raise DecisionError("Quyết định đã ký, ban hành; không sửa được.")
    if d is None:
        defaults = decision_defaults(award_list)
        d = AwardDecision(
            award_list=award_list,
            style=defaults.pop("style"),
            **{k: defaults[k] for k in DECISION_FIELDS if k in defaults},
        )
    for name, value in fields.items():
        if name not in DECISION_FIELDS:
            raise ValueError(name)
        setattr(d, name, nfc(value) if isinstance(value, str) else value)
    if d.date is None:
        raise DecisionError({"date": "Cần ngày ký quyết định."})
    d.base_salary = base_salary_on(d.date)
    _validate(d)
    issuer = award_list.campaign.issuer
    if allocate and not d.number:
        d.number = allocate_number(issuer=issuer, doc_type=COUNTER[d.style], year=d.date.year)
    elif d.number:
        note_number(issuer=issuer, doc_type=COUNTER[d.style], year=d.date.year, number=d.number)
    try:
        with transaction.atomic():
            d.save()
    except IntegrityError as exc:
        raise DecisionError({"number": f"Số {d.number} năm {d.date.year} đã được dùng cho quyết định khác."}) from exc
    _refresh_awards(d)
    log_action(
        actor=actor,
        action="award_decision.saved",
        obj=award_list.campaign,
        unit=issuer,
        after={"symbol": d.symbol, "date": d.date.isoformat(), "signer": d.signer_name, "awards": d.awards.count()},
    )
    return d


@atomic_with_files  # the stored document goes with the transaction
def decision_sign(*, actor: Actor, decision: AwardDecision) -> AwardDecision:
    """The leader signs: the decision is final, and every awardee's record gains the honour."""
    d = (
        AwardDecision.objects.select_for_update()
        .select_related("award_list", "award_list__campaign")
        .get(pk=decision.pk)
    )
    campaign = d.award_list.campaign
    require_leader(actor, campaign)
    if d.status == AwardDecision.Status.SIGNED:
        return d
    missing = []
    if not d.number:
        missing.append("số quyết định")
    if not d.signer_name.strip() or not d.signer_title.strip():
        missing.append("chức vụ và họ tên người ký")
    if missing:
        raise DecisionError(f"Quyết định chưa có {' và '.join(missing)}: không ký ban hành được.")
    if not d.awards.exists():
        raise DecisionError("Quyết định không có ai trong danh sách khen thưởng.")
    d.status, d.signed_by, d.signed_at = AwardDecision.Status.SIGNED, actor, timezone.now()
    d.save(update_fields=["status", "signed_by", "signed_at"])
    AwardList.objects.filter(pk=d.award_list_id).update(status=AwardList.Status.DECIDED)
    written = _write_back_honours(actor, d)
    freeze_decision(d, signed_by=actor)
    log_action(
        actor=actor,
        action="award_decision.signed",
        obj=campaign,
        unit=campaign.issuer,
        after={"symbol": d.symbol, "honours": written},
    )
    return d


def freeze_decision(d: AwardDecision, *, signed_by: Actor | None) -> IssuedDocument:
    """The decision as signed, with its list, kept: later downloads serve this file."""
    from guongsang.awards.documents import awardee_place, decision_docx
    from guongsang.documents.issued import decision_key, freeze

    d = AwardDecision.objects.select_related("award_list__campaign__issuer", "award_list__award_form").get(pk=d.pk)
    awards = d.awards.select_related("nomination__person__unit", "nomination__unit").order_by("position")
    data = {
        "symbol": d.symbol,
        "date": d.date.isoformat() if d.date else "",
        "authority": d.authority,
        "signer": [d.signer_capacity, d.signer_title, d.signer_name],
        "awards": [
            {"name": a.nomination.nominee_name, "place": awardee_place(a), "kind": a.nomination.kind} for a in awards
        ],
    }
    return freeze(
        key=decision_key(d.pk),
        title=f"Quyết định số {d.symbol}",
        render=lambda: decision_docx(d),
        data=data,
        actor=signed_by,
    )


def _write_back_honours(actor: Actor, d: AwardDecision) -> int:
    """Each awardee (person, collective, or the unit carrying a model) gains the honour, through the
    organisation's service; once only."""
    form = d.award_list.award_form
    issuer = d.award_list.campaign.issuer
    written = 0
    awards = d.awards.select_related("nomination__person__unit", "nomination__nominee_unit", "nomination__model_unit")
    for award in awards.filter(honor__isnull=True):
        n = award.nomination
        subject = n.person if n.kind == NomineeKind.INDIVIDUAL else (n.nominee_unit or n.model_unit)
        if subject is None:
            continue  # a collective named in words only has no record to write to
        reason = n.model_name if n.kind == NomineeKind.MODEL else ""
        honor = org_services.honor_granted(
            actor=actor,
            subject=subject,
            granting_unit=issuer,
            form=form.name,
            granted_by=form.granted_by,
            decision_number=d.symbol,
            decision_date=d.date,
            year=d.date.year,
            reason=(reason or d.award_list.campaign.title)[:1000],
        )
        award.honor = honor
        award.save(update_fields=["honor"])
        written += 1
    return written


def money_totals(d: AwardDecision) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {
        k: {"label": label, "count": 0, "each": None, "amount": 0} for k, label in NomineeKind.choices
    }
    for award in d.awards.select_related("nomination"):
        row = rows[award.nomination.kind]
        row["count"] += 1
        row["amount"] += award.amount
        row["each"] = award.amount
    kinds = [r for r in rows.values() if r["count"]]
    return {"rows": kinds, "count": sum(r["count"] for r in kinds), "total": sum(r["amount"] for r in kinds)}
