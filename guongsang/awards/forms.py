from django import forms

from guongsang.awards.decisions import DECISION_FIELDS
from guongsang.awards.models import AwardDecision
from guongsang.campaigns.models import NomineeKind
from guongsang.lib.forms import guard_fields, name_the_empty_choice
from guongsang.nominations.models import Nomination
from guongsang.org.models import UnitKind


class DecisionForm(forms.ModelForm):
    class Meta:
        model = AwardDecision
        fields = list(DECISION_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "grounds": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "number": "Để trống rồi bấm “Lưu và cấp số” để lấy số tiếp theo của đơn vị.",
            "coefficient": "Để trống nếu hình thức này không kèm tiền thưởng.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_fields(self)
        name_the_empty_choice(self)
        # A draft may wait for its signer; signing refuses a decision without one.
        for name in ("signer_title", "signer_name"):
            self.fields[name].required = False


# --- the POST handlers of awards/views.py: every field typed and bounded before a service sees it ---

MAX_TEXT = 2000


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_fields(self)


class LocalDecimalField(forms.DecimalField):
    """A figure as a Vietnamese user types it: "12,5" as well as "12.5"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def _text(label: str, *, required: bool = False, max_length: int = MAX_TEXT) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length)


class ScreeningForm(_Form):
    ket_qua = forms.ChoiceField(label="Kết quả thẩm định", choices=Nomination.Screening.choices)
    ly_do = _text("Lý do")


class BulkScreeningForm(ScreeningForm):
    de_nghi = forms.TypedMultipleChoiceField(label="Đề nghị", coerce=int, required=False)
    xac_nhan = forms.BooleanField(required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        ids = Nomination.objects.filter(campaign=campaign).values_list("pk", flat=True)
        self.fields["de_nghi"].choices = [(str(i), str(i)) for i in ids]


class ReviewForm(_Form):
    """One score per rubric item, between 0 and its maximum; or a declared conflict of interest."""

    xung_dot = forms.BooleanField(required=False)
    ly_do = _text("Lý do xung đột")
    nhan_xet = _text("Nhận xét", max_length=5000)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            bounds = f"Điểm tiêu chí “{item.label}” phải từ 0 đến {item.max_score}."
            self.fields[f"diem_{item.pk}"] = LocalDecimalField(
                label="",
                required=False,
                min_value=0,
                max_value=item.max_score,
                error_messages={
                    "invalid": f"Điểm tiêu chí “{item.label}” phải là số.",
                    "min_value": bounds,
                    "max_value": bounds,
                },
            )

    def scores(self) -> dict[str, str]:
        return {
            str(i.pk): "" if self.cleaned_data[f"diem_{i.pk}"] is None else str(self.cleaned_data[f"diem_{i.pk}"])
            for i in self.items
        }


class RubricRowForm(_Form):
    label = _text("Tiêu chí", max_length=500)
    weight = LocalDecimalField(
        label="Trọng số", required=False, min_value=0, max_value=1000, max_digits=7, decimal_places=2
    )
    max_score = forms.IntegerField(label="Điểm tối đa", required=False, min_value=1, max_value=1000)
    nominee_kind = forms.ChoiceField(
        label="Đối tượng", choices=[("", "Mọi đối tượng"), *NomineeKind.choices], required=False
    )


RUBRIC_ROWS_MAX = 50


def rubric_rows(post) -> tuple[list[dict], list[str]]:
    """The rubric's rows from the parallel lists the page posts, each checked as a RubricRowForm."""
    columns = [post.getlist(name) for name in ("tieu_chi", "trong_so", "diem_toi_da", "doi_tuong")]
    if max(map(len, columns)) > RUBRIC_ROWS_MAX:
        return [], [f"Bộ tiêu chí có tối đa {RUBRIC_ROWS_MAX} dòng."]
    rows, errors = [], []
    for number, (label, weight, top, kind) in enumerate(zip(*columns, strict=False), start=1):
        form = RubricRowForm({"label": label, "weight": weight, "max_score": top, "nominee_kind": kind})
        if form.is_valid():
            row = form.cleaned_data  # as typed for the service, which gives an empty figure its default
            rows.append({**row, **{k: "" if row[k] is None else str(row[k]) for k in ("weight", "max_score")}})
        else:
            errors += [f"Dòng {number}, {form.fields[f].label}: {e}" for f, es in form.errors.items() for e in es]
    return rows, errors


class AssignmentForm(_Form):
    nguoi_cham = forms.ModelChoiceField(
        label="Người chấm", queryset=None, error_messages={"required": "Cần chọn người chấm."}
    )
    hinh_thuc = forms.ModelChoiceField(label="Hình thức khen thưởng", queryset=None, required=False)
    loai_don_vi = forms.ModelChoiceField(label="Loại đơn vị", queryset=UnitKind.objects.all(), required=False)

    def __init__(self, *args, campaign, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nguoi_cham"].queryset = reviewers
        self.fields["hinh_thuc"].queryset = campaign.award_forms.filter(is_escalation=False)


class VoteForm(_Form):
    co_mat = forms.IntegerField(label="Số có mặt", min_value=0, max_value=10_000)
    tan_thanh = forms.IntegerField(label="Số tán thành", min_value=0, max_value=10_000)
    khong_tan_thanh = forms.IntegerField(label="Số không tán thành", min_value=0, max_value=10_000)


class ListToggleForm(_Form):
    bo = forms.BooleanField(required=False)


class NoticeDaysForm(_Form):
    so_ngay = forms.IntegerField(label="Số ngày công khai", min_value=1, max_value=60)


class NoticeCommentForm(_Form):
    de_nghi = forms.ModelChoiceField(label="Đề nghị", queryset=None, required=False)
    y_kien = _text("Ý kiến", required=True)

    def __init__(self, *args, award_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["de_nghi"].queryset = Nomination.objects.filter(list_entry__award_list=award_list)


class PrintForm(_Form):
    mau = forms.ModelChoiceField(label="Mẫu phôi", queryset=None, required=False)
    may_in = forms.ModelChoiceField(label="Máy in", queryset=None, required=False)

    def __init__(self, *args, layouts, printers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mau"].queryset = layouts
        self.fields["may_in"].queryset = printers


class CalibrationForm(_Form):
    may_in = forms.ModelChoiceField(label="Máy in", queryset=None, required=False)
    ten = _text("Tên máy in", required=True, max_length=100)
    # Whether the offset keeps the text on the page is the service's check; these bound the figure only.
    lech_ngang = LocalDecimalField(
        label="Lệch ngang (mm)", min_value=-1000, max_value=1000, max_digits=6, decimal_places=1
    )
    lech_doc = LocalDecimalField(label="Lệch dọc (mm)", min_value=-1000, max_value=1000, max_digits=6, decimal_places=1)

    def __init__(self, *args, printers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["may_in"].queryset = printers


class LayoutForm(_Form):
    """A layout's page and, for each field switched on, its place in mm, size, width, alignment, lines."""

    ten = _text("Tên mẫu phôi", required=True, max_length=100)
    kho_rong = LocalDecimalField(label="Khổ rộng (mm)", min_value=50, max_value=1000, max_digits=6, decimal_places=1)
    kho_cao = LocalDecimalField(label="Khổ cao (mm)", min_value=50, max_value=1000, max_digits=6, decimal_places=1)

    def __init__(self, *args, keys, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = list(keys)
        for key, label in self.keys:
            mm = {"max_digits": 6, "decimal_places": 1, "required": False}
            self.fields[f"{key}_on"] = forms.BooleanField(required=False)
            self.fields[f"{key}_x"] = LocalDecimalField(label=f"{label}: ngang", min_value=-100, max_value=1000, **mm)
            self.fields[f"{key}_y"] = LocalDecimalField(label=f"{label}: dọc", min_value=-100, max_value=1000, **mm)
            self.fields[f"{key}_size"] = LocalDecimalField(label=f"{label}: cỡ chữ", min_value=4, max_value=96, **mm)
            self.fields[f"{key}_width"] = LocalDecimalField(
                label=f"{label}: độ rộng", min_value=1, max_value=1000, **mm
            )
            self.fields[f"{key}_align"] = forms.ChoiceField(
                label=f"{label}: căn lề",
                choices=[("left", "trái"), ("center", "giữa"), ("right", "phải")],
                required=False,
            )
            self.fields[f"{key}_lines"] = forms.IntegerField(
                label=f"{label}: số dòng", min_value=1, max_value=20, required=False
            )
            self.fields[f"{key}_bold"] = forms.BooleanField(required=False)
            self.fields[f"{key}_italic"] = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        for key, label in self.keys:
            if data.get(f"{key}_on"):
                for part, what in (("x", "ngang"), ("y", "dọc")):
                    if data.get(f"{key}_{part}") is None and f"{key}_{part}" not in self.errors:
                        self.add_error(f"{key}_{part}", f"Cần vị trí {what} của “{label}”.")
        return data

    def layout_fields(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "key": key,
                "x": float(d[f"{key}_x"]),
                "y": float(d[f"{key}_y"]),
                "size": float(d[f"{key}_size"] if d[f"{key}_size"] is not None else 14),
                "width": float(d[f"{key}_width"] if d[f"{key}_width"] is not None else 100),
                "align": d[f"{key}_align"] or "left",
                "lines": d[f"{key}_lines"] or 1,
                "bold": d[f"{key}_bold"],
                "italic": d[f"{key}_italic"],
            }
            for key, _label in self.keys
            if d.get(f"{key}_on")
        ]


class EscalateForm(_Form):
    khen_thuong = forms.ModelChoiceField(label="Khen thưởng", queryset=None)

    def __init__(self, *args, awards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["khen_thuong"].queryset = awards
