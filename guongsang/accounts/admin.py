from django.contrib import admin

from guongsang.accounts.audit import log_action
from guongsang.accounts.models import AuditEntry, Membership


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin are written to the audit log like any other."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.label_lower}.{'changed' if change else 'created'}.admin"
        log_action(
            actor=request.user, action=action, obj=obj, after={"fields": sorted(form.changed_data)} if change else None
        )

    def delete_model(self, request, obj):
        log_action(actor=request.user, action=f"{obj._meta.label_lower}.deleted.admin", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_action(actor=request.user, action=f"{obj._meta.label_lower}.deleted.admin", obj=obj)
        super().delete_queryset(request, queryset)


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name", "unit__code")
    autocomplete_fields = ("unit",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action_in_words", "object_repr", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_name", "action", "object_repr")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    @admin.display(description="thao tác", ordering="action")
    def action_in_words(self, entry: AuditEntry) -> str:
        return entry.label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Two-factor devices: the administrator sees who has turned it on and can remove a user's devices
# (a lost phone and lost recovery codes); the secret key is never shown and devices are not made here
# (each user sets up their own on "Bảo mật tài khoản"). django-otp's own admin shows the key and a QR.
def _device_admin(model):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

    @admin.register(model)
    class DeviceAdmin(AuditedAdmin):
        list_display = ("user", "name", "confirmed")
        list_filter = ("confirmed",)
        search_fields = ("user__username",)
        fields = ("user", "name", "confirmed")
        readonly_fields = ("user", "name", "confirmed")

        def has_add_permission(self, request):
            return False

        def has_change_permission(self, request, obj=None):
            return False

    return DeviceAdmin


def _register_devices() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        _device_admin(model)


_register_devices()
