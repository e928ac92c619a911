"""Demo Rijke schooldag for the first demo school: three blocks between the holidays of this school
year, activities by the demo partners (a few with translations for the booklet), enrolments of
about two thirds of the pupils with a waitlist here and there, attendance for the sessions that
have passed (two recent ones left open, and one child absent three times in a row, so the
coordinator's flags show), and a few children who joined a club. Deterministic and idempotent:
nothing is added to a school that already has blocks."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from activiteiten import kalender, services
from activiteiten.models import (
    Activiteit,
    ActiviteitVertaling,
    Bijeenkomst,
    Blok,
    Doorstroom,
    Inschrijving,
    InschrijvingStatus,
    Presentie,
    PresentieStatus,
    Sluiting,
)
from familieschool.models import Lidmaatschap, School, Schooljaar
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from gezinnen.models import Doel, Leerling
from partners.models import Partner


@dataclass(frozen=True)
class DemoActiviteit:
    titel: str
    gebied: str
    partner: str  # name of a demo partner; "" = own staff
    jaargroepen: tuple[str, ...]
    capaciteit: int
    weekdag: int
    van: tuple[int, int]
    tot: tuple[int, int]
    omschrijving: str
    kosten: int


ACTIVITEITEN = [
    DemoActiviteit(
        "Kleutergym",
        "sport",
        "Sportpunt West — buurtsportcoaches",
        ("1", "2"),
        14,
        2,
        (12, 30),
        (13, 30),
        "Rennen, klimmen en spelletjes in de speelzaal met de buurtsportcoach.",
        200,
    ),
    DemoActiviteit(
        "Kleuterdans",
        "cultuur",
        "Dansstudio Öztürk",
        ("1", "2"),
        12,
        0,
        (14, 30),
        (15, 15),
        "Bewegen op muziek en kleine dansjes maken.",
        300,
    ),
    DemoActiviteit(
        "Judo",
        "sport",
        "Judoschool Yıldırım",
        ("3", "4", "5"),
        14,
        0,
        (14, 30),
        (15, 30),
        "Vallen, opstaan en samen sterk: judo op de mat in de gymzaal.",
        480,
    ),
    DemoActiviteit(
        "Voetbal",
        "sport",
        "Voetbalvereniging West Side United",
        ("5", "6", "7", "8"),
        18,
        2,
        (12, 45),
        (14, 0),
        "Trainen met echte trainers van de club op het Cruijff Court.",
        360,
    ),
    DemoActiviteit(
        "Theater",
        "cultuur",
        "Theaterwerkplaats Het Open Doek",
        ("6", "7", "8"),
        12,
        1,
        (14, 45),
        (16, 0),
        "Spelen, improviseren en aan het eind een voorstelling voor ouders.",
        620,
    ),
    DemoActiviteit(
        "Schilderen",
        "cultuur",
        "Kunstatelier De Kleurrijke Kwast",
        ("3", "4"),
        10,
        3,
        (14, 30),
        (15, 30),
        "Werken met verf, klei en papier in het atelier.",
        400,
    ),
    DemoActiviteit(
        "Circus",
        "sport",
        "Circusschool Hoepla West",
        ("4", "5", "6"),
        15,
        4,
        (13, 0),
        (14, 15),
        "Jongleren, balanceren en acrobatiek.",
        540,
    ),
    DemoActiviteit(
        "Huiswerkklas",
        "cognitief",
        "Huiswerkklas De Leerboom",
        ("7", "8"),
        16,
        1,
        (14, 45),
        (16, 0),
        "Rustig werken aan huiswerk en spreekbeurten, met hulp.",
        300,
    ),
    DemoActiviteit(
        "Kinderkookclub",
        "zelf",
        "",
        ("5", "6"),
        10,
        3,
        (14, 30),
        (16, 0),
        "Gezond koken en samen eten in de keuken van de school.",
        150,
    ),
    DemoActiviteit(
        "Natuurspeurders",
        "wereld",
        "",
        ("3", "4", "5"),
        14,
        2,
        (12, 45),
        (14, 15),
        "Op ontdekking in het Erasmuspark: bomen, beestjes en seizoenen.",
        80,
    ),
    DemoActiviteit(
        "Kinderpersbureau",
        "sociaal",
        "OBA Bos en Lommer",
        ("7", "8"),
        10,
        0,
        (14, 30),
        (15, 45),
        "Interviews maken in de buurt en een eigen krant schrijven.",
        260,
    ),
    DemoActiviteit(
        "Muziek maken",
        "cultuur",
        "Muziekschool De Notenkraker",
        ("4", "5", "6"),
        12,
        4,
        (13, 0),
        (14, 0),
        "Ritme, zingen en een eerste instrument proberen.",
        450,
    ),
]

VERTALINGEN = {
    "Judo": {
        "en": ("Judo", "Falling, getting up and being strong together: judo on the mat in the gym."),
        "tr": ("Judo", "Düşmek, kalkmak ve birlikte güçlü olmak: spor salonunda minderde judo."),
        "ar": ("جودو", "السقوط والنهوض والقوة معًا: الجودو على البساط في صالة الرياضة."),
    },
    "Voetbal": {
        "en": ("Football", "Training with real coaches from the club at the Cruijff Court."),
        "tr": ("Futbol", "Kulübün gerçek antrenörleriyle Cruijff Court'ta antrenman."),
        "ar": ("كرة القدم", "التدريب مع مدربين حقيقيين من النادي في ملعب كرويف."),
    },
    "Kinderkookclub": {
        "en": ("Children's cooking club", "Cooking healthy food and eating together in the school kitchen."),
        "tr": ("Çocuk yemek kulübü", "Okul mutfağında sağlıklı yemek pişirmek ve birlikte yemek."),
        "ar": ("نادي الطبخ للأطفال", "طبخ طعام صحي وتناوله معًا في مطبخ المدرسة."),
    },
}

BLOKNAMEN = ["Blok 1 najaar", "Blok 2 winter", "Blok 3 voorjaar"]


def _blokken(school: School, schooljaar: Schooljaar) -> list[Blok]:
    kalender.seed_regio_noord(startjaar=schooljaar.startjaar)
    gesloten = list(
        Sluiting.objects.filter(
            school__isnull=True, van__lte=schooljaar.einddatum, tot_en_met__gte=schooljaar.begindatum
        )
    )
    eerste_september = dt.date(schooljaar.startjaar, 9, 1)
    start = eerste_september + dt.timedelta(days=(0 - eerste_september.weekday()) % 7)
    blokken = []
    for naam, (van, tot) in zip(
        BLOKNAMEN, kalender.voorgestelde_blokken(startjaar=schooljaar.startjaar, gesloten=gesloten), strict=False
    ):
        blokken.append(
            Blok.objects.create(
                school=school, schooljaar=schooljaar, naam=naam, begindatum=max(van, start), einddatum=tot
            )
        )
    return blokken


def _leiding(school: School) -> tuple[Any, Any, Any]:
    def eerste(rol: str) -> Any:
        lid = Lidmaatschap.objects.filter(school=school, rol=rol).select_related("user").order_by("pk").first()
        return lid.user if lid else None

    return eerste(Rol.COORDINATOR), eerste(Rol.BEGELEIDER), eerste(Rol.LEERKRACHT)


def _activiteiten(school: School, blokken: list[Blok], begeleider: Any, leerkracht: Any) -> list[Activiteit]:
    partners = {p.naam: p for p in Partner.objects.filter(bestuur_id=school.bestuur_id)}
    vandaag = timezone.localdate()
    gemaakt = []
    for b, blok in enumerate(blokken):
        # Each block offers most of the list, in a different mix.
        for n, demo in enumerate(ACTIVITEITEN):
            if (n + b) % 5 == 4:
                continue
            weekdag = demo.weekdag
            loopt = blok.begindatum <= vandaag <= blok.einddatum
            if loopt and demo.titel == "Judo" and vandaag.weekday() < 5:
                weekdag = vandaag.weekday()  # the demo begeleider has a session today
            activiteit = Activiteit.objects.create(
                school=school,
                blok=blok,
                titel=demo.titel,
                omschrijving=demo.omschrijving,
                ontwikkelgebied=demo.gebied,
                aanbieder=partners.get(demo.partner),
                locatie="Gymzaal" if demo.gebied == "sport" else "School",
                jaargroepen=list(demo.jaargroepen),
                capaciteit=demo.capaciteit,
                kosten=Decimal(demo.kosten),
                weekdag=weekdag,
                begintijd=dt.time(*demo.van),
                eindtijd=dt.time(*demo.tot),
            )
            if demo.titel in {"Judo", "Kinderkookclub"} and begeleider is not None:
                activiteit.begeleiders.add(begeleider)
            if demo.titel == "Huiswerkklas" and leerkracht is not None:
                activiteit.begeleiders.add(leerkracht)
            for taal, (titel, omschrijving) in VERTALINGEN.get(demo.titel, {}).items():
                ActiviteitVertaling.objects.create(
                    activiteit=activiteit, taal=taal, titel=titel, omschrijving=omschrijving
                )
            services.generate_bijeenkomsten(activiteit=activiteit)
            gemaakt.append(activiteit)
    return gemaakt


def _inschrijvingen(school: School, activiteiten: list[Activiteit], door: Any, rng: random.Random) -> int:
    kinderen = list(
        Leerling.objects.filter(
            school=school, gezin__toestemmingen__doel=Doel.ACTIVITEITEN, gezin__toestemmingen__gegeven=True
        ).order_by("pk")
    )
    vandaag = timezone.localdate()
    aantal = 0
    for activiteit in activiteiten:
        if activiteit.blok.begindatum > vandaag + dt.timedelta(days=60):
            continue  # the spring block is not open for enrolment yet
        passend = [k for k in kinderen if k.jaargroep in activiteit.jaargroepen]
        rng.shuffle(passend)
        for kind in passend[: activiteit.capaciteit + rng.randint(-4, 3)]:
            services.enrol(activiteit=activiteit, leerling=kind, door=door)
            aantal += 1
    return aantal


def _presentie(activiteiten: list[Activiteit], door: Any, rng: random.Random) -> int:
    vandaag = timezone.localdate()
    sessies = list(
        Bijeenkomst.objects.filter(activiteit__in=activiteiten, datum__lt=vandaag, geannuleerd=False)
        .select_related("activiteit")
        .order_by("datum")
    )
    open_laten = {s.pk for s in sessies[-12:] if s.activiteit.titel in {"Circus", "Muziek maken"}}
    geplaatst: dict[int, list[int]] = {}
    for activiteit_id, leerling_id in Inschrijving.objects.filter(
        activiteit__in=activiteiten, status=InschrijvingStatus.GEPLAATST
    ).values_list("activiteit_id", "leerling_id"):
        geplaatst.setdefault(activiteit_id, []).append(leerling_id)
    # One child of the judo group misses the last three sessions: the coordinator gets a suggestion.
    judo = next(
        (
            a
            for a in activiteiten
            if a.titel == "Judo" and a.pk in geplaatst and a.blok.begindatum <= vandaag <= a.blok.einddatum
        ),
        None,
    )
    spijbelaar = geplaatst[judo.pk][0] if judo else None
    judo_sessies = [s.pk for s in sessies if judo and s.activiteit_id == judo.pk][-3:]
    rijen = []
    for sessie in sessies:
        if sessie.pk in open_laten:
            continue
        for leerling_id in geplaatst.get(sessie.activiteit_id, []):
            kans = rng.random()
            status = (
                PresentieStatus.AANWEZIG
                if kans < 0.84
                else PresentieStatus.AFWEZIG_MET_REDEN
                if kans < 0.93
                else PresentieStatus.AFWEZIG
            )
            if leerling_id == spijbelaar and sessie.pk in judo_sessies:
                status = PresentieStatus.AFWEZIG
            rijen.append(Presentie(bijeenkomst=sessie, leerling_id=leerling_id, status=status, geregistreerd_door=door))
        sessie.werkelijke_minuten = _minuten(sessie) - rng.choice([0, 0, 0, 5, 10])
    Presentie.objects.bulk_create(rijen, batch_size=1000)
    Bijeenkomst.objects.bulk_update([s for s in sessies if s.werkelijke_minuten], ["werkelijke_minuten"])
    return len(rijen)


def _minuten(sessie: Bijeenkomst) -> int:
    begin = dt.datetime.combine(sessie.datum, sessie.begintijd)
    return int((dt.datetime.combine(sessie.datum, sessie.eindtijd) - begin).total_seconds() // 60)


def _doorstroom(activiteiten: list[Activiteit], door: Any) -> int:
    vandaag = timezone.localdate()
    aantal = 0
    for activiteit in activiteiten:
        if activiteit.aanbieder is None or activiteit.ontwikkelgebied not in {"sport", "cultuur"}:
            continue
        if activiteit.blok.einddatum >= vandaag:
            continue
        for inschrijving in activiteit.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST).order_by("pk")[:2]:
            _, nieuw = Doorstroom.objects.get_or_create(
                leerling_id=inschrijving.leerling_id,
                partner=activiteit.aanbieder,
                defaults={"activiteit": activiteit, "datum": activiteit.blok.einddatum, "vastgelegd_door": door},
            )
            aantal += nieuw
    return aantal


def seed_activiteiten(*, bestuur: Any, scholen: list[School]) -> dict[str, int]:
    school = scholen[0]
    if Blok.objects.filter(school=school).exists():
        return {}
    coordinator, begeleider, leerkracht = _leiding(school)
    if coordinator is None:
        return {}
    rng = random.Random(f"familieschool-activiteiten-{school.brin}")  # noqa: S311  demo data, not security
    schooljaar = schooljaar_for_date(timezone.localdate())
    blokken = _blokken(school, schooljaar)
    activiteiten = _activiteiten(school, blokken, begeleider, leerkracht)
    return {
        "activiteiten": len(activiteiten),
        "inschrijvingen": _inschrijvingen(school, activiteiten, coordinator, rng),
        "presenties": _presentie(activiteiten, coordinator, rng),
        "doorstromen": _doorstroom(activiteiten, coordinator),
    }
