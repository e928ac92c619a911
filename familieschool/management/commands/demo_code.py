from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from familieschool.mfa import code_for_secret, demo_secret, totp_secret
from familieschool.models import User


class Command(BaseCommand):
    help = "Toont de huidige tweestapscode (TOTP) van een demogebruiker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Alleen in demomodus (FAMILIESCHOOL_DEMO=1).")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Geen gebruiker met e-mailadres {email}.")
        secret = totp_secret(user)
        if secret is None or secret != demo_secret(user.email):
            raise CommandError("Deze gebruiker heeft geen demo-tweestapsverificatie.")
        self.stdout.write(code_for_secret(secret))
