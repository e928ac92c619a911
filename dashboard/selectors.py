"""The dashboards' figures: one set of indicators per school and school year, computed for any
number of schools with aggregate SQL grouped by school (and school year), so a dashboard costs
``AANTAL_QUERIES`` queries whether it shows one school or thirty-six.

Definitions (the same on the school dashboard and the board's comparison):

- **leerlingen**: pupils at the school at some point in the school year (instroom ≤ 31 Jul and no
  uitstroom before 1 Aug);
- **deelnemers**: pupils present at least once at a held session (not cancelled, not after the
  reference date) of an activity of that school year; **bereik** = deelnemers / leerlingen;
- **uren per deelnemer**: attended pupil-hours / deelnemers, and per week over the 40 school weeks
  of a year (as in activiteiten.bereik);
- **opkomst**: present / attendance registered, in percent;
- **gezinnen bij ouderactiviteiten**: unique families checked in at a held parent activity of the
  year (walk-ins without a family link count once each: ``los``);
- **signalen** by category and status, created in the year; **mediaan eerste actie**: median hours
  from a signal's creation to its first action (signals with a first action only);
- **FSP**: walk-in questions per month (answered on the spot or not) and intakes per month by status;
  **doorverwijzingen** per partner kind, referred in the year;
- **subsidies**: grants running in the school year (not rejected): amount, the expenses recorded,
  and the linear forecast of subsidies.prognose (as on the grant pages; before a grant starts its
  forecast is what was spent); **deadlines**: open, within 30 days and overdue.

Counts about people are shown through :func:`onderdruk` (1–4 → "<5") on every dashboard.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.core.cache import cache
from django.db.models import (
    Aggregate,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from redis.exceptions import RedisError

from activiteiten.bereik import selectors as _bereik
from activiteiten.bereik.selectors import SCHOOLWEKEN_PER_JAAR, BereikRij, _minuten, deel
from activiteiten.models import Binnenkomst, Ouderactiviteit, Presentie, PresentieStatus
from familieschool.models import School, Schooljaar
from gezinnen.models import Doorverwijzing, Hulpvraag, Leerling, Signaal, Vraag
from subsidies.models import Deadline, Toekenning, ToekenningStatus, Uitgave
from subsidies.prognose import prognose

# leerlingen, presentie, ouderactiviteiten, binnenkomsten, signalen, mediaan, vragen, hulpvragen,
# doorverwijzingen, toekenningen, deadlines.
AANTAL_QUERIES = 11
BINNENKORT_DAGEN = 30


class _Startjaar(Func):
    """The school year a date falls in: 1 Aug – 31 Jul, so the year of (date − 7 months)."""

    template = "EXTRACT(YEAR FROM (%(expressions)s - INTERVAL '7 months'))::integer"
    output_field = IntegerField()


class _Seconden(Func):
    """The length of an interval in seconds."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


