"""The figures a grant is accounted for with, for any period (issue 8, point 3): the School &
Omgeving indicators from recorded attendance of the activities the grant pays for, the AFS report
(reach, parent activities, FSP use) and the spending per budget line. Every figure is an SQL
aggregate; the number of queries is fixed whatever the number of activities, sessions or pupils
(``AANTAL_QUERIES_UREN``, ``AANTAL_QUERIES_AFS``, ``AANTAL_QUERIES_BESTEDING``).

Definitions (the indicatoren page repeats them for its readers):

- **Gefinancierde activiteiten** — the school's activities with a ``Financiering`` row for the
  grant, whatever their share (``aandeel``); the share is reported, the hours are not weighted.
- **Gehouden bijeenkomst** — a session of such an activity that is not cancelled, with its date in
  the period and on or before today (the peildatum). Its **duur** is ``werkelijke_minuten`` when
  recorded, else the planned end − start (activiteiten.bereik.selectors._minuten).
- **Leerlinguren** — the sum over every attendance "aanwezig" at a held session of that
  session's minutes, divided by 60.
- **Deelnemers** — distinct pupils with at least one attendance "aanwezig" at a held session.
- **Weken geleverd** — distinct ISO weeks with at least one held session (of any funded activity).
- **Gemiddeld uren per deelnemer per week** — leerlinguren / deelnemers / weken geleverd.
- **Norm** (``regeling.minimum_uren_per_week``, 5 for School & Omgeving): *gehaald* when the
  average is at least the norm, *binnen de marge* when it is at least 75 % of it (the regulation's
  25 % margin), else *niet gehaald*. **Deelnemers op norm**: participating pupils whose own hours
  / weken geleverd reach the norm, with their share of the deelnemers.
- **Per activiteit** — held sessions, hours offered (their minutes / 60), deelnemers (distinct),
  leerlinguren and the share the grant pays. Never a pupil's name.
- **AFS bereik** — the whole Rijke schooldag of the school (AFS pays for the approach, not for one
  activity): pupils present at least once at a held session of any activity of the school, as a
  share of the school's pupils enrolled at some point of the period.
- **Ouderactiviteiten** — parent activities of the school not cancelled, dated in the period and
  on or before today; **gezinnen** are distinct families checked in (``Binnenkomst``, the
  attendance the ouders app records), walk-ins without a family counted per check-in.
- **FSP** — walk-in questions (``Vraag``, by their date), intakes (``Hulpvraag``, by the date they
  were opened; one intake can have several categories) and referrals (``Doorverwijzing``, by
  their date). These counts are always suppressed: 1 to 4 is "<5".
- **Besteding** — per budget line: the budget and the expenses dated in the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from activiteiten.bereik.selectors import _IsoWeek, _minuten, deel
from activiteiten.models import Bijeenkomst, Ouderactiviteit, Presentie, PresentieStatus
from familieschool.choices import Hulpdomein
from gezinnen.models import Doorverwijzing, Hulpvraag, Leerling, Vraag
from subsidies.models import NUL, Begrotingspost, Financiering, Rapportage, Toekenning

# Funded activities, held sessions per activity, attendance per activity, attendance per pupil.
AANTAL_QUERIES_UREN = 4
# Reach; parent activities with their check-ins; walk-in questions; intakes; referrals.
AANTAL_QUERIES_AFS = 5
# Budget lines with the expenses of the period.
AANTAL_QUERIES_BESTEDING = 1

# School & Omgeving allows 25 % below the norm (reference/domain.md §3.2).
MARGE = Decimal("0.75")


class Normstatus:
    GEHAALD = "gehaald"
    MARGE = "marge"
    NIET_GEHAALD = "niet_gehaald"
    GEEN = "geen"

    LABELS = {
        GEHAALD: "Gehaald",
        MARGE: "Binnen de marge (minstens 75 % van de norm)",
        NIET_GEHAALD: "Niet gehaald",
        GEEN: "Geen norm of nog geen deelnemers",
    }


def _uren(minuten: int) -> Decimal:
    return (Decimal(minuten) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Periode:
    van: dt.date
    tot_en_met: dt.date
    peildatum: dt.date

    @property
    def laatste_dag(self) -> dt.date:
        """Sessions count up to the end of the period or today, whichever is first."""
        return min(self.tot_en_met, self.peildatum)


def standaardperiode(toekenning: Toekenning, *, vandaag: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The grant's period, its end clipped to today (a grant not yet started: its whole period)."""
    vandaag = vandaag or timezone.localdate()
    return toekenning.begindatum, min(toekenning.einddatum, max(vandaag, toekenning.begindatum))


