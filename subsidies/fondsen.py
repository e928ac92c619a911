"""Fund applications per child (Jeugdfonds Sport & Cultuur, Jeugdeducatiefonds): the rules that
hold when one is made or decided (reference/domain.md §3.6–3.8), the queries behind the list
page (totals per fund per school year, the participation check, renewals due), the eligibility
hints, and the family's part of an access-request export.

Writes are keyword-only and atomic; the rules raise a ValidationError keyed by form field, so
a view can show the message at the field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DateField, DecimalField, Exists, F, Func, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from familieschool.models import School, User
from familieschool.selectors import schooljaar_for_date
from familieschool.validatie import valideer
from gezinnen.models import Gezin, Hulpvraag, HulpvraagStatus, Leerling, Signaal
from gezinnen.privacy.export import als_json
from partners.models import Partner
from subsidies.models import NUL, Fondsaanvraag, FondsaanvraagStatus, FondsDoel, Regeling, Stadspas
from subsidies.templatetags.subsidies import euro

Status = FondsaanvraagStatus

# What counts against a fund's maximum per child per school year: everything not refused.
TELT_MEE = (Status.AANGEVRAAGD, Status.TOEGEKEND, Status.BETAALD)
TOEGEKEND_OF_BETAALD = (Status.TOEGEKEND, Status.BETAALD)
# Repeating a decision corrects it (another amount, another date); payment only after a grant.
OVERGANGEN: dict[str, frozenset[str]] = {
    Status.AANGEVRAAGD: frozenset({Status.TOEGEKEND, Status.AFGEWEZEN}),
    Status.TOEGEKEND: frozenset({Status.TOEGEKEND, Status.BETAALD}),
    Status.AFGEWEZEN: frozenset({Status.AFGEWEZEN}),
    Status.BETAALD: frozenset(),
}
# The participation check is about a club or a lesson the child should still be going to.
DEELNAME_DOELEN = (FondsDoel.SPORTCLUB, FondsDoel.ZWEMLES, FondsDoel.CULTUUR)
DEELNAME_CONTROLEREN_NA_MAANDEN = 3
CENT = Decimal("0.01")


class PlusMaanden(Func):
    """``datum + n months`` in PostgreSQL (make_interval), as a date; n may be a column."""

    arity = 2
    output_field = DateField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        datum_sql, datum_params = compiler.compile(self.source_expressions[0])
        maanden_sql, maanden_params = compiler.compile(self.source_expressions[1])
        return f"(({datum_sql}) + make_interval(months => ({maanden_sql})::integer))::date", [
            *datum_params,
            *maanden_params,
        ]


def maanden_terug(datum: dt.date, maanden: int) -> dt.date:
    """The same day ``maanden`` months earlier (the last day of the month when it is shorter)."""
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 - maanden, 12)
    maand += 1
    for dag in range(datum.day, 27, -1):
        try:
            return dt.date(jaar, maand, dag)
        except ValueError:
            continue
    return dt.date(jaar, maand, min(datum.day, 28))


# --- queries -------------------------------------------------------------------------------------


def fondsaanvraag_lijst(qs: QuerySet[Fondsaanvraag]) -> QuerySet[Fondsaanvraag]:
    """What a row on a page needs, in the same query."""
    return qs.select_related("leerling", "leerling__groep", "regeling", "aanbieder", "schooljaar")


def al_gevraagd(
    *, leerling: Leerling, regeling: Regeling, schooljaar_id: int, behalve_pk: int | None = None
) -> Decimal:
    """What this child's other applications to the fund in the school year take of its maximum:
    the granted amount once decided, else the amount asked; refused ones do not count."""
    qs = Fondsaanvraag.objects.filter(
        leerling=leerling, regeling=regeling, schooljaar_id=schooljaar_id, status__in=TELT_MEE
    )
    if behalve_pk is not None:
        qs = qs.exclude(pk=behalve_pk)
    totaal = qs.aggregate(s=Sum(Coalesce("toegekend_bedrag", "bedrag")))["s"]
    return totaal or NUL


def deelname_te_controleren(qs: QuerySet[Fondsaanvraag], *, vandaag: dt.date) -> QuerySet[Fondsaanvraag]:
    """Granted clubs and lessons whose participation was last checked (or, never checked, was
    decided) more than three months ago; a child known to have stopped is not asked about again."""
    grens = maanden_terug(vandaag, DEELNAME_CONTROLEREN_NA_MAANDEN)
    return (
        qs.filter(status__in=TOEGEKEND_OF_BETAALD, doel__in=DEELNAME_DOELEN)
        .exclude(doet_nog_mee=False)
        .filter(
            Q(deelname_gecontroleerd_op__isnull=True, besloten_op__lt=grens) | Q(deelname_gecontroleerd_op__lt=grens)
        )
    )


def verlenging_nodig(qs: QuerySet[Fondsaanvraag], *, vandaag: dt.date) -> QuerySet[Fondsaanvraag]:
    """Granted applications whose fund asks for a renewal after N months and whose N months
    have passed, unless a later application for the same child and fund exists (renewed)."""
    later = Fondsaanvraag.objects.filter(
        leerling_id=OuterRef("leerling_id"),
        regeling_id=OuterRef("regeling_id"),
        aangevraagd_op__gt=OuterRef("aangevraagd_op"),
    )
    return (
        qs.filter(status__in=TOEGEKEND_OF_BETAALD, regeling__verlengen_na_maanden__isnull=False)
        .annotate(verlengen_op=PlusMaanden(F("aangevraagd_op"), F("regeling__verlengen_na_maanden")))
        .filter(verlengen_op__lte=vandaag)
        .exclude(Exists(later))
    )


@dataclass(frozen=True)
class Totaal:
    regeling: str
    schooljaar: str
    aantal: int
    aantal_toegekend: int
    aangevraagd: Decimal
    toegekend: Decimal
    betaald: Decimal


def fondstotalen(qs: QuerySet[Fondsaanvraag]) -> list[Totaal]:
    """Per fund and school year, in one aggregate query: how many applications, how many
    granted, the amounts asked, granted (granted or paid) and paid."""
    nul = Value(NUL, output_field=DecimalField(max_digits=12, decimal_places=2))
    rijen = (
        qs.order_by()
        .values("regeling__naam", "schooljaar__startjaar")
        .annotate(
            aantal=Count("pk"),
            aantal_toegekend=Count("pk", filter=Q(status__in=TOEGEKEND_OF_BETAALD)),
            aangevraagd=Coalesce(Sum("bedrag"), nul),
            toegekend=Coalesce(Sum("toegekend_bedrag", filter=Q(status__in=TOEGEKEND_OF_BETAALD)), nul),
            betaald=Coalesce(Sum("toegekend_bedrag", filter=Q(status=Status.BETAALD)), nul),
        )
        .order_by("-schooljaar__startjaar", "regeling__naam")
    )
    return [
        Totaal(
            regeling=r["regeling__naam"],
            schooljaar=f"{r['schooljaar__startjaar']}-{r['schooljaar__startjaar'] + 1}",
            aantal=r["aantal"],
            aantal_toegekend=r["aantal_toegekend"],
            aangevraagd=r["aangevraagd"],
            toegekend=r["toegekend"],
            betaald=r["betaald"],
        )
        for r in rijen
    ]


@dataclass(frozen=True)
class Hint:
    tekst: str
    soort: str = "info"  # info | let-op
    link: str = ""
    link_tekst: str = ""


def geschiktheid(
    *,
    leerling: Leerling | None,
    regelingen: list[Regeling],
    stadspas: str | None,
    schooljaar_id: int | None = None,
    behalve_pk: int | None = None,
    open_hulpvraag: Hulpvraag | None = None,
) -> list[Hint]:
    """Facts that help decide whether and how to apply; they never block (the rules do)."""
    hints: list[Hint] = []
    met_stadspas = [r.naam for r in regelingen if r.stadspas_als_bewijs]
    if met_stadspas and stadspas == Stadspas.JA:
        hints.append(Hint("Stadspas geldt als bewijs van inkomen (" + ", ".join(met_stadspas) + ")."))
    elif met_stadspas and stadspas == Stadspas.NEE:
        hints.append(
            Hint("Zonder Stadspas is bij " + ", ".join(met_stadspas) + " een motivatie nodig.", soort="let-op")
        )
    elif met_stadspas:
        hints.append(
            Hint(
                "Vraag naar de Stadspas (groene stip): die geldt bij "
                + ", ".join(met_stadspas)
                + " als bewijs van inkomen. Zonder Stadspas is een motivatie nodig.",
                soort="let-op",
            )
        )
    if leerling is None:
        hints.extend(
            Hint(f"{r.naam}: maximaal {euro(r.maximum_per_kind_per_jaar)} per kind per schooljaar.")
            for r in regelingen
            if r.maximum_per_kind_per_jaar is not None
        )
    else:
        if schooljaar_id is None:
            schooljaar_id = schooljaar_for_date().pk
        for regeling in regelingen:
            if regeling.maximum_per_kind_per_jaar is None:
                continue
            gebruikt = al_gevraagd(
                leerling=leerling, regeling=regeling, schooljaar_id=schooljaar_id, behalve_pk=behalve_pk
            )
            over = max(regeling.maximum_per_kind_per_jaar - gebruikt, NUL)
            hints.append(
                Hint(
                    f"{regeling.naam}: maximaal {euro(regeling.maximum_per_kind_per_jaar)} per kind per schooljaar; "
                    f"voor {leerling.roepnaam} is dit schooljaar nog {euro(over)} over.",
                    soort="info" if over > 0 else "let-op",
                )
            )
    if open_hulpvraag is not None:
        hints.append(
            Hint(
                "Het gezin heeft een lopende intake bij het Familieservicepunt.",
                link=reverse("gezinnen:hulpvraag_detail", args=[open_hulpvraag.pk]),
                link_tekst="Naar de intake",
            )
        )
    return hints


def open_hulpvraag_van(*, gezin_id: int | None, hulpvragen: QuerySet[Hulpvraag]) -> Hulpvraag | None:
    """The family's newest intake that is not closed, among those the user may see."""
    if gezin_id is None:
        return None
    return hulpvragen.filter(gezin_id=gezin_id).exclude(status=HulpvraagStatus.AFGEROND).order_by("-created_at").first()


