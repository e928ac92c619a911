"""The family file's timeline: what later modules know about a family (signals, FSP questions
and intakes, activities, parent events, fund applications), each shown only to roles that may
see it. Apps fill the slots through the core panel registry; gezinnen never imports them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from familieschool.panels import Panel, has_providers, panels_for
from familieschool.roles import heeft_recht
from gezinnen.models import Gezin


@dataclass(frozen=True)
class TijdlijnSectie:
    slot: str
    titel: str
    rechten: tuple[str, ...]  # any of these rights shows the section
    komt_in: str


TIJDLIJN_SECTIES = [
    TijdlijnSectie("gezin.signalen", "Signalen", ("signalen.lezen",), "de module Signalen en Familieservicepunt"),
    TijdlijnSectie(
        "gezin.fsp",
        "Vragen en intakes (Familieservicepunt)",
        ("fsp.status",),
        "de module Signalen en Familieservicepunt",
    ),
    TijdlijnSectie(
        "gezin.activiteiten", "Activiteiten (Rijke schooldag)", ("activiteiten.lezen",), "de module Rijke schooldag"
    ),
    TijdlijnSectie(
        "gezin.ouderactiviteiten", "Ouderactiviteiten", ("ouderactiviteiten.lezen",), "de module Ouderactiviteiten"
    ),
    TijdlijnSectie(
        "gezin.fondsaanvragen",
        "Fondsaanvragen",
        ("fondsaanvragen.maken", "fondsaanvragen.lezen_eigen", "subsidies.lezen"),
        "de module Subsidies",
    ),
]


def tijdlijn_secties(request: HttpRequest, gezin: Gezin) -> list[tuple[TijdlijnSectie, list[Panel], bool]]:
    """(section, its panels, whether any app provides it) for the sections this role may see."""
    rol = getattr(request, "rol", None)
    return [
        (sectie, panels_for(sectie.slot, request, gezin), has_providers(sectie.slot))
        for sectie in TIJDLIJN_SECTIES
        if any(heeft_recht(rol, recht) for recht in sectie.rechten)
    ]
