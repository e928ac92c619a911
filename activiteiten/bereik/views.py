"""The reach overview of the Rijke schooldag (issue 6, point 6), and its spreadsheet.

Who may open it: the roles with the school dashboard (DESIGN.md §4): coordinator,
brugfunctionaris, school leader, functional admin, and the board's project leader, who has
"counts only" on activities and so sees small numbers suppressed (activiteiten.bereik.weergave).
The other roles (oka, buurtteam, leerkracht, begeleider) read activities within their own scope,
but school-wide reach per groep is an aggregate of pupils they do not all see: 403. The page
shows numbers only, never a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from activiteiten.bereik import export, selectors, weergave
from activiteiten.models import Blok
from familieschool.models import School, Schooljaar
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_school as _school
from familieschool.selectors import schooljaar_for_date


@dataclass(frozen=True)
class Keuze:
    """The period asked for in the query string, and what the form offers."""

    schooljaar: Schooljaar
    schooljaren: list[Schooljaar]
    is_huidig: bool
    blok: Blok | None
    blokken: list[Blok]
    blok_genegeerd: bool


def _getal(request: HttpRequest, naam: str) -> int | None:
    waarde = request.GET.get(naam, "")
    return int(waarde) if waarde.isdigit() else None


def _keuze(request: HttpRequest, school: School) -> Keuze:
    """?schooljaar=<startjaar>&blok=<pk>. The school year defaults to the current one; a block
    of another school year (or school) is ignored, not an error: the form may still hold the
    block of the year the user just switched away from."""
    huidig = schooljaar_for_date()
    schooljaren = list(
        Schooljaar.objects.filter(Q(blokken__school=school) | Q(pk=huidig.pk)).distinct().order_by("-startjaar")
    )
    gevraagd = _getal(request, "schooljaar")
    schooljaar = next((sj for sj in schooljaren if sj.startjaar == gevraagd), huidig)
    blokken = list(Blok.objects.filter(school=school, schooljaar=schooljaar).order_by("begindatum"))
    blok_pk = _getal(request, "blok")
    blok = next((b for b in blokken if b.pk == blok_pk), None)
    return Keuze(
        schooljaar=schooljaar,
        schooljaren=schooljaren,
        is_huidig=schooljaar.pk == huidig.pk,
        blok=blok,
        blokken=blokken,
        blok_genegeerd=blok_pk is not None and blok is None,
    )


@require_GET
@requires_recht("dashboard.school")
def bereik(request: HttpRequest) -> HttpResponse:
    school = _school(request)
    keuze = _keuze(request, school)
    cijfers = selectors.bereikcijfers(school=school, schooljaar=keuze.schooljaar, blok=keuze.blok)
    onderdrukken = not can(request, "activiteiten.lezen")
    return render(
        request,
        "activiteiten/bereik/overzicht.html",
        {
            "cijfers": cijfers,
            "schooljaar": keuze.schooljaar,
            "schooljaren": keuze.schooljaren,
            "blok": keuze.blok,
            "blokken": keuze.blokken,
            "blok_genegeerd": keuze.blok_genegeerd,
            "is_huidig_schooljaar": keuze.is_huidig,
            "onderdrukt": onderdrukken,
            "mag_activiteiten_lezen": can(request, "activiteiten.lezen"),
            "export_query": urlencode(
                {"schooljaar": keuze.schooljaar.startjaar} | ({"blok": keuze.blok.pk} if keuze.blok else {})
            ),
            **weergave.pagina(cijfers, onderdrukken=onderdrukken),
        },
    )


@require_GET
@requires_recht("dashboard.school")
def bereik_export(request: HttpRequest) -> HttpResponse:
    """The same figures as the page, as an XLSX workbook with one sheet per table."""
    school = _school(request)
    keuze = _keuze(request, school)
    cijfers = selectors.bereikcijfers(school=school, schooljaar=keuze.schooljaar, blok=keuze.blok)
    inhoud = export.bereik_xlsx(cijfers, onderdrukken=not can(request, "activiteiten.lezen"))
    naam = slugify(f"bereik {school.naam} {keuze.schooljaar} {keuze.blok.naam if keuze.blok else ''}")
    response = HttpResponse(inhoud, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
    return response
