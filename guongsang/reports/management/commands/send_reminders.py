"""Send the automatic deadline reminders that are due (for cron), or queue them every N seconds."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from guongsang.reports.reminders import send_due_reminders, send_reminders


class Command(BaseCommand):
    help = "Gửi nhắc hạn tự động tới các đơn vị chưa nộp (chạy một lần, hoặc xếp hàng tác vụ mỗi N giây)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="xếp hàng tác vụ nhắc hạn mỗi N giây, không dừng")

    def handle(self, *args, every: int, **options):
        if not every:
            sent = send_due_reminders()
            self.stdout.write(f"Đã gửi {sent} lời nhắc.")
            return
        while True:
            send_reminders.enqueue()
            time.sleep(every)
