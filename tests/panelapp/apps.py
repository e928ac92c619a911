"""A test app that fills a slot on the core's start page, the way a real app would."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest


def openbaar_panel(request: HttpRequest, obj: Any) -> Any:
    from familieschool.panels import Panel

    return Panel("panelapp/_openbaar.html", {"tekst": "Testpaneel voor iedereen"})


def geheim_panel(request: HttpRequest, obj: Any) -> Any:
    from familieschool.panels import Panel
    from familieschool.roles import heeft_recht

    if not heeft_recht(getattr(request, "rol", None), "activiteiten.beheren"):
        return None  # this role may not see it
    return Panel("panelapp/_geheim.html", {"tekst": "Alleen voor wie activiteiten beheert"})


class PanelappConfig(AppConfig):
    name = "tests.panelapp"
    label = "panelapp"

    def ready(self) -> None:
        from familieschool import panels

        panels.register_sectie(panels.Sectie("start.testapp", "Testmodule", "partners.lezen", "de testmodule"))
        panels.register("start.testapp", "openbaar", openbaar_panel)
        panels.register("start.testapp", "geheim", geheim_panel)
        panels.register("test.detail", "openbaar", openbaar_panel)
        panels.register("test.detail", "geheim", geheim_panel)
