from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "guongsang.documents"
    label = "documents"
    verbose_name = "Văn bản"
