"""Restore a backup made by `manage.py backup`: every row and every media file (guongsang/lib/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guongsang.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu: thay toàn bộ dữ liệu và tệp đính kèm hiện có bằng dữ liệu trong bản sao lưu. "
        "Cần --yes để xác nhận."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tệp .tar.gz do manage.py backup tạo ra")
        parser.add_argument("--yes", action="store_true", help="xác nhận thay thế toàn bộ dữ liệu hiện có")

    def handle(self, *args, archive: str, yes: bool, **options):
        if not yes:
            raise CommandError(
                "Khôi phục sẽ thay toàn bộ dữ liệu và tệp đính kèm hiện có. Chạy lại với --yes để xác nhận."
            )
        try:
            manifest = restore(Path(archive))
        except (BackupError, OSError) as exc:
            raise CommandError(f"Không khôi phục: {exc}") from exc
        self.stdout.write(
            f"Đã khôi phục {sum(manifest.rows.values())} dòng dữ liệu và {len(manifest.files) - 1} tệp "
            f"từ bản sao lưu lúc {manifest.created}."
        )
