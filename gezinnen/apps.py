from django.apps import AppConfig


class GezinnenConfig(AppConfig):
    name = "gezinnen"
    verbose_name = "Gezinnen, signalen en Familieservicepunt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from familieschool import demo, navigation, panels
        from gezinnen import start_panels
        from gezinnen.demo import seed_gezinnen

        navigation.register(
            navigation.NavItem("leerlingen", "Leerlingen", "gezinnen:leerling_list", "gezinnen.lezen", 20)
        )
        navigation.register(navigation.NavItem("gezinnen", "Gezinnen", "gezinnen:gezin_list", "gezinnen.lezen", 21))
        bewaren = navigation.NavItem(
            "bewaartermijn", "Bewaartermijn", "gezinnen:bewaartermijn", "gezinnen.bewaartermijn", 920
        )
        navigation.register(bewaren)
        panels.register("start.imports", "gezinnen", start_panels.imports_panel)
        demo.register_seeder("gezinnen", seed_gezinnen)
        from gezinnen import privacy_tasks  # noqa: F401  (registers the Celery task)
