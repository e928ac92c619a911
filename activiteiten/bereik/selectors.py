"""Reach figures of the Rijke schooldag for one school, per school year or per block
(reference/domain.md §3.2 and §5). Every figure is an SQL aggregate: no function here loops over
pupils, sessions or attendance rows in Python, and each runs a fixed number of queries whatever
the size of the school (``bereikcijfers`` runs ``AANTAL_QUERIES``).

Definitions (what the page and its tests mean by each word):

- **Periode** — a school year, or one block of it. The *activities of the period* are the
  school's activities in the blocks of that school year (or in that block).
- **Gehouden bijeenkomst** (held session) — a session of an activity of the period that is not
  cancelled and whose date is on or before the peildatum (today, unless a test fixes it).
- **Duur** of a held session — its ``werkelijke_minuten`` when recorded, else the planned end
  minus start time; hours are clock hours of 60 minutes.
- **Leerlingen** — the school's pupils enrolled at any point of the period: instroomdatum empty
  or on/before the period's last day, and uitstroomdatum empty or on/after its first day. They
  are broken down by their groep and jaargroep as the administration holds them now (the pupil
  import keeps only the current placement, so for an earlier school year this is today's groep).
- **Ingeschreven** — a pupil placed (status geplaatst) in at least one activity of the period.
- **Deelnemer** (participating pupil) — a pupil with at least one attendance "aanwezig" at a
  held session of the period. Being placed alone is not taking part.
- **Bereik** (share) — deelnemers / leerlingen, per groep, per jaargroep and for the school;
  both counted among the pupils of the period, so a share never exceeds 100 %.
- **Uren per deelnemer per week** — the hours present (the duration of every held session a pupil
  attended, summed over all attendances "aanwezig") / deelnemers / weken.
- **Weken** — for a school year: 40 school weeks, the weighting of School & Omgeving
  (domain.md §3.2), whatever part of the year has passed; for a block: the number of distinct
  ISO weeks with at least one held session (the weeks delivered). The weeks delivered are also
  reported for a school year (S&O cat. A must show 55 over two years).
- **Aangeboden uren per week** — the hours of all held sessions / weken (the vestiging's offer).
- **Opkomst** (attendance rate) — attendances "aanwezig" / every attendance registered for a held
  session (aanwezig + afwezig met reden + afwezig). Sessions without a register do not count.
- **Per ontwikkelgebied** — activities of the period, held sessions and their hours, deelnemers
  (distinct; a pupil can count in several areas) and pupils placed.
- **Doorstroom** — a pupil became a member of a club: counted in the period of the activity it
  followed, or, when no activity is recorded, in the period its date falls in. Per soort of the
  club, and the distinct pupils in total.

Small-number suppression is not done here: these are exact numbers; the view decides who sees
them as "<5" (activiteiten.bereik.weergave).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from activiteiten.models import (
    Activiteit,
    Bijeenkomst,
    Blok,
    Doorstroom,
    Inschrijving,
    InschrijvingStatus,
    Ontwikkelgebied,
    Presentie,
    PresentieStatus,
)
from familieschool.models import School, Schooljaar
from gezinnen.models import Jaargroep, Leerling
from partners.models import PartnerSoort

SCHOOLWEKEN_PER_JAAR = 40
# Per groep, per jaargroep, attendance, sessions, three per ontwikkelgebied (activities, sessions,
# attendance) and doorstroom; building the period itself runs none.
AANTAL_QUERIES = 8


class _GeplandeMinuten(Func):
    """Planned minutes of a session: end − start (PostgreSQL time − time is an interval)."""

    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 60)::integer"
    arg_joiner = " - "
    output_field = IntegerField()


class _IsoWeek(Func):
    """The ISO year and week of a date, e.g. "2025-38"."""

    function = "to_char"
    template = "to_char(%(expressions)s, 'IYYY-IW')"
    output_field = CharField()


def _minuten(prefix: str = "") -> Coalesce:
    return Coalesce(
        F(f"{prefix}werkelijke_minuten"),
        _GeplandeMinuten(F(f"{prefix}eindtijd"), F(f"{prefix}begintijd")),
        output_field=IntegerField(),
    )


def deel(teller: int | Decimal, noemer: int | Decimal, *, decimalen: int = 1, factor: int = 1) -> Decimal | None:
    if not noemer:
        return None
    waarde = Decimal(teller) * factor / Decimal(noemer)
    return waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def _uren(minuten: int) -> Decimal:
    return (Decimal(minuten) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- the period -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    school: School
    schooljaar: Schooljaar
    blok: Blok | None
    peildatum: dt.date

    @property
    def begin(self) -> dt.date:
        return self.blok.begindatum if self.blok else self.schooljaar.begindatum

    @property
    def einde(self) -> dt.date:
        return self.blok.einddatum if self.blok else self.schooljaar.einddatum

    @property
    def naam(self) -> str:
        return f"{self.blok.naam} ({self.schooljaar})" if self.blok else f"schooljaar {self.schooljaar}"

    def activiteiten(self) -> QuerySet[Activiteit]:
        qs = Activiteit.objects.filter(school=self.school, blok__schooljaar=self.schooljaar)
        return qs.filter(blok=self.blok) if self.blok else qs

    def gehouden(self, prefix: str = "") -> Q:
        """Held sessions; ``prefix`` is the path to the session (e.g. "bijeenkomst__")."""
        return Q(**{f"{prefix}geannuleerd": False, f"{prefix}datum__lte": self.peildatum})

    def bijeenkomsten(self) -> QuerySet[Bijeenkomst]:
        return Bijeenkomst.objects.filter(activiteit__in=self.activiteiten())

    def presenties(self) -> QuerySet[Presentie]:
        """Attendance registered for the held sessions of the period."""
        return Presentie.objects.filter(bijeenkomst__activiteit__in=self.activiteiten()).filter(
            self.gehouden("bijeenkomst__")
        )

    def leerlingen(self) -> QuerySet[Leerling]:
        return Leerling.objects.filter(
            Q(instroomdatum__isnull=True) | Q(instroomdatum__lte=self.einde),
            Q(uitstroomdatum__isnull=True) | Q(uitstroomdatum__gte=self.begin),
            school=self.school,
        )


def periode(
    *, school: School, schooljaar: Schooljaar, blok: Blok | None = None, peildatum: dt.date | None = None
) -> Periode:
    if blok is not None and (blok.school_id != school.pk or blok.schooljaar_id != schooljaar.pk):
        raise ValueError("Het blok hoort niet bij deze school en dit schooljaar.")
    return Periode(school=school, schooljaar=schooljaar, blok=blok, peildatum=peildatum or timezone.localdate())


# --- reach per groep and jaargroep ------------------------------------------------------------------


@dataclass(frozen=True)
class BereikRij:
    sleutel: str
    naam: str
    leerlingen: int
    ingeschreven: int
    deelnemers: int

    @property
    def bereik(self) -> Decimal | None:
        """Deelnemers as a percentage of the pupils, one decimal."""
        return deel(self.deelnemers, self.leerlingen, factor=100)


def _met_deelname(periode: Periode) -> QuerySet[Leerling]:
    activiteiten = periode.activiteiten()
    ingeschreven = Inschrijving.objects.filter(
        leerling=OuterRef("pk"), activiteit__in=activiteiten, status=InschrijvingStatus.GEPLAATST
    )
    aanwezig = periode.presenties().filter(leerling=OuterRef("pk"), status=PresentieStatus.AANWEZIG)
    return periode.leerlingen().annotate(is_ingeschreven=Exists(ingeschreven), is_deelnemer=Exists(aanwezig))


def _tellingen() -> dict[str, Count]:
    return {
        "n_leerlingen": Count("pk"),
        "n_ingeschreven": Count("pk", filter=Q(is_ingeschreven=True)),
        "n_deelnemers": Count("pk", filter=Q(is_deelnemer=True)),
    }


def bereik_per_groep(periode: Periode) -> list[BereikRij]:
    """One query: pupils, placed pupils and deelnemers per groep (pupils without a groep last)."""
    rijen = (
        _met_deelname(periode)
        .values("groep_id", "groep__naam")
        .annotate(**_tellingen())
        .order_by(F("groep__naam").asc(nulls_last=True), "groep_id")
    )
    return [
        BereikRij(
            sleutel=str(rij["groep_id"] or ""),
            naam=rij["groep__naam"] or "Zonder groep",
            leerlingen=rij["n_leerlingen"],
            ingeschreven=rij["n_ingeschreven"],
            deelnemers=rij["n_deelnemers"],
        )
        for rij in rijen
    ]


def bereik_per_jaargroep(periode: Periode) -> list[BereikRij]:
    """One query: the same counts per jaargroep, in the order of the jaargroep codes."""
    volgorde = {code: n for n, code in enumerate(Jaargroep.values)}
    rijen = _met_deelname(periode).values("jaargroep").annotate(**_tellingen()).order_by()
    resultaat = [
        BereikRij(
            sleutel=rij["jaargroep"],
            naam=Jaargroep(rij["jaargroep"]).label if rij["jaargroep"] in volgorde else "Onbekend",
            leerlingen=rij["n_leerlingen"],
            ingeschreven=rij["n_ingeschreven"],
            deelnemers=rij["n_deelnemers"],
        )
        for rij in rijen
    ]
    return sorted(resultaat, key=lambda rij: volgorde.get(rij.sleutel, len(volgorde)))


def totaal(rijen: list[BereikRij]) -> BereikRij:
    """The school's total from the rows per groep (every pupil is in exactly one row)."""
    return BereikRij(
        sleutel="",
        naam="Totaal",
        leerlingen=sum(rij.leerlingen for rij in rijen),
        ingeschreven=sum(rij.ingeschreven for rij in rijen),
        deelnemers=sum(rij.deelnemers for rij in rijen),
    )


