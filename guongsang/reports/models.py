"""A unit's report along a campaign's outline: section texts, indicator values, versions, comments."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models


class Report(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        SUBMITTED = "submitted", "Đã gửi, chờ tiếp nhận"
        RETURNED = "returned", "Bị trả lại để sửa"
        ACCEPTED = "accepted", "Đã tiếp nhận"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="reports")
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.DRAFT)
    # A unit that ran its own sub-campaign may send that campaign's consolidated report as this one.
    consolidated_from = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    doc_number = models.PositiveIntegerField("số văn bản", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    late_days = models.PositiveIntegerField(null=True, blank=True)
    # For the issuer's consolidated report: how many unit reports it was built from, and when.
    consolidation = models.JSONField("tổng hợp từ", default=dict, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why the issuer's manager reopened the report after accepting it (the unit sees it until it resends).
    reopen_reason = models.CharField("lý do mở lại", max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_report_per_unit")]
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"

    def __str__(self) -> str:
        return f"Báo cáo của {self.unit} ({self.get_state_display()})"


class SectionAnswer(models.Model):
    """A unit's text and figures for one outline section; `revision` detects concurrent edits."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    section = models.ForeignKey("campaigns.OutlineSection", on_delete=models.CASCADE, related_name="+")
    text = models.TextField("nội dung", blank=True)
    values = models.JSONField("số liệu", default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    # For a consolidated report: each sentence of the draft with the unit reports it came from.
    sources = models.JSONField("nguồn của từng câu (báo cáo tổng hợp)", default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "section"], name="one_answer_per_section")]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.section_id} r{self.revision}"


class ReportVersion(models.Model):
    """What was submitted, every time (kept for comparison)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    snapshot = models.JSONField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"Lần gửi {self.number}"


class SectionComment(models.Model):
    """The issuer's comment on a section when returning a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey("campaigns.OutlineSection", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    text = models.TextField("ý kiến")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.text[:60]


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    return f"bao-cao/{instance.report.campaign_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:8]}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name
