"""Demo pupils, groups, families and guardians for the demo schools. Every name is made up by
combining first names and surnames from short lists; addresses are invented and phone numbers
use the 06-1234xxxx range, mail addresses the reserved ``.example`` domain. Deterministic (a
seeded random generator) and idempotent: nothing is added to a school that already has pupils."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from familieschool.models import Lidmaatschap, School, Schooljaar
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from gezinnen import services
from gezinnen.models import Doel, Gezin, Groep, Kanaal, Leerling, Relatie, Taal, Toestemming, Verzorger, Verzorgerschap

VOORNAMEN = [
    "Noah",
    "Sara",
    "Adam",
    "Yasmine",
    "Daan",
    "Fenna",
    "Mohamed",
    "Lina",
    "Levi",
    "Nora",
    "Emir",
    "Zeynep",
    "Milan",
    "Amira",
    "Sem",
    "Ilse",
    "Ayoub",
    "Chaimae",
    "Jayden",
    "Naomi",
    "Kerem",
    "Elif",
    "Luuk",
    "Hiba",
    "Julian",
    "Anaïs",
    "Bilal",
    "Roos",
    "Mees",
    "Hanna",
    "Rayan",
    "Isa",
    "Dex",
    "Maëlle",
    "Yusuf",
    "Liv",
]
ACHTERNAMEN = [
    ("", "Bakker"),
    ("el", "Idrissi"),
    ("van", "Dijk"),
    ("", "Yıldırım"),
    ("de", "Wit"),
    ("", "Bouzidi"),
    ("", "Pinas"),
    ("", "Öztürk"),
    ("van der", "Meer"),
    ("", "Amrani"),
    ("", "Kartosen"),
    ("", "Mulder"),
    ("", "Haddou"),
    ("", "Kaya"),
    ("de", "Graaf"),
    ("", "Tahiri"),
    ("", "Vos"),
    ("", "Aydın"),
]
OUDERNAMEN = [
    "Fatima",
    "Mehmet",
    "Sandra",
    "Rachid",
    "Esra",
    "Jeroen",
    "Naima",
    "Hasan",
    "Marloes",
    "Karim",
    "Ayşe",
    "Wendy",
    "Said",
    "Gülşen",
    "Patrick",
    "Latifa",
    "Orlando",
    "Iris",
]
STRATEN = ["Mercatorstraat", "Bos en Lommerweg", "Hoofdweg", "Jan Evertsenstraat", "Admiraal de Ruijterweg"]
TALEN = [Taal.NL] * 6 + [Taal.AR, Taal.TR, Taal.BER, Taal.EN, Taal.PL, Taal.TI]
PER_SCHOOL = {0: 96, 1: 64, 2: 40}  # pupils per demo school (by index)


def _groepen(school: School, schooljaar: Schooljaar) -> dict[str, Groep]:
    definities = [("G12A", "1/2A", "C"), ("G12B", "1/2B", "C")] + [(f"G{j}", f"Groep {j}", str(j)) for j in range(3, 9)]
    groepen = {}
    for sleutel, naam, jaargroep in definities:
        groepen[sleutel], _ = Groep.objects.get_or_create(
            school=school, schooljaar=schooljaar, sleutel=sleutel, defaults={"naam": naam, "jaargroep": jaargroep}
        )
    groepen["NT2"], _ = Groep.objects.get_or_create(
        school=school,
        schooljaar=schooljaar,
        sleutel="NT2",
        defaults={"naam": "Taalgroep NT2", "soort": Groep.Soort.SAMENGESTELD},
    )
    return groepen


def _seed_school(school: School, aantal: int, rng: random.Random, schooljaar: Schooljaar) -> dict[str, int]:
    groepen = _groepen(school, schooljaar)
    peildatum = schooljaar.begindatum
    nummer = 20180000 + school.pk * 1000
    leerlingen = 0
    gezinnen = 0
    while leerlingen < aantal:
        tussenvoegsel, achternaam = rng.choice(ACHTERNAMEN)
        gezin = Gezin.objects.create(school=school, naam=services.gezin_naam([achternaam]))
        gezinnen += 1
        ouders = []
        taal = rng.choice(TALEN)
        straat, huisnummer = rng.choice(STRATEN), str(rng.randint(1, 240))
        for volgnummer, relatie in enumerate([Relatie.MOEDER, Relatie.VADER][: rng.choice([1, 2, 2])], start=1):
            roepnaam = rng.choice(OUDERNAMEN)
            telefoon = f"06-1234{rng.randint(0, 9999):04d}"
            email = (
                f"{services.fold_local(roepnaam)}.{services.fold_local(achternaam)}{rng.randint(1, 99)}@ouders.example"
            )
            kanaal = Kanaal.EMAIL if rng.random() < 0.7 else rng.choice([Kanaal.SMS, Kanaal.PAPIER])
            ouder = Verzorger.objects.create(
                school=school,
                sleutel=services.verzorger_sleutel(roepnaam=roepnaam, achternaam=achternaam, email=email),
                roepnaam=roepnaam,
                tussenvoegsel=tussenvoegsel,
                achternaam=achternaam,
                telefoon=telefoon,
                email=email if kanaal != Kanaal.PAPIER else "",
                straat=straat,
                huisnummer=huisnummer,
                postcode=f"105{rng.randint(5, 7)} {rng.choice('ABCDEFGH')}{rng.choice('KLMNPRST')}",
                woonplaats="Amsterdam",
                voorkeurstaal=taal,
                tolk_nodig=taal not in {Taal.NL, Taal.EN} and rng.random() < 0.5,
                voorkeurskanaal=kanaal,
            )
            ouders.append((ouder, relatie, volgnummer))
        for _ in range(min(rng.choice([1, 1, 2, 2, 3]), aantal - leerlingen)):
            jaargroep = rng.randint(1, 8)
            geboortedatum = dt.date(peildatum.year - jaargroep - 4, rng.randint(1, 12), rng.randint(1, 28))
            groep = (
                groepen["G12A" if jaargroep <= 2 and rng.random() < 0.5 else "G12B"]
                if jaargroep <= 2
                else groepen[f"G{jaargroep}"]
            )
            nummer += 1
            leerling = Leerling(
                school=school,
                leerlingnummer=str(nummer),
                roepnaam=rng.choice(VOORNAMEN),
                tussenvoegsel=tussenvoegsel,
                achternaam=achternaam,
                geboortedatum=geboortedatum,
                geslacht=rng.choice(["1", "2"]),
                jaargroep=str(jaargroep),
                groep=groep,
                postcode=ouders[0][0].postcode,
                instroomdatum=geboortedatum.replace(year=geboortedatum.year + 4),
                gezin=gezin,
            )
            services.refresh_leerling_zoektekst(leerling)
            leerling.save()
            if rng.random() < 0.12:
                leerling.samengestelde_groepen.add(groepen["NT2"])
            for ouder, relatie, volgnummer in ouders:
                Verzorgerschap.objects.create(
                    verzorger=ouder, leerling=leerling, relatie=relatie, volgnummer=volgnummer
                )
            leerlingen += 1
        services.refresh_gezin(gezin)
        if rng.random() < 0.8:
            for doel in Doel.values:
                Toestemming.objects.create(
                    gezin=gezin,
                    doel=doel,
                    gegeven=rng.random() < 0.85,
                    datum=peildatum + dt.timedelta(days=rng.randint(1, 40)),
                    gegeven_door=ouders[0][0],
                    vastgelegd_door=_vastlegger(school),
                )
    return {"leerlingen": leerlingen, "gezinnen": gezinnen}


def _vastlegger(school: School) -> Any:
    lid = (
        Lidmaatschap.objects.filter(school=school, rol__in=[Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS])
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if lid is None:
        lid = Lidmaatschap.objects.filter(school__bestuur=school.bestuur).select_related("user").order_by("pk").first()
    assert lid is not None  # noqa: S101  the core seeder created the users first
    return lid.user


def _koppel_leerkracht(scholen: list[School]) -> None:
    """The demo teacher teaches groep 5 of the first school."""
    leraar = Lidmaatschap.objects.filter(school=scholen[0], rol=Rol.LEERKRACHT).select_related("user").first()
    groep = Groep.objects.filter(school=scholen[0], sleutel="G5").order_by("-schooljaar__startjaar").first()
    if leraar is not None and groep is not None:
        groep.leerkrachten.add(leraar.user)


DEMO_SIGNALEN = [
    # (days ago, category, level, note, status)
    (20, "geld", "zorg", "Komt vaak zonder lunch naar school.", "in_behandeling"),
    (16, "opvoeding", "zorg", "Moeder vertelt dat de avonden thuis onrustig zijn.", "nieuw"),
    (12, "taal", "licht", "Vader vraagt naar een taalcursus.", "doorverwezen"),
    (9, "wonen", "groot", "Gezin woont met zes personen in twee kamers.", "nieuw"),
    (5, "gezondheid", "zorg", "Klaagt al weken over kiespijn; geen tandarts bekend.", "nieuw"),
    (3, "vrije_tijd", "licht", "Wil graag op voetbal; ouders weten niet hoe.", "nieuw"),
    (1, "school", "licht", "Vaak te laat op maandag.", "nieuw"),
    (0, "veiligheid", "groot", "Vertelt dat het thuis 's avonds vaak ruzie is en dat het bang is.", "nieuw"),
]


def _seed_signalen(school: School) -> int:
    """A few open signals at the first demo school, some past their follow-up date, so the
    start pages of the handlers and the coordinator show what overdue looks like."""
    from gezinnen.signalen import services as signaal_services

    if school.signalen.exists():
        return 0
    melder = Lidmaatschap.objects.filter(school=school, rol=Rol.LEERKRACHT).select_related("user").first()
    kinderen = list(Leerling.objects.filter(school=school).order_by("pk")[:: max(1, 96 // len(DEMO_SIGNALEN))])
    if melder is None or not kinderen:
        return 0
    vandaag = timezone.localdate()
    for (dagen, categorie, niveau, notitie, status), kind in zip(DEMO_SIGNALEN, kinderen, strict=False):
        signaal = signaal_services.create_signaal(
            school=school,
            gemeld_door=melder.user,
            leerling=kind,
            categorie=categorie,
            zorgniveau=niveau,
            omschrijving=notitie,
            vandaag=vandaag - dt.timedelta(days=dagen),
        )
        if status != "nieuw" and signaal.behandelaar is not None:
            signaal_services.change_status(signaal=signaal, naar=status, door=signaal.behandelaar)
    return len(DEMO_SIGNALEN)


def seed_gezinnen(*, bestuur: Any, scholen: list[School]) -> dict[str, int]:
    schooljaar = schooljaar_for_date()
    totaal = {"leerlingen": 0, "gezinnen": 0}
    for index, school in enumerate(scholen):
        if Leerling.objects.filter(school=school).exists():
            continue
        rng = random.Random(f"familieschool-demo-{school.brin}")  # noqa: S311  demo data, not security
        result = _seed_school(school, PER_SCHOOL.get(index, 40), rng, schooljaar)
        for key, value in result.items():
            totaal[key] += value
    _koppel_leerkracht(scholen)
    totaal["signalen"] = _seed_signalen(scholen[0])
    return totaal
