"""Who sees which pupils and families (DESIGN.md §4), and the accent-free typeahead search."""

from __future__ import annotations

import datetime as dt

import pytest

from familieschool.roles import Rol
from gezinnen import selectors
from gezinnen.selectors import register_leerling_scope
from tests.gezinnen.factories import GroepFactory, LeerlingFactory, gezin_met_kinderen

ALLES = [Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM, Rol.SCHOOLLEIDER, Rol.BEHEERDER]


def _zichtbaar(persona, **kwargs):
    return set(
        selectors.leerlingen_for_user(user=persona.user, rol=persona.rol, school=persona.school, **kwargs).values_list(
            "pk", flat=True
        )
    )


@pytest.fixture
def klassen(school, andere_school):
    groep5 = GroepFactory(school=school, naam="Groep 5")
    groep6 = GroepFactory(school=school, naam="Groep 6", jaargroep="6")
    in5 = LeerlingFactory(school=school, groep=groep5)
    in6 = LeerlingFactory(school=school, groep=groep6)
    elders = LeerlingFactory(school=andere_school)
    return groep5, groep6, in5, in6, elders


@pytest.mark.parametrize("rol", ALLES)
def test_family_roles_see_every_pupil_of_their_school_and_none_of_another(rol, persona, klassen):
    _, _, in5, in6, _elders = klassen

    zichtbaar = _zichtbaar(persona(rol))

    assert zichtbaar == {in5.pk, in6.pk}


def test_teacher_sees_only_the_pupils_of_their_own_groups(leerkracht, klassen):
    groep5, _, in5, _, _ = klassen
    groep5.leerkrachten.add(leerkracht.user)

    assert _zichtbaar(leerkracht) == {in5.pk}


def test_teacher_without_a_group_sees_nobody(leerkracht, klassen):
    assert _zichtbaar(leerkracht) == set()


def test_teacher_sees_pupils_of_a_composed_group_they_teach(leerkracht, school, klassen):
    _, _, _, in6, _ = klassen
    nt2 = GroepFactory(school=school, naam="Taalgroep NT2", soort="samengesteld", jaargroep="")
    in6.samengestelde_groepen.add(nt2)
    nt2.leerkrachten.add(leerkracht.user)

    assert _zichtbaar(leerkracht) == {in6.pk}


def test_board_and_begeleider_see_no_pupils_by_default(persona, klassen):
    assert _zichtbaar(persona(Rol.BESTUUR)) == set()
    assert _zichtbaar(persona(Rol.BEGELEIDER)) == set()


def test_an_app_can_add_a_scope_for_a_role(persona, klassen):
    _, _, in5, _, _ = klassen
    begeleider = persona(Rol.BEGELEIDER)
    from django.db.models import Q

    register_leerling_scope(Rol.BEGELEIDER, "test", lambda user, school: Q(pk=in5.pk))
    try:
        assert _zichtbaar(begeleider) == {in5.pk}
    finally:
        selectors._scope_providers[Rol.BEGELEIDER].pop("test")


def test_leavers_are_hidden_unless_asked_for(coordinator, school):
    blijft = LeerlingFactory(school=school)
    weg = LeerlingFactory(school=school, uitstroomdatum=dt.date(2020, 7, 31))

    assert _zichtbaar(coordinator) == {blijft.pk}
    assert _zichtbaar(coordinator, met_uitgestroomd=True) == {blijft.pk, weg.pk}


def test_anonymised_pupils_are_never_listed(coordinator, school):
    from django.utils import timezone

    LeerlingFactory(school=school, geanonimiseerd_op=timezone.now())

    assert _zichtbaar(coordinator, met_uitgestroomd=True) == set()


def test_families_follow_the_pupil_scope(leerkracht, coordinator, school):
    groep = GroepFactory(school=school)
    groep.leerkrachten.add(leerkracht.user)
    eigen, _, _ = gezin_met_kinderen(school=school, groep=groep)
    ander, _, _ = gezin_met_kinderen(school=school)

    def gezinnen(p):
        return set(selectors.gezinnen_for_user(user=p.user, rol=p.rol, school=p.school).values_list("pk", flat=True))

    assert gezinnen(leerkracht) == {eigen.pk}
    assert gezinnen(coordinator) == {eigen.pk, ander.pk}


# --- search ----------------------------------------------------------------------------------------


@pytest.fixture
def namen(school):
    maak = lambda roepnaam, tv, achternaam, nummer: LeerlingFactory(  # noqa: E731
        school=school, roepnaam=roepnaam, tussenvoegsel=tv, achternaam=achternaam, leerlingnummer=nummer
    )
    return {
        "anais": maak("Anaïs", "van", "Dijk", "20181020"),
        "noah": maak("Noah", "van", "Dijk", "20181012"),
        "eline": maak("Eline", "", "Yılmaz", "20181002"),
        "emre": maak("Emre", "", "Öztürk", "20190001"),
        "dijkstra": maak("Daan", "", "Dijkstra", "20190002"),
    }


@pytest.mark.parametrize(
    ("q", "verwacht"),
    [
        ("anais", {"anais"}),  # accent-free first name
        ("ANA", {"anais"}),  # prefix, any case
        ("van dijk", {"anais", "noah"}),  # surname with tussenvoegsel
        ("dijk", {"anais", "noah", "dijkstra"}),  # surname without, and prefix of Dijkstra
        ("ozturk", {"emre"}),  # ö folded
        ("yilmaz", {"eline"}),  # dotless ı folded
        ("181012", {"noah"}),  # part of the pupil number
        ("noah dijk", {"noah"}),  # every word must match
        ("ijk", set()),  # not a word start
    ],
)
def test_typeahead_search_is_accent_free_and_matches_names_and_numbers(coordinator, namen, q, verwacht):
    gevonden = selectors.zoek_leerlingen(user=coordinator.user, rol=coordinator.rol, school=coordinator.school, q=q)

    assert set(gevonden.values_list("pk", flat=True)) == {namen[n].pk for n in verwacht}


def test_search_never_crosses_the_scope(leerkracht, namen):
    gevonden = selectors.zoek_leerlingen(user=leerkracht.user, rol=leerkracht.rol, school=leerkracht.school, q="dijk")

    assert list(gevonden) == []
