from __future__ import annotations

import factory

from familieschool.models import Bestuur, Lidmaatschap, School, User
from familieschool.roles import Rol

TEST_PASSWORD = "correct-paard-batterij-nietje"


class BestuurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bestuur

    naam = factory.Sequence(lambda n: f"Teststichting {n}")
    bestuursnummer = factory.Sequence(lambda n: f"{10000 + n:05d}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    bestuur = factory.SubFactory(BestuurFactory)
    naam = factory.Sequence(lambda n: f"Testschool {n}")
    brin = factory.Sequence(lambda n: f"{10 + n % 90:02d}{chr(65 + (n // 90) % 26)}{chr(65 + n % 26)}")
    vestiging = "00"
    stadsdeel = "Noord"
    wijk = "Testwijk"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@school.test")
    naam = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    rol = Rol.COORDINATOR


# --- partners --------------------------------------------------------------------------------


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner with its search columns filled, as partners.services would leave it."""

    class Meta:
        model = "partners.Partner"
        skip_postgeneration_save = True

    bestuur = factory.SubFactory(BestuurFactory)
    naam = factory.Sequence(lambda n: f"Testpartner {n}")
    soort = "overig"
    aanbod = "Activiteiten voor kinderen uit de buurt"
    wijk = "Bos en Lommer"

    @factory.post_generation
    def _zoekindex(obj, create, extracted, **kwargs):
        if create:
            from partners.services import refresh_zoekindex

            refresh_zoekindex(partner_ids=[obj.pk])
            obj.refresh_from_db(fields=["zoektekst", "zoekvector"])


class ContactpersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Contactpersoon"
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    naam = factory.Sequence(lambda n: f"Contact {n}")
    functie = "coördinator"
    telefoon = "020-5550100"
    email = factory.Sequence(lambda n: f"contact{n}@partner.example")

    @factory.post_generation
    def _zoekindex(obj, create, extracted, **kwargs):
        if create:  # contact names are part of the partner's search text
            from partners.services import refresh_zoekindex

            refresh_zoekindex(partner_ids=[obj.partner_id])


class SamenwerkingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Samenwerking"

    partner = factory.SubFactory(PartnerFactory)
    school = factory.SubFactory(SchoolFactory)
    notities = "Vaste afspraken over warme overdracht."
