from django.apps import AppConfig


class ActiviteitenConfig(AppConfig):
    name = "activiteiten"
    verbose_name = "Rijke schooldag en ouderactiviteiten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models import Q

        from familieschool import navigation
        from familieschool.roles import Rol
        from gezinnen.selectors import register_leerling_scope

        # A begeleider sees the names of the pupils placed in the activities they lead.
        register_leerling_scope(
            Rol.BEGELEIDER,
            "activiteiten",
            lambda user, school: Q(inschrijvingen__activiteit__begeleiders=user, inschrijvingen__status="geplaatst"),
        )
        navigation.register(
            navigation.NavItem(
                "activiteiten", "Rijke schooldag", "activiteiten:activiteit_list", "activiteiten.lezen", 30
            )
        )
