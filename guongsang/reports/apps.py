from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "guongsang.reports"
    label = "reports"
    verbose_name = "Báo cáo của đơn vị"
