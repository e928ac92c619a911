"""Factories for pupils, groups, families and guardians."""

from __future__ import annotations

import factory

from familieschool.selectors import schooljaar_for_date
from gezinnen import services
from gezinnen.models import Gezin, Groep, Leerling, Relatie, Verzorger, Verzorgerschap
from tests.factories import SchoolFactory


class GroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Groep

    school = factory.SubFactory(SchoolFactory)
    schooljaar = factory.LazyFunction(schooljaar_for_date)
    sleutel = factory.Sequence(lambda n: f"G{n}")
    naam = factory.Sequence(lambda n: f"Groep {n}")
    jaargroep = "5"


class GezinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gezin

    school = factory.SubFactory(SchoolFactory)
    naam = factory.Sequence(lambda n: f"Gezin Test{n}")


class LeerlingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerling

    school = factory.SubFactory(SchoolFactory)
    leerlingnummer = factory.Sequence(lambda n: f"{20200000 + n}")
    roepnaam = factory.Sequence(lambda n: f"Kind{n}")
    tussenvoegsel = ""
    achternaam = "Testmans"
    jaargroep = "5"

    @factory.lazy_attribute
    def zoektekst(self):
        return services.leerling_zoektekst(
            roepnaam=self.roepnaam,
            tussenvoegsel=self.tussenvoegsel,
            achternaam=self.achternaam,
            leerlingnummer=self.leerlingnummer,
        )


class VerzorgerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verzorger

    school = factory.SubFactory(SchoolFactory)
    roepnaam = factory.Sequence(lambda n: f"Ouder{n}")
    achternaam = "Testmans"
    email = factory.Sequence(lambda n: f"ouder{n}@ouders.example")
    telefoon = "06-12340000"
    sleutel = factory.Sequence(lambda n: f"sleutel-{n}")


def gezin_met_kinderen(*, school, aantal=2, groep=None, achternaam="Testmans", ouders=1):
    """A family with ``aantal`` children at ``school`` and ``ouders`` guardians of all of them."""
    gezin = GezinFactory(school=school, naam=f"Gezin {achternaam}")
    kinderen = [LeerlingFactory(school=school, gezin=gezin, groep=groep, achternaam=achternaam) for _ in range(aantal)]
    verzorgers = [VerzorgerFactory(school=school, achternaam=achternaam) for _ in range(ouders)]
    for volgnummer, verzorger in enumerate(verzorgers, start=1):
        for kind in kinderen:
            Verzorgerschap.objects.create(
                verzorger=verzorger, leerling=kind, relatie=Relatie.MOEDER, volgnummer=volgnummer
            )
    services.refresh_gezin(gezin)
    return gezin, kinderen, verzorgers