# --- attendance and sessions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Presentiecijfers:
    aanwezig: int
    afwezig_met_reden: int
    afwezig: int
    minuten_aanwezig: int

    @property
    def geregistreerd(self) -> int:
        return self.aanwezig + self.afwezig_met_reden + self.afwezig

    @property
    def opkomst(self) -> Decimal | None:
        """Attendance rate in percent, one decimal."""
        return deel(self.aanwezig, self.geregistreerd, factor=100)

    @property
    def uren_aanwezig(self) -> Decimal:
        return _uren(self.minuten_aanwezig)


def presentie_totalen(periode: Periode) -> Presentiecijfers:
    """One query over the attendance of the held sessions."""
    aanwezig = Q(status=PresentieStatus.AANWEZIG)
    totalen = periode.presenties().aggregate(
        aanwezig=Count("pk", filter=aanwezig),
        afwezig_met_reden=Count("pk", filter=Q(status=PresentieStatus.AFWEZIG_MET_REDEN)),
        afwezig=Count("pk", filter=Q(status=PresentieStatus.AFWEZIG)),
        minuten_aanwezig=Coalesce(Sum(_minuten("bijeenkomst__"), filter=aanwezig), 0),
    )
    return Presentiecijfers(**totalen)


@dataclass(frozen=True)
class Bijeenkomstcijfers:
    gepland: int
    geannuleerd: int
    gehouden: int
    minuten_gehouden: int
    weken_geleverd: int

    @property
    def nog_te_gaan(self) -> int:
        return self.gepland - self.geannuleerd - self.gehouden

    @property
    def uren_gehouden(self) -> Decimal:
        return _uren(self.minuten_gehouden)


