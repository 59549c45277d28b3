"""Serve the app and work off background tasks in one command (the embedded default).

Production runs gunicorn and `manage.py db_worker` (or an RQ worker) as separate services; see
docs/operations.md.
"""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from guongsang.demo.tree import DEMO_PASSWORD, ROLE_NAMES, SITES


class Command(BaseCommand):
    help = "Chạy máy chủ web và bộ xử lý tác vụ nền trong cùng một lệnh."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        helpers = []
        if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            helpers.append(subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload"]))
        # Deadline reminders: queued every 15 minutes; each reminder goes out once, on its day.
        helpers.append(subprocess.Popen([sys.executable, "manage.py", "send_reminders", "--every", "900"]))
        self.stdout.write(self.style.SUCCESS(f"\nGương Sáng đang chạy tại http://{addrport}/"))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}): admin, và")
        for prefix, label, _issuer, _unit in SITES:
            self.stdout.write(f"  {label}: " + ", ".join(f"{prefix}.{s}" for s in ROLE_NAMES.values()))
        self.stdout.write("")
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for helper in helpers:
                helper.terminate()
                helper.wait(timeout=10)
