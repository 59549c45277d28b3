"""An uploaded plan file, what was read from it, and the campaign draft made from it once confirmed."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models


def import_path(instance: PlanImport, filename: str) -> str:
    """A random stored name outside the web root: the user's file name is kept only as data."""
    return f"nhap-ke-hoach/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:6]}"


class PlanImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Đang đọc tệp"
        READY = "ready", "Chờ kiểm tra, xác nhận"
        FAILED = "failed", "Không đọc được"
        CONFIRMED = "confirmed", "Đã tạo dự thảo kế hoạch"
        DISCARDED = "discarded", "Đã bỏ"

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="plan_imports", verbose_name="đơn vị nhập"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(upload_to=import_path, max_length=200)
    original_name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.TextField("thông báo", blank=True)
    text = models.TextField("nội dung đã đọc", blank=True)
    encoding = models.CharField("bảng mã cũ", max_length=20, blank=True)
    file_format = models.CharField(max_length=8, blank=True)
    pages = models.PositiveIntegerField(default=0)
    draft = models.JSONField("kết quả đọc", default=dict, blank=True)
    seconds = models.FloatField("thời gian đọc (giây)", null=True, blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "tệp kế hoạch nhập"
        verbose_name_plural = "tệp kế hoạch nhập"

    def __str__(self) -> str:
        return self.original_name
