from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy

from guongsang.accounts.forms import LoginForm
from guongsang.accounts.models import AuditEntry, Membership
from guongsang.accounts.permissions import AUDIT_ROLES, grants, is_admin, scope_filter, scope_paths, top_units
from guongsang.notifications.models import Notice


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
def home(request):
    memberships = (
        Membership.objects.filter(user=request.user).select_related("unit", "unit__kind").order_by("unit__path")
    )
    # In-app notices to the units where the user holds a role (newest first).
    notices = Notice.objects.filter(unit_id__in={g.unit_id for g in grants(request.user)}).select_related("unit")
    from guongsang.reports.workspace import unit_tasks

    context = {
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
        paths = scope_paths(request.user, AUDIT_ROLES)
        if not paths:
            raise Http404
        entries = entries.filter(scope_filter(paths, "unit_path"))
    action = request.GET.get("thao_tac", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    return render(request, "accounts/audit_log.html", {"page": page, "action": action})
