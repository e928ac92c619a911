"""Print pages of the Rijke schooldag: attendance lists (one session, or every session of an
activity) and the bilingual activity booklet for parents, with a small page to choose it.

Scope first (DESIGN.md §4): an activity outside the user's scope is a 404. Then the role: the
attendance list shows names and statuses, so it is for those who read attendance, a leerkracht
or begeleider only for the activities they lead (403 otherwise)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from activiteiten import selectors
from activiteiten.drukwerk import pdf
from activiteiten.models import Activiteit, Bijeenkomst, Blok
from familieschool.models import Inzage
from familieschool.permissions import request_rol, request_school, request_user, requires_recht
from familieschool.permissions import request_scope as _scope
from familieschool.services import record_inzage
from gezinnen.models import Taal


def _check_presentie_lezen(request: HttpRequest, activiteit: Activiteit) -> None:
    """The school leader reads every list; the roles that register attendance only where they may."""
    rol = request_rol(request)
    if rol in selectors.ALLEEN_EIGEN_PRESENTIE and not selectors.mag_presentie_registreren(
        user=request_user(request), rol=rol, activiteit=activiteit
    ):
        raise PermissionDenied


def _pdf_response(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{bestandsnaam}"'
    return response


def _presentielijsten_pdf(request: HttpRequest, activiteit: Activiteit, bijeenkomsten: list[Bijeenkomst]) -> bytes:
    with transaction.atomic():
        record_inzage(
            request=request,
            record_type="activiteiten.activiteit",
            record_id=activiteit.pk,
            doel="presentielijst",
            actie=Inzage.Actie.AFDRUKKEN,
        )
        lijsten = pdf.presentielijsten(activiteit=activiteit, bijeenkomsten=bijeenkomsten)
        begeleiders = list(activiteit.begeleiders.order_by("naam"))
    return pdf.render_presentielijsten(
        school=request_school(request), activiteit=activiteit, lijsten=lijsten, begeleiders=begeleiders
    )


@require_GET
@requires_recht("presentie.lezen")
def presentielijst_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendance list of one session, filled in where attendance was already registered."""
    bijeenkomst = get_object_or_404(
        selectors.bijeenkomsten_for_user(**_scope(request)).select_related("activiteit__blok", "activiteit__aanbieder"),
        pk=pk,
    )
    activiteit = bijeenkomst.activiteit
    _check_presentie_lezen(request, activiteit)
    inhoud = _presentielijsten_pdf(request, activiteit, [bijeenkomst])
    naam = f"presentielijst-{slugify(activiteit.titel)}-{bijeenkomst.datum:%Y-%m-%d}.pdf"
    return _pdf_response(inhoud, naam)


@require_GET
@requires_recht("presentie.lezen")
def presentielijsten_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One page per session of the activity, cancelled sessions left out: for those who work on
    paper for a whole block and enter attendance later."""
    activiteit = get_object_or_404(
        selectors.activiteiten_for_user(**_scope(request)).select_related("blok", "aanbieder"), pk=pk
    )
    _check_presentie_lezen(request, activiteit)
    bijeenkomsten = list(activiteit.bijeenkomsten.filter(geannuleerd=False).order_by("datum", "begintijd"))
    for bijeenkomst in bijeenkomsten:
        bijeenkomst.activiteit = activiteit  # the template reads it; no query per session
    inhoud = _presentielijsten_pdf(request, activiteit, bijeenkomsten)
    return _pdf_response(inhoud, f"presentielijsten-{slugify(activiteit.titel)}-{slugify(activiteit.blok.naam)}.pdf")


def _kies_blok(blokken: QuerySet[Blok], blok_id: str | None) -> Blok:
    """The block asked for; without one, the block running now or next, else the latest."""
    if blok_id:
        if not blok_id.isdigit():
            raise Http404
        return get_object_or_404(blokken, pk=int(blok_id))
    vandaag = timezone.localdate()
    blok = blokken.filter(einddatum__gte=vandaag).order_by("begindatum").first()
    blok = blok or blokken.order_by("-begindatum").first()
    if blok is None:
        raise Http404
    return blok


def _kies_taal(code: str | None) -> str:
    """A language with a catalog; anything else falls back to English (DESIGN.md §6)."""
    return code if code in pdf.BOEKJE_TALEN else pdf.TERUGVAL_TAAL


@require_GET
@requires_recht("activiteiten.lezen")
def boekje_pdf(request: HttpRequest) -> HttpResponse:
    """The booklet of a block for parents: Dutch and ``taal`` side by side. It holds no personal
    data, so reading it is not logged. A begeleider's booklet has the activities they lead."""
    scope = _scope(request)
    blok = _kies_blok(selectors.blokken_for_user(**scope), request.GET.get("blok"))
    taal = _kies_taal(request.GET.get("taal"))
    activiteiten = pdf.boekje_activiteiten(selectors.activiteiten_for_user(**scope).filter(blok=blok), taal=taal)
    inhoud = pdf.render_boekje(school=request_school(request), blok=blok, activiteiten=activiteiten, taal=taal)
    return _pdf_response(inhoud, f"activiteitenboekje-{slugify(blok.naam)}-nl-{taal}.pdf")


@require_GET
@requires_recht("activiteiten.lezen")
def boekje(request: HttpRequest) -> HttpResponse:
    """Choose a block and a second language; the form opens the PDF."""
    blokken = list(selectors.blokken_for_user(**_scope(request)).order_by("-begindatum"))
    nederlandse_namen = dict(Taal.choices)
    talen = [(code, f"{nederlandse_namen.get(code, code)} ({eigen})") for code, eigen in pdf.BOEKJE_TALEN.items()]
    return render(request, "activiteiten/drukwerk/boekje.html", {"blokken": blokken, "talen": talen})
