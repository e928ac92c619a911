"""``{% subsidies_nav "toekenningen" %}``: the tabs of the subsidies pages the active role may
open; ``{{ bedrag|euro }}``: an amount in Dutch notation (€ 1.234,50); ``{{ datum|datum_kort }}``:
a date as ``|date:"j b Y"`` writes it (1 aug 2026); ``{% prognose_badge p %}``: a forecast's verdict.

The filters and the badge run once per row of the grant pages (hundreds of grants at a large
school), so they are plain Python rather than Django's general date formatter or an include."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from familieschool import links
from familieschool.roles import heeft_recht

register = template.Library()

CENT = Decimal("0.01")
# Python writes 1,234.50; Dutch notation swaps the separators: 1.234,50.
_SCHEIDINGSTEKENS = str.maketrans(",.", ".,")

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
    rol = getattr(context.get("request"), "rol", None)
    tabs = [
        {"key": key, "label": label, "url": links.url(url_name)}
        for key, label, url_name, rechten in TABS
        if any(heeft_recht(rol, r) for r in rechten)
    ]
    return {"tabs": tabs, "actief": actief, "label": "Subsidies"}


@register.filter
def euro(bedrag: Decimal | int | float | str | None) -> str:
    """€ 1.234,50 — negative amounts as − € 12,00; empty for None."""
    if bedrag is None or bedrag == "":
        return ""
    waarde = (bedrag if isinstance(bedrag, Decimal) else Decimal(str(bedrag))).quantize(CENT, rounding=ROUND_HALF_UP)
    teken = "− " if waarde < 0 else ""
    # Only digits, separators, the minus and the euro sign: nothing to escape.
    return mark_safe(f"{teken}€ {abs(waarde):,.2f}".translate(_SCHEIDINGSTEKENS))  # noqa: S308


@register.filter(expects_localtime=True)
def datum_kort(datum: dt.date | None) -> str:
    """``{{ datum|date:"j b Y" }}`` (1 aug 2026, the month in the active language), without
    parsing the format for every row; empty for None, as the date filter."""
    if not datum:
        return ""
    return f"{datum.day} {MONTHS_3[datum.month]} {datum.year:04d}"


# The verdict of a forecast (subsidies.prognose.Prognose.oordeel) as a badge.
_BADGES = {
    "geen": ("text-bg-light border", "Nog geen prognose"),
    "op_koers": ("text-bg-success", "Op koers"),
    "over": ("text-bg-danger", "Overbesteding"),
    "onder": ("text-bg-warning", "Onderbesteding"),
}


@register.simple_tag
def prognose_badge(p: Any) -> SafeString:
    """The badge of a forecast: "Nog geen prognose", "Op koers", or an over- or underspend
    with its size."""
    oordeel = p.oordeel
    klasse, tekst = _BADGES[oordeel]
    if oordeel in ("over", "onder"):
        tekst = f"{tekst} {euro(p.afwijking)}"
    return format_html('<span class="badge text-wrap text-start {}">{}</span>', klasse, tekst)
