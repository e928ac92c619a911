"""Pages of the Rijke schooldag: activities (list, detail, create, edit), sessions (cancel, move),
blocks and the school calendar, enrolment (pupils, a whole group, paper forms), the "nog niet
bereikt" list with its invitation, and doorstroom. Attendance, reach and print live in their own
sub-packages (presentie, bereik, drukwerk)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_POST

from activiteiten import kalender, selectors, services
from activiteiten.forms import (
    ActiviteitForm,
    AnnulerenForm,
    BlokForm,
    DoorstroomForm,
    InschrijvenForm,
    StudiedagForm,
    VerplaatsenForm,
    VertalingFormSet,
)
from activiteiten.models import (
    Activiteit,
    ActiviteitUitnodiging,
    Bijeenkomst,
    Blok,
    Doorstroom,
    Inschrijving,
    InschrijvingStatus,
    Ontwikkelgebied,
    Sluiting,
)
from familieschool.forms import fouten_naar_form
from familieschool.models import Schooljaar
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user
from familieschool.selectors import schooljaar_for_date
from gezinnen import selectors as gezin_selectors
from gezinnen.models import Doel, Groep, Toestemming
from partners.selectors import partners_for_school

ZOEK_MAX = 12


def _pk(request: HttpRequest, naam: str, bron: Any = None) -> int | None:
    waarde = (bron if bron is not None else request.GET).get(naam, "")
    return int(waarde) if str(waarde).isdigit() else None


def _fouten(request: HttpRequest, fout: ValidationError) -> None:
    for tekst in fout.messages:
        messages.error(request, tekst)


def _zichtbare_leerlingen(request: HttpRequest) -> Any:
    return gezin_selectors.leerlingen_for_user(**_scope(request))


# --- activities ---------------------------------------------------------------------------------------


GEBIEDEN = dict(Ontwikkelgebied.choices)
WEEKDAGEN = dict(Activiteit._meta.get_field("weekdag").choices or [])


def _lijst_rij(activiteit: Activiteit) -> dict[str, Any]:
    """One row of the activity list with its texts ready: what the template's ``{% url %}``,
    ``get_*_display``, ``|time`` and ``|join`` gave, at a fraction of their cost per row."""
    geplaatst: int = activiteit.aantal_geplaatst  # type: ignore[attr-defined]
    return {
        "url": reverse("activiteiten:activiteit_detail", args=[activiteit.pk]),
        "titel": activiteit.titel,
        "gebied": activiteit.ontwikkelgebied,
        "gebied_label": GEBIEDEN.get(activiteit.ontwikkelgebied, activiteit.ontwikkelgebied),
        "blok": activiteit.blok.naam,
        "dag": WEEKDAGEN.get(activiteit.weekdag, activiteit.weekdag),
        "tijden": f"{activiteit.begintijd:%H:%M}–{activiteit.eindtijd:%H:%M}",
        "groepen": ", ".join(activiteit.jaargroepen),
        "aanbieder": (activiteit.aanbieder.naam if activiteit.aanbieder else "") or "Eigen personeel",
        "plaatsen": f"{geplaatst}/{activiteit.capaciteit}",
        "vol": geplaatst >= activiteit.capaciteit,
        "wachtlijst": activiteit.aantal_wachtlijst,  # type: ignore[attr-defined]
    }


@require_GET
@requires_recht("activiteiten.lezen")
def activiteit_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    # The filter shows a block's name and dates, not its school year.
    blokken = list(selectors.blokken_for_user(**scope).select_related(None).order_by("-begindatum"))
    blok_id = _pk(request, "blok")
    gekozen = next((b for b in blokken if b.pk == blok_id), None)
    if gekozen is None and "blok" not in request.GET:
        # The school's blocks are all in the list already: no query for the current one.
        gekozen = selectors.huidig_blok_uit(blokken, vandaag=timezone.localdate())
    qs = selectors.activiteiten_for_user(**scope)
    if gekozen is not None:
        qs = qs.filter(blok=gekozen)
    gebied = request.GET.get("gebied", "")
    if gebied in Ontwikkelgebied.values:
        qs = qs.filter(ontwikkelgebied=gebied)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(titel__icontains=q) | Q(aanbieder__naam__icontains=q) | Q(omschrijving__icontains=q))
    activiteiten = list(selectors.activiteit_rijen(qs).order_by("weekdag", "begintijd", "titel"))
    return render(
        request,
        "activiteiten/activiteit_list.html",
        {
            "activiteiten": activiteiten,
            "rijen": [_lijst_rij(activiteit) for activiteit in activiteiten],
            "blok_keuzes": [
                {
                    "pk": b.pk,
                    # As |date:"j b" and |date:"j b Y" wrote it, without the filters' cost per block.
                    "label": f"{b.naam} ({date_format(b.begindatum, 'j b')} – {date_format(b.einddatum, 'j b Y')})",
                    "gekozen": b == gekozen,
                }
                for b in blokken
            ],
            "blok": gekozen,
            "gebied": gebied,
            "q": q,
            "ontwikkelgebieden": Ontwikkelgebied.choices,
            "plaatsen": sum(a.capaciteit for a in activiteiten),
            "geplaatst": sum(a.aantal_geplaatst for a in activiteiten),  # type: ignore[attr-defined]
            "wachtlijst": sum(a.aantal_wachtlijst for a in activiteiten),  # type: ignore[attr-defined]
            "mag_beheren": can(request, "activiteiten.beheren"),
        },
    )


def _form_querysets(request: HttpRequest) -> dict[str, Any]:
    school = _school(request)
    return {
        "blokken": Blok.objects.filter(school=school).order_by("-begindatum"),
        "partners": partners_for_school(school=school),
        "begeleiders": selectors.mogelijke_begeleiders(school=school),
    }


def _save_activiteit_form(request: HttpRequest, form: ActiviteitForm) -> Activiteit | None:
    activiteit = form.save(commit=False)
    activiteit.school = _school(request)
    try:
        activiteit, gemaakt = services.save_activiteit(
            activiteit=activiteit, begeleiders=list(form.cleaned_data["begeleiders"])
        )
    except ValidationError as fout:
        fouten_naar_form(form, fout)
        return None
    if gemaakt:
        messages.success(
            request, f"{gemaakt} bijeenkomsten gepland; vakanties, feestdagen en studiedagen zijn overgeslagen."
        )
    return activiteit


def _activiteit_form_page(request: HttpRequest, activiteit: Activiteit | None) -> HttpResponse:
    """Create or edit an activity with its translations for parents, all or nothing."""
    school = _school(request)
    initial: dict[str, Any] = {}
    if activiteit is None:
        initial["locatie"] = "School"
        if (blok := selectors.huidig_blok(school=school, vandaag=timezone.localdate())) is not None:
            initial["blok"] = blok.pk
    else:
        initial["begeleiders"] = list(activiteit.begeleiders.all())
    data = request.POST if request.method == "POST" else None
    form = ActiviteitForm(data, instance=activiteit, initial=initial, **_form_querysets(request))
    vertalingen = VertalingFormSet(data, instance=activiteit or Activiteit(), prefix="vertaling")
    if data is not None and form.is_valid() and vertalingen.is_valid():
        with transaction.atomic():
            opgeslagen = _save_activiteit_form(request, form)
            if opgeslagen is not None:
                vertalingen.instance = opgeslagen
                vertalingen.save()
        if opgeslagen is not None:
            tekst = (
                "De wijzigingen zijn opgeslagen." if activiteit else f"Activiteit “{opgeslagen.titel}” is toegevoegd."
            )
            messages.success(request, tekst)
            return redirect("activiteiten:activiteit_detail", pk=opgeslagen.pk)
    return render(
        request,
        "activiteiten/activiteit_form.html",
        {"form": form, "vertalingen": vertalingen, "activiteit": activiteit},
    )


@requires_recht("activiteiten.beheren")
def activiteit_create(request: HttpRequest) -> HttpResponse:
    return _activiteit_form_page(request, None)


@requires_recht("activiteiten.beheren")
def activiteit_update(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = get_object_or_404(selectors.activiteiten_for_user(**_scope(request)), pk=pk)
    return _activiteit_form_page(request, activiteit)


@require_GET
@requires_recht("activiteiten.lezen")
def activiteit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    zichtbaar = _zichtbare_leerlingen(request)
    inschrijvingen = (
        Inschrijving.objects.filter(leerling__in=zichtbaar.values("pk"))
        .select_related("leerling", "leerling__groep")
        .annotate(
            met_toestemming=Count(
                "leerling__gezin__toestemmingen",
                filter=Q(leerling__gezin__toestemmingen__doel=Doel.ACTIVITEITEN)
                & Q(leerling__gezin__toestemmingen__gegeven=True),
            )
        )
        .order_by("-prioriteit", "ingeschreven_op", "pk")
    )
    activiteit = get_object_or_404(
        selectors.activiteit_lijst(selectors.activiteiten_for_user(**scope))
        .select_related("blok__schooljaar")
        .prefetch_related(
            "begeleiders",
            Prefetch("inschrijvingen", queryset=inschrijvingen, to_attr="zichtbare_inschrijvingen"),
            Prefetch(
                "bijeenkomsten",
                queryset=Bijeenkomst.objects.annotate(aantal_presenties=Count("presenties")).order_by("datum"),
                to_attr="alle_bijeenkomsten",
            ),
            Prefetch(
                "doorstromen",
                queryset=Doorstroom.objects.filter(leerling__in=zichtbaar.values("pk")).select_related(
                    "leerling", "partner"
                ),
                to_attr="zichtbare_doorstromen",
            ),
        ),
        pk=pk,
    )
    per_status: dict[str, list[Inschrijving]] = {s: [] for s in InschrijvingStatus.values}
    for inschrijving in activiteit.zichtbare_inschrijvingen:  # type: ignore[attr-defined]
        per_status[inschrijving.status].append(inschrijving)
    mag_beheren = can(request, "activiteiten.beheren")
    school = _school(request)
    vandaag = timezone.localdate()
    context: dict[str, Any] = {
        "activiteit": activiteit,
        "geplaatst": per_status[InschrijvingStatus.GEPLAATST],
        "wachtlijst": per_status[InschrijvingStatus.WACHTLIJST],
        "afgemeld": per_status[InschrijvingStatus.AFGEMELD],
        "verborgen": activiteit.aantal_geplaatst  # type: ignore[attr-defined]
        - len(per_status[InschrijvingStatus.GEPLAATST]),
        "bijeenkomsten": activiteit.alle_bijeenkomsten,  # type: ignore[attr-defined]
        "doorstromen": activiteit.zichtbare_doorstromen,  # type: ignore[attr-defined]
        "vandaag": vandaag,
        "mag_beheren": mag_beheren,
        "mag_presentie": selectors.mag_presentie_registreren(
            user=_user(request), rol=scope["rol"], activiteit=activiteit
        ),
        "mag_kosten_zien": mag_beheren or can(request, "subsidies.lezen"),
    }
    if mag_beheren:
        context["inschrijf_form"] = InschrijvenForm(
            leerlingen=zichtbaar.none(), groepen=_groepen(school, activiteit.blok.schooljaar_id)
        )
        context["doorstroom_form"] = DoorstroomForm(
            leerlingen=zichtbaar.none(),
            partners=partners_for_school(school=school),
            initial={"partner": activiteit.aanbieder_id, "datum": vandaag},
        )
    return render(request, "activiteiten/activiteit_detail.html", context)


def _groepen(school: Any, schooljaar_id: int) -> Any:
    return Groep.objects.filter(school=school, schooljaar_id=schooljaar_id).order_by("jaargroep", "naam")


# --- sessions ----------------------------------------------------------------------------------------


def _beheer_bijeenkomst(request: HttpRequest, pk: int) -> Bijeenkomst:
    return get_object_or_404(selectors.bijeenkomsten_for_user(**_scope(request)).select_related("activiteit"), pk=pk)


@requires_recht("activiteiten.beheren")
def bijeenkomst_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a single session (with a reason), move it, or undo a cancellation."""
    bijeenkomst = _beheer_bijeenkomst(request, pk)
    actie = request.POST.get("actie", "")
    annuleren = AnnulerenForm(request.POST if actie == "annuleren" else None, prefix="annuleren")
    verplaatsen = VerplaatsenForm(
        request.POST if actie == "verplaatsen" else None,
        prefix="verplaatsen",
        initial={"datum": bijeenkomst.datum, "begintijd": bijeenkomst.begintijd, "eindtijd": bijeenkomst.eindtijd},
    )
    terug = redirect(reverse("activiteiten:activiteit_detail", args=[bijeenkomst.activiteit_id]) + "#bijeenkomsten")
    if request.method == "POST":
        if actie == "herstellen":
            services.restore_bijeenkomst(bijeenkomst=bijeenkomst)
            messages.success(request, f"De bijeenkomst van {bijeenkomst.datum:%d-%m-%Y} gaat weer door.")
            return terug
        if actie == "annuleren" and annuleren.is_valid():
            services.cancel_bijeenkomst(bijeenkomst=bijeenkomst, reden=annuleren.cleaned_data["reden"])
            messages.success(request, f"De bijeenkomst van {bijeenkomst.datum:%d-%m-%Y} is geannuleerd.")
            return terug
        if actie == "verplaatsen" and verplaatsen.is_valid():
            oude_datum = bijeenkomst.datum
            try:
                services.move_bijeenkomst(bijeenkomst=bijeenkomst, **verplaatsen.cleaned_data)
            except ValidationError as fout:
                fouten_naar_form(verplaatsen, fout)
            else:
                messages.success(
                    request,
                    f"De bijeenkomst van {oude_datum:%d-%m-%Y} is verplaatst naar {bijeenkomst.datum:%d-%m-%Y}.",
                )
                return terug
    return render(
        request,
        "activiteiten/bijeenkomst_wijzigen.html",
        {"bijeenkomst": bijeenkomst, "annuleren": annuleren, "verplaatsen": verplaatsen},
    )


