"""What the parent activities add to pages they do not own: the start page (the next activity
with its totals for catering and childcare) and the family file (the family's invitations,
answers and attendance)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from activiteiten.models import AanmeldingStatus
from activiteiten.ouders import selectors
from familieschool.links import url_per_pk
from familieschool.panels import Panel
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_scope as _scope
from familieschool.roles import heeft_recht
from gezinnen.models import Kanaal, Taal


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    if not heeft_recht(_rol(request), "ouderactiviteiten.lezen"):
        return None
    komende = selectors.komende_ouderactiviteiten(
        qs=selectors.ouderactiviteiten_for_user(**_scope(request)), vandaag=timezone.localdate()
    )
    return Panel("activiteiten/ouders/_start.html", {"komende": komende})


def gezin_panel(request: HttpRequest, gezin: Any) -> Panel | None:
    """The family's invitations (newest first, with answer and check-in) and its walk-ins, as
    rows of only the columns shown: no activities, guardians and answers to build."""
    if not heeft_recht(_rol(request), "ouderactiviteiten.lezen"):
        return None
    scope = _scope(request)
    activiteit_url = url_per_pk("activiteiten:ouderactiviteit_detail")
    uitnodigingen = selectors.gezin_ouderactiviteiten(gezin=gezin, **scope)
    inloop = selectors.gezin_inloop(gezin=gezin, **scope)
    kanalen, talen, antwoorden = dict(Kanaal.choices), dict(Taal.choices), dict(AanmeldingStatus.choices)
    context = {
        "uitnodigingen": [
            {
                **u,
                "url": activiteit_url(u["ouderactiviteit_id"]),
                "kanaal": kanalen.get(u["kanaal"], u["kanaal"]),
                "taal": talen.get(u["taal"], u["taal"]),
                "aanmelding_status": antwoorden.get(u["aanmelding_status"], u["aanmelding_status"]),
            }
            for u in uitnodigingen
        ],
        "inloop": [{**b, "url": activiteit_url(b["ouderactiviteit_id"])} for b in inloop],
    }
    return Panel("activiteiten/ouders/_gezin.html", context)
