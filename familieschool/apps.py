from django.apps import AppConfig


class FamilieschoolConfig(AppConfig):
    name = "familieschool"
    verbose_name = "Familieschool (kern)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from familieschool import checks, panels  # noqa: F401  (registers checks and core panels)

        panels.register_core_panels()
