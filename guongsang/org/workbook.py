"""Import and export of the tree, people, ratings and honours as one .xlsx workbook.

Import validates the whole file first and reports every problem per sheet and row, in
Vietnamese; only a file without a single problem is saved, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from guongsang.accounts.audit import log_action
from guongsang.accounts.permissions import can, is_admin
from guongsang.lib.ooxml import check_package
from guongsang.lib.text import nfc
from guongsang.lib.workbooks import DATE_FORMAT, TEXT_FORMAT, finish, header_row, save, write_row
from guongsang.org.models import Grade, Honor, Person, Rating, Unit, UnitKind, in_subtree
from guongsang.org.services import MAX_YEAR, MIN_YEAR

# Sheet name -> list of (key, header, required)
UNIT_SHEET = "Đơn vị"
PERSON_SHEET = "Cá nhân"
RATING_SHEET = "Xếp loại"
HONOR_SHEET = "Khen thưởng"
HELP_SHEET = "Hướng dẫn"

COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    UNIT_SHEET: [
        ("code", "Mã đơn vị", True),
        ("name", "Tên đơn vị", True),
        ("short_name", "Tên ngắn", False),
        ("kind", "Mã loại đơn vị", True),
        ("parent", "Mã đơn vị cấp trên", False),
        ("abbreviation", "Ký hiệu văn bản", False),
        ("place_name", "Địa danh", False),
        ("party_member_count", "Số đảng viên", False),
        ("active_from", "Hoạt động từ ngày", False),
        ("active_to", "Hoạt động đến ngày", False),
        ("successor", "Mã đơn vị kế tục", False),
        ("email", "Thư điện tử", False),
        ("phone", "Điện thoại", False),
    ],
    PERSON_SHEET: [
        ("code", "Mã cán bộ", True),
        ("full_name", "Họ và tên", True),
        ("gender", "Giới tính", False),
        ("birth_year", "Năm sinh", False),
        ("ethnicity", "Dân tộc", False),
        ("title", "Chức vụ", False),
        ("unit", "Mã đơn vị", True),
        ("is_party_member", "Đảng viên", False),
    ],
    RATING_SHEET: [
        ("subject_type", "Đối tượng", True),
        ("code", "Mã", True),
        ("year", "Năm", True),
        ("grade", "Xếp loại", True),
        ("scheme", "Loại xếp loại", False),
        ("note", "Căn cứ", False),
    ],
    HONOR_SHEET: [
        ("subject_type", "Đối tượng", True),
        ("code", "Mã", True),
        ("form", "Hình thức khen thưởng", True),
        ("granted_by", "Cấp khen", True),
        ("decision_number", "Số quyết định", False),
        ("decision_date", "Ngày quyết định", False),
        ("year", "Năm", True),
        ("reason", "Thành tích", False),
    ],
}

SUBJECT_UNIT, SUBJECT_PERSON = "đơn vị", "cá nhân"
GENDERS = {"nam": Person.Gender.MALE, "nữ": Person.Gender.FEMALE, "nu": Person.Gender.FEMALE}
YES = {"có", "co", "x", "1", "true", "đảng viên"}
NO = {"không", "khong", "", "0", "false"}
SCHEMES = {"": Rating.Scheme.PARTY, "đảng": Rating.Scheme.PARTY, "cán bộ": Rating.Scheme.STAFF}


@dataclass
class RowError:
    sheet: str
    row: int  # 1-based row number as Excel shows it; 0 for the whole file
    message: str

    def __str__(self) -> str:
        if self.row:
            return f"Trang “{self.sheet}”, dòng {self.row}: {self.message}"
        return f"{self.sheet}: {self.message}" if self.sheet else self.message


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    saved: bool = False
    counts: dict[str, int] = field(default_factory=dict)


class _Rows:
    """Rows of one sheet as dicts keyed by column key, with their Excel row numbers."""

    def __init__(self, sheet_name: str, ws, errors: list[RowError]):
        self.items: list[tuple[int, dict[str, Any]]] = []
        columns = COLUMNS[sheet_name]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return
        index = {nfc(str(h)).lower(): i for i, h in enumerate(header) if h is not None}
        positions: dict[str, int] = {}
        for key, title, required in columns:
            pos = index.get(title.lower())
            if pos is None:
                if required:
                    errors.append(RowError(sheet_name, 1, f"thiếu cột bắt buộc “{title}”."))
                continue
            positions[key] = pos
        if any(e.sheet == sheet_name and e.row == 1 for e in errors):
            return
        for number, row in enumerate(rows, start=2):
            values = {key: _cell(row, pos) for key, pos in positions.items()}
            if all(v in (None, "") for v in values.values()):
                continue
            self.items.append((number, values))


def _cell(row: tuple, pos: int) -> Any:
    value = row[pos] if pos < len(row) else None
    if isinstance(value, str):
        value = nfc(value)
    return value


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _as_int(value: Any, label: str, minimum: int = 0, maximum: int | None = None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(float(value)) if not isinstance(value, bool) else None
        if number is None or float(value) != number:
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError(f"{label} “{value}” phải là số nguyên.") from None
    if number < minimum or (maximum is not None and number > maximum):
        limit = f"từ {minimum} đến {maximum}" if maximum is not None else f"không nhỏ hơn {minimum}"
        raise ValidationError(f"{label} {number} không hợp lệ (phải {limit}).")
    return number


def _as_date(value: Any, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _as_text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"{label} “{text}” không phải là ngày dạng dd/mm/yyyy.")


def read_workbook(data: bytes) -> tuple[dict[str, _Rows], list[RowError]]:
    errors: list[RowError] = []
    if len(data) > settings.GS_IMPORT_MAX_BYTES:
        limit = settings.GS_IMPORT_MAX_BYTES // (1024 * 1024)
        return {}, [RowError("", 0, f"Tệp quá lớn (tối đa {limit} MB).")]
    if not data:
        return {}, [RowError("", 0, "Tệp rỗng.")]
    try:
        check_package(data, "xlsx")
    except ValidationError as exc:
        return {}, [RowError("", 0, exc.messages[0])]
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        return {}, [RowError("", 0, "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.")]
    sheets = {}
    for name in COLUMNS:
        if name in wb.sheetnames:
            sheets[name] = _Rows(name, wb[name], errors)
    wb.close()
    if not sheets and not errors:
        names = ", ".join(f"“{n}”" for n in COLUMNS)
        errors.append(RowError("", 0, f"Không tìm thấy trang nào trong số {names}: hãy dùng tệp mẫu."))
    return sheets, errors


class _Plan:
    """What the import would write, built while validating."""

    def __init__(self, actor, scope: Unit):
        self.actor = actor
        self.scope = scope
        self.errors: list[RowError] = []
        self.kinds = {k.code: k for k in UnitKind.objects.all()}
        self.units: dict[str, dict[str, Any]] = {}  # code -> values (file units)
        self.unit_rows: dict[str, int] = {}
        self.existing_units: dict[str, Unit] = {}
        self.people: dict[str, dict[str, Any]] = {}
        self.existing_people: dict[str, Person] = {}
        self.ratings: list[dict[str, Any]] = []
        self.honors: list[dict[str, Any]] = []

    def error(self, sheet: str, row: int, message: str) -> None:
        self.errors.append(RowError(sheet, row, message))

    # -- units ---------------------------------------------------------------------------
    def unit_in_db(self, code: str) -> Unit | None:
        if code not in self.existing_units:
            unit = Unit.objects.filter(code=code).first()
            if unit is None:
                return None
            self.existing_units[code] = unit
        return self.existing_units[code]

    def editable(self, unit: Unit) -> bool:
        return unit.is_within(self.scope) and can(self.actor, "tree.edit", unit)

    def check_units(self, rows: _Rows) -> None:
        for number, raw in rows.items:
            code = _as_text(raw.get("code"))
            values: dict[str, Any] = {"row": number}
            try:
                if not code:
                    raise ValidationError("thiếu mã đơn vị.")
                if code in self.units:
                    raise ValidationError(f"mã đơn vị “{code}” trùng với dòng {self.unit_rows[code]}.")
                name = _as_text(raw.get("name"))
                if not name:
                    raise ValidationError("thiếu tên đơn vị.")
                kind_code = _as_text(raw.get("kind"))
                if kind_code not in self.kinds:
                    raise ValidationError(f"loại đơn vị “{kind_code}” không có trong danh mục loại đơn vị.")
                existing = self.unit_in_db(code)
                if existing is not None and not self.editable(existing):
                    raise ValidationError(f"mã đơn vị “{code}” đã được dùng cho một đơn vị ngoài phạm vi của bạn.")
                values.update(
                    code=code,
                    name=name,
                    short_name=_as_text(raw.get("short_name")),
                    kind=self.kinds[kind_code],
                    parent=_as_text(raw.get("parent")),
                    abbreviation=_as_text(raw.get("abbreviation")),
                    place_name=_as_text(raw.get("place_name")),
                    party_member_count=_as_int(raw.get("party_member_count"), "Số đảng viên"),
                    active_from=_as_date(raw.get("active_from"), "Ngày bắt đầu hoạt động"),
                    active_to=_as_date(raw.get("active_to"), "Ngày kết thúc hoạt động"),
                    successor=_as_text(raw.get("successor")),
                    email=_as_text(raw.get("email")),
                    phone=_as_text(raw.get("phone")),
                )
                if values["active_from"] and values["active_to"] and values["active_to"] < values["active_from"]:
                    raise ValidationError("ngày kết thúc hoạt động trước ngày bắt đầu.")
                if values["successor"] == code:
                    raise ValidationError("một đơn vị không thể kế tục chính nó.")
                if not values["parent"] and existing is None and not is_admin(self.actor):
                    raise ValidationError("thiếu mã đơn vị cấp trên.")
            except ValidationError as exc:
                self.error(UNIT_SHEET, number, " ".join(exc.messages))
                if code and code not in self.units:
                    self.unit_rows[code] = number
                continue
            self.units[code] = values
            self.unit_rows[code] = number
        self._check_parents()

    def _parent_code(self, code: str) -> str | None:
        """The parent a unit will have after the import (file value, else its current one)."""
        if code in self.units and self.units[code]["parent"]:
            return self.units[code]["parent"]
        unit = self.unit_in_db(code)
        if unit is None or unit.depth == 1:
            return None
        parent = unit.parent_unit()
        self.existing_units.setdefault(parent.code, parent)
        return parent.code

    def _check_parents(self) -> None:
        for code, values in self.units.items():
            row = values["row"]
            parent_code = values["parent"]
            if parent_code and parent_code not in self.units and self.unit_in_db(parent_code) is None:
                self.error(UNIT_SHEET, row, f"không tìm thấy đơn vị cấp trên mã “{parent_code}”.")
                continue
            successor = values["successor"]
            if successor and successor not in self.units:
                known = self.unit_in_db(successor)
                if known is None or not can(self.actor, "unit.view", known):
                    self.error(UNIT_SHEET, row, f"không tìm thấy đơn vị kế tục mã “{successor}”.")
            # Walk up the tree as it will be after the import: no unit may become its own ancestor.
            seen = [code]
            current = self._parent_code(code)
            while current is not None and current not in seen:
                seen.append(current)
                current = self._parent_code(current)
            if current is not None:
                chain = " → ".join([*seen[seen.index(current) :], current])
                self.error(UNIT_SHEET, row, f"quan hệ cấp trên tạo vòng lặp trong cây ({chain}).")
                continue
            existing = self.unit_in_db(code)
            old_parent = existing.parent_unit() if existing is not None and existing.depth > 1 else None
            moved = old_parent is None or old_parent.code != parent_code
            if (
                parent_code
                and parent_code not in self.units
                and moved
                and not self.editable(self.unit_in_db(parent_code))
            ):
                self.error(UNIT_SHEET, row, f"đơn vị cấp trên “{parent_code}” nằm ngoài phạm vi đơn vị của bạn.")

    def resolve_unit(self, code: str) -> bool:
        if code in self.units:
            return True
        unit = self.unit_in_db(code)
        return unit is not None and self.editable(unit)

    # -- people --------------------------------------------------------------------------
    def check_people(self, rows: _Rows) -> None:
        codes = [_as_text(raw.get("code")) for _, raw in rows.items]
        self.existing_people = {p.code: p for p in Person.objects.filter(code__in=codes).select_related("unit")}
        rows_by_code: dict[str, int] = {}
        for number, raw in rows.items:
            code = _as_text(raw.get("code"))
            try:
                if not code:
                    raise ValidationError("thiếu mã cán bộ.")
                if code in rows_by_code:
                    raise ValidationError(f"mã cán bộ “{code}” trùng với dòng {rows_by_code[code]}.")
                rows_by_code[code] = number
                full_name = _as_text(raw.get("full_name"))
                if not full_name:
                    raise ValidationError("thiếu họ và tên.")
                unit_code = _as_text(raw.get("unit"))
                if not self.resolve_unit(unit_code):
                    raise ValidationError(f"không tìm thấy đơn vị mã “{unit_code}” trong phạm vi của bạn.")
                existing = self.existing_people.get(code)
                if existing is not None and not self.editable(existing.unit):
                    raise ValidationError(f"mã cán bộ “{code}” đã được dùng cho một người ngoài phạm vi của bạn.")
                gender_text = _as_text(raw.get("gender")).lower()
                if gender_text and gender_text not in GENDERS:
                    raise ValidationError(f"giới tính “{raw.get('gender')}” phải là Nam hoặc Nữ.")
                member_text = _as_text(raw.get("is_party_member")).lower()
                if member_text not in YES | NO:
                    raise ValidationError(f"cột Đảng viên “{raw.get('is_party_member')}” phải là Có hoặc Không.")
                self.people[code] = {
                    "row": number,
                    "code": code,
                    "full_name": full_name,
                    "gender": GENDERS.get(gender_text, ""),
                    "birth_year": _as_int(raw.get("birth_year"), "Năm sinh", 1900, dt.date.today().year),
                    "ethnicity": _as_text(raw.get("ethnicity")),
                    "title": _as_text(raw.get("title")),
                    "unit": unit_code,
                    "is_party_member": member_text in YES,
                }
            except ValidationError as exc:
                self.error(PERSON_SHEET, number, " ".join(exc.messages))

    def resolve_person(self, code: str) -> bool:
        if code in self.people:
            return True
        if code not in self.existing_people:
            person = Person.objects.filter(code=code).select_related("unit").first()
            if person is None:
                return False
            self.existing_people[code] = person
        return self.editable(self.existing_people[code].unit)

    def _subject(self, raw: dict[str, Any]) -> tuple[str, str]:
        kind = _as_text(raw.get("subject_type")).lower()
        code = _as_text(raw.get("code"))
        if kind not in (SUBJECT_UNIT, SUBJECT_PERSON):
            raise ValidationError(f"cột Đối tượng “{raw.get('subject_type')}” phải là “Đơn vị” hoặc “Cá nhân”.")
        found = self.resolve_unit(code) if kind == SUBJECT_UNIT else self.resolve_person(code)
        if not found:
            raise ValidationError(f"không tìm thấy {kind} mã “{code}” trong phạm vi của bạn.")
        return kind, code

    # -- ratings and honours -------------------------------------------------------------
    def check_ratings(self, rows: _Rows) -> None:
        seen: dict[tuple, int] = {}
        for number, raw in rows.items:
            try:
                kind, code = self._subject(raw)
                year = _as_int(raw.get("year"), "Năm", MIN_YEAR, MAX_YEAR)
                if year is None:
                    raise ValidationError("thiếu năm.")
                grade = _as_text(raw.get("grade")).upper()
                if grade not in Grade.values:
                    allowed = ", ".join(Grade.values)
                    raise ValidationError(f"xếp loại “{raw.get('grade')}” không có trong thang xếp loại ({allowed}).")
                scheme_text = _as_text(raw.get("scheme")).lower()
                if scheme_text not in SCHEMES:
                    raise ValidationError(f"loại xếp loại “{raw.get('scheme')}” phải là “Đảng” hoặc “Cán bộ”.")
                key = (kind, code, year, SCHEMES[scheme_text])
                if key in seen:
                    raise ValidationError(f"trùng xếp loại năm {year} với dòng {seen[key]}.")
                seen[key] = number
                self.ratings.append(
                    {
                        "kind": kind,
                        "code": code,
                        "year": year,
                        "grade": grade,
                        "scheme": key[3],
                        "note": _as_text(raw.get("note")),
                    }
                )
            except ValidationError as exc:
                self.error(RATING_SHEET, number, " ".join(exc.messages))

    def check_honors(self, rows: _Rows) -> None:
        for number, raw in rows.items:
            try:
                kind, code = self._subject(raw)
                form, granted_by = _as_text(raw.get("form")), _as_text(raw.get("granted_by"))
                if not form or not granted_by:
                    raise ValidationError("thiếu hình thức khen thưởng hoặc cấp khen.")
                year = _as_int(raw.get("year"), "Năm", MIN_YEAR, MAX_YEAR)
                if year is None:
                    raise ValidationError("thiếu năm.")
                self.honors.append(
                    {
                        "kind": kind,
                        "code": code,
                        "form": form,
                        "granted_by": granted_by,
                        "decision_number": _as_text(raw.get("decision_number")),
                        "decision_date": _as_date(raw.get("decision_date"), "Ngày quyết định"),
                        "year": year,
                        "reason": _as_text(raw.get("reason")),
                    }
                )
            except ValidationError as exc:
                self.error(HONOR_SHEET, number, " ".join(exc.messages))


def import_workbook(*, actor, scope: Unit, data: bytes, filename: str = "") -> ImportResult:
    """Validate a workbook against the actor's scope; save it all, or nothing."""
    if not can(actor, "tree.edit", scope):
        raise PermissionDenied("Bạn không có quyền nhập dữ liệu cho đơn vị này.")
    sheets, errors = read_workbook(data)
    if errors:
        return ImportResult(errors=errors)
    plan = _Plan(actor, scope)
    if UNIT_SHEET in sheets:
        plan.check_units(sheets[UNIT_SHEET])
    if PERSON_SHEET in sheets:
        plan.check_people(sheets[PERSON_SHEET])
    if RATING_SHEET in sheets:
        plan.check_ratings(sheets[RATING_SHEET])
    if HONOR_SHEET in sheets:
        plan.check_honors(sheets[HONOR_SHEET])
    if plan.errors:
        plan.errors.sort(key=lambda e: (list(COLUMNS).index(e.sheet) if e.sheet in COLUMNS else -1, e.row))
        return ImportResult(errors=plan.errors)
    counts = _save(plan, filename)
    return ImportResult(saved=True, counts=counts)


