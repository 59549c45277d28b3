"""Writing, submitting, accepting and returning a unit's report; every change is audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Q, When
from django.urls import reverse
from django.utils import timezone

from guongsang.accounts.audit import log_action
from guongsang.accounts.permissions import can
from guongsang.campaigns.models import Campaign, Deadline, Indicator, OutlineSection
from guongsang.campaigns.permissions import acting_units, can_manage_campaign
from guongsang.documents.issuers import IssuerIncomplete, require_identity
from guongsang.documents.numbering import allocate_number
from guongsang.documents.vndate import deadline_text, local_day
from guongsang.lib.deadlines import days_late, is_late
from guongsang.lib.files import atomic_with_files, store
from guongsang.lib.text import nfc, strip_end
from guongsang.lib.typing import Actor, AnyUser
from guongsang.nominations.uploads import TYPES, check_upload
from guongsang.notifications.services import notify_units
from guongsang.org.models import Unit
from guongsang.reports.models import Report, ReportAttachment, ReportVersion, SectionAnswer, SectionComment

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import QuerySet

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u"}
EDITABLE = (Report.State.DRAFT, Report.State.RETURNED)


class ReportError(ValidationError):
    pass


class ReportConflict(Exception):
    """Someone else saved the section since this editor loaded it: both texts are kept."""

    def __init__(self, *, mine: str, theirs: str, revision: int, by: str):
        super().__init__("conflict")
        self.mine, self.theirs, self.revision, self.by = mine, theirs, revision, by


def reporting_units(user: AnyUser, campaign: Campaign) -> QuerySet[Unit]:
    """Units whose report in `campaign` the user writes: participating units they act for, and — for
    the campaign's managers — the issuer itself, whose report is the consolidated one (listed last)."""
    units = acting_units(user, campaign, "report.write")
    if campaign.status == Campaign.Status.ISSUED and can_manage_campaign(user, campaign):
        return (
            Unit.objects.filter(Q(pk__in=units.values("pk")) | Q(pk=campaign.issuer_id))
            .select_related("kind")
            .order_by(Case(When(pk=campaign.issuer_id, then=1), default=0), "path")
        )
    return units


def report_for(campaign: Campaign, unit: Unit) -> Report:
    report, _ = Report.objects.get_or_create(campaign=campaign, unit=unit)
    return report


def report_deadline(campaign: Campaign) -> Deadline | None:
    return campaign.deadlines.filter(kind=Deadline.Kind.REPORT).order_by("due_at").first()


def _require_writer(actor: Actor, report: Report) -> None:
    if not reporting_units(actor, report.campaign).filter(pk=report.unit_id).exists():
        raise PermissionDenied("Bạn không soạn được báo cáo của đơn vị này.")


# -- text and figures -----------------------------------------------------------------------------


def sanitize(text: str) -> tuple[str, bool]:
    """Plain text stays as typed (paragraphs are lines, "- " starts a list item). Markup keeps only
    paragraphs, line breaks, lists and emphasis: scripts, styles, attributes and other tags go.
    Returns the text and whether anything was removed."""
    text = "\n".join(nfc(line) for line in (text or "").replace("\r\n", "\n").split("\n")).strip()
    if "<" not in text:
        return text, False
    tags = {t.lower() for t in re.findall(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)", text)}
    removed = bool(tags - ALLOWED_TAGS) or bool(re.search(r"<[^>]*\s[a-zA-Z-]+\s*=", text))
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={}, strip_comments=True), removed


def plain_lines(text: str) -> list[str]:
    """The text as lines for documents: markup becomes line breaks, list items start with "- "."""
    text = re.sub(r"(?i)<li[^>]*>", "\n- ", text or "")
    text = re.sub(r"(?i)<br\s*/?>|</p>|<p[^>]*>|</li>|</?ul>|</?ol>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return [line.strip() for line in text.split("\n") if line.strip()]


FIGURE_MAX = 10**12  # a figure in a report: a count or an amount in đồng, never more than a trillion


def _number(raw: object, label: str, *, decimal: bool) -> int | float | None:
    text = str(raw).strip().replace(" ", "")
    if text == "":
        return None
    kind = "một số" if decimal else "một số nguyên"
    try:
        value = Decimal(text.replace(",", ".")) if decimal else Decimal(int(text))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"“{label}” phải là {kind}, không phải “{raw}”.") from None
    if not value.is_finite():  # "NaN", "Infinity"
        raise ValidationError(f"“{label}” phải là {kind}, không phải “{raw}”.")
    if value < 0:
        raise ValidationError(f"“{label}” không được âm ({raw}).")
    if value > FIGURE_MAX:
        raise ValidationError(f"“{label}” quá lớn ({str(raw)[:30]}); tối đa 1.000.000.000.000.")
    return float(value) if decimal else int(value)


