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
    list_display = ("at", "actor_name", "action", "object_repr", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_name", "action", "object_repr")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
