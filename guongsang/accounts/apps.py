from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "guongsang.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và nhật ký"

    def ready(self) -> None:
        from guongsang.accounts import (
            permissions,  # noqa: F401  (registers the rules)
            signals,  # noqa: F401  (sign-ins in the audit log)
        )
