from django.apps import AppConfig


class FamilieschoolConfig(AppConfig):
    name = "familieschool"
    verbose_name = "Familieschool (kern)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from familieschool import checks, freshness, panels  # noqa: F401  (registers checks and core panels)

        panels.register_core_panels()
        # Every connection notes which tables a commit wrote (kept figures know when to go).
        connection_created.connect(freshness.install, dispatch_uid="familieschool.freshness")
