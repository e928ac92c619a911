"""Panels gezinnen adds to the start page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from familieschool.panels import Panel
from familieschool.roles import heeft_recht
from gezinnen import selectors


def imports_panel(request: HttpRequest, obj: Any) -> Panel | None:
    """Imports waiting for approval, and the last one processed."""
    rol = getattr(request, "rol", None)
    if not heeft_recht(rol, "gezinnen.importeren"):
        return None
    # Name and dates only: not the imported data, report and differences a batch carries.
    batches = (
        selectors.importbatches_for_user(rol=rol, school=request.school)  # type: ignore[attr-defined]
        .select_related(None)
        .only("pk", "edexml_naam", "created_at", "verwerkt_op")
    )
    return Panel(
        "gezinnen/_start_imports.html",
        {
            "wachtend": list(batches.filter(status="te_beoordelen")[:5]),
            "laatste": batches.filter(status="verwerkt").first(),
        },
    )
