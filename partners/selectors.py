"""Reads of the partner directory, scoped to the user's board."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce

from familieschool.models import School
from familieschool.text import search_terms
from partners.models import Contactpersoon, Partner, Samenwerking


def partners_for_school(*, school: School, met_archief: bool = False) -> QuerySet[Partner]:
    """Every partner of the board the active school belongs to. Partners of another board do
    not exist for this user (404)."""
    qs = Partner.objects.filter(bestuur_id=school.bestuur_id)
    if not met_archief:
        qs = qs.filter(gearchiveerd_op__isnull=True)
    return qs


@dataclass(frozen=True)
class PartnerFilter:
    q: str = ""
    soorten: list[str] = field(default_factory=list)
    domeinen: list[str] = field(default_factory=list)
    leeftijd: int | None = None
    wijk: str = ""
    alleen_samenwerking: bool = False
    met_archief: bool = False


def search_query(q: str) -> SearchQuery | None:
    """A prefix query over the folded words: "voetb ams" → 'voetb':* & 'ams':*."""
    terms = search_terms(q)
    if not terms:
        return None
    raw = " & ".join(f"{term}:*" for term in terms)
    return SearchQuery(raw, search_type="raw", config="dutch")


def zoek_partners(*, school: School, filters: PartnerFilter) -> QuerySet[Partner]:
    """Partners matching the search and filters, best match first, annotated with
    ``werkt_met_school`` (the active school has a collaboration) and ``rang``."""
    qs = partners_for_school(school=school, met_archief=filters.met_archief).annotate(
        werkt_met_school=Exists(Samenwerking.objects.filter(partner=OuterRef("pk"), school=school))
    )
    if filters.soorten:
        qs = qs.filter(soort__in=filters.soorten)
    if filters.domeinen:
        qs = qs.filter(domeinen__overlap=filters.domeinen)
    if filters.leeftijd is not None:
        qs = qs.filter(
            Q(leeftijd_van__isnull=True) | Q(leeftijd_van__lte=filters.leeftijd),
            Q(leeftijd_tot__isnull=True) | Q(leeftijd_tot__gte=filters.leeftijd),
        )
    if filters.wijk:
        qs = qs.filter(wijk__iexact=filters.wijk)
    if filters.alleen_samenwerking:
        qs = qs.filter(werkt_met_school=True)

    query = search_query(filters.q)
    if query is None:
        return qs.annotate(rang=Value(0.0)).order_by("naam")
    terms = search_terms(filters.q)
    # Full-text (stemmed, prefix) OR every word as a substring of the folded text, so that
    # "ozturk" finds "Öztürk" and "bal" finds "Voetbalvereniging".
    substring = Q()
    for term in terms:
        substring &= Q(zoektekst__contains=term)
    naam_begint = Q(zoektekst__startswith=terms[0])  # zoektekst starts with the folded name
    return (
        qs.filter(Q(zoekvector=query) | substring)
        .annotate(rang=Coalesce(SearchRank(F("zoekvector"), query), Value(0.0)))
        .annotate(naam_eerst=Case(When(naam_begint, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("-naam_eerst", "-rang", "naam")
    )


def pagina(qs: QuerySet[Partner], *, nummer: str | None, per_pagina: int) -> Page[Partner]:
    """One page of ``qs`` as ``Paginator.get_page`` gives it, with the total counted in the same
    query (``COUNT(*) OVER ()`` is computed before the LIMIT): one query instead of a count and
    a page. A number out of range (below 1, past the last page) goes the paginator's own way,
    to the last page."""
    paginator = Paginator(qs, per_pagina)
    try:
        getal = int(nummer)  # type: ignore[arg-type]  # None is "not a number", as for get_page
    except (TypeError, ValueError):
        getal = 1
    if getal >= 1:
        begin = (getal - 1) * per_pagina
        rijen = list(qs.annotate(totaal=Window(Count("pk")))[begin : begin + per_pagina])
        if rijen or getal == 1:
            paginator.count = rijen[0].totaal if rijen else 0
            return Page(rijen, getal, paginator)
    return paginator.get_page(nummer)


def partner_detail_queryset(*, school: School) -> QuerySet[Partner]:
    """For the detail page: contacts and the board's schools it works with, in two queries."""
    return partners_for_school(school=school, met_archief=True).prefetch_related(
        Prefetch("contactpersonen", queryset=Contactpersoon.objects.order_by("naam")),
        Prefetch(
            "samenwerkingen",
            queryset=Samenwerking.objects.filter(school__bestuur_id=school.bestuur_id)
            .select_related("school", "contactpersoon")
            .order_by("school__naam"),
        ),
    )


def samenwerking_for(*, partner: Partner, school: School) -> Samenwerking | None:
    return Samenwerking.objects.filter(partner=partner, school=school).select_related("contactpersoon").first()


def wijken_for_school(*, school: School) -> list[str]:
    return list(
        partners_for_school(school=school).exclude(wijk="").order_by("wijk").values_list("wijk", flat=True).distinct()
    )


def sociale_kaart(*, school: School) -> QuerySet[Partner]:
    """The partners the school works with (for the printable sociale kaart)."""
    return (
        partners_for_school(school=school)
        .filter(samenwerkingen__school=school)
        .prefetch_related(
            Prefetch("contactpersonen", queryset=Contactpersoon.objects.order_by("naam")),
            Prefetch(
                "samenwerkingen", queryset=Samenwerking.objects.filter(school=school).select_related("contactpersoon")
            ),
        )
        .order_by("naam")
    )
