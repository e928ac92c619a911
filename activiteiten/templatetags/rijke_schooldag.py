"""``{% rijke_schooldag_nav "activiteiten" %}``: the tabs of the Rijke schooldag pages, only
those the active role may open."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from familieschool.roles import heeft_recht

register = template.Library()

TABS = [
    ("activiteiten", "Activiteiten", "activiteiten:activiteit_list", "activiteiten.lezen"),
    ("vandaag", "Presentie", "activiteiten:presentie_vandaag", "presentie.registreren"),
    ("blokken", "Blokken en kalender", "activiteiten:blok_list", "activiteiten.lezen"),
    ("bereikt", "Nog niet bereikt", "activiteiten:nog_niet_bereikt", "activiteiten.beheren"),
    ("bereik", "Bereik", "activiteiten:bereik", "dashboard.school"),
    ("boekje", "Boekje voor ouders", "activiteiten:boekje", "activiteiten.lezen"),
]


@register.inclusion_tag("activiteiten/_subnav.html", takes_context=True)
def rijke_schooldag_nav(context: Any, actief: str) -> dict[str, Any]:
    rol = getattr(context.get("request"), "rol", None)
    tabs = []
    for key, label, url_name, recht in TABS:
        if not heeft_recht(rol, recht):
            continue
        try:
            tabs.append({"key": key, "label": label, "url": reverse(url_name)})
        except NoReverseMatch:  # a part that is not installed
            continue
    return {"tabs": tabs, "actief": actief}
