"""Staff pages of the parent activities: list, detail (program, invitations per channel, answers
with the totals for catering and childcare), create and edit, cancel, plan a series, invite a
selection, check in at the door on a tablet, turnout figures, and the flyer, paper invitations
and calendar file.

Scope first (DESIGN.md §4): an activity of another school is a 404. Then the role: the coordinator
and the brugfunctionaris write, the OKA, Buurtteam, leerkracht and school leader read, the board
sees the turnout counts only (suppressed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from activiteiten.models import Ouderactiviteit, Uitnodiging
from activiteiten.ouders import drukwerk, selectors, services
from activiteiten.ouders.forms import (
    AnnulerenForm,
    FlyerForm,
    InloopForm,
    OuderactiviteitForm,
    ReeksForm,
    UitnodigenForm,
)
from familieschool.forms import fouten_naar_form
from familieschool.models import Inzage, Schooljaar
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user
from familieschool.selectors import schooljaar_for_date
from familieschool.services import record_inzage
from gezinnen import selectors as gezin_selectors
from gezinnen.models import Groep, Kanaal, Taal

TAAL_NAMEN = dict(Taal.choices)

ZOEK_MAX = 12


def _activiteit(request: HttpRequest, pk: int) -> Ouderactiviteit:
    return get_object_or_404(selectors.ouderactiviteiten_for_user(**_scope(request)), pk=pk)


def _herinneringen_url(activiteit: Ouderactiviteit) -> str | None:
    """The reminder-status page of the outbox, once it exists."""
    try:
        return reverse("activiteiten:herinneringen_overzicht", args=[activiteit.pk])
    except NoReverseMatch:
        return None


# --- list and detail ----------------------------------------------------------------------------


@require_GET
@requires_recht("ouderactiviteiten.lezen")
def ouderactiviteit_list(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    qs = selectors.met_totalen(selectors.ouderactiviteiten_for_user(**_scope(request)))
    komend = list(qs.filter(datum__gte=vandaag).order_by("datum", "begintijd", "pk"))
    voorbij = list(qs.filter(datum__lt=vandaag).order_by("-datum", "-begintijd", "-pk")[:30])
    return render(
        request,
        "activiteiten/ouders/ouderactiviteit_list.html",
        {
            "komend": komend,
            "voorbij": voorbij,
            "vandaag": vandaag,
            "mag_beheren": can(request, "ouderactiviteiten.beheren"),
        },
    )


@require_GET
@requires_recht("ouderactiviteiten.lezen")
def ouderactiviteit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = get_object_or_404(
        selectors.met_totalen(selectors.ouderactiviteiten_for_user(**_scope(request))), pk=pk
    )
    uitnodigingen = list(selectors.uitnodigingen_lijst(ouderactiviteit=activiteit))
    kanalen = selectors.uitnodigingen_per_kanaal(ouderactiviteit=activiteit)
    per_kanaal: dict[str, dict[str, Any]] = {}
    for rij in kanalen:
        kanaal = per_kanaal.setdefault(
            rij["kanaal"], {"label": Kanaal(rij["kanaal"]).label, "totaal": 0, "beantwoord": 0, "status": []}
        )
        kanaal["totaal"] += rij["n"]
        kanaal["beantwoord"] += rij["beantwoord"]
        kanaal["status"].append((Uitnodiging(status=rij["status"]).get_status_display(), rij["n"]))
    mag_beheren = can(request, "ouderactiviteiten.beheren")
    return render(
        request,
        "activiteiten/ouders/ouderactiviteit_detail.html",
        {
            "activiteit": activiteit,
            "uitnodigingen": uitnodigingen,
            "antwoorden": [u for u in uitnodigingen if hasattr(u, "aanmelding")],
            "per_kanaal": list(per_kanaal.values()),
            "papier": sum(1 for u in uitnodigingen if u.kanaal == Kanaal.PAPIER),
            "totalen": selectors.totalen(ouderactiviteit=activiteit),
            "herinneringen_url": _herinneringen_url(activiteit),
            "mag_beheren": mag_beheren,
            "is_voorbij": activiteit.datum < timezone.localdate(),
            "flyer_form": FlyerForm(),
            "tolken": [TAAL_NAMEN.get(t, t) for t in activiteit.tolktalen],
        },
    )


# --- create, edit, cancel, series -----------------------------------------------------------------


def _form_page(request: HttpRequest, activiteit: Ouderactiviteit | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if activiteit is None:
        initial = {
            "soort": "thema_avond",
            "locatie": "Ouderkamer",
            "inloop": "18:00",
            "diner": "18:30",
            "begintijd": "19:00",
            "eindtijd": "20:00",
            "kinderopvang": True,
        }
    form = OuderactiviteitForm(request.POST or None, instance=activiteit, initial=initial)
    if request.method == "POST" and form.is_valid():
        nieuw = form.save(commit=False)
        nieuw.school = _school(request)
        oude_versie = activiteit.versie if activiteit else None
        try:
            opgeslagen = services.save_ouderactiviteit(activiteit=nieuw, door=_user(request))
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            if activiteit is None:
                messages.success(request, f"“{opgeslagen.titel}” staat in de planning. Nodig nu ouders uit.")
            elif oude_versie != opgeslagen.versie:
                messages.success(
                    request, "De wijzigingen zijn opgeslagen. Wie al is uitgenodigd, krijgt bericht van de nieuwe tijd."
                )
            else:
                messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect("activiteiten:ouderactiviteit_detail", pk=opgeslagen.pk)
    return render(request, "activiteiten/ouders/ouderactiviteit_form.html", {"form": form, "activiteit": activiteit})


@requires_recht("ouderactiviteiten.beheren")
def ouderactiviteit_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@requires_recht("ouderactiviteiten.beheren")
def ouderactiviteit_update(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = _activiteit(request, pk)
    if activiteit.is_geannuleerd:
        messages.error(request, "Een geannuleerde activiteit kun je niet meer wijzigen.")
        return redirect("activiteiten:ouderactiviteit_detail", pk=pk)
    return _form_page(request, activiteit)


@requires_recht("ouderactiviteiten.beheren")
def ouderactiviteit_annuleren(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = _activiteit(request, pk)
    if activiteit.is_geannuleerd:
        messages.info(request, "Deze activiteit was al geannuleerd.")
        return redirect("activiteiten:ouderactiviteit_detail", pk=pk)
    form = AnnulerenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            berichten = services.cancel_ouderactiviteit(activiteit=activiteit, reden=form.cleaned_data["reden"])
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            tekst = f"“{activiteit.titel}” is geannuleerd."
            if berichten:
                tekst += f" {berichten} ouder(s) krijgen hiervan bericht."
            messages.success(request, tekst)
            return redirect("activiteiten:ouderactiviteit_detail", pk=pk)
    aantal = activiteit.uitnodigingen.count()
    return render(
        request,
        "activiteiten/ouders/ouderactiviteit_annuleren.html",
        {"form": form, "activiteit": activiteit, "aantal_uitgenodigd": aantal},
    )


@requires_recht("ouderactiviteiten.beheren")
def ouderreeks_create(request: HttpRequest) -> HttpResponse:
    form = ReeksForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services.Reeksplan(**form.cleaned_data)
        try:
            reeks = services.plan_reeks(school=_school(request), plan=plan, door=_user(request))
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                f"Reeks “{reeks.naam}” gepland: {plan.aantal} bijeenkomsten; vakanties en studiedagen "
                "zijn overgeslagen.",
            )
            return redirect("activiteiten:ouderactiviteit_list")
    return render(request, "activiteiten/ouders/ouderreeks_form.html", {"form": form})


# --- invitations ----------------------------------------------------------------------------------


def _groepen(request: HttpRequest, activiteit: Ouderactiviteit) -> Any:
    schooljaar = schooljaar_for_date(activiteit.datum)
    return Groep.objects.filter(school=_school(request), schooljaar=schooljaar).order_by("jaargroep", "naam")


@requires_recht("ouderactiviteiten.beheren")
def ouderactiviteit_uitnodigen(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = _activiteit(request, pk)
    form = UitnodigenForm(request.POST or None, groepen=_groepen(request, activiteit))
    if request.method == "POST" and form.is_valid():
        try:
            resultaat = services.nodig_uit(
                ouderactiviteit=activiteit,
                doelgroep=form.cleaned_data["doelgroep"],
                groep=form.cleaned_data.get("groep"),
                door=_user(request),
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            niveau = messages.SUCCESS if resultaat.nieuw else messages.INFO
            messages.add_message(request, niveau, resultaat.samenvatting)
            if resultaat.per_kanaal.get(Kanaal.PAPIER):
                messages.info(request, "Druk de papieren uitnodigingen af en geef ze mee aan de kinderen.")
            return redirect("activiteiten:ouderactiviteit_detail", pk=pk)
    return render(
        request,
        "activiteiten/ouders/ouderactiviteit_uitnodigen.html",
        {"form": form, "activiteit": activiteit, "aantal_uitgenodigd": activiteit.uitnodigingen.count()},
    )


# --- at the door --------------------------------------------------------------------------------


def _gezinnen(request: HttpRequest) -> Any:
    """The families a walk-in may be linked to: those the user may see (the door staff see all)."""
    return gezin_selectors.gezinnen_for_user(**_scope(request)).order_by("naam")


def _deur_context(request: HttpRequest, activiteit: Ouderactiviteit, **extra: Any) -> dict[str, Any]:
    binnen = list(selectors.binnenkomsten(ouderactiviteit=activiteit))
    return {
        "activiteit": activiteit,
        "binnen": binnen,
        "aantal_volwassenen": sum(b.volwassenen for b in binnen),
        "aantal_kinderen": sum(b.kinderen for b in binnen),
        "inloop_form": extra.pop("inloop_form", None) or InloopForm(gezinnen=_gezinnen(request), auto_id="inloop_%s"),
        **extra,
    }


@require_GET
@requires_recht("ouderactiviteiten.beheren")
def binnenkomst(request: HttpRequest, pk: int) -> HttpResponse:
    """The door page on a tablet: search a name and tap, scan the QR code, add a walk-in."""
    activiteit = _activiteit(request, pk)
    return render(request, "activiteiten/ouders/binnenkomst.html", _deur_context(request, activiteit))


@require_GET
@requires_recht("ouderactiviteiten.beheren")
def binnenkomst_zoek(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the invited guardians matching what was typed, each with a check-in button."""
    activiteit = _activiteit(request, pk)
    q = request.GET.get("q", "")[:100]
    gevonden = (
        list(selectors.zoek_uitnodigingen(ouderactiviteit=activiteit, q=q)[:ZOEK_MAX]) if len(q.strip()) >= 2 else []
    )
    return render(
        request,
        "activiteiten/ouders/_binnenkomst_zoek.html",
        {"activiteit": activiteit, "gevonden": gevonden, "q": q},
    )


