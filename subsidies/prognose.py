"""The overview of grants and the forecast of their spending (issue 8 point 2).

The forecast is linear: what was spent so far, divided by the days of the period that have
passed (up to and including today, at least one), times all days of the period. Before the
period starts there is no forecast; after it ends the forecast is what was actually spent.
The arithmetic is in pure functions (``prognose``, ``grafiek``) so it can be checked by hand;
the selectors below it fetch the sums in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from subsidies.models import Begrotingspost, Begrotingssoort, Toekenning, Uitgave

NUL = Decimal("0.00")
CENT = Decimal("0.01")
# A forecast within 2 % of the budget counts as "op koers": a linear forecast is not that precise.
MARGE = Decimal("0.02")
MAANDEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


class Fase:
    NOG_NIET = "nog_niet_begonnen"
    LOOPT = "loopt"
    AFGELOPEN = "afgelopen"


@dataclass(frozen=True)
class Prognose:
    """Spending of a grant (or one budget line) against its budget, and where it is heading."""

    begroot: Decimal
    besteed: Decimal
    fase: str
    dagen_totaal: int
    dagen_verstreken: int
    # The projected total at the end of the period; None before the period starts.
    verwacht: Decimal | None

    @property
    def resterend(self) -> Decimal:
        return self.begroot - self.besteed

    @property
    def heeft_prognose(self) -> bool:
        return self.verwacht is not None

    @property
    def verschil(self) -> Decimal | None:
        """Projected total minus the budget: positive is an overspend, negative an underspend."""
        return None if self.verwacht is None else self.verwacht - self.begroot

    @property
    def afwijking(self) -> Decimal | None:
        return None if self.verschil is None else abs(self.verschil)

    @property
    def oordeel(self) -> str:
        """ "geen", "op_koers", "over" or "onder" — the badge on the pages."""
        if self.verschil is None:
            return "geen"
        if abs(self.verschil) <= self.begroot * MARGE:
            return "op_koers"
        return "over" if self.verschil > 0 else "onder"


def dagen_in(begindatum: dt.date, einddatum: dt.date) -> int:
    """Days of a period, both ends included (1 Aug 2026 – 31 Jul 2027 is 365 days)."""
    return (einddatum - begindatum).days + 1


def prognose(
    *, begroot: Decimal, besteed: Decimal, begindatum: dt.date, einddatum: dt.date, vandaag: dt.date
) -> Prognose:
    totaal = dagen_in(begindatum, einddatum)
    if vandaag < begindatum:
        return Prognose(begroot, besteed, Fase.NOG_NIET, totaal, 0, None)
    if vandaag > einddatum:
        return Prognose(begroot, besteed, Fase.AFGELOPEN, totaal, totaal, besteed)
    verstreken = max(1, dagen_in(begindatum, vandaag))
    verwacht = (besteed * totaal / verstreken).quantize(CENT, rounding=ROUND_HALF_UP)
    return Prognose(begroot, besteed, Fase.LOOPT, totaal, verstreken, verwacht)


def _maand_einde(jaar: int, maand: int) -> dt.date:
    volgende = dt.date(jaar + maand // 12, maand % 12 + 1, 1)
    return volgende - dt.timedelta(days=1)


def maanden(begindatum: dt.date, einddatum: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month the period touches."""
    jaar, maand = begindatum.year, begindatum.month
    uit = []
    while (jaar, maand) <= (einddatum.year, einddatum.month):
        uit.append((jaar, maand))
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return uit


def grafiek(
    *,
    bedrag: Decimal,
    begindatum: dt.date,
    einddatum: dt.date,
    per_maand: dict[tuple[int, int], Decimal],
    vandaag: dt.date,
) -> dict[str, Any]:
    """Per month of the period: cumulative spending (up to the current month), the linear budget
    line (the grant spread evenly over the days) and the forecast (the current pace continued
    from today to the end). Amounts as strings with two decimals, for json_script and the table."""
    totaal_dagen = dagen_in(begindatum, einddatum)
    besteed_totaal = sum(per_maand.values(), NUL)
    p = prognose(begroot=bedrag, besteed=besteed_totaal, begindatum=begindatum, einddatum=einddatum, vandaag=vandaag)
    per_dag = besteed_totaal / p.dagen_verstreken if p.fase == Fase.LOOPT else None
    rijen: list[dict[str, Any]] = []
    cumulatief = NUL
    for jaar, maand in maanden(begindatum, einddatum):
        einde = min(_maand_einde(jaar, maand), einddatum)
        cumulatief += per_maand.get((jaar, maand), NUL)
        gestart = (jaar, maand) <= (vandaag.year, vandaag.month)
        begroting = (bedrag * dagen_in(begindatum, einde) / totaal_dagen).quantize(CENT, rounding=ROUND_HALF_UP)
        verwacht = None
        if per_dag is not None and einde >= vandaag:
            verwacht = (besteed_totaal + per_dag * (einde - vandaag).days).quantize(CENT, rounding=ROUND_HALF_UP)
        rijen.append(
            {
                "label": f"{MAANDEN[maand - 1]} {jaar}",
                "besteed": cumulatief if gestart else None,
                "begroting": begroting,
                "prognose": verwacht,
            }
        )
    return {
        "rijen": rijen,
        "json": {
            "labels": [r["label"] for r in rijen],
            "reeksen": [
                {"label": "Besteed (cumulatief)", "data": [_getal(r["besteed"]) for r in rijen]},
                {"label": "Begroting (lineair)", "data": [_getal(r["begroting"]) for r in rijen]},
                {"label": "Prognose", "data": [_getal(r["prognose"]) for r in rijen]},
            ],
        },
    }


