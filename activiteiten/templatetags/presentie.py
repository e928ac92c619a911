"""``{% presentie_tegels rij.naam rij.waarde %}``: the three tiles (radio buttons) of one child on
the attendance page.

The markup is what a ``{% for %}`` over the choices in the template gave, built here once per
choice: with 30-50 children that loop was some 3,000 template nodes, most of the page's rendering
time. Only the field's name and which tile is checked differ per child."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from activiteiten.models import PresentieStatus
from activiteiten.presentie.forms import KEUZES

register = template.Library()


def _tegel(waarde: str, label: str) -> str:
    """One tile with ``{naam}`` and ``{checked}`` left to fill in; a screen reader hears
    "Afwezig Met reden" where the tile says "Met reden"."""
    voor = '<span class="visually-hidden">Afwezig</span> ' if waarde == PresentieStatus.AFWEZIG_MET_REDEN else ""
    waarde, label = escape(waarde), escape(label)
    return (
        f'<input type="radio" class="btn-check" name="{{naam}}" id="{{naam}}-{waarde}" value="{waarde}"{{checked}}>\n'
        f'<label class="btn presentie-tegel presentie-{waarde}" for="{{naam}}-{waarde}">{voor}{label}</label>'
    )


TEGELS = [(waarde, _tegel(waarde, label)) for waarde, label in KEUZES]


@register.simple_tag
def presentie_tegels(naam: str, gekozen: str | None) -> SafeString:
    naam = escape(naam)
    return mark_safe(  # noqa: S308 - the name is escaped, the rest are constants escaped above
        "\n".join(tegel.format(naam=naam, checked=" checked" if waarde == gekozen else "") for waarde, tegel in TEGELS)
    )
