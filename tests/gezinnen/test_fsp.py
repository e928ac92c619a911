"""The Familieservicepunt: walk-in hours and questions, intakes (owner, transitions, closing with
an outcome, contacts, actions, appointments), referrals (consent, overdue), visibility per role,
the access log, query counts and the panels on the family, partner and start pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import Inzage
from familieschool.roles import Rol
from gezinnen.fsp import selectors, services
from gezinnen.models import (
    Doel,
    Doorverwijzing,
    DoorverwijzingStatus,
    Hulpvraag,
    HulpvraagStatus,
    Vraag,
)
from gezinnen.services import ToestemmingOntbreekt, record_toestemming
from gezinnen.signalen.services import create_signaal
from tests.factories import PartnerFactory
from tests.gezinnen.factories import gezin_met_kinderen

VANDAAG = dt.date(2026, 11, 23)  # a Monday
NOTITIE = "Moeder vertelt over huurachterstand bij de corporatie"


@pytest.fixture
def team(persona):
    return {
        "coordinator": persona(Rol.COORDINATOR),
        "brugfunctionaris": persona(Rol.BRUGFUNCTIONARIS),
        "oka": persona(Rol.OKA),
        "buurtteam": persona(Rol.BUURTTEAM),
        "leerkracht": persona(Rol.LEERKRACHT),
        "schoolleider": persona(Rol.SCHOOLLEIDER),
    }


@pytest.fixture
def gezin(school):
    gezin, _, _ = gezin_met_kinderen(school=school, achternaam="Bakker")
    return gezin


@pytest.fixture
def partner(school):
    return PartnerFactory(bestuur=school.bestuur, naam="Voedselbank West")


def toestemming(gezin, door, gegeven=True):
    record_toestemming(gezin=gezin, doel=Doel.DELEN_FSP, gegeven=gegeven, datum=VANDAAG, vastgelegd_door=door)


def intake(team, gezin, **kwargs):
    return services.create_hulpvraag(
        school=gezin.school,
        gezin=gezin,
        eigenaar=team["buurtteam"].user,
        categorieen=[Hulpdomein.WONEN],
        aanleiding="Vraag over de huur",
        vertrouwelijke_notities=NOTITIE,
        **kwargs,
    )


def verwijs(team, gezin, partner, **kwargs):
    return services.create_doorverwijzing(
        school=gezin.school,
        gezin=gezin,
        partner=partner,
        categorie=Hulpdomein.GELD,
        door=team["buurtteam"].user,
        **kwargs,
    )


# --- walk-in hours and questions ------------------------------------------------------------------


def test_a_question_in_the_walk_in_hour_is_linked_to_it(team, school):
    spreekuur = services.save_spreekuur(
        school=school,
        weekdag=0,
        begintijd=dt.time(8, 30),
        eindtijd=dt.time(10, 0),
        locatie="Ouderkamer",
        medewerkers=[team["oka"].user],
    )
    binnen = timezone.make_aware(dt.datetime(2026, 11, 23, 9, 0))
    buiten = timezone.make_aware(dt.datetime(2026, 11, 23, 11, 0))

    in_spreekuur = services.create_vraag(
        school=school, geregistreerd_door=team["brugfunctionaris"].user, categorie="geld", gesteld_op=binnen
    )
    erna = services.create_vraag(
        school=school, geregistreerd_door=team["brugfunctionaris"].user, categorie="geld", gesteld_op=buiten
    )

    assert in_spreekuur.spreekuur == spreekuur
    assert erna.spreekuur is None
    assert in_spreekuur.gezin is None  # anonymous by default


def test_a_walk_in_hour_is_staffed_by_fsp_people_only(team, school):
    with pytest.raises(ValidationError) as fout:
        services.save_spreekuur(
            school=school,
            weekdag=1,
            begintijd=dt.time(8, 30),
            eindtijd=dt.time(9, 30),
            locatie="Ouderkamer",
            medewerkers=[team["leerkracht"].user],
        )

    assert "medewerkers" in fout.value.message_dict


def test_the_walk_in_form_saves_a_question_and_confirms(team, gezin, client):
    client.force_login(team["brugfunctionaris"].user)

    response = client.post(
        reverse("gezinnen:vraag_create"),
        {"categorie": "geld", "gezin": gezin.pk, "afhandeling": "intake", "tolk_gebruikt": "on"},
        follow=True,
    )

    vraag = Vraag.objects.get()
    assert (vraag.gezin, vraag.ter_plekke_beantwoord, vraag.tolk_gebruikt) == (gezin, False, True)
    assert "Vraag vastgelegd" in response.content.decode()
    assert f"?vraag={vraag.pk}" in response.content.decode()  # "Intake starten"


def test_an_intake_needs_a_family_in_the_walk_in_form(team, client):
    client.force_login(team["brugfunctionaris"].user)

    response = client.post(reverse("gezinnen:vraag_create"), {"categorie": "geld", "afhandeling": "intake"})

    assert response.status_code == 200
    assert "Voor een intake is een gezin nodig" in response.content.decode()
    assert not Vraag.objects.exists()


def test_the_family_typeahead_finds_a_family_by_a_childs_name(team, gezin, client):
    client.force_login(team["brugfunctionaris"].user)

    response = client.get(reverse("gezinnen:fsp_gezin_zoek"), {"q": "bak"})

    assert f'value="{gezin.pk}"' in response.content.decode()


# --- intakes --------------------------------------------------------------------------------------------


def test_a_question_becomes_an_intake(team, gezin):
    vraag = services.create_vraag(
        school=gezin.school,
        geregistreerd_door=team["brugfunctionaris"].user,
        categorie="wonen",
        gezin=gezin,
        ter_plekke_beantwoord=False,
    )

    hulpvraag = intake(team, gezin, vraag=vraag)

    vraag.refresh_from_db()
    assert vraag.hulpvraag == hulpvraag
    assert hulpvraag.status == HulpvraagStatus.OPEN


def test_an_intake_from_a_signal_remembers_it(team, gezin):
    kind = gezin.leerlingen.first()
    signaal = create_signaal(
        school=gezin.school, gemeld_door=team["leerkracht"].user, leerling=kind, categorie=Hulpdomein.WONEN
    )

    hulpvraag = intake(team, gezin, signaal=signaal)

    assert hulpvraag.signaal == signaal


@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.LEERKRACHT])
def test_the_owner_of_an_intake_is_the_oka_or_the_buurtteam(team, gezin, rol):
    eigenaar = next(p for p in team.values() if p.rol == rol).user

    with pytest.raises(ValidationError) as fout:
        services.create_hulpvraag(school=gezin.school, gezin=gezin, eigenaar=eigenaar, categorieen=["geld"])

    assert "eigenaar" in fout.value.message_dict
    assert not Hulpvraag.objects.exists()


def test_an_owner_from_another_school_is_refused(team, gezin, andere_school, persona):
    vreemde_oka = persona(Rol.OKA, at=andere_school)

    with pytest.raises(ValidationError):
        services.create_hulpvraag(school=gezin.school, gezin=gezin, eigenaar=vreemde_oka.user, categorieen=["geld"])


def test_intake_transitions_and_closing_needs_an_outcome(team, gezin):
    hulpvraag = intake(team, gezin)

    hulpvraag = services.change_hulpvraag_status(hulpvraag=hulpvraag, naar=HulpvraagStatus.LOPEND)
    with pytest.raises(ValidationError):
        services.change_hulpvraag_status(hulpvraag=hulpvraag, naar=HulpvraagStatus.OPEN)
    with pytest.raises(ValidationError) as fout:
        services.change_hulpvraag_status(hulpvraag=hulpvraag, naar=HulpvraagStatus.AFGEROND)
    assert "uitkomst" in fout.value.message_dict
    hulpvraag = services.change_hulpvraag_status(
        hulpvraag=hulpvraag, naar=HulpvraagStatus.AFGEROND, uitkomst="Betalingsregeling getroffen."
    )

    assert hulpvraag.status == HulpvraagStatus.AFGEROND
    assert hulpvraag.afgerond_op is not None
    with pytest.raises(ValidationError):
        services.add_actiepunt(hulpvraag=hulpvraag, omschrijving="Nog iets", wie="OKA")


def test_a_contact_moment_starts_the_help_and_actions_are_marked_done(team, gezin):
    hulpvraag = intake(team, gezin)

    services.add_contactmoment(
        hulpvraag=hulpvraag,
        door=team["buurtteam"].user,
        soort="huisbezoek",
        op=timezone.now(),
        duur_minuten=45,
        tolk_gebruikt=True,
    )
    actie = services.add_actiepunt(
        hulpvraag=hulpvraag, omschrijving="Huurtoeslag aanvragen", wie="moeder", uiterlijk=VANDAAG
    )
    services.mark_actiepunt_gedaan(actiepunt=actie, op=VANDAAG)

    hulpvraag.refresh_from_db()
    actie.refresh_from_db()
    assert hulpvraag.status == HulpvraagStatus.LOPEND
    assert actie.gedaan_op == VANDAAG


def test_an_appointment_is_not_in_the_past_and_fits_its_walk_in_hour(team, gezin):
    hulpvraag = intake(team, gezin)
    spreekuur = services.save_spreekuur(
        school=gezin.school,
        weekdag=0,
        begintijd=dt.time(8, 30),
        eindtijd=dt.time(10, 0),
        locatie="Ouderkamer",
        medewerkers=[team["oka"].user],
    )
    nu = timezone.make_aware(dt.datetime(2026, 11, 23, 12, 0))
    maandag = dt.date(2026, 11, 30)
    met = team["oka"].user

    with pytest.raises(ValidationError):
        services.create_afspraak(hulpvraag=hulpvraag, met=met, datum=VANDAAG, begintijd=dt.time(9, 0), nu=nu)
    with pytest.raises(ValidationError):
        services.create_afspraak(
            hulpvraag=hulpvraag, met=met, datum=maandag, begintijd=dt.time(9, 45), spreekuur=spreekuur, nu=nu
        )
    with pytest.raises(ValidationError):
        services.create_afspraak(
            hulpvraag=hulpvraag,
            met=met,
            datum=dt.date(2026, 12, 1),
            begintijd=dt.time(9, 0),
            spreekuur=spreekuur,
            nu=nu,
        )
    afspraak = services.create_afspraak(
        hulpvraag=hulpvraag, met=met, datum=maandag, begintijd=dt.time(9, 0), spreekuur=spreekuur, nu=nu
    )
    vrij = services.create_afspraak(hulpvraag=hulpvraag, met=met, datum=VANDAAG, begintijd=dt.time(14, 0), nu=nu)

    assert afspraak.spreekuur == spreekuur
    assert vrij.spreekuur is None


# --- referrals ------------------------------------------------------------------------------------------


def test_a_referral_is_refused_without_consent_and_nothing_is_saved(team, gezin, partner):
    with pytest.raises(ToestemmingOntbreekt):
        verwijs(team, gezin, partner)

    toestemming(gezin, team["brugfunctionaris"].user, gegeven=False)
    with pytest.raises(ToestemmingOntbreekt):
        verwijs(team, gezin, partner)

    assert not Doorverwijzing.objects.exists()


def test_a_referral_with_consent_expects_feedback_in_two_weeks(team, gezin, partner):
    toestemming(gezin, team["brugfunctionaris"].user)

    doorverwijzing = verwijs(team, gezin, partner, datum=VANDAAG, warme_overdracht=True)

    assert doorverwijzing.status == DoorverwijzingStatus.VERSTUURD
    assert doorverwijzing.terugkoppeling_voor == VANDAAG + dt.timedelta(days=14)
    assert doorverwijzing.warme_overdracht


def test_an_archived_partner_cannot_receive_a_referral(team, gezin, partner):
    toestemming(gezin, team["brugfunctionaris"].user)
    partner.gearchiveerd_op = timezone.now()
    partner.save()

    with pytest.raises(ValidationError) as fout:
        verwijs(team, gezin, partner)

    assert "partner" in fout.value.message_dict


def test_the_referral_form_shows_the_missing_consent_and_saves_nothing(team, gezin, partner, client):
    client.force_login(team["brugfunctionaris"].user)

    response = client.post(
        reverse("gezinnen:doorverwijzing_create"),
        {"gezin": gezin.pk, "partner": partner.pk, "categorie": "geld"},
    )

    assert response.status_code == 200
    assert "geen toestemming" in response.content.decode()
    assert not Doorverwijzing.objects.exists()


def test_a_referral_is_overdue_without_a_reaction_after_the_agreed_date(team, gezin, partner):
    toestemming(gezin, team["brugfunctionaris"].user)
    te_laat = verwijs(team, gezin, partner, datum=VANDAAG - dt.timedelta(days=20))
    op_tijd = verwijs(team, gezin, partner, datum=VANDAAG - dt.timedelta(days=3))
    beantwoord = verwijs(team, gezin, partner, datum=VANDAAG - dt.timedelta(days=20))
    services.record_reactie(doorverwijzing=beantwoord, ontvangen_op=VANDAAG - dt.timedelta(days=15), geaccepteerd=True)
    scope = {"user": team["coordinator"].user, "rol": Rol.COORDINATOR, "school": gezin.school}

    overdue = list(selectors.te_late_doorverwijzingen(**scope, vandaag=VANDAAG))

    assert overdue == [te_laat]
    assert op_tijd not in overdue


def test_acknowledgement_then_closing_with_an_outcome(team, gezin, partner):
    toestemming(gezin, team["brugfunctionaris"].user)
    doorverwijzing = verwijs(team, gezin, partner)

    doorverwijzing = services.record_reactie(
        doorverwijzing=doorverwijzing,
        ontvangen_op=timezone.localdate(),
        geaccepteerd=True,
        terugkoppeling="Intake gepland",
    )
    with pytest.raises(ValidationError):
        services.record_reactie(doorverwijzing=doorverwijzing, ontvangen_op=timezone.localdate(), geaccepteerd=False)
    with pytest.raises(ValidationError):
        services.close_doorverwijzing(doorverwijzing=doorverwijzing, uitkomst=" ")
    doorverwijzing = services.close_doorverwijzing(doorverwijzing=doorverwijzing, uitkomst="Pakket elke week.")

    assert doorverwijzing.status == DoorverwijzingStatus.AFGEROND
    assert doorverwijzing.terugkoppeling == "Intake gepland"


# --- visibility and the access log --------------------------------------------------------------------------


def test_the_coordinator_sees_the_status_but_never_the_notes(team, gezin, client):
    hulpvraag = intake(team, gezin)
    client.force_login(team["coordinator"].user)

    detail = client.get(hulpvraag.get_absolute_url())
    lijst = client.get(reverse("gezinnen:hulpvraag_list"))

    assert detail.status_code == lijst.status_code == 200
    for response in (detail, lijst):
        html = response.content.decode()
        assert gezin.naam in html
        assert "Open" in html
        assert NOTITIE not in html
        assert "Vraag over de huur" not in html


def test_the_fsp_roles_read_the_notes(team, gezin, client):
    hulpvraag = intake(team, gezin)

    for rol in ("brugfunctionaris", "oka", "buurtteam"):
        client.force_login(team[rol].user)
        assert NOTITIE in client.get(hulpvraag.get_absolute_url()).content.decode()


@pytest.mark.parametrize("rol", ["leerkracht", "schoolleider"])
def test_other_roles_get_403(team, gezin, client, rol):
    hulpvraag = intake(team, gezin)
    client.force_login(team[rol].user)

    assert client.get(hulpvraag.get_absolute_url()).status_code == 403
    assert client.get(reverse("gezinnen:hulpvraag_list")).status_code == 403


def test_another_school_gets_404_for_our_intake_and_referral(team, gezin, partner, andere_school, persona, client):
    toestemming(gezin, team["brugfunctionaris"].user)
    hulpvraag = intake(team, gezin)
    doorverwijzing = verwijs(team, gezin, partner, hulpvraag=hulpvraag)
    vreemde_oka = persona(Rol.OKA, at=andere_school)
    client.force_login(vreemde_oka.user)

    assert client.get(hulpvraag.get_absolute_url()).status_code == 404
    assert client.get(doorverwijzing.get_absolute_url()).status_code == 404
    assert gezin.naam not in client.get(reverse("gezinnen:hulpvraag_list")).content.decode()


def test_every_read_of_an_intake_and_a_referral_is_logged(team, gezin, partner, client):
    toestemming(gezin, team["brugfunctionaris"].user)
    hulpvraag = intake(team, gezin)
    doorverwijzing = verwijs(team, gezin, partner, hulpvraag=hulpvraag)
    client.force_login(team["coordinator"].user)

    client.get(hulpvraag.get_absolute_url())
    client.get(doorverwijzing.get_absolute_url())
    client.get(reverse("gezinnen:hulpvraag_list"))
    client.get(reverse("gezinnen:doorverwijzing_list"))
    client.get(gezin.get_absolute_url())

    rijen = Inzage.objects.filter(user=team["coordinator"].user)
    assert sorted(rijen.filter(record_type="gezinnen.hulpvraag").values_list("doel", flat=True)) == [
        "gezinsdossier",
        "intakelijst",
        "status intake",
    ]
    assert sorted(rijen.filter(record_type="gezinnen.doorverwijzing").values_list("doel", flat=True)) == [
        "doorverwijzingenlijst",
        "gezinsdossier",
        "status doorverwijzing",
    ]
    assert set(rijen.values_list("record_id", flat=True)) >= {str(hulpvraag.pk), str(doorverwijzing.pk)}


# --- query counts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("aantal", [1, 3])
def test_hulpvraag_list_query_count_is_constant(team, school, aantal, client, django_assert_num_queries):
    for n in range(aantal):
        gezin, _, _ = gezin_met_kinderen(school=school, achternaam=f"Lijst{n}")
        intake(team, gezin)
    client.force_login(team["oka"].user)
    client.get(reverse("start"))

    # session, user, memberships; savepoint, intakes (family and owner joined), one insert of
    # the access-log rows, release; the session save (savepoint, update, release)
    with django_assert_num_queries(10):
        response = client.get(reverse("gezinnen:hulpvraag_list"))

    assert len(response.context["hulpvragen"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_doorverwijzing_list_query_count_is_constant(team, school, partner, aantal, client, django_assert_num_queries):
    for n in range(aantal):
        gezin, _, _ = gezin_met_kinderen(school=school, achternaam=f"Lijst{n}")
        toestemming(gezin, team["brugfunctionaris"].user)
        verwijs(team, gezin, partner)
    client.force_login(team["buurtteam"].user)
    client.get(reverse("start"))

    # session, user, memberships; savepoint, referrals (family, partner, referrer joined), one
    # insert of the access-log rows, release; the session save (savepoint, update, release)
    with django_assert_num_queries(10):
        response = client.get(reverse("gezinnen:doorverwijzing_list"))

    assert len(response.context["doorverwijzingen"]) == aantal


# --- panels ----------------------------------------------------------------------------------------------


def test_the_partner_page_shows_suppressed_counts(team, school, andere_school, partner, client):
    for n in range(6):
        gezin, _, _ = gezin_met_kinderen(school=school, achternaam=f"Partner{n}")
        toestemming(gezin, team["brugfunctionaris"].user)
        doorverwijzing = verwijs(team, gezin, partner)
        if n < 2:
            services.record_reactie(doorverwijzing=doorverwijzing, ontvangen_op=timezone.localdate(), geaccepteerd=True)
    client.force_login(team["coordinator"].user)

    response = client.get(reverse("partners:partner_detail", args=[partner.pk]))

    tellingen = next(p.context["tellingen"] for p in response.context["secties"][-1][1] if "tellingen" in p.context)
    assert tellingen == {
        "school_ontvangen": "6",
        "school_geaccepteerd": "<5",
        "bestuur_ontvangen": "6",
        "bestuur_geaccepteerd": "<5",
    }
    assert "Partner0" not in response.content.decode()  # counts only, never a family


def test_zero_referrals_show_as_zero(school, partner):
    assert selectors.partner_tellingen(partner=partner, school=school)["school_ontvangen"] == "0"


def test_the_start_page_shows_my_intakes_and_overdue_referrals(team, gezin, partner, client):
    toestemming(gezin, team["brugfunctionaris"].user)
    intake(team, gezin)
    verwijs(team, gezin, partner, datum=timezone.localdate() - dt.timedelta(days=30))
    client.force_login(team["buurtteam"].user)

    html = client.get(reverse("start")).content.decode()

    assert "1 open intake van jou" in html
    assert "1 lopende doorverwijzing" in html
    assert "1 doorverwijzing te laat" in html


def test_the_family_file_lists_intakes_and_referrals_for_fsp_roles_only(team, gezin, partner, client):
    toestemming(gezin, team["brugfunctionaris"].user)
    hulpvraag = intake(team, gezin)
    verwijs(team, gezin, partner, hulpvraag=hulpvraag)

    client.force_login(team["oka"].user)
    oka = client.get(gezin.get_absolute_url()).content.decode()
    client.force_login(team["schoolleider"].user)
    schoolleider = client.get(gezin.get_absolute_url()).content.decode()

    assert hulpvraag.get_absolute_url() in oka
    assert partner.naam in oka
    assert hulpvraag.get_absolute_url() not in schoolleider


# --- pages ------------------------------------------------------------------------------------------------


def test_the_coordinator_plans_a_walk_in_hour(team, client):
    client.force_login(team["coordinator"].user)

    response = client.post(
        reverse("gezinnen:spreekuur_create"),
        {
            "weekdag": "0",
            "begintijd": "08:30",
            "eindtijd": "10:00",
            "locatie": "Ouderkamer",
            "medewerkers": [team["oka"].user.pk, team["buurtteam"].user.pk],
            "actief": "on",
        },
    )

    assert response.status_code == 302
    spreekuur = team["coordinator"].school.spreekuren.get()
    assert set(spreekuur.medewerkers.all()) == {team["oka"].user, team["buurtteam"].user}
    assert "Ouderkamer" in client.get(reverse("gezinnen:fsp_overzicht")).content.decode()


def test_a_walk_in_hour_must_end_after_it_starts(team, client):
    client.force_login(team["brugfunctionaris"].user)

    response = client.post(
        reverse("gezinnen:spreekuur_create"),
        {"weekdag": "2", "begintijd": "10:00", "eindtijd": "09:00", "locatie": "Ouderkamer"},
    )

    assert response.status_code == 200
    assert "eindigen na het begin" in response.content.decode()


def test_the_handler_starts_an_intake_from_their_signal(team, gezin, client):
    kind = gezin.leerlingen.first()
    signaal = create_signaal(
        school=gezin.school, gemeld_door=team["leerkracht"].user, leerling=kind, categorie=Hulpdomein.GELD
    )
    assert signaal.behandelaar == team["buurtteam"].user
    client.force_login(team["buurtteam"].user)
    url = f"{reverse('gezinnen:hulpvraag_create')}?signaal={signaal.pk}"

    formulier = client.get(url)
    response = client.post(url, {"gezin": gezin.pk, "eigenaar": team["buurtteam"].user.pk, "categorieen": ["geld"]})

    assert formulier.status_code == 200
    hulpvraag = Hulpvraag.objects.get()
    assert response.url == hulpvraag.get_absolute_url()
    assert (hulpvraag.signaal, hulpvraag.gezin) == (signaal, gezin)


def test_closing_an_intake_without_an_outcome_is_refused_on_the_page(team, gezin, client):
    hulpvraag = intake(team, gezin)
    client.force_login(team["oka"].user)

    response = client.post(
        reverse("gezinnen:hulpvraag_status", args=[hulpvraag.pk]), {"status-naar": "afgerond"}, follow=True
    )

    hulpvraag.refresh_from_db()
    assert hulpvraag.status == HulpvraagStatus.OPEN
    assert "Beschrijf de uitkomst" in response.content.decode()


def test_a_refused_referral_cannot_be_closed_and_is_not_counted_as_accepted(team, gezin, partner):
    toestemming(gezin, team["brugfunctionaris"].user)
    doorverwijzing = verwijs(team, gezin, partner)

    services.record_reactie(doorverwijzing=doorverwijzing, ontvangen_op=timezone.localdate(), geaccepteerd=False)
    with pytest.raises(ValidationError):
        services.close_doorverwijzing(doorverwijzing=doorverwijzing, uitkomst="Toch niet")

    tellingen = selectors.partner_tellingen(partner=partner, school=gezin.school)
    assert (tellingen["school_ontvangen"], tellingen["school_geaccepteerd"]) == ("<5", "0")


def test_the_coordinator_sees_no_feedback_of_a_referral(team, gezin, partner, client):
    toestemming(gezin, team["brugfunctionaris"].user)
    doorverwijzing = verwijs(team, gezin, partner)
    services.record_reactie(
        doorverwijzing=doorverwijzing,
        ontvangen_op=timezone.localdate(),
        geaccepteerd=True,
        terugkoppeling="Vader komt dinsdag langs",
    )
    client.force_login(team["coordinator"].user)

    html = client.get(doorverwijzing.get_absolute_url()).content.decode()

    assert partner.naam in html
    assert "Geaccepteerd door de partner" in html
    assert "Vader komt dinsdag langs" not in html


def test_counts_for_the_school_leader_are_suppressed(team, school):
    for _ in range(5):
        services.create_vraag(school=school, geregistreerd_door=team["brugfunctionaris"].user, categorie="geld")
    services.create_vraag(school=school, geregistreerd_door=team["brugfunctionaris"].user, categorie="wonen")
    gezin, _, _ = gezin_met_kinderen(school=school, achternaam="Teller")
    intake(team, gezin)

    tellingen = selectors.fsp_tellingen(school=school)

    assert tellingen == {"vragen": {"geld": "5", "wonen": "<5"}, "intakes": {"open": "<5"}, "doorverwijzingen": {}}


def test_fsp_records_are_in_the_familys_access_request_export(school, persona):
    from gezinnen.models import Hulpvraag
    from gezinnen.privacy import gezin_export

    oka = persona(Rol.OKA)
    gezin, _, _ = gezin_met_kinderen(school=school)
    Hulpvraag.objects.create(
        school=school,
        gezin=gezin,
        categorieen=["opvoeding"],
        eigenaar=oka.user,
        vertrouwelijke_notities="Slaapt slecht",
    )

    export = gezin_export(gezin=gezin)

    (intake,) = export["familieservicepunt"]["intakes"]
    assert intake["vertrouwelijke_notities"] == "Slaapt slecht"
