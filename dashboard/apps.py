from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Dashboards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dashboard import panels as dashboard_panels
        from familieschool import navigation, panels

        navigation.register(navigation.NavItem("dashboard", "Dashboard", "dashboard:school", "dashboard.school", 60))
        navigation.register(
            navigation.NavItem("dashboard_bestuur", "Scholen vergelijken", "dashboard:bestuur", "dashboard.bestuur", 61)
        )
        # Its figures are kept ten minutes by the dashboards' own cache and say when they were computed.
        panels.register("start.dashboard", "dashboard", dashboard_panels.start_panel, keep=False)
