"""Upload a plan file, wait while it is read, review the draft beside the source, confirm."""

from __future__ import annotations

from itertools import zip_longest

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from guongsang.accounts.permissions import units_for
from guongsang.importer import services
from guongsang.importer.forms import HEADER_FIELDS, OUTLINE_MAX, ROW_SECTIONS, review_forms
from guongsang.importer.models import PlanImport
from guongsang.importer.source import highlighted, spans_of
from guongsang.lib.forms import add_service_errors, run_action
from guongsang.lib.http import check_form_counts
from guongsang.org.forms import BootstrapMixin

S = PlanImport.Status
SECTION_TITLES = {
    "can-cu": "Văn bản căn cứ",
    "moc-thoi-gian": "Mốc thời gian",
    "hinh-thuc": "Hình thức khen thưởng và giới hạn",
    "chi-tieu": "Chỉ tiêu đề nghị",
    "tieu-chuan": "Tiêu chuẩn",
    "ho-so": "Hồ sơ đề nghị",
    "phan-cong": "Tổ chức thực hiện",
    "noi-nhan": "Nơi nhận",
}


class UploadForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị nhập kế hoạch", queryset=None)
    file = forms.FileField(
        label="Tệp kế hoạch (.docx, .pdf, .txt; .doc, .odt)",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.doc,.odt"}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def _managed_units(user):
    units = units_for(user, "campaign.manage").filter(active_to__isnull=True).order_by("path")
    if not units.exists():
        raise PermissionDenied("Bạn không phải cán bộ quản lý của đơn vị nào.")
    return units


def _record(request, pk: int) -> PlanImport:
    record = get_object_or_404(PlanImport.objects.select_related("unit", "campaign"), pk=pk)
    if not services.can_use_import(request.user, record):
        raise Http404
    return record


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    units = _managed_units(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, units=units, initial={"unit": units.first()})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.start_import(
                actor=request.user, unit=form.cleaned_data["unit"], upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("importer:review", pk=record.pk)
    recent = PlanImport.objects.filter(unit__in=units).select_related("unit", "campaign")[:20]
    return render(request, "importer/start.html", {"form": form, "recent": recent})


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request, pk: int):
    record = _record(request, pk)
    if record.status == S.PENDING:
        template = "importer/_pending.html" if request.htmx else "importer/pending.html"
        return render(request, template, {"record": record})
    if request.htmx:  # reading finished while the page was polling: load the whole page
        response = render(request, "importer/_pending.html", {"record": record})
        response["HX-Redirect"] = request.path
        return response
    if record.status != S.READY:
        return render(request, "importer/closed.html", {"record": record})
    units = _managed_units(request.user)
    suggested = services.suggested_issuer(record, units)
    data = request.POST if request.method == "POST" else None
    if data is not None:
        check_form_counts(data, OUTLINE_MAX)
    header, formsets, outline, rows = review_forms(record, units, suggested, data)
    if data is not None:
        valid = header.is_valid() & outline.is_valid()
        valid = all([fs.is_valid() for fs in formsets.values()]) and valid
        if valid:
            fields = {name: header.cleaned_data[name] for name in HEADER_FIELDS}
            outline_rows = [f.cleaned_data for f in outline.forms if f.has_changed() and not _deleted(f)]
            try:
                campaign = services.confirm_import(
                    actor=request.user,
                    record=record,
                    issuer=header.cleaned_data["issuer"],
                    fields=fields,
                    participant_kinds=header.cleaned_data["participant_kinds"],
                    formsets=formsets,
                    outline=outline_rows,
                )
            except ValidationError as exc:
                add_service_errors(header, exc)
            else:
                messages.success(request, "Đã tạo dự thảo kế hoạch từ tệp. Hãy xem lại từng mục trước khi trình duyệt.")
                return redirect("campaigns:detail", pk=campaign.pk)
        messages.error(request, "Chưa tạo được dự thảo: hãy sửa các ô báo lỗi (tô đỏ) rồi xác nhận lại.")
    items = {slug: [item for _v, item in section] for slug, section in rows.items()}
    sections = [
        (
            slug,
            SECTION_TITLES[slug],
            formsets[slug],
            list(zip_longest(formsets[slug].forms, items[slug])),
            sum(1 for item in items[slug] if item.get("unsure")),
        )
        for slug in ROW_SECTIONS
    ]
    found = record.draft.get("fields", {})
    header_rows = [(field, found.get(field.name)) for field in header]
    context = {
        "record": record,
        "header": header,
        "header_rows": header_rows,
        "read": {name: found[name]["value"] for name in ("symbol", "issuer", "issuer_parent") if name in found},
        "sections": sections,
        "outline": outline,
        "outline_rows": list(zip_longest(outline.forms, items["de-cuong"])),
        "source": highlighted(record.text, spans_of(record, rows)),
        "missing": [header[name].label for name in ("number", "date", "title", "signer_name") if name not in found],
    }
    return render(request, "importer/review.html", context)


def _deleted(form) -> bool:
    return bool(form.cleaned_data.get("DELETE"))


@login_required
@require_POST
def import_discard(request, pk: int):
    record = _record(request, pk)
    run_action(request, lambda: services.discard_import(actor=request.user, record=record), "Đã bỏ tệp này.")
    return redirect("importer:start")
