"""Privacy duties of the beheerder: an access request (everything about one family, as PDF or
JSON) and the retention purge (a dry-run report, past runs, and running it for this school).
HTTP only: the work is in gezinnen.privacy."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from familieschool.models import Inzage
from familieschool.permissions import requires_recht
from familieschool.services import record_inzage
from gezinnen import privacy, selectors
from gezinnen.models import Anonimiseringsronde

DOEL_INZAGEVERZOEK = "inzageverzoek (AVG art. 15)"
RONDES_OP_PAGINA = 20


class BewaartermijnForm(forms.Form):
    """The confirmation before the purge. Here rather than in gezinnen.forms: it belongs to this
    one page and carries no data."""

    bevestig = forms.BooleanField(
        label="Ik begrijp dat dit niet ongedaan kan worden",
        error_messages={"required": "Vink aan dat je begrijpt dat dit niet ongedaan kan worden."},
    )


def _export(request: HttpRequest, pk: int) -> tuple[int, dict]:
    """The family (404 outside the scope) and its export, read in the transaction that logs it."""
    with transaction.atomic():
        gezin = get_object_or_404(
            selectors.gezinnen_for_user(
                user=request.user,  # type: ignore[arg-type]
                rol=request.rol,  # type: ignore[attr-defined]
                school=request.school,  # type: ignore[attr-defined]
                met_uitgestroomd=True,
            ),
            pk=pk,
        )
        record_inzage(
            request=request,
            record_type="gezinnen.gezin",
            record_id=gezin.pk,
            doel=DOEL_INZAGEVERZOEK,
            actie=Inzage.Actie.EXPORTEREN,
        )
        return gezin.pk, privacy.gezin_export(gezin=gezin)


def _bijlage(inhoud: bytes, *, content_type: str, pk: int, extensie: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    naam = f"inzageverzoek-gezin-{pk}-{timezone.localdate():%Y-%m-%d}.{extensie}"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@require_GET
@requires_recht("gezinnen.inzageverzoek")
def gezin_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    gezin_pk, export = _export(request, pk)
    pdf = privacy.gezin_export_pdf(export=export)
    return _bijlage(pdf, content_type="application/pdf", pk=gezin_pk, extensie="pdf")


@require_GET
@requires_recht("gezinnen.inzageverzoek")
def gezin_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    gezin_pk, export = _export(request, pk)
    inhoud = privacy.gezin_export_json(export=export)
    return _bijlage(inhoud, content_type="application/json; charset=utf-8", pk=gezin_pk, extensie="json")


def _bewaartermijn_pagina(request: HttpRequest, form: BewaartermijnForm) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    rapport = privacy.te_anonimiseren(school=school)
    rondes = list(Anonimiseringsronde.objects.filter(school=school).order_by("-uitgevoerd_op")[:RONDES_OP_PAGINA])
    context = {
        "form": form,
        "dagen": settings.FAMILIESCHOOL_BEWAARTERMIJN_LEERLINGEN_DAGEN,
        "grens": rapport.grens,
        "aantal_leerlingen": len(rapport.leerling_ids),
        "aantal_gezinnen": len(rapport.gezin_ids),
        "aantal_verzorgers": len(rapport.verzorger_ids),
        "rondes": rondes,
    }
    return render(request, "gezinnen/bewaartermijn.html", context)


@require_GET
@requires_recht("gezinnen.bewaartermijn")
def bewaartermijn(request: HttpRequest) -> HttpResponse:
    """The retention period explained, what a run would do now (computed, nothing written) and
    the record of past runs at this school."""
    return _bewaartermijn_pagina(request, BewaartermijnForm())


@require_POST
@requires_recht("gezinnen.bewaartermijn")
def bewaartermijn_uitvoeren(request: HttpRequest) -> HttpResponse:
    form = BewaartermijnForm(request.POST)
    if not form.is_valid():
        return _bewaartermijn_pagina(request, form)
    ronde = privacy.anonimiseer_vertrokken(proefdraai=False, school=request.school)  # type: ignore[attr-defined]
    messages.success(
        request,
        f"Geanonimiseerd: {ronde.aantal_leerlingen} leerling(en), {ronde.aantal_gezinnen} gezin(nen) en "
        f"{ronde.aantal_verzorgers} verzorger(s) die vóór {ronde.grens:%d-%m-%Y} zijn uitgestroomd.",
    )
    return redirect("gezinnen:bewaartermijn")
