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
