"""Consent, merging and splitting families, group teachers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from familieschool.roles import Rol
from gezinnen import selectors, services
from gezinnen.models import Doel, Gezin, Leerling, Toestemming
from tests.gezinnen.factories import GroepFactory, gezin_met_kinderen

VANDAAG = dt.date(2026, 11, 20)


def test_consent_can_be_given_and_withdrawn_and_the_history_is_kept(coordinator, school):
    gezin, _, (moeder,) = gezin_met_kinderen(school=school)

    services.record_toestemming(
        gezin=gezin,
        doel=Doel.ACTIVITEITEN,
        gegeven=True,
        datum=VANDAAG,
        vastgelegd_door=coordinator.user,
        gegeven_door=moeder,
    )
    services.record_toestemming(
        gezin=gezin,
        doel=Doel.ACTIVITEITEN,
        gegeven=False,
        datum=VANDAAG,
        vastgelegd_door=coordinator.user,
        toelichting="Moeder belde",
    )

    toestemming = Toestemming.objects.get(gezin=gezin, doel=Doel.ACTIVITEITEN)
    assert toestemming.gegeven is False
    assert toestemming.toelichting == "Moeder belde"
    assert [e.gegeven for e in toestemming.events.order_by("pgh_id")] == [True, False]


def test_withdrawn_consent_blocks_the_action_that_depends_on_it(coordinator, school):
    gezin, _, _ = gezin_met_kinderen(school=school)
    services.record_toestemming(
        gezin=gezin, doel=Doel.DELEN_FSP, gegeven=True, datum=VANDAAG, vastgelegd_door=coordinator.user
    )
    services.vereis_toestemming(gezin=gezin, doel=Doel.DELEN_FSP)  # given: no error

    services.record_toestemming(
        gezin=gezin, doel=Doel.DELEN_FSP, gegeven=False, datum=VANDAAG, vastgelegd_door=coordinator.user
    )

    with pytest.raises(services.ToestemmingOntbreekt, match="delen met de ouder- en kindadviseur"):
        services.vereis_toestemming(gezin=gezin, doel=Doel.DELEN_FSP)


def test_oka_sees_contact_details_only_with_consent_to_share(persona, coordinator, school):
    oka = persona(Rol.OKA)
    gezin, _, _ = gezin_met_kinderen(school=school)

    def zichtbaar(p):
        return selectors.gezin_dossier(gezin=gezin, user=p.user, rol=p.rol, school=school).contactgegevens_zichtbaar

    assert zichtbaar(oka) is False
    assert zichtbaar(coordinator) is True
    services.record_toestemming(
        gezin=gezin, doel=Doel.DELEN_FSP, gegeven=True, datum=VANDAAG, vastgelegd_door=coordinator.user
    )
    assert zichtbaar(oka) is True
    services.record_toestemming(
        gezin=gezin, doel=Doel.DELEN_FSP, gegeven=False, datum=VANDAAG, vastgelegd_door=coordinator.user
    )
    assert zichtbaar(oka) is False


def test_consent_by_a_guardian_of_another_family_is_refused(coordinator, school):
    gezin, _, _ = gezin_met_kinderen(school=school)
    _, _, (vreemde,) = gezin_met_kinderen(school=school, achternaam="Anders")

    with pytest.raises(ValidationError):
        services.record_toestemming(
            gezin=gezin,
            doel=Doel.FOTOS,
            gegeven=True,
            datum=VANDAAG,
            vastgelegd_door=coordinator.user,
            gegeven_door=vreemde,
        )
    assert not Toestemming.objects.exists()


def test_merge_moves_children_and_guardians_and_keeps_consent(coordinator, school):
    doel, _, _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Bakker")
    bron, (kind,), (vader,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Bakker")
    services.record_toestemming(
        gezin=bron, doel=Doel.FOTOS, gegeven=True, datum=VANDAAG, vastgelegd_door=coordinator.user
    )

    services.merge_gezinnen(doel=doel, bronnen=[bron])

    kind.refresh_from_db()
    assert kind.gezin == doel
    assert not Gezin.objects.filter(pk=bron.pk).exists()
    assert doel.toestemmingen.get(doel=Doel.FOTOS).gegeven is True
    dossier = selectors.gezin_dossier(gezin=doel, user=coordinator.user, rol=coordinator.rol, school=school)
    assert vader in [v for v, _ in dossier.verzorgers]


def test_merge_across_schools_is_refused(school, andere_school):
    hier, _, _ = gezin_met_kinderen(school=school)
    daar, _, _ = gezin_met_kinderen(school=andere_school)

    with pytest.raises(ValidationError):
        services.merge_gezinnen(doel=hier, bronnen=[daar])
    assert Gezin.objects.filter(pk=daar.pk).exists()


def test_split_moves_the_chosen_children_to_a_new_family_with_a_copy_of_consent(coordinator, school):
    gezin, (a, b, c), _ = gezin_met_kinderen(school=school, aantal=3)
    services.record_toestemming(
        gezin=gezin, doel=Doel.ACTIVITEITEN, gegeven=True, datum=VANDAAG, vastgelegd_door=coordinator.user
    )

    nieuw = services.split_gezin(gezin=gezin, leerlingen=[c], naam="Gezin Testmans (vader)")

    assert set(Leerling.objects.filter(gezin=gezin).values_list("pk", flat=True)) == {a.pk, b.pk}
    assert list(Leerling.objects.filter(gezin=nieuw).values_list("pk", flat=True)) == [c.pk]
    assert nieuw.toestemmingen.get(doel=Doel.ACTIVITEITEN).gegeven is True


def test_split_must_leave_a_child_behind(school):
    gezin, kinderen, _ = gezin_met_kinderen(school=school, aantal=2)

    with pytest.raises(ValidationError):
        services.split_gezin(gezin=gezin, leerlingen=kinderen)
    assert Gezin.objects.count() == 1


def test_only_teachers_of_the_school_can_be_linked_to_a_group(school, leerkracht, coordinator, andere_coordinator):
    groep = GroepFactory(school=school)

    services.set_groep_leerkrachten(groep=groep, leerkrachten=[leerkracht.user])
    with pytest.raises(ValidationError):
        services.set_groep_leerkrachten(groep=groep, leerkrachten=[coordinator.user])

    assert list(groep.leerkrachten.all()) == [leerkracht.user]


def test_merge_and_split_take_signals_along(coordinator, persona, school):
    from gezinnen.models import Signaal
    from gezinnen.signalen.services import create_signaal

    doel, _, _ = gezin_met_kinderen(school=school, aantal=1)
    bron, (kind,), _ = gezin_met_kinderen(school=school, aantal=1)
    signaal = create_signaal(school=school, gemeld_door=coordinator.user, leerling=kind, categorie="geld")

    services.merge_gezinnen(doel=doel, bronnen=[bron])
    assert Signaal.objects.get(pk=signaal.pk).gezin == doel

    nieuw = services.split_gezin(gezin=doel, leerlingen=[kind])
    assert Signaal.objects.get(pk=signaal.pk).gezin == nieuw