def _getal(waarde: Decimal | None) -> str | None:
    return None if waarde is None else f"{waarde:.2f}"


# --- selectors -----------------------------------------------------------------------------------------


def _som_uitgaven(**filter: Any) -> Coalesce:
    """The sum of the expenses matched by ``filter`` (with OuterRef), as a subquery: a join would
    multiply rows when more than one sum is annotated."""
    som = Uitgave.objects.filter(**filter).order_by().values(*filter.keys()).annotate(som=Sum("bedrag")).values("som")
    return Coalesce(Subquery(som), Value(NUL), output_field=DecimalField(max_digits=12, decimal_places=2))


def toekenningen_overzicht(toekenningen: QuerySet[Toekenning]) -> QuerySet[Toekenning]:
    """Grants with their funding stream and ``besteed`` (sum of expenses): one query."""
    return toekenningen.select_related("regeling").annotate(besteed=_som_uitgaven(toekenning=OuterRef("pk")))


def _op_soort(posten: Iterable[Begrotingspost]) -> list[Begrotingspost]:
    """Budget lines in the order of the kinds (personeel, activiteiten, materiaal, overig). (Sorted
    here, so the query leaves out the model's ordering, which would join the grant for nothing.)"""
    volgorde = {soort: n for n, soort in enumerate(Begrotingssoort.values)}
    return sorted(posten, key=lambda post: volgorde.get(post.soort, len(volgorde)))


def posten_overzicht(toekenning: Toekenning) -> list[Begrotingspost]:
    """The budget lines of a grant with ``besteed`` per line, in the order of the kinds: one query."""
    return _op_soort(toekenning.posten.annotate(besteed=_som_uitgaven(post=OuterRef("pk"))).order_by())


def posten_van(toekenning: Toekenning) -> list[Begrotingspost]:
    """The budget lines of a grant in the order of the kinds, without sums: one query. For a page
    that lists all the grant's expenses anyway and adds them up itself (``tel_besteed``)."""
    return _op_soort(toekenning.posten.order_by())


def tel_besteed(posten: list[Begrotingspost], uitgaven: Iterable[Mapping[str, Any]]) -> None:
    """Put ``besteed`` on each budget line, the sum of its expenses (rows with ``post_id`` and
    ``bedrag``, all of the grant's): what ``posten_overzicht`` asks the database for."""
    per_post: dict[int, Decimal] = {}
    for uitgave in uitgaven:
        per_post[uitgave["post_id"]] = per_post.get(uitgave["post_id"], NUL) + uitgave["bedrag"]
    for post in posten:
        post.besteed = per_post.get(post.pk, NUL)  # type: ignore[attr-defined]


def uitgaven_per_maand(toekenning: Toekenning) -> dict[tuple[int, int], Decimal]:
    """Spending per calendar month of a grant: one query."""
    rijen = (
        Uitgave.objects.filter(toekenning=toekenning)
        .annotate(maand=TruncMonth("datum"))
        .order_by()
        .values("maand")
        .annotate(som=Sum("bedrag"))
    )
    return {(r["maand"].year, r["maand"].month): r["som"] for r in rijen}


def som_per_maand(uitgaven: Iterable[Mapping[str, Any]]) -> dict[tuple[int, int], Decimal]:
    """``uitgaven_per_maand`` from the expenses of one grant that are already fetched (rows with
    ``datum`` and ``bedrag``; the grant's page lists them all): the same sums, no second query."""
    per_maand: dict[tuple[int, int], Decimal] = {}
    for uitgave in uitgaven:
        datum = uitgave["datum"]
        sleutel = (datum.year, datum.month)
        per_maand[sleutel] = per_maand.get(sleutel, NUL) + uitgave["bedrag"]
    return per_maand


def met_prognose(items: list[Any], *, vandaag: dt.date, toekenning: Toekenning | None = None) -> list[Any]:
    """Put a ``prognose`` on each annotated grant (or, given ``toekenning``, each budget line)."""
    for item in items:
        periode = toekenning or item
        item.prognose = prognose(
            begroot=item.bedrag,
            besteed=item.besteed,
            begindatum=periode.begindatum,
            einddatum=periode.einddatum,
            vandaag=vandaag,
        )
    return items
