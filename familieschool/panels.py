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
from functools import partial
from typing import Any

from django.http import HttpRequest
from django.template.loader import get_template
from django.utils import timezone

from familieschool import freshness
from familieschool.roles import heeft_recht


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[HttpRequest, Any], Panel | None]

_providers: dict[str, dict[str, Provider]] = {}
_not_kept: set[tuple[str, str]] = set()

# How long a start-page panel is kept at most; it is recomputed as soon as a table it read is
# written (familieschool.freshness), so this only bounds writes made outside the application.
START_PANEL_SECONDS = 300


def register(slot: str, key: str, provider: Provider, *, keep: bool = True) -> None:
    """Register (or replace) the provider ``key`` for ``slot``. On the start page a panel is
    kept in the cache until a table it read changes; ``keep=False`` for a provider whose output
    depends on something else (another cache, the clock)."""
    _providers.setdefault(slot, {})[key] = provider
    if keep:
        _not_kept.discard((slot, key))
    else:
        _not_kept.add((slot, key))


def unregister(slot: str, key: str) -> None:
    _providers.get(slot, {}).pop(key, None)
    _not_kept.discard((slot, key))


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


def start_secties(request: HttpRequest) -> list[tuple[Sectie, list[str], bool]]:
    """(section, its panels as HTML, whether any app provides it) for the sections this role
    may see. Panels are kept per user, role, school and day and recomputed as soon as a table
    they read is written (familieschool.freshness): a visit without changes costs no queries
    for them."""
    rol = getattr(request, "rol", None)
    wie = _start_key(request)
    computations: dict[str, Callable[[], str]] = {}
    fresh: dict[str, str] = {}
    keys_per_sectie: list[tuple[Sectie, list[str]]] = []
    for sectie in START_SECTIES:
        if not heeft_recht(rol, sectie.recht):
            continue
        keys = []
        for key, provider in list(_providers.get(sectie.slot, {}).items()):
            cache_key = f"start:{wie}:{sectie.slot}:{key}"
            keys.append(cache_key)
            if (sectie.slot, key) in _not_kept:
                fresh[cache_key] = _render(provider(request, None))
            else:
                computations[cache_key] = partial(_render_provider, provider, request)
        keys_per_sectie.append((sectie, keys))
    html = {**freshness.kept(computations, timeout=START_PANEL_SECONDS), **fresh}
    return [
        (sectie, [html[key] for key in keys if html[key]], has_providers(sectie.slot))
        for sectie, keys in keys_per_sectie
    ]


def _start_key(request: HttpRequest) -> str:
    """Whose start page: what the panels may depend on besides the tables they read."""
    user = getattr(request, "user", None)
    school = getattr(request, "school", None)
    lid = getattr(request, "lidmaatschap", None)
    return ":".join(
        str(part)
        for part in (
            getattr(user, "pk", None),
            getattr(school, "pk", None),
            getattr(request, "rol", None),
            getattr(lid, "pk", None),
            int(bool(lid and lid.is_aandachtsfunctionaris)),
            timezone.localdate().isoformat(),
        )
    )


def _render_provider(provider: Provider, request: HttpRequest) -> str:
    return _render(provider(request, None))


def _render(panel: Panel | None) -> str:
    """A panel as HTML ("" when the role may not see it). Panel templates use only ``panel``."""
    if panel is None:
        return ""
    return get_template(panel.template).render({"panel": panel.context})


def register_core_panels() -> None:
    from familieschool import start_panels

    register("start.gebruikers", "familieschool", start_panels.gebruikers_panel)
    register("start.inzage", "familieschool", start_panels.inzage_panel)
