from django.apps import AppConfig


class GezinnenConfig(AppConfig):
    name = "gezinnen"
    verbose_name = "Gezinnen, signalen en Familieservicepunt"
    default_auto_field = "django.db.models.BigAutoField"
