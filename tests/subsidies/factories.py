"""Small builders the subsidies tests share: a grant with budget lines, an expense, a fund
application. They write rows directly (the services have their own tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from familieschool.selectors import schooljaar_for_date
from subsidies.models import Begrotingspost, Fondsaanvraag, Regeling, Toekenning, Uitgave

# The smallest valid PDF: enough for content sniffing (starts with %PDF-).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def regeling(school, code: str = "school-en-omgeving") -> Regeling:
    """A standard funding stream of the school's board (seeded when the board was created)."""
    return Regeling.objects.get(bestuur=school.bestuur, code=code)


def maak_toekenning(
    school,
    *,
    code: str = "school-en-omgeving",
    begindatum: dt.date = dt.date(2026, 8, 1),
    einddatum: dt.date = dt.date(2027, 7, 31),
    bedrag: str = "40000.00",
    posten: dict[str, str] | None = None,
    **kwargs,
) -> Toekenning:
    toekenning = Toekenning.objects.create(
        school=school,
        regeling=regeling(school, code),
        naam=kwargs.pop("naam", f"{regeling(school, code).naam} {begindatum.year}"),
        begindatum=begindatum,
        einddatum=einddatum,
        bedrag=Decimal(bedrag),
        **kwargs,
    )
    for soort, begroot in (posten or {"personeel": "25000.00", "activiteiten": "15000.00"}).items():
        Begrotingspost.objects.create(toekenning=toekenning, soort=soort, bedrag=Decimal(begroot))
    return toekenning


def maak_uitgave(
    toekenning: Toekenning,
    *,
    soort: str = "activiteiten",
    datum: dt.date = dt.date(2026, 9, 15),
    bedrag: str = "250.00",
    bijlage: bool = False,
    **kwargs,
) -> Uitgave:
    uitgave = Uitgave(
        toekenning=toekenning,
        post=toekenning.posten.get(soort=soort),
        datum=datum,
        bedrag=Decimal(bedrag),
        omschrijving=kwargs.pop("omschrijving", "Materiaal judoclub"),
        **kwargs,
    )
    if bijlage:
        uitgave.bijlage.save("factuur.pdf", ContentFile(PDF_BYTES), save=False)
        uitgave.bijlage_naam = "factuur.pdf"
        uitgave.bijlage_type = "application/pdf"
    uitgave.save()
    return uitgave


def maak_fondsaanvraag(school, leerling, *, code: str = "jeugdfonds-sport-cultuur", **kwargs) -> Fondsaanvraag:
    datum = kwargs.pop("aangevraagd_op", dt.date(2026, 9, 10))
    waarden = {
        "school": school,
        "leerling": leerling,
        "gezin": leerling.gezin,
        "regeling": regeling(school, code),
        "schooljaar": schooljaar_for_date(datum),
        "doel": "sportclub",
        "omschrijving": "Voetbal",
        "bedrag": Decimal("300.00"),
        "stadspas": "ja",
        "aangevraagd_op": datum,
    }
    return Fondsaanvraag.objects.create(**(waarden | kwargs))
