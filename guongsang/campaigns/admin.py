from django.contrib import admin

from guongsang.accounts.admin import AuditedAdmin
from guongsang.campaigns.models import Amendment, Campaign


@admin.register(Campaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ("__str__", "issuer", "date", "status")
    list_filter = ("status",)
    search_fields = ("title", "issuer__name")
    raw_id_fields = ("issuer", "parent", "participant_units", "created_by", "approved_by")


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ("campaign", "at", "by", "reason")
    readonly_fields = ("campaign", "at", "by", "reason", "changes")

    def has_add_permission(self, request):
        return False
