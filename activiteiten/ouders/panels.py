"""What the parent activities add to pages they do not own: the start page (the next activity
with its totals for catering and childcare) and the family file (the family's invitations,
answers and attendance)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from activiteiten.ouders import selectors
from familieschool.panels import Panel
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_scope as _scope
from familieschool.roles import heeft_recht


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    if not heeft_recht(_rol(request), "ouderactiviteiten.lezen"):
        return None
    komende = selectors.komende_ouderactiviteiten(
        qs=selectors.ouderactiviteiten_for_user(**_scope(request)), vandaag=timezone.localdate()
    )
    return Panel("activiteiten/ouders/_start.html", {"komende": komende})


def gezin_panel(request: HttpRequest, gezin: Any) -> Panel | None:
    if not heeft_recht(_rol(request), "ouderactiviteiten.lezen"):
        return None
    scope = _scope(request)
    return Panel(
        "activiteiten/ouders/_gezin.html",
        {
            "uitnodigingen": selectors.gezin_ouderactiviteiten(gezin=gezin, **scope),
            "inloop": selectors.gezin_inloop(gezin=gezin, **scope),
        },
    )
