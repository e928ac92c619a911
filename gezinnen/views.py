"""Pupils, groups and families: lists with a typeahead, the family file, consent, guardians'
preferences, and merging and splitting families. Every object comes from a scoped selector, so
what the user may not see is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from familieschool.links import url_per_pk
from familieschool.models import User
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_scope as _scope
from familieschool.roles import Rol
from familieschool.services import record_inzage
from gezinnen import selectors, services
from gezinnen.forms import (
    GezinFilterForm,
    GezinSamenvoegenForm,
    GezinSplitsenForm,
    GroepLeerkrachtenForm,
    LeerlingFilterForm,
    ToestemmingForm,
    VerzorgerForm,
)
from gezinnen.models import Doel, Gezin, Verzorger
from gezinnen.timeline import tijdlijn_secties

PER_PAGINA = 50
TYPEAHEAD_MAX = 8


def _querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


# --- pupils ----------------------------------------------------------------------------------------


@require_GET
@requires_recht("gezinnen.lezen")
def leerling_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    schooljaar = selectors.huidig_schooljaar()
    groepen = selectors.groepen_for_user(**scope, schooljaar=schooljaar)
    form = LeerlingFilterForm(request.GET or None, groepen=groepen)
    q, groep, uitgestroomd = "", None, False
    if form.is_bound and form.is_valid():
        q, groep, uitgestroomd = form.cleaned_data["q"], form.cleaned_data["groep"], form.cleaned_data["uitgestroomd"]
    pagina = Paginator(
        selectors.zoek_leerlingen(**scope, q=q, groep=groep, met_uitgestroomd=uitgestroomd), PER_PAGINA
    ).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "pagina": pagina,
        "leerlingen": list(pagina.object_list),
        "querystring": _querystring_without_page(request),
        "zoekt": bool(q or groep or uitgestroomd),
        "mag_importeren": can(request, "gezinnen.importeren"),
    }
    template = "gezinnen/_leerling_resultaten.html" if request.htmx else "gezinnen/leerling_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_GET
@requires_recht("gezinnen.lezen", "signalen.melden")
def leerling_zoek(request: HttpRequest) -> HttpResponse:
    """Typeahead: the first few pupils matching two or three typed letters (htmx partial).

    With ``doel=signaal`` (the quick signal form) anyone who may log a signal finds any current
    pupil of the school by name, because a worry can come from someone who does not teach the
    child; the result shows only name and group, as radio buttons for the form."""
    q = request.GET.get("q", "")[:100]
    doel = "signaal" if request.GET.get("doel") == "signaal" and can(request, "signalen.melden") else ""
    if not doel and not can(request, "gezinnen.lezen"):
        raise PermissionDenied
    scope = _scope(request)
    if doel:
        scope = {**scope, "rol": Rol.COORDINATOR}  # names of the whole school, see above
    leerlingen = []
    if len(q.strip()) >= 2:
        leerlingen = list(selectors.zoek_leerlingen(**scope, q=q)[:TYPEAHEAD_MAX])
    template = "gezinnen/_leerling_keuze.html" if doel else "gezinnen/_leerling_typeahead.html"
    return render(request, template, {"leerlingen": leerlingen, "q": q})


@require_GET
@requires_recht("gezinnen.lezen")
def leerling_detail(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        leerling = get_object_or_404(selectors.leerling_detail_queryset(**_scope(request)), pk=pk)
        record_inzage(request=request, record_type="gezinnen.leerling", record_id=leerling.pk, doel="leerlingkaart")
    mag_gezin = leerling.gezin_id is not None and (
        selectors.gezinnen_for_user(**_scope(request), met_uitgestroomd=True).filter(pk=leerling.gezin_id).exists()
    )
    return render(
        request,
        "gezinnen/leerling_detail.html",
        {
            "leerling": leerling,
            "verzorgerschappen": list(leerling.verzorgerschappen.all()) if mag_gezin else [],
            "mag_gezin": mag_gezin,
            "mag_signaal": can(request, "signalen.melden") and not leerling.uitstroomdatum,
        },
    )


# --- groups ----------------------------------------------------------------------------------------


@require_GET
@requires_recht("gezinnen.lezen")
def groep_list(request: HttpRequest) -> HttpResponse:
    schooljaar = selectors.huidig_schooljaar()
    groepen = list(selectors.groepen_for_user(**_scope(request), schooljaar=schooljaar))
    return render(request, "gezinnen/groep_list.html", {"groepen": groepen, "schooljaar": schooljaar})


def _leerkrachten_van_school(request: HttpRequest) -> Any:
    return User.objects.filter(
        lidmaatschappen__school=request.school,  # type: ignore[attr-defined]
        lidmaatschappen__rol=Rol.LEERKRACHT,
        lidmaatschappen__actief=True,
    ).order_by("naam")


@requires_recht("gezinnen.lezen")
def groep_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    groep = get_object_or_404(selectors.groepen_zichtbaar(**scope), pk=pk)
    form = None
    if can(request, "gezinnen.beheren"):
        form = GroepLeerkrachtenForm(
            request.POST or None,
            kandidaten=_leerkrachten_van_school(request),
            initial={"leerkrachten": list(groep.leerkrachten.all())},
        )
        if request.method == "POST" and form.is_valid():
            services.set_groep_leerkrachten(groep=groep, leerkrachten=list(form.cleaned_data["leerkrachten"]))
            messages.success(request, f"De leerkrachten van {groep.naam} zijn opgeslagen.")
            return redirect(groep)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "gezinnen/groep_detail.html",
        {
            "groep": groep,
            "leerlingen": list(selectors.zoek_leerlingen(**scope, groep=groep)),
            "leerkrachten": list(groep.leerkrachten.order_by("naam")),
            "form": form,
        },
    )


# --- families --------------------------------------------------------------------------------------


@require_GET
@requires_recht("gezinnen.lezen")
def gezin_list(request: HttpRequest) -> HttpResponse:
    if request.rol == Rol.BEGELEIDER:  # type: ignore[attr-defined]
        raise PermissionDenied  # a begeleider sees names of their activities' pupils, never families
    form = GezinFilterForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    pagina = Paginator(selectors.zoek_gezinnen(**_scope(request), q=q), PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "pagina": pagina,
        "gezinnen": list(pagina.object_list),
        "querystring": _querystring_without_page(request),
        "zoekt": bool(q),
    }
    template = "gezinnen/_gezin_resultaten.html" if request.htmx else "gezinnen/gezin_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _gezin(request: HttpRequest, pk: int) -> Gezin:
    return get_object_or_404(selectors.gezinnen_for_user(**_scope(request), met_uitgestroomd=True), pk=pk)


@require_GET
@requires_recht("gezinnen.lezen")
def gezin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The family file. Opening it writes an access-log row in the same transaction; the
    timeline's panels log what they show in that transaction too (one commit for the page)."""
    with transaction.atomic():
        gezin = _gezin(request, pk)
        record_inzage(request=request, record_type="gezinnen.gezin", record_id=gezin.pk, doel="gezinsdossier")
        dossier = selectors.gezin_dossier(gezin=gezin, **_scope(request))
        tijdlijn = tijdlijn_secties(request, gezin)
    mag_beheren = can(request, "gezinnen.beheren")
    mag_signaal = can(request, "signalen.melden")
    # The links of the rows, each reversed once rather than per row.
    leerling_url = url_per_pk("gezinnen:leerling_detail")
    verzorger_url = url_per_pk("gezinnen:verzorger_update") if mag_beheren else None
    return render(
        request,
        "gezinnen/gezin_detail.html",
        {
            "gezin": gezin,
            "dossier": dossier,
            "kinderen": [(kind, leerling_url(kind.pk)) for kind in dossier.kinderen],
            "verzorgers": [
                (verzorger, schappen, verzorger_url(verzorger.pk) if verzorger_url else "")
                for verzorger, schappen in dossier.verzorgers
            ],
            "toestemmingen": [(Doel(doel), t) for doel, t in dossier.toestemmingen.items()],
            "tijdlijn": tijdlijn,
            "mag_beheren": mag_beheren,
            "mag_inzageverzoek": can(request, "gezinnen.inzageverzoek"),
            "mag_signaal": mag_signaal,
            "signaal_create_url": reverse("gezinnen:signaal_create") if mag_signaal else "",
        },
    )


