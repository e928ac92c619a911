"""Pages of the Rijke schooldag: activities (list, detail, create, edit), blocks and the school
calendar, enrolment, the "nog niet bereikt" list and doorstroom. Attendance, reach and print live
in their own sub-packages (presentie, bereik, drukwerk)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from activiteiten import selectors
from activiteiten.models import Ontwikkelgebied
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_scope as _scope


@requires_recht("activiteiten.lezen")
def activiteit_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    activiteiten = list(selectors.activiteit_lijst(selectors.activiteiten_for_user(**scope)))
    return render(
        request,
        "activiteiten/activiteit_list.html",
        {
            "activiteiten": activiteiten,
            "ontwikkelgebieden": Ontwikkelgebied.choices,
            "mag_beheren": can(request, "activiteiten.beheren"),
        },
    )


@requires_recht("activiteiten.lezen")
def activiteit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    activiteit = get_object_or_404(selectors.activiteit_lijst(selectors.activiteiten_for_user(**scope)), pk=pk)
    return render(
        request,
        "activiteiten/activiteit_detail.html",
        {"activiteit": activiteit, "mag_beheren": can(request, "activiteiten.beheren")},
    )
