from django.apps import AppConfig


class RenjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "renja"