# --- rules and writes ----------------------------------------------------------------------------


def _check(aanvraag: Fondsaanvraag) -> None:
    """The rules of reference/domain.md §3.6–3.8 that hold for every application."""
    fouten: dict[str, list[str]] = {}
    regeling = aanvraag.regeling
    if aanvraag.bedrag is not None and aanvraag.bedrag <= 0:
        fouten.setdefault("bedrag", []).append("Het bedrag moet groter zijn dan € 0,00.")
    if regeling.stadspas_als_bewijs and aanvraag.stadspas != Stadspas.JA and not aanvraag.motivatie.strip():
        fouten.setdefault("motivatie", []).append(
            f"Zonder Stadspas vraagt {regeling.naam} een motivatie: schrijf waarom het gezin de kosten niet kan dragen."
        )
    if aanvraag.leerling.school_id != aanvraag.school_id:
        fouten.setdefault("leerling", []).append("Deze leerling hoort niet bij deze school.")
    if regeling.bestuur_id != aanvraag.school.bestuur_id or regeling.soort != "fonds":
        fouten.setdefault("regeling", []).append("Kies een fonds van het bestuur.")
    if (
        regeling.maximum_per_kind_per_jaar is not None
        and aanvraag.bedrag is not None
        and aanvraag.status in TELT_MEE
        and not fouten.get("bedrag")
    ):
        gebruikt = al_gevraagd(
            leerling=aanvraag.leerling,
            regeling=regeling,
            schooljaar_id=aanvraag.schooljaar_id,
            behalve_pk=aanvraag.pk,
        )
        telt = aanvraag.toegekend_bedrag if aanvraag.status in TOEGEKEND_OF_BETAALD else aanvraag.bedrag
        if telt is not None and gebruikt + telt > regeling.maximum_per_kind_per_jaar:
            over = max(regeling.maximum_per_kind_per_jaar - gebruikt, NUL)
            veld = "toegekend_bedrag" if aanvraag.status in TOEGEKEND_OF_BETAALD else "bedrag"
            fouten.setdefault(veld, []).append(
                f"{regeling.naam} geeft maximaal {euro(regeling.maximum_per_kind_per_jaar)} per kind per schooljaar; "
                f"voor {aanvraag.leerling.roepnaam} is dit schooljaar nog {euro(over)} over."
            )
    if fouten:
        raise ValidationError(fouten)


