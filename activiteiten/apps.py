from django.apps import AppConfig


class ActiviteitenConfig(AppConfig):
    name = "activiteiten"
    verbose_name = "Rijke schooldag en ouderactiviteiten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models import Q

        from activiteiten import checks  # noqa: F401  registers the deploy check
        from activiteiten import panels as activiteit_panels
        from activiteiten.demo import seed_activiteiten
        from activiteiten.export import activiteiten_export
        from activiteiten.ouders import setup as ouders_setup
        from activiteiten.ouders.demo import seed_ouderactiviteiten
        from activiteiten.presentie import setup as presentie_setup
        from familieschool import demo, navigation, panels
        from familieschool.roles import Rol
        from gezinnen.privacy import register_export_part
        from gezinnen.selectors import register_leerling_scope

        # A begeleider, and a leerkracht who leads an activity, see the names of the pupils
        # placed in the activities they lead.
        for rol in (Rol.BEGELEIDER, Rol.LEERKRACHT):
            register_leerling_scope(
                rol,
                "activiteiten",
                lambda user, school: Q(
                    inschrijvingen__activiteit__begeleiders=user, inschrijvingen__status="geplaatst"
                ),
            )

        navigation.register(
            navigation.NavItem(
                "activiteiten", "Rijke schooldag", "activiteiten:activiteit_list", "activiteiten.lezen", 30
            )
        )
        # The board reads the reach figures (counts only) without the activity pages.
        navigation.register(navigation.NavItem("bereik", "Bereik", "activiteiten:bereik", "activiteiten.tellen", 31))

        panels.register("start.activiteiten", "activiteiten", activiteit_panels.start_panel)
        panels.register("gezin.activiteiten", "activiteiten", activiteit_panels.gezin_panel)
        panels.register("partner.activiteiten", "activiteiten", activiteit_panels.partner_panel)
        register_export_part("activiteiten", activiteiten_export)

        # Attendance (presentie) and the parent activities register their own panels and items.
        presentie_setup.ready()
        ouders_setup.ready()

        demo.register_seeder("activiteiten", seed_activiteiten)
        demo.register_seeder("ouderactiviteiten", seed_ouderactiviteiten)
