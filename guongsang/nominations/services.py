"""Proposing, checking, submitting and withdrawing nominations; every change is audited."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from guongsang.accounts.audit import log_action
from guongsang.accounts.permissions import can
from guongsang.accounts.personal import policy_for
from guongsang.campaigns.models import Campaign, DossierRequirement, NomineeKind
from guongsang.campaigns.permissions import acting_units
from guongsang.documents.issuers import IssuerIncomplete, require_identity
from guongsang.documents.numbering import proposal_key, register
from guongsang.documents.vndate import local_day
from guongsang.lib.files import atomic_with_files, store
from guongsang.lib.typing import Actor, AnyUser
from guongsang.nominations import rules as R
from guongsang.nominations.facts import campaign_rules, honors_of, ratings_of, unit_facts
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.nominations.uploads import TYPES, check_upload
from guongsang.org.models import Person, Unit
from guongsang.org.services import validate_birth_year

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import QuerySet

ACTIVE = (Nomination.State.DRAFT, Nomination.State.SUBMITTED)  # holding or asking for a place


class NominationError(ValidationError):
    pass


def nominating_units(user: AnyUser, campaign: Campaign) -> QuerySet[Unit]:
    """Participating units the user may nominate for (a role at the unit or above it)."""
    return acting_units(user, campaign, "nomination.prepare")


def _require_nominator(actor: Actor, campaign: Campaign, unit: Unit) -> None:
    if not nominating_units(actor, campaign).filter(pk=unit.pk).exists():
        raise PermissionDenied("Bạn không đề nghị được cho đơn vị này trong kế hoạch này.")


def counts_of(
    campaign: Campaign,
    unit: Unit,
    *,
    extra: Nomination | None = None,
    states: tuple[str, ...] = (Nomination.State.SUBMITTED,),
) -> Counter[str]:
    """Nominations of a unit by kind: the submitted ones (drafts do not hold a place), plus `extra`."""
    qs = Nomination.objects.filter(campaign=campaign, unit=unit, state__in=states)
    if extra is not None and extra.pk:
        qs = qs.exclude(pk=extra.pk)
    counts = Counter(qs.values_list("kind", flat=True))
    if extra is not None:
        counts[extra.kind] += 1
    return counts


def nominee_facts(n: Nomination) -> R.NomineeFacts:
    subjects: dict[str, Person | Unit | None] = {
        NomineeKind.INDIVIDUAL: n.person,
        NomineeKind.COLLECTIVE: n.nominee_unit,
        NomineeKind.MODEL: n.model_unit,
    }
    subject = subjects[n.kind]
    uploaded = frozenset(n.files.values_list("requirement_id", flat=True)) if n.pk else frozenset()
    return R.NomineeFacts(
        kind=n.kind,
        name=n.nominee_name or "Đề nghị chưa có tên",
        ratings=ratings_of(subject) if subject is not None else {},
        honors=honors_of(subject, n.unit) if subject is not None else (),
        summary=n.summary,
        achievements_from=n.achievements_from,
        achievements_to=n.achievements_to,
        uploaded=uploaded,
    )


def findings_for(n: Nomination, *, now: dt.datetime | None = None) -> list[R.Finding]:
    """Every finding for one nomination, the unit's quota included (its submitted ones and this one)."""
    rules = campaign_rules(n.campaign)
    findings = R.check_nomination(
        criteria=rules.criteria,
        dossier=rules.dossier,
        deadline=rules.deadline,
        nominee=nominee_facts(n),
        now=now or timezone.now(),
    )
    findings += R.check_quota(rules.quotas, unit_facts(n.unit), counts_of(n.campaign, n.unit, extra=n))
    return findings


def findings_shown(user: AnyUser, n: Nomination, *, now: dt.datetime | None = None) -> list[R.Finding]:
    """The findings for `n` as `user` may read them: a person's grades only for those who may see the
    person's personal data (guongsang/accounts/personal.py)."""
    return policy_for(user).nomination_findings(findings_for(n, now=now), n)