def binnen_toekenning(toekenning: Toekenning, van: dt.date, tot_en_met: dt.date) -> bool:
    return toekenning.begindatum <= van and tot_en_met <= toekenning.einddatum


# --- School & Omgeving: hours from attendance ------------------------------------------------------------


@dataclass(frozen=True)
class ActiviteitRij:
    activiteit_id: int
    titel: str
    blok: str
    ontwikkelgebied: str
    aandeel: int
    bijeenkomsten: int
    minuten_aangeboden: int
    deelnemers: int
    minuten_aanwezig: int

    @property
    def uren_aangeboden(self) -> Decimal:
        return _uren(self.minuten_aangeboden)

    @property
    def leerlinguren(self) -> Decimal:
        return _uren(self.minuten_aanwezig)


@dataclass(frozen=True)
class Urencijfers:
    """The School & Omgeving indicators of one grant and period."""

    norm: Decimal | None
    activiteiten: list[ActiviteitRij]
    weken: int
    deelnemers: int
    minuten_aanwezig: int
    deelnemers_op_norm: int

    @property
    def gefinancierd(self) -> bool:
        return bool(self.activiteiten)

    @property
    def bijeenkomsten(self) -> int:
        return sum(rij.bijeenkomsten for rij in self.activiteiten)

    @property
    def uren_aangeboden(self) -> Decimal:
        return _uren(sum(rij.minuten_aangeboden for rij in self.activiteiten))

    @property
    def leerlinguren(self) -> Decimal:
        return _uren(self.minuten_aanwezig)

    @property
    def gemiddeld(self) -> Decimal | None:
        """Hours per participating pupil per week, two decimals."""
        if not self.deelnemers or not self.weken:
            return None
        return deel(self.minuten_aanwezig, 60 * self.deelnemers * self.weken, decimalen=2)

    @property
    def status(self) -> str:
        gemiddeld = self.gemiddeld
        if self.norm is None or gemiddeld is None:
            return Normstatus.GEEN
        if gemiddeld >= self.norm:
            return Normstatus.GEHAALD
        if gemiddeld >= self.norm * MARGE:
            return Normstatus.MARGE
        return Normstatus.NIET_GEHAALD

    @property
    def status_label(self) -> str:
        return Normstatus.LABELS[self.status]

    @property
    def aandeel_op_norm(self) -> Decimal | None:
        """Deelnemers who reach the norm themselves, in percent of the deelnemers."""
        return deel(self.deelnemers_op_norm, self.deelnemers, factor=100)


def urencijfers(*, toekenning: Toekenning, periode: Periode) -> Urencijfers:
    """The indicators from attendance, in ``AANTAL_QUERIES_UREN`` queries: the funded activities;
    the held sessions per activity (their minutes and ISO weeks); the attendance per activity
    (distinct pupils, pupil-minutes); and one aggregate over the attendance per pupil that counts
    the deelnemers, their minutes and those who reach the norm. Kept apart, so no join multiplies
    another's sums."""
    financieringen = list(
        Financiering.objects.filter(toekenning=toekenning, activiteit__school_id=toekenning.school_id)
        .values(
            "activiteit_id", "activiteit__titel", "activiteit__blok__naam", "activiteit__ontwikkelgebied", "aandeel"
        )
        .order_by("activiteit__titel", "activiteit_id")
    )
    activiteit_ids = [f["activiteit_id"] for f in financieringen]
    gehouden = Q(geannuleerd=False, datum__gte=periode.van, datum__lte=periode.laatste_dag)
    sessies = {
        rij["activiteit_id"]: rij
        for rij in Bijeenkomst.objects.filter(gehouden, activiteit_id__in=activiteit_ids)
        .values("activiteit_id")
        .annotate(n=Count("pk"), minuten=Coalesce(Sum(_minuten()), 0), weken=ArrayAgg(_IsoWeek("datum"), distinct=True))
        .order_by()
    }
    presenties = Presentie.objects.filter(
        status=PresentieStatus.AANWEZIG,
        bijeenkomst__activiteit_id__in=activiteit_ids,
        bijeenkomst__geannuleerd=False,
        bijeenkomst__datum__gte=periode.van,
        bijeenkomst__datum__lte=periode.laatste_dag,
    )
    aanwezig = {
        rij["bijeenkomst__activiteit_id"]: rij
        for rij in presenties.values("bijeenkomst__activiteit_id")
        .annotate(deelnemers=Count("leerling_id", distinct=True), minuten=Coalesce(Sum(_minuten("bijeenkomst__")), 0))
        .order_by()
    }
    weken = len({week for rij in sessies.values() for week in rij["weken"]})
    norm = toekenning.regeling.minimum_uren_per_week
    # A pupil reaches the norm with at least norm × 60 × weken minutes present.
    drempel = int((Decimal(norm or 0) * 60 * weken).to_integral_value(rounding=ROUND_CEILING))
    per_leerling = (
        presenties.values("leerling_id")
        .annotate(minuten=Sum(_minuten("bijeenkomst__")))
        .order_by()
        .aggregate(
            deelnemers=Count("leerling_id"),
            minuten_totaal=Coalesce(Sum("minuten"), 0),
            op_norm=Count("leerling_id", filter=Q(minuten__gte=drempel)),
        )
        if activiteit_ids
        else {"deelnemers": 0, "minuten_totaal": 0, "op_norm": 0}
    )
    leeg: dict[str, int] = {}
    rijen = [
        ActiviteitRij(
            activiteit_id=f["activiteit_id"],
            titel=f["activiteit__titel"],
            blok=f["activiteit__blok__naam"],
            ontwikkelgebied=f["activiteit__ontwikkelgebied"],
            aandeel=f["aandeel"],
            bijeenkomsten=sessies.get(f["activiteit_id"], leeg).get("n", 0),
            minuten_aangeboden=sessies.get(f["activiteit_id"], leeg).get("minuten", 0),
            deelnemers=aanwezig.get(f["activiteit_id"], leeg).get("deelnemers", 0),
            minuten_aanwezig=aanwezig.get(f["activiteit_id"], leeg).get("minuten", 0),
        )
        for f in financieringen
    ]
    return Urencijfers(
        norm=norm,
        activiteiten=rijen,
        weken=weken,
        deelnemers=per_leerling["deelnemers"],
        minuten_aanwezig=per_leerling["minuten_totaal"],
        deelnemers_op_norm=per_leerling["op_norm"] if norm is not None and weken else 0,
    )


