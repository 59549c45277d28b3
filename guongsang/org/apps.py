from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "guongsang.org"
    label = "org"
    verbose_name = "Tổ chức"