@requires_recht("gezinnen.beheren")
def gezin_merge(request: HttpRequest, pk: int) -> HttpResponse:
    gezin = _gezin(request, pk)
    q = request.GET.get("q", "")[:100]
    kandidaten = selectors.zoek_gezinnen(**_scope(request), q=q).exclude(pk=gezin.pk)
    form = GezinSamenvoegenForm(
        request.POST or None,
        kandidaten=selectors.gezinnen_for_user(**_scope(request), met_uitgestroomd=True).exclude(pk=gezin.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.merge_gezinnen(doel=gezin, bronnen=list(form.cleaned_data["bronnen"]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "De gezinnen zijn samengevoegd.")
            return redirect(gezin)
    return render(
        request,
        "gezinnen/gezin_merge.html",
        {"gezin": gezin, "form": form, "q": q, "kandidaten": list(kandidaten[:20]) if q else []},
    )


@requires_recht("gezinnen.beheren")
def gezin_split(request: HttpRequest, pk: int) -> HttpResponse:
    gezin = _gezin(request, pk)
    kinderen = selectors.leerlingen_for_user(**_scope(request), met_uitgestroomd=True).filter(gezin=gezin)
    form = GezinSplitsenForm(request.POST or None, kinderen=kinderen)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.split_gezin(
                gezin=gezin, leerlingen=form.cleaned_data["leerlingen"], naam=form.cleaned_data["naam"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{nieuw.naam} is als eigen gezin vastgelegd.")
            return redirect(nieuw)
    return render(request, "gezinnen/gezin_split.html", {"gezin": gezin, "form": form})


@requires_recht("gezinnen.beheren")
def toestemming_update(request: HttpRequest, pk: int, doel: str) -> HttpResponse:
    gezin = _gezin(request, pk)
    if doel not in Doel.values:
        raise Http404
    verzorgers = selectors.verzorgers_for_user(**_scope(request)).filter(leerlingen__gezin=gezin).distinct()
    huidige = gezin.toestemmingen.filter(doel=doel).first()
    initial = {}
    if huidige is not None:
        initial = {"gegeven": "ja" if huidige.gegeven else "nee", "gegeven_door": huidige.gegeven_door_id}
    form = ToestemmingForm(request.POST or None, verzorgers=verzorgers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_toestemming(
                gezin=gezin,
                doel=doel,
                vastgelegd_door=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Toestemming voor “{Doel(doel).label.lower()}” is vastgelegd.")
            return redirect(gezin)
    return render(
        request,
        "gezinnen/toestemming_form.html",
        {"gezin": gezin, "doel": Doel(doel), "form": form, "huidige": huidige},
    )


@requires_recht("gezinnen.beheren")
def verzorger_update(request: HttpRequest, pk: int) -> HttpResponse:
    verzorger: Verzorger = get_object_or_404(selectors.verzorgers_for_user(**_scope(request)), pk=pk)
    gezin = Gezin.objects.filter(leerlingen__verzorgers=verzorger).first()
    form = VerzorgerForm(request.POST or None, instance=verzorger)
    if request.method == "POST" and form.is_valid():
        services.update_verzorger_voorkeuren(verzorger=verzorger, **form.cleaned_data)
        messages.success(request, f"De gegevens van {verzorger.volledige_naam} zijn opgeslagen.")
        return redirect(gezin or "gezinnen:gezin_list")
    return render(request, "gezinnen/verzorger_form.html", {"verzorger": verzorger, "form": form, "gezin": gezin})