def _deur_terug(request: HttpRequest, activiteit: Ouderactiviteit) -> HttpResponse:
    return redirect("activiteiten:binnenkomst", pk=activiteit.pk)


@require_POST
@requires_recht("ouderactiviteiten.beheren")
def binnenkomst_inchecken(request: HttpRequest, pk: int) -> HttpResponse:
    """Check in an invitation: tapped (``uitnodiging``) or scanned (``code``)."""
    activiteit = _activiteit(request, pk)
    uitnodiging = None
    if (uitnodiging_id := request.POST.get("uitnodiging", "")).isdigit():
        uitnodiging = get_object_or_404(activiteit.uitnodigingen.select_related("verzorger"), pk=int(uitnodiging_id))
    try:
        resultaat = services.check_in(
            ouderactiviteit=activiteit, door=_user(request), uitnodiging=uitnodiging, token=request.POST.get("code", "")
        )
    except ValidationError as fout:
        for tekst in fout.messages:
            messages.error(request, tekst)
        return _deur_terug(request, activiteit)
    wie = resultaat.binnenkomst.uitnodiging
    naam = wie.verzorger.volledige_naam if wie and wie.verzorger else "Het gezin"
    if resultaat.nieuw:
        messages.success(request, f"{naam} is binnen. Welkom!")
    else:
        messages.info(
            request, f"{naam} was al binnen (om {timezone.localtime(resultaat.binnenkomst.ingecheckt_op):%H:%M})."
        )
    return _deur_terug(request, activiteit)


