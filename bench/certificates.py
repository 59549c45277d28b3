"""Certificates: 1,000 awardees as one PDF to print on blanks, made by Gương Sáng (ReportLab, text at
millimetre positions), against the common alternative: the same 1,000 certificates made as one .docx
(a page each, text placed with paragraph spacing) and converted to PDF by LibreOffice. One run each.

    .venv/bin/python bench/certificates.py [--count 1000]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("GS_VAR_DIR", tempfile.mkdtemp(prefix="gs-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "guongsang.settings"

import django  # noqa: E402

django.setup()

import pdfplumber  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from guongsang.awards.certificates import default_fields, render  # noqa: E402
from guongsang.awards.models import CertificateLayout  # noqa: E402
from guongsang.documents.docx import set_font  # noqa: E402
from guongsang.documents.pdf import docx_to_pdf, soffice  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu"]
GIVEN = ["Ánh", "Bình", "Cường", "Dung", "Giang", "Hằng", "Khánh", "Lâm", "Nhài", "Quyên", "Sơn", "Thủy"]


def awardees(count: int) -> list[dict[str, str]]:
    return [
        {
            "name": f"{FAMILY[i % 10]} {MIDDLE[i % 6]} {GIVEN[i % 12]}",
            "unit": f"Đảng viên Chi bộ số {i % 97 + 1}, Đảng bộ xã {GIVEN[i % 12]} {i % 13 + 1}",
            "reason": "Đã có thành tích tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách "
            "Hồ Chí Minh năm 2024",
            "decision_number": "Quyết định số 215-QĐ/ĐUK",
            "decision_date": "Thái Nguyên, ngày 12 tháng 3 năm 2024",
            "signer_title": "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ",
            "signer_name": "Mai Thị Nhài",
        }
        for i in range(count)
    ]


def as_docx(pages: list[dict[str, str]]) -> bytes:
    """The same certificates as one .docx: A4 landscape, each text in its own paragraph, spaced to land
    near its position, a page break after each certificate."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(5)
    section.left_margin = section.right_margin = Mm(20)
    fields = sorted(default_fields(), key=lambda f: f["y"])
    for number, texts in enumerate(pages):
        last_y = 5.0
        for f in fields:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if f["align"] == "center" else WD_ALIGN_PARAGRAPH.LEFT
            lines = texts[f["key"]].count("\n") + 1
            p.paragraph_format.space_before = Mm(max(0.0, f["y"] - last_y - lines * f["size"] * 0.3528 * 1.2))
            p.paragraph_format.space_after = Pt(0)
            last_y = f["y"]
            p.paragraph_format.line_spacing = 1.0
            set_font(p.add_run(texts[f["key"]]), size=f["size"], bold=f.get("bold"), italic=f.get("italic"))
        if number < len(pages) - 1:
            p.add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    pages = awardees(args.count)
    layout = CertificateLayout(name="bench", page_width=297, page_height=210, fields=default_fields())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    started = time.perf_counter()
    data = render(layout, pages)
    ours = time.perf_counter() - started
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == args.count
    print(f"Gương Sáng (ReportLab): {args.count} certificates, one PDF of {len(data) / 1e6:.1f} MB, in {ours:.2f} s")
    if soffice() is None:
        print("LibreOffice is not installed: the comparison was not run.")
        return
    started = time.perf_counter()
    document = as_docx(pages)
    made = time.perf_counter() - started
    started = time.perf_counter()
    converted = docx_to_pdf(document, timeout=3600)
    lo = time.perf_counter() - started
    with pdfplumber.open(io.BytesIO(converted)) as pdf:
        lo_pages = len(pdf.pages)
    print(
        f"LibreOffice: the same {args.count} certificates as one .docx (made in {made:.2f} s) converted to a "
        f"{lo_pages}-page PDF in {lo:.2f} s"
    )
    print(f"ratio (LibreOffice conversion ÷ Gương Sáng): {lo / ours:.1f}×")
    print(f"ratio (making the .docx and converting it ÷ Gương Sáng): {(made + lo) / ours:.1f}×")


if __name__ == "__main__":
    main()
