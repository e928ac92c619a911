"""The "Subsidies en deadlines" section of the start page: deadlines within 30 days (overdue
first) and the number of running grants. Two queries whatever the number of rows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from familieschool.panels import Panel
from familieschool.permissions import request_scope
from familieschool.roles import heeft_recht
from subsidies import deadlines, selectors

MAX_REGELS = 5


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    if not heeft_recht(getattr(request, "rol", None), "subsidies.lezen"):
        return None
    scope = request_scope(request)
    vandaag = timezone.localdate()
    # A line names the deadline and its owner: only that join of the deadline list.
    binnenkort = list(
        deadlines.binnenkort(selectors.deadlines_for_user(**scope), vandaag=vandaag)
        .select_related(None)
        .select_related("eigenaar")
    )
    for deadline in binnenkort:
        deadline.stand = deadlines.stand(deadline, vandaag=vandaag)  # type: ignore[attr-defined]
    lopend = (
        selectors.toekenningen_for_user(**scope)
        .filter(begindatum__lte=vandaag, einddatum__gte=vandaag)
        .exclude(status="afgewezen")
        .count()
    )
    return Panel(
        "subsidies/_start.html",
        {"deadlines": binnenkort[:MAX_REGELS], "meer": max(len(binnenkort) - MAX_REGELS, 0), "lopend": lopend},
    )
