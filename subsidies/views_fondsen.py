"""Pages of the fund applications per child: the list with totals per fund per school year (the
board sees the totals only), making one from a family file, a signal or an intake, the detail
page with the decision and the participation check. Rules live in subsidies.fondsen."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from familieschool.forms import fouten_naar_form
from familieschool.models import Schooljaar
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user
from familieschool.services import record_inzage, record_inzagen
from gezinnen.fsp.selectors import hulpvragen_for_user
from gezinnen.models import Gezin, Hulpvraag, Leerling, Signaal
from gezinnen.selectors import gezinnen_for_user, leerlingen_for_user
from gezinnen.signalen.selectors import onderdruk, signalen_for_user
from partners.selectors import partners_for_school
from subsidies import fondsen, selectors
from subsidies.forms_fondsen import DeelnameForm, FondsaanvraagForm, StatusForm
from subsidies.models import Fondsaanvraag, FondsaanvraagStatus, Stadspas

RECORD = "fondsaanvraag"
LEZEN = ("fondsaanvragen.maken", "fondsaanvragen.lezen_eigen", "subsidies.lezen")
SECTIE_MAX = 50


def _pk(bron: Any, naam: str) -> int | None:
    waarde = str(bron.get(naam, ""))
    return int(waarde) if waarde.isdigit() else None


def _fouten(request: HttpRequest, fout: ValidationError | Any) -> None:
    teksten = fout.messages if isinstance(fout, ValidationError) else [t for f in fout.errors.values() for t in f]
    for tekst in teksten:
        messages.error(request, tekst)


def _aanvragen(request: HttpRequest) -> QuerySet[Fondsaanvraag]:
    return selectors.fondsaanvragen_for_user(**_scope(request))


# --- list ----------------------------------------------------------------------------------------


@require_GET
@requires_recht(*LEZEN, "subsidies.tellen")
def fondsaanvraag_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    alleen_totalen = not any(can(request, r) for r in LEZEN)
    # The board reads totals of the school's applications, never a row (DESIGN.md §4).
    basis = Fondsaanvraag.objects.filter(school=_school(request)) if alleen_totalen else _aanvragen(request)
    fondsen_lijst = list(selectors.regelingen_for_user(**scope).filter(soort="fonds").order_by("naam"))
    schooljaren = list(Schooljaar.objects.filter(pk__in=basis.values("schooljaar_id")).order_by("-startjaar"))
    gekozen_jaar = next((j for j in schooljaren if j.startjaar == _pk(request.GET, "schooljaar")), None)
    gekozen_fonds = next((f for f in fondsen_lijst if f.pk == _pk(request.GET, "fonds")), None)
    status = request.GET.get("status", "")
    gefilterd = basis
    if gekozen_jaar is not None:
        gefilterd = gefilterd.filter(schooljaar=gekozen_jaar)
    if gekozen_fonds is not None:
        gefilterd = gefilterd.filter(regeling=gekozen_fonds)
    tel = onderdruk if alleen_totalen else str
    totalen = [
        {"t": t, "aantal": tel(t.aantal), "aantal_toegekend": tel(t.aantal_toegekend)}
        for t in fondsen.fondstotalen(gefilterd)
    ]
    context: dict[str, Any] = {
        "alleen_totalen": alleen_totalen,
        "totalen": totalen,
        "fondsen": fondsen_lijst,
        "schooljaren": schooljaren,
        "gekozen_jaar": gekozen_jaar,
        "gekozen_fonds": gekozen_fonds,
        "status": status,
        "statussen": FondsaanvraagStatus.choices,
        "mag_maken": can(request, "fondsaanvragen.maken"),
    }
    if not alleen_totalen:
        if status in FondsaanvraagStatus.values:
            gefilterd = gefilterd.filter(status=status)
        vandaag = timezone.localdate()
        with transaction.atomic():
            aanvragen = list(fondsen.fondsaanvraag_lijst(gefilterd))
            controleren = list(
                fondsen.fondsaanvraag_lijst(fondsen.deelname_te_controleren(basis, vandaag=vandaag)).order_by(
                    "besloten_op", "pk"
                )[:SECTIE_MAX]
            )
            verlengen = list(
                fondsen.fondsaanvraag_lijst(fondsen.verlenging_nodig(basis, vandaag=vandaag)).order_by(
                    "aangevraagd_op", "pk"
                )[:SECTIE_MAX]
            )
            getoond = {a.pk for a in [*aanvragen, *controleren, *verlengen]}
            record_inzagen(request=request, record_type=RECORD, record_ids=sorted(getoond), doel="fondsaanvragen")
        context.update(aanvragen=aanvragen, controleren=controleren, verlengen=verlengen)
    return render(request, "subsidies/fondsaanvraag_list.html", context)


# --- create and edit -----------------------------------------------------------------------------


def _bron(request: HttpRequest) -> dict[str, Any]:
    """Where the application starts: a family file, a signal or an intake (each scoped: a
    404 for one the user may not see)."""
    scope = _scope(request)
    bron: dict[str, Any] = {"gezin": None, "signaal": None, "hulpvraag": None, "leerling": None}
    if (pk := _pk(request.GET, "signaal")) is not None:
        signaal: Signaal = get_object_or_404(signalen_for_user(**scope).select_related("leerling", "gezin"), pk=pk)
        bron["signaal"] = signaal
        bron["leerling"] = signaal.leerling
        bron["gezin"] = signaal.gezin or (signaal.leerling.gezin if signaal.leerling else None)
    elif (pk := _pk(request.GET, "hulpvraag")) is not None:
        hulpvraag: Hulpvraag = get_object_or_404(hulpvragen_for_user(**scope).select_related("gezin"), pk=pk)
        bron["hulpvraag"] = hulpvraag
        bron["gezin"] = hulpvraag.gezin
    elif (pk := _pk(request.GET, "gezin")) is not None:
        bron["gezin"] = get_object_or_404(gezinnen_for_user(**scope), pk=pk)
    return bron


def _hints(
    request: HttpRequest,
    *,
    leerling: Leerling | None,
    gezin_id: int | None,
    regelingen: list[Any],
    stadspas: str | None,
    schooljaar_id: int | None = None,
    behalve_pk: int | None = None,
) -> list[fondsen.Hint]:
    return fondsen.geschiktheid(
        leerling=leerling,
        regelingen=regelingen,
        stadspas=stadspas,
        schooljaar_id=schooljaar_id,
        behalve_pk=behalve_pk,
        open_hulpvraag=fondsen.open_hulpvraag_van(gezin_id=gezin_id, hulpvragen=hulpvragen_for_user(**_scope(request))),
    )


@requires_recht("fondsaanvragen.maken")
def fondsaanvraag_create(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    school = _school(request)
    bron = _bron(request)
    gezin: Gezin | None = bron["gezin"]
    leerlingen = leerlingen_for_user(**scope)
    if gezin is not None:
        leerlingen = leerlingen.filter(gezin=gezin)
    elif bron["leerling"] is not None:
        leerlingen = leerlingen.filter(pk=bron["leerling"].pk)
    fondsen_qs = selectors.fondsen_for_user(**scope)
    initial: dict[str, Any] = {"stadspas": Stadspas.ONBEKEND}
    if bron["leerling"] is not None:
        initial["leerling"] = bron["leerling"].pk
    elif gezin is not None:
        kinderen = list(leerlingen.values_list("pk", flat=True)[:2])
        if len(kinderen) == 1:
            initial["leerling"] = kinderen[0]
    form = FondsaanvraagForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        leerlingen=leerlingen,
        fondsen=fondsen_qs,
        partners=partners_for_school(school=school),
    )
    if request.method == "POST" and form.is_valid():
        leerling = form.cleaned_data["leerling"]
        try:
            aanvraag = fondsen.create_fondsaanvraag(
                school=school,
                leerling=leerling,
                aangemaakt_door=_user(request),
                signaal=bron["signaal"],
                hulpvraag=bron["hulpvraag"],
                **form.service_kwargs(),
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, f"Fondsaanvraag voor {leerling.roepnaam} vastgelegd.")
            return redirect(aanvraag)
    gekozen = form.cleaned_data.get("leerling") if form.is_bound and hasattr(form, "cleaned_data") else None
    if gekozen is None and "leerling" in initial:
        gekozen = leerlingen.filter(pk=initial["leerling"]).first()
    stadspas = form.data.get("stadspas") if form.is_bound else initial["stadspas"]
    hints = _hints(
        request,
        leerling=gekozen,
        gezin_id=gezin.pk if gezin else (gekozen.gezin_id if gekozen else None),
        regelingen=list(fondsen_qs),
        stadspas=stadspas,
    )
    return render(
        request,
        "subsidies/fondsaanvraag_form.html",
        {"form": form, "aanvraag": None, "bron": bron, "gezin": gezin, "hints": hints},
    )


@requires_recht("fondsaanvragen.maken")
def fondsaanvraag_update(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    aanvraag = get_object_or_404(fondsen.fondsaanvraag_lijst(_aanvragen(request)), pk=pk)
    fondsen_qs = selectors.fondsen_for_user(**scope)
    initial = {veld: getattr(aanvraag, veld) for veld in fondsen.WIJZIGBAAR}
    initial["regeling"] = aanvraag.regeling_id
    initial["aanbieder"] = aanvraag.aanbieder_id
    form = FondsaanvraagForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        leerlingen=None,
        fondsen=fondsen_qs | selectors.regelingen_for_user(**scope).filter(pk=aanvraag.regeling_id),
        partners=partners_for_school(school=_school(request)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            fondsen.update_fondsaanvraag(aanvraag=aanvraag, **form.service_kwargs())
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect(aanvraag)
    hints = _hints(
        request,
        leerling=aanvraag.leerling,
        gezin_id=aanvraag.gezin_id,
        regelingen=list(fondsen_qs),
        stadspas=form.data.get("stadspas") if form.is_bound else aanvraag.stadspas,
        schooljaar_id=aanvraag.schooljaar_id,
        behalve_pk=aanvraag.pk,
    )
    return render(
        request,
        "subsidies/fondsaanvraag_form.html",
        {"form": form, "aanvraag": aanvraag, "bron": {}, "gezin": aanvraag.gezin, "hints": hints},
    )


# --- detail, decision, participation -------------------------------------------------------------


@require_GET
@requires_recht(*LEZEN)
def fondsaanvraag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    with transaction.atomic():
        aanvraag = get_object_or_404(
            fondsen.fondsaanvraag_lijst(_aanvragen(request)).select_related("gezin", "aangemaakt_door"), pk=pk
        )
        record_inzage(request=request, record_type=RECORD, record_id=aanvraag.pk, doel="fondsaanvraag bekijken")
    vandaag = timezone.localdate()
    mag_maken = can(request, "fondsaanvragen.maken")
    mogelijk = sorted(fondsen.OVERGANGEN[aanvraag.status])
    een = Fondsaanvraag.objects.filter(pk=aanvraag.pk)
    context = {
        "aanvraag": aanvraag,
        "hints": _hints(
            request,
            leerling=aanvraag.leerling,
            gezin_id=aanvraag.gezin_id,
            regelingen=[aanvraag.regeling],
            stadspas=aanvraag.stadspas,
            schooljaar_id=aanvraag.schooljaar_id,
        ),
        "mag_maken": mag_maken,
        "status_form": StatusForm(mogelijk=mogelijk, initial=_status_initial(aanvraag, mogelijk, vandaag))
        if mag_maken and mogelijk
        else None,
        "deelname_form": DeelnameForm() if mag_maken and aanvraag.status in fondsen.TOEGEKEND_OF_BETAALD else None,
        "deelname_controleren": fondsen.deelname_te_controleren(een, vandaag=vandaag).exists(),
        "verlengen": fondsen.verlenging_nodig(een, vandaag=vandaag).exists(),
        "mag_gezin": aanvraag.gezin_id is not None
        and gezinnen_for_user(**scope, met_uitgestroomd=True).filter(pk=aanvraag.gezin_id).exists(),
        "mag_signaal": aanvraag.signaal_id is not None
        and signalen_for_user(**scope).filter(pk=aanvraag.signaal_id).exists(),
        "mag_hulpvraag": aanvraag.hulpvraag_id is not None
        and hulpvragen_for_user(**scope).filter(pk=aanvraag.hulpvraag_id).exists(),
    }
    return render(request, "subsidies/fondsaanvraag_detail.html", context)


def _status_initial(aanvraag: Fondsaanvraag, mogelijk: list[str], vandaag: Any) -> dict[str, Any]:
    if aanvraag.status == FondsaanvraagStatus.TOEGEKEND:  # correcting, or paying
        return {
            "status": FondsaanvraagStatus.BETAALD,
            "toegekend_bedrag": aanvraag.toegekend_bedrag,
            "besloten_op": aanvraag.besloten_op,
            "betaald_op": vandaag,
        }
    return {
        "status": mogelijk[0] if len(mogelijk) == 1 else None,
        "toegekend_bedrag": aanvraag.toegekend_bedrag or aanvraag.bedrag,
        "besloten_op": aanvraag.besloten_op or vandaag,
        "reden_afwijzing": aanvraag.reden_afwijzing,
    }


@require_POST
@requires_recht("fondsaanvragen.maken")
def fondsaanvraag_status(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = get_object_or_404(_aanvragen(request), pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        _fouten(request, form)
        return redirect(aanvraag)
    try:
        aanvraag = fondsen.decide_fondsaanvraag(aanvraag=aanvraag, **form.cleaned_data)
    except ValidationError as fout:
        _fouten(request, fout)
        return redirect(aanvraag)
    if aanvraag.status == FondsaanvraagStatus.BETAALD:
        messages.success(request, "Betaling vastgelegd.")
    elif aanvraag.status == FondsaanvraagStatus.TOEGEKEND:
        messages.success(request, "Besluit vastgelegd: toegekend.")
    else:
        messages.success(request, "Besluit vastgelegd: afgewezen.")
    return redirect(aanvraag)


@require_POST
@requires_recht("fondsaanvragen.maken")
def fondsaanvraag_deelname(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = get_object_or_404(_aanvragen(request), pk=pk)
    form = DeelnameForm(request.POST)
    if not form.is_valid():
        _fouten(request, form)
        return redirect(aanvraag)
    try:
        fondsen.record_deelname(
            aanvraag=aanvraag,
            doet_nog_mee=form.cleaned_data["doet_nog_mee"] == "ja",
            notitie=form.cleaned_data["deelname_notitie"],
            vandaag=timezone.localdate(),
        )
    except ValidationError as fout:
        _fouten(request, fout)
    else:
        messages.success(request, "Deelname gecontroleerd.")
    return redirect(aanvraag)
