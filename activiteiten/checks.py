"""`manage.py check --deploy`: production must not write parents' text messages to a file."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def sms_backend_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    backend = getattr(settings, "FAMILIESCHOOL_SMS_BACKEND", "")
    if not settings.DEBUG and backend.endswith((".FileBackend", ".ConsoleBackend")):
        return [
            Warning(
                "Sms'jes aan ouders gaan naar een bestand of de console, niet naar een provider.",
                hint="Zet FAMILIESCHOOL_SMS_BACKEND op een provider (docs/sms.md).",
                id="familieschool.W101",
            )
        ]
    return []
