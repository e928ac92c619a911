from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from familieschool import navigation
from familieschool.roles import Rol


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: the active school, the role, switchable schools, navigation."""
    rol = getattr(request, "rol", None)
    return {
        "actieve_school": getattr(request, "school", None),
        "actieve_rol": rol,
        "actieve_rol_label": Rol(rol).label if rol else "",
        "wisselbare_scholen": getattr(request, "scholen", []),
        "navigatie": navigation.items_for(request),
        "header_acties": navigation.acties_for(request),
    }
