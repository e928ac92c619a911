"""Pupil import pages: upload, progress, preview of the differences, approve or reject, result.
HTTP only: the work is in gezinnen.imports and its tasks; batches come from the active school's
scoped selector, so another school's batch is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from familieschool.permissions import requires_recht
from gezinnen import imports, selectors
from gezinnen.models import Importbatch

RECENT = 20


class ImportForm(forms.Form):
    edexml = forms.FileField(
        label="EDEXML-bestand",
        widget=forms.FileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
        help_text="Het bestand EDEX.XML uit ParnasSys of ESIS (EDEXML 2.1), hoogstens 20 MB.",
    )
    verzorgers = forms.FileField(
        label="Verzorgersbestand (CSV)",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text="Eén regel per leerling en verzorger, kolommen gescheiden door ; of , (UTF-8 of "
        "Windows-1252), hoogstens 5 MB. Zonder dit bestand blijven de verzorgers zoals ze zijn.",
    )

    def clean_edexml(self) -> Any:
        bestand = self.cleaned_data["edexml"]
        # Refuse a big upload before reading it; the content is checked by gezinnen.imports.
        if (bestand.size or 0) > imports.MAX_EDEXML_BYTES:
            raise ValidationError("Het EDEXML-bestand is groter dan 20 MB.")
        return bestand

    def clean_verzorgers(self) -> Any:
        bestand = self.cleaned_data.get("verzorgers")
        if bestand and (bestand.size or 0) > imports.MAX_CSV_BYTES:
            raise ValidationError("Het verzorgersbestand is groter dan 5 MB.")
        return bestand


@dataclass(frozen=True)
class Sectie:
    """One list of the preview (new pupils, leavers, ...), as far as it was kept."""

    id: str
    titel: str
    items: list[dict[str, Any]]
    totaal: int

    @property
    def meer(self) -> int:
        return max(0, self.totaal - len(self.items))


SECTIES = (
    ("leerlingen_nieuw", "Nieuwe leerlingen"),
    ("leerlingen_gewijzigd", "Gewijzigde gegevens van leerlingen"),
    ("groepswissels", "Groepswissels"),
    ("vertrekkers", "Vertrekkers"),
    ("verzorgers_nieuw", "Nieuwe verzorgers"),
    ("verzorgers_gewijzigd", "Gewijzigde verzorgers"),
    ("groepen_nieuw", "Nieuwe groepen"),
    ("groepen_gewijzigd", "Gewijzigde groepen"),
)


TELLINGEN = (
    ("leerlingen_in_bestand", "leerlingen in het bestand"),
    ("leerlingen_nieuw", "nieuwe leerlingen"),
    ("leerlingen_gewijzigd", "leerlingen met gewijzigde gegevens"),
    ("groepswissels", "groepswissels"),
    ("vertrekkers", "vertrekkers"),
    ("verzorgers_in_bestand", "regels in het verzorgersbestand"),
    ("verzorgers_nieuw", "nieuwe verzorgers"),
    ("verzorgers_gewijzigd", "gewijzigde verzorgers"),
    ("gezinnen_nieuw", "nieuwe gezinnen"),
    ("groepen_nieuw", "nieuwe groepen"),
    ("groepen_gewijzigd", "gewijzigde groepen"),
)


def _batches(request: HttpRequest) -> QuerySet[Importbatch]:
    # The cleaned data of a large file runs into megabytes; no page shows it (the progress bar
    # asks every second).
    batches = selectors.importbatches_for_user(rol=request.rol, school=request.school)  # type: ignore[attr-defined]
    return batches.defer("gegevens")


def _batch(request: HttpRequest, pk: int) -> Importbatch:
    return get_object_or_404(_batches(request), pk=pk)


@requires_recht("gezinnen.importeren")
def import_list(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.start_import(
                school=request.school,  # type: ignore[attr-defined]
                user=request.user,  # type: ignore[arg-type]
                edexml=form.cleaned_data["edexml"],
                verzorgers=form.cleaned_data.get("verzorgers"),
            )
        except ValidationError as error:
            form.add_error(None, error)  # keyed by field: the message shows at the file it is about
        else:
            messages.success(request, "De bestanden zijn ingelezen en gecontroleerd.")
            return redirect(batch)
    batches = list(_batches(request).defer("verschillen").order_by("-created_at")[:RECENT])
    return render(
        request,
        "gezinnen/import_list.html",
        {"form": form, "batches": batches, "kolommen": imports.kolom_uitleg()},
    )


@require_GET
@requires_recht("gezinnen.importeren")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    samenvatting = batch.samenvatting or {}
    secties = [
        Sectie(id=soort, titel=titel, items=batch.verschillen.get(soort, []), totaal=samenvatting.get(soort, 0))
        for soort, titel in SECTIES
    ]
    context = {
        "batch": batch,
        "samenvatting": samenvatting,
        "secties": [sectie for sectie in secties if sectie.totaal],
        "heeft_verschillen": imports.heeft_verschillen(samenvatting),
        # The counts that say something: the size of the file, and every kind of change there is.
        "tellingen": [
            (label, samenvatting[soort])
            for soort, label in TELLINGEN
            if samenvatting.get(soort) or (soort == "leerlingen_in_bestand" and soort in samenvatting)
        ],
        "weggelaten_totaal": sum(item["aantal"] for item in samenvatting.get("weggelaten", [])),
        "voortgang": imports.voortgang(batch),
        "Status": Importbatch.Status,
    }
    return render(request, "gezinnen/import_detail.html", context)


@require_GET
@requires_recht("gezinnen.importeren")
def import_voortgang(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled every second while the batch runs. Once it is done the partial
    stops polling and tells htmx to reload the page, which then shows the preview or result."""
    batch = _batch(request, pk)
    response = render(
        request, "gezinnen/_import_voortgang.html", {"batch": batch, "voortgang": imports.voortgang(batch)}
    )
    if not batch.is_bezig and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@requires_recht("gezinnen.importeren")
def import_approve(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        imports.approve_import(batch=batch, user=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Goedgekeurd. De import wordt verwerkt; dat kan even duren.")
    return redirect(batch)


@require_POST
@requires_recht("gezinnen.importeren")
def import_reject(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        imports.reject_import(batch=batch, user=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.success(request, "De import is afgewezen; er is niets veranderd.")
    return redirect("gezinnen:import_list")
