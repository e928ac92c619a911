"""Objects of our school for the access-matrix walk over the fsp URLs. ``personas`` maps each
role (and "andere_school") to the Persona the walk logs in as."""

from __future__ import annotations

import datetime as dt

from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.fsp import services
from gezinnen.models import Doel
from gezinnen.services import record_toestemming
from tests.factories import PartnerFactory
from tests.gezinnen.factories import gezin_met_kinderen


def build(*, school, personas) -> dict[str, object]:
    brugfunctionaris = personas[Rol.BRUGFUNCTIONARIS].user
    gezin, _, _ = gezin_met_kinderen(school=school, achternaam="Fsp")
    spreekuur = services.save_spreekuur(
        school=school,
        weekdag=0,
        begintijd=dt.time(8, 30),
        eindtijd=dt.time(10, 0),
        locatie="Ouderkamer",
        medewerkers=[brugfunctionaris],
    )
    vraag = services.create_vraag(
        school=school,
        geregistreerd_door=brugfunctionaris,
        categorie=Hulpdomein.GELD,
        gezin=gezin,
        ter_plekke_beantwoord=False,
    )
    hulpvraag = services.create_hulpvraag(
        school=school,
        gezin=gezin,
        eigenaar=personas[Rol.BUURTTEAM].user,
        categorieen=[Hulpdomein.GELD],
        vertrouwelijke_notities="Vertrouwelijk",
        vraag=vraag,
    )
    actiepunt = services.add_actiepunt(hulpvraag=hulpvraag, omschrijving="Stadspas aanvragen", wie="moeder")
    record_toestemming(
        gezin=gezin, doel=Doel.DELEN_FSP, gegeven=True, datum=dt.date.today(), vastgelegd_door=brugfunctionaris
    )
    doorverwijzing = services.create_doorverwijzing(
        school=school,
        gezin=gezin,
        partner=PartnerFactory(bestuur=school.bestuur, naam="Voedselbank"),
        categorie=Hulpdomein.GELD,
        door=brugfunctionaris,
        hulpvraag=hulpvraag,
    )
    return {
        "spreekuur": spreekuur.pk,
        "vraag": vraag.pk,
        "hulpvraag": hulpvraag.pk,
        "actiepunt": actiepunt.pk,
        "doorverwijzing": doorverwijzing.pk,
    }
