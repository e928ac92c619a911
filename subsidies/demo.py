"""Demo subsidies for the first demo school (fictional amounts and references): the AFS grant
over four school years, School & Omgeving paying for the Rijke schooldag, the brugfunctionaris
and school meals; budget lines and a spending history that makes the forecast say something;
deadlines (one overdue, a monthly declaration); fund applications for children of demo
families, one due for renewal and one whose participation was never checked. Idempotent."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from activiteiten.models import Activiteit, Ouderactiviteit
from familieschool.models import Lidmaatschap, School
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from gezinnen.models import Leerling
from partners.models import Partner
from subsidies import deadlines
from subsidies.models import Begrotingspost, Financiering, Fondsaanvraag, Regeling, Toekenning, Uitgave

# A one-page PDF that says what it is; real invoices are uploaded by the school.
DEMO_FACTUUR = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 1/Kids[3 0 R]>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 61>>stream\nBT /F1 18 Tf 72 760 Td (Demofactuur - fictief voorbeeld) Tj ET\nendstream\nendobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# (regeling code, naam, referentie, begin, eind, bedrag, posten, uitgaven per maand per post)
TOEKENNINGEN: list[dict[str, Any]] = [
    {
        "code": "afs",
        "naam": "Amsterdamse Familieschool 2023–2027",
        "referentie": "VLOA-AFS-2023-0417",
        "begin": dt.date(2023, 8, 1),
        "eind": dt.date(2027, 7, 31),
        "posten": {"personeel": 210000, "activiteiten": 80000, "materiaal": 18000, "overig": 12000},
        "per_maand": {"personeel": 4700, "activiteiten": 1800, "materiaal": 420, "overig": 180},
        "voorwaarden": "Projectleider 0,4 fte; jaarlijks activiteitenverslag aan de gemeente.",
    },
    {
        "code": "school-en-omgeving",
        "naam": "School & Omgeving 2025–2028",
        "referentie": "DUS-I SO-25-1182",
        "begin": dt.date(2025, 8, 1),
        "eind": dt.date(2028, 7, 31),
        "posten": {"personeel": 96000, "activiteiten": 84000, "materiaal": 9000},
        "per_maand": {"personeel": 2900, "activiteiten": 2600, "materiaal": 180},
        "voorwaarden": "Categorie B: gemiddeld 5 uur per week per deelnemende leerling.",
    },
    {
        "code": "brugfunctionaris",
        "naam": "Brugfunctionaris 2024–2027",
        "referentie": "DUS-I BF-24-0733",
        "begin": dt.date(2024, 8, 1),
        "eind": dt.date(2027, 7, 31),
        "posten": {"personeel": 72000, "overig": 3000},
        "per_maand": {"personeel": 1950, "overig": 40},
        "voorwaarden": "",
    },
    {
        "code": "schoolmaaltijden",
        "naam": "Schoolmaaltijden 2026",
        "referentie": "SM-2026-0291",
        "begin": dt.date(2026, 1, 1),
        "eind": dt.date(2026, 12, 31),
        "posten": {"materiaal": 54000},
        "per_maand": {"materiaal": 4300},
        "voorwaarden": "€ 9 per leerling per week; declaratie elke maand achteraf.",
    },
]

OMSCHRIJVINGEN = {
    "personeel": ["Inzet projectleider", "Uren coördinator", "Inhuur vakdocent"],
    "activiteiten": ["Judoclub Noord — blok", "Muziekles — blok", "Techniekclub — materiaal en begeleiding"],
    "materiaal": ["Knutselmateriaal", "Sportmateriaal", "Boodschappen ontbijt"],
    "overig": ["Drukwerk boekje", "Vervoer uitje", "Catering ouderavond"],
}


def _maanden(van: dt.date, tot: dt.date) -> list[dt.date]:
    maanden = []
    datum = van.replace(day=1)
    while datum <= tot:
        maanden.append(datum)
        datum = (datum + dt.timedelta(days=32)).replace(day=1)
    return maanden


def _toekenning(school: School, data: dict[str, Any], door: Any, rng: random.Random, vandaag: dt.date) -> Toekenning:
    regeling = Regeling.objects.get(bestuur_id=school.bestuur_id, code=data["code"])
    toekenning = Toekenning.objects.create(
        school=school,
        regeling=regeling,
        naam=data["naam"],
        referentie=data["referentie"],
        begindatum=data["begin"],
        einddatum=data["eind"],
        bedrag=Decimal(sum(data["posten"].values())),
        voorwaarden=data["voorwaarden"],
        aangemaakt_door=door,
    )
    posten = {
        soort: Begrotingspost.objects.create(toekenning=toekenning, soort=soort, bedrag=Decimal(bedrag))
        for soort, bedrag in data["posten"].items()
    }
    activiteiten = list(Activiteit.objects.filter(school=school).order_by("pk")[:4])
    ouderavonden = list(Ouderactiviteit.objects.filter(school=school).order_by("pk")[:2])
    uitgaven = []
    eind = min(vandaag, data["eind"])
    for maand in _maanden(data["begin"], eind):
        for soort, bedrag in data["per_maand"].items():
            datum = min(maand + dt.timedelta(days=rng.randint(5, 25)), eind)
            if datum < data["begin"]:
                continue
            schommeling = Decimal(rng.randint(80, 125)) / 100
            uitgaven.append(
                Uitgave(
                    toekenning=toekenning,
                    post=posten[soort],
                    datum=datum,
                    bedrag=(Decimal(bedrag) * schommeling).quantize(Decimal("0.01")),
                    omschrijving=rng.choice(OMSCHRIJVINGEN[soort]),
                    activiteit=rng.choice(activiteiten) if soort == "activiteiten" and activiteiten else None,
                    ouderactiviteit=rng.choice(ouderavonden) if soort == "overig" and ouderavonden else None,
                    factuurnummer=f"F{datum:%Y%m}-{rng.randint(100, 999)}",
                    aangemaakt_door=door,
                )
            )
    Uitgave.objects.bulk_create(uitgaven)
    # The latest expense carries an invoice as an attachment.
    laatste = Uitgave.objects.filter(toekenning=toekenning).order_by("-datum", "-pk").first()
    if laatste is not None:
        laatste.bijlage.save("factuur-demo.pdf", ContentFile(DEMO_FACTUUR), save=False)
        laatste.bijlage_naam = "factuur-demo.pdf"
        laatste.bijlage_type = "application/pdf"
        laatste.save()
    return toekenning


def _financiering(school: School, toekenningen: dict[str, Toekenning]) -> int:
    """The Rijke schooldag is paid from School & Omgeving; sport and culture share with AFS."""
    so, afs = toekenningen["school-en-omgeving"], toekenningen["afs"]
    rijen = []
    for activiteit in Activiteit.objects.filter(school=school):
        if activiteit.ontwikkelgebied in ("sport", "cultuur"):
            rijen += [
                Financiering(toekenning=so, activiteit=activiteit, aandeel=70),
                Financiering(toekenning=afs, activiteit=activiteit, aandeel=30),
            ]
        else:
            rijen.append(Financiering(toekenning=so, activiteit=activiteit, aandeel=100))
    Financiering.objects.bulk_create(rijen)
    return len(rijen)


def _deadlines(school: School, toekenningen: dict[str, Toekenning], eigenaar: Any, vandaag: dt.date) -> int:
    eind_schooljaar = schooljaar_for_date(vandaag).einddatum
    volgende_maand = (vandaag.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rijen = [
        (
            "Declaratie schoolmaaltijden",
            "declaratie",
            "schoolmaaltijden",
            volgende_maand,
            7,
            "maandelijks",
        ),
        ("Tussenrapportage AFS aan de gemeente", "verantwoording", "afs", vandaag - dt.timedelta(days=3), 14, "geen"),
        (
            "Jaarverslag: bijlage G1 aanleveren bij het bestuur",
            "verantwoording",
            "brugfunctionaris",
            dt.date(eind_schooljaar.year, 5, 15),
            21,
            "jaarlijks",
        ),
        (
            "Uren- en deelnameregistratie School & Omgeving",
            "verantwoording",
            "school-en-omgeving",
            dt.date(eind_schooljaar.year, 7, 10),
            30,
            "jaarlijks",
        ),
        ("AFS activiteitenverslag schooljaar", "verantwoording", "afs", eind_schooljaar, 30, "jaarlijks"),
        (
            "Aanvragen Jeugdfonds voor het nieuwe sportjaar",
            "aanvraag",
            None,
            dt.date(eind_schooljaar.year, 6, 15),
            14,
            "jaarlijks",
        ),
    ]
    for titel, soort, code, datum, vooraf, herhaling in rijen:
        deadlines.save_deadline(
            school=school,
            titel=titel,
            soort=soort,
            toekenning=toekenningen.get(code) if code else None,
            datum=datum,
            eigenaar=eigenaar,
            dagen_vooraf=vooraf,
            herhaling=herhaling,
        )
    return len(rijen)


def _fondsaanvragen(school: School, maker: Any, vandaag: dt.date) -> int:
    fondsen = {r.code: r for r in Regeling.objects.filter(bestuur_id=school.bestuur_id, soort="fonds")}
    kinderen = list(
        Leerling.objects.filter(school=school, gezin__isnull=False, uitstroomdatum__isnull=True).order_by("pk")[3:60:7]
    )
    clubs = {p.soort: p for p in Partner.objects.filter(bestuur_id=school.bestuur_id)}
    # (fonds, doel, omschrijving, bedrag, status, dagen geleden, stadspas)
    plan = [
        ("jeugdfonds-sport-cultuur", "sportclub", "Voetbal, seizoen", "240.00", "betaald", 400, "ja"),
        ("jeugdfonds-sport-cultuur", "zwemles", "Diplomazwemmen A", "350.00", "toegekend", 150, "ja"),
        ("jeugdfonds-sport-cultuur", "cultuur", "Gitaarles", "450.00", "aangevraagd", 12, "nee"),
        ("jeugdeducatiefonds", "bed", "Bed en matras", "280.00", "toegekend", 60, "onbekend"),
        ("jeugdeducatiefonds", "schoolreis", "Schoolkamp groep 8", "95.00", "betaald", 200, "ja"),
        ("jeugdfonds-sport-cultuur", "sportclub", "Judo", "210.00", "afgewezen", 90, "onbekend"),
        ("jeugdeducatiefonds", "bureau", "Bureau en lamp", "160.00", "aangevraagd", 4, "ja"),
    ]
    aantal = 0
    for kind, (code, doel, omschrijving, bedrag, status, dagen, stadspas) in zip(kinderen, plan, strict=False):
        aangevraagd = vandaag - dt.timedelta(days=dagen)
        besloten = aangevraagd + dt.timedelta(days=21) if status != "aangevraagd" else None
        Fondsaanvraag.objects.create(
            school=school,
            leerling=kind,
            gezin=kind.gezin,
            regeling=fondsen[code],
            schooljaar=schooljaar_for_date(aangevraagd),
            doel=doel,
            omschrijving=omschrijving,
            aanbieder=clubs.get("sportvereniging") if doel in ("sportclub", "zwemles") else None,
            bedrag=Decimal(bedrag),
            toegekend_bedrag=Decimal(bedrag) if status in ("toegekend", "betaald") else None,
            stadspas=stadspas,
            motivatie="" if stadspas == "ja" else "Het gezin wacht op de Stadspas; inkomen besproken met de oka.",
            status=status,
            dossiernummer=f"JF-{aangevraagd:%y}-{4100 + aantal}",
            aangevraagd_op=aangevraagd,
            besloten_op=besloten,
            betaald_op=besloten + dt.timedelta(days=14) if status == "betaald" and besloten else None,
            reden_afwijzing="Buiten het budget van dit jaar." if status == "afgewezen" else "",
            aangemaakt_door=maker,
        )
        aantal += 1
    return aantal


def seed_subsidies(*, bestuur: Any, scholen: list[School]) -> dict[str, int]:
    school = scholen[0]
    if Toekenning.objects.filter(school=school).exists():
        return {}
    coordinator = (
        Lidmaatschap.objects.filter(school=school, rol=Rol.COORDINATOR).select_related("user").order_by("pk").first()
    )
    brugfunctionaris = (
        Lidmaatschap.objects.filter(school=school, rol=Rol.BRUGFUNCTIONARIS)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if coordinator is None:
        return {}
    rng = random.Random(f"familieschool-subsidies-{school.brin}")  # noqa: S311  demo data, not security
    vandaag = timezone.localdate()
    toekenningen = {data["code"]: _toekenning(school, data, coordinator.user, rng, vandaag) for data in TOEKENNINGEN}
    maker = brugfunctionaris.user if brugfunctionaris else coordinator.user
    return {
        "toekenningen": len(toekenningen),
        "uitgaven": Uitgave.objects.filter(toekenning__school=school).count(),
        "financieringen": _financiering(school, toekenningen),
        "deadlines": _deadlines(school, toekenningen, coordinator.user, vandaag),
        "fondsaanvragen": _fondsaanvragen(school, maker, vandaag),
    }