def bijeenkomst_totalen(periode: Periode) -> Bijeenkomstcijfers:
    """One query over the sessions: planned, cancelled, held, their minutes and the ISO weeks."""
    gehouden = periode.gehouden()
    # Aliases may not shadow a field ("geannuleerd"): prefixed, then renamed.
    totalen = periode.bijeenkomsten().aggregate(
        n_gepland=Count("pk"),
        n_geannuleerd=Count("pk", filter=Q(geannuleerd=True)),
        n_gehouden=Count("pk", filter=gehouden),
        n_minuten_gehouden=Coalesce(Sum(_minuten(), filter=gehouden), 0),
        n_weken_geleverd=Count(_IsoWeek("datum"), distinct=True, filter=gehouden),
    )
    return Bijeenkomstcijfers(**{naam.removeprefix("n_"): waarde for naam, waarde in totalen.items()})


# --- per ontwikkelgebied ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GebiedRij:
    ontwikkelgebied: str
    naam: str
    activiteiten: int
    ingeschreven: int
    bijeenkomsten: int
    minuten_gehouden: int
    deelnemers: int
    minuten_aanwezig: int

    @property
    def uren_gehouden(self) -> Decimal:
        return _uren(self.minuten_gehouden)

    @property
    def uren_aanwezig(self) -> Decimal:
        return _uren(self.minuten_aanwezig)


