"""``{% panel_slot "gezin.tijdlijn" obj %}`` renders the panels apps registered for a slot."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from familieschool.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panel_slot(context: template.Context, slot: str, obj: Any = None) -> SafeString:
    request = context["request"]
    html = [
        render_to_string(panel.template, {"panel": panel.context, "object": obj}, request=request)
        for panel in panels_for(slot, request, obj)
    ]
    # Each part is rendered by the template engine with autoescaping, so joining them is safe.
    return mark_safe("".join(html))  # noqa: S308
