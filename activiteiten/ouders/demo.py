"""Demo parent activities for the first demo school: the series "Ouders ontmoeten Ouders" (five
evenings every six weeks on a Thursday and a closing evening, holidays skipped), two coffee
mornings in the ouderkamer, the past ones with families checked in (some for the first time,
some walk-ins), and the next evening with invitations in the guardians' own languages and a mix
of answers. Deterministic and idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from activiteiten import kalender
from activiteiten.models import (
    Aanmelding,
    AanmeldingStatus,
    Binnenkomst,
    Ouderactiviteit,
    OuderactiviteitSoort,
    Ouderreeks,
    Uitnodiging,
)
from activiteiten.ouders import services
from familieschool.models import Lidmaatschap, School
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from gezinnen.models import Gezin

REEKS = "Ouders ontmoeten Ouders"
THEMAS = [
    "Opgroeien in twee culturen",
    "Grenzen stellen zonder ruzie",
    "Schermtijd thuis",
    "Je eigen kindertijd",
    "Samen naar de middelbare school",
]
DIEETWENSEN = ["halal", "vegetarisch", "geen varkensvlees", "glutenvrij", "", "", "", ""]


def _eerste(school: School, *rollen: str) -> Any:
    for rol in rollen:
        lid = Lidmaatschap.objects.filter(school=school, rol=rol).select_related("user").order_by("pk").first()
        if lid is not None:
            return lid.user
    return None


def _reeks(school: School, door: Any, startjaar: int) -> list[Ouderactiviteit]:
    eerste = dt.date(startjaar, 9, 10)
    plan = services.Reeksplan(
        naam=REEKS,
        soort=OuderactiviteitSoort.OUDERS_ONTMOETEN_OUDERS,
        weekdag=3,
        interval_weken=6,
        eerste_datum=eerste,
        aantal=6,
        inloop=dt.time(18, 0),
        diner=dt.time(18, 30),
        begintijd=dt.time(19, 0),
        eindtijd=dt.time(20, 0),
        locatie="Aula",
        gespreksleider="Fatima Ouali (brugfunctionaris)",
        kinderopvang=True,
        tolktalen=["ar", "tr"],
        capaciteit=40,
        slotavond=True,
    )
    schooljaar = schooljaar_for_date(eerste)
    reeks = Ouderreeks.objects.create(
        school=school,
        schooljaar=schooljaar,
        naam=REEKS,
        omschrijving="Ouders brengen iets te eten mee, eten samen en praten over opvoeden en hun eigen jeugd.",
    )
    # Dates in the past are demo history: created directly, the service only plans forward.
    datums = services.reeks_datums(school=school, plan=plan)
    avonden = []
    for nummer, datum in enumerate(datums, start=1):
        slot = nummer == len(datums)
        avonden.append(
            Ouderactiviteit.objects.create(
                school=school,
                reeks=reeks,
                soort=OuderactiviteitSoort.SLOTAVOND if slot else plan.soort,
                titel=f"{REEKS}: slotavond" if slot else f"{REEKS} ({nummer})",
                thema="Ouders vertellen hun verhaal op het podium" if slot else THEMAS[(nummer - 1) % len(THEMAS)],
                omschrijving=reeks.omschrijving,
                datum=datum,
                inloop=plan.inloop,
                diner=plan.diner,
                begintijd=plan.begintijd,
                eindtijd=dt.time(21, 0) if slot else plan.eindtijd,
                locatie=plan.locatie,
                gespreksleider=plan.gespreksleider,
                kinderopvang=True,
                tolktalen=list(plan.tolktalen),
                capaciteit=plan.capaciteit,
                aangemaakt_door=door,
            )
        )
    return avonden


def _koffieochtenden(school: School, door: Any, vandaag: dt.date) -> list[Ouderactiviteit]:
    def werkdag(datum: dt.date) -> dt.date:
        while datum.weekday() > 4:
            datum += dt.timedelta(days=1)
        return datum

    return [
        Ouderactiviteit.objects.create(
            school=school,
            soort=OuderactiviteitSoort.KOFFIEOCHTEND,
            titel="Koffieochtend in de ouderkamer",
            thema=thema,
            datum=werkdag(vandaag + dt.timedelta(days=dagen)),
            inloop=dt.time(8, 30),
            begintijd=dt.time(8, 45),
            eindtijd=dt.time(10, 0),
            locatie="Ouderkamer",
            gespreksleider="Marieke Jansen (OKA)",
            aangemaakt_door=door,
        )
        for dagen, thema in ((-10, "Kennismaken met de OKA"), (5, "Geldzaken en de Stadspas"))
    ]


def _binnenkomsten(activiteit: Ouderactiviteit, gezinnen: list[Gezin], door: Any, rng: random.Random) -> int:
    talen = ["nl", "ar", "tr", "nl", "pl", "en", "ber"]
    for gezin in gezinnen:
        Binnenkomst.objects.create(
            ouderactiviteit=activiteit,
            gezin=gezin,
            taal=rng.choice(talen),
            volwassenen=rng.choice([1, 1, 1, 2]),
            kinderen=rng.choice([0, 1, 2]) if activiteit.kinderopvang else 0,
            ingecheckt_door=door,
        )
    for naam, taal in (("Buurvrouw van gezin El Idrissi", "ar"), ("Oma van Noah", "nl"))[: rng.randint(1, 2)]:
        Binnenkomst.objects.create(ouderactiviteit=activiteit, naam=naam, taal=taal, ingecheckt_door=door)
    return len(gezinnen)


def _antwoorden(uitnodigingen: list[Uitnodiging], rng: random.Random) -> int:
    aantal = 0
    for uitnodiging in uitnodigingen:
        kans = rng.random()
        if kans < 0.45:
            kinderen = rng.choice([0, 1, 1, 2, 3])
            Aanmelding.objects.create(
                uitnodiging=uitnodiging,
                status=AanmeldingStatus.KOMT,
                volwassenen=rng.choice([1, 1, 2]),
                kinderen=kinderen,
                kinderopvang_nodig=kinderen > 0 and rng.random() < 0.6,
                dieetwensen=rng.choice(DIEETWENSEN),
            )
        elif kans < 0.6:
            Aanmelding.objects.create(uitnodiging=uitnodiging, status=AanmeldingStatus.KOMT_NIET, volwassenen=1)
        else:
            continue
        aantal += 1
    return aantal


@transaction.atomic
def seed_ouderactiviteiten(*, bestuur: Any, scholen: list[School]) -> dict[str, int]:
    school = scholen[0]
    if Ouderactiviteit.objects.filter(school=school).exists():
        return {}
    coordinator = _eerste(school, Rol.COORDINATOR)
    brug = _eerste(school, Rol.BRUGFUNCTIONARIS, Rol.COORDINATOR)
    if coordinator is None:
        return {}
    rng = random.Random(f"familieschool-ouders-{school.brin}")  # noqa: S311  demo data, not security
    vandaag = timezone.localdate()
    startjaar = schooljaar_for_date(vandaag).startjaar
    kalender.seed_regio_noord(startjaar=startjaar)
    activiteiten = _reeks(school, coordinator, startjaar) + _koffieochtenden(school, coordinator, vandaag)

    gezinnen = list(Gezin.objects.filter(school=school, geanonimiseerd_op__isnull=True).order_by("pk"))
    voorbij = sorted((a for a in activiteiten if a.datum < vandaag), key=lambda a: a.datum)
    ingecheckt = 0
    vaste_kern = rng.sample(gezinnen, min(len(gezinnen), 8))
    for activiteit in voorbij:
        # A core that keeps coming, and a few families for the first time each evening.
        nieuw = rng.sample(gezinnen, min(len(gezinnen), 5))
        deze_keer = list({g.pk: g for g in [*rng.sample(vaste_kern, min(len(vaste_kern), 6)), *nieuw]}.values())
        ingecheckt += _binnenkomsten(activiteit, deze_keer, brug, rng)

    komend = sorted((a for a in activiteiten if a.datum >= vandaag and a.kinderopvang), key=lambda a: a.datum)
    uitnodigingen: list[Uitnodiging] = []
    antwoorden = 0
    if komend:
        volgende = komend[0]
        uitnodigingen = services.nodig_uit(ouderactiviteit=volgende, doelgroep="iedereen", door=coordinator).nieuw
        antwoorden = _antwoorden(uitnodigingen, rng)
    return {
        "ouderactiviteiten": len(activiteiten),
        "ouder_binnenkomsten": ingecheckt,
        "ouder_uitnodigingen": len(uitnodigingen),
        "ouder_antwoorden": antwoorden,
    }
