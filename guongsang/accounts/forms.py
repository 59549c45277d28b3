from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Mật khẩu", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": (
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: sai nhiều lần liên tiếp sẽ tạm khóa đăng nhập."
        ),
        "inactive": "Tài khoản này đã bị khóa.",
    }


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or a recovery code (8 letters and digits)."""

    code = forms.CharField(
        label="Mã xác thực",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": "Hãy nhập mã.", "max_length": "Mã quá dài."},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not code.isalnum():
            raise forms.ValidationError("Mã chỉ gồm chữ số (mã ứng dụng) hoặc chữ và số (mã dự phòng).")
        return code


class SetupForm(CodeForm):
    device = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
