"""The pupil, group and family pages: what they show, what they log, their query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from familieschool.models import Inzage
from familieschool.roles import Rol
from gezinnen.models import Doel, Gezin, Toestemming
from gezinnen.signalen.services import create_signaal
from tests.gezinnen.factories import GroepFactory, LeerlingFactory, gezin_met_kinderen


@pytest.fixture
def ingelogd(client, coordinator):
    client.force_login(coordinator.user)
    return client


def test_opening_the_family_file_writes_an_access_log_row(ingelogd, coordinator, school):
    gezin, kinderen, (moeder,) = gezin_met_kinderen(school=school)

    response = ingelogd.get(reverse("gezinnen:gezin_detail", args=[gezin.pk]))

    assert response.status_code == 200
    assert moeder.volledige_naam in response.content.decode()
    assert all(kind.volledige_naam in response.content.decode() for kind in kinderen)
    inzage = Inzage.objects.get(record_type="gezinnen.gezin")
    assert (inzage.user, inzage.school, inzage.record_id, inzage.doel) == (
        coordinator.user,
        school,
        str(gezin.pk),
        "gezinsdossier",
    )


def test_family_file_timeline_has_no_part_that_is_not_built(ingelogd, school):
    gezin, _, _ = gezin_met_kinderen(school=school)

    body = ingelogd.get(reverse("gezinnen:gezin_detail", args=[gezin.pk])).content.decode()

    # Every part of the timeline is built now: signals, FSP, activities and fund applications.
    assert "Nog niet beschikbaar" not in body
    assert "Fondsaanvragen" in body


def test_family_file_of_another_school_is_404_and_not_logged(ingelogd, andere_school):
    gezin, _, _ = gezin_met_kinderen(school=andere_school)

    response = ingelogd.get(reverse("gezinnen:gezin_detail", args=[gezin.pk]))

    assert response.status_code == 404
    assert not Inzage.objects.exists()


def test_teacher_opens_the_family_file_of_a_pupil_in_their_group_without_fsp_timeline(client, leerkracht, school):
    groep = GroepFactory(school=school)
    groep.leerkrachten.add(leerkracht.user)
    gezin, _, _ = gezin_met_kinderen(school=school, groep=groep)
    client.force_login(leerkracht.user)

    body = client.get(reverse("gezinnen:gezin_detail", args=[gezin.pk])).content.decode()

    assert "Vragen en intakes" not in body  # FSP is not for teachers
    assert "Signalen" in body  # their own signals will show there


@pytest.mark.parametrize("aantal", [1, 3])
def test_leerling_list_query_count_is_constant(client, coordinator, school, aantal, django_assert_num_queries):
    groep = GroepFactory(school=school)
    for _ in range(aantal):
        gezin_met_kinderen(school=school, groep=groep, aantal=1)
    client.force_login(coordinator.user)
    client.get(reverse("start"))  # settle the session and MFA flags

    # session, user, memberships (+ board schools), schooljaar, groepen for the filter (choices),
    # count, page of pupils with groep and gezin (joined); the session's activity stamp is saved
    # (savepoint, update, release)
    with django_assert_num_queries(11):
        response = client.get(reverse("gezinnen:leerling_list"))

    assert len(response.context["leerlingen"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_gezin_list_query_count_is_constant(client, coordinator, school, aantal, django_assert_num_queries):
    for n in range(aantal):
        gezin_met_kinderen(school=school, achternaam=f"Naam{n}")
    client.force_login(coordinator.user)
    client.get(reverse("start"))

    # session, user, memberships, count, page of families, their current children; the session's
    # activity stamp is saved (savepoint, update, release)
    with django_assert_num_queries(9):
        response = client.get(reverse("gezinnen:gezin_list"))

    assert len(response.context["gezinnen"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_gezin_detail_query_count_is_constant(client, coordinator, school, aantal, django_assert_num_queries):
    gezin, _, _ = gezin_met_kinderen(school=school, aantal=aantal, ouders=aantal)
    for doel in Doel.values[:aantal]:
        Toestemming.objects.create(
            gezin=gezin, doel=doel, gegeven=True, datum="2026-09-01", vastgelegd_door=coordinator.user
        )
    for kind in gezin.leerlingen.all():
        create_signaal(school=school, gemeld_door=coordinator.user, leerling=kind, categorie="school")
    client.force_login(coordinator.user)
    client.get(reverse("start"))

    # session, user, memberships; savepoint, gezin, inzage insert, kinderen (with the names of
    # their composed groups), verzorgerschappen with verzorger, toestemmingen; in the same
    # transaction the signals panel: signals, one insert of their access-log rows; the FSP panel:
    # intakes, referrals; release; the Rijke schooldag panel: enrolments with attendance counts,
    # doorstroom; the parent activities panel: invitations with answers, walk-ins; the fund
    # applications panel: the family's applications with child and fund; the session's activity
    # stamp is saved (savepoint, update, release)
    with django_assert_num_queries(22):
        response = client.get(reverse("gezinnen:gezin_detail", args=[gezin.pk]))

    assert len(response.context["dossier"].kinderen) == aantal


def test_leerling_list_search_via_htmx_returns_the_partial_only(ingelogd, school):
    LeerlingFactory(school=school, roepnaam="Anaïs", achternaam="Dijk", tussenvoegsel="van")
    LeerlingFactory(school=school, roepnaam="Bram", achternaam="Vos")

    response = ingelogd.get(reverse("gezinnen:leerling_list"), {"q": "anais"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "<html" not in body
    assert "Anaïs van Dijk" in body
    assert "Bram" not in body


def test_typeahead_needs_two_letters_and_stays_in_scope(client, leerkracht, school):
    groep = GroepFactory(school=school)
    groep.leerkrachten.add(leerkracht.user)
    LeerlingFactory(school=school, groep=groep, roepnaam="Sara", achternaam="Bakker")
    LeerlingFactory(school=school, roepnaam="Sam", achternaam="Bakker")  # not in the teacher's group
    client.force_login(leerkracht.user)

    een_letter = client.get(reverse("gezinnen:leerling_zoek"), {"q": "s"}).content.decode()
    twee = client.get(reverse("gezinnen:leerling_zoek"), {"q": "sa"}).content.decode()

    assert "Sara" not in een_letter
    assert "Sara Bakker" in twee
    assert "Sam" not in twee


def test_consent_form_refuses_a_future_date_and_saves_nothing(ingelogd, school):
    gezin, _, _ = gezin_met_kinderen(school=school)

    response = ingelogd.post(
        reverse("gezinnen:toestemming_update", args=[gezin.pk, Doel.FOTOS]), {"gegeven": "ja", "datum": "2999-01-01"}
    )

    assert response.status_code == 200
    assert "De datum kan niet in de toekomst liggen." in response.content.decode()
    assert not Toestemming.objects.exists()


def test_consent_form_records_consent(ingelogd, coordinator, school):
    gezin, _, (moeder,) = gezin_met_kinderen(school=school)

    response = ingelogd.post(
        reverse("gezinnen:toestemming_update", args=[gezin.pk, Doel.FOTOS]),
        {"gegeven": "ja", "datum": "2026-09-01", "gegeven_door": moeder.pk},
    )

    assert response.status_code == 302
    t = Toestemming.objects.get(gezin=gezin, doel=Doel.FOTOS)
    assert (t.gegeven, t.gegeven_door, t.vastgelegd_door) == (True, moeder, coordinator.user)


def test_split_and_merge_through_the_pages(ingelogd, school):
    gezin, (_a, b), _ = gezin_met_kinderen(school=school, aantal=2)

    response = ingelogd.post(reverse("gezinnen:gezin_split", args=[gezin.pk]), {"leerlingen": [b.pk], "naam": ""})
    nieuw = Gezin.objects.exclude(pk=gezin.pk).get()
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.gezin == nieuw

    response = ingelogd.post(reverse("gezinnen:gezin_merge", args=[gezin.pk]), {"bronnen": [nieuw.pk]})
    assert response.status_code == 302
    assert Gezin.objects.count() == 1


def test_split_without_a_choice_shows_a_dutch_error(ingelogd, school):
    gezin, _, _ = gezin_met_kinderen(school=school, aantal=2)

    response = ingelogd.post(reverse("gezinnen:gezin_split", args=[gezin.pk]), {"naam": "x"})

    assert "Kies de kinderen die een eigen gezin vormen." in response.content.decode()
    assert Gezin.objects.count() == 1


def test_guardian_form_requires_an_address_for_the_chosen_channel(ingelogd, school):
    _, _, (moeder,) = gezin_met_kinderen(school=school)

    response = ingelogd.post(
        reverse("gezinnen:verzorger_update", args=[moeder.pk]),
        {"voorkeurstaal": "ar", "tolk_nodig": "on", "voorkeurskanaal": "email", "telefoon": "", "email": ""},
    )

    assert "Vul een e-mailadres in, of kies een ander kanaal." in response.content.decode()
    moeder.refresh_from_db()
    assert moeder.voorkeurstaal == "nl"


def test_group_teachers_can_be_set_by_the_coordinator_and_only_read_by_others(client, persona, school, leerkracht):
    groep = GroepFactory(school=school)
    client.force_login(persona(Rol.COORDINATOR).user)

    response = client.post(reverse("gezinnen:groep_detail", args=[groep.pk]), {"leerkrachten": [leerkracht.user.pk]})

    assert response.status_code == 302
    assert list(groep.leerkrachten.all()) == [leerkracht.user]
    client.force_login(persona(Rol.OKA).user)
    assert client.post(reverse("gezinnen:groep_detail", args=[groep.pk]), {"leerkrachten": []}).status_code == 403
    assert list(groep.leerkrachten.all()) == [leerkracht.user]
