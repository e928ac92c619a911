from django.apps import AppConfig


class ActiviteitenConfig(AppConfig):
    name = "activiteiten"
    verbose_name = "Rijke schooldag en ouderactiviteiten"
    default_auto_field = "django.db.models.BigAutoField"