def _validate_nominee(n: Nomination) -> None:
    errors = {}
    if n.kind == NomineeKind.INDIVIDUAL:
        if n.person is None:
            errors["person"] = "Cần chọn cá nhân được đề nghị."
        elif not n.person.unit.is_within(n.unit):
            errors["person"] = f"{n.person.full_name} không thuộc {n.unit.name} hoặc đơn vị trực thuộc."
    elif n.kind == NomineeKind.COLLECTIVE:
        if n.nominee_unit is None and not n.collective_name.strip():
            errors["nominee_unit"] = "Cần chọn tập thể (đơn vị) hoặc nhập tên tập thể."
        elif n.nominee_unit is not None and not n.nominee_unit.is_within(n.unit):
            errors["nominee_unit"] = f"{n.nominee_unit.name} không thuộc {n.unit.name}."
    elif n.kind == NomineeKind.MODEL:
        if not n.model_name.strip():
            errors["model_name"] = "Cần nhập tên mô hình."
        if n.model_unit is not None and not n.model_unit.is_within(n.unit):
            errors["model_unit"] = f"{n.model_unit.name} không thuộc {n.unit.name}."
    if n.achievements_from and n.achievements_to and n.achievements_to < n.achievements_from:
        errors["achievements_to"] = "Ngày kết thúc thành tích phải sau ngày bắt đầu."
    if n.award_form is not None and n.award_form.campaign_id != n.campaign_id:
        errors["award_form"] = "Hình thức không thuộc kế hoạch này."
    if errors:
        raise NominationError(errors)


