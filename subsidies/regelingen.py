"""The funding streams every board starts with (reference/domain.md §3). They are data: a board
edits amounts and rules on the Regelingen page when a fund changes them; nothing in the code
depends on a figure here except through the fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

STANDAARD_REGELINGEN: list[dict[str, Any]] = [
    {
        "code": "afs",
        "naam": "Amsterdamse Familieschool (AFS)",
        "soort": "subsidie",
        "financier": "Gemeente Amsterdam (VLOA)",
        "omschrijving": "Vierjarige subsidie (schooljaren 2023–2027) voor AFS-activiteiten en een projectleider.",
        "voorwaarden": "Besteding aan activiteiten voor kind, ouders en gezin en aan een projectleider. "
        "Administratie bijhouden zodat de gemeente de naleving kan controleren; "
        "bewaren tot ten minste 5 jaar na vaststelling.",
        "verantwoording": "Jaarlijks activiteitenverslag met bereik per pijler (Rijke schooldag, ouders, "
        "Familieservicepunt) en een overzicht van de uitgaven.",
        "rapportage": "afs",
    },
    {
        "code": "school-en-omgeving",
        "naam": "School & Omgeving",
        "soort": "subsidie",
        "financier": "OCW via DUS-I of de gemeente (SPUK Kansrijke Wijk)",
        "omschrijving": "Verrijkte schooldag: activiteiten in zes ontwikkelgebieden naast de lestijd.",
        "voorwaarden": "Categorie B: gemiddeld ten minste 5 uur per week per deelnemende leerling, "
        "gewogen over 40 schoolweken. 25% marge op uren en deelnemers; daarbuiten wordt teruggevorderd.",
        "verantwoording": "Uren- en deelnameregistratie: leerlinguren, gemiddelde uren per week, geleverde weken.",
        "rapportage": "school_en_omgeving",
        "minimum_uren_per_week": Decimal("5.0"),
    },
    {
        "code": "brugfunctionaris",
        "naam": "Brugfunctionaris",
        "soort": "subsidie",
        "financier": "OCW via DUS-I",
        "omschrijving": "Vast bedrag per vestiging voor een brugfunctionaris tussen thuis, school en wijk "
        "(schooljaren 2024-2025 tot en met 2026-2027).",
        "voorwaarden": "Inzet van een of meer brugfunctionarissen; ook buiten het schoolgebouw.",
        "verantwoording": "Financiële verantwoording in het jaarverslag van het bestuur (model G1), "
        "vóór 1 juli bij DUO; inzet in uren en contacten.",
    },
    {
        "code": "verbinding-po-vo",
        "naam": "Verbinding po-vo",
        "soort": "subsidie",
        "financier": "OCW via DUS-I (penvoerder van de coalitie)",
        "omschrijving": "Coalitie van ten minste twee po-scholen en één vo-school; warme overdracht van groep 8.",
        "voorwaarden": "Verbindingsplan met stuurgroep, ouderbetrokkenheid en ten minste drie thema's.",
        "verantwoording": "Inhoudelijke verantwoording volgens de beschikking; activiteiten.",
    },
    {
        "code": "schoolmaaltijden",
        "naam": "Programma Schoolmaaltijden",
        "soort": "subsidie",
        "financier": "OCW via Jeugdeducatiefonds en Rode Kruis",
        "omschrijving": "Maaltijden op school (€ 9 per leerling per week) of een boodschappenkaart.",
        "voorwaarden": "Ten minste 30% leerlingen uit huishoudens met een laag inkomen (NCO-rapportage).",
        "verantwoording": "Maandelijkse declaratie achteraf.",
    },
    {
        "code": "jeugdeducatiefonds",
        "naam": "Jeugdeducatiefonds",
        "soort": "fonds",
        "financier": "Jeugdeducatiefonds (met de gemeente)",
        "omschrijving": "Budget per school voor individuele en groepsaanvragen: leermiddelen, schoolreis, "
        "een bed of bureau thuis.",
        "voorwaarden": "Gecertificeerde school; deelname aan intervisie.",
        "verantwoording": "Per aanvraag; deelname aan intervisiebijeenkomsten.",
        "stadspas_als_bewijs": False,
        "verlengen_na_maanden": 12,
    },
    {
        "code": "jeugdfonds-sport-cultuur",
        "naam": "Jeugdfonds Sport & Cultuur",
        "soort": "fonds",
        "financier": "Jeugdfonds Sport & Cultuur Amsterdam",
        "omschrijving": "Contributie van een sportclub of cultuurles, betaald aan de aanbieder op factuur.",
        "voorwaarden": "Aanvraag door een intermediair. Stadspas geldt als bewijs van inkomen, anders een "
        "schriftelijke motivatie. Sportjaar 1 september – 31 augustus; na 1 maart de helft.",
        "verantwoording": "Intermediair controleert of het kind echt meedoet.",
        "maximum_per_kind_per_jaar": Decimal("450.00"),
        "stadspas_als_bewijs": True,
        "verlengen_na_maanden": 12,
    },
]


def zaai_regelingen(bestuur: Any, regeling_model: Any | None = None) -> int:
    """Create the standard funding streams a board does not have yet; returns how many."""
    if regeling_model is None:
        from subsidies.models import Regeling

        regeling_model = Regeling
    bestaand = set(regeling_model.objects.filter(bestuur=bestuur).values_list("code", flat=True))
    nieuw = [
        regeling_model(bestuur=bestuur, **waarden)
        for waarden in STANDAARD_REGELINGEN
        if waarden["code"] not in bestaand
    ]
    regeling_model.objects.bulk_create(nieuw)
    return len(nieuw)
