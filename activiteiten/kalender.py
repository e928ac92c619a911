"""The school calendar: holidays of regio Noord (Amsterdam), public holidays (the `holidays`
package) and a school's own studiedagen; sessions skip every closure.

The government sets the school holidays per region; the autumn and spring holidays are advisory,
so a school may shift them: the regional rows are a starting point that a school can add to.
Dates for regio Noord: 2025–2026 from reference/domain.md §2.3 (verified there); 2026–2027 are
the expected dates and must be checked against the government's schedule before use (they are
data rows: a coordinator corrects them without a release). Later years are added as published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import holidays
from django.db.models import Q

from activiteiten.models import Sluiting
from familieschool.models import School, Schooljaar

D = dt.date

VAKANTIES_REGIO_NOORD: dict[int, list[tuple[str, D, D]]] = {
    2025: [
        ("Herfstvakantie", D(2025, 10, 18), D(2025, 10, 26)),
        ("Kerstvakantie", D(2025, 12, 20), D(2026, 1, 4)),
        ("Voorjaarsvakantie", D(2026, 2, 21), D(2026, 3, 1)),
        ("Meivakantie", D(2026, 4, 18), D(2026, 5, 3)),
        ("Zomervakantie", D(2026, 7, 4), D(2026, 8, 16)),
    ],
    2026: [
        ("Herfstvakantie", D(2026, 10, 17), D(2026, 10, 25)),
        ("Kerstvakantie", D(2026, 12, 19), D(2027, 1, 3)),
        ("Voorjaarsvakantie", D(2027, 2, 20), D(2027, 2, 28)),
        ("Meivakantie", D(2027, 4, 24), D(2027, 5, 2)),
        ("Zomervakantie", D(2027, 7, 17), D(2027, 8, 29)),
    ],
}


def regio_noord_rijen(startjaar: int) -> list[tuple[str, str, dt.date, dt.date]]:
    """(soort, naam, van, tot en met) of the regional holidays and the weekday public holidays
    of a school year."""
    rijen = [("vakantie", naam, van, tot) for naam, van, tot in VAKANTIES_REGIO_NOORD.get(startjaar, [])]
    begin, einde = D(startjaar, 8, 1), D(startjaar + 1, 7, 31)
    for datum, naam in sorted(holidays.country_holidays("NL", years=[startjaar, startjaar + 1], language="nl").items()):
        if begin <= datum <= einde and datum.weekday() < 5:
            rijen.append(("feestdag", naam, datum, datum))
    return rijen


def seed_regio_noord(*, startjaar: int, model: Any = None) -> int:
    """Create the regional holidays and the public holidays of a school year (idempotent);
    returns how many rows are new. ``model`` lets a data migration pass its historical model."""
    model = model or Sluiting
    nieuw = 0
    for soort, naam, van, tot in regio_noord_rijen(startjaar):
        _, gemaakt = model.objects.get_or_create(
            school=None, soort=soort, naam=naam, van=van, defaults={"tot_en_met": tot}
        )
        nieuw += gemaakt
    return nieuw


def voorgestelde_blokken(*, startjaar: int, gesloten: list[Sluiting]) -> list[tuple[dt.date, dt.date]]:
    """The periods between the holidays of a school year, Monday to Friday: the natural blocks
    (reference/domain.md §5: courses run between two holidays)."""
    begin, einde = Schooljaar.grenzen(startjaar)
    vakanties = sorted((s for s in gesloten if s.soort == Sluiting.Soort.VAKANTIE), key=lambda s: s.van)
    perioden = []
    van = begin
    for vakantie in [*vakanties, None]:
        tot = einde if vakantie is None else vakantie.van - dt.timedelta(days=1)
        # From the first Monday on or after ``van`` to the last Friday on or before ``tot``.
        maandag = van + dt.timedelta(days=(0 - van.weekday()) % 7)
        vrijdag = tot - dt.timedelta(days=(tot.weekday() - 4) % 7)
        if vrijdag - maandag >= dt.timedelta(days=11):  # at least two school weeks
            perioden.append((maandag, vrijdag))
        if vakantie is not None:
            van = vakantie.tot_en_met + dt.timedelta(days=1)
    return perioden


def sluitingen(*, school: School, van: dt.date, tot: dt.date) -> list[Sluiting]:
    """Closures that touch [van, tot]: the region's and the school's own."""
    return list(
        Sluiting.objects.filter(Q(school__isnull=True) | Q(school=school), van__lte=tot, tot_en_met__gte=van).order_by(
            "van"
        )
    )


def is_gesloten(datum: dt.date, gesloten: Iterable[Sluiting]) -> Sluiting | None:
    return next((s for s in gesloten if s.van <= datum <= s.tot_en_met), None)


def lesdagen(*, weekdag: int, van: dt.date, tot: dt.date, gesloten: list[Sluiting]) -> list[dt.date]:
    """Every ``weekdag`` (0 = Monday) from ``van`` to ``tot`` on which the school is open."""
    eerste = van + dt.timedelta(days=(weekdag - van.weekday()) % 7)
    dagen = []
    datum = eerste
    while datum <= tot:
        if is_gesloten(datum, gesloten) is None:
            dagen.append(datum)
        datum += dt.timedelta(days=7)
    return dagen
