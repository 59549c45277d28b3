"""A campaign is one review-and-commendation plan issued by one unit, with all its rules as data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from guongsang.lib.text import common_noun


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"
    MODEL = "model", "Mô hình"


def default_reminder_days() -> list[int]:
    """Days before a deadline on which units still owing are reminded (negative: after it)."""
    return [7, 2, 0, -1, -3]


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SUBMITTED = "submitted", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        ISSUED = "issued", "Đã ban hành"
        CLOSED = "closed", "Đã kết thúc"

    issuer = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="campaigns", verbose_name="đơn vị ban hành"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="thực hiện kế hoạch cấp trên",
    )
    number = models.PositiveIntegerField("số", null=True, blank=True)
    doc_type = models.CharField("loại văn bản", max_length=6, default="KH")
    date = models.DateField("ngày ban hành", null=True, blank=True)
    place = models.CharField("địa danh", max_length=80, blank=True)
    title = models.TextField("trích yếu")
    purpose = models.TextField("mục đích", blank=True)
    requirements = models.TextField("yêu cầu", blank=True)
    period_start = models.PositiveSmallIntegerField("giai đoạn từ năm", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    participant_kinds = models.ManyToManyField(
        "org.UnitKind", blank=True, related_name="+", verbose_name="loại đơn vị tham gia"
    )
    participant_units = models.ManyToManyField(
        "org.Unit",
        blank=True,
        related_name="participating_campaigns",
        verbose_name="đơn vị tham gia (thêm từng đơn vị)",
    )
    participants_direct_only = models.BooleanField("chỉ đơn vị trực thuộc trực tiếp", default=True)
    conference_time = models.CharField("thời gian hội nghị", max_length=200, blank=True)
    conference_venue = models.CharField("địa điểm hội nghị", max_length=200, blank=True)
    conference_composition = models.TextField("thành phần hội nghị", blank=True)
    conference_programme = models.TextField("chương trình hội nghị", blank=True)
    budget = models.TextField("kinh phí", blank=True)
    achievement_form = models.CharField(
        "mẫu báo cáo thành tích",
        max_length=20,
        default="nd152-2025",
        choices=[
            ("nd152-2025", "Báo cáo thành tích theo đợt, chuyên đề (Nghị định 152/2025/NĐ-CP)"),
            ("nd91-2017-mau07", "Mẫu số 07, Nghị định 91/2017/NĐ-CP (đã được thay thế)"),
        ],
    )
    reminder_days = models.JSONField(
        "nhắc hạn (số ngày trước hạn; số âm là sau hạn)",
        default=default_reminder_days,
        blank=True,
        help_text="Ví dụ 7, 2, 0, -1, -3: nhắc trước hạn 7 và 2 ngày, đúng ngày hạn, sau hạn 1 và 3 ngày.",
    )
    # Empty until set: a new campaign takes its issuer's kind's ("T/M BAN THƯỜNG VỤ", "T/M CHI BỘ",
    # "TM. BAN THƯỜNG TRỰC" …, campaigns/services.py); a board signs in its own name, with none.
    signer_capacity = models.CharField("thẩm quyền ký", max_length=80, blank=True, default="")
    signer_title = models.CharField("chức vụ người ký", max_length=80, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)  # of `date`, for numbering

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "number", "year"],
                condition=Q(number__isnull=False),
                name="campaign_unique_symbol",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol or 'Dự thảo'} — {self.title[:80]}"

    def save(self, *args, **kwargs):
        self.year = self.date.year if self.date else None
        super().save(*args, **kwargs)

    @property
    def symbol(self) -> str:
        if not self.number:
            return ""
        from guongsang.documents.issuers import family_of, symbol_style
        from guongsang.documents.symbols import Symbol

        style = symbol_style(family_of(self.issuer))  # "98-KH/HU" (Party, Đoàn), "98/KH-MTTQ" (the others)
        return str(Symbol(self.number, self.doc_type, self.issuer.abbreviation or "?", style))

    def outline(self) -> list[OutlineSection]:
        """The outline's sections in document order (each part followed by its subsections)."""
        children: dict[int | None, list[OutlineSection]] = {}
        for section in self.sections.prefetch_related("indicators").order_by("position", "id"):
            children.setdefault(section.parent_id, []).append(section)
        ordered: list[OutlineSection] = []

        def walk(parent_id):
            for section in children.get(parent_id, []):
                ordered.append(section)
                walk(section.pk)

        walk(None)
        return ordered

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)


