from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from guongsang.accounts.admin import AuditedAdmin
from guongsang.documents.models import DocumentCounter, DocumentTemplate, LayoutProfile
from guongsang.documents.templates import check_template


class TemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["name", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        head = upload.read(4)
        upload.seek(0)
        if not upload.name.lower().endswith(".docx") or head != b"PK\x03\x04":
            raise ValidationError("Mẫu phải là tệp Word .docx.")
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, name = cleaned.get("file"), cleaned.get("name")
        if upload and name:
            data = upload.read()
            upload.seek(0)
            try:
                check_template(name, data)
            except ValidationError as exc:
                self.add_error("file", exc)
        return cleaned


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdmin):
    form = TemplateForm
    list_display = ("name", "file", "uploaded_at")


@admin.register(LayoutProfile)
class LayoutProfileAdmin(AuditedAdmin):
    list_display = ("name", "family", "effective_from", "font", "verified")
    list_filter = ("family",)


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    list_display = ("issuer", "doc_type", "year", "last_number")
    readonly_fields = ("issuer", "doc_type", "year", "last_number")

    def has_add_permission(self, request):
        return False
