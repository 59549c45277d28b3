from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from guongsang.accounts.admin import AuditedAdmin
from guongsang.org.models import Honor, Person, Rating, Unit, UnitKind


@admin.register(UnitKind)
class UnitKindAdmin(AuditedAdmin):
    list_display = ("name", "code", "category", "is_party_org", "is_grassroots", "has_superior_powers", "is_historic")
    list_filter = ("category", "is_historic")
    search_fields = ("name", "code")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin, TreeAdmin):
    form = movenodeform_factory(Unit, exclude=("search_text", "sort_key"))
    list_display = ("name", "code", "kind", "abbreviation", "active_to")
    list_filter = ("kind",)
    search_fields = ("name", "code", "search_text")
    autocomplete_fields = ("successor",)


class RatingInline(admin.TabularInline):
    model = Rating
    fk_name = "person"
    extra = 0


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("full_name", "code", "unit", "title", "is_party_member")
    search_fields = ("full_name", "code", "search_text")
    autocomplete_fields = ("unit",)
    inlines = [RatingInline]


@admin.register(Rating)
class RatingAdmin(AuditedAdmin):
    list_display = ("year", "grade", "unit", "person", "scheme")
    list_filter = ("year", "grade", "scheme")
    raw_id_fields = ("unit", "person")


@admin.register(Honor)
class HonorAdmin(AuditedAdmin):
    list_display = ("year", "form", "granted_by", "unit", "person", "decision_number")
    list_filter = ("year",)
    raw_id_fields = ("unit", "person")
