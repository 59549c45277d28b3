from django.contrib import admin

from guongsang.awards.models import BaseSalary, CertificateLayout, PrinterCalibration


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "basis"]


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "page_width", "page_height"]
    raw_id_fields = ["unit"]


@admin.register(PrinterCalibration)
class PrinterCalibrationAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "offset_x", "offset_y"]
    raw_id_fields = ["unit"]
