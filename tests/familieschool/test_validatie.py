"""familieschool.validatie.valideer gives full_clean's verdict and messages in fewer queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.validatie import valideer
from gezinnen.models import Leerling, Routeringsregel, Signaal, SignaalStatus, Zorgniveau
from tests.factories import SchoolFactory, UserFactory
from tests.gezinnen.factories import LeerlingFactory

pytestmark = pytest.mark.django_db


def _fouten(callable_) -> dict[str, list[str]] | None:
    try:
        callable_()
    except ValidationError as e:
        return {veld: sorted(meldingen) for veld, meldingen in e.message_dict.items()}
    return None


def _signaal(**velden) -> Signaal:
    school = SchoolFactory()
    leerling = LeerlingFactory(school=school)
    waarden = {
        "school": school,
        "leerling": leerling,
        "categorie": Hulpdomein.values[0],
        "zorgniveau": Zorgniveau.values[0],
        "omschrijving": "Valt op in de klas.",
        "gemeld_door": UserFactory(),
        "opvolgen_voor": dt.date(2026, 12, 1),
    }
    return Signaal(**(waarden | velden))


GEVALLEN = {
    "geldig": {},
    "zonder leerling en gezin": {"leerling": None},
    "onbekende categorie": {"categorie": "iets"},
    "afgerond zonder uitkomst": {"status": SignaalStatus.AFGEROND, "afgerond_op": timezone.now()},
    "afgerond zonder tijdstip": {"status": SignaalStatus.AFGEROND, "uitkomst": "Opgelost."},
    "open met afgerond_op": {"afgerond_op": timezone.now()},
    "zonder opvolgdatum": {"opvolgen_voor": None},
}


@pytest.mark.parametrize("geval", GEVALLEN)
def test_the_same_errors_as_full_clean(geval):
    signaal = _signaal(**GEVALLEN[geval])

    verwacht = _fouten(signaal.full_clean)

    assert _fouten(lambda: valideer(signaal)) == verwacht
    if geval == "geldig":
        assert verwacht is None
    else:
        assert verwacht  # every other case is an error, so the comparison means something


def test_the_same_errors_with_exclude():
    signaal = _signaal(categorie="iets", opvolgen_voor=None)

    verwacht = _fouten(lambda: signaal.full_clean(exclude=["categorie"]))

    assert _fouten(lambda: valideer(signaal, exclude=["categorie"])) == verwacht
    assert "categorie" not in verwacht and "opvolgen_voor" in verwacht


def test_a_foreign_key_given_as_an_id_is_still_checked():
    signaal = _signaal()
    signaal.leerling_id = Leerling.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000

    fouten = _fouten(lambda: valideer(signaal))

    assert fouten == _fouten(signaal.full_clean)
    assert "leerling" in fouten


def test_unique_constraints_are_still_checked():
    regel = Routeringsregel.objects.create(
        school=SchoolFactory(), categorie=Hulpdomein.values[0], behandelaar_soort="brugfunctionaris"
    )
    dubbel = Routeringsregel(school=regel.school, categorie=regel.categorie, behandelaar_soort="brugfunctionaris")

    fouten = _fouten(lambda: valideer(dubbel))

    assert fouten == _fouten(dubbel.full_clean)
    assert fouten


def test_fewer_queries_than_full_clean(django_assert_num_queries):
    signaal = _signaal()
    with transaction.atomic():  # as in a request: Django's check of each constraint needs a savepoint
        # Django: 3 foreign keys set (school, pupil, reporter) + 6 check constraints × (savepoint,
        # SELECT, release) = 21.
        with django_assert_num_queries(3 + 6 * 3):
            signaal.full_clean()
        # valideer: the loaded foreign keys need no query, the six checks one SELECT in a savepoint.
        with django_assert_num_queries(3):
            valideer(signaal)
