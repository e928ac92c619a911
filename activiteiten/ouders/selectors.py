"""Reads of the parent activities, scoped per DESIGN.md §4: the coordinator and the
brugfunctionaris read and write, the OKA, Buurtteam, leerkracht and school leader read, a
begeleider sees nothing, the board only counts (small numbers suppressed).

The totals for catering and childcare come from the answers (status "komt") and the turnout from
the check-ins, each in one SQL aggregate: no page adds things up in a loop."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from activiteiten.models import (
    Aanmelding,
    AanmeldingStatus,
    Binnenkomst,
    Ouderactiviteit,
    Uitnodiging,
)
from familieschool.models import School, Schooljaar, User
from familieschool.roles import heeft_recht
from familieschool.text import search_terms
from gezinnen.models import Taal
from gezinnen.signalen.selectors import onderdruk


def ouderactiviteiten_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Ouderactiviteit]:
    """The parent activities of the active school for the roles that read them; the board's
    counts go through ``opkomst`` instead."""
    if not heeft_recht(rol, "ouderactiviteiten.lezen"):
        return Ouderactiviteit.objects.none()
    return Ouderactiviteit.objects.filter(school=school)


# The invitations and check-ins of the activities above: the same rule, written as a join on the
# activity's school rather than IN (the activities), which the planner settles in half the time.


def uitnodigingen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Uitnodiging]:
    if not heeft_recht(rol, "ouderactiviteiten.lezen"):
        return Uitnodiging.objects.none()
    return Uitnodiging.objects.filter(ouderactiviteit__school=school)


def binnenkomsten_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Binnenkomst]:
    if not heeft_recht(rol, "ouderactiviteiten.lezen"):
        return Binnenkomst.objects.none()
    return Binnenkomst.objects.filter(ouderactiviteit__school=school)


def _per_activiteit(qs: QuerySet[Any], veld: str, expressie: Any) -> Coalesce:
    """Subquery: ``expressie`` aggregated over ``qs`` rows whose ``veld`` is the outer activity."""
    return Coalesce(
        Subquery(
            qs.filter(**{veld: OuterRef("pk")}).order_by().values(veld).annotate(n=expressie).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def met_totalen(qs: QuerySet[Ouderactiviteit]) -> QuerySet[Ouderactiviteit]:
    """Activities with the numbers a list shows, as correlated subqueries in the one query."""
    komt = Aanmelding.objects.filter(status=AanmeldingStatus.KOMT)
    veld = "uitnodiging__ouderactiviteit"
    return qs.select_related("reeks").annotate(
        aantal_uitgenodigd=_per_activiteit(Uitnodiging.objects.all(), "ouderactiviteit", Count("pk")),
        aantal_komt=_per_activiteit(komt, veld, Count("pk")),
        volwassenen_komt=_per_activiteit(komt, veld, Sum("volwassenen")),
        kinderen_komt=_per_activiteit(komt, veld, Sum("kinderen")),
        opvang_kinderen=_per_activiteit(komt.filter(kinderopvang_nodig=True), veld, Sum("kinderen")),
        aantal_wachtlijst=_per_activiteit(
            Aanmelding.objects.filter(status=AanmeldingStatus.WACHTLIJST), veld, Count("pk")
        ),
        aantal_binnen=_per_activiteit(Binnenkomst.objects.all(), "ouderactiviteit", Count("pk")),
        volwassenen_binnen=_per_activiteit(Binnenkomst.objects.all(), "ouderactiviteit", Sum("volwassenen")),
    )


@dataclass(frozen=True)
class Totalen:
    """What the kitchen and the childcare need to know (answers "komt")."""

    gezinnen: int
    volwassenen: int
    kinderen: int
    opvang_gezinnen: int
    opvang_kinderen: int
    wachtlijst: int
    komt_niet: int
    dieetwensen: list[tuple[str, int]]

    @property
    def personen(self) -> int:
        return self.volwassenen + self.kinderen


def totalen(*, ouderactiviteit: Ouderactiviteit) -> Totalen:
    """Live totals for catering and childcare: one aggregate plus one grouped query for diets."""
    antwoorden = Aanmelding.objects.filter(uitnodiging__ouderactiviteit=ouderactiviteit)
    komt = Q(status=AanmeldingStatus.KOMT)
    # Aliases differ from the field names: an aggregate may not shadow a field it sums.
    som = antwoorden.aggregate(
        t_gezinnen=Count("pk", filter=komt),
        t_volwassenen=Coalesce(Sum("volwassenen", filter=komt), 0),
        t_kinderen=Coalesce(Sum("kinderen", filter=komt), 0),
        t_opvang_gezinnen=Count("pk", filter=komt & Q(kinderopvang_nodig=True)),
        t_opvang_kinderen=Coalesce(Sum("kinderen", filter=komt & Q(kinderopvang_nodig=True)), 0),
        t_wachtlijst=Count("pk", filter=Q(status=AanmeldingStatus.WACHTLIJST)),
        t_komt_niet=Count("pk", filter=Q(status=AanmeldingStatus.KOMT_NIET)),
    )
    dieet = (
        antwoorden.filter(komt)
        .exclude(dieetwensen="")
        .values("dieetwensen")
        .annotate(n=Count("pk"))
        .order_by("-n", "dieetwensen")
    )
    return Totalen(
        **{k.removeprefix("t_"): v for k, v in som.items()}, dieetwensen=[(r["dieetwensen"], r["n"]) for r in dieet]
    )


def uitnodigingen_per_kanaal(*, ouderactiviteit: Ouderactiviteit) -> list[dict[str, Any]]:
    """Invitations per channel and status, and how many answered (one grouped query)."""
    return list(
        Uitnodiging.objects.filter(ouderactiviteit=ouderactiviteit)
        .values("kanaal", "status")
        .annotate(
            n=Count("pk"),
            beantwoord=Count("aanmelding"),
        )
        .order_by("kanaal", "status")
    )


def uitnodigingen_lijst(*, ouderactiviteit: Ouderactiviteit) -> QuerySet[Uitnodiging]:
    """Everyone invited, with their answer and check-in, in one query."""
    return (
        Uitnodiging.objects.filter(ouderactiviteit=ouderactiviteit)
        .select_related("verzorger", "gezin", "aanmelding", "binnenkomst")
        .order_by("verzorger__achternaam", "verzorger__roepnaam", "pk")
    )


def zoek_uitnodigingen(*, ouderactiviteit: Ouderactiviteit, q: str) -> QuerySet[Uitnodiging]:
    """Invited guardians matching what was typed at the door: the guardian's name or the family
    (whose search text holds the children's names), accent-free."""
    qs = uitnodigingen_lijst(ouderactiviteit=ouderactiviteit)
    termen = search_terms(q)
    if not termen:
        return qs.none()
    for term in termen:
        qs = qs.filter(
            Q(verzorger__roepnaam__icontains=term)
            | Q(verzorger__achternaam__icontains=term)
            | Q(gezin__zoektekst__startswith=term)
            | Q(gezin__zoektekst__contains=f" {term}")
        )
    return qs


def binnenkomsten(*, ouderactiviteit: Ouderactiviteit) -> QuerySet[Binnenkomst]:
    return (
        Binnenkomst.objects.filter(ouderactiviteit=ouderactiviteit)
        .select_related("uitnodiging__verzorger", "gezin")
        .order_by("-ingecheckt_op", "-pk")
    )


def komende_ouderactiviteiten(
    *, qs: QuerySet[Ouderactiviteit], vandaag: dt.date, aantal: int = 3
) -> list[Ouderactiviteit]:
    """The next parent activities (not cancelled) with the totals the start page shows, in one
    query: invitations joined with their answer (at most one each) and counted per activity,
    instead of a subquery per total as on the lists (``met_totalen``)."""
    komt = Q(uitnodigingen__aanmelding__status=AanmeldingStatus.KOMT)
    return list(
        qs.filter(datum__gte=vandaag, geannuleerd_op__isnull=True)
        .annotate(
            aantal_uitgenodigd=Count("uitnodigingen"),
            aantal_komt=Count("uitnodigingen__aanmelding", filter=komt),
            volwassenen_komt=Coalesce(Sum("uitnodigingen__aanmelding__volwassenen", filter=komt), 0),
            kinderen_komt=Coalesce(Sum("uitnodigingen__aanmelding__kinderen", filter=komt), 0),
            opvang_kinderen=Coalesce(
                Sum(
                    "uitnodigingen__aanmelding__kinderen",
                    filter=komt & Q(uitnodigingen__aanmelding__kinderopvang_nodig=True),
                ),
                0,
            ),
        )
        .order_by("datum", "begintijd")[:aantal]
    )


# --- turnout ------------------------------------------------------------------------------------


def _binnen_in_schooljaar(*, school: School, schooljaar: Schooljaar) -> QuerySet[Binnenkomst]:
    return Binnenkomst.objects.filter(
        ouderactiviteit__school=school,
        ouderactiviteit__geannuleerd_op__isnull=True,
        ouderactiviteit__datum__range=(schooljaar.begindatum, schooljaar.einddatum),
    )


def _eerste_keer(binnen: QuerySet[Binnenkomst]) -> Any:
    """True when no check-in of the same family at an earlier activity of the school year
    exists: the family's first time this year is this activity."""
    eerder = binnen.filter(gezin_id=OuterRef("gezin_id")).filter(
        Q(ouderactiviteit__datum__lt=OuterRef("ouderactiviteit__datum"))
        | Q(
            ouderactiviteit__datum=OuterRef("ouderactiviteit__datum"),
            ouderactiviteit__begintijd__lt=OuterRef("ouderactiviteit__begintijd"),
        )
        | Q(
            ouderactiviteit__datum=OuterRef("ouderactiviteit__datum"),
            ouderactiviteit__begintijd=OuterRef("ouderactiviteit__begintijd"),
            ouderactiviteit_id__lt=OuterRef("ouderactiviteit_id"),
        )
    )
    return ~Exists(eerder)


@dataclass(frozen=True)
class Opkomst:
    """Turnout of a school year. ``gezinnen`` counts families of the school (unique); walk-ins
    without a family link count per check-in (``zonder_gezin``)."""

    schooljaar: Schooljaar
    gezinnen: int
    zonder_gezin: int
    volwassenen: int
    kinderen: int
    per_activiteit: list[dict[str, Any]]
    per_taal: list[dict[str, Any]]

    def onderdrukt(self) -> Opkomst:
        """The same figures for the board: every count from 1 to 4 shown as "<5"."""

        def rij(r: dict[str, Any]) -> dict[str, Any]:
            return {k: (onderdruk(v) if isinstance(v, int) and k not in {"pk"} else v) for k, v in r.items()}

        return Opkomst(
            schooljaar=self.schooljaar,
            gezinnen=onderdruk(self.gezinnen),  # type: ignore[arg-type]
            zonder_gezin=onderdruk(self.zonder_gezin),  # type: ignore[arg-type]
            volwassenen=onderdruk(self.volwassenen),  # type: ignore[arg-type]
            kinderen=onderdruk(self.kinderen),  # type: ignore[arg-type]
            per_activiteit=[rij(r) for r in self.per_activiteit],
            per_taal=[rij(r) for r in self.per_taal],
        )


def opkomst(*, school: School, schooljaar: Schooljaar) -> Opkomst:
    """Unique families reached, first-time attendees per activity, and families per language, in
    three queries."""
    binnen = _binnen_in_schooljaar(school=school, schooljaar=schooljaar)
    met_gezin = Q(gezin_id__isnull=False)
    totaal = {
        k.removeprefix("t_"): v
        for k, v in binnen.aggregate(
            t_gezinnen=Count("gezin_id", distinct=True),
            t_zonder_gezin=Count("pk", filter=~met_gezin),
            t_volwassenen=Coalesce(Sum("volwassenen"), 0),
            t_kinderen=Coalesce(Sum("kinderen"), 0),
        ).items()
    }
    activiteiten = list(
        Ouderactiviteit.objects.filter(
            school=school,
            geannuleerd_op__isnull=True,
            datum__range=(schooljaar.begindatum, schooljaar.einddatum),
            binnenkomsten__isnull=False,
        )
        .distinct()
        .order_by("datum", "begintijd", "pk")
        .values("pk", "titel", "datum")
    )
    cijfers = {
        r["ouderactiviteit_id"]: r
        for r in binnen.annotate(is_eerste=_eerste_keer(binnen))
        .values("ouderactiviteit_id")
        .annotate(
            binnen=Count("pk"),
            gezinnen=Count("gezin_id", distinct=True),
            eerste_keer=Count("gezin_id", distinct=True, filter=Q(is_eerste=True) & met_gezin)
            + Count("pk", filter=~met_gezin),
            som_volwassenen=Coalesce(Sum("volwassenen"), 0),
            som_kinderen=Coalesce(Sum("kinderen"), 0),
        )
        .order_by()
    }
    per_activiteit = [
        a | {k.removeprefix("som_"): v for k, v in cijfers.get(a["pk"], {}).items() if k != "ouderactiviteit_id"}
        for a in activiteiten
    ]
    talen = dict(Taal.choices)
    per_taal = [
        {"taal": r["taal"], "naam": talen.get(r["taal"], "Onbekend"), "gezinnen": r["gezinnen"] + r["los"]}
        for r in binnen.values("taal")
        .annotate(gezinnen=Count("gezin_id", distinct=True), los=Count("pk", filter=~met_gezin))
        .order_by("taal")
    ]
    per_taal.sort(key=lambda r: (-r["gezinnen"], r["naam"]))
    return Opkomst(schooljaar=schooljaar, **totaal, per_activiteit=per_activiteit, per_taal=per_taal)


# --- the family file --------------------------------------------------------------------------


def gezin_ouderactiviteiten(*, gezin: Any, user: User, rol: str | None, school: School) -> list[dict[str, Any]]:
    """The family's invitations, newest first, with answer and check-in, as rows of the columns
    the family file shows (one query)."""
    rijen = (
        uitnodigingen_for_user(user=user, rol=rol, school=school)
        .filter(gezin=gezin)
        .values(
            "ouderactiviteit_id",
            "kanaal",
            "taal",
            titel=F("ouderactiviteit__titel"),
            datum=F("ouderactiviteit__datum"),
            verzorger_roepnaam=F("verzorger__roepnaam"),
            aanmelding_id=F("aanmelding__id"),
            aanmelding_status=F("aanmelding__status"),
            binnenkomst_id=F("binnenkomst__id"),
        )
        .order_by("-ouderactiviteit__datum", "verzorger__roepnaam")
    )
    return [dict(rij) for rij in rijen]


def gezin_inloop(*, gezin: Any, user: User, rol: str | None, school: School) -> list[dict[str, Any]]:
    """Check-ins of the family without an invitation (walk-ins linked to the family), as rows."""
    rijen = (
        binnenkomsten_for_user(user=user, rol=rol, school=school)
        .filter(gezin=gezin, uitnodiging__isnull=True)
        .values("ouderactiviteit_id", titel=F("ouderactiviteit__titel"), datum=F("ouderactiviteit__datum"))
        .order_by("-ouderactiviteit__datum")
    )
    return [dict(rij) for rij in rijen]
