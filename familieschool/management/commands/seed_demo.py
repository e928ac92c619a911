from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from familieschool import demo


class Command(BaseCommand):
    help = "Maakt het fictieve demobestuur met drie scholen en een gebruiker voor elke rol (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Niets doen als de demo al bestaat.")

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demogegevens (met bekende wachtwoorden) alleen in demomodus: zet FAMILIESCHOOL_DEMO=1.")
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
