"""Selection and award: screening is on the nomination; here are reviews, the committee's vote, the
approved list with its public notice, the award decision, certificates and escalation upward."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from guongsang.campaigns.models import NomineeKind


class BaseSalary(models.Model):
    """Mức lương cơ sở, versioned by effective date: a decision's date picks the amount."""

    effective_from = models.DateField("áp dụng từ ngày", unique=True)
    amount = models.PositiveIntegerField("mức lương cơ sở (đồng/tháng)")
    basis = models.CharField("căn cứ", max_length=200, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.effective_from:%d/%m/%Y}".replace(",", ".")


class RubricItem(models.Model):
    """One line of the scoring rubric: a criterion of the campaign with its weight."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="rubric")
    nominee_kind = models.CharField("đối tượng", max_length=10, choices=NomineeKind.choices, blank=True)
    label = models.CharField("tiêu chí chấm", max_length=500)
    weight = models.DecimalField("trọng số", max_digits=5, decimal_places=2, default=1)
    max_score = models.PositiveSmallIntegerField("điểm tối đa", default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "tiêu chí chấm điểm"

    def __str__(self) -> str:
        return self.label[:80]


class ReviewerAssignment(models.Model):
    """A reviewer's remit: nominations of one award form and/or one kind of unit (blank: all)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="reviewer_assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    award_form = models.ForeignKey(
        "campaigns.AwardForm", on_delete=models.CASCADE, null=True, blank=True, verbose_name="hình thức"
    )
    unit_kind = models.ForeignKey(
        "org.UnitKind", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="loại đơn vị"
    )

    class Meta:
        verbose_name = "phân công thẩm định"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "reviewer", "award_form", "unit_kind"],
                name="reviewer_assignment_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} @ {self.campaign_id}"


class Review(models.Model):
    """One reviewer's scores of one nomination, or the reviewer's declared conflict of interest."""

    nomination = models.ForeignKey("nominations.Nomination", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    conflict = models.BooleanField("có xung đột lợi ích", default=False)
    conflict_reason = models.CharField("lý do", max_length=300, blank=True)
    scores = models.JSONField("điểm theo tiêu chí", default=dict)
    total = models.DecimalField("điểm (thang 100)", max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField("nhận xét", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "chấm điểm"
        constraints = [models.UniqueConstraint(fields=["nomination", "reviewer"], name="one_review_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.nomination_id}"


class Vote(models.Model):
    """The standing committee's vote on one nomination."""

    nomination = models.OneToOneField("nominations.Nomination", on_delete=models.CASCADE, related_name="vote")
    members_present = models.PositiveSmallIntegerField("số ủy viên có mặt")
    votes_for = models.PositiveSmallIntegerField("tán thành")
    votes_against = models.PositiveSmallIntegerField("không tán thành")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "biểu quyết"
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_for__lte=models.F("members_present") - models.F("votes_against")),
                name="vote_within_present",
            )
        ]

    def __str__(self) -> str:
        return f"{self.votes_for}/{self.members_present}"

    @property
    def passed(self) -> bool:
        """More than half of the members present voted for."""
        return self.votes_for * 2 > self.members_present


class AwardList(models.Model):
    """The selected nominees of one award form: drafted by the manager, approved by a leader,
    optionally posted for comment, then decided."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang lập"
        APPROVED = "approved", "Đã duyệt"
        DECIDED = "decided", "Đã có quyết định"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="award_lists")
    award_form = models.OneToOneField("campaigns.AwardForm", on_delete=models.CASCADE, related_name="award_list")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    notice_from = models.DateTimeField("công khai từ", null=True, blank=True)
    notice_until = models.DateTimeField("công khai đến", null=True, blank=True)

    class Meta:
        verbose_name = "danh sách đề nghị khen thưởng"

    def __str__(self) -> str:
        return f"{self.award_form} ({self.campaign_id})"


class ListEntry(models.Model):
    award_list = models.ForeignKey(AwardList, on_delete=models.CASCADE, related_name="entries")
    nomination = models.OneToOneField("nominations.Nomination", on_delete=models.CASCADE, related_name="list_entry")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.nomination_id} @ {self.award_list_id}"


class NoticeComment(models.Model):
    """A comment received while the list is posted for public comment."""

    award_list = models.ForeignKey(AwardList, on_delete=models.CASCADE, related_name="comments")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField("người góp ý", max_length=150)
    text = models.TextField("ý kiến")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class AwardDecision(models.Model):
    """Quyết định khen thưởng: Party format when a party committee grants the form, State format
    (Nghị định 30/2020/NĐ-CP) when a People's Committee chairman does."""

    class Style(models.TextChoices):
        PARTY = "party", "Văn bản của Đảng"
        STATE = "state", "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SIGNED = "signed", "Đã ký, ban hành"

    award_list = models.OneToOneField(AwardList, on_delete=models.CASCADE, related_name="decision")
    style = models.CharField("thể thức", max_length=6, choices=Style.choices)
    authority = models.CharField("cơ quan ban hành (in hoa trên văn bản)", max_length=200)
    authority_parent = models.CharField("cơ quan cấp trên", max_length=200, blank=True)
    abbreviation = models.CharField("ký hiệu cơ quan", max_length=30)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    date = models.DateField("ngày")
    place = models.CharField("địa danh", max_length=80)
    grounds = models.TextField("căn cứ (mỗi dòng một căn cứ)", blank=True)
    proposer = models.CharField("xét đề nghị của", max_length=300, blank=True)
    signer_capacity = models.CharField("thẩm quyền ký", max_length=80, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=80)
    signer_name = models.CharField("họ tên người ký", max_length=120)
    base_salary = models.PositiveIntegerField("mức lương cơ sở áp dụng")
    coefficient = models.DecimalField("hệ số (cá nhân)", max_digits=5, decimal_places=2, null=True, blank=True)
    collective_multiplier = models.DecimalField("tập thể bằng … lần cá nhân", max_digits=4, decimal_places=2, default=2)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.DRAFT)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(editable=False)

    class Meta:
        verbose_name = "quyết định khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "abbreviation", "number", "year"],
                condition=Q(number__isnull=False),
                name="decision_unique_number",
            )
        ]

    def __str__(self) -> str:
        return self.symbol or "Quyết định (dự thảo)"

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)

    @property
    def symbol(self) -> str:
        if not self.number:
            return ""
        from guongsang.documents.issuers import symbol_style
        from guongsang.documents.symbols import Symbol

        return str(Symbol(self.number, "QĐ", self.abbreviation, symbol_style(self.family)))

    @property
    def family(self) -> str:
        """The layout of the decision: the State's for a People's Committee's; otherwise the issuer's own (a
        Party committee, the Mặt trận, the Đoàn or a mass organisation deciding on its own campaign)."""
        from guongsang.documents.issuers import STATE, family_of

        return STATE if self.style == self.Style.STATE else family_of(self.award_list.campaign.issuer)