# --- AFS: reach, parent activities, FSP ------------------------------------------------------------------


@dataclass(frozen=True)
class Telling:
    code: str
    naam: str
    aantal: int


@dataclass(frozen=True)
class Afscijfers:
    leerlingen: int
    deelnemers: int
    ouderactiviteiten: int
    gezinnen: int
    zonder_gezin: int
    binnenkomsten: int
    vragen: int
    vragen_per_categorie: list[Telling]
    intakes: int
    intakes_per_categorie: list[Telling]
    doorverwijzingen: int
    doorverwijzingen_per_categorie: list[Telling]

    @property
    def bereik(self) -> Decimal | None:
        return deel(self.deelnemers, self.leerlingen, factor=100)


def _per_categorie(totalen: dict[str, int]) -> list[Telling]:
    return [Telling(code=code, naam=naam, aantal=totalen[code]) for code, naam in Hulpdomein.choices if totalen[code]]


def afscijfers(*, toekenning: Toekenning, periode: Periode) -> Afscijfers:
    """The AFS report, in ``AANTAL_QUERIES_AFS`` queries (see the module docstring)."""
    school_id = toekenning.school_id
    van, tot = periode.van, periode.laatste_dag
    aanwezig = Presentie.objects.filter(
        leerling=OuterRef("pk"),
        status=PresentieStatus.AANWEZIG,
        bijeenkomst__activiteit__school_id=school_id,
        bijeenkomst__geannuleerd=False,
        bijeenkomst__datum__gte=van,
        bijeenkomst__datum__lte=tot,
    )
    bereik = (
        Leerling.objects.filter(
            Q(instroomdatum__isnull=True) | Q(instroomdatum__lte=periode.tot_en_met),
            Q(uitstroomdatum__isnull=True) | Q(uitstroomdatum__gte=periode.van),
            school_id=school_id,
        )
        .annotate(is_deelnemer=Exists(aanwezig))
        .aggregate(leerlingen=Count("pk"), deelnemers=Count("pk", filter=Q(is_deelnemer=True)))
    )
    met_gezin = Q(binnenkomsten__gezin_id__isnull=False)
    ouders = Ouderactiviteit.objects.filter(
        school_id=school_id, geannuleerd_op__isnull=True, datum__gte=van, datum__lte=tot
    ).aggregate(
        ouderactiviteiten=Count("pk", distinct=True),
        gezinnen=Count("binnenkomsten__gezin_id", distinct=True),
        zonder_gezin=Count("binnenkomsten__pk", filter=~met_gezin & Q(binnenkomsten__pk__isnull=False)),
        binnenkomsten=Count("binnenkomsten__pk"),
    )
    codes = Hulpdomein.values
    vragen = Vraag.objects.filter(school_id=school_id, gesteld_op__date__gte=van, gesteld_op__date__lte=tot).aggregate(
        _totaal=Count("pk"), **{code: Count("pk", filter=Q(categorie=code)) for code in codes}
    )
    intakes = Hulpvraag.objects.filter(
        school_id=school_id, created_at__date__gte=van, created_at__date__lte=tot
    ).aggregate(_totaal=Count("pk"), **{code: Count("pk", filter=Q(categorieen__contains=[code])) for code in codes})
    verwijzingen = Doorverwijzing.objects.filter(school_id=school_id, datum__gte=van, datum__lte=tot).aggregate(
        _totaal=Count("pk"), **{code: Count("pk", filter=Q(categorie=code)) for code in codes}
    )
    return Afscijfers(
        leerlingen=bereik["leerlingen"],
        deelnemers=bereik["deelnemers"],
        ouderactiviteiten=ouders["ouderactiviteiten"],
        gezinnen=ouders["gezinnen"],
        zonder_gezin=ouders["zonder_gezin"],
        binnenkomsten=ouders["binnenkomsten"],
        vragen=vragen["_totaal"],
        vragen_per_categorie=_per_categorie(vragen),
        intakes=intakes["_totaal"],
        intakes_per_categorie=_per_categorie(intakes),
        doorverwijzingen=verwijzingen["_totaal"],
        doorverwijzingen_per_categorie=_per_categorie(verwijzingen),
    )


