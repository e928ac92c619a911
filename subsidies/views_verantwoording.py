"""A grant's indicators for any period, and its stored accountability reports (issue 8, points 3
and 4).

Who (tests/access_matrix_subsidies.py): the indicators are open to the coordinator, the functional
admin, the school leader and the board, who sees counts of people from 1 to 4 as "<5" and no
average derived from them; a report (page, XLSX, PDF) is for the coordinator, the functional admin
and the school leader; making one and recording its submission date is for the coordinator and
the functional admin. Scope first: a grant or report of another school is a 404."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from familieschool.permissions import request_rol, request_scope, request_user, requires_recht
from subsidies import indicatoren as ind
from subsidies import selectors
from subsidies import verantwoording as verantw
from subsidies import verantwoording_bestanden as bestanden
from subsidies.models import Rapportage, Toekenning, Verantwoording

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PeriodeForm(forms.Form):
    van = forms.DateField(label="Van", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tot_en_met = forms.DateField(label="Tot en met", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("van") and data.get("tot_en_met") and data["tot_en_met"] < data["van"]:
            raise ValidationError("De einddatum ligt vóór de begindatum. Kies een einddatum na de begindatum.")
        return data


class IngediendForm(forms.Form):
    ingediend_op = forms.DateField(
        label="Ingediend op", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _toekenning(request: HttpRequest, pk: int) -> Toekenning:
    return get_object_or_404(
        selectors.toekenningen_for_user(**request_scope(request)).select_related("regeling", "school"), pk=pk
    )


def _verantwoording(request: HttpRequest, pk: int) -> Verantwoording:
    return get_object_or_404(
        selectors.verantwoordingen_for_user(**request_scope(request)).select_related("toekenning"), pk=pk
    )


def _periode(request: HttpRequest, toekenning: Toekenning) -> tuple[PeriodeForm, dt.date, dt.date]:
    """The period of the query string, or the grant's period up to today."""
    van, tot = ind.standaardperiode(toekenning)
    if "van" in request.GET or "tot_en_met" in request.GET:
        form = PeriodeForm(request.GET)
        if form.is_valid():
            return form, form.cleaned_data["van"], form.cleaned_data["tot_en_met"]
        return form, van, tot
    return PeriodeForm(initial={"van": van, "tot_en_met": tot}), van, tot


@require_GET
@requires_recht("subsidies.lezen", "subsidies.tellen")
def indicatoren(request: HttpRequest, pk: int) -> HttpResponse:
    toekenning = _toekenning(request, pk)
    form, van, tot = _periode(request, toekenning)
    cijfers = ind.indicatoren(toekenning=toekenning, van=van, tot_en_met=tot)
    rol = request_rol(request)
    details = selectors.mag_details_zien(rol)
    data = verantw.gegevens(cijfers, uitgaven=None)
    verantwoordingen = (
        list(selectors.verantwoordingen_for_user(**request_scope(request)).filter(toekenning=toekenning))
        if details
        else []
    )
    return render(
        request,
        "subsidies/indicatoren.html",
        {
            "toekenning": toekenning,
            "form": form,
            "van": van,
            "tot_en_met": tot,
            "v": verantw.weergave(data, onderdrukken=not details),
            "onderdrukt": not details,
            "rapportage": toekenning.regeling.rapportage,
            "is_school_en_omgeving": toekenning.regeling.rapportage == Rapportage.SCHOOL_EN_OMGEVING,
            "is_afs": toekenning.regeling.rapportage == Rapportage.AFS,
            "gefinancierd": bool(cijfers.uren and cijfers.uren.gefinancierd),
            "mag_beheren": selectors.mag_beheren(rol),
            "mag_details_zien": details,
            "verantwoordingen": verantwoordingen,
        },
    )


@require_POST
@requires_recht("subsidies.beheren")
def verantwoording_create(request: HttpRequest, pk: int) -> HttpResponse:
    toekenning = _toekenning(request, pk)
    form = PeriodeForm(request.POST)
    terug = reverse("subsidies:indicatoren", args=[toekenning.pk])
    if not form.is_valid():
        for fout in form.non_field_errors() or ["Vul een geldige begin- en einddatum in."]:
            messages.error(request, str(fout))
        query = {k: request.POST[k] for k in ("van", "tot_en_met") if request.POST.get(k)}
        return redirect(f"{terug}?{urlencode(query)}" if query else terug)
    verantwoording = verantw.create_verantwoording(
        toekenning=toekenning,
        van=form.cleaned_data["van"],
        tot_en_met=form.cleaned_data["tot_en_met"],
        door=request_user(request),
    )
    messages.success(request, "Verantwoording vastgelegd. De cijfers veranderen niet meer.")
    return redirect("subsidies:verantwoording_detail", pk=verantwoording.pk)


@require_GET
@requires_recht("subsidies.lezen")
def verantwoording_detail(request: HttpRequest, pk: int) -> HttpResponse:
    verantwoording = _verantwoording(request, pk)
    return render(
        request,
        "subsidies/verantwoording_detail.html",
        {
            "verantwoording": verantwoording,
            "toekenning": verantwoording.toekenning,
            "v": verantw.weergave(verantwoording.gegevens),
            "mag_beheren": selectors.mag_beheren(request_rol(request)),
            "ingediend_form": IngediendForm(
                initial={"ingediend_op": verantwoording.ingediend_op or timezone.localdate()}
            ),
        },
    )


@require_GET
@requires_recht("subsidies.lezen")
def verantwoording_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    verantwoording = _verantwoording(request, pk)
    response = HttpResponse(bestanden.xlsx(verantwoording.gegevens), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestanden.bestandsnaam(verantwoording, "xlsx")}"'
    return response


@require_GET
@requires_recht("subsidies.lezen")
def verantwoording_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    verantwoording = _verantwoording(request, pk)
    response = HttpResponse(bestanden.pdf(verantwoording.gegevens), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestanden.bestandsnaam(verantwoording, "pdf")}"'
    return response


@require_POST
@requires_recht("subsidies.beheren")
def verantwoording_ingediend(request: HttpRequest, pk: int) -> HttpResponse:
    """Record (or correct, or clear) the date the report was submitted: the only change allowed."""
    verantwoording = _verantwoording(request, pk)
    form = IngediendForm(request.POST)
    if form.is_valid():
        verantw.set_ingediend(verantwoording=verantwoording, ingediend_op=form.cleaned_data["ingediend_op"])
        messages.success(request, "Datum van indienen opgeslagen.")
    else:
        messages.error(request, "Vul een geldige datum in.")
    return redirect("subsidies:verantwoording_detail", pk=verantwoording.pk)
