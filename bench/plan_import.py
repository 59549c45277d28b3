"""Plan import: reading and extracting a 20-page plan, as .txt, .docx and .pdf (time per run).

The plan is seed 000 (header, body, signature) followed by a long attached outline built from the
outlines of seeds 003 and 004, renumbered, laid out as Party documents are (Times New Roman 13 pt,
A4), until the PDF LibreOffice makes of it has 20 pages or more. The PDF is made once (not timed);
each format is then read and extracted five times, and the median printed.

    .venv/bin/python bench/plan_import.py [--pages 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
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

import docx  # noqa: E402
import pdfplumber  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

from guongsang.documents.pdf import docx_to_pdf  # noqa: E402
from guongsang.importer.extract import extract  # noqa: E402
from guongsang.importer.reading import read_plan_file  # noqa: E402

SEEDS = ROOT / "tests" / "importer" / "seeds"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def outline_parts() -> list[list[str]]:
    """The parts of the two seed outlines, each a list of lines starting with its Roman heading."""
    parts = []
    for name in ("003", "004"):
        text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        outline = text[text.index("ĐỀ CƯƠNG BÁO CÁO") :].split("ĐƠN VỊ.....")[0].split("\n")
        current: list[str] = []
        for line in outline:
            head = line.split(".", 1)[0].strip()
            if head in ROMAN:
                if current:
                    parts.append(current)
                current = [line.split(".", 1)[1].strip()]
            elif current and line.strip():
                current.append(line.strip())
        parts.append(current)
    return parts


def plan_lines(repeat: int) -> list[str]:
    body = (SEEDS / "000.txt").read_text(encoding="utf-8").split("\n")
    lines = [line.strip() for line in body if line.strip()]
    lines += ["ĐỀ CƯƠNG BÁO CÁO", "sơ kết 02 năm thực hiện Kết luận số 01-KL/TW", "(Kèm theo Kế hoạch số 98-KH/HU)"]
    parts = outline_parts()
    number = 0
    for _ in range(repeat):
        for part in parts:
            number += 1
            lines.append(f"{to_roman(number)}. {part[0]}")
            lines += part[1:]
    return lines


def to_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def as_docx(lines: list[str]) -> bytes:
    """Laid out as Party documents are: Times New Roman 13 pt on A4, margins 2/1.5/3/2 cm."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Cm(2), Cm(2), Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(6), 1.0
    for line in lines:
        document.add_paragraph(line.replace("**", ""))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def timed(name: str, data: bytes, runs: int) -> tuple[float, dict]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = read_plan_file(name, data)
        draft = extract(result.text)
        times.append(time.perf_counter() - started)
    return statistics.median(times), {"chars": len(result.text), "sections": len(draft["outline"])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    repeat = 1
    while True:
        lines = plan_lines(repeat)
        data = as_docx(lines)
        pdf = docx_to_pdf(data)
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            pages = len(document.pages)
        if pages >= args.pages:
            break
        repeat += 1
    machine = platform.processor() or platform.machine()
    print(f"Máy: {machine}, {os.cpu_count()} lõi, Python {platform.python_version()}")
    print(f"Kế hoạch thử: {pages} trang PDF (LibreOffice), {len(lines)} đoạn; {args.runs} lần đọc mỗi dạng, trung vị:")
    for name, payload in (("ke-hoach.txt", "\n".join(lines).encode()), ("ke-hoach.docx", data), ("ke-hoach.pdf", pdf)):
        seconds, info = timed(name, payload, args.runs)
        print(f"  {name:14} {seconds:6.2f} s  ({info['chars']:,} ký tự, {info['sections']} mục đề cương)")


if __name__ == "__main__":
    main()
