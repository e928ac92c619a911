"""Pages of the Familieservicepunt: the overview with walk-in hours, the quick walk-in form
(tablet), intakes with their follow-up and referrals to partners. Every read of an intake, a
referral or a question tied to a family writes an access-log row; the coordinator sees status only."""

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
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user
from familieschool.roles import Rol
from familieschool.services import record_inzage, record_inzagen
from gezinnen import selectors as gezin_selectors
from gezinnen.fsp import selectors, services
from gezinnen.fsp.forms import (
    ActiepuntForm,
    AfrondenForm,
    AfspraakForm,
    ContactmomentForm,
    DoorverwijzingForm,
    HulpvraagForm,
    HulpvraagStartForm,
    HulpvraagStatusForm,
    ReactieForm,
    SpreekuurForm,
    VraagForm,
)
from gezinnen.models import (
    Actiepunt,
    Doel,
    Doorverwijzing,
    DoorverwijzingStatus,
    Gezin,
    Hulpvraag,
    HulpvraagStatus,
    Spreekuur,
)
from partners.selectors import partners_for_school

RECORD_HULPVRAAG = "gezinnen.hulpvraag"
RECORD_DOORVERWIJZING = "gezinnen.doorverwijzing"
RECORD_VRAAG = "gezinnen.vraag"
TYPEAHEAD_MAX = 8
SPREEKUUR_BEHEER = frozenset({Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS})


def _fouten(request: HttpRequest, form_or_error: Any) -> None:
    if isinstance(form_or_error, ValidationError):
        for fout in form_or_error.messages:
            messages.error(request, fout)
        return
    for fouten in form_or_error.errors.values():
        for fout in fouten:
            messages.error(request, fout)


def _pk(request: HttpRequest, naam: str) -> int | None:
    waarde = request.GET.get(naam, "")
    return int(waarde) if waarde.isdigit() else None


# --- overview and walk-in hours -------------------------------------------------------------------------


@require_GET
@requires_recht("fsp.status")
def fsp_overzicht(request: HttpRequest) -> HttpResponse:
    """Today's walk-in hour, the week's walk-in hours, today's questions (FSP roles) and counts."""
    scope = _scope(request)
    school = _school(request)
    vandaag = timezone.localdate()
    with transaction.atomic():
        vragen = list(
            selectors.vragen_for_user(**scope)
            .filter(gesteld_op__date=vandaag)
            .select_related("gezin", "spreekuur")
            .order_by("-gesteld_op")[:50]
        )
        record_inzagen(
            request=request,
            record_type=RECORD_VRAAG,
            record_ids=[v.pk for v in vragen if v.gezin_id is not None],
            doel="vragen van vandaag",
        )
    alle_spreekuren = list(selectors.spreekuren(school=school))
    return render(
        request,
        "gezinnen/fsp_overzicht.html",
        {
            "spreekuren": alle_spreekuren,
            "vandaag_weekdag": vandaag.weekday(),
            "vragen": vragen,
            "open_intakes": selectors.hulpvragen_for_user(**scope).exclude(status=HulpvraagStatus.AFGEROND).count(),
            "te_laat": selectors.te_late_doorverwijzingen(**scope, vandaag=vandaag).count(),
            "mag_behandelen": can(request, "fsp.behandelen"),
            "mag_spreekuren": _rol(request) in SPREEKUUR_BEHEER,
        },
    )


def _spreekuur_beheer(request: HttpRequest) -> None:
    if _rol(request) not in SPREEKUUR_BEHEER:
        raise PermissionDenied


