from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from familieschool import demo


class Command(BaseCommand):
    help = "Maakt het fictieve demobestuur met drie scholen en een gebruiker voor elke rol (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Niets doen als de demo al bestaat.")
        parser.add_argument(
            "--scale",
            choices=demo.scales(),
            help="Voeg een grote, fictieve gegevensset toe om te meten (bv. board: 36 scholen, drie schooljaren).",
        )
        parser.add_argument("--schools", type=int, default=36, help="Met --scale: aantal extra scholen.")
        parser.add_argument(
            "--fraction", type=float, default=1.0, help="Met --scale: fractie van de aantallen per school (0–1]."
        )

    def handle(
        self,
        *args: Any,
        if_empty: bool = False,
        scale: str | None = None,
        schools: int = 36,
        fraction: float = 1.0,
        **options: Any,
    ) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demogegevens (met bekende wachtwoorden) alleen in demomodus: zet FAMILIESCHOOL_DEMO=1.")
        if scale:
            if schools < 1 or not 0 < fraction <= 1:
                raise CommandError("--schools moet ≥ 1 zijn en --fraction tussen 0 en 1.")
            result = demo.seed_scale(scale, schools=schools, fraction=fraction, log=self.stdout.write)
            self.stdout.write(self.style.SUCCESS(f"Schaal {scale} klaar: {sum(result.values())} rijen."))
            return
        if if_empty and demo.demo_exists():
            self.stdout.write("Demogegevens staan er al; niets gedaan.")
            return
        result = demo.seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo klaar: {result['scholen']} scholen, {result['gebruikers']} gebruikers "
                f"({result['nieuwe_gebruikers']} nieuw)."
            )
        )
