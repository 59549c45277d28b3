from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from guongsang.accounts.access import get_campaign_for_user
from guongsang.accounts.permissions import can, units_for, visible_units
from guongsang.awards.certificates import can_print
from guongsang.awards.models import AwardDecision
from guongsang.campaigns import services
from guongsang.campaigns.documents import plan_context, render_plan_docx
from guongsang.campaigns.forms import ROWS_MAX, SECTIONS, CampaignForm, CreateForm, ParticipantsForm, section_formset
from guongsang.campaigns.models import Campaign
from guongsang.campaigns.permissions import (
    ancestor_paths,
    can_approve_campaign,
    can_follow_campaign,
    can_manage_campaign,
)
from guongsang.documents import issued
from guongsang.documents.responses import document_response
from guongsang.lib.http import check_form_counts, id_param
from guongsang.nominations.services import nominating_units

S = Campaign.Status


def acting_unit(request, units):
    """The unit a unit-side page is for: `don_vi` in the request if it is one of `units`, else the first;
    404 when the user acts for none."""
    chosen = id_param(request.GET.get("don_vi") or request.POST.get("don_vi"), "Đơn vị")
    unit = units.filter(pk=chosen).first() if chosen is not None else units.first()
    if unit is None:
        raise Http404
    return unit, units


def _managed(request, pk: int) -> Campaign:
    campaign = get_campaign_for_user(request.user, pk)
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý của đơn vị ban hành mới sửa được kế hoạch.")
    return campaign