def _spreekuur_form(request: HttpRequest, spreekuur: Spreekuur | None) -> HttpResponse:
    school = _school(request)
    initial = (
        {
            "weekdag": spreekuur.weekdag,
            "begintijd": spreekuur.begintijd,
            "eindtijd": spreekuur.eindtijd,
            "locatie": spreekuur.locatie,
            "medewerkers": list(spreekuur.medewerkers.all()),
            "actief": spreekuur.actief,
        }
        if spreekuur
        else None
    )
    form = SpreekuurForm(
        request.POST or None,
        initial=initial,
        querysets={"medewerkers": selectors.fsp_medewerkers(school=school)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_spreekuur(
                school=school,
                spreekuur=spreekuur,
                weekdag=data["weekdag"],
                begintijd=data["begintijd"],
                eindtijd=data["eindtijd"],
                locatie=data["locatie"],
                medewerkers=list(data["medewerkers"]),
                actief=data["actief"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Het spreekuur is opgeslagen.")
            return redirect("gezinnen:fsp_overzicht")
    return render(request, "gezinnen/fsp_spreekuur_form.html", {"form": form, "spreekuur": spreekuur})


@requires_recht("fsp.status")
def spreekuur_create(request: HttpRequest) -> HttpResponse:
    _spreekuur_beheer(request)
    return _spreekuur_form(request, None)


@requires_recht("fsp.status")
def spreekuur_update(request: HttpRequest, pk: int) -> HttpResponse:
    spreekuur = get_object_or_404(Spreekuur.objects.filter(school=_school(request)), pk=pk)
    _spreekuur_beheer(request)
    return _spreekuur_form(request, spreekuur)


# --- walk-in questions --------------------------------------------------------------------------------------


@require_GET
@requires_recht("fsp.behandelen")
def fsp_gezin_zoek(request: HttpRequest) -> HttpResponse:
    """Typeahead for the walk-in form: a few letters of a child's name → the child's family as a
    tile (radio ``gezin``). Only names and groups; nothing of the family file."""
    q = request.GET.get("q", "")[:100]
    keuzes: list[Any] = []
    if len(q.strip()) >= 2:
        gezien: set[int] = set()
        for leerling in gezin_selectors.zoek_leerlingen(**_scope(request), q=q).filter(gezin__isnull=False)[:30]:
            if leerling.gezin_id is not None and leerling.gezin_id not in gezien:
                gezien.add(leerling.gezin_id)
                keuzes.append(leerling)
            if len(keuzes) >= TYPEAHEAD_MAX:
                break
    return render(request, "gezinnen/_fsp_gezin_keuze.html", {"leerlingen": keuzes, "q": q})


@requires_recht("fsp.behandelen")
def vraag_create(request: HttpRequest) -> HttpResponse:
    """The walk-in form: a category tile, optionally the family, answered or an intake, save."""
    scope = _scope(request)
    gezinnen = gezin_selectors.gezinnen_for_user(**scope)
    form = VraagForm(request.POST or None, querysets={"gezin": gezinnen})
    gekozen = None
    if request.method == "POST":
        pk = request.POST.get("gezin", "")
        if pk.isdigit():
            gekozen = (
                gezin_selectors.leerlingen_for_user(**scope)
                .filter(gezin_id=int(pk))
                .select_related("groep", "gezin")
                .first()
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                vraag = services.create_vraag(
                    school=_school(request),
                    geregistreerd_door=_user(request),
                    categorie=data["categorie"],
                    gezin=data["gezin"],
                    omschrijving=data["omschrijving"],
                    ter_plekke_beantwoord=data["afhandeling"] == "ter_plekke",
                    tolk_gebruikt=data["tolk_gebruikt"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("gezinnen:vraag_bevestiging", pk=vraag.pk)
    spreekuur = services.spreekuur_op(school=_school(request), moment=timezone.now())
    return render(
        request,
        "gezinnen/fsp_vraag_form.html",
        {"form": form, "gekozen": gekozen, "categorieen": Hulpdomein.choices, "spreekuur": spreekuur},
    )


@require_GET
@requires_recht("fsp.behandelen")
def vraag_bevestiging(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        vraag = get_object_or_404(
            selectors.vragen_for_user(**_scope(request)).select_related("gezin", "spreekuur", "hulpvraag"), pk=pk
        )
        if vraag.gezin_id is not None:
            record_inzage(request=request, record_type=RECORD_VRAAG, record_id=vraag.pk, doel="vraag vastgelegd")
    return render(request, "gezinnen/fsp_vraag_bevestiging.html", {"vraag": vraag})


# --- intakes ----------------------------------------------------------------------------------------------------


@require_GET
@requires_recht("fsp.status")
def hulpvraag_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    qs = selectors.hulpvragen_for_user(**scope)
    tab = request.GET.get("tab", "alle")
    if tab == "mijn":
        qs = qs.filter(eigenaar=_user(request))
    else:
        tab = "alle"
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.exclude(status=HulpvraagStatus.AFGEROND)
    elif status in HulpvraagStatus.values:
        qs = qs.filter(status=status)
    else:
        status = "alle"
    with transaction.atomic():
        hulpvragen = selectors.met_categorie_labels(list(selectors.hulpvraag_lijst(qs)[:200]))
        record_inzagen(
            request=request, record_type=RECORD_HULPVRAAG, record_ids=[h.pk for h in hulpvragen], doel="intakelijst"
        )
    return render(
        request,
        "gezinnen/fsp_hulpvraag_list.html",
        {
            "hulpvragen": hulpvragen,
            "tab": tab,
            "status": status,
            "statussen": HulpvraagStatus.choices,
            "inhoud": selectors.mag_inhoud_zien(_rol(request)),
            "mag_behandelen": can(request, "fsp.behandelen"),
        },
    )


@requires_recht("fsp.behandelen")
def hulpvraag_create(request: HttpRequest) -> HttpResponse:
    """A new intake: from a walk-in question (?vraag=), a signal (?signaal=) or a family (?gezin=)."""
    scope = _scope(request)
    school = _school(request)
    gezinnen = gezin_selectors.gezinnen_for_user(**scope, met_uitgestroomd=True)
    vraag = signaal = None
    initial: dict[str, Any] = {}
    if (vraag_pk := _pk(request, "vraag")) is not None:
        vraag = get_object_or_404(
            selectors.vragen_for_user(**scope).filter(hulpvraag__isnull=True, gezin__isnull=False), pk=vraag_pk
        )
        initial = {"gezin": vraag.gezin_id, "categorieen": [vraag.categorie], "aanleiding": vraag.omschrijving}
    elif (signaal_pk := _pk(request, "signaal")) is not None:
        signaal = get_object_or_404(selectors.signalen_voor_intake(**scope).filter(gezin__isnull=False), pk=signaal_pk)
        initial = {"gezin": signaal.gezin_id, "categorieen": [signaal.categorie]}
    elif (gezin_pk := _pk(request, "gezin")) is not None:
        initial = {"gezin": get_object_or_404(gezinnen, pk=gezin_pk).pk}
    eigenaren = selectors.mogelijke_eigenaren(school=school)
    if _rol(request) in services.EIGENAAR_ROLLEN:
        initial["eigenaar"] = _user(request).pk
    elif request.method == "GET" and len(kandidaten := list(eigenaren[:2])) == 1:
        initial["eigenaar"] = kandidaten[0].pk  # one OKA or Buurtteam worker: no choice to make
    form = HulpvraagStartForm(
        request.POST or None,
        initial=initial,
        querysets={"gezin": gezinnen.order_by("naam"), "eigenaar": eigenaren},
    )
    if request.method == "POST" and form.is_valid():
        try:
            hulpvraag = services.create_hulpvraag(school=school, vraag=vraag, signaal=signaal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "De intake is aangemaakt.")
            return redirect(hulpvraag)
    return render(
        request, "gezinnen/fsp_hulpvraag_form.html", {"form": form, "vraag": vraag, "signaal": signaal, "nieuw": True}
    )


def _hulpvraag(request: HttpRequest, pk: int) -> Hulpvraag:
    return get_object_or_404(
        selectors.hulpvragen_for_user(**_scope(request)).select_related("gezin", "eigenaar", "signaal"), pk=pk
    )


@require_GET
@requires_recht("fsp.status")
def hulpvraag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inhoud = selectors.mag_inhoud_zien(_rol(request))
    context: dict[str, Any] = {"inhoud": inhoud}
    with transaction.atomic():
        hulpvraag = _hulpvraag(request, pk)
        record_inzage(
            request=request,
            record_type=RECORD_HULPVRAAG,
            record_id=hulpvraag.pk,
            doel="intake opvolgen" if inhoud else "status intake",
        )
        if inhoud:
            context.update(
                contactmomenten=list(hulpvraag.contactmomenten.select_related("door")),
                actiepunten=list(hulpvraag.actiepunten.all()),
                afspraken=list(hulpvraag.afspraken.select_related("met", "spreekuur")),
                doorverwijzingen=list(hulpvraag.doorverwijzingen.select_related("partner")),
            )
            record_inzagen(
                request=request,
                record_type=RECORD_DOORVERWIJZING,
                record_ids=[d.pk for d in context["doorverwijzingen"]],
                doel="intake opvolgen",
            )
    if inhoud:
        school = _school(request)
        mogelijk = sorted(services.HULPVRAAG_OVERGANGEN[hulpvraag.status])
        open_ = hulpvraag.status != HulpvraagStatus.AFGEROND
        context.update(
            status_form=HulpvraagStatusForm(mogelijk=mogelijk, prefix="status") if mogelijk else None,
            contact_form=ContactmomentForm(prefix="contact") if open_ else None,
            actie_form=ActiepuntForm(prefix="actie") if open_ else None,
            afspraak_form=AfspraakForm(
                prefix="afspraak",
                initial={"met": _user(request).pk},
                querysets={
                    "spreekuur": selectors.spreekuren(school=school).filter(actief=True),
                    "met": selectors.fsp_medewerkers(school=school),
                },
            )
            if open_
            else None,
            mag_gezin=gezin_selectors.gezinnen_for_user(**_scope(request), met_uitgestroomd=True)
            .filter(pk=hulpvraag.gezin_id)
            .exists(),
        )
    context["hulpvraag"] = selectors.met_categorie_labels([hulpvraag])[0]
    return render(request, "gezinnen/fsp_hulpvraag_detail.html", context)


def _te_behandelen(request: HttpRequest, pk: int) -> Hulpvraag:
    return _hulpvraag(request, pk)  # the views using it require fsp.behandelen


@requires_recht("fsp.behandelen")
def hulpvraag_update(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        hulpvraag = _te_behandelen(request, pk)
        record_inzage(request=request, record_type=RECORD_HULPVRAAG, record_id=hulpvraag.pk, doel="intake bewerken")
    form = HulpvraagForm(
        request.POST or None,
        initial={
            "eigenaar": hulpvraag.eigenaar_id,
            "categorieen": hulpvraag.categorieen,
            "aanleiding": hulpvraag.aanleiding,
            "vertrouwelijke_notities": hulpvraag.vertrouwelijke_notities,
        },
        querysets={"eigenaar": selectors.mogelijke_eigenaren(school=_school(request))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_hulpvraag(hulpvraag=hulpvraag, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "De intake is bijgewerkt.")
            return redirect(hulpvraag)
    return render(request, "gezinnen/fsp_hulpvraag_form.html", {"form": form, "hulpvraag": hulpvraag, "nieuw": False})


@require_POST
@requires_recht("fsp.behandelen")
def hulpvraag_status(request: HttpRequest, pk: int) -> HttpResponse:
    hulpvraag = _te_behandelen(request, pk)
    form = HulpvraagStatusForm(
        request.POST, prefix="status", mogelijk=sorted(services.HULPVRAAG_OVERGANGEN[hulpvraag.status])
    )
    if not form.is_valid():
        _fouten(request, form)
        return redirect(hulpvraag)
    try:
        services.change_hulpvraag_status(hulpvraag=hulpvraag, **form.cleaned_data)
    except ValidationError as error:
        _fouten(request, error)
    else:
        messages.success(request, f"Status: {HulpvraagStatus(form.cleaned_data['naar']).label.lower()}.")
    return redirect(hulpvraag)


@require_POST
@requires_recht("fsp.behandelen")
def contactmoment_create(request: HttpRequest, pk: int) -> HttpResponse:
    hulpvraag = _te_behandelen(request, pk)
    form = ContactmomentForm(request.POST, prefix="contact")
    if form.is_valid():
        try:
            services.add_contactmoment(hulpvraag=hulpvraag, door=_user(request), **form.cleaned_data)
        except ValidationError as error:
            _fouten(request, error)
        else:
            messages.success(request, "Contactmoment vastgelegd.")
    else:
        _fouten(request, form)
    return redirect(hulpvraag)


@require_POST
@requires_recht("fsp.behandelen")
def actiepunt_create(request: HttpRequest, pk: int) -> HttpResponse:
    hulpvraag = _te_behandelen(request, pk)
    form = ActiepuntForm(request.POST, prefix="actie")
    if form.is_valid():
        try:
            services.add_actiepunt(hulpvraag=hulpvraag, **form.cleaned_data)
        except ValidationError as error:
            _fouten(request, error)
        else:
            messages.success(request, "Afspraak over een actie vastgelegd.")
    else:
        _fouten(request, form)
    return redirect(hulpvraag)


@require_POST
@requires_recht("fsp.behandelen")
def actiepunt_gedaan(request: HttpRequest, pk: int) -> HttpResponse:
    actiepunt = get_object_or_404(
        Actiepunt.objects.filter(hulpvraag__in=selectors.hulpvragen_for_user(**_scope(request))).select_related(
            "hulpvraag"
        ),
        pk=pk,
    )
    services.mark_actiepunt_gedaan(actiepunt=actiepunt)
    messages.success(request, f"Gedaan: {actiepunt.omschrijving}.")
    return redirect(actiepunt.hulpvraag)


@require_POST
@requires_recht("fsp.behandelen")
def afspraak_create(request: HttpRequest, pk: int) -> HttpResponse:
    hulpvraag = _te_behandelen(request, pk)
    school = _school(request)
    form = AfspraakForm(
        request.POST,
        prefix="afspraak",
        querysets={
            "spreekuur": selectors.spreekuren(school=school).filter(actief=True),
            "met": selectors.fsp_medewerkers(school=school),
        },
    )
    if form.is_valid():
        try:
            services.create_afspraak(hulpvraag=hulpvraag, **form.cleaned_data)
        except ValidationError as error:
            _fouten(request, error)
        else:
            messages.success(request, "Afspraak gepland.")
    else:
        _fouten(request, form)
    return redirect(hulpvraag)


# --- referrals ----------------------------------------------------------------------------------------------------


@require_GET
@requires_recht("fsp.status")
def doorverwijzing_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    vandaag = timezone.localdate()
    qs = selectors.doorverwijzingen_for_user(**scope)
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.exclude(status__in=[DoorverwijzingStatus.AFGEROND, DoorverwijzingStatus.AFGEWEZEN])
    elif status == "te_laat":
        qs = qs.filter(selectors.is_te_laat_q(vandaag))
    elif status in DoorverwijzingStatus.values:
        qs = qs.filter(status=status)
    else:
        status = "alle"
    with transaction.atomic():
        doorverwijzingen = list(selectors.doorverwijzing_lijst(qs)[:200])
        record_inzagen(
            request=request,
            record_type=RECORD_DOORVERWIJZING,
            record_ids=[d.pk for d in doorverwijzingen],
            doel="doorverwijzingenlijst",
        )
    return render(
        request,
        "gezinnen/fsp_doorverwijzing_list.html",
        {
            "doorverwijzingen": doorverwijzingen,
            "status": status,
            "statussen": DoorverwijzingStatus.choices,
            "vandaag": vandaag,
            "mag_behandelen": can(request, "fsp.behandelen"),
        },
    )


@requires_recht("fsp.behandelen")
def doorverwijzing_create(request: HttpRequest) -> HttpResponse:
    """A referral: from an intake (?hulpvraag=), a signal (?signaal=) or a family (?gezin=).
    Refused at the form, with nothing saved, when the family has not consented to sharing."""
    scope = _scope(request)
    school = _school(request)
    gezinnen = gezin_selectors.gezinnen_for_user(**scope, met_uitgestroomd=True)
    hulpvraag = signaal = None
    initial: dict[str, Any] = {}
    if (hulpvraag_pk := _pk(request, "hulpvraag")) is not None:
        hulpvraag = get_object_or_404(selectors.hulpvragen_for_user(**scope), pk=hulpvraag_pk)
        initial = {"gezin": hulpvraag.gezin_id, "categorie": (hulpvraag.categorieen or [""])[0]}
    elif (signaal_pk := _pk(request, "signaal")) is not None:
        signaal = get_object_or_404(selectors.signalen_voor_intake(**scope).filter(gezin__isnull=False), pk=signaal_pk)
        initial = {"gezin": signaal.gezin_id, "categorie": signaal.categorie}
    elif (gezin_pk := _pk(request, "gezin")) is not None:
        initial = {"gezin": get_object_or_404(gezinnen, pk=gezin_pk).pk}
    form = DoorverwijzingForm(
        request.POST or None,
        initial=initial,
        querysets={"gezin": gezinnen.order_by("naam"), "partner": partners_for_school(school=school).order_by("naam")},
    )
    toestemming_gezin: Gezin | None = None
    if request.method == "POST" and form.is_valid():
        try:
            doorverwijzing = services.create_doorverwijzing(
                school=school, door=_user(request), hulpvraag=hulpvraag, signaal=signaal, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            toestemming_gezin = form.cleaned_data["gezin"]
        else:
            messages.success(request, f"Doorverwezen naar {doorverwijzing.partner.naam}.")
            return redirect(doorverwijzing)
    return render(
        request,
        "gezinnen/fsp_doorverwijzing_form.html",
        {
            "form": form,
            "hulpvraag": hulpvraag,
            "signaal": signaal,
            "toestemming_gezin": toestemming_gezin if can(request, "gezinnen.beheren") else None,
            "doel_delen": Doel.DELEN_FSP.value,
        },
    )


def _doorverwijzing(request: HttpRequest, pk: int) -> Doorverwijzing:
    return get_object_or_404(
        selectors.doorverwijzingen_for_user(**_scope(request)).select_related(
            "gezin", "partner", "door", "hulpvraag", "signaal"
        ),
        pk=pk,
    )


@require_GET
@requires_recht("fsp.status")
def doorverwijzing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inhoud = selectors.mag_inhoud_zien(_rol(request))
    with transaction.atomic():
        doorverwijzing = _doorverwijzing(request, pk)
        record_inzage(
            request=request,
            record_type=RECORD_DOORVERWIJZING,
            record_id=doorverwijzing.pk,
            doel="doorverwijzing opvolgen" if inhoud else "status doorverwijzing",
        )
    open_ = inhoud and doorverwijzing.status in (DoorverwijzingStatus.VERSTUURD, DoorverwijzingStatus.GEACCEPTEERD)
    return render(
        request,
        "gezinnen/fsp_doorverwijzing_detail.html",
        {
            "doorverwijzing": doorverwijzing,
            "inhoud": inhoud,
            "te_laat": doorverwijzing.status == DoorverwijzingStatus.VERSTUURD
            and doorverwijzing.terugkoppeling_voor < timezone.localdate(),
            "reactie_form": ReactieForm(prefix="reactie", initial={"ontvangen_op": timezone.localdate()})
            if inhoud and doorverwijzing.status == DoorverwijzingStatus.VERSTUURD
            else None,
            "afronden_form": AfrondenForm(prefix="afronden") if open_ else None,
        },
    )


@require_POST
@requires_recht("fsp.behandelen")
def doorverwijzing_reactie(request: HttpRequest, pk: int) -> HttpResponse:
    doorverwijzing = _doorverwijzing(request, pk)
    form = ReactieForm(request.POST, prefix="reactie")
    if form.is_valid():
        try:
            services.record_reactie(doorverwijzing=doorverwijzing, **form.cleaned_data)
        except ValidationError as error:
            _fouten(request, error)
        else:
            messages.success(request, "De reactie van de partner is vastgelegd.")
    else:
        _fouten(request, form)
    return redirect(doorverwijzing)


@require_POST
@requires_recht("fsp.behandelen")
def doorverwijzing_afronden(request: HttpRequest, pk: int) -> HttpResponse:
    doorverwijzing = _doorverwijzing(request, pk)
    form = AfrondenForm(request.POST, prefix="afronden")
    if form.is_valid():
        try:
            services.close_doorverwijzing(doorverwijzing=doorverwijzing, **form.cleaned_data)
        except ValidationError as error:
            _fouten(request, error)
        else:
            messages.success(request, "De doorverwijzing is afgerond.")
    else:
        _fouten(request, form)
    return redirect(doorverwijzing)
