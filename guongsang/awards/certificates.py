"""Certificates printed onto pre-printed blanks: text placed in millimetres, a printer's calibration
offset added to every position, a grid test page, and the bulk run as a background task."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from guongsang.accounts.audit import log_action
from guongsang.accounts.permissions import can
from guongsang.awards.models import Award, AwardDecision, CertificateBatch, CertificateLayout, PrinterCalibration
from guongsang.documents.vndate import place_and_date
from guongsang.lib.text import fold, nfc
from guongsang.lib.typing import Actor, AnyUser

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from guongsang.org.models import Unit

Number = str | int | float | Decimal  # a size or an offset in millimetres, as typed or stored

logger = logging.getLogger(__name__)

FIELDS = {
    "name": "Họ tên / tên tập thể",
    "unit": "Chức vụ, đơn vị",
    "reason": "Thành tích",
    "decision_number": "Số quyết định",
    "decision_date": "Địa danh, ngày quyết định",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
}
ALIGNS = ("left", "center", "right")
# Metric-compatible with Times New Roman and covering Vietnamese; the first family found is used.
FONT_FILES = [
    (
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    ),
    ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
]
FONT_DIRS = [
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
]
FAMILY = "GSSerif"
PROGRESS_EVERY = 25
MIN_SIZE = 6  # points: text is never shrunk below this


class CertificateError(ValidationError):
    pass


def default_fields() -> list[dict]:
    """Positions on the usual A4-landscape Giấy khen blank (297 × 210 mm)."""
    return [
        {"key": "name", "x": 148.5, "y": 92, "size": 22, "align": "center", "width": 200, "bold": True},
        {"key": "unit", "x": 148.5, "y": 104, "size": 15, "align": "center", "width": 220, "italic": True},
        {"key": "reason", "x": 148.5, "y": 118, "size": 14, "align": "center", "width": 220, "lines": 3},
        {"key": "decision_number", "x": 40, "y": 182, "size": 12, "align": "left", "width": 90},
        {"key": "decision_date", "x": 215, "y": 150, "size": 13, "align": "center", "width": 120, "italic": True},
        {
            "key": "signer_title",
            "x": 215,
            "y": 158,
            "size": 13,
            "align": "center",
            "width": 120,
            "bold": True,
            "lines": 2,
        },
        {"key": "signer_name", "x": 215, "y": 190, "size": 14, "align": "center", "width": 120, "bold": True},
    ]


_registered = False


def register_fonts() -> str:
    global _registered
    if _registered:
        return FAMILY
    dirs = [settings.GS_PDF_FONT_DIR, *FONT_DIRS]
    for names in FONT_FILES:
        for folder in filter(None, dirs):
            paths = [Path(folder) / n for n in names]
            if all(p.exists() for p in paths):
                for suffix, path in zip(("", "-Bold", "-Italic", "-BoldItalic"), paths, strict=True):
                    pdfmetrics.registerFont(TTFont(FAMILY + suffix, str(path)))
                pdfmetrics.registerFontFamily(
                    FAMILY,
                    normal=FAMILY,
                    bold=FAMILY + "-Bold",
                    italic=FAMILY + "-Italic",
                    boldItalic=FAMILY + "-BoldItalic",
                )
                _registered = True
                return FAMILY
    raise CertificateError(
        "Máy chủ chưa có phông chữ tiếng Việt (Liberation Serif hoặc DejaVu Serif) để in giấy khen; "
        "quản trị cài gói fonts-liberation2."
    )


def _font(f: dict) -> str:
    return (
        FAMILY
        + {(False, False): "", (True, False): "-Bold", (False, True): "-Italic", (True, True): "-BoldItalic"}[
            (bool(f.get("bold")), bool(f.get("italic")))
        ]
    )


@dataclass(frozen=True)
class Offset:
    x: float = 0.0
    y: float = 0.0

    @classmethod
    def of(cls, calibration: PrinterCalibration | None) -> Offset:
        if calibration is None:
            return cls()
        return cls(float(calibration.offset_x), float(calibration.offset_y))


def check_layout(width: float, height: float, fields: list[dict], offset: Offset = Offset()) -> None:
    """Refuse a layout, or a calibration offset, that puts any text outside the page."""
    errors = []
    if not (50 <= width <= 600 and 50 <= height <= 600):
        raise CertificateError("Khổ phôi phải từ 50 đến 600 mm mỗi chiều.")
    for f in fields:
        label = FIELDS.get(f.get("key") or "", f.get("key"))
        try:
            x, y = float(f["x"]) + offset.x, float(f["y"]) + offset.y
            size, span = float(f.get("size", 14)), float(f.get("width", 100))
            lines = int(f.get("lines", 1))
        except (KeyError, TypeError, ValueError):
            errors.append(f"Trường “{label}”: thiếu hoặc sai tọa độ (x, y, cỡ chữ, độ rộng phải là số).")
            continue
        if f.get("key") not in FIELDS:
            errors.append(f"Trường “{label}” không có trong danh mục ({', '.join(FIELDS)}).")
            continue
        if f.get("align", "left") not in ALIGNS:
            errors.append(f"Trường “{label}”: căn lề phải là left, center hoặc right.")
            continue
        if not (6 <= size <= 48) or span <= 0 or not 1 <= lines <= 6:
            errors.append(f"Trường “{label}”: cỡ chữ 6–48, độ rộng lớn hơn 0, từ 1 đến 6 dòng.")
            continue
        left = {"left": x, "center": x - span / 2, "right": x - span}[f.get("align", "left")]
        top = y - size * 0.3528  # the cap height reaches about one point size above the baseline
        bottom = y + (lines - 1) * size * 0.3528 * 1.25 + size * 0.3528 * 0.25
        if left < 0 or left + span > width or top < 0 or bottom > height:
            errors.append(
                f"Trường “{label}” ra ngoài trang: chữ chiếm từ {left:.1f} đến {left + span:.1f} mm theo chiều ngang "
                f"(khổ {width:g} mm), từ {top:.1f} đến {bottom:.1f} mm theo chiều dọc (khổ {height:g} mm)."
            )
    if errors:
        raise CertificateError(errors)


def texts_for(award: Award) -> dict[str, str]:
    from guongsang.awards.documents import awardee_place, decision_signer, lower_first

    d = award.decision
    n = award.nomination
    title = lower_first(d.award_list.campaign.title)
    signer = decision_signer(d)
    # A person's title that already names the unit is printed alone (awardee_place → person_place);
    # a collective that is itself the proposing unit is not named again under its own name.
    unit = awardee_place(award) or n.unit.name
    if fold(unit) in fold(n.nominee_name):
        unit = ""
    return {
        "name": n.nominee_name,
        "unit": unit,
        "reason": f"Đã có thành tích tiêu biểu trong {title}",
        "decision_number": f"Quyết định số {d.symbol}" if d.number else "",
        "decision_date": place_and_date(d.place or "", d.date),
        "signer_title": "\n".join(signer.lines),
        "signer_name": signer.name,
    }


def field_lines(f: dict, text: str) -> tuple[list[str], float]:
    """The lines a field is printed on and the font size, in points, that makes them fit.

    Each "\n" in the text starts a new line (a signer's capacity and title are two lines); within
    a field of several lines a long line also wraps at the field's width. A field with fewer lines
    than the explicit breaks keeps the extra text on its last line, and the size then shrinks, down
    to MIN_SIZE, until every line fits the width and the number of lines."""
    register_fonts()  # the widths are measured in the printed font, whoever asks first
    paragraphs = [line for line in (nfc(p) for p in (text or "").splitlines()) if line]
    if not paragraphs:
        return [], float(f.get("size", 14))
    font, size, span = _font(f), float(f.get("size", 14)), float(f.get("width", 100)) * mm
    lines_allowed = int(f.get("lines", 1))
    if len(paragraphs) > lines_allowed:
        paragraphs = [*paragraphs[: lines_allowed - 1], " ".join(paragraphs[lines_allowed - 1 :])]
    while True:
        if lines_allowed > 1:
            lines = [line for p in paragraphs for line in simpleSplit(p, font, size, span)]
        else:
            lines = paragraphs
        widest = max(pdfmetrics.stringWidth(line, font, size) for line in lines)
        if (widest <= span and len(lines) <= lines_allowed) or size <= MIN_SIZE:
            return lines[:lines_allowed], size
        size -= 0.5


def _draw_field(c: canvas.Canvas, f: dict, text: str, page_h: float, offset: Offset) -> None:
    lines, size = field_lines(f, text)
    if not lines:
        return
    x = (float(f["x"]) + offset.x) * mm
    y = page_h - (float(f["y"]) + offset.y) * mm
    c.setFont(_font(f), size)
    draw = {"left": c.drawString, "center": c.drawCentredString, "right": c.drawRightString}[f.get("align", "left")]
    for i, line in enumerate(lines):
        draw(x, y - i * size * 1.25, line)


def _new_canvas(out: io.BytesIO, width: float, height: float, title: str) -> canvas.Canvas:
    """A canvas whose initial font is the embedded TrueType family: reportlab otherwise starts every
    page on Helvetica and declares it, unembedded, in the page's resources even when nothing uses it."""
    family = register_fonts()
    c = canvas.Canvas(out, pagesize=(width, height), pageCompression=1, initialFontName=family, initialFontSize=12)
    c.setTitle(title)
    return c


def render(
    layout: CertificateLayout,
    pages: list[dict[str, str]],
    calibration: PrinterCalibration | None = None,
    progress: Callable[[int], object] | None = None,
) -> bytes:
    """One page per dict of texts, on the layout's page size, shifted by the calibration."""
    register_fonts()
    offset = Offset.of(calibration)
    check_layout(float(layout.page_width), float(layout.page_height), layout.fields, offset)
    width, height = float(layout.page_width) * mm, float(layout.page_height) * mm
    out = io.BytesIO()
    c = _new_canvas(out, width, height, "Giấy khen")
    for i, texts in enumerate(pages, start=1):
        for f in layout.fields:
            _draw_field(c, f, texts.get(f["key"], ""), height, offset)
        c.showPage()
        if progress is not None and (i % PROGRESS_EVERY == 0 or i == len(pages)):
            progress(i)
    c.save()
    return out.getvalue()


def test_page(layout: CertificateLayout, calibration: PrinterCalibration | None = None) -> bytes:
    """A grid every 10 mm (5 mm ticks) with each field's box and name, to print on plain paper and lay
    over a blank: the difference read on the grid is the printer's offset."""
    register_fonts()
    offset = Offset.of(calibration)
    check_layout(float(layout.page_width), float(layout.page_height), layout.fields, offset)
    w_mm, h_mm = float(layout.page_width), float(layout.page_height)
    out = io.BytesIO()
    c = _new_canvas(out, w_mm * mm, h_mm * mm, "Trang in thử — lưới căn chỉnh")
    c.setFont(FAMILY, 6)
    for step in range(0, int(max(w_mm, h_mm)) + 1, 5):
        c.setLineWidth(0.4 if step % 10 == 0 else 0.1)
        c.setStrokeGray(0.55 if step % 10 == 0 else 0.8)
        if step <= w_mm:
            c.line(step * mm, 0, step * mm, h_mm * mm)
            if step % 10 == 0:
                c.drawString(step * mm + 0.5 * mm, h_mm * mm - 3 * mm, str(step))
        if step <= h_mm:
            y = (h_mm - step) * mm
            c.line(0, y, w_mm * mm, y)
            if step % 10 == 0:
                c.drawString(0.5 * mm, y - 2.5 * mm, str(step))
    c.setStrokeColorRGB(0.8, 0, 0)
    c.setFillColorRGB(0.8, 0, 0)
    c.setLineWidth(0.5)
    for f in layout.fields:
        x, y, span = float(f["x"]) + offset.x, float(f["y"]) + offset.y, float(f.get("width", 100))
        left = {"left": x, "center": x - span / 2, "right": x - span}[f.get("align", "left")]
        c.line(left * mm, (h_mm - y) * mm, (left + span) * mm, (h_mm - y) * mm)
        c.circle(x * mm, (h_mm - y) * mm, 0.8 * mm, fill=1)
        c.setFont(FAMILY, 8)
        c.drawString(left * mm, (h_mm - y) * mm + 1 * mm, f"{FIELDS.get(f['key'], f['key'])} (x {x:g}, y {y:g} mm)")
    c.setFillGray(0)
    c.setFont(FAMILY, 9)
    c.drawString(
        12 * mm,
        8 * mm,
        f"Lệch đang áp dụng: ngang {offset.x:+g} mm, dọc {offset.y:+g} mm. "
        "Đặt lên phôi, đọc độ lệch trên lưới rồi nhập vào hiệu chỉnh máy in.",
    )
    c.showPage()
    c.save()
    return out.getvalue()


def can_print(user: AnyUser, unit: Unit) -> bool:
    """Certificates — the print run, layouts, printer calibration and the grid test page: the unit's
    managers and its office (logistics). The pages and the services ask this one predicate."""
    return can(user, "certificate.print", unit)


def _as_decimal(value: Number, label: str) -> Decimal:
    try:
        return Decimal(str(value).replace(",", "."))
    except ArithmeticError as exc:
        raise CertificateError({label: "Phải là số (mm)."}) from exc


@transaction.atomic
def calibration_save(
    *,
    actor: Actor,
    unit: Unit,
    name: str,
    offset_x: Number,
    offset_y: Number,
    calibration: PrinterCalibration | None = None,
) -> PrinterCalibration:
    """Save a printer's offset; refused when it would push any layout's text off the page."""
    if not can_print(actor, unit):
        raise PermissionDenied("Chỉ cán bộ quản lý hoặc văn phòng của đơn vị mới hiệu chỉnh máy in.")
    if not name.strip():
        raise CertificateError({"name": "Cần đặt tên máy in."})
    dx, dy = _as_decimal(offset_x, "offset_x"), _as_decimal(offset_y, "offset_y")
    offset = Offset(float(dx), float(dy))
    for layout in layouts_for(unit):
        try:
            check_layout(float(layout.page_width), float(layout.page_height), layout.fields, offset)
        except CertificateError as exc:
            raise CertificateError(
                [f"Với độ lệch ngang {dx} mm, dọc {dy} mm, mẫu “{layout.name}” bị đẩy ra ngoài trang:", *exc.messages]
            ) from exc
    record = calibration or PrinterCalibration(unit=unit)
    record.name, record.offset_x, record.offset_y = name.strip(), dx, dy
    record.save()
    log_action(
        actor=actor,
        action="certificate.calibration.saved",
        obj=record,
        unit=unit,
        after={"name": record.name, "x": str(dx), "y": str(dy)},
    )
    return record


@transaction.atomic
def layout_save(
    *,
    actor: Actor,
    unit: Unit,
    name: str,
    page_width: Number,
    page_height: Number,
    fields: list[dict],
    layout: CertificateLayout | None = None,
) -> CertificateLayout:
    if not can_print(actor, unit):
        raise PermissionDenied("Chỉ cán bộ quản lý hoặc văn phòng của đơn vị mới sửa mẫu phôi.")
    if not name.strip():
        raise CertificateError({"name": "Cần đặt tên mẫu phôi."})
    width, height = float(_as_decimal(page_width, "page_width")), float(_as_decimal(page_height, "page_height"))
    check_layout(width, height, fields)
    for calibration in PrinterCalibration.objects.filter(unit=unit):
        try:
            check_layout(width, height, fields, Offset.of(calibration))
        except CertificateError as exc:
            raise CertificateError([f"Với hiệu chỉnh của máy in “{calibration.name}”:", *exc.messages]) from exc
    record = layout or CertificateLayout(unit=unit)
    record.name, record.page_width, record.page_height, record.fields = name.strip(), width, height, fields
    record.save()
    log_action(actor=actor, action="certificate.layout.saved", obj=record, unit=unit, after={"fields": fields})
    return record


def layouts_for(unit: Unit) -> QuerySet[CertificateLayout]:
    """The unit's own layouts and the shared ones."""
    from django.db.models import Q

    return CertificateLayout.objects.filter(Q(unit__isnull=True) | Q(unit=unit))


@transaction.atomic
def start_batch(
    *, actor: Actor, decision: AwardDecision, layout: CertificateLayout, calibration: PrinterCalibration | None = None
) -> CertificateBatch:
    campaign = decision.award_list.campaign
    if not can_print(actor, campaign.issuer):
        raise PermissionDenied("Chỉ cán bộ quản lý hoặc văn phòng của đơn vị ban hành in giấy khen.")
    if decision.status != AwardDecision.Status.SIGNED:
        raise CertificateError("Chỉ in giấy khen khi quyết định đã ký, ban hành.")
    if not layouts_for(campaign.issuer).filter(pk=layout.pk).exists():
        raise CertificateError("Mẫu phôi không dùng được cho đơn vị này.")
    if calibration is not None and calibration.unit_id != campaign.issuer_id:
        raise CertificateError("Máy in không thuộc đơn vị này.")
    check_layout(float(layout.page_width), float(layout.page_height), layout.fields, Offset.of(calibration))
    batch = CertificateBatch.objects.create(
        decision=decision, layout=layout, calibration=calibration, total=decision.awards.count(), created_by=actor
    )
    log_action(
        actor=actor,
        action="certificate.batch.started",
        obj=campaign,
        unit=campaign.issuer,
        after={"decision": decision.symbol, "count": batch.total, "layout": layout.name},
    )
    transaction.on_commit(lambda: make_certificates.enqueue(batch.pk))
    return batch


@task()
def make_certificates(pk: int) -> str:
    return run_batch(pk)


def run_batch(pk: int) -> str:
    batch = CertificateBatch.objects.select_related("decision", "layout", "calibration").get(pk=pk)
    if batch.status not in (CertificateBatch.Status.QUEUED,):
        return batch.status
    CertificateBatch.objects.filter(pk=pk).update(status=CertificateBatch.Status.RUNNING)
    try:
        awards = list(
            batch.decision.awards.select_related(
                "decision__award_list__campaign",
                "nomination__unit",
                "nomination__person__unit",
                "nomination__nominee_unit",
                "nomination__model_unit",
            ).order_by("position")
        )
        pages = [texts_for(a) for a in awards]

        def progress(done: int) -> None:
            CertificateBatch.objects.filter(pk=pk).update(done=done)

        data = render(batch.layout, pages, batch.calibration, progress)
        batch.file.save("giay-khen.pdf", ContentFile(data), save=False)
        batch.status, batch.done, batch.total = CertificateBatch.Status.DONE, len(pages), len(pages)
        batch.save(update_fields=["file", "status", "done", "total"])
    except CertificateError as exc:
        CertificateBatch.objects.filter(pk=pk).update(
            status=CertificateBatch.Status.FAILED, error=" ".join(exc.messages)
        )
    except Exception:
        logger.exception("certificate batch %s failed", pk)
        CertificateBatch.objects.filter(pk=pk).update(
            status=CertificateBatch.Status.FAILED, error="Lỗi khi tạo tệp giấy khen; quản trị xem nhật ký máy chủ."
        )
    return CertificateBatch.objects.get(pk=pk).status
