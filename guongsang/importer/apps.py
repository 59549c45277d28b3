from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "guongsang.importer"
    label = "importer"
    verbose_name = "Nhập kế hoạch từ tệp"