class _Mediaan(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median of the grouped rows."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass
class Subsidiecijfers:
    toekenningen: int = 0
    budget: Decimal = Decimal("0.00")
    besteed: Decimal = Decimal("0.00")
    prognose: Decimal = Decimal("0.00")

    @property
    def verschil(self) -> Decimal:
        """Projected spending minus budget: positive is an overspend."""
        return self.prognose - self.budget


@dataclass
class Jaarcijfers:
    """The indicators of one school in one school year."""

    school_id: int
    startjaar: int
    leerlingen: int = 0
    deelnemers: int = 0
    minuten_aanwezig: int = 0
    aanwezig: int = 0
    geregistreerd: int = 0
    ouderactiviteiten: int = 0
    gezinnen: int = 0
    los: int = 0
    signalen_per_categorie: dict[str, int] = field(default_factory=dict)
    signalen_per_status: dict[str, int] = field(default_factory=dict)
    mediaan_eerste_actie_uren: Decimal | None = None
    vragen_per_maand: dict[dt.date, dict[str, int]] = field(default_factory=dict)
    hulpvragen_per_maand: dict[dt.date, dict[str, int]] = field(default_factory=dict)
    doorverwijzingen_per_soort: dict[str, int] = field(default_factory=dict)
    subsidies: Subsidiecijfers = field(default_factory=Subsidiecijfers)
    deadlines_binnenkort: int = 0
    deadlines_te_laat: int = 0

    @property
    def bereik(self) -> Decimal | None:
        return deel(self.deelnemers, self.leerlingen, factor=100)

    @property
    def uren_per_deelnemer(self) -> Decimal | None:
        return deel(self.minuten_aanwezig, 60 * self.deelnemers) if self.deelnemers else None

    @property
    def uren_per_deelnemer_per_week(self) -> Decimal | None:
        if not self.deelnemers:
            return None
        return deel(self.minuten_aanwezig, 60 * self.deelnemers * SCHOOLWEKEN_PER_JAAR, decimalen=2)

    @property
    def opkomst(self) -> Decimal | None:
        return deel(self.aanwezig, self.geregistreerd, factor=100)

    @property
    def signalen(self) -> int:
        return sum(self.signalen_per_categorie.values())

    @property
    def gezinnen_bereikt(self) -> int:
        return self.gezinnen + self.los

    @property
    def vragen(self) -> int:
        return sum(m["totaal"] for m in self.vragen_per_maand.values())

    @property
    def hulpvragen(self) -> int:
        return sum(sum(m.values()) for m in self.hulpvragen_per_maand.values())

    @property
    def doorverwijzingen(self) -> int:
        return sum(self.doorverwijzingen_per_soort.values())


def _jaren(schooljaren: list[Schooljaar]) -> tuple[dt.date, dt.date, list[int]]:
    return (
        min(j.begindatum for j in schooljaren),
        max(j.einddatum for j in schooljaren),
        [j.startjaar for j in schooljaren],
    )


def jaarcijfers(
    *, scholen: list[School], schooljaren: list[Schooljaar], peildatum: dt.date | None = None
) -> dict[tuple[int, int], Jaarcijfers]:
    """(school id, startjaar) → the indicators, in ``AANTAL_QUERIES`` queries."""
    peildatum = peildatum or timezone.localdate()
    school_ids = [s.pk for s in scholen]
    begin, einde, startjaren = _jaren(schooljaren)
    cijfers = {(s, j): Jaarcijfers(school_id=s, startjaar=j) for s in school_ids for j in startjaren}

    def rij(school_id: int, startjaar: int | None) -> Jaarcijfers | None:
        return cijfers.get((school_id, startjaar)) if startjaar is not None else None

    # 1. Pupils per school and year (a pupil counts in every year they were at the school).
    per_jaar = {
        f"j{j.startjaar}": Count(
            "pk",
            filter=(Q(instroomdatum__isnull=True) | Q(instroomdatum__lte=j.einddatum))
            & (Q(uitstroomdatum__isnull=True) | Q(uitstroomdatum__gte=j.begindatum)),
        )
        for j in schooljaren
    }
    for r in Leerling.objects.filter(school_id__in=school_ids).values("school_id").annotate(**per_jaar).order_by():
        for j in startjaren:
            cijfers[(r["school_id"], j)].leerlingen = r[f"j{j}"]

    # 2. Attendance of held sessions.
    aanwezig = Q(status=PresentieStatus.AANWEZIG)
    for r in (
        Presentie.objects.filter(
            bijeenkomst__activiteit__school_id__in=school_ids,
            bijeenkomst__activiteit__blok__schooljaar__startjaar__in=startjaren,
            bijeenkomst__geannuleerd=False,
            bijeenkomst__datum__lte=peildatum,
        )
        .values(
            school_id=F("bijeenkomst__activiteit__school_id"),
            jaar=F("bijeenkomst__activiteit__blok__schooljaar__startjaar"),
        )
        .annotate(
            deelnemers=Count("leerling_id", distinct=True, filter=aanwezig),
            aanwezig=Count("pk", filter=aanwezig),
            geregistreerd=Count("pk"),
            minuten=Coalesce(Sum(_minuten("bijeenkomst__"), filter=aanwezig), 0),
        )
        .order_by()
    ):
        if c := rij(r["school_id"], r["jaar"]):
            c.deelnemers, c.aanwezig, c.geregistreerd = r["deelnemers"], r["aanwezig"], r["geregistreerd"]
            c.minuten_aanwezig = r["minuten"]

    # 3. Parent activities held.
    for r in (
        Ouderactiviteit.objects.filter(
            school_id__in=school_ids, geannuleerd_op__isnull=True, datum__range=(begin, min(einde, peildatum))
        )
        .annotate(jaar=_Startjaar(F("datum")))
        .values("school_id", "jaar")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if c := rij(r["school_id"], r["jaar"]):
            c.ouderactiviteiten = r["n"]

    # 4. Families reached at parent activities.
    for r in (
        Binnenkomst.objects.filter(
            ouderactiviteit__school_id__in=school_ids,
            ouderactiviteit__geannuleerd_op__isnull=True,
            ouderactiviteit__datum__range=(begin, einde),
        )
        .annotate(jaar=_Startjaar(F("ouderactiviteit__datum")))
        .values("jaar", school_id=F("ouderactiviteit__school_id"))
        .annotate(gezinnen=Count("gezin_id", distinct=True), los=Count("pk", filter=Q(gezin_id__isnull=True)))
        .order_by()
    ):
        if c := rij(r["school_id"], r["jaar"]):
            c.gezinnen, c.los = r["gezinnen"], r["los"]

    # 5. Signals by category and status.
    signalen = Signaal.objects.filter(school_id__in=school_ids, created_at__date__range=(begin, einde)).annotate(
        jaar=_Startjaar(F("created_at__date"))
    )
    for r in signalen.values("school_id", "jaar", "categorie", "status").annotate(n=Count("pk")).order_by():
        if c := rij(r["school_id"], r["jaar"]):
            c.signalen_per_categorie[r["categorie"]] = c.signalen_per_categorie.get(r["categorie"], 0) + r["n"]
            c.signalen_per_status[r["status"]] = c.signalen_per_status.get(r["status"], 0) + r["n"]

    # 6. Median time to the first action, in hours.
    duur = ExpressionWrapper(F("eerste_actie_op") - F("created_at"), output_field=DurationField())
    for r in (
        signalen.filter(eerste_actie_op__isnull=False)
        .values("school_id", "jaar")
        .annotate(mediaan=_Mediaan(_Seconden(duur)))
        .order_by()
    ):
        if (c := rij(r["school_id"], r["jaar"])) and r["mediaan"] is not None:
            c.mediaan_eerste_actie_uren = (Decimal(str(r["mediaan"])) / 3600).quantize(Decimal("0.1"))

    # 7. Walk-in questions per month.
    for r in (
        Vraag.objects.filter(school_id__in=school_ids, gesteld_op__date__range=(begin, einde))
        .annotate(maand=TruncMonth("gesteld_op", output_field=DateField()), jaar=_Startjaar(F("gesteld_op__date")))
        .values("school_id", "jaar", "maand")
        .annotate(totaal=Count("pk"), ter_plekke=Count("pk", filter=Q(ter_plekke_beantwoord=True)))
        .order_by()
    ):
        if c := rij(r["school_id"], r["jaar"]):
            c.vragen_per_maand[r["maand"]] = {"totaal": r["totaal"], "ter_plekke": r["ter_plekke"]}

    # 8. Intakes per month by status.
    for r in (
        Hulpvraag.objects.filter(school_id__in=school_ids, created_at__date__range=(begin, einde))
        .annotate(maand=TruncMonth("created_at", output_field=DateField()), jaar=_Startjaar(F("created_at__date")))
        .values("school_id", "jaar", "maand", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if c := rij(r["school_id"], r["jaar"]):
            c.hulpvragen_per_maand.setdefault(r["maand"], {})[r["status"]] = r["n"]

    # 9. Referrals per partner kind.
    for r in (
        Doorverwijzing.objects.filter(school_id__in=school_ids, datum__range=(begin, einde))
        .annotate(jaar=_Startjaar(F("datum")))
        .values("school_id", "jaar", soort=F("partner__soort"))
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if c := rij(r["school_id"], r["jaar"]):
            c.doorverwijzingen_per_soort[r["soort"] or "overig"] = r["n"]

    # 10. Grants running in the year: amount, spent so far and the forecast.
    besteed = (
        Uitgave.objects.filter(toekenning=OuterRef("pk")).values("toekenning").annotate(s=Sum("bedrag")).values("s")
    )
    for t in (
        Toekenning.objects.filter(school_id__in=school_ids, begindatum__lte=einde, einddatum__gte=begin)
        .exclude(status=ToekenningStatus.AFGEWEZEN)
        .annotate(besteed=Coalesce(Subquery(besteed), Value(Decimal("0.00"))))
        .values("school_id", "bedrag", "begindatum", "einddatum", "besteed")
    ):
        stand = prognose(
            begroot=t["bedrag"],
            besteed=t["besteed"],
            begindatum=t["begindatum"],
            einddatum=t["einddatum"],
            vandaag=peildatum,
        )
        for jaar in schooljaren:
            if t["begindatum"] <= jaar.einddatum and t["einddatum"] >= jaar.begindatum:
                s = cijfers[(t["school_id"], jaar.startjaar)].subsidies
                s.toekenningen += 1
                s.budget += t["bedrag"]
                s.besteed += t["besteed"]
                s.prognose += stand.verwacht if stand.verwacht is not None else stand.besteed

    # 11. Open deadlines within 30 days, and overdue (today's figures, shown with every year).
    grens = peildatum + dt.timedelta(days=BINNENKORT_DAGEN)
    for r in (
        Deadline.objects.filter(school_id__in=school_ids, afgerond_op__isnull=True, datum__lte=grens)
        .values("school_id")
        .annotate(binnenkort=Count("pk"), te_laat=Count("pk", filter=Q(datum__lt=peildatum)))
        .order_by()
    ):
        for j in startjaren:
            cijfers[(r["school_id"], j)].deadlines_binnenkort = r["binnenkort"]
            cijfers[(r["school_id"], j)].deadlines_te_laat = r["te_laat"]

    return cijfers


def schooljaar_en_vorige(startjaar: int) -> list[Schooljaar]:
    """The school year and the one before it (created when missing, as the core does)."""
    from familieschool.selectors import schooljaar_for_date

    return [schooljaar_for_date(dt.date(startjaar, 9, 1)), schooljaar_for_date(dt.date(startjaar - 1, 9, 1))]


def bereik_per_groep(*, school: School, schooljaar: Schooljaar, peildatum: dt.date | None = None) -> list[BereikRij]:
    """Reach per groep of one school in one school year (one query; the school dashboard only:
    groups are per school, so the board compares schools, not groups)."""
    return _bereik.bereik_per_groep(_bereik.periode(school=school, schooljaar=schooljaar, peildatum=peildatum))


# --- figures kept for a few minutes ----------------------------------------------------------------

# A dashboard is read for a meeting, not to follow the minute: recomputing a year of a school's
# attendance (~17,000 rows for a large school's two years) on each click, or the whole board's
# (~570,000 rows at board scale), is what made the dashboards the slowest pages
# (docs/performance.md). Their figures are kept for ten minutes and the page says when they were
# computed; when the cache is down they are computed afresh, so a dashboard never fails on Redis.
CACHE_SECONDEN = 600
T = TypeVar("T")
logger = logging.getLogger(__name__)


def bewaard(sleutel: str, seconden: int, bereken: Callable[[], T]) -> tuple[T, dt.datetime]:
    """(``bereken()``, when it was computed), from the cache when younger than ``seconden``;
    computed afresh (with a warning in the log) when the cache is down."""
    waarde: tuple[T, dt.datetime] | None = None
    try:
        waarde = cache.get(sleutel)
    except RedisError:
        logger.warning("Cache niet bereikbaar; %s wordt opnieuw berekend.", sleutel)
    if waarde is None:
        waarde = (bereken(), timezone.now())
        # A dashboard or start page without Redis still shows its figures (make drill-redis).
        with contextlib.suppress(RedisError):
            cache.set(sleutel, waarde, seconden)
    return waarde


@dataclass(frozen=True)
class Schoolcijfers:
    """The school dashboard's figures: both years' indicators and this year's reach per groep."""

    huidig: Jaarcijfers
    vorig: Jaarcijfers
    groepen: list[BereikRij]


def schoolcijfers(
    *, school: School, huidig: Schooljaar, vorig: Schooljaar, peildatum: dt.date
) -> tuple[Schoolcijfers, dt.datetime]:
    """(the school dashboard's figures of ``school``, when they were computed): 11 + 1 queries,
    none within ten minutes of the last computation for the same school, years and date."""

    def bereken() -> Schoolcijfers:
        cijfers = jaarcijfers(scholen=[school], schooljaren=[huidig, vorig], peildatum=peildatum)
        return Schoolcijfers(
            huidig=cijfers[(school.pk, huidig.startjaar)],
            vorig=cijfers[(school.pk, vorig.startjaar)],
            groepen=bereik_per_groep(school=school, schooljaar=huidig, peildatum=peildatum),
        )

    sleutel = f"dashboard:school:{school.pk}:{huidig.startjaar}:{vorig.startjaar}:{peildatum.isoformat()}"
    return bewaard(sleutel, CACHE_SECONDEN, bereken)


def bestuurscijfers(
    *, bestuur_id: int, scholen: list[School], schooljaar: Schooljaar, peildatum: dt.date
) -> tuple[dict[tuple[int, int], Jaarcijfers], dt.datetime]:
    """(the figures of ``jaarcijfers`` for these schools and one year, when they were computed),
    kept per board, year and set of schools for ten minutes."""
    ids = ",".join(str(s.pk) for s in sorted(scholen, key=lambda s: s.pk))
    scholen_hash = hashlib.sha256(ids.encode()).hexdigest()[:16]
    sleutel = f"dashboard:bestuur:{bestuur_id}:{schooljaar.startjaar}:{peildatum.isoformat()}:{scholen_hash}"
    return bewaard(
        sleutel,
        CACHE_SECONDEN,
        lambda: jaarcijfers(scholen=scholen, schooljaren=[schooljaar], peildatum=peildatum),
    )
