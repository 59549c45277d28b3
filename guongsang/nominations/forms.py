from django import forms

from guongsang.campaigns.models import NomineeKind
from guongsang.nominations.models import Nomination
from guongsang.org.forms import DATE_WIDGET, BootstrapMixin
from guongsang.org.models import Person, Unit

KIND_FIELDS = {
    NomineeKind.COLLECTIVE: ["nominee_unit", "collective_name"],
    NomineeKind.INDIVIDUAL: ["person"],
    NomineeKind.MODEL: ["model_name", "model_unit", "model_description"],
}
COMMON = ["award_form", "summary", "achievements_from", "achievements_to"]
# The longest summary a form takes: a few thousand words, well above any plan's limit (the plans' own
# limits, in words or characters, are rule findings).
SUMMARY_MAX = 20_000


class NominationForm(BootstrapMixin, forms.ModelForm):
    new_person_name = forms.CharField(label="…hoặc nhập người mới: họ và tên", required=False)
    new_person_title = forms.CharField(label="Chức vụ của người mới", required=False)
    new_person_birth_year = forms.IntegerField(
        label="Năm sinh của người mới",
        required=False,
        min_value=1900,
        error_messages={
            "invalid": "Năm sinh phải là một số năm, ví dụ 1975.",
            "min_value": "Năm sinh phải từ 1900 trở về sau.",
        },
    )
    summary = forms.CharField(
        label="Tóm tắt thành tích",
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": f"Tóm tắt thành tích dài quá: tối đa {SUMMARY_MAX:,} ký tự.".replace(",", ".")},
    )

    class Meta:
        model = Nomination
        fields = [
            *KIND_FIELDS[NomineeKind.COLLECTIVE],
            *KIND_FIELDS[NomineeKind.INDIVIDUAL],
            *KIND_FIELDS[NomineeKind.MODEL],
            *COMMON,
        ]
        widgets = {
            "achievements_from": DATE_WIDGET,
            "achievements_to": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 6}),
            "model_description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, kind: str, campaign, unit, **kwargs):
        super().__init__(*args, **kwargs)
        keep = set(KIND_FIELDS[kind] + COMMON)
        if kind == NomineeKind.INDIVIDUAL:
            keep |= {"new_person_name", "new_person_title", "new_person_birth_year"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        units = Unit.objects.within(unit).order_by("path")
        for name in ("nominee_unit", "model_unit"):
            if name in self.fields:
                self.fields[name].queryset = units
        if "person" in self.fields:
            self.fields["person"].queryset = (
                Person.objects.filter(unit__in=units).select_related("unit").order_by("sort_key")
            )
            self.fields["person"].required = False
            self.fields["person"].label_from_instance = lambda p: f"{p.full_name} — {p.unit.name}"
        self.fields["award_form"].queryset = campaign.award_forms.filter(is_escalation=False)
        self.fields["award_form"].required = False
