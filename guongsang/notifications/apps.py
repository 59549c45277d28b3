from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "guongsang.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
