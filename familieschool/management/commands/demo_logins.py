from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from familieschool import demo
from familieschool.roles import MFA_VERPLICHT


class Command(BaseCommand):
    help = "Toont de adres en de demo-inloggegevens."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        lines = [
            "",
            "=" * 78,
            f"  Familieschool draait op {url}",
            "=" * 78,
        ]
        if settings.DEMO_MODE:
            lines += [f"  Demo-wachtwoord voor iedereen: {demo.DEMO_PASSWORD}", ""]
            for gebruiker in demo.GEBRUIKERS:
                mfa = " [2FA]" if any(rol in MFA_VERPLICHT for _, rol, _ in gebruiker.rollen) else ""
                lines.append(f"  {gebruiker.email:<48}{mfa}")
                lines.append(f"      {gebruiker.rol_omschrijving}")
            lines += [
                "",
                "  [2FA] = tweestapsverificatie staat aan. De huidige code opvragen:",
                "      make code EMAIL=coordinator@" + demo.DEMO_DOMAIN,
                "  Stoppen: Ctrl-C (stopt web, worker, beat en de ingebouwde servers).",
            ]
        lines.append("=" * 78)
        self.stdout.write("\n".join(lines))
