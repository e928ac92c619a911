from django.apps import AppConfig


class MetingConfig(AppConfig):
    """Measuring: the board-scale data set. Rightmost in the chain; nothing imports it."""

    name = "meting"
    verbose_name = "Meting"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from familieschool import demo
        from meting.schaal import seed_board

        demo.register_scale("board", seed_board)
