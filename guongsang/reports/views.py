import difflib
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from guongsang.accounts.access import get_campaign_for_user, get_report_for_user
from guongsang.accounts.permissions import can
from guongsang.campaigns.models import Campaign, Deadline, Indicator
from guongsang.campaigns.permissions import can_manage_campaign
from guongsang.campaigns.views import acting_unit
from guongsang.documents.responses import document_response
from guongsang.lib.filenames import attachment_header, safe_download_name
from guongsang.lib.forms import run_action
from guongsang.lib.http import id_param
from guongsang.nominations.models import Nomination
from guongsang.nominations.uploads import served
from guongsang.org.models import Unit
from guongsang.reports import aggregation, consolidation, documents, followup, reminders, services
from guongsang.reports import dashboard as dashboard_data
from guongsang.reports.calendar import calendar_feed, unit_from_token
from guongsang.reports.models import Report, ReportAttachment


def _unit(request, campaign: Campaign):
    return acting_unit(request, services.reporting_units(request.user, campaign))


def _sections(report: Report):
    answers = {a.section_id: a for a in report.answers.all()}
    comments = {}
    for c in report.comments.select_related("by"):
        comments.setdefault(c.section_id, []).append(c)
    rows = []
    for s in report.campaign.outline():
        answer = answers.get(s.pk)
        values = answer.values if answer else {}
        indicators = []
        for ind in s.indicators.all():
            value = values.get(ind.code)
            if ind.type == Indicator.Type.SERIES:
                years = range(report.campaign.period_start or 0, (report.campaign.period_end or -1) + 1)
                value = [(y, (value or {}).get(str(y), "")) for y in years]
            elif ind.type == Indicator.Type.TABLE:
                filled = list(value or [])
                value = filled + [[""] * len(ind.columns) for _ in range(max(3, len(filled) + 1) - len(filled))]
            indicators.append((ind, value))
        sources = consolidation.sources_shown(answer) if answer is not None else []
        rows.append(
            {
                "section": s,
                "answer": answer,
                "indicators": indicators,
                "comments": comments.get(s.pk, []),
                "sources": sources,
            }
        )
    return rows


