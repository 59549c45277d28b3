from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "guongsang.nominations"
    label = "nominations"
    verbose_name = "Đề nghị khen thưởng"
