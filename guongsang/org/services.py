"""Every change to the tree, people and records goes through these functions.

Each checks permission, validates (Vietnamese messages), writes the audit log and runs in a
transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, SupportsInt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from guongsang.accounts.audit import log_action, snapshot
from guongsang.accounts.permissions import can
from guongsang.lib.typing import Actor
from guongsang.org.models import Grade, Honor, Person, Rating, Unit

UNIT_FIELDS = (
    "name",
    "short_name",
    "kind",
    "code",
    "abbreviation",
    "place_name",
    "header_lines",
    "signer_title",
    "signer_name",
    "party_member_count",
    "active_from",
    "active_to",
    "successor",
    "email",
    "phone",
)
PERSON_FIELDS = ("code", "full_name", "gender", "birth_year", "ethnicity", "title", "unit", "is_party_member")
MIN_YEAR, MAX_YEAR = 1930, 2100


def _require_edit(actor: Actor, unit: Unit) -> None:
    if not can(actor, "tree.edit", unit):
        raise PermissionDenied("Bạn không có quyền sửa tổ chức của đơn vị này.")


def _validate_unit(unit: Unit) -> None:
    try:
        unit.full_clean(exclude=["path", "depth", "numchild"])
    except ValidationError as exc:
        if "code" in exc.message_dict and Unit.objects.filter(code=unit.code).exclude(pk=unit.pk).exists():
            raise ValidationError({"code": f"Mã đơn vị “{unit.code}” đã có."}) from exc
        raise
    if unit.active_from and unit.active_to and unit.active_to < unit.active_from:
        raise ValidationError({"active_to": "Ngày kết thúc hoạt động phải sau ngày bắt đầu."})
    if unit.successor_id and unit.successor_id == unit.pk:
        raise ValidationError({"successor": "Một đơn vị không thể kế tục chính nó."})


@transaction.atomic
def unit_create(*, actor: Actor, parent: Unit | None, **fields: Any) -> Unit:
    if parent is None:
        from guongsang.accounts.permissions import is_admin

        if not is_admin(actor):
            raise PermissionDenied("Chỉ quản trị hệ thống mới tạo được đơn vị gốc.")
    else:
        _require_edit(actor, parent)
    unit = Unit(**fields)
    unit.prepare()
    _validate_unit(unit)
    unit = Unit.objects.place(unit, parent)
    log_action(actor=actor, action="org.unit.created", obj=unit, after=snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, unit: Unit, **fields: Any) -> Unit:
    _require_edit(actor, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        if name not in UNIT_FIELDS:
            raise ValueError(f"unknown unit field {name}")
        setattr(unit, name, value)
    unit.prepare()
    _validate_unit(unit)
    unit.save()
    log_action(actor=actor, action="org.unit.updated", obj=unit, before=before, after=snapshot(unit, UNIT_FIELDS))
    return unit


def check_move(unit: Unit, new_parent: Unit) -> None:
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError(
            f"Không thể chuyển “{unit.name}” vào “{new_parent.name}”: "
            "đơn vị cấp trên mới nằm trong chính đơn vị này (tạo vòng lặp trong cây)."
        )


@transaction.atomic
def unit_move(*, actor: Actor, unit: Unit, new_parent: Unit) -> Unit:
    _require_edit(actor, unit)
    _require_edit(actor, new_parent)
    check_move(unit, new_parent)
    old_parent = unit.parent_unit()
    Unit.objects.move(unit, new_parent, pos="last-child")
    unit = Unit.objects.get(pk=unit.pk)
    log_action(
        actor=actor,
        action="org.unit.moved",
        obj=unit,
        before={"parent": old_parent.pk if old_parent else None},
        after={"parent": new_parent.pk},
    )
    return unit


@transaction.atomic
def unit_end(*, actor: Actor, unit: Unit, end_date: dt.date, successor: Unit | None = None) -> Unit:
    """Close a unit (merged, dissolved, renamed): it stays in the tree, with its history."""
    _require_edit(actor, unit)
    if successor is not None and successor.pk == unit.pk:
        raise ValidationError("Một đơn vị không thể kế tục chính nó.")
    if unit.active_from and end_date < unit.active_from:
        raise ValidationError("Ngày kết thúc hoạt động phải sau ngày bắt đầu.")
    return unit_update(actor=actor, unit=unit, active_to=end_date, successor=successor)


@transaction.atomic
def person_save(*, actor: Actor, person: Person | None = None, **fields: Any) -> Person:
    """Create (person=None) or update a person; the unit given must be in the actor's scope."""
    unit = fields.get("unit") or (person.unit if person else None)
    if unit is None:
        raise ValidationError({"unit": "Cần chọn đơn vị của cá nhân."})
    _require_edit(actor, unit)
    if person is not None:
        _require_edit(actor, person.unit)
        before = snapshot(person, PERSON_FIELDS)
    else:
        person, before = Person(), None
    for name, value in fields.items():
        if name not in PERSON_FIELDS:
            raise ValueError(f"unknown person field {name}")
        setattr(person, name, value)
    person.prepare()
    validate_birth_year(person.birth_year)
    person.full_clean()
    person.save()
    log_action(
        actor=actor,
        action="org.person.updated" if before else "org.person.created",
        obj=person,
        before=before,
        after=snapshot(person, PERSON_FIELDS),
    )
    return person


