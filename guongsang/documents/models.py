"""Numbering of outgoing documents, layout profiles and replaceable .docx templates."""

from django.conf import settings
from django.db import models


class DocumentCounter(models.Model):
    """The last number an issuer gave a document type in a year (numbers never collide)."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    doc_type = models.CharField(max_length=6)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "doc_type", "year"], name="counter_unique")]

    def __str__(self) -> str:
        return f"{self.doc_type}/{self.year}: {self.last_number}"


class RegisteredDocument(models.Model):
    """An entry of an issuer's register of outgoing documents (sổ văn bản đi): the number and date a
    document got, found again by `key` (what it is, e.g. "proposal:12" for a unit's Tờ trình)."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    doc_type = models.CharField(max_length=6)
    number = models.PositiveIntegerField()
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "key"], name="registered_once")]
        verbose_name = "văn bản đi đã vào sổ"
        verbose_name_plural = "văn bản đi đã vào sổ"

    def __str__(self) -> str:
        return f"{self.doc_type} {self.number} ({self.day:%d/%m/%Y})"


class LayoutProfile(models.Model):
    """Presentation rules of a document family, in force from a date (a document's date picks one)."""

    class Family(models.TextChoices):
        PARTY = "party", "Văn bản của Đảng"
        STATE = "state", "Văn bản hành chính nhà nước"

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("căn cứ", max_length=200)
    family = models.CharField("loại", max_length=5, choices=Family.choices)
    effective_from = models.DateField("áp dụng từ")
    font = models.CharField("phông chữ", max_length=60, default="Times New Roman")
    margin_top_mm = models.DecimalField("lề trên (mm)", max_digits=4, decimal_places=1, default=20)
    margin_bottom_mm = models.DecimalField("lề dưới (mm)", max_digits=4, decimal_places=1, default=20)
    margin_left_mm = models.DecimalField("lề trái (mm)", max_digits=4, decimal_places=1, default=30)
    margin_right_mm = models.DecimalField("lề phải (mm)", max_digits=4, decimal_places=1, default=15)
    body_pt = models.DecimalField("cỡ chữ nội dung", max_digits=4, decimal_places=1, default=14)
    title_pt = models.DecimalField("cỡ chữ tên loại văn bản", max_digits=4, decimal_places=1, default=16)
    motto_pt = models.DecimalField("cỡ chữ tiêu đề/quốc hiệu", max_digits=4, decimal_places=1, default=15)
    recipients_pt = models.DecimalField("cỡ chữ nơi nhận", max_digits=4, decimal_places=1, default=12)
    verified = models.BooleanField("đã đối chiếu văn bản gốc", default=False)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["family", "-effective_from"]
        verbose_name = "quy cách trình bày"
        verbose_name_plural = "quy cách trình bày"

    def __str__(self) -> str:
        return f"{self.name} (từ {self.effective_from:%d/%m/%Y})"

    @classmethod
    def for_date(cls, family: str, day) -> "LayoutProfile":
        profile = cls.objects.filter(family=family, effective_from__lte=day).first()
        return profile or cls.objects.filter(family=family).order_by("effective_from").first()


class DocumentTemplate(models.Model):
    """An administrator's replacement for a packaged .docx template (the newest one is used)."""

    class Name(models.TextChoices):
        PLAN = "ke_hoach", "Kế hoạch (văn bản của Đảng)"
        REPORT = "bao_cao", "Báo cáo (của đơn vị, tổng hợp) — khung"
        PROPOSAL = "to_trinh", "Tờ trình đề nghị khen thưởng — khung"
        ACHIEVEMENT = "bao_cao_thanh_tich", "Báo cáo thành tích — khung"
        DECISION = "quyet_dinh", "Quyết định khen thưởng — khung"
        ESCALATION = "to_trinh_cap_tren", "Tờ trình đề nghị cấp trên — khung"
        BOOK = "sach_mo_hinh", "Sách mô hình, gương tiêu biểu — khung"

    name = models.CharField("mẫu", max_length=40, choices=Name.choices)
    file = models.FileField("tệp .docx", upload_to="mau-van-ban/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"

    def __str__(self) -> str:
        return f"{self.get_name_display()} ({self.uploaded_at:%d/%m/%Y})"


def issued_path(instance: "IssuedDocument", filename: str) -> str:
    return f"van-ban-da-ky/{instance.key.replace(':', '-')}/{instance.version}-{filename}"


class IssuedDocument(models.Model):
    """A document as it was when it was issued or signed (an issued plan, a signed decision): the
    .docx rendered in the same transaction, the data it was made from, and its .pdf made afterwards by
    a background task. Downloads serve these files, never a new rendering; a new issue or signature
    adds a version and the earlier ones stay."""

    class Pdf(models.TextChoices):
        PENDING = "pending", "Đang tạo"
        READY = "ready", "Đã có"
        FAILED = "failed", "Lỗi"

    key = models.CharField(max_length=80)  # "plan:12", "decision:3"
    version = models.PositiveIntegerField()
    title = models.CharField("văn bản", max_length=300)
    docx = models.FileField(upload_to=issued_path, max_length=200)
    pdf = models.FileField(upload_to=issued_path, max_length=200, blank=True)
    pdf_state = models.CharField(max_length=8, choices=Pdf.choices, default=Pdf.PENDING)
    sha256 = models.CharField(max_length=64)
    data = models.JSONField("dữ liệu lúc ký", default=dict)
    issued_at = models.DateTimeField("lúc")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="issued_version_once")]
        ordering = ["key", "-version"]
        verbose_name = "văn bản đã ban hành"
        verbose_name_plural = "văn bản đã ban hành"

    def __str__(self) -> str:
        return f"{self.title} (bản {self.version})"