def clean_values(section: OutlineSection, raw: dict[str, Any], campaign: Campaign) -> dict[str, Any]:
    """Validate a section's indicator values; raise one Vietnamese message per bad value."""
    errors: list[str] = []
    out: dict[str, Any] = {}
    for ind in section.indicators.all():
        value = raw.get(ind.code)
        try:
            if ind.type in (Indicator.Type.INTEGER, Indicator.Type.DECIMAL):
                parsed = _number(value or "", ind.label, decimal=ind.type == Indicator.Type.DECIMAL)
                if parsed is not None:
                    out[ind.code] = parsed
            elif ind.type == Indicator.Type.TEXT:
                if (value or "").strip():
                    out[ind.code] = nfc(value)
            elif ind.type == Indicator.Type.SERIES:
                series = {}
                for year, amount in (value or {}).items():
                    if not (str(year).isascii() and str(year).isdigit() and len(str(year)) == 4):
                        raise ValidationError(f"“{ind.label}”: “{str(year)[:10]}” không phải là một năm.")
                    y = int(year)
                    if (
                        campaign.period_start
                        and campaign.period_end
                        and not (campaign.period_start <= y <= campaign.period_end)
                    ):
                        raise ValidationError(
                            f"“{ind.label}”: năm {y} nằm ngoài giai đoạn {campaign.period_start}–"
                            f"{campaign.period_end} của kế hoạch."
                        )
                    parsed = _number(amount, f"{ind.label} năm {y}", decimal=False)
                    if parsed is not None:
                        series[str(y)] = parsed
                if series:
                    out[ind.code] = series
            elif ind.type == Indicator.Type.TABLE:
                rows = [[nfc(str(c)) for c in row] for row in (value or []) if any(str(c).strip() for c in row)]
                for row in rows:
                    if len(row) != len(ind.columns):
                        raise ValidationError(f"“{ind.label}”: mỗi dòng cần {len(ind.columns)} cột.")
                if rows:
                    out[ind.code] = rows
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ReportError(errors)
    return out


@transaction.atomic
def save_section(
    *, actor: Actor, report: Report, section: OutlineSection, text: str, values: dict, base_revision: int
) -> tuple[SectionAnswer, bool]:
    """Save one section; returns (answer, whether markup was removed). Raises ReportConflict when the
    section changed since `base_revision`, ReportError for bad figures (nothing is saved then)."""
    _require_writer(actor, report)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state not in EDITABLE:
        raise ReportError("Báo cáo đã gửi; chỉ sửa được khi cấp trên trả lại.")
    if section.campaign_id != report.campaign_id:
        raise PermissionDenied("Mục không thuộc đề cương của kế hoạch này.")
    cleaned_values = clean_values(section, values, report.campaign)
    clean, removed = sanitize(text)
    answer, _ = SectionAnswer.objects.select_for_update().get_or_create(report=report, section=section)
    if answer.revision != base_revision:
        by = answer.updated_by.get_username() if answer.updated_by else ""
        raise ReportConflict(mine=clean, theirs=answer.text, revision=answer.revision, by=by)
    changed = answer.text != clean or answer.values != cleaned_values
    answer.text, answer.values, answer.updated_by = clean, cleaned_values, actor
    answer.revision += 1
    answer.save()
    if changed:
        log_action(
            actor=actor,
            action="report.section.saved",
            obj=report,
            unit=report.unit,
            after={"section": section.number, "revision": answer.revision},
        )
    return answer, removed


@transaction.atomic
def import_sections(*, actor: Actor, report: Report, placed: Mapping[int, list[str]]) -> int:
    """Add the paragraphs read from a Word file to their sections (after what each already says), all
    sections or none: a section that cannot take them (changed meanwhile, bad figures) stops the whole
    import with a message naming it. Returns how many sections were written."""
    sections = {s.pk: s for s in report.campaign.sections.filter(pk__in=list(placed))}
    answers = {a.section_id: a for a in report.answers.select_for_update().filter(section_id__in=list(placed))}
    saved = 0
    for section_id, lines in placed.items():
        section = sections.get(section_id)
        if section is None or not lines:
            continue
        answer = answers.get(section_id)
        text = "\n".join(([answer.text] if answer and answer.text else []) + list(lines))
        try:
            save_section(
                actor=actor,
                report=report,
                section=section,
                text=text,
                values=answer.values if answer else {},
                base_revision=answer.revision if answer else 0,
            )
        except ReportConflict as exc:
            raise ReportError(
                f"Mục {section.number} vừa được {exc.by or 'người khác'} sửa; chưa đưa gì vào báo cáo. "
                "Hãy nhập lại tệp."
            ) from exc
        except ValidationError as exc:
            raise ReportError(f"Mục {section.number}: {' '.join(exc.messages)} Chưa đưa gì vào báo cáo.") from exc
        saved += 1
    if saved:
        log_action(actor=actor, action="report.imported", obj=report, unit=report.unit, after={"sections": saved})
    return saved


