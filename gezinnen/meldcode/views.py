"""Meldcode pages: open a case from a veiligheid signal, the case with its five steps, the
afwegingskader and the decision, and the list of cases. Only the aandachtsfunctionaris gets
here: roles without ``meldcode.behandelen`` get 403 from the decorator, and for anyone without
the flag the selectors return nothing, so a case is a 404 (its existence does not leak).
Every read of a case writes an access-log row in the same transaction."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from familieschool.permissions import request_rol, request_school, request_user, requires_recht
from familieschool.services import record_inzage, record_inzagen
from gezinnen.meldcode import selectors, services
from gezinnen.meldcode.forms import AfwegingForm, BesluitForm, StapForm
from gezinnen.meldcode.teksten import AFWEGINGSKADER, HANDREIKING
from gezinnen.models.meldcode import Besluit, MeldcodeStapNummer, Meldcodezaak

RECORD = "gezinnen.meldcodezaak"


def _scope(request: HttpRequest) -> dict[str, Any]:
    return {
        "rol": request_rol(request),
        "lidmaatschap": getattr(request, "lidmaatschap", None),
        "school": request_school(request),
    }


def _zaak(request: HttpRequest, pk: int) -> Meldcodezaak:
    return get_object_or_404(selectors.meldcodezaken_for_user(**_scope(request)), pk=pk)


@require_GET
@requires_recht("meldcode.behandelen")
def meldcodezaak_list(request: HttpRequest) -> HttpResponse:
    """The school's cases, open ones first; for the aandachtsfunctionaris only."""
    scope = _scope(request)
    if not selectors.is_aandachtsfunctionaris(**scope):
        raise PermissionDenied
    afgesloten = request.GET.get("afgesloten") == "1"
    qs = selectors.meldcodezaken_for_user(**scope).filter(afgesloten_op__isnull=not afgesloten)
    with transaction.atomic():
        zaken = list(selectors.zaak_lijst(qs)[:200])
        record_inzagen(request=request, record_type=RECORD, record_ids=[z.pk for z in zaken], doel="meldcode-overzicht")
    return render(request, "gezinnen/meldcode_zaak_list.html", {"zaken": zaken, "afgesloten": afgesloten})


@requires_recht("meldcode.behandelen")
def meldcodezaak_create(request: HttpRequest, signaal_pk: int) -> HttpResponse:
    """Open a case for a veiligheid signal (GET: what will happen; POST: open it)."""
    scope = _scope(request)
    with transaction.atomic():
        signaal = get_object_or_404(
            selectors.meldcode_signalen_for_user(**scope).select_related("leerling", "gezin"), pk=signaal_pk
        )
        record_inzage(
            request=request, record_type="gezinnen.signaal", record_id=signaal.pk, doel="meldcode-zaak openen"
        )
    bestaand = Meldcodezaak.objects.filter(signaal=signaal).first()
    if bestaand is not None:
        messages.info(request, "Voor dit signaal is al een meldcode-zaak geopend.")
        return redirect(bestaand)
    fout = None
    if request.method == "POST":
        try:
            zaak = services.open_zaak(signaal=signaal, door=request_user(request), lidmaatschap=scope["lidmaatschap"])
        except ValidationError as error:
            fout = " ".join(error.messages)
        else:
            messages.success(request, "De meldcode-zaak is geopend.")
            return redirect(zaak)
    return render(request, "gezinnen/meldcode_zaak_form.html", {"signaal": signaal, "fout": fout})


def _detail(
    request: HttpRequest,
    pk: int,
    *,
    stap_forms: dict[int, StapForm] | None = None,
    afweging_form: AfwegingForm | None = None,
    besluit_form: BesluitForm | None = None,
) -> HttpResponse:
    with transaction.atomic():
        zaak = get_object_or_404(selectors.zaak_met_inhoud(selectors.meldcodezaken_for_user(**_scope(request))), pk=pk)
        record_inzage(request=request, record_type=RECORD, record_id=zaak.pk, doel="meldcode-zaak behandelen")
        stappen = selectors.stappen_van(zaak)
        vragen = selectors.afwegingen_van(zaak)
    stap_forms = stap_forms or {}
    open_ = zaak.afgesloten_op is None
    laatste = {vraag.nummer: vraag.laatste.antwoord for vraag in vragen if vraag.laatste is not None}
    return render(
        request,
        "gezinnen/meldcode_zaak_detail.html",
        {
            "zaak": zaak,
            "open": open_,
            "stappen": [
                {
                    "stap": stap,
                    "handreiking": HANDREIKING[stap.nummer],
                    "form": (stap_forms.get(stap.nummer) or StapForm(prefix=f"stap{stap.nummer}")) if open_ else None,
                    "fouten": stap.nummer in stap_forms,
                }
                for stap in stappen
            ],
            "vragen": vragen,
            "afwegingskader": AFWEGINGSKADER,
            "afweging_form": (afweging_form or AfwegingForm(prefix="afweging")) if open_ else None,
            "besluit_form": (besluit_form or BesluitForm(prefix="besluit")) if open_ else None,
            "redenen_om_te_melden": services.redenen_om_te_melden(laatste),
            "melding": Besluit.MELDING,
        },
    )


@require_GET
@requires_recht("meldcode.behandelen")
def meldcodezaak_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@require_POST
@requires_recht("meldcode.behandelen")
def meldcodestap_create(request: HttpRequest, pk: int, stap: int) -> HttpResponse:
    zaak = _zaak(request, pk)
    if stap not in MeldcodeStapNummer.values:
        raise Http404
    form = StapForm(request.POST, prefix=f"stap{stap}")
    if form.is_valid():
        try:
            services.add_stap(zaak=zaak, stap=stap, auteur=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Aantekening bij stap {stap} vastgelegd.")
            return redirect(f"{zaak.get_absolute_url()}#stap-{stap}")
    return _detail(request, pk, stap_forms={stap: form})


@require_POST
@requires_recht("meldcode.behandelen")
def afweging_create(request: HttpRequest, pk: int) -> HttpResponse:
    zaak = _zaak(request, pk)
    form = AfwegingForm(request.POST, prefix="afweging")
    if form.is_valid():
        try:
            services.add_afweging(zaak=zaak, auteur=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Antwoord op vraag {form.cleaned_data['vraag']} vastgelegd.")
            return redirect(f"{zaak.get_absolute_url()}#afwegingskader")
    return _detail(request, pk, afweging_form=form)


@require_POST
@requires_recht("meldcode.behandelen")
def meldcodezaak_besluit(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision; this closes the case."""
    zaak = _zaak(request, pk)
    form = BesluitForm(request.POST, prefix="besluit")
    if form.is_valid():
        try:
            services.close_zaak(zaak=zaak, door=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Het besluit is vastgelegd en de meldcode-zaak is afgesloten.")
            return redirect(zaak)
    return _detail(request, pk, besluit_form=form)
