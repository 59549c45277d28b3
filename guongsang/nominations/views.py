from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from guongsang.accounts.access import get_campaign_for_user, get_nomination_for_user
from guongsang.accounts.permissions import can
from guongsang.accounts.personal import policy_for
from guongsang.campaigns.models import Campaign, NomineeKind
from guongsang.campaigns.views import acting_unit
from guongsang.documents.responses import document_response
from guongsang.lib.filenames import attachment_header
from guongsang.lib.forms import add_service_errors, run_action
from guongsang.lib.http import id_param
from guongsang.nominations import documents, services
from guongsang.nominations import rules as R
from guongsang.nominations.checks import check_unit_nominations
from guongsang.nominations.facts import campaign_rules, unit_facts
from guongsang.nominations.forms import NominationForm
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.nominations.uploads import served


def _unit(request, campaign: Campaign):
    return acting_unit(request, services.nominating_units(request.user, campaign))


@login_required
def unit_nominations(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    unit, units = _unit(request, campaign)
    rules = campaign_rules(campaign)
    held = services.counts_of(campaign, unit, states=services.ACTIVE)
    policy = policy_for(request.user)
    quota = R.quota_for(rules.quotas, unit.kind.code)
    left = R.remaining(rules.quotas, unit_facts(unit), held)
    rows = [  # a fixed number of queries, however many rows
        (n, policy.nomination_findings(findings, n)) for n, findings in check_unit_nominations(campaign, unit)
    ]
    context = {
        "campaign": campaign,
        "unit": unit,
        "units": units,
        "rows": rows,
        "rules": rules,
        "quota": quota,
        "left": left,
        # Each kind with its places left, and whether the unit has used some: a kind it has used up is shown
        # as such, not as a link; a kind its quota never gave is not offered.
        "kinds": [(value, label, left.get(value, 0), held.get(value, 0)) for value, label in NomineeKind.choices],
        "none_left": quota is not None and not any(left.values()),
        "deadline": rules.deadline,
        "unit_findings": R.check_quota(rules.quotas, unit_facts(unit), held),
    }
    return render(request, "nominations/list.html", context)


def _form_context(request, campaign, unit, kind, nomination=None, form=None):
    form = form or NominationForm(instance=nomination, kind=kind, campaign=campaign, unit=unit)
    rules = campaign_rules(campaign)
    requirements = [r for r in campaign.dossier_requirements.all() if kind in r.nominee_kinds]
    files = {f.requirement_id: f for f in nomination.files.all()} if nomination else {}
    checked = nomination or (form.instance if form.is_bound else None)
    return {
        "campaign": campaign,
        "unit": unit,
        "kind": kind,
        "kind_name": NomineeKind(kind).label,
        "form": form,
        "nomination": nomination,
        "requirements": [(r, files.get(r.pk)) for r in requirements],
        "findings": services.findings_shown(request.user, checked) if checked else [],
        "checked": checked is not None,
        "deadline": rules.deadline,
        "can_submit": nomination is not None and can(request.user, "nomination.submit", unit),
    }


def _save(request, form, campaign, unit, kind, nomination=None):
    data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("new_person_")}
    new_person = None
    if kind == NomineeKind.INDIVIDUAL and not data.get("person") and form.cleaned_data.get("new_person_name"):
        new_person = {
            "full_name": form.cleaned_data["new_person_name"],
            "title": form.cleaned_data.get("new_person_title") or "",
            "birth_year": form.cleaned_data.get("new_person_birth_year"),
        }
    try:
        return services.nomination_save(
            actor=request.user,
            campaign=campaign,
            unit=unit,
            nomination=nomination,
            kind=kind,
            new_person=new_person,
            **data,
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    unit, _units = _unit(request, campaign)
    kind = request.GET.get("loai") or request.POST.get("loai")
    if kind not in NomineeKind.values:
        raise Http404
    draft = Nomination(campaign=campaign, unit=unit, kind=kind)  # what the findings of a refused form are about
    form = NominationForm(request.POST or None, instance=draft, kind=kind, campaign=campaign, unit=unit)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, campaign, unit, kind)
        if saved:
            messages.success(request, "Đã lưu đề nghị. Hãy tải lên các giấy tờ còn thiếu.")
            return redirect("nominations:edit", pk=saved.pk)
    return render(request, "nominations/form.html", _form_context(request, campaign, unit, kind, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request, pk: int):
    n = get_nomination_for_user(request.user, pk)
    form = NominationForm(request.POST or None, instance=n, kind=n.kind, campaign=n.campaign, unit=n.unit)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, n.campaign, n.unit, n.kind, nomination=n):
            messages.success(request, "Đã lưu đề nghị.")
            return redirect("nominations:edit", pk=n.pk)
        n.refresh_from_db()
    return render(request, "nominations/form.html", _form_context(request, n.campaign, n.unit, n.kind, n, form))


