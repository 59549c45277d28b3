from django.core.management.base import BaseCommand

from guongsang.documents.templates import build_all


class Command(BaseCommand):
    help = "Tạo lại các mẫu .docx đóng gói sẵn (kế hoạch…) từ mã nguồn."

    def handle(self, *args, **options):
        for path in build_all():
            self.stdout.write(f"Đã tạo {path}")
