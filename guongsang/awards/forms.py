from django import forms

from guongsang.awards.decisions import DECISION_FIELDS
from guongsang.awards.models import AwardDecision
from guongsang.lib.forms import guard_ids


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
        guard_ids(self)
        # A draft may wait for its signer; signing refuses a decision without one.
        for name in ("signer_title", "signer_name"):
            self.fields[name].required = False
