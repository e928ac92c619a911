from django.apps import AppConfig


class GezinnenConfig(AppConfig):
    name = "gezinnen"
    verbose_name = "Gezinnen, signalen en Familieservicepunt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from familieschool import demo, navigation, panels
        from gezinnen import start_panels
        from gezinnen.demo import seed_gezinnen
        from gezinnen.signalen import panels as signalen_panels

        navigation.register(
            navigation.NavItem("leerlingen", "Leerlingen", "gezinnen:leerling_list", "gezinnen.lezen", 20)
        )
        navigation.register(navigation.NavItem("gezinnen", "Gezinnen", "gezinnen:gezin_list", "gezinnen.lezen", 21))
        bewaren = navigation.NavItem(
            "bewaartermijn", "Bewaartermijn", "gezinnen:bewaartermijn", "gezinnen.bewaartermijn", 920
        )
        navigation.register(bewaren)
        panels.register("start.imports", "gezinnen", start_panels.imports_panel)
        navigation.register(navigation.NavItem("signalen", "Signalen", "gezinnen:signaal_list", "signalen.lezen", 15))
        navigation.register_actie(
            navigation.NavItem("signaal", "Signaal melden", "gezinnen:signaal_create", "signalen.melden", 0)
        )
        panels.register("start.signalen", "gezinnen", signalen_panels.start_panel)
        panels.register("gezin.signalen", "gezinnen", signalen_panels.gezin_panel)
        demo.register_seeder("gezinnen", seed_gezinnen)
        from gezinnen import privacy_tasks  # noqa: F401  (registers the Celery task)
        from gezinnen.signalen import tasks as signalen_tasks  # noqa: F401  (registers the Celery tasks)
