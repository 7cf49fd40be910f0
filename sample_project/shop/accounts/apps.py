"""App configuration for customer accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shop.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import views  # noqa: F401  (connects the user_logged_in receiver)
