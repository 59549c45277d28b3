"""The organisation tree, the people in it, and their records (ratings, past honours)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from guongsang.lib.text import collation_key, fold, nfc, person_sort_key


class UnitKind(models.Model):
    """A kind of unit, as data: the 2025 reform added and abolished kinds without a code change."""

    class Category(models.TextChoices):
        PARTY = "party", "Tổ chức đảng"
        STATE = "state", "Cơ quan nhà nước"
        FRONT = "front", "Mặt trận Tổ quốc"
        MASS = "mass", "Đoàn thể"
        AGENCY = "agency", "Cơ quan tham mưu, giúp việc"

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên loại", max_length=120)
    category = models.CharField("nhóm", max_length=10, choices=Category.choices)
    is_party_org = models.BooleanField("là tổ chức đảng", default=False)
    is_grassroots = models.BooleanField("cấp cơ sở", default=False)
    has_superior_powers = models.BooleanField("có quyền cấp trên cơ sở", default=False)
    is_historic = models.BooleanField("chỉ còn trong lịch sử", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    description = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại đơn vị"
        verbose_name_plural = "loại đơn vị"

    def __str__(self) -> str:
        return self.name


PATH_MAX_LENGTH = 255  # treebeard's path column


def subtree_range(path: str) -> tuple[str, str]:
    """The range of paths in the subtree rooted at `path`, itself included.

    A range, unlike LIKE 'path%', is answered from the path index on SQLite (whose LIKE ignores
    case) and on PostgreSQL under any collation: paths use only 0-9 and A-Z, whose order is the
    same in every collation.
    """
    return path, path + MP_Node.alphabet[-1] * (PATH_MAX_LENGTH - len(path))


def in_subtree(path: str, field: str = "path") -> Q:
    """A filter for rows whose `field` (a unit path, or a lookup ending in one) is within `path`."""
    return Q(**{f"{field}__range": subtree_range(path)})


class UnitQuerySet(MP_NodeQuerySet):
    def active_on(self, day) -> UnitQuerySet:
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day)
        )

    def within(self, unit: Unit) -> UnitQuerySet:
        """The unit and everything below it: one indexed range scan on the path."""
        return self.filter(in_subtree(unit.path))


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model, using=self._db).order_by("path")

    def place(self, unit: Unit, parent: Unit | None) -> Unit:
        """Insert a prepared, unsaved unit under `parent` (or as a root). A unit without the abbreviation
        its document numbers print, or the place its documents are dated at, gets the usual one for its
        kind and name (editable afterwards): "Đảng bộ xã Lát" → ĐU, Lát; a chi bộ → CB, its parent's place."""
        from guongsang.documents.issuers import suggested_abbreviation, suggested_place

        if not unit.abbreviation:
            unit.abbreviation = suggested_abbreviation(unit.kind.code, unit.name)
        if not unit.place_name:
            unit.place_name = suggested_place(unit.name, parent.place_name if parent is not None else "")
        return self.add_child(parent, instance=unit) if parent is not None else self.add_root(instance=unit)


class Unit(MP_Node):
    """A node of the organisation tree (materialised path)."""

    name = models.CharField("tên đơn vị", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, related_name="units", verbose_name="loại")
    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    abbreviation = models.CharField(
        "ký hiệu trong số văn bản", max_length=40, blank=True, help_text="Ví dụ HU, ĐUK, BTGDVTU."
    )
    place_name = models.CharField("địa danh ghi ngày tháng", max_length=80, blank=True)
    header_lines = models.TextField(
        "tiêu đề trong văn bản (nếu khác)",
        blank=True,
        help_text="Mỗi dòng một dòng của tiêu đề bên trái, dòng đầu là cấp trên; để trống thì tính theo tên.",
    )
    signer_title = models.CharField("chức vụ người ký văn bản", max_length=80, blank=True, help_text="Ví dụ Bí thư.")
    signer_name = models.CharField("họ tên người ký văn bản", max_length=120, blank=True)
    party_member_count = models.PositiveIntegerField("số đảng viên", null=True, blank=True)
    active_from = models.DateField("hoạt động từ", null=True, blank=True)
    active_to = models.DateField("hoạt động đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="đơn vị kế tục",
    )
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    sort_key = models.CharField(max_length=800, editable=False, default="")

    objects = UnitManager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="unit_active_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def prepare(self) -> None:
        """Normalise the text fields and derive the search and sort keys (also before bulk_create)."""
        text_fields = ("name", "short_name", "code", "abbreviation", "place_name", "phone", "header_lines")
        for field in (*text_fields, "signer_title", "signer_name"):
            setattr(self, field, nfc(getattr(self, field)))
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")[:400]
        self.sort_key = collation_key(self.name)[:800]

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.active_to is None

    def is_active_on(self, day) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or self.active_to >= day
        )

    def parent_unit(self) -> Unit | None:
        return Unit.objects.get_parent(self)

    def is_within(self, other: Unit) -> bool:
        return self.path.startswith(other.path)


