"""What the fund applications add to pages they do not own: the family file (slot
"gezin.fondsaanvragen": the family's applications, and a button to make one)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from familieschool.panels import Panel
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_scope as _scope
from familieschool.roles import heeft_recht
from subsidies import selectors


def gezin_panel(request: HttpRequest, gezin: Any) -> Panel | None:
    """The family's applications (child, fund, status, amount), newest first, in one query."""
    rol = _rol(request)
    if not any(heeft_recht(rol, r) for r in ("fondsaanvragen.maken", "fondsaanvragen.lezen_eigen", "subsidies.lezen")):
        return None
    # A line names the child and the fund: only those joins of the list's.
    aanvragen = list(
        selectors.fondsaanvragen_for_user(**_scope(request))
        .filter(Q(gezin=gezin) | Q(leerling__gezin=gezin))
        .select_related("leerling", "regeling")
        .order_by("-aangevraagd_op", "-pk")
    )
    return Panel(
        "subsidies/_gezin_fondsen.html",
        {"aanvragen": aanvragen, "mag_maken": heeft_recht(rol, "fondsaanvragen.maken")},
    )
