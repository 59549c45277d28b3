"""Read plan files and print what was extracted, for bulk use and for measuring."""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guongsang.importer.extract import extract
from guongsang.importer.reading import PlanReadError, read_plan_file


def _values(node):
    """The draft without source spans: field -> value, lists of plain items."""
    if isinstance(node, dict):
        if set(node) >= {"value", "span"} and len(node) <= 3:
            return node["value"]
        return {k: _values(v) for k, v in node.items() if not k.endswith("span") and k != "unsure"}
    if isinstance(node, list):
        return [_values(v) for v in node]
    return node


class Command(BaseCommand):
    help = "Đọc tệp kế hoạch (.docx, .pdf, .txt, .doc, .odt) và in ra những gì trích xuất được."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="tệp kế hoạch")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON (một đối tượng mỗi tệp)")
        parser.add_argument("--spans", action="store_true", help="giữ vị trí đoạn văn nguồn của từng giá trị")
        parser.add_argument("--text", action="store_true", help="in cả nội dung đã đọc và chuẩn hóa")

    def handle(self, *args, **options):
        failed = 0
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Không thấy tệp {name}.")
            started = time.perf_counter()
            try:
                result = read_plan_file(path.name, path.read_bytes())
                draft = extract(result.text)
            except PlanReadError as exc:
                failed += 1
                self.stderr.write(f"{name}: {exc}")
                continue
            seconds = time.perf_counter() - started
            body = draft if options["spans"] else _values(draft)
            report = {
                "file": name,
                "pages": result.pages,
                "legacy_encoding": result.encoding,
                "seconds": round(seconds, 3),
                **body,
            }
            if options["text"]:
                report["text"] = result.text
            if options["json"]:
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str))
            else:
                self._summary(report)
        if failed:
            raise CommandError(f"{failed} tệp không đọc được.")

    def _summary(self, report: dict) -> None:
        fields = report["fields"]
        self.stdout.write(f"{report['file']} ({report['pages']} trang, {report['seconds']:.2f} giây)")
        for name in ("symbol", "date", "place", "issuer", "title", "signer_name"):
            if name in fields:
                self.stdout.write(f"  {name}: {fields[name]}")
        for name in ("references", "deadlines", "quotas", "award_forms", "criteria", "dossier", "outline"):
            self.stdout.write(f"  {name}: {len(report[name])}")
        for name in ("assignments", "recipients"):
            self.stdout.write(f"  {name}: {len(report[name])}")