class Participation(models.Model):
    """A unit that takes part in an issued campaign (computed from kinds and the explicit list)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="participations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="participation_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} @ {self.campaign_id}"


class Reference(models.Model):
    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", "Thực hiện"
        CITES = "cites", "Căn cứ"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField("quan hệ", max_length=12, choices=Kind.choices, default=Kind.IMPLEMENTS)
    symbol = models.CharField("số, ký hiệu", max_length=60)
    date = models.DateField("ngày", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    title = models.TextField("trích yếu", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "văn bản căn cứ"

    def __str__(self) -> str:
        return self.symbol


class Deadline(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", "Báo cáo"
        DOSSIER = "dossier", "Hồ sơ đề nghị khen thưởng"
        OWN_REVIEW = "own_review", "Tổ chức sơ kết tại đơn vị"
        PROGRAMME = "programme", "Giới thiệu cho chương trình"
        ESCALATION = "escalation", "Đề nghị khen thưởng cấp trên"
        OTHER = "other", "Khác"

    class Lateness(models.TextChoices):
        REFUSE = "refuse", "Không nhận sau hạn"
        MARK_LATE = "mark_late", "Nhận và ghi là nộp muộn"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.REPORT)
    what = models.CharField("nội dung phải nộp", max_length=300)
    audience = models.CharField(
        "đơn vị phải nộp", max_length=300, blank=True, help_text="Để trống: mọi đơn vị tham gia."
    )
    audience_kinds = models.ManyToManyField(
        "org.UnitKind", blank=True, related_name="+", verbose_name="chỉ các loại đơn vị"
    )
    due_at = models.DateTimeField("hạn")
    lateness = models.CharField("nộp muộn", max_length=10, choices=Lateness.choices, default=Lateness.MARK_LATE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["due_at", "position", "id"]
        verbose_name = "mốc thời gian"

    def __str__(self) -> str:
        return self.what


class OutlineSection(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="subsections")
    number = models.CharField("số thứ tự", max_length=12)
    title = models.CharField("tiêu đề", max_length=500)
    guidance = models.TextField("hướng dẫn", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "mục đề cương"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def heading(self) -> str:
        """ "2. Kết quả thực hiện", "I. Mục đích": the number as the outline writes it, one dot after it."""
        sep = "" if self.number.endswith(".") else "."
        return f"{self.number}{sep} {self.title}"


class Indicator(models.Model):
    class Type(models.TextChoices):
        INTEGER = "integer", "Số nguyên"
        DECIMAL = "decimal", "Số thập phân"
        TEXT = "text", "Văn bản"
        SERIES = "series", "Số liệu từng năm"
        TABLE = "table", "Bảng"

    class Aggregate(models.TextChoices):
        SUM = "sum", "Cộng"
        MEAN = "mean", "Trung bình"
        MIN = "min", "Nhỏ nhất"
        MAX = "max", "Lớn nhất"
        COUNT = "count", "Đếm số đơn vị trả lời"
        LIST = "list", "Liệt kê"

    section = models.ForeignKey(OutlineSection, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField("mã", max_length=40)
    label = models.CharField("chỉ tiêu", max_length=300)
    type = models.CharField("kiểu", max_length=8, choices=Type.choices, default=Type.INTEGER)
    unit_label = models.CharField("đơn vị tính", max_length=40, blank=True)
    required = models.BooleanField("bắt buộc", default=False)
    aggregate = models.CharField("tổng hợp", max_length=6, choices=Aggregate.choices, default=Aggregate.SUM)
    columns = models.JSONField("các cột (bảng)", default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "chỉ tiêu báo cáo"

    def __str__(self) -> str:
        return self.label


class AwardForm(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="award_forms")
    name = models.CharField("hình thức", max_length=200)
    granted_by = models.CharField("cấp khen", max_length=200)
    nominee_kinds = models.JSONField("đối tượng", default=list)
    cap_collectives = models.PositiveIntegerField("tối đa tập thể", null=True, blank=True)
    cap_individuals = models.PositiveIntegerField("tối đa cá nhân", null=True, blank=True)
    cap_models = models.PositiveIntegerField("tối đa mô hình", null=True, blank=True)
    coefficient = models.DecimalField("hệ số tiền thưởng", max_digits=5, decimal_places=2, null=True, blank=True)
    deadline = models.ForeignKey(Deadline, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    is_escalation = models.BooleanField("đề nghị cấp trên / chương trình", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "hình thức khen thưởng"

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        """ "Giấy khen của Ban Thường vụ Huyện ủy" — the grantor written once, even when the form's name
        already says it."""
        from guongsang.lib.text import fold

        name, grantor = self.name.strip(), self.granted_by.strip()
        if not grantor or fold(grantor) in fold(name):
            return name
        return f"{name} của {grantor}"


class QuotaRule(models.Model):
    class Mode(models.TextChoices):
        AND = "and", "và"
        EITHER = "either", "hoặc"
        TOTAL = "total", "tổng số trong khoảng"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="quota_rules")
    unit_kind = models.ForeignKey(
        "org.UnitKind", on_delete=models.PROTECT, related_name="+", verbose_name="loại đơn vị"
    )
    mode = models.CharField("cách tính", max_length=6, choices=Mode.choices, default=Mode.AND)
    collectives = models.PositiveSmallIntegerField("tập thể", default=0)
    individuals = models.PositiveSmallIntegerField("cá nhân", default=0)
    models_count = models.PositiveSmallIntegerField("mô hình", default=0)
    min_total = models.PositiveSmallIntegerField("tổng tối thiểu", null=True, blank=True)
    max_total = models.PositiveSmallIntegerField("tổng tối đa", null=True, blank=True)
    bonus_threshold = models.PositiveIntegerField("thêm khi số đảng viên từ", null=True, blank=True)
    bonus_individuals = models.PositiveSmallIntegerField("số cá nhân thêm", default=0)
    wording = models.TextField("lời văn trong kế hoạch", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "chỉ tiêu đề nghị"

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """The rule in Vietnamese, as a plan would write it."""
        if self.wording:
            return self.wording
        parts = [(self.collectives, "tập thể"), (self.individuals, "cá nhân"), (self.models_count, "mô hình")]
        named = [f"{n:02d} {label}" for n, label in parts if n]
        if self.mode == self.Mode.TOTAL:
            kinds = ", ".join(label for n, label in parts if n) or "tập thể, cá nhân"
            text = f"từ {self.min_total or 0:02d} đến {self.max_total or 0:02d} {kinds}"
        else:
            text = (" hoặc " if self.mode == self.Mode.EITHER else " và ").join(named)
        if self.bonus_threshold and self.bonus_individuals:
            text += (
                f"; đơn vị có từ {self.bonus_threshold} đảng viên trở lên được đề xuất thêm "
                f"{self.bonus_individuals:02d} cá nhân"
            )
        return f"Mỗi {common_noun(self.unit_kind.name)} lựa chọn, đề xuất {text}."


class Criterion(models.Model):
    class Check(models.TextChoices):
        REVIEWER = "reviewer", "Thẩm định viên đánh giá"
        MIN_GRADE_EACH_YEAR = "min_grade_each_year", "Xếp loại từ mức … trở lên mọi năm trong giai đoạn"
        UNIT_GRADE_IN_YEAR = "unit_grade_in_year", "Tổ chức đảng được xếp loại đúng mức … năm …"
        OWN_HONOR_EACH_YEAR = "own_honor_each_year", "Được đơn vị mình khen thưởng mỗi năm trước đó"
        HIGHER_HONOR = "higher_honor", "Có khen thưởng của cấp trên"
        ACHIEVEMENT_WINDOW = "achievement_window", "Thành tích trong khoảng thời gian"
        SUMMARY_MAX_CHARS = "summary_max_chars", "Tóm tắt thành tích không quá … ký tự"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    nominee_kind = models.CharField("đối tượng", max_length=10, choices=NomineeKind.choices)
    text = models.TextField("tiêu chuẩn")
    check_kind = models.CharField("cách kiểm tra", max_length=20, choices=Check.choices, default=Check.REVIEWER)
    params = models.JSONField("tham số", default=dict, blank=True)
    any_of_group = models.CharField("nhóm “một trong các”", max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["nominee_kind", "position", "id"]
        verbose_name = "tiêu chuẩn"

    def __str__(self) -> str:
        return self.text[:80]


class DossierRequirement(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="dossier_requirements")
    document = models.CharField("giấy tờ", max_length=300)
    nominee_kinds = models.JSONField("áp dụng cho", default=list)
    copies = models.PositiveSmallIntegerField("số bản giấy", default=1)
    file_required = models.BooleanField("phải tải tệp lên", default=True)
    file_types = models.JSONField("loại tệp", default=list, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "hồ sơ yêu cầu"

    def __str__(self) -> str:
        return self.document


class Assignment(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    body = models.CharField("cơ quan, đơn vị", max_length=300)
    unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    task = models.TextField("nhiệm vụ")
    due_date = models.DateField("thời hạn", null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "phân công"

    def __str__(self) -> str:
        return self.body


class Recipient(models.Model):
    class Purpose(models.TextChoices):
        REPORT = "report", "Báo cáo"
        CARRY_OUT = "carry_out", "Thực hiện"
        FILE = "file", "Lưu"
        NONE = "", "—"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField("nơi nhận", max_length=300)
    unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    purpose = models.CharField("để", max_length=10, choices=Purpose.choices, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "nơi nhận"

    def __str__(self) -> str:
        return self.name


class Amendment(models.Model):
    """A recorded change to an issued plan: who, when, what changed."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="amendments")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField("lý do")
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.reason[:80]
