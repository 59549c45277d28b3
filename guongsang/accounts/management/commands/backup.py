"""Back up the database and the media files into one .tar.gz (guongsang/lib/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guongsang.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu và tệp đính kèm vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            nargs="?",
            default=None,
            help="tệp .tar.gz hoặc thư mục để ghi (mặc định: var/sao-luu/ với tên theo ngày giờ)",
        )

    def handle(self, *args, target: str | None, **options):
        where = Path(target) if target else Path(settings.VAR_DIR) / "sao-luu"
        if target is None:
            where.mkdir(parents=True, exist_ok=True)
        if not where.is_dir() and not where.parent.is_dir():
            raise CommandError(f"Không có thư mục {where.parent} để ghi bản sao lưu.")
        try:
            written, manifest = backup(where)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Không sao lưu được: {exc}") from exc
        self.stdout.write(
            f"Đã sao lưu {sum(manifest.rows.values())} dòng dữ liệu và {len(manifest.files) - 1} tệp vào {written}."
        )