@login_required
def campaign_list(request):
    own = (
        Campaign.objects.filter(issuer__in=visible_units(request.user))
        .select_related("issuer")
        .order_by("-date", "-id")
    )
    taking_part = (
        Campaign.objects.filter(
            status__in=[S.ISSUED, S.CLOSED], participations__unit__path__in=ancestor_paths(request.user)
        )
        .exclude(pk__in=own.values("pk"))
        .select_related("issuer")
        .distinct()
        .order_by("-date", "-id")
    )
    can_create = units_for(request.user, "campaign.manage").exists()
    return render(
        request, "campaigns/list.html", {"own": own[:200], "taking_part": taking_part[:200], "can_create": can_create}
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    issuers = units_for(request.user, "campaign.manage").filter(active_to__isnull=True).order_by("path")
    if not issuers.exists():
        raise PermissionDenied("Bạn không phải cán bộ quản lý của đơn vị nào.")
    sources = Campaign.objects.filter(pk__in=_copyable(request.user)).select_related("issuer")
    form = CreateForm(
        request.POST or None,
        issuers=issuers,
        sources=sources,
        initial={"issuer": issuers.first(), "source": request.GET.get("tu")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["mode"] == "copy":
                campaign = services.campaign_copy(
                    actor=request.user,
                    source=data["source"],
                    issuer=data["issuer"],
                    offset_days=data["offset_days"] or 0,
                )
            elif data["mode"] == "derive":
                campaign = services.campaign_derive(actor=request.user, parent=data["source"], issuer=data["issuer"])
            else:
                campaign = services.campaign_create(actor=request.user, issuer=data["issuer"], title=data["title"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã tạo dự thảo kế hoạch.")
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/create.html", {"form": form})


def _copyable(user):
    own = Campaign.objects.filter(issuer__in=visible_units(user)).values_list("pk", flat=True)
    parents = Campaign.objects.filter(
        status__in=[S.ISSUED, S.CLOSED], participations__unit__path__in=ancestor_paths(user)
    ).values_list("pk", flat=True)
    return list(own) + list(parents)


@login_required
def campaign_detail(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    manage = can_manage_campaign(request.user, campaign)
    context = {
        "campaign": campaign,
        "doc": plan_context(campaign),
        "deadlines": campaign.deadlines.prefetch_related("audience_kinds"),
        "award_forms": campaign.award_forms.select_related("deadline"),
        "manage": manage,
        "approve": can_approve_campaign(request.user, campaign),
        "follow": campaign.status in (S.ISSUED, S.CLOSED) and can_follow_campaign(request.user, campaign),
        "problems": services.issue_problems(campaign)
        if manage and campaign.status in (S.DRAFT, S.SUBMITTED, S.APPROVED)
        else [],
        "participants": campaign.participations.select_related("unit", "unit__kind").order_by("unit__path")[:300]
        if campaign.status in (S.ISSUED, S.CLOSED)
        else services.participant_units(campaign)[:300],
        "amendments": campaign.amendments.select_related("by"),
        "sections": [(slug, title) for slug, (title, _m, _f) in SECTIONS.items()],
        "issuer_visible": can(request.user, "unit.view", campaign.issuer),
        "can_nominate": nominating_units(request.user, campaign).exists(),
        "can_report": campaign.sections.exists() and nominating_units(request.user, campaign).exists(),
        "reviewing": campaign.reviewer_assignments.filter(reviewer=request.user).exists(),
        "notices": campaign.award_lists.filter(notice_from__isnull=False).select_related("award_form"),
        # The office prints the certificates of a signed decision: its way to the decision page.
        "to_print": _signed_decisions(campaign) if can_print(request.user, campaign.issuer) else [],
        "kept": issued.versions(issued.plan_key(campaign.pk)) if campaign.status in (S.ISSUED, S.CLOSED) else [],
    }
    return render(request, "campaigns/detail.html", context)


def _signed_decisions(campaign):
    return AwardDecision.objects.filter(award_list__campaign=campaign, status=AwardDecision.Status.SIGNED).order_by(
        "number"
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int):
    campaign = _managed(request, pk)
    issued = campaign.status == S.ISSUED
    form = CampaignForm(request.POST or None, instance=Campaign.objects.get(pk=pk), issued=issued)
    participants = ParticipantsForm(
        request.POST or None,
        prefix="p",
        initial={
            "kinds": campaign.participant_kinds.all(),
            "unit_codes": ", ".join(campaign.participant_units.values_list("code", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid() and participants.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "amendment_reason"}
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                amendment_reason=form.cleaned_data.get("amendment_reason", ""),
                **fields,
            )
            services.set_participants(
                actor=request.user,
                campaign=campaign,
                kinds=participants.cleaned_data["kinds"],
                unit_codes=participants.cleaned_data["unit_codes"],
                amendment_reason=form.cleaned_data.get("amendment_reason", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu kế hoạch.")
            return redirect("campaigns:detail", pk=pk)
    return render(request, "campaigns/edit.html", {"campaign": campaign, "form": form, "participants": participants})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_section(request, pk: int, section: str):
    if section not in SECTIONS:
        raise Http404
    campaign = _managed(request, pk)
    if request.method == "POST":
        check_form_counts(request.POST, ROWS_MAX)
    title, formset = section_formset(section, campaign, request.POST or None)
    reason = request.POST.get("amendment_reason", "")
    if request.method == "POST" and formset.is_valid():
        try:
            services.save_children(
                actor=request.user, campaign=campaign, section=section, formset=formset, amendment_reason=reason
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã lưu mục “{title}”.")
            return redirect("campaigns:section", pk=pk, section=section)
    template = "campaigns/_section.html" if request.htmx else "campaigns/section.html"
    return render(
        request,
        template,
        {
            "campaign": campaign,
            "title": title,
            "formset": formset,
            "slug": section,
            "sections": [(s, t) for s, (t, _m, _f) in SECTIONS.items()],
            "issued": campaign.status == S.ISSUED,
            "reason": reason,
        },
    )


ACTIONS = {
    "trinh-duyet": (services.campaign_submit, "Đã trình lãnh đạo duyệt."),
    "duyet": (services.campaign_approve, "Đã duyệt kế hoạch."),
    "tra-lai": (services.campaign_return, "Đã trả lại dự thảo."),
    "ban-hanh": (services.campaign_issue, "Đã ban hành kế hoạch và thông báo các đơn vị tham gia."),
    "ket-thuc": (services.campaign_close, "Đã kết thúc đợt."),
}


@login_required
@require_POST
def campaign_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    campaign = get_campaign_for_user(request.user, pk)
    service, done = ACTIONS[action]
    kwargs = {"reason": request.POST.get("ly_do", "")} if action == "tra-lai" else {}
    try:
        service(actor=request.user, campaign=campaign, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("campaigns:detail", pk=pk)


@login_required
def plan_download(request, pk: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    campaign = get_campaign_for_user(request.user, pk)
    name = f"ke-hoach-{campaign.symbol.replace('/', '-') or campaign.pk}"
    fallback = reverse("campaigns:detail", kwargs={"pk": pk})
    if campaign.status in (Campaign.Status.ISSUED, Campaign.Status.CLOSED):  # as issued: the stored file
        kept = issued.kept_response(request, issued.plan_key(campaign.pk), name, fmt, fallback=fallback)
        if kept is not None:
            return kept
    return document_response(request, lambda: render_plan_docx(campaign), name, fmt, fallback=fallback)
