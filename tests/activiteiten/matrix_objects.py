"""Objects of our school for the access-matrix walk over the activiteiten URLs. The matrix
activity is led by the begeleider and the leerkracht personas; ``activiteit_ander`` is led by
nobody, so a begeleider gets a 404 on it (leaders see only their own activities)."""

from __future__ import annotations

import datetime as dt

from activiteiten import services
from activiteiten.models import Doorstroom, Sluiting
from familieschool.roles import Rol
from tests.activiteiten.factories import kinderen_met_toestemming, maak_activiteit, maak_blok
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GroepFactory


def build(*, school, personas) -> dict[str, object]:
    coordinator = personas[Rol.COORDINATOR].user
    blok = maak_blok(school, naam="Blok 2", van=dt.date(2026, 11, 2), tot=dt.date(2026, 12, 18))
    club = PartnerFactory(bestuur=school.bestuur, naam="Judoclub Noord")
    activiteit = maak_activiteit(
        blok, aanbieder=club, begeleiders=[personas[Rol.BEGELEIDER].user, personas[Rol.LEERKRACHT].user]
    )
    ander = maak_activiteit(blok, titel="Theater", ontwikkelgebied="cultuur", weekdag=3)
    bijeenkomst = services.generate_bijeenkomsten(activiteit=activiteit)[0]
    bijeenkomst_ander = services.generate_bijeenkomsten(activiteit=ander)[0]
    groep = GroepFactory(school=school)
    (kind,) = kinderen_met_toestemming(school, coordinator, 1, groep=groep, achternaam="Matrix")
    inschrijving = services.enrol(activiteit=activiteit, leerling=kind, door=coordinator)
    studiedag = Sluiting.objects.create(
        school=school,
        soort="studiedag",
        naam="Studiedag team",
        van=dt.date(2026, 11, 12),
        tot_en_met=dt.date(2026, 11, 12),
    )
    doorstroom = Doorstroom.objects.create(
        leerling=kind, activiteit=activiteit, partner=club, datum=dt.date(2026, 11, 20), vastgelegd_door=coordinator
    )
    return {
        "blok": blok.pk,
        "activiteit": activiteit.pk,
        "activiteit_ander": ander.pk,
        "bijeenkomst": bijeenkomst.pk,
        "bijeenkomst_ander": bijeenkomst_ander.pk,
        "inschrijving": inschrijving.pk,
        "leerling_activiteit": kind.pk,
        "groep_activiteit": groep.pk,
        "studiedag": studiedag.pk,
        "doorstroom": doorstroom.pk,
        "club": club.pk,
    }