def _lock_leerling(leerling: Leerling) -> None:
    """Applications for one child are checked against the maximum one at a time."""
    Leerling.objects.select_for_update().filter(pk=leerling.pk).values_list("pk", flat=True).first()


@transaction.atomic
def create_fondsaanvraag(
    *,
    school: School,
    leerling: Leerling,
    regeling: Regeling,
    doel: str,
    bedrag: Decimal,
    aangevraagd_op: dt.date,
    aangemaakt_door: User,
    stadspas: str = Stadspas.ONBEKEND,
    motivatie: str = "",
    omschrijving: str = "",
    aanbieder: Partner | None = None,
    dossiernummer: str = "",
    signaal: Signaal | None = None,
    hulpvraag: Hulpvraag | None = None,
) -> Fondsaanvraag:
    """Record an application for one child; the school year follows from the date asked."""
    _lock_leerling(leerling)
    aanvraag = Fondsaanvraag(
        school=school,
        leerling=leerling,
        gezin_id=leerling.gezin_id,
        regeling=regeling,
        schooljaar=schooljaar_for_date(aangevraagd_op),
        doel=doel,
        omschrijving=omschrijving,
        aanbieder=aanbieder,
        bedrag=bedrag,
        stadspas=stadspas,
        motivatie=motivatie,
        dossiernummer=dossiernummer,
        aangevraagd_op=aangevraagd_op,
        signaal=signaal,
        hulpvraag=hulpvraag,
        aangemaakt_door=aangemaakt_door,
    )
    _check(aanvraag)
    valideer(aanvraag)
    aanvraag.save()
    return aanvraag


