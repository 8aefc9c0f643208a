from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