# --- enrolment ---------------------------------------------------------------------------------------


@require_GET
@requires_recht("activiteiten.beheren")
def inschrijf_zoek(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: pupils matching what was typed, as tick boxes; pupils of the activity's jaargroepen
    first, those not yet reached this school year marked, and whether the family consented."""
    scope = _scope(request)
    activiteit = get_object_or_404(selectors.activiteiten_for_user(**scope).select_related("blok"), pk=pk)
    q = request.GET.get("q", "")[:100]
    leerlingen: list[Any] = []
    if len(q.strip()) >= 2:
        schooljaar_id = activiteit.blok.schooljaar_id
        ingeschreven = activiteit.inschrijvingen.exclude(status=InschrijvingStatus.AFGEMELD)
        leerlingen = list(
            gezin_selectors.zoek_leerlingen(**scope, q=q).annotate(
                is_bereikt=Exists(
                    Inschrijving.objects.filter(
                        leerling=OuterRef("pk"),
                        status=InschrijvingStatus.GEPLAATST,
                        activiteit__blok__schooljaar_id=schooljaar_id,
                    )
                ),
                met_toestemming=Exists(
                    Toestemming.objects.filter(gezin=OuterRef("gezin_id"), doel=Doel.ACTIVITEITEN, gegeven=True)
                ),
                al_ingeschreven=Exists(ingeschreven.filter(leerling_id=OuterRef("pk"))),
            )[:ZOEK_MAX]
        )
        leerlingen.sort(key=lambda k: k.jaargroep not in activiteit.jaargroepen)
    return render(
        request, "activiteiten/_inschrijf_zoek.html", {"leerlingen": leerlingen, "q": q, "activiteit": activiteit}
    )


@require_POST
@requires_recht("activiteiten.beheren")
def inschrijven(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    activiteit = get_object_or_404(selectors.activiteiten_for_user(**scope).select_related("blok"), pk=pk)
    zichtbaar = _zichtbare_leerlingen(request)
    form = InschrijvenForm(
        request.POST, leerlingen=zichtbaar, groepen=_groepen(_school(request), activiteit.blok.schooljaar_id)
    )
    terug = redirect(reverse("activiteiten:activiteit_detail", args=[activiteit.pk]) + "#inschrijvingen")
    if not form.is_valid():
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, str(fout))
        return terug
    kinderen = list(form.cleaned_data["leerlingen"])
    if (groep := form.cleaned_data.get("groep")) is not None:
        kinderen += list(zichtbaar.filter(Q(groep=groep) | Q(samengestelde_groepen=groep)).distinct())
    kinderen = list({k.pk: k for k in sorted(kinderen, key=lambda k: (k.achternaam, k.roepnaam))}.values())
    resultaat = services.enrol_many(
        activiteit=activiteit,
        leerlingen=kinderen,
        door=_user(request),
        toestemming_ouder=form.cleaned_data["toestemming_ouder"],
    )
    niveau = messages.WARNING if resultaat.zonder_toestemming else messages.SUCCESS
    messages.add_message(request, niveau, resultaat.samenvatting + ".")
    return terug


@require_POST
@requires_recht("activiteiten.beheren")
def afmelden(request: HttpRequest, pk: int) -> HttpResponse:
    inschrijving = get_object_or_404(
        selectors.inschrijvingen_for_user(**_scope(request)).select_related("leerling"), pk=pk
    )
    if inschrijving.status == InschrijvingStatus.AFGEMELD:
        messages.info(request, f"{inschrijving.leerling.volledige_naam} was al afgemeld.")
    else:
        volgende = services.unenrol(inschrijving=inschrijving)
        tekst = f"{inschrijving.leerling.volledige_naam} is afgemeld."
        if volgende is not None:
            tekst += f" {volgende.leerling.volledige_naam} is van de wachtlijst geplaatst."
        messages.success(request, tekst)
    return redirect(reverse("activiteiten:activiteit_detail", args=[inschrijving.activiteit_id]) + "#inschrijvingen")


# --- doorstroom --------------------------------------------------------------------------------------


@require_POST
@requires_recht("activiteiten.beheren")
def doorstroom_create(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    activiteit = get_object_or_404(selectors.activiteiten_for_user(**scope), pk=pk)
    geplaatst = _zichtbare_leerlingen(request).filter(
        inschrijvingen__activiteit=activiteit, inschrijvingen__status=InschrijvingStatus.GEPLAATST
    )
    form = DoorstroomForm(request.POST, leerlingen=geplaatst, partners=partners_for_school(school=_school(request)))
    terug = redirect(reverse("activiteiten:activiteit_detail", args=[activiteit.pk]) + "#doorstroom")
    if not form.is_valid():
        for veld, fouten in form.errors.items():
            for fout in fouten:
                messages.error(request, f"{form.fields[veld].label}: {fout}" if veld in form.fields else str(fout))
        return terug
    try:
        doorstroom = services.record_doorstroom(activiteit=activiteit, door=_user(request), **form.cleaned_data)
    except ValidationError as fout:
        _fouten(request, fout)
        return terug
    messages.success(request, f"{doorstroom.leerling.volledige_naam} is lid geworden van {doorstroom.partner.naam}.")
    return terug


@require_POST
@requires_recht("activiteiten.beheren")
def doorstroom_delete(request: HttpRequest, pk: int) -> HttpResponse:
    doorstroom = get_object_or_404(
        Doorstroom.objects.filter(leerling__in=_zichtbare_leerlingen(request).values("pk")), pk=pk
    )
    activiteit_id = doorstroom.activiteit_id
    doorstroom.delete()
    messages.success(request, "De doorstroom is verwijderd.")
    if activiteit_id:
        return redirect(reverse("activiteiten:activiteit_detail", args=[activiteit_id]) + "#doorstroom")
    return redirect("activiteiten:activiteit_list")


# --- blocks and the calendar -------------------------------------------------------------------------


def _schooljaar(request: HttpRequest) -> Schooljaar:
    startjaar = _pk(request, "schooljaar")
    if startjaar is not None and 2000 <= startjaar <= 2100:
        return schooljaar_for_date(Schooljaar.grenzen(startjaar)[0])
    return schooljaar_for_date(timezone.localdate())


@require_GET
@requires_recht("activiteiten.lezen")
def blok_list(request: HttpRequest) -> HttpResponse:
    """The blocks of a school year, the periods between holidays as suggestions, and every
    closure (holidays of regio Noord, public holidays, the school's studiedagen)."""
    scope = _scope(request)
    schooljaar = _schooljaar(request)
    blokken = list(
        selectors.blokken_for_user(**scope)
        .filter(schooljaar=schooljaar)
        .annotate(aantal_activiteiten=Count("activiteiten"))
        .order_by("begindatum")
    )
    sluitingen = list(
        selectors.sluitingen_for_user(**scope)
        .filter(van__lte=schooljaar.einddatum, tot_en_met__gte=schooljaar.begindatum)
        .order_by("van")
    )
    bezet = [(b.begindatum, b.einddatum) for b in blokken]
    voorstellen = [
        (van, tot)
        for van, tot in kalender.voorgestelde_blokken(startjaar=schooljaar.startjaar, gesloten=sluitingen)
        if not any(b_van <= tot and van <= b_tot for b_van, b_tot in bezet)
    ]
    return render(
        request,
        "activiteiten/blok_list.html",
        {
            "schooljaar": schooljaar,
            "vorig": schooljaar.startjaar - 1,
            "volgend": schooljaar.startjaar + 1,
            "blokken": blokken,
            "sluitingen": sluitingen,
            "voorstellen": voorstellen,
            "volgend_bloknummer": len(blokken) + 1,
            "studiedag_form": StudiedagForm(),
            "mag_beheren": can(request, "activiteiten.beheren"),
        },
    )


def _blok_form(request: HttpRequest, blok: Blok) -> HttpResponse:
    initial = {k: request.GET[k] for k in ("naam", "begindatum", "einddatum") if k in request.GET}
    form = BlokForm(request.POST or None, instance=blok, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_blok(blok=form.instance)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, f"{blok.naam} is opgeslagen.")
            return redirect(reverse("activiteiten:blok_list") + f"?schooljaar={blok.schooljaar.startjaar}")
    return render(request, "activiteiten/blok_form.html", {"form": form, "blok": blok})


@requires_recht("activiteiten.beheren")
def blok_create(request: HttpRequest) -> HttpResponse:
    return _blok_form(request, Blok(school=_school(request)))


@requires_recht("activiteiten.beheren")
def blok_update(request: HttpRequest, pk: int) -> HttpResponse:
    blok = get_object_or_404(selectors.blokken_for_user(**_scope(request)), pk=pk)
    return _blok_form(request, blok)


@requires_recht("activiteiten.beheren")
def studiedag_create(request: HttpRequest) -> HttpResponse:
    form = StudiedagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sluiting, geannuleerd = services.add_studiedag(school=_school(request), **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            tekst = f"{sluiting.naam} op {sluiting.van:%d-%m-%Y} staat in de kalender."
            if geannuleerd:
                tekst += f" {geannuleerd} bijeenkomst(en) op die dag zijn geannuleerd."
            messages.success(request, tekst)
            return redirect(
                reverse("activiteiten:blok_list") + f"?schooljaar={Schooljaar.startjaar_voor(sluiting.van)}"
            )
    return render(request, "activiteiten/studiedag_form.html", {"form": form})


@require_POST
@requires_recht("activiteiten.beheren")
def studiedag_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sluiting = get_object_or_404(
        Sluiting.objects.filter(school=_school(request), soort=Sluiting.Soort.STUDIEDAG), pk=pk
    )
    startjaar = Schooljaar.startjaar_voor(sluiting.van)
    terug = services.remove_studiedag(sluiting=sluiting)
    tekst = f"{sluiting.naam} is uit de kalender gehaald."
    if terug:
        tekst += f" {terug} bijeenkomst(en) gaan weer door."
    messages.success(request, tekst)
    return redirect(reverse("activiteiten:blok_list") + f"?schooljaar={startjaar}")


# --- not yet reached, and the invitation -------------------------------------------------------------


@require_GET
@requires_recht("activiteiten.beheren")
def nog_niet_bereikt(request: HttpRequest) -> HttpResponse:
    """Per group: how many pupils took part in an activity this school year; for one group, the
    pupils not yet reached, with a one-click invitation for the current block."""
    school = _school(request)
    vandaag = timezone.localdate()
    schooljaar = schooljaar_for_date(vandaag)
    zichtbaar = _zichtbare_leerlingen(request).filter(groep__schooljaar=schooljaar)
    groepen = selectors.groepen_met_bereik(leerlingen=zichtbaar, schooljaar_id=schooljaar.pk)
    groep_id = _pk(request, "groep")
    groep = next((g for g in groepen if g["groep_id"] == groep_id), None)
    blok = selectors.huidig_blok(school=school, vandaag=vandaag)
    leerlingen: list[Any] = []
    if groep is not None:
        uitnodigingen = (
            ActiviteitUitnodiging.objects.filter(blok=blok) if blok else ActiviteitUitnodiging.objects.none()
        )
        leerlingen = list(
            selectors.niet_bereikt(
                leerlingen=zichtbaar.filter(groep_id=groep_id), schooljaar_id=schooljaar.pk
            ).annotate(
                uitgenodigd_op=Subquery(uitnodigingen.filter(leerling=OuterRef("pk")).values("uitgenodigd_op")[:1])
            )
        )
    return render(
        request,
        "activiteiten/nog_niet_bereikt.html",
        {
            "schooljaar": schooljaar,
            "groepen": groepen,
            "groep": groep,
            "leerlingen": leerlingen,
            "blok": blok,
            "niet_uitgenodigd": [k for k in leerlingen if k.uitgenodigd_op is None],
            "totaal": {
                "leerlingen": sum(int(g["leerlingen"]) for g in groepen),  # type: ignore[call-overload]
                "bereikt": sum(int(g["bereikt"]) for g in groepen),  # type: ignore[call-overload]
            },
        },
    )


@require_POST
@requires_recht("activiteiten.beheren")
def uitnodigen(request: HttpRequest) -> HttpResponse:
    school = _school(request)
    vandaag = timezone.localdate()
    schooljaar = schooljaar_for_date(vandaag)
    groep_id = _pk(request, "groep", request.POST)
    terug = redirect(reverse("activiteiten:nog_niet_bereikt") + (f"?groep={groep_id}" if groep_id else ""))
    blok = selectors.huidig_blok(school=school, vandaag=vandaag)
    if blok is None:
        messages.error(request, "Er is nog geen blok met activiteiten om voor uit te nodigen.")
        return terug
    ids = [int(v) for v in request.POST.getlist("leerling") if v.isdigit()]
    if not ids:
        messages.error(request, "Kies wie je wilt uitnodigen.")
        return terug
    kinderen = list(
        selectors.niet_bereikt(
            leerlingen=_zichtbare_leerlingen(request).filter(pk__in=ids), schooljaar_id=schooljaar.pk
        )
    )
    gemaakt = services.nodig_uit(leerlingen=kinderen, blok=blok, door=_user(request))
    if not gemaakt:
        messages.info(request, "Deze leerlingen waren al uitgenodigd voor dit blok.")
        return terug
    mails = sum(u.per_email for u in gemaakt)
    papier = [u for u in gemaakt if u.op_papier]
    tekst = (
        f"{len(gemaakt)} leerling(en) uitgenodigd voor {blok.naam}: {mails} e-mail(s) aan ouders gaan nu de deur uit."
    )
    if papier:
        tekst += f" {len(papier)} gezin(nen) zonder e-mailadres: geef het boekje mee."
    messages.success(request, tekst)
    return terug
