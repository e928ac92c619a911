"""The outbox of one parent activity for the staff who invite (coordinator, brugfunctionaris):
what went out, what is planned, what failed and why."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from activiteiten.ouders import herinneringen, selectors
from familieschool.permissions import request_scope, requires_recht


@require_GET
@requires_recht("ouderactiviteiten.beheren")
def herinneringen_overzicht(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = get_object_or_404(selectors.ouderactiviteiten_for_user(**request_scope(request)), pk=pk)
    telling = herinneringen.telling_per_status(activiteit)
    return render(
        request,
        "activiteiten/ouders/herinneringen_overzicht.html",
        {
            "activiteit": activiteit,
            "herinneringen": list(herinneringen.herinneringen_van(activiteit)),
            "telling": telling,
            "max_pogingen": herinneringen.MAX_POGINGEN,
        },
    )
