"""Attendance pages: today's sessions of a leader (tablet), the attendance of one session with
one tap per child, and the coordinator's list of what needs attention.

Access (DESIGN.md §4, attendance column): the coordinator and the brugfunctionaris register
for every activity; a leerkracht and a begeleider only for the activities they lead; the school
leader reads. A begeleider does not see other activities at all, so another session is a 404;
a leerkracht reads every activity but not its attendance, so another leader's session is a 403
(the activity is no secret to them, its register is not theirs)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activiteiten.models import Bijeenkomst, PresentieStatus
from activiteiten.presentie import selectors, services
from activiteiten.presentie.forms import KEUZES, PresentieForm
from activiteiten.selectors import ALLEEN_EIGEN_PRESENTIE, inschrijvingen_for_user
from familieschool.forms import fouten_naar_form
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user

RECENT_ZONDER_PRESENTIE = 10
MAX_LIJST = 100


@require_GET
@requires_recht("presentie.registreren")
def presentie_vandaag(request: HttpRequest) -> HttpResponse:
    """The leader's sessions today (big buttons) and their recent sessions without attendance."""
    scope = _scope(request)
    vandaag = timezone.localdate()
    return render(
        request,
        "activiteiten/presentie/presentie_vandaag.html",
        {
            "vandaag": vandaag,
            "bijeenkomsten": list(selectors.bijeenkomsten_vandaag(**scope, datum=vandaag)),
            "zonder_presentie": list(selectors.zonder_presentie(**scope, vandaag=vandaag)[:RECENT_ZONDER_PRESENTIE]),
            "mag_aandacht_zien": selectors.mag_aandacht_zien(_rol(request)),
        },
    )


def _samenvatting(statussen: dict[int, str]) -> str:
    telling = {waarde: 0 for waarde, _ in KEUZES}
    for status in statussen.values():
        telling[status] += 1
    delen = [f"{telling[PresentieStatus.AANWEZIG]} aanwezig", f"{telling[PresentieStatus.AFWEZIG]} afwezig"]
    if telling[PresentieStatus.AFWEZIG_MET_REDEN]:
        delen.append(f"{telling[PresentieStatus.AFWEZIG_MET_REDEN]} afwezig met reden")
    return ", ".join(delen)


@require_http_methods(["GET", "POST"])
@requires_recht("presentie.lezen")
def presentie_registreren(request: HttpRequest, pk: int) -> HttpResponse:
    """The tablet page: every placed child with three tiles, the minutes, one save."""
    bijeenkomst: Bijeenkomst = get_object_or_404(selectors.bijeenkomsten_voor_presentie(**_scope(request)), pk=pk)
    mag_registreren: bool = bijeenkomst.mag_registreren  # type: ignore[attr-defined]
    if not mag_registreren and (_rol(request) in ALLEEN_EIGEN_PRESENTIE or request.method == "POST"):
        raise PermissionDenied
    vandaag = timezone.localdate()
    kinderen = selectors.geplaatste_kinderen(bijeenkomst)
    # What was registered before is for the page; a POST that saves does not read it.
    geregistreerd = None if request.method == "POST" else selectors.presentie_van(bijeenkomst)
    form = PresentieForm(
        request.POST if request.method == "POST" else None,
        kinderen=kinderen,
        statussen=geregistreerd or {},
        minuten=bijeenkomst.werkelijke_minuten or services.geplande_minuten(bijeenkomst),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.registreer_presentie(
                bijeenkomst=bijeenkomst,
                door=_user(request),
                statussen=form.statussen(),
                werkelijke_minuten=form.cleaned_data["werkelijke_minuten"],
                vandaag=vandaag,
            )
        except ValidationError as error:
            fouten_naar_form(form, error)
        else:
            messages.success(
                request,
                f"Presentie van {bijeenkomst.activiteit.titel} op {bijeenkomst.datum:%d-%m-%Y} opgeslagen: "
                f"{_samenvatting(form.statussen())}.",
            )
            return redirect("activiteiten:presentie_vandaag")
    if geregistreerd is None:  # a POST that was not saved: the page again, with its errors
        geregistreerd = selectors.presentie_van(bijeenkomst)
    open_voor_registratie = not bijeenkomst.geannuleerd and bijeenkomst.datum <= vandaag
    # The read-only register is shown only when the form is not (see the template).
    toon_overzicht = not (mag_registreren and open_voor_registratie)
    status_labels = dict(PresentieStatus.choices)
    return render(
        request,
        "activiteiten/presentie/presentie_registreren.html",
        {
            "bijeenkomst": bijeenkomst,
            "activiteit": bijeenkomst.activiteit,
            "form": form,
            "rijen": form.rijen(),
            "mag_registreren": mag_registreren and open_voor_registratie,
            "alleen_lezen": not mag_registreren,
            "is_toekomst": bijeenkomst.datum > vandaag,
            "geplande_minuten": services.geplande_minuten(bijeenkomst),
            "overzicht": [
                {"leerling": kind, "status": status, "label": status_labels.get(status or "", "")}
                for kind in kinderen
                for status in [geregistreerd.get(kind.pk)]
            ]
            if toon_overzicht
            else [],
            "aantal_geregistreerd": len(geregistreerd),
            "mag_terug_naar_vandaag": can(request, "presentie.registreren"),
        },
    )


@require_GET
@requires_recht("presentie.registreren")
def presentie_aandacht(request: HttpRequest) -> HttpResponse:
    """For the coordinator and the brugfunctionaris: sessions without attendance, and children
    absent three times in a row with a link to log a signal (a suggestion, nothing automatic)."""
    if not selectors.mag_aandacht_zien(_rol(request)):
        raise PermissionDenied
    vandaag = timezone.localdate()
    return render(
        request,
        "activiteiten/presentie/presentie_aandacht.html",
        {
            "vandaag": vandaag,
            "zonder_presentie": list(selectors.zonder_presentie(**_scope(request), vandaag=vandaag)[:MAX_LIJST]),
            "suggesties": selectors.drie_keer_afwezig(school=_school(request), vandaag=vandaag),
        },
    )


@require_POST
@requires_recht("presentie.registreren")
def opvolging_afhandelen(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark "three absences in a row" as dealt with, up to the last absence shown."""
    if not selectors.mag_aandacht_zien(_rol(request)):
        raise PermissionDenied
    inschrijving = get_object_or_404(inschrijvingen_for_user(**_scope(request)).select_related("leerling"), pk=pk)
    try:
        tot_en_met = dt.date.fromisoformat(request.POST.get("tot_en_met", ""))
    except ValueError:
        messages.error(request, "Onbekende datum; probeer het opnieuw vanaf de lijst.")
        return redirect("activiteiten:presentie_aandacht")
    services.markeer_opgevolgd(
        inschrijving=inschrijving, tot_en_met=tot_en_met, door=_user(request), notitie=request.POST.get("notitie", "")
    )
    messages.success(
        request,
        f"{inschrijving.leerling.volledige_naam} staat niet meer op de lijst; bij een nieuwe afwezigheid na "
        f"{tot_en_met:%d-%m-%Y} komt de suggestie terug.",
    )
    return redirect("activiteiten:presentie_aandacht")