class Award(models.Model):
    """One awardee of a decision, with its money; the honour written back to its record."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="awards")
    nomination = models.OneToOneField("nominations.Nomination", on_delete=models.PROTECT, related_name="award")
    position = models.PositiveSmallIntegerField(default=0)
    amount = models.PositiveIntegerField("tiền thưởng (đồng)", default=0)
    honor = models.OneToOneField("org.Honor", on_delete=models.SET_NULL, null=True, blank=True, related_name="award")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.nomination)


class CertificateLayout(models.Model):
    """Where each piece of text goes on a pre-printed blank, in millimetres from the top-left corner.

    `fields` is a list of {"key", "x", "y", "size", "align", "width", "bold", "italic"}: x is the left edge
    (or the centre when align is "center"), y the text's baseline, width the widest the text may run.
    """

    name = models.CharField("tên mẫu phôi", max_length=200)
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    page_width = models.DecimalField("khổ rộng (mm)", max_digits=6, decimal_places=1, default=297)
    page_height = models.DecimalField("khổ cao (mm)", max_digits=6, decimal_places=1, default=210)
    fields = models.JSONField("vị trí các trường", default=list)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "mẫu phôi giấy khen"

    def __str__(self) -> str:
        return self.name


class PrinterCalibration(models.Model):
    """A printer's offset: what to add to every position so the text lands where it should."""

    name = models.CharField("máy in", max_length=200)
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    offset_x = models.DecimalField("lệch ngang (mm, + sang phải)", max_digits=5, decimal_places=1, default=0)
    offset_y = models.DecimalField("lệch dọc (mm, + xuống dưới)", max_digits=5, decimal_places=1, default=0)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "hiệu chỉnh máy in"

    def __str__(self) -> str:
        return self.name


def batch_path(instance: CertificateBatch, filename: str) -> str:
    return f"giay-khen/{uuid.uuid4().hex}.pdf"


class CertificateBatch(models.Model):
    """One print run: every awardee of a decision on one PDF, made in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang tạo"
        DONE = "done", "Xong"
        FAILED = "failed", "Lỗi"

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="certificate_batches")
    layout = models.ForeignKey(CertificateLayout, on_delete=models.PROTECT, related_name="+")
    calibration = models.ForeignKey(PrinterCalibration, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=batch_path, max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"


class Escalation(models.Model):
    """An awardee proposed further: to a higher form or a programme (an escalation form of the plan)."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="escalations")
    target = models.ForeignKey("campaigns.AwardForm", on_delete=models.CASCADE, related_name="escalations")
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    chosen_at = models.DateTimeField(auto_now_add=True)
    sent_nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.SET_NULL, null=True, blank=True, related_name="escalated_from"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["target", "id"]
        constraints = [models.UniqueConstraint(fields=["award", "target"], name="escalation_once_per_form")]

    def __str__(self) -> str:
        return f"{self.award} → {self.target}"
