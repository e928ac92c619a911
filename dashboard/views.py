"""The dashboards (issue 9): the school dashboard of the active school compared with the previous
year, its PDF for the team meeting, and the board's comparison of its schools with a drill-down
to one school's dashboard.

Access (DESIGN.md §4, tests/access_matrix_dashboard.py): the school dashboard for coordinator,
brugfunctionaris, school leader, board and functional admin; the board dashboard and the
drill-down for board and functional admin only, for the schools of the active school's board
(another board's school is a 404). Figures only, never a name; small numbers suppressed for
everyone (dashboard.weergave).

Cost: every page is computed with aggregate SQL in a fixed number of queries, whatever the number
of schools or rows (dashboard.selectors.AANTAL_QUERIES; tests/dashboard/test_views.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from dashboard import pdf, selectors, weergave
from familieschool.models import School, Schooljaar
from familieschool.permissions import can, request_school, requires_recht

# How far back the year choice goes (the data of older years is purged or never was there).
JAREN_TERUG = 5


@dataclass(frozen=True)
class Jaarkeuze:
    huidig: Schooljaar
    vorig: Schooljaar
    is_lopend: bool
    opties: list[tuple[int, str]]


def _jaarkeuze(request: HttpRequest) -> Jaarkeuze:
    """?schooljaar=<startjaar>, default the current school year; anything else is ignored.
    Two queries (the year and the one before, created when missing)."""
    lopend = Schooljaar.startjaar_voor(timezone.localdate())
    gevraagd = request.GET.get("schooljaar", "")
    startjaar = int(gevraagd) if gevraagd.isdigit() and lopend - JAREN_TERUG < int(gevraagd) <= lopend else lopend
    huidig, vorig = selectors.schooljaar_en_vorige(startjaar)
    opties = [(j, f"{j}-{j + 1}") for j in range(lopend, lopend - JAREN_TERUG, -1)]
    return Jaarkeuze(huidig=huidig, vorig=vorig, is_lopend=startjaar == lopend, opties=opties)


def _bestuursscholen(request: HttpRequest) -> list[School]:
    """The schools of the active school's board, as the middleware already loaded them for the
    school switch (board roles reach every school of their board): no query."""
    actief = request_school(request)
    return [s for s in getattr(request, "scholen", []) if s.bestuur_id == actief.bestuur_id]


def _school_context(request: HttpRequest, school: School, keuze: Jaarkeuze) -> dict[str, Any]:
    """The school dashboard's figures: 2 (years) + 11 (indicators) + 1 (reach per groep) queries,
    the last 12 not within ten minutes of the same page (selectors.schoolcijfers)."""
    peildatum = timezone.localdate()
    cijfers, berekend_om = selectors.schoolcijfers(
        school=school, huidig=keuze.huidig, vorig=keuze.vorig, peildatum=peildatum
    )
    return {
        "school": school,
        "schooljaar": keuze.huidig,
        "vorig_schooljaar": keuze.vorig,
        "is_lopend_schooljaar": keuze.is_lopend,
        "jaaropties": keuze.opties,
        "peildatum": peildatum,
        "berekend_om": berekend_om,
        **weergave.school_pagina(
            huidig=cijfers.huidig,
            vorig=cijfers.vorig,
            groepen=cijfers.groepen,
            begin=keuze.huidig.begindatum,
            einde=keuze.huidig.einddatum,
            peildatum=peildatum,
        ),
    }


def _links(request: HttpRequest) -> dict[str, str]:
    """The pages behind the figures that this role may open at the active school."""
    mogelijk = [
        ("bereik", "activiteiten:bereik", ("dashboard.school",)),
        ("ouderactiviteiten", "activiteiten:ouderactiviteit_list", ("ouderactiviteiten.lezen",)),
        ("signalen", "gezinnen:signaal_list", ("signalen.lezen",)),
        ("fsp", "gezinnen:fsp_overzicht", ("fsp.status",)),
        ("doorverwijzingen", "gezinnen:doorverwijzing_list", ("fsp.status",)),
        ("toekenningen", "subsidies:toekenning_list", ("subsidies.lezen", "subsidies.tellen")),
        ("deadlines", "subsidies:deadline_list", ("subsidies.lezen",)),
    ]
    return {naam: reverse(url) for naam, url, rechten in mogelijk if any(can(request, r) for r in rechten)}


# Queries of the school dashboard (tests/dashboard/test_views.py): those of every request (6 for
# a coordinator: session, user, memberships with schools, savepoint, session update, release;
# a board role adds its board's schools, a first visit the MFA check), 2 school years, 11
# indicators for both years, 1 reach per groep: 20 for a coordinator, whatever the rows.
@require_GET
@requires_recht("dashboard.school")
def school_dashboard(request: HttpRequest) -> HttpResponse:
    school = request_school(request)
    keuze = _jaarkeuze(request)
    context = _school_context(request, school, keuze)
    context |= {"links": _links(request), "is_actieve_school": True, "mag_bestuur": can(request, "dashboard.bestuur")}
    return render(request, "dashboard/school_dashboard.html", context)


@require_GET
@requires_recht("dashboard.school")
def school_dashboard_pdf(request: HttpRequest) -> HttpResponse:
    """The same figures on A4 for the team meeting: tables instead of charts."""
    school = request_school(request)
    keuze = _jaarkeuze(request)
    inhoud = pdf.render_school_dashboard(_school_context(request, school, keuze))
    response = HttpResponse(inhoud, content_type="application/pdf")
    naam = slugify(f"familieschool in cijfers {school.naam} {keuze.huidig}")
    response["Content-Disposition"] = f'inline; filename="{naam}.pdf"'
    return response


# Queries of the board dashboard: 7 for every request of a board role (the 6 above and the
# board's schools, which the page reuses), 2 school years, 11 indicators for all the board's
# schools at once: 20, for 2 schools as for 36.
@require_GET
@requires_recht("dashboard.bestuur")
def bestuur_dashboard(request: HttpRequest) -> HttpResponse:
    keuze = _jaarkeuze(request)
    scholen = _bestuursscholen(request)
    cijfers, berekend_om = selectors.bestuurscijfers(
        bestuur_id=request_school(request).bestuur_id,
        scholen=scholen,
        schooljaar=keuze.huidig,
        peildatum=timezone.localdate(),
    )
    tabel = weergave.bestuur_tabel(
        [(s, cijfers[(s.pk, keuze.huidig.startjaar)]) for s in scholen],
        sorteer=request.GET.get("sorteer", "school"),
        richting=request.GET.get("richting", "oplopend"),
        link=lambda s: f"{reverse('dashboard:bestuur_school', args=[s.pk])}?schooljaar={keuze.huidig.startjaar}",
    )
    return render(
        request,
        "dashboard/bestuur_dashboard.html",
        {
            "bestuur": request_school(request).bestuur,
            "schooljaar": keuze.huidig,
            "is_lopend_schooljaar": keuze.is_lopend,
            "jaaropties": keuze.opties,
            "aantal_scholen": len(scholen),
            "berekend_om": berekend_om,
            **tabel,
        },
    )


@require_GET
@requires_recht("dashboard.bestuur")
def bestuur_school(request: HttpRequest, pk: int) -> HttpResponse:
    """One school of the board, on the school dashboard's template, with a way back to the
    board. The pages behind the figures are the active school's, so they are linked only when
    this is the active school. Same queries as the school dashboard."""
    school = next((s for s in _bestuursscholen(request) if s.pk == pk), None)
    if school is None:
        raise Http404("Deze school hoort niet bij je bestuur.")
    keuze = _jaarkeuze(request)
    context = _school_context(request, school, keuze)
    is_actief = school.pk == request_school(request).pk
    context |= {
        "links": _links(request) if is_actief else {},
        "is_actieve_school": is_actief,
        "vanuit_bestuur": True,
        "mag_bestuur": True,
    }
    return render(request, "dashboard/school_dashboard.html", context)