WIJZIGBAAR = (
    "regeling",
    "doel",
    "omschrijving",
    "aanbieder",
    "bedrag",
    "stadspas",
    "motivatie",
    "dossiernummer",
    "aangevraagd_op",
)


@transaction.atomic
def update_fondsaanvraag(*, aanvraag: Fondsaanvraag, **velden: Any) -> Fondsaanvraag:
    """Change what was asked (not the child, not the decision)."""
    onbekend = set(velden) - set(WIJZIGBAAR)
    if onbekend:
        raise TypeError(f"Niet te wijzigen: {', '.join(sorted(onbekend))}")
    _lock_leerling(aanvraag.leerling)
    for naam, waarde in velden.items():
        setattr(aanvraag, naam, waarde)
    aanvraag.schooljaar = schooljaar_for_date(aanvraag.aangevraagd_op)
    _check(aanvraag)
    valideer(aanvraag)
    aanvraag.save()
    return aanvraag


@transaction.atomic
def decide_fondsaanvraag(
    *,
    aanvraag: Fondsaanvraag,
    status: str,
    toegekend_bedrag: Decimal | None = None,
    besloten_op: dt.date | None = None,
    reden_afwijzing: str = "",
    betaald_op: dt.date | None = None,
) -> Fondsaanvraag:
    """Record the fund's decision (toegekend with an amount, afgewezen with a reason) or the
    payment (only after a grant). Repeating a decision corrects it."""
    aanvraag = (
        Fondsaanvraag.objects.select_for_update(of=("self",))
        .select_related("regeling", "leerling", "school")
        .get(pk=aanvraag.pk)
    )
    if status not in OVERGANGEN.get(aanvraag.status, frozenset()):
        huidig = aanvraag.get_status_display().lower()
        nieuw = Status(status).label.lower() if status in Status.values else status
        if aanvraag.status == Status.AFGEWEZEN and status == Status.BETAALD:
            tekst = "Een afgewezen aanvraag kan niet betaald worden."
        elif status == Status.BETAALD:
            tekst = "Alleen een toegekende aanvraag kan betaald worden."
        else:
            tekst = f"Een aanvraag die {huidig} is, kan niet naar {nieuw}."
        raise ValidationError({"status": tekst})
    fouten: dict[str, str] = {}
    if status == Status.TOEGEKEND:
        if toegekend_bedrag is None:
            fouten["toegekend_bedrag"] = "Vul het toegekende bedrag in."
        elif toegekend_bedrag <= 0:
            fouten["toegekend_bedrag"] = "Het toegekende bedrag moet groter zijn dan € 0,00."
        if besloten_op is None:
            fouten["besloten_op"] = "Vul de datum van het besluit in."
    elif status == Status.AFGEWEZEN:
        if not reden_afwijzing.strip():
            fouten["reden_afwijzing"] = "Schrijf op waarom het fonds de aanvraag afwees."
        if besloten_op is None:
            fouten["besloten_op"] = "Vul de datum van het besluit in."
    elif status == Status.BETAALD and betaald_op is None:
        fouten["betaald_op"] = "Vul de datum van betaling in."
    for veld, datum in (("besloten_op", besloten_op), ("betaald_op", betaald_op)):
        if datum is not None and datum < aanvraag.aangevraagd_op and veld not in fouten:
            fouten[veld] = "Deze datum ligt vóór de aanvraag."
    if status == Status.BETAALD and betaald_op and aanvraag.besloten_op and betaald_op < aanvraag.besloten_op:
        fouten.setdefault("betaald_op", "Betaald vóór het besluit? Controleer de datum.")
    if fouten:
        raise ValidationError(fouten)
    if status == Status.TOEGEKEND:
        aanvraag.toegekend_bedrag = toegekend_bedrag
        aanvraag.besloten_op = besloten_op
        aanvraag.reden_afwijzing = ""
    elif status == Status.AFGEWEZEN:
        aanvraag.toegekend_bedrag = None
        aanvraag.besloten_op = besloten_op
        aanvraag.reden_afwijzing = reden_afwijzing.strip()
    else:
        aanvraag.betaald_op = betaald_op
    aanvraag.status = status
    if status == Status.TOEGEKEND:
        _lock_leerling(aanvraag.leerling)
        _check(aanvraag)
    valideer(aanvraag)
    aanvraag.save()
    return aanvraag