UNIT_VALUE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "abbreviation",
    "place_name",
    "party_member_count",
    "active_from",
    "active_to",
    "email",
    "phone",
)


@transaction.atomic
def _save(plan: _Plan, filename: str) -> dict[str, int]:
    counts = {
        "units_created": 0,
        "units_updated": 0,
        "people_created": 0,
        "people_updated": 0,
        "ratings": 0,
        "honors": 0,
    }
    units: dict[str, Unit] = {}

    def get_unit(code: str) -> Unit:
        if code not in units:
            units[code] = Unit.objects.get(code=code)
        return units[code]

    # Parents before children: order file units by their depth in the final tree.
    def depth(code: str, guard: int = 0) -> int:
        parent = plan._parent_code(code)
        return 0 if parent is None or guard > 1000 else 1 + depth(parent, guard + 1)

    for code in sorted(plan.units, key=depth):
        values = plan.units[code]
        existing = Unit.objects.filter(code=code).first()
        if existing is None:
            unit = Unit(code=code, **{f: values[f] for f in UNIT_VALUE_FIELDS})
            unit.prepare()
            unit = Unit.objects.place(unit, get_unit(values["parent"]) if values["parent"] else None)
            counts["units_created"] += 1
        else:
            for f in UNIT_VALUE_FIELDS:
                setattr(existing, f, values[f])
            existing.save()
            if values["parent"]:
                parent = get_unit(values["parent"])
                current_parent = existing.parent_unit()
                if current_parent is None or current_parent.pk != parent.pk:
                    Unit.objects.move(existing, parent, pos="last-child")
                    units.clear()  # paths below have changed
            unit = Unit.objects.get(pk=existing.pk)
            counts["units_updated"] += 1
        units[code] = unit
    for code, values in plan.units.items():
        successor = get_unit(values["successor"]) if values["successor"] else None
        Unit.objects.filter(code=code).update(successor=successor)

    existing_people = {p.code: p for p in Person.objects.filter(code__in=list(plan.people))}
    to_create, to_update = [], []
    for code, values in plan.people.items():
        person = existing_people.get(code) or Person(code=code)
        for f in ("full_name", "gender", "birth_year", "ethnicity", "title", "is_party_member"):
            setattr(person, f, values[f])
        person.unit = get_unit(values["unit"])
        person.prepare()
        (to_update if person.pk else to_create).append(person)
    Person.objects.bulk_create(to_create, batch_size=500)
    Person.objects.bulk_update(
        to_update,
        [
            "full_name",
            "gender",
            "birth_year",
            "ethnicity",
            "title",
            "is_party_member",
            "unit",
            "search_text",
            "sort_key",
        ],
        batch_size=500,
    )
    counts["people_created"], counts["people_updated"] = len(to_create), len(to_update)

    person_ids = dict(
        Person.objects.filter(
            code__in={r["code"] for r in plan.ratings + plan.honors if r["kind"] == SUBJECT_PERSON}
        ).values_list("code", "id")
    )
    unit_ids = dict(
        Unit.objects.filter(
            code__in={r["code"] for r in plan.ratings + plan.honors if r["kind"] == SUBJECT_UNIT}
        ).values_list("code", "id")
    )

    def subject(row: dict[str, Any]) -> dict[str, int]:
        if row["kind"] == SUBJECT_UNIT:
            return {"unit_id": unit_ids[row["code"]]}
        return {"person_id": person_ids[row["code"]]}

    for row in plan.ratings:
        Rating.objects.update_or_create(
            year=row["year"],
            scheme=row["scheme"],
            **subject(row),
            defaults={"grade": row["grade"], "note": row["note"]},
        )
    counts["ratings"] = len(plan.ratings)
    for row in plan.honors:
        keys = {"form": row["form"], "decision_number": row["decision_number"], "year": row["year"]}
        Honor.objects.update_or_create(
            **subject(row),
            **keys,
            defaults={"granted_by": row["granted_by"], "decision_date": row["decision_date"], "reason": row["reason"]},
        )
    counts["honors"] = len(plan.honors)
    log_action(
        actor=plan.actor,
        action="org.import",
        obj=plan.scope,
        object_repr=f"Nhập tệp {filename or 'xlsx'} vào {plan.scope}",
        after={"file": filename, **counts, "units": sorted(plan.units), "people": sorted(plan.people)},
    )
    return counts


