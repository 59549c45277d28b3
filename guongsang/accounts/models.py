"""Who belongs where with which role, and the append-only audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    MANAGER = "manager", "Cán bộ quản lý đợt (Ban Tuyên giáo)"
    LEADER = "leader", "Lãnh đạo (Thường trực, Ban Thường vụ)"
    REVIEWER = "reviewer", "Cán bộ thẩm định"
    OFFICE = "office", "Văn phòng"
    SUBMITTER = "submitter", "Cán bộ đơn vị (soạn, nộp)"
    HEAD = "head", "Bí thư đơn vị (xác nhận)"
    ADMIN = "admin", "Quản trị hệ thống"


class Membership(models.Model):
    """A user holds a role at a unit; the role reaches the unit's whole subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = "vai trò tại đơn vị"
        verbose_name_plural = "vai trò tại đơn vị"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Nhật ký chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký chỉ được ghi thêm, không được xóa.")


class AuditEntry(models.Model):
    """One state change: who, what, on which object, before/after, when, from where.

    Append-only: the model refuses updates and deletes, and database triggers refuse them too
    (migrations 0002 and 0003). Tamper-evident: each entry carries the digest of the one before it
    (accounts/chain.py; `manage.py verify_audit`). Actor and object are kept as text as well, so
    entries outlive what they name.
    """

    # Set by the chain before the digest is computed (auto_now_add would change it afterwards).
    at = models.DateTimeField("thời điểm", default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField("người thực hiện", max_length=150, blank=True)
    action = models.CharField("thao tác", max_length=80, db_index=True)
    object_type = models.CharField("loại đối tượng", max_length=80, blank=True)
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=255, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    ip_address = models.GenericIPAddressField("địa chỉ", null=True, blank=True)
    # The hash chain (accounts/chain.py): position, the previous entry's digest, this entry's digest.
    seq = models.PositiveBigIntegerField("số thứ tự", null=True, unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    entry_hash = models.CharField("mã băm", max_length=64, blank=True, default="", editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký thao tác"

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký chỉ được ghi thêm, không được xóa.")

    @property
    def label(self) -> str:
        """The action in Vietnamese ("Tiếp nhận báo cáo" for report.accepted)."""
        from guongsang.accounts.actions import action_label

        return action_label(self.action)


class SignIn(models.Model):
    """One live sign-in (a browser's session): listed on the user's security page, where it can be
    ended. Written when the user signs in, refreshed at most once a minute, removed at sign-out."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins")
    session_key = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField("đăng nhập lúc", default=timezone.now)
    last_seen = models.DateTimeField("hoạt động gần nhất", default=timezone.now)
    ip_address = models.GenericIPAddressField("địa chỉ", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=255, blank=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = "phiên đăng nhập"
        verbose_name_plural = "phiên đăng nhập"

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%d/%m/%Y %H:%M}"