@require_POST
@requires_recht("ouderactiviteiten.beheren")
def binnenkomst_inloop(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = _activiteit(request, pk)
    form = InloopForm(request.POST, gezinnen=_gezinnen(request), auto_id="inloop_%s")
    if form.is_valid():
        try:
            binnen = services.check_in_inloop(ouderactiviteit=activiteit, door=_user(request), **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, f"{binnen.naam or binnen.gezin} is binnen (zonder uitnodiging).")
            return _deur_terug(request, activiteit)
    return render(
        request,
        "activiteiten/ouders/binnenkomst.html",
        _deur_context(request, activiteit, inloop_form=form),
        status=400,
    )


@require_POST
@requires_recht("ouderactiviteiten.beheren")
def binnenkomst_ongedaan(request: HttpRequest, pk: int) -> HttpResponse:
    binnen = get_object_or_404(
        selectors.binnenkomsten_for_user(**_scope(request)).select_related("ouderactiviteit"), pk=pk
    )
    activiteit = binnen.ouderactiviteit
    services.undo_check_in(binnenkomst=binnen)
    messages.info(request, "De binnenkomst is teruggedraaid.")
    return _deur_terug(request, activiteit)


# --- turnout ----------------------------------------------------------------------------------------


@require_GET
@requires_recht("ouderactiviteiten.lezen", "ouderactiviteiten.tellen")
def ouderactiviteit_opkomst(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    startjaar = request.GET.get("schooljaar", "")
    if startjaar.isdigit() and 2000 <= int(startjaar) <= 2100:
        schooljaar = schooljaar_for_date(Schooljaar.grenzen(int(startjaar))[0])
    else:
        schooljaar = schooljaar_for_date(vandaag)
    cijfers = selectors.opkomst(school=_school(request), schooljaar=schooljaar)
    alleen_tellen = not can(request, "ouderactiviteiten.lezen")
    if alleen_tellen:
        cijfers = cijfers.onderdrukt()
    return render(
        request,
        "activiteiten/ouders/ouderactiviteit_opkomst.html",
        {
            "cijfers": cijfers,
            "schooljaar": schooljaar,
            "vorig": schooljaar.startjaar - 1,
            "volgend": schooljaar.startjaar + 1,
            "alleen_tellen": alleen_tellen,
        },
    )


# --- print and calendar --------------------------------------------------------------------------


def _bestandsnaam(activiteit: Ouderactiviteit, soort: str, extensie: str) -> str:
    return f"{soort}-{slugify(activiteit.titel)}-{activiteit.datum:%Y-%m-%d}.{extensie}"


@require_GET
@requires_recht("ouderactiviteiten.lezen")
def ouderactiviteit_flyer(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = _activiteit(request, pk)
    form = FlyerForm(request.GET)
    talen = form.cleaned_data["talen"] if form.is_valid() else []
    inhoud = drukwerk.render_flyer(school=_school(request), activiteit=activiteit, talen=talen)
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_bestandsnaam(activiteit, "flyer", "pdf")}"'
    return response


@require_GET
@requires_recht("ouderactiviteiten.beheren")
def ouderactiviteit_uitnodigingen_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The paper invitations (guardians whose channel is paper), or one when ``?uitnodiging=``."""
    activiteit = _activiteit(request, pk)
    qs = activiteit.uitnodigingen.select_related("verzorger", "gezin").order_by(
        "verzorger__achternaam", "verzorger__roepnaam", "pk"
    )
    if (een := request.GET.get("uitnodiging", "")).isdigit():
        qs = qs.filter(pk=int(een))
    else:
        qs = qs.filter(kanaal=Kanaal.PAPIER)
    uitnodigingen = list(qs)
    with transaction.atomic():
        record_inzage(
            request=request,
            record_type="activiteiten.ouderactiviteit",
            record_id=activiteit.pk,
            doel="papieren uitnodigingen",
            actie=Inzage.Actie.AFDRUKKEN,
        )
        services.markeer_afgedrukt(uitnodigingen=uitnodigingen)
    inhoud = drukwerk.render_uitnodigingen(school=_school(request), activiteit=activiteit, uitnodigingen=uitnodigingen)
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_bestandsnaam(activiteit, "uitnodigingen", "pdf")}"'
    return response


@require_GET
@requires_recht("ouderactiviteiten.lezen")
def ouderactiviteit_ics(request: HttpRequest, pk: int) -> HttpResponse:
    activiteit = _activiteit(request, pk)
    response = HttpResponse(
        drukwerk.ics(school=_school(request), activiteit=activiteit), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(activiteit, "agenda", "ics")}"'
    return response
