import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory

from guongsang.campaigns.models import (
    Assignment,
    AwardForm,
    Campaign,
    Criterion,
    Deadline,
    DossierRequirement,
    Indicator,
    NomineeKind,
    OutlineSection,
    QuotaRule,
    Recipient,
    Reference,
)
from guongsang.campaigns.services import CAMPAIGN_FIELDS
from guongsang.org.forms import DATE_WIDGET, BootstrapMixin
from guongsang.org.models import Grade, UnitKind

# The most rows of one section of a plan (deadlines, forms, quotas, …): far above any real plan, and low
# enough that a tampered "TOTAL_FORMS" cannot keep the server busy building forms.
ROWS_MAX = 200

DATETIME_FORMATS = ["%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y"]


class ReminderDaysField(forms.CharField):
    """Reminder days edited as "7, 2, 0, -1, -3"."""

    def prepare_value(self, value):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value

    def to_python(self, value):
        from guongsang.campaigns.services import parse_reminder_days

        try:
            return parse_reminder_days(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc


class CampaignForm(BootstrapMixin, forms.ModelForm):
    reminder_days = ReminderDaysField(
        label="Nhắc hạn (số ngày trước hạn; số âm là sau hạn)",
        required=False,
        help_text="Ví dụ 7, 2, 0, -1, -3: nhắc các đơn vị chưa nộp trước hạn 7 và 2 ngày, đúng ngày hạn, sau hạn 1 "
        "và 3 ngày. Để trống: không nhắc tự động.",
    )
    amendment_reason = forms.CharField(
        label="Lý do điều chỉnh (kế hoạch đã ban hành)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Campaign
        fields = list(CAMPAIGN_FIELDS)
        widgets = {
            "date": DATE_WIDGET,
            "title": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "conference_composition": forms.Textarea(attrs={"rows": 3}),
            "conference_programme": forms.Textarea(attrs={"rows": 3}),
            "budget": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "number": "Để trống: hệ thống cấp số khi ban hành.",
            "purpose": "Mỗi ý một dòng.",
            "conference_programme": "Mỗi mục một dòng.",
        }

    def __init__(self, *args, issued: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants_direct_only"].widget.attrs["class"] = "form-check-input"
        if not issued:
            del self.fields["amendment_reason"]


class ParticipantsForm(BootstrapMixin, forms.Form):
    kinds = forms.ModelMultipleChoiceField(
        label="Loại đơn vị tham gia",
        queryset=UnitKind.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    unit_codes = forms.CharField(label="Thêm từng đơn vị (mã, cách nhau bởi dấu phẩy)", required=False)


class CreateForm(BootstrapMixin, forms.Form):
    MODES = [("new", "Soạn mới"), ("copy", "Sao chép một kế hoạch trước"), ("derive", "Thực hiện kế hoạch cấp trên")]
    mode = forms.ChoiceField(label="Cách tạo", choices=MODES, initial="new", widget=forms.RadioSelect)
    issuer = forms.ModelChoiceField(label="Đơn vị ban hành", queryset=None)
    title = forms.CharField(label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.ModelChoiceField(label="Kế hoạch gốc (sao chép hoặc cấp trên)", queryset=None, required=False)
    offset_days = forms.IntegerField(label="Dời các mốc thời gian (ngày, khi sao chép)", initial=365, required=False)

    def __init__(self, *args, issuers, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["source"].queryset = sources
        self.fields["mode"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("mode") == "new" and not (data.get("title") or "").strip():
            self.add_error("title", "Cần nhập trích yếu của kế hoạch.")
        if data.get("mode") in ("copy", "derive") and not data.get("source"):
            self.add_error("source", "Cần chọn kế hoạch gốc.")
        return data


class KindsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=NomineeKind.choices, widget=forms.CheckboxSelectMultiple, **kwargs)


class ListField(forms.CharField):
    """A JSON list edited as comma-separated words."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [part.strip().lower() for part in (value or "").split(",") if part.strip()]


def _row_form(model, fields, **overrides):
    attrs = {
        "Meta": type(
            "Meta",
            (),
            {
                "model": model,
                "fields": fields,
                "widgets": {
                    "due_at": forms.DateTimeInput(format="%H:%M %d/%m/%Y"),
                    "due_date": DATE_WIDGET,
                    "date": DATE_WIDGET,
                },
            },
        ),
        **overrides,
    }
    return type(f"{model.__name__}RowForm", (BootstrapMixin, forms.ModelForm), attrs)


class DeadlineRowForm(BootstrapMixin, forms.ModelForm):
    due_at = forms.DateTimeField(
        label="Hạn (giờ:phút ngày/tháng/năm, giờ Việt Nam)",
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%H:%M %d/%m/%Y"),
    )

    class Meta:
        model = Deadline
        fields = ["kind", "what", "audience", "audience_kinds", "due_at", "lateness"]
        widgets = {"audience_kinds": forms.SelectMultiple(attrs={"size": 4})}


CHECK_PARAMS = {
    Criterion.Check.REVIEWER: {},
    Criterion.Check.MIN_GRADE_EACH_YEAR: {"grade": str, "from_year": int, "to_year": int},
    Criterion.Check.UNIT_GRADE_IN_YEAR: {"grade": str, "year": int},
    Criterion.Check.OWN_HONOR_EACH_YEAR: {"from_year": int, "to_year": int},
    Criterion.Check.HIGHER_HONOR: {"from_year": int, "to_year": int},
    Criterion.Check.ACHIEVEMENT_WINDOW: {"start": str, "end": str},
    Criterion.Check.SUMMARY_MAX_CHARS: {"max_chars": int},
}
PARAMS_HELP = (
    'Tham số dạng JSON theo cách kiểm tra, ví dụ: xếp loại mọi năm {"grade": "HTTNV", "from_year": 2021, '
    '"to_year": 2025}; xếp loại đúng năm {"grade": "HTXSNV", "year": 2023}; khen thưởng '
    '{"from_year": 2020, "to_year": 2022}; thời gian thành tích {"start": "2023-01-01", "end": '
    '"2024-02-29"}; độ dài tóm tắt {"max_chars": 1800}.'
)


class CriterionRowForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["nominee_kind", "text", "check_kind", "params", "any_of_group"]
        help_texts = {"params": PARAMS_HELP}

    def clean(self):
        data = super().clean()
        check, params = data.get("check_kind"), data.get("params") or {}
        if check is None:
            return data
        if not isinstance(params, dict):
            self.add_error("params", 'Tham số phải là một đối tượng JSON, ví dụ {"grade": "HTTNV"}.')
            return data
        for name, kind in CHECK_PARAMS[check].items():
            value = params.get(name)
            if value is None or not isinstance(value, kind) or isinstance(value, bool):
                label = Criterion.Check(check).label
                self.add_error("params", f"Cách kiểm tra “{label}” cần tham số “{name}”.")
        grade = params.get("grade")
        if grade is not None and grade not in Grade.values:
            self.add_error("params", f"Xếp loại “{grade}” không có trong thang ({', '.join(Grade.values)}).")
        for name in ("start", "end"):
            if name in params:
                try:
                    dt.date.fromisoformat(str(params[name]))
                except ValueError:
                    self.add_error("params", f"Ngày “{params[name]}” phải viết dạng năm-tháng-ngày, ví dụ 2024-02-29.")
        return data


# slug -> (title, model, form class, campaign-scoped queryset)
SECTIONS = {
    "can-cu": ("Văn bản căn cứ", Reference, _row_form(Reference, ["kind", "symbol", "date", "issuer", "title"])),
    "moc-thoi-gian": ("Mốc thời gian", Deadline, DeadlineRowForm),
    "hinh-thuc": (
        "Hình thức khen thưởng và giới hạn",
        AwardForm,
        _row_form(
            AwardForm,
            [
                "name",
                "granted_by",
                "nominee_kinds",
                "cap_collectives",
                "cap_individuals",
                "cap_models",
                "coefficient",
                "is_escalation",
            ],
            nominee_kinds=KindsField(label="Đối tượng"),
        ),
    ),
    "chi-tieu": (
        "Chỉ tiêu đề nghị theo loại đơn vị",
        QuotaRule,
        _row_form(
            QuotaRule,
            [
                "unit_kind",
                "mode",
                "collectives",
                "individuals",
                "models_count",
                "min_total",
                "max_total",
                "bonus_threshold",
                "bonus_individuals",
                "wording",
            ],
        ),
    ),
    "tieu-chuan": ("Tiêu chuẩn", Criterion, CriterionRowForm),
    "ho-so": (
        "Hồ sơ đề nghị",
        DossierRequirement,
        _row_form(
            DossierRequirement,
            ["document", "nominee_kinds", "copies", "file_required", "file_types", "note"],
            nominee_kinds=KindsField(label="Áp dụng cho"),
            file_types=ListField(label="Loại tệp (pdf, docx, jpg, png)", required=False),
        ),
    ),
    "de-cuong": (
        "Đề cương báo cáo",
        OutlineSection,
        _row_form(OutlineSection, ["number", "title", "guidance", "parent"]),
    ),
    "so-lieu": (
        "Số liệu trong đề cương",
        Indicator,
        _row_form(
            Indicator,
            ["section", "code", "label", "type", "unit_label", "required", "aggregate", "columns"],
            columns=ListField(label="Các cột (kiểu bảng)", required=False),
        ),
    ),
    "phan-cong": ("Tổ chức thực hiện", Assignment, _row_form(Assignment, ["body", "task", "due_date"])),
    "noi-nhan": ("Nơi nhận", Recipient, _row_form(Recipient, ["name", "purpose"])),
}


def section_formset(slug: str, campaign: Campaign, data=None):
    title, model, form = SECTIONS[slug]
    formset_class = modelformset_factory(
        model, form=form, extra=1, can_delete=True, max_num=ROWS_MAX, absolute_max=ROWS_MAX, validate_max=True
    )
    if model is Indicator:
        queryset = Indicator.objects.filter(section__campaign=campaign)
    else:
        queryset = model.objects.filter(campaign=campaign)
    formset = formset_class(data, queryset=queryset, prefix=slug)
    for f in formset.forms:
        if "parent" in f.fields:
            f.fields["parent"].queryset = OutlineSection.objects.filter(campaign=campaign)
        if "section" in f.fields:
            f.fields["section"].queryset = OutlineSection.objects.filter(campaign=campaign)
    return title, formset
