"""System checks that keep promises the code could silently break."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register

# Identifiers this application may never store (reference/domain.md §1.4, DESIGN.md §6).
VERBODEN_VELDEN = re.compile(
    r"(^|_)(bsn|burgerservicenummer|onderwijsnummer|eck_?id|etniciteit|ethnicity|gewicht|leerlinggewicht)($|_)"
)


@register(Tags.models)
def check_geen_verboden_velden(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            name = getattr(field, "name", "")
            if VERBODEN_VELDEN.search(name.lower()):
                errors.append(
                    Error(
                        f"{model._meta.label}.{name}: dit gegeven mag Familieschool nooit opslaan.",
                        id="familieschool.E001",
                    )
                )
    return errors


@register(Tags.caches)
def check_echte_cache(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    # allauth's rate limits silently do nothing with a dummy cache.
    backend = settings.CACHES["default"]["BACKEND"]
    if "DummyCache" in backend or "LocMemCache" in backend:
        return [Error("De cache moet Redis zijn: anders werken de inlogbeperkingen niet.", id="familieschool.E002")]
    return []