# -- export ---------------------------------------------------------------------------------
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
# Columns formatted ahead for what a clerk types in them: dates shown dd/mm/yyyy, and texts Excel must
# not turn into numbers (a telephone number or a code keeps its leading zero).
DATE_KEYS = {"active_from", "active_to", "decision_date"}
TEXT_KEYS = {"code", "parent", "successor", "unit", "phone", "decision_number"}


def _sheet(wb: Workbook, name: str):
    ws = wb.create_sheet(name)
    header_row(ws, [title for _, title, _ in COLUMNS[name]], fill=HEADER_FILL)
    for i, (key, _, _) in enumerate(COLUMNS[name], start=1):
        if key in DATE_KEYS:
            ws.column_dimensions[get_column_letter(i)].number_format = DATE_FORMAT
        elif key in TEXT_KEYS:
            ws.column_dimensions[get_column_letter(i)].number_format = TEXT_FORMAT
    return ws


def _finish(wb: Workbook) -> bytes:
    for name in COLUMNS:
        if name in wb.sheetnames:
            finish(wb[name], min_width=12)
    return save(wb)


def _help_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(HELP_SHEET, 0)
    lines = [
        "Tệp mẫu nhập dữ liệu tổ chức, cá nhân, xếp loại và khen thưởng — Gương Sáng",
        "",
        "• Giữ nguyên tên các trang và dòng tiêu đề. Có thể bỏ trống trang không dùng.",
        "• Cột có tên trong danh sách bắt buộc dưới đây không được để trống.",
        "• Ngày ghi dạng dd/mm/yyyy. Đơn vị đã có (trùng mã) được cập nhật; mã mới được thêm.",
        "• Nếu tệp có bất kỳ lỗi nào, hệ thống liệt kê lỗi theo từng dòng và không lưu gì cả.",
        "• Đối tượng: “Đơn vị” hoặc “Cá nhân”. Giới tính: Nam/Nữ. Đảng viên: Có/Không.",
        f"• Xếp loại: {', '.join(Grade.values)}. Loại xếp loại: Đảng (mặc định) hoặc Cán bộ.",
        "",
        "Cột bắt buộc:",
    ]
    for sheet, cols in COLUMNS.items():
        lines.append(f"  {sheet}: " + ", ".join(title for _, title, req in cols if req))
    lines += ["", "Mã loại đơn vị:"]
    lines += [f"  {k.code} — {k.name}" for k in UnitKind.objects.all()]
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 110
    ws["A1"].font = Font(bold=True, size=13)