def validate_birth_year(year: int | None) -> None:
    if year is not None and not (1900 <= year <= dt.date.today().year):
        raise ValidationError({"birth_year": f"Năm sinh {year} không hợp lệ."})


def validate_grade(grade: str) -> str:
    value = (grade or "").strip().upper()
    if value not in Grade.values:
        allowed = ", ".join(Grade.values)
        raise ValidationError(f"Xếp loại “{grade}” không có trong thang xếp loại ({allowed}).")
    return value


def validate_year(year: str | SupportsInt | None) -> int:
    try:
        value = int(year)  # type: ignore[arg-type]  # a missing year (None) is refused just below
    except (TypeError, ValueError):
        raise ValidationError(f"Năm “{year}” không hợp lệ.") from None
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationError(f"Năm {value} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")
    return value


@transaction.atomic
def rating_set(
    *, actor: Actor, subject: Unit | Person, year: int, grade: str, scheme: str = Rating.Scheme.PARTY
) -> Rating:
    unit = subject if isinstance(subject, Unit) else subject.unit
    _require_edit(actor, unit)
    year, grade = validate_year(year), validate_grade(grade)
    key = {"unit": subject} if isinstance(subject, Unit) else {"person": subject}
    rating = Rating.objects.filter(year=year, scheme=scheme, **key).first()
    before = {"grade": rating.grade} if rating else None
    rating = rating or Rating(year=year, scheme=scheme, **key)
    rating.grade = grade
    rating.save()
    log_action(
        actor=actor,
        action="org.rating.set",
        obj=rating,
        unit=unit,
        before=before,
        after={"year": year, "grade": grade, "scheme": scheme},
        object_repr=f"{subject}: {year}",
    )
    return rating


def _honor_write(actor: Actor, subject: Unit | Person, action: str, fields: dict[str, Any]) -> Honor:
    """Validate and save an honour on the subject's record, and audit it."""
    unit = subject if isinstance(subject, Unit) else subject.unit
    fields["year"] = validate_year(fields.get("year"))
    key = {"unit": subject} if isinstance(subject, Unit) else {"person": subject}
    honor = Honor(**key, **fields)
    honor.full_clean()
    honor.save()
    log_action(
        actor=actor,
        action=action,
        obj=honor,
        unit=unit,
        after=snapshot(honor, ("form", "granted_by", "decision_number", "decision_date", "year")),
    )
    return honor


@transaction.atomic
def honor_granted(*, actor: Actor, subject: Unit | Person, granting_unit: Unit, **fields: Any) -> Honor:
    """An honour that a signed decision of `granting_unit` gives `subject`, written onto the record by
    whoever signs the unit's decisions (`campaign.approve` there). The subject must lie in the granting
    unit's subtree, and the honour passes the same validation as one typed in."""
    if not can(actor, "campaign.approve", granting_unit):
        raise PermissionDenied("Chỉ lãnh đạo ký quyết định của đơn vị mới ghi được khen thưởng theo quyết định.")
    unit = subject if isinstance(subject, Unit) else subject.unit
    if not unit.is_within(granting_unit):
        raise ValidationError(f"{subject} không thuộc {granting_unit.name}; không ghi khen thưởng được.")
    return _honor_write(actor, subject, "org.honor.granted", fields)


@transaction.atomic
def honor_add(*, actor: Actor, subject: Unit | Person, **fields: Any) -> Honor:
    _require_edit(actor, subject if isinstance(subject, Unit) else subject.unit)
    return _honor_write(actor, subject, "org.honor.added", fields)