class Person(models.Model):
    class Gender(models.TextChoices):
        MALE = "M", "Nam"
        FEMALE = "F", "Nữ"

    code = models.CharField("mã cán bộ", max_length=40, unique=True)
    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    ethnicity = models.CharField("dân tộc", max_length=40, blank=True)
    title = models.CharField("chức vụ", max_length=200, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people", verbose_name="đơn vị")
    is_party_member = models.BooleanField("đảng viên", default=False)
    search_text = models.CharField(max_length=300, editable=False, db_index=True, default="")
    sort_key = models.CharField(max_length=600, editable=False, db_index=True, default="")

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    def prepare(self) -> None:
        """Normalise the text fields and derive the search and sort keys (also before bulk_create)."""
        for field in ("code", "full_name", "ethnicity", "title"):
            setattr(self, field, nfc(getattr(self, field)))
        self.search_text = fold(f"{self.full_name} {self.code}")[:300]
        self.sort_key = person_sort_key(self.full_name)[:600]


class Grade(models.TextChoices):
    """Yearly quality grades (Quy định 124-QĐ/TW), best first."""

    HTXSNV = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    HTTNV = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    HTNV = "HTNV", "Hoàn thành nhiệm vụ"
    KHTNV = "KHTNV", "Không hoàn thành nhiệm vụ"


GRADE_RANK = {Grade.HTXSNV: 4, Grade.HTTNV: 3, Grade.HTNV: 2, Grade.KHTNV: 1}


def grade_at_least(grade: str, floor: str) -> bool:
    return GRADE_RANK[Grade(grade)] >= GRADE_RANK[Grade(floor)]


class Rating(models.Model):
    """The yearly grade of a unit or of a person (a party member's party rating by default)."""

    class Scheme(models.TextChoices):
        PARTY = "party", "Xếp loại đảng"
        STAFF = "staff", "Xếp loại cán bộ, công chức, viên chức"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    grade = models.CharField("xếp loại", max_length=6, choices=Grade.choices)
    scheme = models.CharField("loại xếp loại", max_length=5, choices=Scheme.choices, default=Scheme.PARTY)
    note = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "xếp loại chất lượng"
        verbose_name_plural = "xếp loại chất lượng"
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(person__isnull=True))
                | (Q(unit__isnull=True) & Q(person__isnull=False)),
                name="rating_one_subject",
            ),
            models.CheckConstraint(condition=Q(grade__in=Grade.values), name="rating_known_grade"),
            models.UniqueConstraint(fields=["unit", "year", "scheme"], name="rating_unit_year"),
            models.UniqueConstraint(fields=["person", "year", "scheme"], name="rating_person_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.grade}"


class Honor(models.Model):
    """A past commendation (khen thưởng đã có) of a unit or a person."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="honors")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="honors")
    form = models.CharField("hình thức", max_length=200)
    granted_by = models.CharField("cấp khen", max_length=200)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    year = models.PositiveSmallIntegerField("năm")
    reason = models.TextField("thành tích", blank=True)

    class Meta:
        ordering = ["-year", "-decision_date"]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(person__isnull=True))
                | (Q(unit__isnull=True) & Q(person__isnull=False)),
                name="honor_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form} ({self.year})"
