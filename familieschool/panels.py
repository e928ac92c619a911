"""The panel registry: how apps fill slots on pages they do not own.

A page names its slots (``start.signalen``, ``gezin.tijdlijn``, ``partner.activiteiten`` ...);
an app registers a provider for a slot in its ``AppConfig.ready()``. A provider takes the
request and the page's object and returns a :class:`Panel` (a template and its context), or
``None`` when the role may not see it. Dependencies keep pointing one way: the core never
imports an app, and a page never shows a panel for an app that is not installed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from familieschool.roles import heeft_recht


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[HttpRequest, Any], Panel | None]

_providers: dict[str, dict[str, Provider]] = {}


def register(slot: str, key: str, provider: Provider) -> None:
    """Register (or replace) the provider ``key`` for ``slot``."""
    _providers.setdefault(slot, {})[key] = provider


def unregister(slot: str, key: str) -> None:
    _providers.get(slot, {}).pop(key, None)


def has_providers(slot: str) -> bool:
    return bool(_providers.get(slot))


def panels_for(slot: str, request: HttpRequest, obj: Any = None) -> list[Panel]:
    """The panels the current user may see in ``slot``, in registration order."""
    panels = []
    for provider in list(_providers.get(slot, {}).values()):
        panel = provider(request, obj)
        if panel is not None:
            panels.append(panel)
    return panels


@dataclass(frozen=True)
class Sectie:
    """A section of a page that one or more apps fill; shown to roles with ``recht``."""

    slot: str
    titel: str
    recht: str
    komt_in: str  # which part of the product fills it, said plainly while it is not there yet


# The start page per role: each section is shown to the roles with its right. A section whose
# app has not registered a provider says so plainly instead of showing invented numbers.
START_SECTIES: list[Sectie] = [
    Sectie("start.signalen", "Signalen", "signalen.lezen", "de module Signalen en Familieservicepunt"),
    Sectie("start.fsp", "Familieservicepunt", "fsp.status", "de module Signalen en Familieservicepunt"),
    Sectie("start.activiteiten", "Rijke schooldag", "activiteiten.lezen", "de module Rijke schooldag"),
    Sectie("start.ouderactiviteiten", "Ouderactiviteiten", "ouderactiviteiten.lezen", "de module Ouderactiviteiten"),
    Sectie("start.subsidies", "Subsidies en deadlines", "subsidies.lezen", "de module Subsidies"),
    Sectie("start.imports", "Leerlingimport", "gezinnen.importeren", "de module Gezinnen"),
    Sectie("start.dashboard", "Familieschool in cijfers", "dashboard.school", "de dashboards"),
    Sectie("start.gebruikers", "Gebruikers en uitnodigingen", "gebruikers.uitnodigen", "de kern"),
    Sectie("start.inzage", "Inzagelog", "inzagelog.lezen", "de kern"),
]


def register_sectie(sectie: Sectie) -> None:
    """Add a section to the start page (an app that brings a new kind of work)."""
    if all(bestaand.slot != sectie.slot for bestaand in START_SECTIES):
        START_SECTIES.append(sectie)


def start_secties(request: HttpRequest) -> list[tuple[Sectie, list[Panel], bool]]:
    """(section, its panels, whether any app provides it) for the sections this role may see."""
    rol = getattr(request, "rol", None)
    result = []
    for sectie in START_SECTIES:
        if not heeft_recht(rol, sectie.recht):
            continue
        result.append((sectie, panels_for(sectie.slot, request), has_providers(sectie.slot)))
    return result


def register_core_panels() -> None:
    from familieschool import start_panels

    register("start.gebruikers", "familieschool", start_panels.gebruikers_panel)
    register("start.inzage", "familieschool", start_panels.inzage_panel)
