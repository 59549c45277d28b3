"""A plan file waiting to be checked: Đảng ủy phường Phan Đình Phùng's plan, typed in Word with the
old .VnTime (TCVN3) font, uploaded by the ward's manager and read by the importer."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guongsang.importer.legacy import unicode_to_tcvn3
from guongsang.importer.models import PlanImport
from guongsang.importer.services import run_import, start_import

SAMPLE = Path(__file__).parent / "samples" / "ke-hoach-phuong.txt"


def sample_text(today: dt.date) -> str:
    days = {"plan": -2, "parent": -10, "dossier": 20, "report": 25, "review": 28}
    dates = {name: today + dt.timedelta(days=n) for name, n in days.items()}
    text = SAMPLE.read_text(encoding="utf-8")
    plan = dates.pop("plan")
    text = text.replace("{plan:d}", f"{plan.day:02d}").replace("{plan:m}", f"{plan.month:02d}")
    text = text.replace("{plan:y}", str(plan.year))
    for name, day in dates.items():
        text = text.replace(f"{{{name}}}", day.strftime("%d/%m/%Y"))
    return text


def legacy_docx(text: str) -> bytes:
    """A Word file in the TCVN3 font: header and signature blocks as two-column tables."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = ".VnTime"
    for line in text.split("\n"):
        if " | " in line or line.endswith(" |"):
            left, right = (part.strip() for part in line.split("|", 1))
            table = document.add_table(rows=1, cols=2)
            for cell, part in zip(table.rows[0].cells, (left, right), strict=True):
                cell.text = unicode_to_tcvn3(part)
        elif line.strip():
            document.add_paragraph(unicode_to_tcvn3(line.strip()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def load_imports() -> int:
    from guongsang.org.models import Unit

    manager = get_user_model().objects.get(username="phandinhphung.quanly")
    ward = Unit.objects.get(code="TN-DUP-PDP")
    data = legacy_docx(sample_text(timezone.localdate()))
    record = start_import(
        actor=manager, unit=ward, upload=SimpleUploadedFile("Ke hoach bieu duong 2021-2025 (VnTime).docx", data)
    )
    run_import(record.pk)  # read now, so the demo opens on a file ready to check
    return PlanImport.objects.count()
