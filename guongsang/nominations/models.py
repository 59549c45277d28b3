"""Nominations a unit proposes in a campaign, with their dossier files."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from guongsang.campaigns.models import NomineeKind


class Nomination(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        SUBMITTED = "submitted", "Đã gửi"
        WITHDRAWN = "withdrawn", "Đã rút"

    class Screening(models.TextChoices):
        PENDING = "pending", "Chưa thẩm định"
        VALID = "valid", "Hợp lệ"
        RETURNED = "returned", "Trả lại để bổ sung"
        REJECTED = "rejected", "Không xem xét"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="nominations")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="nominations_made", verbose_name="đơn vị đề nghị"
    )
    kind = models.CharField("đối tượng", max_length=10, choices=NomineeKind.choices)
    award_form = models.ForeignKey(
        "campaigns.AwardForm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name="hình thức đề nghị",
    )
    nominee_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="tập thể (đơn vị)"
    )
    collective_name = models.CharField("tên tập thể (nếu không có trong cây)", max_length=255, blank=True)
    person = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name="cá nhân",
    )
    model_name = models.CharField("tên mô hình", max_length=300, blank=True)
    model_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị thực hiện mô hình",
    )
    model_description = models.TextField("mô tả mô hình", blank=True)
    summary = models.TextField("tóm tắt thành tích", blank=True)
    achievements_from = models.DateField("thành tích từ ngày", null=True, blank=True)
    achievements_to = models.DateField("đến ngày", null=True, blank=True)
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    late_days = models.PositiveIntegerField("nộp muộn (ngày)", null=True, blank=True)
    screening = models.CharField("thẩm định hồ sơ", max_length=10, choices=Screening.choices, default=Screening.PENDING)
    screening_reason = models.TextField("lý do", blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__path", "kind", "id"]
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        indexes = [models.Index(fields=["campaign", "unit", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.nominee_name}"

    @property
    def nominee_name(self) -> str:
        if self.kind == NomineeKind.INDIVIDUAL:
            return self.person.full_name if self.person_id else ""
        if self.kind == NomineeKind.MODEL:
            return self.model_name
        return self.nominee_unit.name if self.nominee_unit_id else self.collective_name


def dossier_path(instance: DossierFile, filename: str) -> str:
    """A random stored name: the user's file name is kept only as data."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"ho-so/{instance.nomination.campaign_id}/{uuid.uuid4().hex}{suffix}"


class DossierFile(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    requirement = models.ForeignKey("campaigns.DossierRequirement", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=dossier_path, max_length=200)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "requirement"], name="one_file_per_requirement")]

    def __str__(self) -> str:
        return self.original_name