def per_ontwikkelgebied(periode: Periode) -> list[GebiedRij]:
    """Three grouped queries (activities with placed pupils; held sessions with their minutes;
    deelnemers with their minutes present), kept apart so no join multiplies another's sums.
    Every ontwikkelgebied is listed, also those without activities."""
    activiteiten = {
        rij["ontwikkelgebied"]: rij
        for rij in periode.activiteiten()
        .values("ontwikkelgebied")
        .annotate(
            n=Count("pk", distinct=True),
            ingeschreven=Count(
                "inschrijvingen__leerling",
                distinct=True,
                filter=Q(inschrijvingen__status=InschrijvingStatus.GEPLAATST),
            ),
        )
        .order_by()
    }
    gehouden = periode.gehouden()
    bijeenkomsten = {
        rij["activiteit__ontwikkelgebied"]: rij
        for rij in periode.bijeenkomsten()
        .filter(gehouden)
        .values("activiteit__ontwikkelgebied")
        .annotate(n=Count("pk"), minuten=Sum(_minuten()))
        .order_by()
    }
    presenties = {
        rij["bijeenkomst__activiteit__ontwikkelgebied"]: rij
        for rij in periode.presenties()
        .filter(status=PresentieStatus.AANWEZIG)
        .values("bijeenkomst__activiteit__ontwikkelgebied")
        .annotate(deelnemers=Count("leerling", distinct=True), minuten=Sum(_minuten("bijeenkomst__")))
        .order_by()
    }
    leeg: dict[str, int] = {}
    return [
        GebiedRij(
            ontwikkelgebied=code,
            naam=naam,
            activiteiten=activiteiten.get(code, leeg).get("n", 0),
            ingeschreven=activiteiten.get(code, leeg).get("ingeschreven", 0),
            bijeenkomsten=bijeenkomsten.get(code, leeg).get("n", 0),
            minuten_gehouden=bijeenkomsten.get(code, leeg).get("minuten") or 0,
            deelnemers=presenties.get(code, leeg).get("deelnemers", 0),
            minuten_aanwezig=presenties.get(code, leeg).get("minuten") or 0,
        )
        for code, naam in Ontwikkelgebied.choices
    ]


# --- doorstroom ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoorstroomRij:
    soort: str
    naam: str
    aantal: int


@dataclass(frozen=True)
class Doorstroomcijfers:
    per_soort: list[DoorstroomRij]
    leerlingen: int  # distinct pupils; one pupil can join two clubs


def doorstroom(periode: Periode) -> Doorstroomcijfers:
    """One query: a conditional count per soort of club, and the distinct pupils."""
    qs = Doorstroom.objects.filter(leerling__school=periode.school).filter(
        Q(activiteit__in=periode.activiteiten())
        | Q(activiteit__isnull=True, datum__gte=periode.begin, datum__lte=periode.einde)
    )
    tellingen = qs.aggregate(
        _leerlingen=Count("leerling", distinct=True),
        **{code: Count("pk", filter=Q(partner__soort=code)) for code in PartnerSoort.values},
    )
    return Doorstroomcijfers(
        per_soort=[
            DoorstroomRij(soort=code, naam=naam, aantal=tellingen[code])
            for code, naam in PartnerSoort.choices
            if tellingen[code]
        ],
        leerlingen=tellingen["_leerlingen"],
    )


# --- everything for the page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bereikcijfers:
    periode: Periode
    per_groep: list[BereikRij]
    per_jaargroep: list[BereikRij]
    presentie: Presentiecijfers
    bijeenkomsten: Bijeenkomstcijfers
    per_gebied: list[GebiedRij]
    doorstroom: Doorstroomcijfers
    totaal: BereikRij = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "totaal", totaal(self.per_groep))

    @property
    def weken(self) -> int:
        """The weeks the weekly figures are averaged over (see the module docstring)."""
        return self.bijeenkomsten.weken_geleverd if self.periode.blok else SCHOOLWEKEN_PER_JAAR

    @property
    def uren_per_deelnemer_per_week(self) -> Decimal | None:
        if not self.totaal.deelnemers or not self.weken:
            return None
        return deel(self.presentie.minuten_aanwezig, 60 * self.totaal.deelnemers * self.weken, decimalen=2)

    @property
    def aangeboden_uren_per_week(self) -> Decimal | None:
        return deel(self.bijeenkomsten.minuten_gehouden, 60 * self.weken, decimalen=1)


def bereikcijfers(
    *, school: School, schooljaar: Schooljaar, blok: Blok | None = None, peildatum: dt.date | None = None
) -> Bereikcijfers:
    """All reach figures of a period, in ``AANTAL_QUERIES`` queries."""
    p = periode(school=school, schooljaar=schooljaar, blok=blok, peildatum=peildatum)
    return Bereikcijfers(
        periode=p,
        per_groep=bereik_per_groep(p),
        per_jaargroep=bereik_per_jaargroep(p),
        presentie=presentie_totalen(p),
        bijeenkomsten=bijeenkomst_totalen(p),
        per_gebied=per_ontwikkelgebied(p),
        doorstroom=doorstroom(p),
    )