def _new_person(actor: Actor, unit: Unit, *, full_name: str, title: str = "", birth_year: int | None = None) -> Person:
    """A person entered on the spot while nominating, placed in the nominating unit, checked as the
    organisation's own people are. Numbers are taken one at a time per unit (the unit's row is locked)."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise NominationError({"new_person_name": "Cần nhập họ và tên."})
    try:
        validate_birth_year(birth_year)
    except ValidationError as exc:
        raise NominationError({"new_person_birth_year": exc.messages}) from None
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    prefix = f"{unit.code}-MOI-"
    taken = [c[len(prefix) :] for c in Person.objects.filter(code__startswith=prefix).values_list("code", flat=True)]
    number = max((int(t) for t in taken if t.isdigit()), default=0) + 1
    person = Person(
        code=f"{prefix}{number:03d}",
        full_name=full_name,
        title=title,
        birth_year=birth_year,
        unit=unit,
        is_party_member=True,
    )
    person.prepare()
    try:
        person.full_clean()
    except ValidationError as exc:
        raise NominationError(
            {f"new_person_{k}" if k != "__all__" else k: v for k, v in exc.message_dict.items()}
        ) from None
    person.save()
    log_action(actor=actor, action="org.person.created", obj=person, unit=unit, after={"full_name": person.full_name})
    return person


FIELDS = (
    "kind",
    "award_form",
    "nominee_unit",
    "collective_name",
    "person",
    "model_name",
    "model_unit",
    "model_description",
    "summary",
    "achievements_from",
    "achievements_to",
)


@transaction.atomic
def nomination_save(
    *,
    actor: Actor,
    campaign: Campaign,
    unit: Unit,
    nomination: Nomination | None = None,
    new_person: Mapping[str, Any] | None = None,
    **fields: object,
) -> Nomination:
    """Create or change a draft. `new_person` (full_name, title, birth_year) is a person typed on the
    form, added to the nominating unit: the person and the nomination are saved together or not at all."""
    _require_nominator(actor, campaign, unit)
    if nomination is not None and nomination.state == Nomination.State.SUBMITTED:
        raise NominationError("Đề nghị đã gửi; muốn sửa, hãy rút đề nghị trước hạn rồi gửi lại.")
    n = nomination or Nomination(campaign=campaign, unit=unit, created_by=actor)
    for name, value in fields.items():
        if name not in FIELDS:
            raise ValueError(name)
        setattr(n, name, value)
    if new_person is not None and n.kind == NomineeKind.INDIVIDUAL and n.person_id is None:
        n.person = _new_person(actor, unit, **new_person)
    n.state = Nomination.State.DRAFT
    _validate_nominee(n)
    n.save()
    log_action(
        actor=actor, action="nomination.saved", obj=n, unit=unit, after={"kind": n.kind, "nominee": n.nominee_name}
    )
    return n


@atomic_with_files
def upload_dossier_file(
    *, actor: Actor, nomination: Nomination, requirement: DossierRequirement, upload: UploadedFile
) -> DossierFile:
    _require_nominator(actor, nomination.campaign, nomination.unit)
    if requirement.campaign_id != nomination.campaign_id:
        raise PermissionDenied("Giấy tờ không thuộc kế hoạch này.")
    if nomination.state == Nomination.State.SUBMITTED:
        raise NominationError("Đề nghị đã gửi; muốn thay tệp, hãy rút đề nghị trước hạn.")
    kind = check_upload(upload, [t for t in requirement.file_types if t in TYPES])
    assert upload.name is not None and upload.size is not None  # Django sets both on every upload
    old = DossierFile.objects.filter(nomination=nomination, requirement=requirement).first()
    if old is not None:
        assert old.file.name is not None  # a stored file always has a name
        transaction.on_commit(partial(old.file.storage.delete, old.file.name))
        old.delete()
    record = DossierFile(
        nomination=nomination,
        requirement=requirement,
        original_name=upload.name[:255],
        content_type=TYPES[kind],
        size=upload.size,
        uploaded_by=actor,
    )
    store(record.file, upload.name, upload)
    record.save()
    log_action(
        actor=actor,
        action="nomination.file.uploaded",
        obj=nomination,
        unit=nomination.unit,
        after={"document": requirement.document, "name": record.original_name, "type": kind},
    )
    return record


@transaction.atomic
def nomination_submit(*, actor: Actor, nomination: Nomination, now: dt.datetime | None = None) -> Nomination:
    """The unit head submits; blocking findings refuse it; a second submit changes nothing."""
    n = Nomination.objects.select_for_update().select_related("campaign", "unit", "unit__kind").get(pk=nomination.pk)
    if not can(actor, "nomination.submit", n.unit):
        raise PermissionDenied("Chỉ bí thư (người đứng đầu) đơn vị mới xác nhận và gửi đề nghị.")
    if n.state == Nomination.State.SUBMITTED:
        return n
    now = now or timezone.now()
    findings = findings_for(n, now=now)
    blocking = R.blocking(findings)
    if blocking:
        shown = policy_for(actor).nomination_findings(blocking, n)
        raise NominationError([f.message for f in shown])
    try:
        require_identity(n.unit)
    except IssuerIncomplete as exc:
        raise NominationError(exc.messages) from exc
    # The first submission enters the unit's Tờ trình in its register: its number and date.
    register(issuer=n.unit, doc_type="TTr", key=proposal_key(n.campaign_id), day=local_day(now))
    late = [f for f in findings if f.code == "deadline.late"]
    n.state = Nomination.State.SUBMITTED
    n.submitted_at, n.submitted_by = now, actor
    n.late_days = late[0].data["late_days"] if late else None
    n.screening = Nomination.Screening.PENDING  # a returned nomination is screened again
    n.save(update_fields=["state", "submitted_at", "submitted_by", "late_days", "screening", "updated_at"])
    log_action(
        actor=actor,
        action="nomination.submitted",
        obj=n,
        unit=n.unit,
        after={"late_days": n.late_days, "review": [f.code for f in findings if f.severity == R.REVIEW]},
    )
    return n


@transaction.atomic
def nomination_withdraw(*, actor: Actor, nomination: Nomination, now: dt.datetime | None = None) -> Nomination:
    n = Nomination.objects.select_for_update().select_related("campaign", "unit").get(pk=nomination.pk)
    _require_nominator(actor, n.campaign, n.unit)
    if n.state == Nomination.State.SUBMITTED and not can(actor, "nomination.submit", n.unit):
        # What the head confirmed and sent is withdrawn by the head too (a draft, by any nominator).
        raise PermissionDenied("Chỉ bí thư (người đứng đầu) đơn vị mới rút được đề nghị đã gửi.")
    if n.screening != Nomination.Screening.PENDING and n.state == Nomination.State.SUBMITTED:
        raise NominationError("Đề nghị đã được thẩm định nên không rút được; hãy liên hệ cán bộ quản lý.")
    deadline = campaign_rules(n.campaign).deadline
    if R.past_deadline(deadline, now or timezone.now()):
        raise NominationError("Đã quá hạn nộp hồ sơ nên không rút được đề nghị.")
    n.state = Nomination.State.WITHDRAWN
    n.save(update_fields=["state", "updated_at"])
    log_action(actor=actor, action="nomination.withdrawn", obj=n, unit=n.unit)
    return n
