from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "guongsang.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
