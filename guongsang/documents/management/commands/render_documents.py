"""manage.py render_documents OUT_DIR: every kind of document of the current database (the demo),
as .docx/.pdf/.xlsx with a PNG of page 1, each read back by the document checker."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guongsang.documents.gallery import render_all, summary


class Command(BaseCommand):
    help = "Xuất mọi loại văn bản của dữ liệu hiện có (.docx, .pdf, .xlsx, ảnh trang đầu) và kiểm tra thể thức."

    def add_arguments(self, parser):
        parser.add_argument("out_dir", help="thư mục ghi các tệp")
        parser.add_argument("--no-pictures", action="store_true", help="không tạo ảnh PNG trang đầu")
        parser.add_argument("--width", type=int, default=700, help="bề rộng ảnh (điểm ảnh)")

    def handle(self, out_dir, no_pictures=False, width=700, **options):
        out = Path(out_dir)
        results = render_all(out, pictures=not no_pictures, width=width)
        if not results:
            raise CommandError("Không có văn bản nào để xuất: hãy nạp dữ liệu mẫu (manage.py load_demo) trước.")
        table = summary(results)
        (out / "README.md").write_text(table, encoding="utf-8")
        self.stdout.write(table)
        failed = [r for r in results if r.problems]
        if failed:
            raise CommandError(f"{len(failed)}/{len(results)} văn bản chưa đạt kiểm tra thể thức (xem bảng trên).")
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {len(results)} văn bản vào {out}."))
