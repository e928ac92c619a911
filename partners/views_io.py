"""Export, print and import of the partner directory. HTTP only: the work is in exports, pdf and
imports; scope comes from the selectors (the active school's board)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from familieschool.choices import Hulpdomein
from familieschool.models import Inzage, School
from familieschool.permissions import can, requires_recht
from familieschool.services import record_inzage
from partners import exports, imports, selectors
from partners.models import PartnerSoort
from partners.pdf import render_sociale_kaart


class PartnerImportForm(forms.Form):
    bestand = forms.FileField(
        label="CSV-bestand",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text="Een .csv-bestand met een kopregel, kolommen gescheiden door ; of , (hoogstens 2 MB).",
    )

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        # Refuse a big upload before reading it into memory; the content is checked by imports.
        if (bestand.size or 0) > imports.MAX_BYTES:
            raise ValidationError("Het bestand is groter dan 2 MB. Splits het in kleinere bestanden.")
        return bestand


def _bestandsnaam(school: School, soort: str, extensie: str) -> str:
    return f"{soort}-{slugify(school.naam)}-{timezone.localdate().isoformat()}.{extensie}"


def _export(
    request: HttpRequest, *, extensie: str, content_type: str, writer: Callable[[Sequence[exports.Row]], bytes]
) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    filters = exports.filter_from_querydict(request.GET, mag_archief=can(request, "partners.beheren"))
    with transaction.atomic():
        # Contact persons are personal data; a copy that leaves the application is logged.
        record_inzage(
            request=request,
            record_type="partners.partner",
            record_id="",
            doel="export",
            actie=Inzage.Actie.EXPORTEREN,
        )
        rows = exports.partner_rows(exports.partners_for_export(school=school, filters=filters))
    response = HttpResponse(writer(rows), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(school, "partners", extensie)}"'
    return response


@require_GET
@requires_recht("partners.lezen")
def partner_export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, extensie="csv", content_type="text/csv; charset=utf-8", writer=exports.write_csv)


@require_GET
@requires_recht("partners.lezen")
def partner_export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(
        request,
        extensie="xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        writer=exports.write_xlsx,
    )


@require_GET
@requires_recht("partners.lezen")
def sociale_kaart_pdf(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    with transaction.atomic():
        record_inzage(
            request=request,
            record_type="partners.partner",
            record_id="",
            doel="sociale kaart",
            actie=Inzage.Actie.AFDRUKKEN,
        )
        partners = list(selectors.sociale_kaart(school=school))
    pdf = render_sociale_kaart(school=school, partners=partners, datum=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_bestandsnaam(school, "sociale-kaart", "pdf")}"'
    return response


def _preview(request: HttpRequest, resultaat: imports.ImportResultaat, *, payload: str | None) -> HttpResponse:
    return render(
        request,
        "partners/partner_import_preview.html",
        {"resultaat": resultaat, "payload": payload, "aantal_fouten": len(resultaat.rijen_met_fouten)},
    )


@requires_recht("partners.beheren")
def partner_import(request: HttpRequest) -> HttpResponse:
    bestuur = request.school.bestuur  # type: ignore[attr-defined]
    form = PartnerImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resultaat = imports.parse_partner_csv(form.cleaned_data["bestand"].read(), bestuur=bestuur)
        except ValidationError as error:
            form.add_error("bestand", error)
        else:
            payload = imports.dump_payload(bestuur=bestuur, resultaat=resultaat) if resultaat.is_geldig else None
            return _preview(request, resultaat, payload=payload)
    return render(
        request,
        "partners/partner_import.html",
        {
            "form": form,
            "kolommen": imports.kolom_uitleg(),
            "soorten": PartnerSoort.choices,
            "domeinen": Hulpdomein.choices,
        },
    )


@require_POST
@requires_recht("partners.beheren")
def partner_import_commit(request: HttpRequest) -> HttpResponse:
    bestuur = request.school.bestuur  # type: ignore[attr-defined]
    try:
        rows = imports.load_payload(request.POST.get("payload", ""), bestuur=bestuur)
    except signing.BadSignature:  # also SignatureExpired
        messages.error(request, "Deze import is verlopen of ongeldig. Upload het bestand opnieuw.")
        return redirect("partners:partner_import")
    # Checked again against the directory as it is now: a name may have been added since.
    resultaat = imports.ImportResultaat(rijen=imports.check_rows(rows, bestuur=bestuur))
    if resultaat.is_geldig:
        try:
            aantal = imports.import_partners(bestuur=bestuur, rows=resultaat.rijen)
        except (ValidationError, IntegrityError):
            # A partner with one of these names was saved at the same moment; all rolled back.
            messages.error(request, "De sociale kaart is net gewijzigd. Er is niets geïmporteerd; probeer het opnieuw.")
            return redirect("partners:partner_import")
        messages.success(request, f"{aantal} partner{'s' if aantal != 1 else ''} geïmporteerd.")
        return redirect("partners:partner_list")
    messages.error(request, "De sociale kaart is veranderd sinds de controle. Er is niets geïmporteerd.")
    return _preview(request, resultaat, payload=None)
