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