@transaction.atomic
def record_deelname(
    *, aanvraag: Fondsaanvraag, doet_nog_mee: bool, notitie: str = "", vandaag: dt.date
) -> Fondsaanvraag:
    """The intermediary checked whether the child still goes to the club or lesson."""
    if aanvraag.status not in TOEGEKEND_OF_BETAALD:
        raise ValidationError("Deelname controleer je pas als het fonds de aanvraag heeft toegekend.")
    aanvraag.doet_nog_mee = doet_nog_mee
    aanvraag.deelname_notitie = notitie.strip()
    aanvraag.deelname_gecontroleerd_op = vandaag
    aanvraag.save(update_fields=["doet_nog_mee", "deelname_notitie", "deelname_gecontroleerd_op"])
    return aanvraag


# --- access request ------------------------------------------------------------------------------


def fondsaanvragen_export(gezin: Gezin) -> list[dict[str, Any]]:
    """The family's part of an access-request export (gezinnen.privacy): every application for
    one of its children, with the decision and the participation check."""
    aanvragen = (
        Fondsaanvraag.objects.filter(Q(gezin=gezin) | Q(leerling__gezin=gezin))
        .select_related("leerling", "regeling", "aanbieder", "schooljaar", "aangemaakt_door")
        .order_by("aangevraagd_op", "pk")
    )
    return [
        {
            "id": a.pk,
            "kind": a.leerling.volledige_naam,
            "fonds": a.regeling.naam,
            "schooljaar": str(a.schooljaar),
            "waarvoor": a.get_doel_display(),
            "omschrijving": a.omschrijving,
            "aanbieder": a.aanbieder.naam if a.aanbieder else None,
            "bedrag": als_json(a.bedrag),
            "toegekend_bedrag": als_json(a.toegekend_bedrag),
            "stadspas": a.get_stadspas_display(),
            "motivatie": a.motivatie,
            "status": a.get_status_display(),
            "dossiernummer": a.dossiernummer,
            "aangevraagd_op": als_json(a.aangevraagd_op),
            "besloten_op": als_json(a.besloten_op),
            "betaald_op": als_json(a.betaald_op),
            "reden_afwijzing": a.reden_afwijzing,
            "deelname_gecontroleerd_op": als_json(a.deelname_gecontroleerd_op),
            "doet_nog_mee": a.doet_nog_mee,
            "deelname_notitie": a.deelname_notitie,
            "verlenging_herinnerd_op": als_json(a.verlenging_herinnerd_op),
            "aangemaakt_door": a.aangemaakt_door.naam if a.aangemaakt_door else None,
            "aangemaakt_op": als_json(a.aangemaakt_op),
        }
        for a in aanvragen
    ]
