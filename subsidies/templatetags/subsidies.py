"""``{% subsidies_nav "toekenningen" %}``: the tabs of the subsidies pages the active role may
open; ``{{ bedrag|euro }}``: an amount in Dutch notation (€ 1.234,50)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template

from familieschool.roles import heeft_recht

register = template.Library()

TABS = [
    ("toekenningen", "Toekenningen", "subsidies:toekenning_list", ("subsidies.lezen", "subsidies.tellen")),
    ("deadlines", "Deadlines", "subsidies:deadline_list", ("subsidies.lezen",)),
    (
        "fondsen",
        "Fondsaanvragen",
        "subsidies:fondsaanvraag_list",
        ("fondsaanvragen.maken", "fondsaanvragen.lezen_eigen", "subsidies.lezen", "subsidies.tellen"),
    ),
    (
        "regelingen",
        "Regelingen",
        "subsidies:regeling_list",
        ("subsidies.lezen", "subsidies.tellen", "fondsaanvragen.maken", "fondsaanvragen.lezen_eigen"),
    ),
]


@register.inclusion_tag("activiteiten/_subnav.html", takes_context=True)
def subsidies_nav(context: Any, actief: str) -> dict[str, Any]:
    from django.urls import reverse

    rol = getattr(context.get("request"), "rol", None)
    tabs = [
        {"key": key, "label": label, "url": reverse(url_name)}
        for key, label, url_name, rechten in TABS
        if any(heeft_recht(rol, r) for r in rechten)
    ]
    return {"tabs": tabs, "actief": actief, "label": "Subsidies"}


@register.filter
def euro(bedrag: Decimal | int | float | str | None) -> str:
    """€ 1.234,50 — negative amounts as − € 12,00; empty for None."""
    if bedrag is None or bedrag == "":
        return ""
    waarde = Decimal(str(bedrag)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    teken = "− " if waarde < 0 else ""
    heel, _, cent = f"{abs(waarde):.2f}".partition(".")
    groepen: list[str] = []
    while len(heel) > 3:
        groepen.insert(0, heel[-3:])
        heel = heel[:-3]
    groepen.insert(0, heel)
    return f"{teken}€ {'.'.join(groepen)},{cent}"
