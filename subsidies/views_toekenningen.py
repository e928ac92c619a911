"""Pages of grants: all grants of the school with their forecast, one grant's overview (budget
lines, chart, expenses, funded activities, reports, deadlines), the forms for grants, budget,
expenses and attribution, the attachment download, and the funding streams of the board.

The board (``subsidies.tellen``) sees the list and a grant's figures only: no expense rows,
attachments, activities, reports or edit buttons (DESIGN.md §4 "R aggregated")."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from activiteiten.models import Activiteit, Ouderactiviteit
from familieschool.forms import fouten_naar_form
from familieschool.links import url_per_pk
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user
from familieschool.roles import Rol
from subsidies import prognose, selectors, services
from subsidies.forms import (
    BaseFinancieringFormSet,
    BegrotingForm,
    FinancieringFormSet,
    RegelingForm,
    ToekenningForm,
    UitgaveForm,
)
from subsidies.models import Begrotingspost, RegelingSoort, Toekenning, Uitgave

LEZEN = ("subsidies.lezen", "subsidies.tellen")
REGELINGEN_LEZEN = ("subsidies.lezen", "subsidies.tellen", "fondsaanvragen.maken", "fondsaanvragen.lezen_eigen")


def _toekenning(request: HttpRequest, pk: int) -> Toekenning:
    qs = selectors.toekenningen_for_user(**_scope(request)).select_related("regeling")
    return get_object_or_404(qs, pk=pk)


def _uitgave(request: HttpRequest, pk: int) -> Uitgave:
    qs = selectors.uitgaven_for_user(**_scope(request)).select_related("toekenning", "toekenning__regeling")
    return get_object_or_404(qs, pk=pk)


def _subsidie_regelingen(request: HttpRequest) -> Any:
    return selectors.regelingen_for_user(**_scope(request)).filter(soort=RegelingSoort.SUBSIDIE)


# --- grants --------------------------------------------------------------------------------------------


@require_GET
@requires_recht(*LEZEN)
def toekenning_list(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    toekenningen = prognose.met_prognose(
        list(prognose.toekenningen_overzicht(selectors.toekenningen_for_user(**_scope(request)))), vandaag=vandaag
    )
    detail_url = url_per_pk("subsidies:toekenning_detail")
    for toekenning in toekenningen:
        toekenning.url = detail_url(toekenning.pk)
    telt_mee = [t for t in toekenningen if t.status != Toekenning.Status.AFGEWEZEN]
    totaal = {
        "bedrag": sum((t.bedrag for t in telt_mee), prognose.NUL),
        "besteed": sum((t.besteed for t in telt_mee), prognose.NUL),  # type: ignore[attr-defined]
    }
    totaal["resterend"] = totaal["bedrag"] - totaal["besteed"]
    return render(
        request,
        "subsidies/toekenning_list.html",
        {
            "toekenningen": toekenningen,
            "totaal": totaal,
            "vandaag": vandaag,
            "mag_beheren": can(request, "subsidies.beheren"),
        },
    )


# The columns of the grant and its stream that its page shows: the rest would be read for nothing.
TOEKENNING_KOLOMMEN = (
    "naam",
    "referentie",
    "begindatum",
    "einddatum",
    "bedrag",
    "voorwaarden",
    "status",
    "regeling__naam",
    "regeling__financier",
)


# The addresses of the grant that its page links to.
_KNOPPEN = ("indicatoren", "toekenning_update", "uitgave_create", "begroting_update", "financiering_update")


def _uitgave_rijen(scope: dict[str, Any], toekenning: Toekenning, posten: list[Begrotingspost]) -> list[dict[str, Any]]:
    """The expenses of the grant's page as plain rows, with the name of their budget line, the
    line under the description ("Factuur F-12 · Judo · Ouderochtend") and their addresses."""
    rijen = selectors.uitgave_rijen_for_user(**scope, toekenning=toekenning)
    # An expense's budget line is one of this grant's (Uitgave.clean): take its name from the
    # lines above rather than join it again.
    soort_per_post = {post.pk: post.get_soort_display() for post in posten}
    bijlage_url, bewerken_url, verwijderen_url = (
        url_per_pk(f"subsidies:{naam}") for naam in ("bijlage", "uitgave_update", "uitgave_delete")
    )
    for rij in rijen:
        pk = rij["pk"]
        rij["post"] = soort_per_post.get(rij["post_id"], "")
        kenmerken = [f"Factuur {rij['factuurnummer']}"] if rij["factuurnummer"] else []
        kenmerken += [f"· {titel}" for titel in (rij["activiteit_titel"], rij["ouderactiviteit_titel"]) if titel]
        rij["kenmerken"] = " ".join(kenmerken)
        rij["url_bijlage"] = bijlage_url(pk)
        rij["url_bewerken"] = bewerken_url(pk)
        rij["url_verwijderen"] = verwijderen_url(pk)
    return rijen


@require_GET
@requires_recht(*LEZEN)
def toekenning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    qs = selectors.toekenningen_for_user(**scope).select_related("regeling").only(*TOEKENNING_KOLOMMEN)
    toekenning = get_object_or_404(qs, pk=pk)
    vandaag = timezone.localdate()
    details = selectors.mag_details_zien(_rol(request))
    context: dict[str, Any] = {
        "toekenning": toekenning,
        "details": details,
        "mag_beheren": can(request, "subsidies.beheren"),
        # The page's buttons, from familieschool.links.url_per_pk rather than a {% url %} each.
        "urls": {naam: url_per_pk(f"subsidies:{naam}")(toekenning.pk) for naam in _KNOPPEN},
    }
    if details:
        # Expenses, funded activities, reports and deadlines: one query each, never for the board.
        # The sums per budget line and per month (the chart) come from the expenses listed here,
        # rather than from the database again.
        posten = prognose.posten_van(toekenning)
        uitgaven = _uitgave_rijen(scope, toekenning, posten)
        prognose.tel_besteed(posten, uitgaven)
        per_maand = prognose.som_per_maand(uitgaven)
        context["uitgaven"] = uitgaven
        activiteit_url = url_per_pk("activiteiten:activiteit_detail")
        context["financieringen"] = [
            {**rij, "url": activiteit_url(rij["activiteit_id"])}
            for rij in selectors.financieringen_for_user(**scope)
            .filter(toekenning=toekenning)
            .order_by("activiteit__titel")
            .values("activiteit_id", "activiteit__titel", "aandeel")
        ]
        verantwoording_url = url_per_pk("subsidies:verantwoording_detail")
        context["verantwoordingen"] = [
            {**rij, "url": verantwoording_url(rij["pk"])}
            for rij in selectors.verantwoordingen_for_user(**scope)
            .filter(toekenning=toekenning)
            .order_by("-van")
            .values("pk", "van", "tot_en_met", "ingediend_op")
        ]
        context["deadlines"] = list(
            selectors.deadlines_for_user(**scope)
            .filter(toekenning=toekenning)
            .values("datum", "titel", "afgerond_op", "eigenaar__naam", "eigenaar__email")
        )
    else:
        posten = prognose.posten_overzicht(toekenning)
        per_maand = prognose.uitgaven_per_maand(toekenning)
    context["posten"] = prognose.met_prognose(posten, vandaag=vandaag, toekenning=toekenning)
    context["begroot"] = sum((post.bedrag for post in posten), prognose.NUL)
    besteed = sum((post.besteed for post in posten), prognose.NUL)  # type: ignore[attr-defined]
    context["overzicht"] = prognose.prognose(
        begroot=toekenning.bedrag,
        besteed=besteed,
        begindatum=toekenning.begindatum,
        einddatum=toekenning.einddatum,
        vandaag=vandaag,
    )
    context["grafiek"] = prognose.grafiek(
        bedrag=toekenning.bedrag,
        begindatum=toekenning.begindatum,
        einddatum=toekenning.einddatum,
        per_maand=per_maand,
        vandaag=vandaag,
    )
    return render(request, "subsidies/toekenning_detail.html", context)


def _toekenning_form_page(request: HttpRequest, toekenning: Toekenning | None) -> HttpResponse:
    form = ToekenningForm(request.POST or None, instance=toekenning, regelingen=_subsidie_regelingen(request))
    if request.method == "POST" and form.is_valid():
        try:
            if toekenning is None:
                toekenning = services.create_toekenning(
                    school=_school(request), aangemaakt_door=_user(request), **form.cleaned_data
                )
                messages.success(request, "Toekenning vastgelegd. Vul nu de begroting in.")
                return redirect("subsidies:begroting_update", toekenning.pk)
            services.update_toekenning(toekenning=toekenning, **form.cleaned_data)
            messages.success(request, "Toekenning bijgewerkt.")
            return redirect(toekenning)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
    return render(request, "subsidies/toekenning_form.html", {"form": form, "toekenning": toekenning})


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def toekenning_create(request: HttpRequest) -> HttpResponse:
    return _toekenning_form_page(request, None)


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def toekenning_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _toekenning_form_page(request, _toekenning(request, pk))


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def begroting_update(request: HttpRequest, pk: int) -> HttpResponse:
    toekenning = _toekenning(request, pk)
    posten = {post.soort: post for post in toekenning.posten.all()}
    form = BegrotingForm(request.POST or None, posten=posten)
    if request.method == "POST" and form.is_valid():
        try:
            te_veel = services.save_begroting(toekenning=toekenning, posten=form.posten())
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, "Begroting opgeslagen.")
            if te_veel:
                messages.warning(
                    request,
                    "Let op: de begrotingsposten zijn samen meer dan het toegekende bedrag. Controleer of dat klopt.",
                )
            return redirect(toekenning)
    return render(request, "subsidies/begroting_form.html", {"form": form, "toekenning": toekenning})


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def financiering_update(request: HttpRequest, pk: int) -> HttpResponse:
    toekenning = _toekenning(request, pk)
    activiteiten = Activiteit.objects.filter(school=_school(request)).select_related("blok").order_by("titel")
    huidige = list(toekenning.financieringen.select_related("activiteit").order_by("activiteit__titel"))
    initial = [{"activiteit": f.activiteit, "aandeel": f.aandeel} for f in huidige]
    formset = cast(
        BaseFinancieringFormSet,
        FinancieringFormSet(
            request.POST or None, initial=initial, prefix="fin", form_kwargs={"activiteiten": activiteiten}
        ),
    )
    if request.method == "POST" and formset.is_valid():
        try:
            services.set_financieringen(toekenning=toekenning, aandelen=formset.aandelen())
        except ValidationError as fout:
            formset._non_form_errors = formset.error_class(fout.messages)  # type: ignore[attr-defined]
        else:
            messages.success(request, "Gefinancierde activiteiten opgeslagen.")
            return redirect(toekenning)
    return render(request, "subsidies/financiering_form.html", {"formset": formset, "toekenning": toekenning})


# --- expenses ------------------------------------------------------------------------------------------


def _uitgave_form(request: HttpRequest, toekenning: Toekenning, uitgave: Uitgave | None) -> UitgaveForm:
    school = _school(request)
    return UitgaveForm(
        request.POST or None,
        request.FILES or None,
        instance=uitgave,
        toekenning=toekenning,
        posten=Begrotingspost.objects.filter(toekenning=toekenning).order_by("soort"),
        activiteiten=Activiteit.objects.filter(school=school).order_by("titel"),
        ouderactiviteiten=Ouderactiviteit.objects.filter(school=school).order_by("-datum"),
    )


def _uitgave_form_page(
    request: HttpRequest, form: UitgaveForm, toekenning: Toekenning, uitgave: Uitgave | None
) -> HttpResponse:
    context = {
        "form": form,
        "toekenning": toekenning,
        "uitgave": uitgave,
        # A browser cannot put a chosen file back into the form: say so when it was lost.
        "bijlage_opnieuw": bool(request.FILES) and "bijlage" not in form.errors,
    }
    return render(request, "subsidies/uitgave_form.html", context)


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def uitgave_create(request: HttpRequest, pk: int) -> HttpResponse:
    toekenning = _toekenning(request, pk)
    form = _uitgave_form(request, toekenning, None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_uitgave(toekenning=toekenning, aangemaakt_door=_user(request), **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, "Uitgave vastgelegd.")
            return redirect(toekenning)
    return _uitgave_form_page(request, form, toekenning, None)


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def uitgave_update(request: HttpRequest, pk: int) -> HttpResponse:
    uitgave = _uitgave(request, pk)
    toekenning = uitgave.toekenning
    form = _uitgave_form(request, toekenning, uitgave)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.setdefault("bijlage_verwijderen", False)
        try:
            services.update_uitgave(uitgave=uitgave, **data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, "Uitgave bijgewerkt.")
            return redirect(toekenning)
    return _uitgave_form_page(request, form, toekenning, uitgave)


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def uitgave_delete(request: HttpRequest, pk: int) -> HttpResponse:
    uitgave = _uitgave(request, pk)
    toekenning = uitgave.toekenning
    if request.method == "POST":
        services.delete_uitgave(uitgave=uitgave)
        messages.success(request, "Uitgave verwijderd.")
        return redirect(toekenning)
    return render(request, "subsidies/uitgave_delete.html", {"uitgave": uitgave, "toekenning": toekenning})


@require_GET
@requires_recht("subsidies.lezen")  # type: ignore[arg-type]  # a FileResponse streams; it is no HttpResponse
def bijlage(request: HttpRequest, pk: int) -> FileResponse:
    """The attachment of an expense, as a download with its original name; never shown inline,
    and the browser may not guess another type (nosniff)."""
    uitgave = _uitgave(request, pk)
    if not uitgave.bijlage:
        raise Http404
    try:
        bestand = uitgave.bijlage.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=uitgave.bijlage_naam or uitgave.bijlage.name.rsplit("/", 1)[-1],
        content_type=uitgave.bijlage_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- funding streams -----------------------------------------------------------------------------------


@require_GET
@requires_recht(*REGELINGEN_LEZEN)
def regeling_list(request: HttpRequest) -> HttpResponse:
    regelingen = selectors.regelingen_for_user(**_scope(request)).order_by("soort", "naam")
    return render(
        request,
        "subsidies/regeling_list.html",
        {
            "subsidies": [r for r in regelingen if r.soort == RegelingSoort.SUBSIDIE],
            "fondsen": [r for r in regelingen if r.soort == RegelingSoort.FONDS],
            "mag_bewerken": _rol(request) == Rol.BEHEERDER,
        },
    )


@require_http_methods(["GET", "POST"])
@requires_recht("subsidies.beheren")
def regeling_update(request: HttpRequest, pk: int) -> HttpResponse:
    # A stream holds for every school of the board, so only the functional admin (who works for the
    # whole board) edits it, not a school's coordinator (tests/access_matrix_subsidies.py).
    if _rol(request) != Rol.BEHEERDER:
        raise PermissionDenied
    regeling = get_object_or_404(selectors.regelingen_for_user(**_scope(request)), pk=pk)
    form = RegelingForm(request.POST or None, instance=regeling)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_regeling(regeling=regeling, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, f"Regeling {regeling.naam} bijgewerkt.")
            return redirect("subsidies:regeling_list")
    return render(request, "subsidies/regeling_form.html", {"form": form, "regeling": regeling})
