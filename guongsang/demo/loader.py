"""Load the demo tree, a few thousand people with ratings for 2017–2025 and some honours, and one
account per role per issuer. Deterministic (fixed random seed) and idempotent."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction

from guongsang.accounts.audit import log_action
from guongsang.accounts.models import Membership
from guongsang.demo.awards import load_awards
from guongsang.demo.followup import load_followup
from guongsang.demo.imports import load_imports
from guongsang.demo.nominations import load_nominations
from guongsang.demo.plans import load_plans
from guongsang.demo.reports import load_reports
from guongsang.demo.tree import DEMO_PASSWORD, ROLE_NAMES, ROOTS, SITES, UNIT_LEVEL_ROLES, U
from guongsang.org import services
from guongsang.org.models import Grade, Honor, Person, Rating, Unit, UnitKind
from guongsang.org.workbook import PERSON_SHEET, RATING_SHEET, UNIT_SHEET, build_workbook, import_workbook

YEARS = range(2017, 2026)
# The head of a body that is not a Party organisation: its chair, or the Đoàn's secretary.
NON_PARTY_HEADS = {
    "mttq": "Chủ tịch",
    "doan-thanh-nien": "Bí thư",
    "hoi-phu-nu": "Chủ tịch",
    "hoi-nong-dan": "Chủ tịch",
    "hoi-cuu-chien-binh": "Chủ tịch",
    "cong-doan": "Chủ tịch",
    "ubnd": "Chủ tịch",
}
MARKER = "LD-TU"

FAMILY = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 3
    + ["Phạm"] * 2
    + [
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Lương",
        "Mai",
        "Hà",
    ]
)
MIDDLE_M = ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Đình", "Ngọc", "Tiến"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Phương", "Minh"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Giang",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Lâm",
    "Long",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Ân",
    "Ánh",
]
GIVEN_F = [
    "Anh",
    "Ánh",
    "Chi",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
    "Ấu",
    "Ân",
]
# Names of the K'Ho (Cơ Ho) and Tày people, for the communes where they live.
KHO_FAMILY = ["Cil", "Kră Jăn", "Bon Niêng", "Liêng Hót", "Rơ Ông", "Đa Cát"]
KHO_GIVEN = ["K'Brèo", "Ha Sen", "Ha Thu", "K'Mai", "Ha Lim", "K'Đin", "Ha Jen", "K'Hoàng"]
TAY_FAMILY = ["Ma", "Hoàng", "Nông", "Ma Đình", "Lưu", "Hà"]
TITLES_PARTY = ["Bí thư", "Phó Bí thư", "Ủy viên"]
JOBS = [
    "Chuyên viên",
    "Giáo viên",
    "Bác sĩ",
    "Điều dưỡng",
    "Kế toán",
    "Kỹ sư",
    "Công nhân",
    "Nông dân",
    "Cán bộ thôn",
    "Trưởng phòng",
    "Phó trưởng phòng",
    "Nhân viên",
    "Hưu trí",
    "Kinh doanh",
]

PERSONAL_LEADERS = 3


def _name(rng: random.Random, ethnic: str) -> tuple[str, str]:
    female = rng.random() < 0.45
    if ethnic == "Cơ Ho":
        return f"{rng.choice(KHO_FAMILY)} {rng.choice(KHO_GIVEN)}", "F" if female else "M"
    family = rng.choice(TAY_FAMILY) if ethnic == "Tày" else rng.choice(FAMILY)
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{family} {middle} {given}", "F" if female else "M"


def _grade_series(rng: random.Random, years: list[int]) -> dict[int, str]:
    """Mostly good records; some with one weaker year, a few with a failing one."""
    roll = rng.random()
    grades = {}
    for y in years:
        grades[y] = Grade.HTXSNV if rng.random() < 0.2 else Grade.HTTNV
    if years and roll < 0.22:
        grades[rng.choice(years)] = Grade.HTNV
    elif years and roll < 0.25:
        grades[rng.choice(years)] = Grade.KHTNV
    return grades


def _unit_years(u: U) -> list[int]:
    start = u.start.year if u.start else 2017
    end = u.end.year if u.end else 2025
    return [y for y in YEARS if start <= y <= end]


def _people_count(u: U) -> int:
    if u.kind in ("chi-bo-truc-thuoc", "chi-bo-co-so"):
        return min(u.members or 8, 14)
    if u.kind in ("dang-bo-co-so", "dang-bo-bo-phan"):
        return 3
    if u.kind in ("co-quan-tham-muu",) or u.kind in (
        "mttq",
        "doan-thanh-nien",
        "hoi-phu-nu",
        "hoi-nong-dan",
        "hoi-cuu-chien-binh",
        "cong-doan",
    ):
        return 6
    return 4


class DemoLoader:
    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.kinds = {k.code: k for k in UnitKind.objects.all()}
        self.units: dict[str, Unit] = {}
        self.specs: dict[str, U] = {}
        self.ethnic: dict[str, float] = {}

    def build_unit(self, spec: U, parent: Unit | None, ethnic_share: float) -> None:
        unit = Unit(
            code=spec.code,
            name=spec.name,
            short_name=spec.short,
            kind=self.kinds[spec.kind],
            abbreviation=spec.abbr,
            place_name=spec.place,
            party_member_count=spec.members,
            active_from=spec.start,
            active_to=spec.end,
        )
        unit.prepare()
        unit = Unit.objects.place(unit, parent)
        self.units[spec.code] = unit
        self.specs[spec.code] = spec
        share = spec.ethnic_share or ethnic_share
        self.ethnic[spec.code] = share
        for child in spec.children:
            # Units below an ended unit ended with it unless they say otherwise.
            if spec.end and not child.end:
                child.end = spec.end
            self.build_unit(child, unit, share)

    def link_successors(self) -> None:
        for code, spec in self.specs.items():
            if spec.successor:
                Unit.objects.filter(pk=self.units[code].pk).update(successor=self.units[spec.successor])

    def people(self) -> list[Person]:
        out = []
        for code, spec in self.specs.items():
            unit = self.units[code]
            ethnic_group = "Tày" if code.startswith("TN-") else "Cơ Ho"
            for i in range(_people_count(spec)):
                minority = self.rng.random() < self.ethnic[code]
                ethnicity = ethnic_group if minority else "Kinh"
                full_name, gender = _name(self.rng, ethnicity)
                party = (
                    spec.kind
                    not in ("mttq", "doan-thanh-nien", "hoi-phu-nu", "hoi-nong-dan", "hoi-cuu-chien-binh", "cong-doan")
                    or self.rng.random() < 0.6
                )
                if i < PERSONAL_LEADERS and self.kinds[spec.kind].is_party_org:
                    title = f"{TITLES_PARTY[i]} {spec.name}"
                else:
                    title = self.rng.choice(JOBS)
                    if i == 0 and spec.kind in NON_PARTY_HEADS:  # the one who signs the body's documents
                        title = f"{NON_PARTY_HEADS[spec.kind]} {spec.name}"
                person = Person(
                    code=f"{code}-{i + 1:03d}",
                    full_name=full_name,
                    gender=gender,
                    birth_year=self.rng.randint(1962, 2001),
                    ethnicity=ethnicity,
                    title=title,
                    unit=unit,
                    is_party_member=party,
                )
                person.prepare()
                out.append(person)
        return Person.objects.bulk_create(out, batch_size=1000)

    def ratings(self, people: list[Person]) -> int:
        rows = []
        for code, spec in self.specs.items():
            if self.kinds[spec.kind].is_party_org:
                for year, grade in _grade_series(self.rng, _unit_years(spec)).items():
                    rows.append(Rating(unit=self.units[code], year=year, grade=grade))
        for person in people:
            if person.is_party_member:
                spec = self.specs[person.unit.code]
                for year, grade in _grade_series(self.rng, _unit_years(spec)).items():
                    rows.append(Rating(person=person, year=year, grade=grade))
        Rating.objects.bulk_create(rows, batch_size=2000)
        return len(rows)

    def honors(self, people: list[Person]) -> int:
        rows = []
        number = 100
        for code, spec in self.specs.items():
            unit = self.units[code]
            if not self.kinds[spec.kind].is_party_org or self.rng.random() > 0.2:
                continue
            year = self.rng.choice(_unit_years(spec) or [2020])
            number += 1
            rows.append(
                Honor(
                    unit=unit,
                    form="Bằng khen",
                    granted_by="Ủy ban nhân dân tỉnh",
                    decision_number=f"{number}/QĐ-UBND",
                    decision_date=dt.date(year, 5, 19),
                    year=year,
                    reason="Có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                )
            )
        for person in people:
            if self.rng.random() > 0.07:
                continue
            unit = person.unit
            year = self.rng.choice(_unit_years(self.specs[unit.code]) or [2020])
            number += 1
            rows.append(
                Honor(
                    person=person,
                    form="Giấy khen",
                    granted_by=f"Ban Thường vụ {(unit.parent_unit() or unit).name}",  # a root's own board
                    decision_number=f"{number}-QĐ/{self.units[unit.code].abbreviation or 'ĐU'}",
                    decision_date=dt.date(year, 12, 20),
                    year=year,
                    reason="Hoàn thành xuất sắc nhiệm vụ, tiêu biểu trong học tập và làm theo Bác",
                )
            )
        Honor.objects.bulk_create(rows, batch_size=1000)
        return len(rows)

    def accounts(self) -> list[tuple[str, str, str]]:
        User = get_user_model()
        created = []
        password = make_password(DEMO_PASSWORD)  # hash once: every demo account shares it
        admin, _ = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Quản trị hệ thống"}
        )
        admin.password = password
        admin.save()
        created.append(("admin", "Quản trị toàn hệ thống", "—"))
        from guongsang.accounts.models import Role

        for prefix, _label, issuer, unit_code in SITES:
            for role, suffix in ROLE_NAMES.items():
                username = f"{prefix}.{suffix}"
                unit = self.units[unit_code if role in UNIT_LEVEL_ROLES else issuer]
                user, _ = User.objects.get_or_create(username=username)
                user.first_name = f"{Role(role).label.split(' (')[0]} — {unit.short_name or unit.name}"
                user.is_staff = False  # Django admin is for the deployment administrator only
                user.password = password
                user.save()
                Membership.objects.get_or_create(user=user, unit=unit, role=role)
                created.append((username, Role(role).label, unit.name))
        return created


def demo_activity() -> None:
    """A few real changes through the services, so the audit log has something to show."""
    User = get_user_model()
    pdp_manager = User.objects.get(username="phandinhphung.quanly")
    rows = {
        UNIT_SHEET: [
            [
                "TN-DUP-PDP-CB08",
                "Chi bộ tổ dân phố 5",
                "",
                "chi-bo-co-so",
                "TN-DUP-PDP",
                "",
                "",
                19,
                "01/09/2025",
                "",
                "",
                "",
                "",
            ]
        ],
        PERSON_SHEET: [
            [f"TN-DUP-PDP-CB08-{i:03d}", name, gender, year, "Kinh", title, "TN-DUP-PDP-CB08", "Có"]
            for i, (name, gender, year, title) in enumerate(
                [
                    ("Nguyễn Văn Thọ", "Nam", 1958, "Bí thư Chi bộ"),
                    ("Lê Thị Hải Yến", "Nữ", 1979, "Phó Bí thư Chi bộ"),
                    ("Đào Quang Vinh", "Nam", 1990, "Tổ trưởng tổ dân phố"),
                ],
                start=1,
            )
        ],
        RATING_SHEET: [["Đơn vị", "TN-DUP-PDP-CB08", 2025, "HTTNV", "Đảng", ""]],
    }
    result = import_workbook(
        actor=pdp_manager,
        scope=Unit.objects.get(code="TN-DUP-PDP"),
        data=build_workbook(rows),
        filename="bo-sung-chi-bo-tdp5.xlsx",
    )
    assert result.saved, result.errors
    ld_manager = User.objects.get(username="lacduong.quanly")
    person = Person.objects.get(code="LD-TT-CB01-001")
    services.rating_set(actor=ld_manager, subject=person, year=2022, grade=Grade.HTXSNV)
    services.honor_add(
        actor=ld_manager,
        subject=Unit.objects.get(code="LD-LAT"),
        form="Giấy khen",
        granted_by="Ban Thường vụ Huyện ủy Lạc Dương",
        decision_number="215-QĐ/HU",
        decision_date=dt.date(2023, 5, 18),
        year=2023,
        reason="Điển hình trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    )
    tn_manager = User.objects.get(username="thainguyen.quanly")
    services.unit_update(
        actor=tn_manager,
        unit=Unit.objects.get(code="TN-DUP-GIASANG"),
        email="danguy.giasang@thainguyen.example",
        phone="0208 3855 123",
    )


@transaction.atomic
def _signers() -> None:
    """Each demo unit's documents are signed by its head: the secretary of a Party or Đoàn body, the
    chair of the others (the person holding that title in the unit)."""
    from django.db.models import Q

    from guongsang.documents.issuers import PARTY, YOUTH, family_of

    heads: dict[tuple[int, str], str] = {}
    for unit_id, title, name in (
        Person.objects.filter(Q(title__istartswith="Bí thư") | Q(title__istartswith="Chủ tịch"))
        .order_by("pk")
        .values_list("unit_id", "title", "full_name")
    ):
        heads.setdefault((unit_id, "Bí thư" if title.lower().startswith("bí thư") else "Chủ tịch"), name)
    signed = []
    for unit in Unit.objects.filter(signer_name="").select_related("kind"):
        name = heads.get((unit.pk, "Bí thư" if family_of(unit) in (PARTY, YOUTH) else "Chủ tịch"))
        if name is not None:
            unit.signer_name = name
            signed.append(unit)
    Unit.objects.bulk_update(signed, ["signer_name"])


def load_demo(*, stdout=None) -> bool:
    """Load the demo data once; return False when it is already there."""
    if Unit.objects.filter(code=MARKER).exists():
        return False
    loader = DemoLoader()
    for root in ROOTS:
        loader.build_unit(root, None, 0.0)
    loader.link_successors()
    people = loader.people()
    n_ratings = loader.ratings(people)
    n_honors = loader.honors(people)
    accounts = loader.accounts()
    _signers()
    demo_activity()
    campaigns = load_plans()
    nominations = load_nominations()
    reports = load_reports()
    imports = load_imports()
    load_followup()
    nominations += load_awards()
    call_command("keep_issued_documents", stdout=io.StringIO())  # as a plan issued in the app is kept
    accounts = get_user_model().objects.count()  # with the reviewer the award demo adds
    log_action(
        actor=None,
        action="demo.loaded",
        object_repr="Dữ liệu mẫu",
        after={
            "units": len(loader.units),
            "people": len(people),
            "ratings": n_ratings,
            "honors": n_honors,
            "accounts": accounts,
            "campaigns": len(campaigns),
            "nominations": nominations,
            "reports": reports,
            "plan_imports": imports,
        },
    )
    if stdout is not None:
        stdout.write(
            f"Đã nạp dữ liệu mẫu: {len(loader.units)} đơn vị, {len(people)} cá nhân, "
            f"{n_ratings} xếp loại, {n_honors} khen thưởng, {accounts} tài khoản, "
            f"{len(campaigns)} kế hoạch, {nominations} đề nghị khen thưởng, {reports} báo cáo, "
            f"{imports} tệp kế hoạch chờ kiểm tra; kế hoạch 004 đã có quyết định khen thưởng, giấy khen và đề nghị "
            "cấp trên."
        )
    return True
