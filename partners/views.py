"""Partner directory pages: list with search and filters, detail, create/edit, archive, and the
active school's collaboration with a partner."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import push_url

from familieschool.panels import Panel, Sectie, has_providers, panels_for
from familieschool.permissions import can, requires_recht
from partners import selectors, services
from partners.forms import ContactpersoonFormSet, PartnerFilterForm, PartnerForm, SamenwerkingForm
from partners.models import Partner
from partners.selectors import PartnerFilter

PER_PAGINA = 25


def _filter_from_form(form: PartnerFilterForm, *, mag_archief: bool) -> PartnerFilter:
    """The filters of a bound form. A field that does not validate (a hand-edited age of
    "abc") is left out and shown as an error; the other filters still apply."""
    if not form.is_bound:
        return PartnerFilter()
    form.is_valid()
    data = form.cleaned_data
    return PartnerFilter(
        q=data.get("q", ""),
        soorten=data.get("soort", []),
        domeinen=data.get("domein", []),
        leeftijd=data.get("leeftijd"),
        wijk=data.get("wijk", ""),
        alleen_samenwerking=data.get("samenwerking", False),
        met_archief=bool(data.get("archief")) and mag_archief,
    )


@require_GET
@requires_recht("partners.lezen")
def partner_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    mag_beheren = can(request, "partners.beheren")
    form = PartnerFilterForm(
        request.GET or None, wijken=lambda: selectors.wijken_for_school(school=school), mag_archief=mag_beheren
    )
    filters = _filter_from_form(form, mag_archief=mag_beheren)
    pagina = selectors.pagina(
        selectors.zoek_partners(school=school, filters=filters), nummer=request.GET.get("pagina"), per_pagina=PER_PAGINA
    )
    querystring = _filters_in_url(request)
    context = {
        "form": form,
        "pagina": pagina,
        "partners": list(pagina.object_list),
        "mag_beheren": mag_beheren,
        "querystring": querystring,
        "heeft_filters": bool(querystring),
    }
    htmx = request.htmx  # type: ignore[attr-defined]
    # A filter change or a page link swaps only the results; the back button (a history
    # restore) needs the whole page again.
    if htmx and not htmx.history_restore_request:
        response = render(request, "partners/_partner_resultaten.html", context)
        # The address bar shows the filters that are set, not every empty field of the form.
        query = _filters_in_url(request, met_pagina=True)
        push_url(response, f"{request.path}?{query}" if query else request.path)
    else:
        response = render(request, "partners/partner_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _filters_in_url(request: HttpRequest, *, met_pagina: bool = False) -> str:
    """The filters that are set, as a query string: empty fields (and the page number, unless
    asked for) left out."""
    query = QueryDict(mutable=True)
    for key in request.GET:
        if key == "pagina" and not met_pagina:
            continue
        values = [value for value in request.GET.getlist(key) if value.strip()]
        if values:
            query.setlist(key, values)
    return query.urlencode()


# What apps further right know about a partner. They fill these slots from their own
# AppConfig.ready(); until then the page says plainly which module brings the section.
DETAIL_SECTIES = [
    Sectie("partner.activiteiten", "Activiteiten", "activiteiten.lezen", "de module Rijke schooldag"),
    Sectie("partner.doorverwijzingen", "Doorverwijzingen", "fsp.status", "de module Signalen en Familieservicepunt"),
]


def _secties(request: HttpRequest, partner: Partner) -> list[tuple[Sectie, list[Panel], bool]]:
    return [
        (sectie, panels_for(sectie.slot, request, partner), has_providers(sectie.slot))
        for sectie in DETAIL_SECTIES
        if can(request, sectie.recht)
    ]


@require_GET
@requires_recht("partners.lezen")
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    partner = get_object_or_404(selectors.partner_detail_queryset(school=school), pk=pk)
    samenwerkingen = list(partner.samenwerkingen.all())
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "contactpersonen": list(partner.contactpersonen.all()),
            "samenwerkingen": samenwerkingen,
            "eigen_samenwerking": next((s for s in samenwerkingen if s.school_id == school.pk), None),
            "mag_beheren": can(request, "partners.beheren"),
            "secties": _secties(request, partner),
        },
    )


@requires_recht("partners.beheren")
def partner_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    form = PartnerForm(request.POST or None, bestuur_id=school.bestuur_id)
    formset = ContactpersoonFormSet(request.POST or None, prefix="contact")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                partner = services.create_partner(bestuur=school.bestuur, data=form.cleaned_data)
                services.save_contactpersonen(partner=partner, formset=formset)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{partner.naam} staat nu in de sociale kaart.")
            return redirect(partner)
    return render(request, "partners/partner_form.html", {"form": form, "formset": formset, "partner": None})


@requires_recht("partners.beheren")
def partner_update(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    partner = get_object_or_404(selectors.partners_for_school(school=school, met_archief=True), pk=pk)
    form = PartnerForm(request.POST or None, instance=partner, bestuur_id=school.bestuur_id)
    formset = ContactpersoonFormSet(request.POST or None, instance=partner, prefix="contact")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                services.update_partner(partner=partner, data=form.cleaned_data)
                services.save_contactpersonen(partner=partner, formset=formset)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "De gegevens van de partner zijn opgeslagen.")
            return redirect(partner)
    return render(request, "partners/partner_form.html", {"form": form, "formset": formset, "partner": partner})


def _partner_for_beheer(request: HttpRequest, pk: int) -> Partner:
    return get_object_or_404(selectors.partners_for_school(school=request.school, met_archief=True), pk=pk)  # type: ignore[attr-defined]


@require_POST
@requires_recht("partners.beheren")
def partner_archive(request: HttpRequest, pk: int) -> HttpResponse:
    partner = services.archive_partner(partner=_partner_for_beheer(request, pk))
    messages.success(request, f"{partner.naam} is gearchiveerd. Verwijzingen en activiteiten houden hun partner.")
    return redirect(partner)


@require_POST
@requires_recht("partners.beheren")
def partner_restore(request: HttpRequest, pk: int) -> HttpResponse:
    partner = services.restore_partner(partner=_partner_for_beheer(request, pk))
    messages.success(request, f"{partner.naam} staat weer in de sociale kaart.")
    return redirect(partner)


@requires_recht("partners.beheren")
def samenwerking_update(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    partner = get_object_or_404(selectors.partners_for_school(school=school), pk=pk)
    samenwerking = selectors.samenwerking_for(partner=partner, school=school)
    form = SamenwerkingForm(request.POST or None, instance=samenwerking, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_samenwerking(partner=partner, school=school, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"De samenwerking van {school.naam} met {partner.naam} is opgeslagen.")
            return redirect(partner)
    return render(
        request, "partners/samenwerking_form.html", {"form": form, "partner": partner, "samenwerking": samenwerking}
    )


@require_POST
@requires_recht("partners.beheren")
def samenwerking_delete(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    partner = get_object_or_404(selectors.partners_for_school(school=school, met_archief=True), pk=pk)
    services.end_samenwerking(partner=partner, school=school)
    messages.success(request, f"{school.naam} werkt niet meer samen met {partner.naam}.")
    return redirect(partner)
