from django.core.management.base import BaseCommand

from guongsang.demo.loader import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (cây tổ chức, cá nhân, xếp loại, khen thưởng, tài khoản mẫu) nếu chưa có."

    def handle(self, *args, **options):
        if not load_demo(stdout=self.stdout):
            self.stdout.write("Dữ liệu mẫu đã có; không nạp lại.")
