"""Signal pages: the quick form (tablet), the lists, the signal itself with its follow-up, and the
school's routing rules. Every read of a signal writes an access-log row."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from familieschool.choices import Hulpdomein
from familieschool.models import User
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user
from familieschool.services import record_inzage, record_inzagen
from gezinnen import selectors as gezin_selectors
from gezinnen.models import OVERGANGEN, Signaal, SignaalStatus
from gezinnen.signalen import selectors, services
from gezinnen.signalen.forms import NotitieForm, RouteringsregelForm, SignaalForm, StatusForm, ToewijzenForm

RECORD = "gezinnen.signaal"


def _af(request: HttpRequest) -> bool:
    lid = getattr(request, "lidmaatschap", None)
    return bool(lid and lid.is_aandachtsfunctionaris and lid.school_id == _school(request).pk)


def _collega_s(request: HttpRequest) -> Any:
    return (
        User.objects.filter(
            lidmaatschappen__school=_school(request),
            lidmaatschappen__actief=True,
            is_active=True,
        )
        .distinct()
        .order_by("naam")
    )


# --- logging a signal ------------------------------------------------------------------------------


@requires_recht("signalen.melden")
def signaal_create(request: HttpRequest) -> HttpResponse:
    """The quick form: find the pupil (typeahead), tap a category and a level, save."""
    scope = _scope(request)
    # Anyone who may log a signal may name any current pupil of the school: a sports coach can
    # worry about a child they do not teach. They see only the names the typeahead returns.
    leerlingen = gezin_selectors.leerlingen_for_user(**{**scope, "rol": "coordinator"})
    # The chosen pupil comes with the family, which the signal is also about (no extra query).
    form = SignaalForm(request.POST or None, leerlingen=leerlingen.select_related("gezin"))
    if request.method == "POST" and form.is_valid():
        try:
            signaal = services.create_signaal(school=_school(request), gemeld_door=_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("gezinnen:signaal_bevestiging", pk=signaal.pk)
    # The pupil shown as chosen: from the link (?leerling=) or what was posted, when in scope.
    pk = (request.POST if request.method == "POST" else request.GET).get("leerling", "")
    gekozen = leerlingen.filter(pk=int(pk)).select_related("groep").first() if pk.isdigit() else None
    return render(
        request,
        "gezinnen/signaal_form.html",
        {"form": form, "gekozen": gekozen, "categorieen": Hulpdomein.choices},
    )


@require_GET
@requires_recht("signalen.melden")
def signaal_bevestiging(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation after saving: what happens next. Only for the reporter."""
    signaal = get_object_or_404(
        Signaal.objects.filter(school=_school(request), gemeld_door=_user(request)).select_related(
            "leerling", "behandelaar"
        ),
        pk=pk,
    )
    return render(request, "gezinnen/signaal_bevestiging.html", {"signaal": signaal})


# --- reading --------------------------------------------------------------------------------------


@require_GET
@requires_recht("signalen.lezen")
def signaal_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    af = _af(request)
    alle = selectors.signalen_for_user(**scope, aandachtsfunctionaris=af)
    tabs = {"voor-mij": "Voor mij", "gemeld": "Door mij gemeld"}
    if _rol(request) in selectors.ALLE_SIGNALEN_VAN_SCHOOL or af:
        tabs["alle"] = "Alle signalen"
    tab = request.GET.get("tab", "voor-mij")
    if tab not in tabs:
        tab = "voor-mij"
    qs = {
        "voor-mij": alle.filter(behandelaar=_user(request)),
        "gemeld": alle.filter(gemeld_door=_user(request)),
        "alle": alle,
    }[tab]
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.exclude(status=SignaalStatus.AFGEROND)
    elif status in SignaalStatus.values:
        qs = qs.filter(status=status)
    with transaction.atomic():
        signalen = list(selectors.signaal_lijst(qs)[:200])
        record_inzagen(request=request, record_type=RECORD, record_ids=[s.pk for s in signalen], doel="signalenlijst")
    return render(
        request,
        "gezinnen/signaal_list.html",
        {
            "signalen": signalen,
            "tabs": tabs,
            "tab": tab,
            "status": status,
            "statussen": SignaalStatus.choices,
            "vandaag": timezone.localdate(),
            "mag_routering": can(request, "signalen.routeren"),
        },
    )


def _signaal(request: HttpRequest, pk: int) -> Signaal:
    return get_object_or_404(
        selectors.signalen_for_user(**_scope(request), aandachtsfunctionaris=_af(request)).select_related(
            "leerling", "leerling__groep", "gezin", "behandelaar", "gemeld_door"
        ),
        pk=pk,
    )


