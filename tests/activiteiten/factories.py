"""Builders for Rijke schooldag tests: a block in autumn 2025 (regio Noord seeded), activities,
and pupils whose families consented to activities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from activiteiten import kalender
from activiteiten.models import Activiteit, Blok
from familieschool.selectors import schooljaar_for_date
from gezinnen.models import Doel
from gezinnen.services import record_toestemming
from tests.gezinnen.factories import gezin_met_kinderen


def maak_blok(school, *, naam: str = "Blok 1", van=dt.date(2025, 9, 1), tot=dt.date(2025, 11, 7)) -> Blok:
    schooljaar = schooljaar_for_date(van)
    kalender.seed_regio_noord(startjaar=schooljaar.startjaar)
    return Blok.objects.create(school=school, schooljaar=schooljaar, naam=naam, begindatum=van, einddatum=tot)


def maak_activiteit(blok: Blok, **kwargs) -> Activiteit:
    begeleiders = kwargs.pop("begeleiders", [])
    waarden = {
        "school": blok.school,
        "blok": blok,
        "titel": "Judo",
        "ontwikkelgebied": "sport",
        "jaargroepen": ["5", "6"],
        "capaciteit": 2,
        "kosten": Decimal("450.00"),
        "weekdag": 1,  # Tuesday
        "begintijd": dt.time(14, 30),
        "eindtijd": dt.time(15, 30),
    }
    activiteit = Activiteit.objects.create(**(waarden | kwargs))
    activiteit.begeleiders.set(begeleiders)
    return activiteit


def kinderen_met_toestemming(school, door, aantal: int, *, groep=None, achternaam: str = "Kind"):
    """``aantal`` pupils, each in their own family that consented to activities."""
    kinderen = []
    for n in range(aantal):
        extra = {"groep": groep} if groep is not None else {}
        gezin, (kind,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam=f"{achternaam}{n}", **extra)
        record_toestemming(
            gezin=gezin, doel=Doel.ACTIVITEITEN, gegeven=True, datum=dt.date(2025, 9, 1), vastgelegd_door=door
        )
        kinderen.append(kind)
    return kinderen
