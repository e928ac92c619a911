"""Objects of our school for the access-matrix walk over the subsidies URLs."""

from __future__ import annotations

import datetime as dt

from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.models import Hulpvraag
from subsidies.models import Deadline, Verantwoording
from tests.gezinnen.factories import gezin_met_kinderen
from tests.subsidies.factories import maak_fondsaanvraag, maak_toekenning, maak_uitgave, regeling


def build(*, school, personas, objects) -> dict[str, object]:
    coordinator = personas[Rol.COORDINATOR].user
    toekenning = maak_toekenning(school, aangemaakt_door=coordinator)
    uitgave = maak_uitgave(toekenning, bijlage=True, aangemaakt_door=coordinator)
    deadline = Deadline.objects.create(
        school=school, toekenning=toekenning, titel="Urenregistratie", datum=dt.date(2027, 7, 15), eigenaar=coordinator
    )
    verantwoording = Verantwoording.objects.create(
        toekenning=toekenning,
        van=dt.date(2026, 8, 1),
        tot_en_met=dt.date(2026, 10, 31),
        gegevens={"versie": 1},
        aangemaakt_door=coordinator,
    )
    # A family whose intake the oka owns, and a family neither the oka nor the buurtteam knows.
    gezin, (kind,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Fonds")
    Hulpvraag.objects.create(school=school, gezin=gezin, eigenaar=personas[Rol.OKA].user, categorieen=[Hulpdomein.GELD])
    _, (ander_kind,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Anders")
    return {
        "toekenning": toekenning.pk,
        "uitgave": uitgave.pk,
        "deadline": deadline.pk,
        "verantwoording": verantwoording.pk,
        "regeling": regeling(school).pk,
        "fondsaanvraag": maak_fondsaanvraag(school, kind, aangemaakt_door=coordinator).pk,
        "fondsaanvraag_ander": maak_fondsaanvraag(school, ander_kind, aangemaakt_door=coordinator).pk,
    }
