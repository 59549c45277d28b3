"""The review form: the extracted draft as editable rows, the same row forms as the plan editor."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.forms import formset_factory, modelformset_factory

from guongsang.campaigns.forms import SECTIONS, CampaignForm
from guongsang.campaigns.services import CAMPAIGN_FIELDS
from guongsang.documents.vndate import end_of_day
from guongsang.org.forms import BootstrapMixin
from guongsang.org.models import UnitKind

# The most rows a table of a plan may have, and the most outline lines: well above what a plan holds,
# and low enough that a tampered count ("TOTAL_FORMS" = 10**26) cannot keep the server busy building
# forms. Django refuses more with a message.
ROW_MAX, OUTLINE_MAX = 200, 400
ROW_LIMITS = {"max_num": ROW_MAX, "absolute_max": ROW_MAX, "validate_max": True}

# review section (the plan editor's slug) -> (key in the draft, the fields any of which makes a row)
ROW_SECTIONS = {
    "can-cu": ("references", ("symbol", "title")),
    "moc-thoi-gian": ("deadlines", ("what", "due_at")),
    "hinh-thuc": ("award_forms", ("name",)),
    "chi-tieu": ("quotas", ("unit_kind", "wording")),
    "tieu-chuan": ("criteria", ("text",)),
    "ho-so": ("dossier", ("document",)),
    "phan-cong": ("assignments", ("body", "task")),
    "noi-nhan": ("recipients", ("name",)),
}
# The plan's own fields a file can state (the achievement form and reminder days are the system's).
HEADER_FIELDS = [f for f in CAMPAIGN_FIELDS if f not in ("achievement_form", "reminder_days")]


class ImportHeaderForm(CampaignForm):
    issuer = forms.ModelChoiceField(label="Đơn vị ban hành", queryset=None)
    participant_kinds = forms.ModelMultipleChoiceField(
        label="Loại đơn vị tham gia",
        queryset=UnitKind.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(CampaignForm.Meta):
        fields = HEADER_FIELDS

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.order_fields(["issuer", *HEADER_FIELDS, "participant_kinds"])


class ImportedRow:
    """A row counts when one of its key fields is filled: rows read from the file are checked and
    saved as they are (a required value cleared is an error, not a dropped row), the blank row at
    the end is left out."""

    key_fields: tuple[str, ...] = ()

    def has_changed(self):
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in self.key_fields)


def row_formset(slug: str):
    _title, model, form = SECTIONS[slug]
    row_form = type(f"Imported{form.__name__}", (ImportedRow, form), {"key_fields": ROW_SECTIONS[slug][1]})
    return modelformset_factory(model, form=row_form, extra=0, can_delete=True, **ROW_LIMITS)


class OutlineRowForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label="Số", max_length=12)
    title = forms.CharField(label="Tiêu đề", max_length=500)
    level = forms.TypedChoiceField(
        label="Cấp", choices=[(1, "Phần"), (2, "Mục"), (3, "Tiểu mục")], coerce=int, initial=1
    )
    guidance = forms.CharField(label="Hướng dẫn", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    figures = forms.CharField(
        label="Số liệu (mỗi dòng một chỉ tiêu)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def has_changed(self):
        return bool(self.data.get(self.add_prefix("title"), "").strip())

    def clean_figures(self):
        return [line.strip() for line in self.cleaned_data["figures"].splitlines() if line.strip()]


OutlineFormSet = formset_factory(
    OutlineRowForm, extra=0, can_delete=True, max_num=OUTLINE_MAX, absolute_max=OUTLINE_MAX, validate_max=True
)


# --- the draft as initial values ------------------------------------------------------------


def _date(iso: str | None):
    return dt.date.fromisoformat(iso) if iso else None


def _kind_ids(codes: list[str]) -> dict[str, int]:
    return dict(UnitKind.objects.filter(code__in=codes).values_list("code", "pk"))


def initial_rows(draft: dict) -> dict[str, list[tuple[dict, dict]]]:
    """Per review section: (initial form values, the item read from the file) for each row."""
    kinds = _kind_ids([code for q in draft.get("quotas", []) for code in q["unit_kinds"]])
    rows: dict[str, list[tuple[dict, dict]]] = {slug: [] for slug in [*ROW_SECTIONS, "de-cuong"]}
    for item in draft.get("references", []):
        values = {k: item[k] for k in ("kind", "symbol", "issuer", "title")}
        rows["can-cu"].append(({**values, "date": _date(item["date"])}, item))
    for item in draft.get("deadlines", []):
        values = {k: item[k] for k in ("kind", "what", "audience", "lateness")}
        rows["moc-thoi-gian"].append(({**values, "due_at": end_of_day(_date(item["date"]))}, item))
    for item in draft.get("award_forms", []):
        values = {k: item.get(k) for k in ("name", "granted_by", "nominee_kinds", "is_escalation")}
        values |= {k: item.get(k) for k in ("cap_collectives", "cap_individuals", "cap_models")}
        rows["hinh-thuc"].append((values, item))
    for item in draft.get("quotas", []):
        counts = {
            "mode": item["mode"],
            "collectives": item["collectives"],
            "individuals": item["individuals"],
            "models_count": item["models"],
            "min_total": item["min_total"],
            "max_total": item["max_total"],
            "bonus_threshold": item["bonus_threshold"],
            "bonus_individuals": item["bonus_individuals"],
            "wording": item["wording"],
        }
        for code in item["unit_kinds"] or [None]:
            rows["chi-tieu"].append(({**counts, "unit_kind": kinds.get(code)}, item))
    for item in draft.get("criteria", []):
        values = {k: item[k] for k in ("nominee_kind", "text", "check_kind", "params", "any_of_group")}
        rows["tieu-chuan"].append((values, item))
    for item in draft.get("dossier", []):
        values = {k: item[k] for k in ("document", "nominee_kinds", "copies", "note")}
        file_types = ["jpg", "png"] if "ảnh" in item["document"].lower() else ["pdf", "docx"]
        rows["ho-so"].append(({**values, "file_required": True, "file_types": file_types}, item))
    for item in draft.get("assignments", []):
        values = {"body": item["body"][:300], "task": item["task"], "due_date": _date(item["due_date"])}
        rows["phan-cong"].append((values, item))
    for item in draft.get("recipients", []):
        rows["noi-nhan"].append(({"name": item["name"][:300], "purpose": item["purpose"]}, item))
    for item in draft.get("outline", []):
        values = {k: item[k] for k in ("number", "title", "level", "guidance")}
        rows["de-cuong"].append(({**values, "figures": "\n".join(item["figures"])}, item))
    return rows


def header_initial(draft: dict) -> dict:
    fields = draft.get("fields", {})
    initial = {name: fields[name]["value"] for name in HEADER_FIELDS if name in fields}
    if initial.get("date"):
        initial["date"] = _date(initial["date"])
    initial["participant_kinds"] = list(_kind_ids(draft.get("participant_kinds", [])).values())
    return initial


def review_forms(record, issuers, suggested, data=None):
    """The header form and one formset per section; with `data`, bound to what the manager posted."""
    draft = record.draft
    rows = initial_rows(draft)
    header = ImportHeaderForm(
        data, issuers=issuers, initial={**header_initial(draft), "issuer": suggested}, prefix="chung"
    )
    formsets = {}
    for slug in ROW_SECTIONS:
        initial = [values for values, _item in rows[slug]]
        formset_class = row_formset(slug)
        formset_class.extra = len(initial) + 1
        formsets[slug] = formset_class(data, queryset=formset_class.model.objects.none(), initial=initial, prefix=slug)
    outline_initial = [values for values, _item in rows["de-cuong"]]
    outline = OutlineFormSet(data, initial=outline_initial, prefix="de-cuong")
    outline.extra = 1
    for form in [f for fs in [*formsets.values(), outline] for f in fs.forms]:
        for field in form.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 2
    return header, formsets, outline, rows
