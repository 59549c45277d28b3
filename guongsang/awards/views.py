"""Selection and award pages. Views read the request, call one service, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from guongsang.accounts.access import get_campaign_for_user
from guongsang.accounts.models import Membership
from guongsang.accounts.permissions import roles_of
from guongsang.accounts.personal import policy_for
from guongsang.awards import certificates, decisions, escalation, selection
from guongsang.awards import forms as F
from guongsang.awards.documents import decision_docx, models_book
from guongsang.awards.forms import DecisionForm
from guongsang.awards.models import (
    Award,
    AwardDecision,
    AwardList,
    CertificateBatch,
    CertificateLayout,
    Escalation,
    PrinterCalibration,
    Review,
    ReviewerAssignment,
)
from guongsang.campaigns.models import AwardForm, Campaign, NomineeKind
from guongsang.campaigns.permissions import can_approve_campaign, can_manage_campaign, can_view_campaign
from guongsang.documents import issued
from guongsang.documents.issuers import IssuerIncomplete
from guongsang.documents.responses import document_response
from guongsang.lib.filenames import attachment_header
from guongsang.lib.forms import add_service_errors, form_accepted, form_errors, report_refusal, run_action
from guongsang.lib.http import id_param
from guongsang.nominations import rules as R
from guongsang.nominations.models import Nomination
from guongsang.org.models import UnitKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _managed(request, pk: int) -> Campaign:
    return get_campaign_for_user(request.user, pk, "campaign.manage")


def _issuer_side(request, pk: int) -> Campaign:
    """Managers and leaders of the issuer (the selection page is read by both)."""
    campaign = get_campaign_for_user(request.user, pk)
    if not (can_manage_campaign(request.user, campaign) or can_approve_campaign(request.user, campaign)):
        raise PermissionDenied("Chỉ cán bộ quản lý và lãnh đạo của đơn vị ban hành xem được trang này.")
    return campaign


def _nomination(request, pk: int) -> Nomination:
    n = get_object_or_404(Nomination.objects.select_related("campaign", "campaign__issuer", "unit"), pk=pk)
    if not can_view_campaign(request.user, n.campaign):
        raise Http404
    return n


def _award_list(request, pk: int) -> AwardList:
    award_list = get_object_or_404(
        AwardList.objects.select_related("campaign", "campaign__issuer", "award_form"), pk=pk
    )
    if not can_view_campaign(request.user, award_list.campaign):
        raise Http404
    return award_list


def _decision(request, pk: int) -> AwardDecision:
    d = get_object_or_404(
        AwardDecision.objects.select_related("award_list__campaign__issuer", "award_list__award_form"), pk=pk
    )
    campaign = d.award_list.campaign
    if not can_view_campaign(request.user, campaign):
        raise Http404
    if not _may_see_decision(request.user, campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý, lãnh đạo và văn phòng của đơn vị ban hành xem được quyết định.")
    return d


def _may_see_decision(user, campaign) -> bool:
    """Managers draft it, leaders sign it, the office prints its certificates."""
    return (
        can_manage_campaign(user, campaign)
        or can_approve_campaign(user, campaign)
        or certificates.can_print(user, campaign.issuer)
    )


def _printing(request, pk: int) -> AwardDecision:
    """A decision's certificate pages (layout, printer calibration, test page): the issuer's managers
    and office, as `certificates.can_print` says."""
    d = get_object_or_404(
        AwardDecision.objects.select_related("award_list__campaign__issuer", "award_list__award_form"), pk=pk
    )
    if not can_view_campaign(request.user, d.award_list.campaign):
        raise Http404
    if not certificates.can_print(request.user, d.award_list.campaign.issuer):
        raise PermissionDenied("Chỉ cán bộ quản lý hoặc văn phòng của đơn vị ban hành in giấy khen.")
    return d


# --- screening ---------------------------------------------------------------------------------


@login_required
def screening(request, pk: int):
    campaign = _managed(request, pk)
    filters = selection.ScreeningFilters(
        unit_kind=request.GET.get("loai_don_vi", ""),
        award_form=id_param(request.GET.get("hinh_thuc"), "Hình thức khen thưởng"),
        screening=request.GET.get("tham_dinh", ""),
        finding=request.GET.get("ket_qua_kiem_tra", ""),
    )
    policy = policy_for(request.user)
    rows = [(n, policy.nomination_findings(f, n)) for n, f in selection.screening_rows(campaign, filters)]
    context = {
        "campaign": campaign,
        "rows": [
            (
                n,
                [f for f in findings if f.severity in (R.BLOCK, R.WARN)],
                [f for f in findings if f.severity == R.REVIEW],
                R.blocking(findings),
                n.state == Nomination.State.SUBMITTED and not hasattr(n, "list_entry"),
            )
            for n, findings in rows
        ],
        "filters": filters,
        "unit_kinds": UnitKind.objects.filter(pk__in=campaign.participations.values("unit__kind")),
        "award_forms": campaign.award_forms.filter(is_escalation=False),
        "screenings": Nomination.Screening.choices,
        "findings": [
            ("block", "Có điều kiện chưa đạt"),
            ("review", "Có tiêu chuẩn cần thẩm định viên đánh giá"),
            ("late", "Nộp muộn"),
            ("clean", "Đạt mọi điều kiện kiểm tra được"),
        ],
    }
    return render(request, "awards/screening.html", context)


@login_required
@require_POST
def screen(request, pk: int):
    n = _nomination(request, pk)
    form = F.ScreeningForm(request.POST)
    if form_accepted(request, form):
        data = form.cleaned_data
        run_action(
            request,
            lambda: selection.screen(actor=request.user, nomination=n, verdict=data["ket_qua"], reason=data["ly_do"]),
            f"Đã ghi kết quả thẩm định: {n.nominee_name}.",
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("awards:screening", args=[n.campaign_id])
    return redirect(back)


@login_required
@require_POST
def screen_many(request, pk: int):
    """Bulk screening: the first POST shows what will change; the confirmed one does it."""
    campaign = _managed(request, pk)
    form = F.BulkScreeningForm(request.POST, campaign=campaign)
    if not form_accepted(request, form):
        return redirect("awards:screening", pk=campaign.pk)
    ids, verdict, reason = form.cleaned_data["de_nghi"], form.cleaned_data["ket_qua"], form.cleaned_data["ly_do"]
    if not form.cleaned_data["xac_nhan"]:
        chosen = Nomination.objects.filter(campaign=campaign, pk__in=ids).select_related(
            "unit", "person", "nominee_unit"
        )
        if not chosen:
            messages.error(request, "Chưa chọn đề nghị nào.")
            return redirect("awards:screening", pk=campaign.pk)
        context = {
            "campaign": campaign,
            "chosen": chosen,
            "verdict": verdict,
            "verdict_label": dict(Nomination.Screening.choices).get(verdict, ""),
            "reason": reason,
        }
        return render(request, "awards/screen_confirm.html", context)
    run_action(
        request,
        lambda: selection.screen_many(actor=request.user, campaign=campaign, ids=ids, verdict=verdict, reason=reason),
        f"Đã ghi kết quả thẩm định cho {len(ids)} đề nghị.",
    )
    return redirect("awards:screening", pk=campaign.pk)


# --- review ------------------------------------------------------------------------------------


@login_required
def review_list(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    nominations = selection.reviewable(request.user, campaign)
    mine = {r.nomination_id: r for r in Review.objects.filter(reviewer=request.user, nomination__in=nominations)}
    if not nominations and not ReviewerAssignment.objects.filter(campaign=campaign, reviewer=request.user).exists():
        raise PermissionDenied("Bạn chưa được phân công thẩm định trong kế hoạch này.")
    rows = [(n, mine.get(n.pk)) for n in nominations]
    return render(request, "awards/review_list.html", {"campaign": campaign, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    n = _nomination(request, pk)
    if n not in selection.reviewable(request.user, n.campaign):
        raise PermissionDenied("Đề nghị này không thuộc phạm vi bạn được phân công thẩm định.")
    items = selection.rubric_for(n.campaign, n.kind)
    existing = Review.objects.filter(nomination=n, reviewer=request.user).first()
    errors = []
    if request.method == "POST":
        form = F.ReviewForm(request.POST, items=items)
        values = {str(i.pk): request.POST.get(f"diem_{i.pk}", "")[:20] for i in items}  # shown again as typed
        if not form.is_valid():
            errors = form_errors(form)
        else:
            data = form.cleaned_data
            try:
                if data["xung_dot"]:
                    selection.declare_conflict(actor=request.user, nomination=n, reason=data["ly_do"])
                    messages.success(request, "Đã ghi xung đột lợi ích; bạn không chấm đề nghị này.")
                else:
                    selection.review_save(
                        actor=request.user, nomination=n, scores=form.scores(), comment=data["nhan_xet"]
                    )
                    messages.success(request, f"Đã lưu điểm: {n.nominee_name}.")
                return redirect("awards:review_list", pk=n.campaign_id)
            except (selection.SelectionError, PermissionDenied) as exc:
                errors = getattr(exc, "messages", [str(exc)])
    else:
        values = existing.scores if existing else {}
    rows = [(i, values.get(str(i.pk), "")) for i in items]
    files = n.files.select_related("requirement")
    context = {"n": n, "campaign": n.campaign, "rows": rows, "review": existing, "errors": errors, "files": files}
    return render(request, "awards/review.html", context)


# --- the selection page: reviewers, scores, vote, caps, the list --------------------------------


@login_required
def selection_page(request, pk: int):
    campaign = _issuer_side(request, pk)
    forms = []
    for form in campaign.award_forms.filter(is_escalation=False):
        award_list = selection.award_list_for(form)
        forms.append(
            {
                "form": form,
                "list": award_list,
                "places": selection.places(award_list),
                "ranking": selection.ranking(campaign, form),
                "comments": award_list.comments.select_related("nomination", "nomination__person"),
                "notice_open": selection.notice_open(award_list),
                "decision": getattr(award_list, "decision", None),
            }
        )
    users = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(unit=campaign.issuer, role__in=roles_of("nomination.review")).values("user_id")
    )
    context = {
        "campaign": campaign,
        "forms": forms,
        "manage": can_manage_campaign(request.user, campaign),
        "approve": can_approve_campaign(request.user, campaign),
        "assignments": ReviewerAssignment.objects.filter(campaign=campaign).select_related(
            "reviewer", "award_form", "unit_kind"
        ),
        "reviewers": users,
        "award_forms": campaign.award_forms.filter(is_escalation=False),
        "unit_kinds": UnitKind.objects.filter(pk__in=campaign.participations.values("unit__kind")),
        "rubric": list(campaign.rubric.all()) or selection.default_rubric(campaign),
        "rubric_saved": campaign.rubric.exists(),
        "kinds": NomineeKind.choices,
    }
    return render(request, "awards/selection.html", context)


@login_required
@require_POST
def rubric(request, pk: int):
    campaign = _managed(request, pk)
    rows, errors = F.rubric_rows(request.POST)
    if errors:
        messages.error(request, " ".join(errors))
    else:
        run_action(
            request,
            lambda: selection.rubric_save(actor=request.user, campaign=campaign, rows=rows),
            "Đã lưu bộ tiêu chí chấm.",
        )
    return redirect(reverse("awards:selection", args=[campaign.pk]) + "#tham-dinh")


@login_required
@require_POST
def assign(request, pk: int):
    campaign = _managed(request, pk)
    form = F.AssignmentForm(request.POST, campaign=campaign, reviewers=get_user_model().objects.all())
    if form_accepted(request, form):
        data = form.cleaned_data
        run_action(
            request,
            lambda: selection.assign_reviewer(
                actor=request.user,
                campaign=campaign,
                reviewer=data["nguoi_cham"],
                award_form=data["hinh_thuc"],
                unit_kind=data["loai_don_vi"],
            ),
            "Đã phân công thẩm định.",
        )
    return redirect(reverse("awards:selection", args=[campaign.pk]) + "#tham-dinh")


@login_required
@require_POST
def unassign(request, pk: int):
    assignment = get_object_or_404(ReviewerAssignment.objects.select_related("campaign", "reviewer"), pk=pk)
    _managed(request, assignment.campaign_id)
    run_action(
        request, lambda: selection.unassign_reviewer(actor=request.user, assignment=assignment), "Đã bỏ phân công."
    )
    return redirect(reverse("awards:selection", args=[assignment.campaign_id]) + "#tham-dinh")


@login_required
def scores_xlsx(request, pk: int):
    campaign = _issuer_side(request, pk)
    response = HttpResponse(selection.scores_workbook(campaign), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="diem-cham-{campaign.pk}.xlsx"'
    return response


@login_required
@require_POST
def vote(request, pk: int):
    n = _nomination(request, pk)
    form = F.VoteForm(request.POST)
    if form_accepted(request, form):
        data = form.cleaned_data
        run_action(
            request,
            lambda: selection.record_vote(
                actor=request.user,
                nomination=n,
                members_present=data["co_mat"],
                votes_for=data["tan_thanh"],
                votes_against=data["khong_tan_thanh"],
            ),
            f"Đã ghi biểu quyết: {n.nominee_name}.",
        )
    return redirect(reverse("awards:selection", args=[n.campaign_id]) + f"#hinh-thuc-{n.award_form_id}")


@login_required
@require_POST
def list_toggle(request, pk: int):
    n = _nomination(request, pk)
    form = F.ListToggleForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    if form.cleaned_data["bo"]:
        run_action(
            request, lambda: selection.remove_from_list(actor=request.user, nomination=n), "Đã đưa ra khỏi danh sách."
        )
    else:
        run_action(request, lambda: selection.add_to_list(actor=request.user, nomination=n), "Đã đưa vào danh sách.")
    return redirect(reverse("awards:selection", args=[n.campaign_id]) + f"#hinh-thuc-{n.award_form_id}")


LIST_ACTIONS = {
    "duyet": (lambda r, a: selection.approve_list(actor=r.user, award_list=a), "Đã duyệt danh sách."),
    "mo-lai": (lambda r, a: selection.reopen_list(actor=r.user, award_list=a), "Đã trả danh sách để sửa."),
    "cong-khai": (
        lambda r, a: selection.post_notice(actor=r.user, award_list=a, days=_notice_days(r)),
        "Đã công khai danh sách để lấy ý kiến.",
    ),
}


def _notice_days(request) -> int:
    form = F.NoticeDaysForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    return form.cleaned_data["so_ngay"]


@login_required
@require_POST
def list_action(request, pk: int, action: str):
    award_list = _award_list(request, pk)
    if action not in LIST_ACTIONS:
        raise Http404
    call, success = LIST_ACTIONS[action]
    run_action(request, lambda: call(request, award_list), success)
    return redirect(
        reverse("awards:selection", args=[award_list.campaign_id]) + f"#hinh-thuc-{award_list.award_form_id}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice(request, pk: int):
    """The list posted for comment, as every unit of the campaign sees it; comments go to the manager."""
    award_list = _award_list(request, pk)
    if award_list.notice_from is None:
        raise Http404
    if request.method == "POST":
        form = F.NoticeCommentForm(request.POST, award_list=award_list)
        if form_accepted(request, form) and run_action(
            request,
            lambda: selection.comment_on_notice(
                actor=request.user,
                award_list=award_list,
                text=form.cleaned_data["y_kien"],
                nomination=form.cleaned_data["de_nghi"],
            ),
            "Đã gửi ý kiến. Cảm ơn đồng chí.",
        ):
            return redirect("awards:notice", pk=award_list.pk)
    entries = award_list.entries.select_related(
        "nomination", "nomination__unit", "nomination__person", "nomination__person__unit", "nomination__nominee_unit"
    ).order_by("nomination__kind", "id")
    context = {
        "award_list": award_list,
        "campaign": award_list.campaign,
        "entries": entries,
        "open": selection.notice_open(award_list),
    }
    return render(request, "awards/notice.html", context)


# --- decision, certificates ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision(request, pk: int):
    """The decision of an approved list: draft it, take a number, download it, sign it."""
    award_list = _award_list(request, pk)
    campaign = award_list.campaign
    if not _may_see_decision(request.user, campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý, lãnh đạo và văn phòng của đơn vị ban hành xem được quyết định.")
    d = getattr(award_list, "decision", None)
    initial = decisions.decision_defaults(award_list) if d is None else None
    form = DecisionForm(request.POST or None, instance=d, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in decisions.DECISION_FIELDS if k in form.cleaned_data}
        try:
            d = decisions.decision_save(
                actor=request.user, award_list=award_list, allocate=bool(request.POST.get("cap_so")), **fields
            )
        except decisions.DecisionError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, "Đã lưu dự thảo quyết định." + (f" Số {d.symbol}." if d.number else ""))
            return redirect("awards:decision", pk=award_list.pk)
    context = {
        "award_list": award_list,
        "campaign": campaign,
        "form": form,
        "decision": d,
        "totals": decisions.money_totals(d) if d else None,
        "awards": d.awards.select_related("nomination", "nomination__person", "nomination__nominee_unit", "honor")
        if d
        else [],
        "manage": can_manage_campaign(request.user, campaign),
        "approve": can_approve_campaign(request.user, campaign),
        "print": certificates.can_print(request.user, campaign.issuer),
        "layouts": certificates.layouts_for(campaign.issuer),
        "calibrations": PrinterCalibration.objects.filter(unit=campaign.issuer),
        "batches": d.certificate_batches.all()[:5] if d else [],
        "style_label": dict(AwardDecision.Style.choices)[d.style if d else initial["style"]],
        "kept": issued.versions(issued.decision_key(d.pk)) if d and d.status == AwardDecision.Status.SIGNED else [],
    }
    return render(request, "awards/decision.html", context)


@login_required
@require_POST
def sign(request, pk: int):
    d = _decision(request, pk)
    run_action(
        request,
        lambda: decisions.decision_sign(actor=request.user, decision=d),
        "Đã ký ban hành quyết định; khen thưởng đã được ghi vào hồ sơ từng tập thể, cá nhân.",
    )
    return redirect("awards:decision", pk=d.award_list_id)


@login_required
def decision_download(request, pk: int, fmt: str):
    d = _decision(request, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    name = f"quyet-dinh-{d.number or 'du-thao'}-{d.award_list.campaign_id}"
    fallback = reverse("awards:decision", args=[d.award_list_id])
    if d.status == AwardDecision.Status.SIGNED:  # as signed: the stored file, never a new rendering
        kept = issued.kept_response(request, issued.decision_key(d.pk), name, fmt, fallback=fallback)
        if kept is not None:
            return kept
    return document_response(request, lambda: decision_docx(d), name, fmt, fallback=fallback)


@login_required
@require_POST
def certificates_start(request, pk: int):
    d = _printing(request, pk)
    issuer = d.award_list.campaign.issuer
    form = F.PrintForm(
        request.POST, layouts=certificates.layouts_for(issuer), printers=PrinterCalibration.objects.filter(unit=issuer)
    )
    if not form_accepted(request, form):
        return redirect("awards:decision", pk=d.award_list_id)
    layout, calibration = form.cleaned_data["mau"], form.cleaned_data["may_in"]
    if layout is None:
        raise Http404
    try:
        batch = certificates.start_batch(actor=request.user, decision=d, layout=layout, calibration=calibration)
    except (certificates.CertificateError, PermissionDenied) as exc:
        report_refusal(request, exc)
        return redirect("awards:decision", pk=d.award_list_id)
    return redirect("awards:batch", pk=batch.pk)


def _batch(request, pk: int) -> CertificateBatch:
    batch = get_object_or_404(CertificateBatch.objects.select_related("decision"), pk=pk)
    _printing(request, batch.decision_id)
    return batch


@login_required
def batch(request, pk: int):
    b = _batch(request, pk)
    template = "awards/_batch.html" if request.headers.get("HX-Request") else "awards/batch.html"
    return render(request, template, {"batch": b, "decision": b.decision, "campaign": b.decision.award_list.campaign})


@login_required
def batch_file(request, pk: int):
    b = _batch(request, pk)
    if b.status != CertificateBatch.Status.DONE:
        raise Http404
    name = f"giay-khen-{b.decision.number or b.decision.pk}.pdf"
    response = FileResponse(b.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = attachment_header(name)
    return response


def _layout(request, d: AwardDecision) -> CertificateLayout:
    """The layout named by `mau` (the unit's own or a shared one), else the first there is."""
    layouts = certificates.layouts_for(d.award_list.campaign.issuer)
    chosen = id_param(request.GET.get("mau") or request.POST.get("mau"), "Mẫu phôi")
    record = layouts.filter(pk=chosen).first() if chosen is not None else layouts.order_by("-unit_id", "pk").first()
    if record is None:
        raise Http404
    return record


@login_required
def test_page(request, pk: int):
    d = _printing(request, pk)
    issuer = d.award_list.campaign.issuer
    layout = _layout(request, d)
    may_in_id = id_param(request.GET.get("may_in"), "Máy in")
    calibration = PrinterCalibration.objects.filter(unit=issuer, pk=may_in_id or 0).first()
    try:
        data = certificates.test_page(layout, calibration)
    except certificates.CertificateError as exc:
        report_refusal(request, exc)
        return redirect("awards:decision", pk=d.award_list_id)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="trang-in-thu.pdf"'
    return response


@login_required
@require_POST
def calibration(request, pk: int):
    d = _printing(request, pk)
    issuer = d.award_list.campaign.issuer
    form = F.CalibrationForm(request.POST, printers=PrinterCalibration.objects.filter(unit=issuer))
    if form_accepted(request, form):
        data = form.cleaned_data
        run_action(
            request,
            lambda: certificates.calibration_save(
                actor=request.user,
                unit=issuer,
                name=data["ten"],
                offset_x=data["lech_ngang"],
                offset_y=data["lech_doc"],
                calibration=data["may_in"],
            ),
            "Đã lưu hiệu chỉnh máy in.",
        )
    return redirect(reverse("awards:decision", args=[d.award_list_id]) + "#giay-khen")


@login_required
@require_http_methods(["GET", "POST"])
def layout(request, pk: int):
    """Positions of the text on a blank, in millimetres; a shared layout is saved as the unit's own copy."""
    d = _printing(request, pk)
    record = _layout(request, d)
    issuer = d.award_list.campaign.issuer
    fields = record.fields
    if request.method == "POST":
        form = F.LayoutForm(request.POST, keys=certificates.FIELDS.items())
        if form_accepted(request, form):
            fields = form.layout_fields()
            try:
                saved = certificates.layout_save(
                    actor=request.user,
                    unit=issuer,
                    name=form.cleaned_data["ten"],
                    page_width=form.cleaned_data["kho_rong"],
                    page_height=form.cleaned_data["kho_cao"],
                    fields=fields,
                    layout=record if record.unit_id == issuer.pk else None,
                )
            except (certificates.CertificateError, PermissionDenied) as exc:
                report_refusal(request, exc)
            else:
                messages.success(request, f"Đã lưu mẫu phôi “{saved.name}”.")
                return redirect(reverse("awards:layout", args=[d.pk]) + f"?mau={saved.pk}")
    by_key = {f["key"]: f for f in fields if isinstance(f, dict)}
    rows = [(key, label, by_key.get(key)) for key, label in certificates.FIELDS.items()]
    context = {
        "decision": d,
        "campaign": d.award_list.campaign,
        "layout": record,
        "rows": rows,
        "shared": record.unit_id is None,
    }
    return render(request, "awards/layout.html", context)


# --- escalation ----------------------------------------------------------------------------------


@login_required
def escalations(request, pk: int):
    campaign = _issuer_side(request, pk)
    awards = list(escalation.awards_of(campaign))
    chosen = {}
    for e in Escalation.objects.filter(target__campaign=campaign).select_related("sent_nomination"):
        chosen.setdefault(e.target_id, {})[e.award_id] = e
    targets = []
    for target in escalation.escalation_forms(campaign):
        picked = chosen.get(target.pk, {})
        counts = {k: sum(1 for a in awards if a.pk in picked and a.nomination.kind == k) for k in NomineeKind.values}
        caps = [
            (label, getattr(target, selection.CAP_FIELD[k]), counts[k])
            for k, label in NomineeKind.choices
            if k in (target.nominee_kinds or [])
        ]
        rows = [(a, picked.get(a.pk)) for a in awards if a.nomination.kind in (target.nominee_kinds or [])]
        targets.append({"form": target, "rows": rows, "caps": caps, "picked": len(picked)})
    context = {
        "campaign": campaign,
        "targets": targets,
        "awards": awards,
        "parent": escalation.parent_target(campaign),
        "manage": can_manage_campaign(request.user, campaign),
    }
    return render(request, "awards/escalations.html", context)


@login_required
@require_POST
def escalate(request, pk: int):
    target = get_object_or_404(AwardForm.objects.select_related("campaign"), pk=pk)
    campaign = _managed(request, target.campaign_id)
    form = F.EscalateForm(request.POST, awards=Award.objects.filter(decision__award_list__campaign=campaign))
    if not form.is_valid():
        raise Http404
    award = form.cleaned_data["khen_thuong"]
    existing = Escalation.objects.filter(award=award, target=target).first()
    if existing is not None:
        run_action(request, lambda: escalation.unescalate(actor=request.user, escalation=existing), "Đã bỏ chọn.")
    else:
        run_action(
            request, lambda: escalation.escalate(actor=request.user, award=award, target=target), "Đã chọn giới thiệu."
        )
    return redirect(reverse("awards:escalations", args=[campaign.pk]) + f"#cap-tren-{target.pk}")


@login_required
@require_POST
def send_up(request, pk: int):
    target = get_object_or_404(AwardForm.objects.select_related("campaign"), pk=pk)
    campaign = _managed(request, target.campaign_id)
    run_action(
        request,
        lambda: escalation.send_to_parent(actor=request.user, campaign=campaign, target=target),
        "Đã chuyển các đề nghị lên kế hoạch cấp trên; bí thư (người đứng đầu) xác nhận và gửi ở đó.",
    )
    return redirect(reverse("awards:escalations", args=[campaign.pk]) + f"#cap-tren-{target.pk}")


@login_required
def package(request, pk: int):
    target = get_object_or_404(AwardForm.objects.select_related("campaign"), pk=pk)
    campaign = _issuer_side(request, target.campaign_id)
    try:
        data = escalation.package(campaign, target)
    except (selection.SelectionError, IssuerIncomplete) as exc:
        report_refusal(request, exc)
        return redirect("awards:escalations", pk=campaign.pk)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ho-so-de-nghi-{target.pk}.zip"'
    return response


@login_required
def book(request, pk: int):
    campaign = _issuer_side(request, pk)
    awards = list(escalation.awards_of(campaign))
    if not awards:
        messages.error(request, "Chưa có quyết định khen thưởng đã ký nên chưa có gì để đưa vào sách.")
        return redirect("awards:escalations", pk=campaign.pk)
    return document_response(
        request,
        lambda: models_book(campaign, awards),
        f"sach-mo-hinh-tieu-bieu-{campaign.pk}",
        fallback=reverse("awards:escalations", kwargs={"pk": campaign.pk}),
    )
