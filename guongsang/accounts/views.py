from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts import services
from guongsang.accounts.actions import filter_choices
from guongsang.accounts.forms import CodeForm, LoginForm, SetupForm
from guongsang.accounts.models import AuditEntry, Membership
from guongsang.accounts.permissions import grants, is_admin, paths_for, scope_filter, top_units
from guongsang.accounts.signals import SECOND_FACTOR
from guongsang.lib.http import id_param
from guongsang.notifications.models import Notice


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        old_key = self.request.session.session_key
        response = super().form_valid(form)  # keeps this sign-in under a new session key
        services.sign_in_rekeyed(old_key, self.request.session.session_key)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
def home(request):
    memberships = (
        Membership.objects.filter(user=request.user).select_related("unit", "unit__kind").order_by("unit__path")
    )
    # In-app notices to the units where the user holds a role (newest first).
    notices = Notice.objects.filter(unit_id__in={g.unit_id for g in grants(request.user)}).select_related("unit")
    from guongsang.accounts.todo import todo
    from guongsang.reports.workspace import unit_tasks

    context = {
        "todo": todo(request.user),
        "memberships": memberships,
        "top_units": top_units(request.user),
        "notices": notices[:10],
        "tasks": unit_tasks(request.user),
    }
    return render(request, "accounts/home.html", context)


@login_required
def audit_log(request):
    """Audit entries of the units the user may audit (their subtrees), newest first."""
    entries = AuditEntry.objects.all()
    if not is_admin(request.user):
        paths = paths_for(request.user, "audit.view")
        if not paths:
            raise Http404
        entries = entries.filter(scope_filter(paths, "unit_path"))
    action = request.GET.get("thao_tac", "").strip()
    choices = filter_choices()
    known = action in dict(choices)
    if action:  # one action as chosen; a typed prefix ("report.") keeps its group
        entries = entries.filter(action=action) if known else entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    context = {"page": page, "action": action, "actions": choices, "action_known": known}
    return render(request, "accounts/audit_log.html", context)


# Account security: two-factor sign-in and live sign-ins ------------------------------------------


def _next(request, default: str = "accounts:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


@login_required
def security(request):
    """The user's own security page: two-factor sign-in and the live sign-ins."""
    user = request.user
    context = {
        "second_factor": services.second_factor_on(user),
        "required": services.second_factor_required(user),
        "codes_left": services.recovery_codes_left(user),
        "sign_ins": services.live_sign_ins(user),
        "current_key": request.session.session_key,
        "form": CodeForm(),
    }
    return render(request, "accounts/security.html", context)


@login_required
def second_factor(request):
    """The second step of signing in: a code from the app or a recovery code."""
    if request.session.get(SECOND_FACTOR) != "verify":
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    wait = services.throttled_until(request.user)
    if request.method == "POST" and form.is_valid():
        device = services.verify_second_factor(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            del request.session[SECOND_FACTOR]
            if device.name == services.RECOVERY:
                messages.warning(
                    request,
                    f"Bạn vừa dùng một mã dự phòng; còn {services.recovery_codes_left(request.user)} mã. "
                    "Hãy tạo mã mới ở trang Bảo mật tài khoản nếu sắp hết.",
                )
            return redirect(_next(request))
        wait = services.throttled_until(request.user)
        form.add_error("code", "Mã không đúng, đã dùng, hoặc đã hết hạn.")
    status = 200 if request.method == "GET" or form.is_valid() else 400
    context = {"form": form, "wait": wait, "next": _next(request)}
    return render(request, "accounts/second_factor.html", context, status=status)


@login_required
def second_factor_setup(request):
    """Turn two-factor sign-in on: scan the code into an authenticator app, type one code back. Not while
    a sign-in waits for its code, and not over a device already on (turning it off takes a code)."""
    if request.session.get(SECOND_FACTOR) == "verify":
        return redirect("accounts:second_factor")
    if services.second_factor_on(request.user):
        messages.info(request, "Xác thực hai bước đã bật.")
        return redirect("accounts:security")
    device = None
    if request.method == "POST":
        form = SetupForm(request.POST)
        if form.is_valid():
            try:
                codes = services.totp_confirm(
                    actor=request.user, device_id=form.cleaned_data["device"], code=form.cleaned_data["code"]
                )
            except services.SecurityError as exc:
                form.add_error("code", str(exc))
            else:
                otp_login(request, TOTPDevice.objects.get(pk=form.cleaned_data["device"]))
                request.session.pop(SECOND_FACTOR, None)
                return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        device_id = form.cleaned_data.get("device") if hasattr(form, "cleaned_data") else None
        device = TOTPDevice.objects.filter(pk=device_id or 0, user=request.user, confirmed=False).first()
    if device is None:  # a first visit, or the one being set up has gone: start (again)
        device = services.totp_begin(actor=request.user)
    if request.method != "POST":
        form = SetupForm(initial={"device": device.pk})
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "device": device,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": request.session.get(SECOND_FACTOR) == "setup",
        "next": _next(request, "accounts:security"),
    }
    return render(request, "accounts/second_factor_setup.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def security_action(request, action: str):
    """Renew the recovery codes or turn two-factor sign-in off (each after a current code); end one
    sign-in or every sign-in."""
    user = request.user
    try:
        if action == "ma-du-phong" or action == "tat":
            form = CodeForm(request.POST)
            if not form.is_valid():
                raise services.SecurityError(form.errors["code"][0])
            if action == "tat":
                services.second_factor_off(actor=user, code=form.cleaned_data["code"])
                messages.success(request, "Đã tắt xác thực hai bước.")
                return redirect("accounts:security")
            codes = services.recovery_codes_renew(actor=user, code=form.cleaned_data["code"])
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:security")}
            )
        if action == "ket-thuc-phien":
            sign_in_id = id_param(request.POST.get("phien"), "Phiên đăng nhập")
            if sign_in_id is None:
                raise services.SecurityError("Chưa chọn phiên đăng nhập.")
            services.end_sign_in(actor=user, sign_in_id=sign_in_id)
            messages.success(request, "Đã đăng xuất phiên đó.")
            return redirect("accounts:security")
        if action == "dang-xuat-moi-noi":
            services.end_every_sign_in(actor=user)
            logout(request)
            messages.success(request, "Đã đăng xuất khỏi mọi nơi. Hãy đăng nhập lại.")
            return redirect("accounts:login")
    except services.SecurityError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:security")
    raise Http404