def build_workbook(rows: dict[str, list[list]]) -> bytes:
    """A workbook in the import format with the given rows per sheet (header row added)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, sheet_rows in rows.items():
        ws = _sheet(wb, name)
        for row in sheet_rows:
            write_row(ws, row)
    return _finish(wb)


def template_workbook() -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _help_sheet(wb)
    example = {
        UNIT_SHEET: [
            "CB-VD-01",
            "Chi bộ Trường Tiểu học Ví dụ",
            "Chi bộ TH Ví dụ",
            "chi-bo-co-so",
            "MÃ-ĐƠN-VỊ-CẤP-TRÊN",
            "",
            "Lạc Dương",
            12,
            dt.date(2020, 1, 1),
            "",
            "",
            "",
            "",
        ],
        PERSON_SHEET: ["CN-VD-01", "Nguyễn Thị Ví Dụ", "Nữ", 1985, "Kinh", "Giáo viên", "CB-VD-01", "Có"],
        RATING_SHEET: ["Cá nhân", "CN-VD-01", 2024, "HTTNV", "Đảng", ""],
        HONOR_SHEET: [
            "Cá nhân",
            "CN-VD-01",
            "Giấy khen",
            "Ban Thường vụ Huyện ủy",
            "123-QĐ/HU",
            dt.date(2023, 5, 15),
            2023,
            "Có thành tích trong học tập và làm theo Bác",
        ],
    }
    for name in COLUMNS:
        write_row(_sheet(wb, name), example[name])
    return _finish(wb)


def export_workbook(*, actor, scope: Unit) -> bytes:
    """The scope's subtree with its people and records, in the import format (round-trips)."""
    if not can(actor, "tree.edit", scope):
        raise PermissionDenied("Bạn không có quyền xuất dữ liệu của đơn vị này.")
    wb = Workbook()
    wb.remove(wb.active)
    units = Unit.objects.within(scope).select_related("kind", "successor").order_by("path")
    codes = {u.path: u.code for u in units}
    scope_parent = scope.parent_unit().code if scope.depth > 1 else ""
    ws = _sheet(wb, UNIT_SHEET)
    for u in units:
        parent = codes.get(u.path[: -Unit.steplen], "") if u.pk != scope.pk else scope_parent
        successor = u.successor.code if u.successor else ""
        write_row(ws, [u.code, u.name, u.short_name, u.kind.code, parent, u.abbreviation, u.place_name,
                       u.party_member_count, u.active_from, u.active_to, successor, u.email, u.phone])  # fmt: skip
    people = Person.objects.filter(in_subtree(scope.path, "unit__path")).select_related("unit")
    ws = _sheet(wb, PERSON_SHEET)
    for p in people.order_by("unit__path", "sort_key"):
        write_row(ws, [p.code, p.full_name, p.get_gender_display() if p.gender else "", p.birth_year, p.ethnicity,
                       p.title, p.unit.code, "Có" if p.is_party_member else "Không"])  # fmt: skip
    schemes = {Rating.Scheme.PARTY: "Đảng", Rating.Scheme.STAFF: "Cán bộ"}
    rating_ws, honor_ws = _sheet(wb, RATING_SHEET), _sheet(wb, HONOR_SHEET)
    for label, subject, path_field in (("Đơn vị", "unit", "unit__path"), ("Cá nhân", "person", "person__unit__path")):
        within = in_subtree(scope.path, path_field)
        for r in Rating.objects.filter(within).select_related(subject).order_by(path_field, "year"):
            write_row(rating_ws, [label, getattr(r, subject).code, r.year, r.grade, schemes[r.scheme], r.note])
        for h in Honor.objects.filter(within).select_related(subject).order_by(path_field, "year"):
            write_row(honor_ws, [label, getattr(h, subject).code, h.form, h.granted_by, h.decision_number,
                                 h.decision_date, h.year, h.reason])  # fmt: skip
    return _finish(wb)