@require_GET
@requires_recht("signalen.lezen")
def signaal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    af = _af(request)
    with transaction.atomic():
        signaal = _signaal(request, pk)
        record_inzage(request=request, record_type=RECORD, record_id=signaal.pk, doel="signaal opvolgen")
        gebeurtenissen = selectors.gebeurtenissen(signaal=signaal)
    mag_behandelen = selectors.mag_behandelen(
        signaal=signaal, user=_user(request), rol=_rol(request), aandachtsfunctionaris=af
    )
    services.mark_meldingen_gelezen(user=_user(request), school=_school(request), url=signaal.get_absolute_url())
    mogelijk = sorted(OVERGANGEN[signaal.status])
    return render(
        request,
        "gezinnen/signaal_detail.html",
        {
            "signaal": signaal,
            "gebeurtenissen": gebeurtenissen,
            "mag_behandelen": mag_behandelen,
            "mag_notitie_lezen": selectors.mag_beperkte_notitie_lezen(
                signaal=signaal, user=_user(request), aandachtsfunctionaris=af
            ),
            "status_form": StatusForm(mogelijk=mogelijk) if mag_behandelen and mogelijk else None,
            "notitie_form": NotitieForm() if mag_behandelen else None,
            "toewijzen_form": ToewijzenForm(collega_s=_collega_s(request))
            if mag_behandelen and can(request, "signalen.routeren")
            else None,
            "mag_fsp": can(request, "fsp.behandelen") and signaal.gezin_id is not None,
            "mag_gezin": signaal.gezin_id is not None
            and gezin_selectors.gezinnen_for_user(**_scope(request), met_uitgestroomd=True)
            .filter(pk=signaal.gezin_id)
            .exists(),
        },
    )


# --- follow-up ------------------------------------------------------------------------------------


def _te_behandelen(request: HttpRequest, pk: int) -> Signaal:
    signaal = _signaal(request, pk)
    if not selectors.mag_behandelen(
        signaal=signaal, user=_user(request), rol=_rol(request), aandachtsfunctionaris=_af(request)
    ):
        raise PermissionDenied
    return signaal


def _fouten(request: HttpRequest, form_or_error: Any) -> None:
    if isinstance(form_or_error, ValidationError):
        for fout in form_or_error.messages:
            messages.error(request, fout)
        return
    for fouten in form_or_error.errors.values():
        for fout in fouten:
            messages.error(request, fout)


@require_POST
@requires_recht("signalen.lezen")
def signaal_status(request: HttpRequest, pk: int) -> HttpResponse:
    signaal = _te_behandelen(request, pk)
    form = StatusForm(request.POST, mogelijk=sorted(OVERGANGEN[signaal.status]))
    if not form.is_valid():
        _fouten(request, form)
        return redirect(signaal)
    try:
        services.change_status(signaal=signaal, door=_user(request), **form.cleaned_data)
    except ValidationError as error:
        _fouten(request, error)
    else:
        messages.success(request, f"Status: {SignaalStatus(form.cleaned_data['naar']).label.lower()}.")
    return redirect(signaal)


@require_POST
@requires_recht("signalen.lezen")
def signaal_notitie(request: HttpRequest, pk: int) -> HttpResponse:
    signaal = _te_behandelen(request, pk)
    form = NotitieForm(request.POST)
    if form.is_valid():
        services.add_notitie(signaal=signaal, door=_user(request), **form.cleaned_data)
        messages.success(request, "Notitie toegevoegd.")
    else:
        _fouten(request, form)
    return redirect(signaal)


@require_POST
@requires_recht("signalen.routeren")
def signaal_toewijzen(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator hands a signal to someone else (a handler who is away)."""
    signaal = _te_behandelen(request, pk)
    form = ToewijzenForm(request.POST, collega_s=_collega_s(request))
    if form.is_valid():
        try:
            services.reassign_signaal(
                signaal=signaal, behandelaar=form.cleaned_data["behandelaar"], door=_user(request)
            )
        except ValidationError as error:
            _fouten(request, error)
        else:
            messages.success(request, f"Het signaal is overgedragen aan {form.cleaned_data['behandelaar'].naam}.")
    else:
        _fouten(request, form)
    return redirect(signaal)


# --- routing rules ----------------------------------------------------------------------------------


@requires_recht("signalen.routeren")
def routering(request: HttpRequest) -> HttpResponse:
    """Per category: who handles it and within how many days (coordinator)."""
    school = _school(request)
    regels = services.routeringsregels(school=school)
    collega_s = _collega_s(request)
    forms = [
        (
            categorie,
            label,
            RouteringsregelForm(
                request.POST or None,
                prefix=categorie,
                collega_s=collega_s,
                initial={
                    "behandelaar_soort": regels[categorie].behandelaar_soort,
                    "behandelaar": regels[categorie].behandelaar_id,
                    "termijn_dagen": regels[categorie].termijn_dagen,
                },
            ),
        )
        for categorie, label in Hulpdomein.choices
    ]
    if request.method == "POST" and all(form.is_valid() for _, _, form in forms):
        try:
            with transaction.atomic():
                for categorie, _, form in forms:
                    services.save_routeringsregel(school=school, categorie=categorie, **form.cleaned_data)
        except ValidationError as error:
            _fouten(request, error)
        else:
            messages.success(request, "De routering is opgeslagen. Nieuwe signalen gaan naar de gekozen behandelaars.")
            return redirect("gezinnen:routering")
    return render(request, "gezinnen/routering.html", {"forms": forms})