# -- flow -------------------------------------------------------------------------------------------


def missing_required(report: Report) -> list[str]:
    answers = {a.section_id: a for a in report.answers.all()}
    missing = []
    for section in report.campaign.outline():
        values = answers[section.pk].values if section.pk in answers else {}
        for ind in section.indicators.all():
            if ind.required and ind.code not in values:
                missing.append(f"Mục {section.number}: chưa nhập “{ind.label}”.")
    return missing


def _snapshot(report: Report) -> dict:
    return {
        str(a.section_id): {"number": a.section.number, "title": a.section.title, "text": a.text, "values": a.values}
        for a in report.answers.select_related("section")
    }


@transaction.atomic
def submit(*, actor: Actor, report: Report, now: dt.datetime | None = None) -> Report:
    """The unit head confirms and submits; a second click changes nothing."""
    report = Report.objects.select_for_update().select_related("campaign", "unit").get(pk=report.pk)
    if not can(actor, "report.submit", report.unit):
        raise PermissionDenied("Chỉ bí thư (người đứng đầu) đơn vị mới xác nhận và gửi báo cáo.")
    if report.state in (Report.State.SUBMITTED, Report.State.ACCEPTED):
        return report
    now = now or timezone.now()
    deadline = report_deadline(report.campaign)
    late_days = None
    if report.state == Report.State.RETURNED:
        # A correction the issuer asked for (returned or reopened) is taken whenever it comes, and the
        # report stays as late as its first sending was: the deadline is for sending, not for correcting.
        late_days = report.late_days
    elif deadline is not None and is_late(deadline.due_at, now):
        if deadline.lateness == Deadline.Lateness.REFUSE:
            raise ReportError(
                f"Đã quá hạn “{deadline.what}” ({deadline_text(deadline.due_at)}); theo kế hoạch, "
                "báo cáo gửi sau thời hạn không được nhận."
            )
        late_days = days_late(deadline.due_at, now)
    missing = missing_required(report)
    if missing:
        raise ReportError(missing)
    try:
        require_identity(report.unit)
    except IssuerIncomplete as exc:
        raise ReportError(exc.messages[0]) from exc
    if report.doc_number is None:  # the first submission numbers the report; a resubmission keeps it
        report.doc_number = allocate_number(issuer=report.unit, doc_type="BC", year=local_day(now).year)
    number = report.versions.count() + 1
    ReportVersion.objects.create(
        report=report, number=number, submitted_at=now, submitted_by=actor, snapshot=_snapshot(report)
    )
    report.state, report.submitted_at, report.submitted_by = Report.State.SUBMITTED, now, actor
    report.late_days, report.reopen_reason = late_days, ""
    report.save(update_fields=["state", "submitted_at", "submitted_by", "late_days", "doc_number", "reopen_reason"])
    log_action(
        actor=actor,
        action="report.submitted",
        obj=report,
        unit=report.unit,
        after={"version": number, "late_days": late_days, "doc_number": report.doc_number},
    )
    notify_units(
        [report.campaign.issuer],
        title=f"{report.unit.name} đã gửi báo cáo",
        body=report.campaign.title,
        link=reverse("reports:review", kwargs={"pk": report.pk}),
    )
    return report


def _require_issuer_manager(actor: Actor, report: Report) -> None:
    if not can_manage_campaign(actor, report.campaign):
        raise PermissionDenied("Chỉ cán bộ quản lý của đơn vị ban hành mới tiếp nhận hoặc trả lại báo cáo.")


@transaction.atomic
def accept(*, actor: Actor, report: Report) -> Report:
    _require_issuer_manager(actor, report)
    if not Report.objects.filter(pk=report.pk, state=Report.State.SUBMITTED).update(
        state=Report.State.ACCEPTED, decided_at=timezone.now(), decided_by=actor
    ):
        raise ReportError("Chỉ tiếp nhận được báo cáo đã gửi và đang chờ.")
    report.refresh_from_db()
    log_action(actor=actor, action="report.accepted", obj=report, unit=report.unit)
    notify_units(
        [report.unit],
        title="Báo cáo đã được tiếp nhận",
        body=report.campaign.title,
        link=reverse("reports:review", kwargs={"pk": report.pk}),
    )
    return report


