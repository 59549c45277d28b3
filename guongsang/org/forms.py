from django import forms
from django.core.exceptions import ValidationError

from guongsang.accounts.permissions import can
from guongsang.lib.forms import guard_fields, name_the_empty_choice
from guongsang.org.models import Unit, UnitKind

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_fields(self)
        name_the_empty_choice(self)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                continue
            if isinstance(widget, forms.Textarea) and widget.attrs.get("rows") in (None, 10, "10"):
                widget.attrs["rows"] = 2
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class UnitForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    short_name = forms.CharField(label="Tên ngắn", max_length=120, required=False)
    kind = forms.ModelChoiceField(label="Loại đơn vị", queryset=UnitKind.objects.all())
    code = forms.CharField(label="Mã đơn vị", max_length=40)
    abbreviation = forms.CharField(
        label="Ký hiệu trong số văn bản", max_length=40, required=False, help_text="Ví dụ HU, ĐUK, BTGDVTU."
    )
    place_name = forms.CharField(label="Địa danh ghi ngày tháng", max_length=80, required=False)
    signer_title = forms.CharField(
        label="Chức vụ người ký văn bản", max_length=80, required=False, help_text="Ví dụ Bí thư, Chủ tịch."
    )
    signer_name = forms.CharField(label="Họ tên người ký văn bản", max_length=120, required=False)
    header_lines = forms.CharField(
        label="Tiêu đề trong văn bản (nếu khác)",
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một dòng; dòng đầu là tên cấp trên. Để trống thì tính theo tên đơn vị và cấp trên.",
    )
    party_member_count = forms.IntegerField(
        label="Số đảng viên",
        min_value=0,
        required=False,
        error_messages={"min_value": "Số đảng viên không được âm.", "invalid": "Số đảng viên phải là số nguyên."},
    )
    active_from = forms.DateField(label="Hoạt động từ ngày", required=False, widget=DATE_WIDGET)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=40, required=False)

    @classmethod
    def initial_for(cls, unit: Unit) -> dict:
        return {name: getattr(unit, name) for name in cls.base_fields}


class UnitEndForm(BootstrapMixin, forms.Form):
    end_date = forms.DateField(label="Kết thúc hoạt động ngày", widget=DATE_WIDGET)
    successor_code = forms.CharField(label="Mã đơn vị kế tục (nếu sáp nhập, hợp nhất, đổi tên)", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_successor_code(self) -> Unit | None:
        return _unit_by_code(self.user, self.cleaned_data["successor_code"], required=False)


class UnitMoveForm(BootstrapMixin, forms.Form):
    parent_code = forms.CharField(label="Mã đơn vị cấp trên mới")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_parent_code(self) -> Unit:
        return _unit_by_code(self.user, self.cleaned_data["parent_code"], required=True)


def _unit_by_code(user, code: str, *, required: bool) -> Unit | None:
    code = (code or "").strip()
    if not code:
        if required:
            raise ValidationError("Cần nhập mã đơn vị.")
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not can(user, "unit.view", unit):
        raise ValidationError(f"Không tìm thấy đơn vị mã “{code}” trong phạm vi của bạn.")
    return unit
