from django.conf import settings
from django.db import models


class Notice(models.Model):
    """An in-app notice to a unit: every user holding a role at that unit sees it."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="notices")
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"

    def __str__(self) -> str:
        return self.title


class Reminder(models.Model):
    """A reminder sent to a unit about a deadline it has not met: automatic or by a manager."""

    class Kind(models.TextChoices):
        AUTO = "auto", "Tự động"
        MANUAL = "manual", "Cán bộ quản lý gửi"

    deadline = models.ForeignKey("campaigns.Deadline", on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("cách gửi", max_length=6, choices=Kind.choices)
    days_before = models.SmallIntegerField("số ngày trước hạn", null=True, blank=True)
    sent_at = models.DateTimeField("gửi lúc")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    emailed = models.BooleanField("đã gửi thư điện tử", default=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "nhắc hạn"
        verbose_name_plural = "nhắc hạn"
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "unit", "days_before"],
                condition=models.Q(kind="auto"),
                name="one_automatic_reminder_per_step",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} @ {self.deadline_id}"
