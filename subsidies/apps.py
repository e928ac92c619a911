from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = "Subsidies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from familieschool import demo, navigation, panels
        from familieschool.models import Bestuur
        from gezinnen.privacy import register_anonimiseer_part, register_export_part
        from subsidies import (
            deadlines,  # noqa: F401  registers the reminder task
            start_panels,
        )
        from subsidies import panels as subsidies_panels
        from subsidies.demo import seed_subsidies
        from subsidies.fondsen import fondsaanvragen_export
        from subsidies.privacy import anonimiseer_fondsaanvragen

        post_save.connect(_nieuw_bestuur, sender=Bestuur, dispatch_uid="subsidies.standaard_regelingen")

        navigation.register(
            navigation.NavItem("subsidies", "Subsidies", "subsidies:toekenning_list", "subsidies.lezen", 50)
        )
        # The board reads the grants' figures (aggregates only).
        navigation.register(
            navigation.NavItem("subsidies_bestuur", "Subsidies", "subsidies:toekenning_list", "subsidies.tellen", 50)
        )
        # The brugfunctionaris, oka and buurtteam work with fund applications only.
        for recht in ("fondsaanvragen.maken", "fondsaanvragen.lezen_eigen"):
            navigation.register(
                navigation.NavItem(
                    f"fondsen_{recht}",
                    "Fondsaanvragen",
                    "subsidies:fondsaanvraag_list",
                    recht,
                    51,
                    tenzij="subsidies.lezen",
                )
            )
        panels.register("start.subsidies", "subsidies", start_panels.start_panel)
        panels.register("gezin.fondsaanvragen", "subsidies", subsidies_panels.gezin_panel)
        register_export_part("fondsaanvragen", fondsaanvragen_export)
        demo.register_seeder("subsidies", seed_subsidies)
        register_anonimiseer_part("fondsaanvragen", anonimiseer_fondsaanvragen)


def _nieuw_bestuur(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A new board starts with the standard funding streams (reference/domain.md §3)."""
    if created and not raw:
        from subsidies.regelingen import zaai_regelingen

        zaai_regelingen(instance)
