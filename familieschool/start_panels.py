"""The core's own panels on the start page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from familieschool import selectors
from familieschool.panels import Panel
from familieschool.roles import heeft_recht


def gebruikers_panel(request: HttpRequest, obj: Any) -> Panel | None:
    rol = getattr(request, "rol", None)
    if not heeft_recht(rol, "gebruikers.uitnodigen"):
        return None
    kwargs = {"user": request.user, "rol": rol, "school": request.school}  # type: ignore[attr-defined]
    return Panel(
        "familieschool/_start_gebruikers.html",
        {
            "aantal_leden": selectors.lidmaatschappen_for_beheer(**kwargs).filter(actief=True).count(),
            # Address, role and expiry only: without the school and inviter the list joins.
            "open_uitnodigingen": list(selectors.open_uitnodigingen_for_beheer(**kwargs).select_related(None)[:5]),
        },
    )


def inzage_panel(request: HttpRequest, obj: Any) -> Panel | None:
    rol = getattr(request, "rol", None)
    if not heeft_recht(rol, "inzagelog.lezen"):
        return None
    return Panel("familieschool/_start_inzage.html", {})