@transaction.atomic
def return_report(*, actor: Actor, report: Report, comments: dict[int, str]) -> Report:
    """Return with a comment on one or more sections; the unit revises and submits again."""
    _require_issuer_manager(actor, report)
    comments = {sid: text.strip() for sid, text in comments.items() if text and text.strip()}
    if not comments:
        raise ReportError("Cần ghi ý kiến cho ít nhất một mục khi trả lại báo cáo.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state != Report.State.SUBMITTED:
        raise ReportError("Chỉ trả lại được báo cáo đã gửi và đang chờ.")
    version = report.versions.count()
    sections = {s.pk: s for s in report.campaign.sections.filter(pk__in=comments)}
    unknown = sorted(set(comments) - set(sections))
    if unknown:
        raise ReportError(
            f"Ý kiến gửi cho mục không có trong đề cương của kế hoạch này (mã {unknown[0]}); hãy tải lại trang."
        )
    for sid, text in comments.items():
        SectionComment.objects.create(report=report, section=sections[sid], version=version, text=text, by=actor)
    report.state, report.decided_at, report.decided_by = Report.State.RETURNED, timezone.now(), actor
    report.save(update_fields=["state", "decided_at", "decided_by"])
    log_action(
        actor=actor,
        action="report.returned",
        obj=report,
        unit=report.unit,
        after={"sections": [sections[s].number for s in comments]},
    )
    notify_units(
        [report.unit],
        title="Báo cáo bị trả lại để sửa",
        # One line a section, named by number and title (several parts may each have a "1."), each comment
        # ended once however it was typed ("Thiếu số liệu." gave "Thiếu số liệu.;").
        body="\n".join(f"Mục {sections[s].heading}: {strip_end(t)}." for s, t in comments.items()),
        link=reverse("reports:edit", kwargs={"pk": report.campaign_id}) + f"?don_vi={report.unit_id}",
    )
    return report


REOPEN_REASON_MAX = 500


@transaction.atomic
def reopen(*, actor: Actor, report: Report, reason: str) -> Report:
    """Open an accepted report again, with the reason, for the unit to correct and send again; it leaves
    the accepted reports (figures, consolidation) until it is accepted anew."""
    _require_issuer_manager(actor, report)
    reason = nfc(" ".join(reason.split()))
    if not reason:
        raise ReportError({"ly_do": "Cần ghi lý do mở lại báo cáo để đơn vị biết phải sửa gì."})
    if len(reason) > REOPEN_REASON_MAX:
        raise ReportError({"ly_do": f"Lý do mở lại không quá {REOPEN_REASON_MAX} ký tự."})
    report = Report.objects.select_for_update().select_related("campaign", "unit").get(pk=report.pk)
    if report.state != Report.State.ACCEPTED:
        raise ReportError("Chỉ mở lại được báo cáo đã tiếp nhận.")
    if report.campaign.status != Campaign.Status.ISSUED:
        raise ReportError("Kế hoạch đã kết thúc: đơn vị không sửa được báo cáo nữa nên không mở lại được.")
    report.state, report.decided_at, report.decided_by = Report.State.RETURNED, timezone.now(), actor
    report.reopen_reason = reason
    report.save(update_fields=["state", "decided_at", "decided_by", "reopen_reason"])
    log_action(
        actor=actor,
        action="report.reopened",
        obj=report,
        unit=report.unit,
        before={"state": Report.State.ACCEPTED},
        after={"state": Report.State.RETURNED, "reason": reason},
    )
    notify_units(
        [report.unit],
        title="Báo cáo đã tiếp nhận được mở lại để sửa",
        body=f"{report.campaign.title}\nLý do: {strip_end(reason)}.",
        link=reverse("reports:edit", kwargs={"pk": report.campaign_id}) + f"?don_vi={report.unit_id}",
    )
    return report


@atomic_with_files
def upload_attachment(*, actor: Actor, report: Report, upload: UploadedFile) -> ReportAttachment:
    _require_writer(actor, report)
    kind = check_upload(upload, ["pdf", "jpg", "png"])
    assert upload.name is not None and upload.size is not None  # Django sets both on every upload
    record = ReportAttachment(
        report=report, original_name=upload.name[:255], content_type=TYPES[kind], size=upload.size, uploaded_by=actor
    )
    store(record.file, upload.name, upload)
    record.save()
    log_action(
        actor=actor,
        action="report.attachment.uploaded",
        obj=report,
        unit=report.unit,
        after={"name": record.original_name, "type": kind},
    )
    return record