@login_required
def editor(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    unit, units = _unit(request, campaign)
    report = services.report_for(campaign, unit)
    deadline = services.report_deadline(campaign)
    return render(
        request,
        "reports/editor.html",
        {
            "campaign": campaign,
            "unit": unit,
            "units": units,
            "report": report,
            "rows": _sections(report),
            "deadline": deadline,
            "editable": report.state in services.EDITABLE,
            "can_submit": can(request.user, "report.submit", unit),
            "attachments": report.attachments.all(),
            "consolidated": unit.pk == campaign.issuer_id,
        },
    )


TABLE_CELL = re.compile(r"([0-9]{1,4})-([0-9]{1,3})")  # row-column of a table indicator's cell


def _values_from(post, section) -> dict:
    values = {}
    for ind in section.indicators.all():
        prefix = f"v-{ind.code}"
        if ind.type == Indicator.Type.SERIES:
            values[ind.code] = {k[len(prefix) + 1 :]: v for k, v in post.items() if k.startswith(prefix + "-")}
        elif ind.type == Indicator.Type.TABLE:
            rows: dict[int, dict[int, str]] = {}
            for k, v in post.items():
                if k.startswith(prefix + "-"):
                    cell = TABLE_CELL.fullmatch(k[len(prefix) + 1 :])
                    if cell is None or int(cell[2]) >= len(ind.columns):
                        raise ValidationError(f"Ô bảng “{k[:60]}” của “{ind.label}” không hợp lệ; hãy tải lại trang.")
                    rows.setdefault(int(cell[1]), {})[int(cell[2])] = v
            values[ind.code] = [
                [cells.get(i, "") for i in range(len(ind.columns))] for _, cells in sorted(rows.items())
            ]
        else:
            values[ind.code] = post.get(prefix, "")
    return values


@login_required
@require_POST
def section_save(request, pk: int, section_pk: int):
    """Autosave of one section (htmx): a status line, or the errors, or both texts on a conflict."""
    report = get_report_for_user(request.user, pk)
    section = get_object_or_404(report.campaign.sections, pk=section_pk)
    context = {"section": section}
    try:
        revision = request.POST.get("revision") or "0"
        if not (revision.isascii() and revision.isdigit() and len(revision) <= 9):
            raise ValidationError("Phiên bản của mục không hợp lệ; hãy tải lại trang.")
        answer, removed = services.save_section(
            actor=request.user,
            report=report,
            section=section,
            text=request.POST.get("text", ""),
            values=_values_from(request.POST, section),
            base_revision=int(revision),
        )
    except services.ReportConflict as conflict:
        context.update(conflict=conflict)
        return render(request, "reports/_save_status.html", context, status=409)
    except ValidationError as exc:
        context.update(errors=exc.messages)
        return render(request, "reports/_save_status.html", context, status=422)
    context.update(answer=answer, removed=removed)
    return render(request, "reports/_save_status.html", context)


@login_required
@require_POST
def submit(request, pk: int):
    report = get_report_for_user(request.user, pk)
    run_action(request, lambda: services.submit(actor=request.user, report=report), "Đã xác nhận và gửi báo cáo.")
    return redirect(reverse("reports:edit", kwargs={"pk": report.campaign_id}) + f"?don_vi={report.unit_id}")


@login_required
def review(request, pk: int):
    report = get_report_for_user(request.user, pk)
    return render(
        request,
        "reports/review.html",
        {
            "report": report,
            "campaign": report.campaign,
            "rows": _sections(report),
            "manage": can_manage_campaign(request.user, report.campaign),
            "versions": report.versions.all(),
            "attachments": report.attachments.all(),
        },
    )


@login_required
@require_POST
def decide(request, pk: int, action: str):
    report = get_report_for_user(request.user, pk)
    if action == "tiep-nhan":
        run_action(request, lambda: services.accept(actor=request.user, report=report), "Đã tiếp nhận báo cáo.")
    elif action == "tra-lai":
        comments = {
            int(k[2:]): v
            for k, v in request.POST.items()
            if k.startswith("c-") and k[2:].isascii() and k[2:].isdigit() and len(k) <= 11
        }
        run_action(
            request,
            lambda: services.return_report(actor=request.user, report=report, comments=comments),
            "Đã trả lại báo cáo kèm ý kiến.",
        )
    elif action == "mo-lai":
        reason = request.POST.get("ly_do", "")[: 4 * services.REOPEN_REASON_MAX]  # the service says when too long
        run_action(
            request,
            lambda: services.reopen(actor=request.user, report=report, reason=reason),
            "Đã mở lại báo cáo; đơn vị được báo kèm lý do.",
        )
    else:
        raise Http404
    return redirect("reports:review", pk=pk)


@login_required
def campaign_reports(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý của đơn vị ban hành mới xem được tất cả báo cáo.")
    reports = {r.unit_id: r for r in Report.objects.filter(campaign=campaign)}
    units = [
        (p.unit, reports.get(p.unit_id)) for p in campaign.participations.select_related("unit").order_by("unit__path")
    ]
    return render(
        request,
        "reports/campaign_list.html",
        {"campaign": campaign, "units": units, "deadline": services.report_deadline(campaign)},
    )


@login_required
def compare(request, pk: int):
    report = get_report_for_user(request.user, pk)
    versions = list(report.versions.all())
    if not versions:
        raise Http404
    b = next((v for v in versions if str(v.number) == request.GET.get("b")), versions[-1])
    a = next((v for v in versions if str(v.number) == request.GET.get("a")), versions[-2] if len(versions) > 1 else b)
    rows = []
    for s in report.campaign.outline():
        old = a.snapshot.get(str(s.pk), {})
        new = b.snapshot.get(str(s.pk), {})
        diff = list(difflib.ndiff(services.plain_lines(old.get("text", "")), services.plain_lines(new.get("text", ""))))
        rows.append((s, [d for d in diff if not d.startswith("?")], old.get("values"), new.get("values")))
    return render(
        request, "reports/compare.html", {"report": report, "a": a, "b": b, "rows": rows, "versions": versions}
    )


@login_required
@require_POST
def attachment_upload(request, pk: int):
    report = get_report_for_user(request.user, pk)
    upload = request.FILES.get("tep")
    try:
        if upload is None:
            raise ValidationError("Chưa chọn tệp.")
        services.upload_attachment(actor=request.user, report=report, upload=upload)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã tải lên bản ký, đóng dấu.")
    return redirect(reverse("reports:edit", kwargs={"pk": report.campaign_id}) + f"?don_vi={report.unit_id}")


@login_required
def attachment_download(request, pk: int):
    record = get_object_or_404(ReportAttachment, pk=pk)
    get_report_for_user(request.user, record.report_id)
    name, content_type = served(record.original_name, record.content_type)  # both from the checked type
    response = FileResponse(record.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = attachment_header(name)
    return response


@login_required
def download(request, pk: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    report = get_report_for_user(request.user, pk)
    return document_response(
        request,
        lambda: documents.report_docx(report),
        f"bao-cao-{report.unit.code}",
        fmt,
        fallback=reverse("reports:review", kwargs={"pk": pk}),
    )


@login_required
def import_docx(request, pk: int):
    """Start a report from a .docx: headings matched to the outline; what cannot be placed is shown."""
    report = get_report_for_user(request.user, pk)
    if not services.reporting_units(request.user, report.campaign).filter(pk=report.unit_id).exists():
        raise PermissionDenied("Bạn không soạn được báo cáo của đơn vị này.")
    sections = list(report.campaign.sections.all())
    result = None
    if request.method == "POST":
        upload = request.FILES.get("tep")
        try:
            if upload is None:
                raise ValidationError("Chưa chọn tệp .docx.")
            result = documents.match_sections(documents.read_docx_paragraphs(upload.read()), sections)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            _apply_import(request, report, sections, result)
    by_id = {s.pk: s for s in sections}
    placed = [(by_id[sid], lines) for sid, lines in result.placed.items()] if result else []
    return render(
        request,
        "reports/import.html",
        {"report": report, "placed": placed, "unplaced": result.unplaced if result else []},
    )


def _apply_import(request, report, sections, result) -> None:
    try:
        saved = services.import_sections(actor=request.user, report=report, placed=result.placed)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã đưa nội dung vào {saved} mục của báo cáo.")


def _followed_campaign(request, pk: int) -> Campaign:
    return get_campaign_for_user(request.user, pk, "campaign.follow")


@login_required
def dashboard(request, pk: int):
    campaign = _followed_campaign(request, pk)
    deadlines = []
    states = followup.campaign_status(campaign)
    for state in states:
        missing = followup.missing_units(state.deadline, limit=200)
        last = state.deadline.reminders.order_by("-sent_at").first()
        more = state.total.missing - len(missing)
        deadlines.append({"state": state, "missing": missing, "more": more, "last_reminder": last})
    context = {
        "campaign": campaign,
        "deadlines": deadlines,
        "untracked": [d for d in campaign.deadlines.order_by("due_at") if not followup.tracked(d)],
        "chart": dashboard_data.submissions_over_time(
            campaign, expected=max((s.total.expected for s in states), default=0)
        ),
        "by_form": dashboard_data.nominations_by_form(campaign),
        "behind": followup.most_behind(campaign),
        "can_remind": can_manage_campaign(request.user, campaign) and campaign.status == Campaign.Status.ISSUED,
        "reminder_plan": _reminder_plan(campaign.reminder_days),
    }
    return render(request, "reports/dashboard.html", context)


def _reminder_plan(days: list[int]) -> str:
    words = [f"trước hạn {d} ngày" if d > 0 else "đúng ngày hạn" if d == 0 else f"sau hạn {-d} ngày" for d in days]
    return ", ".join(words) or "không"


@login_required
@require_POST
def remind(request, pk: int):
    deadline = get_object_or_404(Deadline.objects.select_related("campaign", "campaign__issuer"), pk=pk)
    campaign = get_campaign_for_user(request.user, deadline.campaign_id)
    chosen = request.POST.getlist("don_vi")[:5000]
    unit_ids = (
        [i for i in (id_param(v, "Đơn vị") for v in chosen) if i is not None] if request.POST.get("chon") else None
    )
    if unit_ids == []:
        messages.error(request, "Chưa chọn đơn vị nào để nhắc.")
    else:
        run_action(
            request,
            lambda: reminders.remind(actor=request.user, deadline=deadline, unit_ids=unit_ids),
            f"Đã gửi nhắc hạn “{deadline.what}” tới các đơn vị chưa gửi.",
        )
    return redirect(f"{reverse('reports:dashboard', args=[campaign.pk])}#moc-{deadline.pk}")


def _ics(request, unit) -> HttpResponse:
    body = calendar_feed(unit, request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = attachment_header(safe_download_name(f"han-nop-{unit.code}.ics", "ics"))
    return response


@login_required
def calendar(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    if not can(request.user, "unit.view", unit):
        raise Http404
    return _ics(request, unit)


def calendar_subscription(request, token: str):
    """The same calendar for a phone or desktop calendar app to subscribe to: no login, the signed token
    in the address names the unit (only its deadlines, nothing personal)."""
    unit = unit_from_token(token)
    if unit is None:
        raise Http404
    return _ics(request, unit)


def _sent_nominations(campaign: Campaign):
    return (
        Nomination.objects.filter(campaign=campaign, state=Nomination.State.SUBMITTED)
        .select_related("unit", "person", "nominee_unit", "award_form")
        .order_by("unit__path", "kind")
    )


@login_required
def figures(request, pk: int):
    campaign = _followed_campaign(request, pk)
    result = aggregation.aggregate(campaign)
    chosen = result.figure(request.GET.get("chi_tieu", "")) if request.GET.get("chi_tieu") else None
    if chosen is not None and request.GET.get("loai"):
        chosen.parts = [p for p in chosen.parts if p.kind == request.GET["loai"]]
    kinds = sorted({k for f in result.figures for k in f.by_kind})
    for f in result.figures:
        f.kind_cells = [(k, f.by_kind.get(k)) for k in kinds]
    nominees = _sent_nominations(campaign)[:500]
    context = {
        "campaign": campaign,
        "result": result,
        "chosen": chosen,
        "kinds": kinds,
        "nominees": nominees,
        "consolidated": consolidation.consolidated_report(campaign),
        "can_consolidate": can_manage_campaign(request.user, campaign) and campaign.status == Campaign.Status.ISSUED,
    }
    return render(request, "reports/figures.html", context)


@login_required
def figures_xlsx(request, pk: int):
    campaign = _followed_campaign(request, pk)
    nominees = [
        (n.unit.name, n.get_kind_display(), str(n), n.award_form.name if n.award_form else "", n.get_state_display())
        for n in _sent_nominations(campaign)
    ]
    data = aggregation.figures_workbook(aggregation.aggregate(campaign), nominees)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-lieu-tong-hop-{campaign.pk}.xlsx"'
    return response


@login_required
@require_POST
def consolidate(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    done = run_action(
        request,
        lambda: consolidation.build_draft(actor=request.user, campaign=campaign),
        "Đã dựng bản tổng hợp từ các báo cáo đã tiếp nhận. Hãy đọc, sửa rồi tải văn bản.",
    )
    if done:
        return redirect(f"{reverse('reports:edit', args=[campaign.pk])}?don_vi={campaign.issuer_id}")
    return redirect("reports:figures", pk=campaign.pk)


@login_required
@require_POST
def send_upward(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk)
    outcome = {}

    def action():
        outcome["report"] = consolidation.roll_up(actor=request.user, campaign=campaign)

    if run_action(request, action, "Đã chuyển bản tổng hợp thành báo cáo của đơn vị ở kế hoạch cấp trên."):
        report = outcome["report"]
        if report.state == Report.State.DRAFT:
            messages.info(request, "Bí thư (người đứng đầu) đơn vị xác nhận và gửi báo cáo ở kế hoạch cấp trên.")
        for title in getattr(report, "unmatched", []):
            messages.warning(request, f"Mục “{title}” không có trong đề cương cấp trên: chưa chuyển, hãy chép tay.")
        return redirect(f"{reverse('reports:edit', args=[campaign.parent_id])}?don_vi={campaign.issuer_id}")
    return redirect(f"{reverse('reports:edit', args=[campaign.pk])}?don_vi={campaign.issuer_id}")
