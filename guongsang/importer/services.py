"""Plan import: upload (permission, checks, audit), reading in the background, and the manager's
confirmation, which creates the campaign draft in one transaction — or nothing."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from guongsang.accounts.audit import log_action
from guongsang.accounts.permissions import can
from guongsang.campaigns.models import Campaign, Indicator, OutlineSection
from guongsang.campaigns.services import campaign_create
from guongsang.importer.extract import extract
from guongsang.importer.models import PlanImport
from guongsang.importer.reading import FORMATS, PlanReadError, read_plan_file
from guongsang.lib.files import atomic_with_files, store
from guongsang.lib.text import fold
from guongsang.lib.typing import Actor, AnyUser
from guongsang.nominations.uploads import scan

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.forms import BaseModelFormSet

    from guongsang.org.models import Unit, UnitKind

logger = logging.getLogger(__name__)
S = PlanImport.Status


class ImportError_(ValidationError):
    """A refused import action; the message says why, in Vietnamese."""


def can_use_import(user: AnyUser, record: PlanImport) -> bool:
    return can(user, "campaign.manage", record.unit)


def start_import(*, actor: Actor, unit: Unit, upload: UploadedFile) -> PlanImport:
    """Keep the uploaded file and queue it to be read."""
    if not can(actor, "campaign.manage", unit):
        raise PermissionDenied("Bạn không phải cán bộ quản lý của đơn vị này.")
    name = PurePath(upload.name or "").name
    if PurePath(name).suffix.lower() not in FORMATS:
        raise ImportError_(f"Không nhận tệp “{name}”: chỉ nhận .docx, .pdf, .txt, .doc hoặc .odt.")
    limit = settings.GS_IMPORT_MAX_BYTES
    assert upload.size is not None  # Django sets it on every upload
    if upload.size == 0:
        raise ImportError_(f"Tệp “{name}” rỗng: không có nội dung để đọc.")
    if upload.size > limit:
        raise ImportError_(f"Tệp “{name}” quá lớn ({upload.size / 1048576:.1f} MB); tối đa {limit // 1048576} MB.")
    scan(upload.read(), name)
    upload.seek(0)
    return _keep_import(actor, unit, upload, name)


@atomic_with_files
def _keep_import(actor: Actor, unit: Unit, upload: UploadedFile, name: str) -> PlanImport:
    record = PlanImport(unit=unit, uploaded_by=actor, original_name=name[:255], size=upload.size or 0)
    store(record.file, name, upload)
    record.save()
    log_action(actor=actor, action="plan_import.uploaded", obj=record, unit=unit, after={"file": name})
    transaction.on_commit(lambda: read_plan_import.enqueue(record.pk))
    return record


@task()
def read_plan_import(pk: int) -> str:
    return run_import(pk)


def run_import(pk: int) -> str:
    """Read the file and extract the draft; the record ends READY or FAILED, never half-done."""
    record = PlanImport.objects.get(pk=pk)
    if record.status != S.PENDING:
        return record.status
    started = time.perf_counter()
    try:
        with record.file.open("rb") as handle:
            result = read_plan_file(record.original_name, handle.read())
        draft = extract(result.text)
    except PlanReadError as exc:
        record.status, record.message = S.FAILED, str(exc)
    except Exception:
        logger.exception("plan import %s failed", pk)
        record.status = S.FAILED
        record.message = (
            "Hệ thống gặp lỗi khi đọc tệp này. Lỗi đã được ghi lại; hãy thử lưu tệp sang .docx rồi tải lên."
        )
    else:
        record.text, record.draft = result.text, draft
        record.encoding, record.file_format, record.pages = result.encoding, result.file_format, result.pages
        if draft["looks_like_plan"]:
            record.status = S.READY
        else:
            record.status = S.FAILED
            record.message = (
                f"Tệp “{record.original_name}” không giống một kế hoạch: chỉ tìm thấy {draft['found']} trong các "
                "mục thường có (số ký hiệu, ngày, cơ quan ban hành, trích yếu, văn bản căn cứ, mốc thời gian, "
                "chỉ tiêu, đề cương, nơi nhận). Hãy kiểm tra đã chọn đúng tệp."
            )
    record.seconds = round(time.perf_counter() - started, 3)
    record.finished_at = timezone.now()
    record.save()
    log_action(
        actor=record.uploaded_by,
        action="plan_import.read",
        obj=record,
        unit=record.unit,
        after={"status": record.status, "seconds": record.seconds},
    )
    return record.status


def suggested_issuer(record: PlanImport, units: Iterable[Unit]) -> Unit:
    """The manageable unit whose name matches the issuer read from the header, else the importing unit."""
    issuer = ((record.draft.get("fields") or {}).get("issuer") or {}).get("value") or ""
    wanted = fold(issuer)
    if wanted:
        for unit in units:
            if fold(unit.name) == wanted:
                return unit
    return record.unit


@transaction.atomic
def confirm_import(
    *,
    actor: Actor,
    record: PlanImport,
    issuer: Unit,
    fields: dict[str, Any],
    participant_kinds: Iterable[UnitKind],
    formsets: dict[str, BaseModelFormSet],
    outline: list[dict[str, Any]],
) -> Campaign:
    """Create the campaign draft from the reviewed values: all of it, or nothing."""
    record = PlanImport.objects.select_for_update().get(pk=record.pk)
    if not can_use_import(actor, record):
        raise PermissionDenied("Bạn không phải cán bộ quản lý của đơn vị đã nhập tệp này.")
    if record.status != S.READY:
        raise ImportError_(f"Tệp này {record.get_status_display().lower()}: không tạo thêm dự thảo từ nó được.")
    campaign = campaign_create(actor=actor, issuer=issuer, **fields)
    campaign.participant_kinds.set(participant_kinds)
    counts = {}
    for slug, formset in formsets.items():
        objects = formset.save(commit=False)
        for position, obj in enumerate(objects):
            obj.campaign, obj.position = campaign, position
            obj.save()
        formset.save_m2m()
        counts[slug] = len(objects)
    counts["de-cuong"] = _save_outline(campaign, outline)
    record.status, record.campaign = S.CONFIRMED, campaign
    record.save(update_fields=["status", "campaign"])
    log_action(
        actor=actor,
        action="plan_import.confirmed",
        obj=campaign,
        unit=issuer,
        after={"file": record.original_name, "import": record.pk, "rows": counts},
    )
    return campaign


def _save_outline(campaign: Campaign, rows: list[dict]) -> int:
    """Sections in order, each under the nearest earlier one of a higher level; figures as indicators."""
    parents: dict[int, OutlineSection] = {}
    for position, row in enumerate(rows):
        level = row["level"]
        parent = next((parents[lv] for lv in range(level - 1, 0, -1) if lv in parents), None)
        section = OutlineSection.objects.create(
            campaign=campaign,
            parent=parent,
            number=row["number"],
            title=row["title"],
            guidance=row.get("guidance", ""),
            position=position,
        )
        parents = {lv: s for lv, s in parents.items() if lv < level} | {level: section}
        for n, label in enumerate(row.get("figures") or []):
            Indicator.objects.create(
                section=section, code=f"m{position + 1}-{n + 1}", label=label[:300], position=n, required=False
            )
    return len(rows)


def discard_import(*, actor: Actor, record: PlanImport) -> PlanImport:
    with transaction.atomic():
        record = PlanImport.objects.select_for_update().get(pk=record.pk)
        if not can_use_import(actor, record):
            raise PermissionDenied("Bạn không phải cán bộ quản lý của đơn vị đã nhập tệp này.")
        if record.status == S.CONFIRMED:
            raise ImportError_("Tệp này đã được dùng để tạo dự thảo kế hoạch: không bỏ được.")
        record.status = S.DISCARDED
        record.save(update_fields=["status"])
        log_action(actor=actor, action="plan_import.discarded", obj=record, unit=record.unit)
    return record
