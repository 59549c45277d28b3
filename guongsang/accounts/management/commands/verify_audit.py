"""Walk the audit log's hash chain and report the first broken link (exit status 1 when broken)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from guongsang.accounts import chain


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của nhật ký thao tác; báo mục đầu tiên bị sửa, xóa hoặc chèn."

    def handle(self, *args, **options):
        verdict = chain.verify()
        if not verdict.ok:
            entry = verdict.broken
            raise CommandError(
                f"Nhật ký bị can thiệp: sau {verdict.checked} mục đúng, mục số {entry.seq or '(không có)'} "
                f"(mã {entry.pk}, {timezone.localtime(entry.at):%d/%m/%Y %H:%M:%S}, {entry.action}) "
                f"{verdict.reason}."
            )
        if verdict.head is None:
            self.stdout.write("Nhật ký trống.")
            return
        head = verdict.head
        self.stdout.write(
            f"Nhật ký toàn vẹn: {verdict.checked} mục. Mục cuối số {head.seq}, "
            f"{timezone.localtime(head.at):%d/%m/%Y %H:%M:%S}, mã băm {head.entry_hash}."
        )
