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

import holidays
from django.db.models import Q

from activiteiten.models import Sluiting
from familieschool.models import School

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


def seed_regio_noord(*, startjaar: int) -> int:
    """Create the regional holidays and the public holidays of a school year (idempotent);
    returns how many rows are new."""
    nieuw = 0
    rijen = [(Sluiting.Soort.VAKANTIE, naam, van, tot) for naam, van, tot in VAKANTIES_REGIO_NOORD.get(startjaar, [])]
    begin, einde = D(startjaar, 8, 1), D(startjaar + 1, 7, 31)
    for datum, naam in sorted(holidays.country_holidays("NL", years=[startjaar, startjaar + 1], language="nl").items()):
        if begin <= datum <= einde and datum.weekday() < 5:
            rijen.append((Sluiting.Soort.FEESTDAG, naam, datum, datum))
    for soort, naam, van, tot in rijen:
        _, gemaakt = Sluiting.objects.get_or_create(
            school=None, soort=soort, naam=naam, van=van, defaults={"tot_en_met": tot}
        )
        nieuw += gemaakt
    return nieuw


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