@login_required
@require_POST
def live_check(request, pk: int):
    """Findings for the form as it stands, without saving (htmx)."""
    campaign = get_campaign_for_user(request.user, pk)
    unit, _units = _unit(request, campaign)
    kind = request.POST.get("loai")
    if kind not in NomineeKind.values:
        raise Http404
    existing = id_param(request.POST.get("de_nghi"), "Đề nghị")
    instance = (
        get_nomination_for_user(request.user, existing)
        if existing is not None
        else Nomination(campaign=campaign, unit=unit, kind=kind)
    )
    form = NominationForm(request.POST, instance=instance, kind=kind, campaign=campaign, unit=unit)
    form.is_valid()  # fills the instance with what parses; errors are shown on save
    try:
        services._validate_nominee(form.instance)
        problems = []
    except ValidationError as exc:
        problems = exc.messages
    findings = services.findings_shown(request.user, form.instance)
    return render(request, "nominations/_findings.html", {"findings": findings, "problems": problems, "checked": True})


@login_required
@require_POST
def upload(request, pk: int, requirement_pk: int):
    n = get_nomination_for_user(request.user, pk)
    requirement = get_object_or_404(n.campaign.dossier_requirements, pk=requirement_pk)
    file = request.FILES.get("tep")
    if file is None:
        messages.error(request, "Chưa chọn tệp.")
    else:
        try:
            services.upload_dossier_file(actor=request.user, nomination=n, requirement=requirement, upload=file)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã tải lên “{requirement.document}”.")
    return redirect("nominations:edit", pk=n.pk)


@login_required
def download(request, pk: int):
    record = get_object_or_404(DossierFile.objects.select_related("nomination"), pk=pk)
    get_nomination_for_user(request.user, record.nomination_id)
    name, content_type = served(record.original_name, record.content_type)  # both from the checked type
    response = FileResponse(record.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = attachment_header(name)
    return response


@login_required
@require_POST
def submit(request, pk: int):
    n = get_nomination_for_user(request.user, pk)
    run_action(
        request, lambda: services.nomination_submit(actor=request.user, nomination=n), "Đã xác nhận và gửi đề nghị."
    )
    return redirect("nominations:edit", pk=n.pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    n = get_nomination_for_user(request.user, pk)
    run_action(request, lambda: services.nomination_withdraw(actor=request.user, nomination=n), "Đã rút đề nghị.")
    return redirect("nominations:edit", pk=n.pk)


@login_required
def proposal_docx(request, pk: int):
    """The unit's Tờ trình with the list of its nominations (submitted first, then drafts)."""
    campaign = get_campaign_for_user(request.user, pk)
    unit, _units = _unit(request, campaign)
    nominations = list(
        Nomination.objects.filter(campaign=campaign, unit=unit, state__in=services.ACTIVE)
        .select_related("person", "person__unit", "nominee_unit", "model_unit", "award_form")
        .order_by("-state", "kind", "id")
    )
    return document_response(
        request,
        lambda: documents.proposal_letter(campaign, unit, nominations),
        f"to-trinh-{unit.code}",
        fallback=reverse("nominations:unit_list", kwargs={"pk": campaign.pk}) + f"?don_vi={unit.pk}",
    )


@login_required
def achievement_docx(request, pk: int):
    n = get_nomination_for_user(request.user, pk)
    return document_response(
        request,
        lambda: documents.achievement_report(n, viewer=request.user),
        f"bao-cao-thanh-tich-{n.pk}",
        fallback=reverse("nominations:edit", kwargs={"pk": n.pk}),
    )
