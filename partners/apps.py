from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners (sociale kaart)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from familieschool import demo, navigation
        from partners.demo import seed_partners

        navigation.register(navigation.NavItem("partners", "Partners", "partners:partner_list", "partners.lezen", 10))
        demo.register_seeder("partners", seed_partners)
