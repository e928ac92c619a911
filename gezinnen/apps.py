from django.apps import AppConfig


class GezinnenConfig(AppConfig):
    name = "gezinnen"
    verbose_name = "Gezinnen, signalen en Familieservicepunt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from familieschool import demo, navigation, panels
        from gezinnen import (
            privacy_tasks,  # noqa: F401  (registers the Celery task)
            start_panels,
        )
        from gezinnen.demo import seed_gezinnen
        from gezinnen.fsp import setup as fsp_setup
        from gezinnen.meldcode import setup as meldcode_setup
        from gezinnen.privacy import register_export_part
        from gezinnen.signalen import panels as signalen_panels
        from gezinnen.signalen import tasks as signalen_tasks  # noqa: F401  (registers the Celery tasks)
        from gezinnen.signalen.export import signalen_export

        nav = navigation.NavItem
        navigation.register(nav("signalen", "Signalen", "gezinnen:signaal_list", "signalen.lezen", 15))
        navigation.register(nav("leerlingen", "Leerlingen", "gezinnen:leerling_list", "gezinnen.lezen", 20))
        navigation.register(nav("gezinnen", "Gezinnen", "gezinnen:gezin_list", "gezinnen.lezen", 21))
        navigation.register(
            nav("bewaartermijn", "Bewaartermijn", "gezinnen:bewaartermijn", "gezinnen.bewaartermijn", 920)
        )
        navigation.register_actie(nav("signaal", "Signaal melden", "gezinnen:signaal_create", "signalen.melden", 0))

        panels.register("start.imports", "gezinnen", start_panels.imports_panel)
        panels.register("start.signalen", "gezinnen", signalen_panels.start_panel)
        panels.register("gezin.signalen", "gezinnen", signalen_panels.gezin_panel)

        register_export_part("signalen", signalen_export)
        demo.register_seeder("gezinnen", seed_gezinnen)

        # The Familieservicepunt and the Meldcode register their own navigation, panels and tasks.
        fsp_setup.ready()
        meldcode_setup.ready()