# --- spending per budget line ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PostRij:
    soort: str
    naam: str
    begroot: Decimal
    besteed: Decimal

    @property
    def over(self) -> Decimal:
        return self.begroot - self.besteed


def besteding(*, toekenning: Toekenning, van: dt.date, tot_en_met: dt.date) -> list[PostRij]:
    """One query: every budget line with the expenses dated in the period."""
    namen = dict(Begrotingspost.Soort.choices)
    rijen = (
        Begrotingspost.objects.filter(toekenning=toekenning)
        .annotate(
            besteed=Coalesce(
                Sum("uitgaven__bedrag", filter=Q(uitgaven__datum__gte=van, uitgaven__datum__lte=tot_en_met)),
                NUL,
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
        .values("soort", "bedrag", "besteed")
        .order_by("soort")
    )
    volgorde = {code: n for n, code in enumerate(Begrotingspost.Soort.values)}
    return sorted(
        (
            PostRij(soort=r["soort"], naam=namen.get(r["soort"], r["soort"]), begroot=r["bedrag"], besteed=r["besteed"])
            for r in rijen
        ),
        key=lambda r: volgorde.get(r.soort, len(volgorde)),
    )


# --- everything for a grant --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicatoren:
    toekenning: Toekenning
    periode: Periode
    uren: Urencijfers | None
    afs: Afscijfers | None
    posten: list[PostRij]

    @property
    def rapportage(self) -> str:
        return self.toekenning.regeling.rapportage

    @property
    def is_school_en_omgeving(self) -> bool:
        return self.rapportage == Rapportage.SCHOOL_EN_OMGEVING

    @property
    def binnen_toekenning(self) -> bool:
        return binnen_toekenning(self.toekenning, self.periode.van, self.periode.tot_en_met)

    @property
    def begroot(self) -> Decimal:
        return sum((p.begroot for p in self.posten), NUL)

    @property
    def besteed(self) -> Decimal:
        return sum((p.besteed for p in self.posten), NUL)


def indicatoren(
    *, toekenning: Toekenning, van: dt.date, tot_en_met: dt.date, peildatum: dt.date | None = None
) -> Indicatoren:
    """The figures the grant's stream reports: hours for School & Omgeving, hours of the funded
    activities and the AFS report for AFS, only the spending for the other streams. The grant
    must come with its ``regeling`` (select_related) for a fixed query count."""
    if tot_en_met < van:
        raise ValueError("De einddatum ligt voor de begindatum.")
    periode = Periode(van=van, tot_en_met=tot_en_met, peildatum=peildatum or timezone.localdate())
    rapportage = toekenning.regeling.rapportage
    return Indicatoren(
        toekenning=toekenning,
        periode=periode,
        uren=urencijfers(toekenning=toekenning, periode=periode) if rapportage != Rapportage.GEEN else None,
        afs=afscijfers(toekenning=toekenning, periode=periode) if rapportage == Rapportage.AFS else None,
        posten=besteding(toekenning=toekenning, van=van, tot_en_met=tot_en_met),
    )


def aantal_queries(rapportage: str) -> int:
    """The queries ``indicatoren`` runs for a stream's kind of report."""
    uren = AANTAL_QUERIES_UREN if rapportage != Rapportage.GEEN else 0
    afs = AANTAL_QUERIES_AFS if rapportage == Rapportage.AFS else 0
    return uren + afs + AANTAL_QUERIES_BESTEDING
