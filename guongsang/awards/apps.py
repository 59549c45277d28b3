from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "guongsang.awards"
    verbose_name = "Xét chọn, khen thưởng"
