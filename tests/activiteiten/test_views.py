"""Rijke schooldag pages: activities, sessions, blocks and the calendar, enrolment (pupils, a whole
group, paper forms), the "nog niet bereikt" list with its invitation, doorstroom, the panels on
other pages, scope and query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten import services
from activiteiten.models import (
    Activiteit,
    ActiviteitUitnodiging,
    Bijeenkomst,
    Blok,
    Doorstroom,
    Inschrijving,
    Presentie,
    Sluiting,
)
from familieschool.roles import Rol
from gezinnen.models import Doel, Toestemming
from tests.activiteiten.factories import kinderen_met_toestemming, maak_activiteit, maak_blok
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GroepFactory, gezin_met_kinderen

VANDAAG = dt.date(2025, 10, 1)  # a Wednesday in Blok 1 (1 Sep – 7 Nov 2025)
GEEN_VERTALINGEN = {"vertaling-TOTAL_FORMS": "0", "vertaling-INITIAL_FORMS": "0"}


@pytest.fixture
def vandaag(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: VANDAAG)
    return VANDAAG


@pytest.fixture
def blok(school):
    return maak_blok(school)


@pytest.fixture
def ingelogd(client, coordinator):
    client.force_login(coordinator.user)
    return client


def _detail(activiteit):
    return reverse("activiteiten:activiteit_detail", args=[activiteit.pk])


# --- activities and their sessions ------------------------------------------------------------------


def test_a_new_activity_gets_its_sessions_planned_around_the_holiday(ingelogd, blok, school, vandaag):
    club = PartnerFactory(bestuur=school.bestuur, naam="Judoclub Noord")
    response = ingelogd.post(
        reverse("activiteiten:activiteit_create"),
        {
            "titel": "Judo",
            "omschrijving": "Vallen en opstaan",
            "ontwikkelgebied": "sport",
            "blok": blok.pk,
            "aanbieder": club.pk,
            "locatie": "Gymzaal",
            "jaargroepen": ["5", "6"],
            "capaciteit": "12",
            "kosten": "450.00",
            "weekdag": "1",
            "begintijd": "14:30",
            "eindtijd": "15:30",
            "vertaling-TOTAL_FORMS": "2",
            "vertaling-INITIAL_FORMS": "0",
            "vertaling-0-taal": "tr",
            "vertaling-0-titel": "Judo",
            "vertaling-0-omschrijving": "Düşmek ve kalkmak",
        },
        follow=True,
    )

    activiteit = Activiteit.objects.get(titel="Judo")
    assert activiteit.vertalingen.get().omschrijving == "Düşmek ve kalkmak"  # the empty second row is skipped
    datums = list(activiteit.bijeenkomsten.values_list("datum", flat=True))
    assert len(datums) == 9  # ten Tuesdays from 2 Sep to 4 Nov, minus the herfstvakantie
    assert dt.date(2025, 10, 21) not in datums
    assert "9 bijeenkomsten gepland" in response.content.decode()


def test_bad_input_gets_dutch_messages_at_the_field_and_saves_nothing(ingelogd, blok, vandaag):
    response = ingelogd.post(
        reverse("activiteiten:activiteit_create"),
        {
            "titel": "",
            "blok": blok.pk,
            "capaciteit": "0",
            "weekdag": "1",
            "begintijd": "15:30",
            "eindtijd": "14:30",
            "vertaling-TOTAL_FORMS": "1",
            "vertaling-INITIAL_FORMS": "0",
            "vertaling-0-taal": "ar",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Geef de activiteit een titel." in html
    assert "Kies voor welke groepen de activiteit is." in html
    assert "De activiteit moet eindigen na het begin." in html
    assert "Vul de titel in deze taal in." in html
    assert not Activiteit.objects.exists() and not Bijeenkomst.objects.exists()


def test_changing_the_weekday_replans_the_coming_sessions_but_keeps_those_with_attendance(
    blok, school, coordinator, vandaag
):
    activiteit = maak_activiteit(blok)
    services.generate_bijeenkomsten(activiteit=activiteit)
    (kind,) = kinderen_met_toestemming(school, coordinator.user, 1)
    services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)
    verleden = activiteit.bijeenkomsten.get(datum=dt.date(2025, 9, 30))
    Presentie.objects.create(
        bijeenkomst=verleden, leerling=kind, status="aanwezig", geregistreerd_door=coordinator.user
    )

    activiteit.weekdag = 3  # Thursday
    services.save_activiteit(activiteit=activiteit, vandaag=VANDAAG)

    datums = set(activiteit.bijeenkomsten.values_list("datum", flat=True))
    assert dt.date(2025, 9, 30) in datums  # past, with attendance: kept
    assert dt.date(2025, 10, 7) not in datums  # coming Tuesday: gone
    assert dt.date(2025, 10, 2) in datums and dt.date(2025, 10, 23) not in datums  # Thursdays, not in the holiday


def test_capacity_below_the_placed_pupils_is_refused(ingelogd, blok, school, coordinator, vandaag):
    activiteit = maak_activiteit(blok, capaciteit=3)
    for kind in kinderen_met_toestemming(school, coordinator.user, 2):
        services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)
    data = {
        "titel": "Judo",
        "ontwikkelgebied": "sport",
        "blok": blok.pk,
        "locatie": "School",
        "jaargroepen": ["5"],
        "capaciteit": "1",
        "kosten": "0",
        "weekdag": "1",
        "begintijd": "14:30",
        "eindtijd": "15:30",
        **GEEN_VERTALINGEN,
    }

    response = ingelogd.post(reverse("activiteiten:activiteit_update", args=[activiteit.pk]), data)

    assert "Er zijn al 2 kinderen geplaatst" in response.content.decode()
    activiteit.refresh_from_db()
    assert activiteit.capaciteit == 3


def test_a_session_is_cancelled_moved_and_restored_from_its_page(ingelogd, blok, vandaag):
    activiteit = maak_activiteit(blok)
    bijeenkomst = services.generate_bijeenkomsten(activiteit=activiteit)[3]
    url = reverse("activiteiten:bijeenkomst_wijzigen", args=[bijeenkomst.pk])

    zonder_reden = ingelogd.post(url, {"actie": "annuleren", "annuleren-reden": ""})
    assert "Geef een reden" in zonder_reden.content.decode()
    op_vakantie = ingelogd.post(
        url,
        {
            "actie": "verplaatsen",
            "verplaatsen-datum": "2025-10-22",
            "verplaatsen-begintijd": "14:30",
            "verplaatsen-eindtijd": "15:30",
        },
    )
    assert "Op die dag is de school dicht (Herfstvakantie)." in op_vakantie.content.decode()

    ingelogd.post(url, {"actie": "annuleren", "annuleren-reden": "Zaal bezet"})
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.geannuleerd and bijeenkomst.reden == "Zaal bezet"
    ingelogd.post(url, {"actie": "herstellen"})
    bijeenkomst.refresh_from_db()
    assert not bijeenkomst.geannuleerd


# --- blocks and the calendar ------------------------------------------------------------------------


def test_the_calendar_suggests_the_periods_between_holidays_and_a_block_is_made_in_one_click(ingelogd, school, vandaag):
    response = ingelogd.get(reverse("activiteiten:blok_list") + "?schooljaar=2025")
    html = response.content.decode()
    assert "Herfstvakantie" in html and "Kerstvakantie" in html
    # The first period: Monday 4 Aug to Friday 17 Oct 2025 (the autumn holiday starts on the 18th).
    assert "begindatum=2025-08-04&amp;einddatum=2025-10-17" in html

    ingelogd.post(
        reverse("activiteiten:blok_create"), {"naam": "Blok 1", "begindatum": "2025-09-01", "einddatum": "2025-10-17"}
    )
    blok = Blok.objects.get(school=school)
    assert blok.schooljaar.startjaar == 2025


def test_the_staff_pages_are_dutch_whatever_the_browser_asks(ingelogd, blok):
    html = ingelogd.get(
        reverse("activiteiten:blok_list") + "?schooljaar=2025", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "za 18 okt" in html  # the herfstvakantie, with Dutch day and month names
    assert "Sat" not in html


def test_a_block_cannot_cross_into_the_next_school_year(ingelogd, school, vandaag):
    response = ingelogd.post(
        reverse("activiteiten:blok_create"), {"naam": "Zomer", "begindatum": "2026-06-01", "einddatum": "2026-08-20"}
    )

    assert "Een blok valt binnen één schooljaar" in response.content.decode()
    assert not Blok.objects.exists()


def test_a_studiedag_cancels_the_sessions_that_day_and_removing_it_brings_them_back(ingelogd, blok, school, vandaag):
    activiteit = maak_activiteit(blok)
    services.generate_bijeenkomsten(activiteit=activiteit)

    ingelogd.post(reverse("activiteiten:studiedag_create"), {"naam": "Studiedag team", "van": "2025-10-14"})

    sessie = activiteit.bijeenkomsten.get(datum=dt.date(2025, 10, 14))
    assert sessie.geannuleerd and "Studiedag team" in sessie.reden
    studiedag = Sluiting.objects.get(school=school)
    ingelogd.post(reverse("activiteiten:studiedag_delete", args=[studiedag.pk]))
    sessie.refresh_from_db()
    assert not sessie.geannuleerd
    assert not Sluiting.objects.filter(school=school).exists()


def test_region_holidays_cannot_be_deleted_by_a_school(ingelogd, blok):
    herfst = Sluiting.objects.filter(school=None, naam="Herfstvakantie").first()

    response = ingelogd.post(reverse("activiteiten:studiedag_delete", args=[herfst.pk]))

    assert response.status_code == 404
    assert Sluiting.objects.filter(pk=herfst.pk).exists()


# --- enrolment --------------------------------------------------------------------------------------


def test_enrol_a_whole_group_places_then_waitlists_and_skips_those_without_consent(
    ingelogd, blok, school, coordinator, vandaag
):
    groep = GroepFactory(school=school, schooljaar=blok.schooljaar)
    kinderen_met_toestemming(school, coordinator.user, 3, groep=groep, achternaam="Metja")
    _, (zonder,), _ = gezin_met_kinderen(school=school, aantal=1, groep=groep, achternaam="Zonder")
    activiteit = maak_activiteit(blok, capaciteit=2)

    response = ingelogd.post(
        reverse("activiteiten:inschrijven", args=[activiteit.pk]), {"groep": groep.pk}, follow=True
    )

    statussen = sorted(activiteit.inschrijvingen.values_list("status", flat=True))
    assert statussen == ["geplaatst", "geplaatst", "wachtlijst"]
    html = response.content.decode()
    assert "2 geplaatst; 1 op de wachtlijst" in html
    assert f"geen toestemming van ouders: {zonder.volledige_naam}" in html


def test_a_paper_form_records_the_parents_consent(ingelogd, blok, school, vandaag):
    gezin, (kind,), _ = gezin_met_kinderen(school=school, aantal=1)
    activiteit = maak_activiteit(blok)

    ingelogd.post(
        reverse("activiteiten:inschrijven", args=[activiteit.pk]), {"leerlingen": [kind.pk], "toestemming_ouder": "on"}
    )

    inschrijving = Inschrijving.objects.get(leerling=kind)
    assert inschrijving.status == "geplaatst" and inschrijving.toestemming_ouder
    toestemming = Toestemming.objects.get(gezin=gezin, doel=Doel.ACTIVITEITEN)
    assert toestemming.gegeven and "Papieren aanmeldformulier (Judo)" in toestemming.toelichting


def test_unenrolling_promotes_the_first_on_the_waitlist(ingelogd, blok, school, coordinator, vandaag):
    activiteit = maak_activiteit(blok, capaciteit=1)
    eerste, tweede = kinderen_met_toestemming(school, coordinator.user, 2)
    geplaatst = services.enrol(activiteit=activiteit, leerling=eerste, door=coordinator.user)
    services.enrol(activiteit=activiteit, leerling=tweede, door=coordinator.user)

    response = ingelogd.post(reverse("activiteiten:afmelden", args=[geplaatst.pk]), follow=True)

    assert Inschrijving.objects.get(leerling=tweede).status == "geplaatst"
    assert f"{tweede.volledige_naam} is van de wachtlijst geplaatst" in response.content.decode()


def test_the_search_marks_pupils_not_reached_and_without_consent(ingelogd, blok, school, coordinator, vandaag):
    (met,) = kinderen_met_toestemming(school, coordinator.user, 1, achternaam="Zoekers")
    _, (zonder,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Zoekersvan")
    activiteit = maak_activiteit(blok)

    html = ingelogd.get(reverse("activiteiten:inschrijf_zoek", args=[activiteit.pk]), {"q": "zoek"}).content.decode()

    assert met.volledige_naam in html and zonder.volledige_naam in html
    assert html.count("Nog niet bereikt") == 2
    assert html.count("Geen toestemming") == 1


# --- not yet reached, and the invitation ------------------------------------------------------------


def test_nog_niet_bereikt_lists_the_group_and_one_click_invites_in_the_parents_language(
    ingelogd, blok, school, coordinator, vandaag, smtp_server, django_capture_on_commit_callbacks
):
    groep = GroepFactory(school=school, schooljaar=blok.schooljaar, naam="Groep 5a")
    bereikt, niet = kinderen_met_toestemming(school, coordinator.user, 2, groep=groep, achternaam="Bereik")
    ouder = niet.verzorgers.get()
    ouder.voorkeurstaal = "tr"
    ouder.save()
    activiteit = maak_activiteit(blok, capaciteit=5)
    services.enrol(activiteit=activiteit, leerling=bereikt, door=coordinator.user)

    html = ingelogd.get(reverse("activiteiten:nog_niet_bereikt"), {"groep": groep.pk}).content.decode()
    assert "1/2 (50%)" in html
    assert niet.volledige_naam in html and bereikt.volledige_naam not in html

    with django_capture_on_commit_callbacks(execute=True):
        ingelogd.post(reverse("activiteiten:uitnodigen"), {"groep": groep.pk, "leerling": [niet.pk]})

    uitnodiging = ActiviteitUitnodiging.objects.get(leerling=niet)
    assert uitnodiging.blok == blok and uitnodiging.per_email == 1
    (mail,) = smtp_server.messages
    assert mail["to"] == [ouder.email]
    tekst = mail["message"].get_payload(decode=True).decode()
    assert "Beste ouder of verzorger" in tekst and "Judo" in tekst
    assert "Salı" in tekst  # the activity's day in Turkish
    assert "Sayın veli" in tekst and "bekleme listesi" not in tekst  # the letter in Turkish, places left
    # A second click does not invite (or mail) again.
    with django_capture_on_commit_callbacks(execute=True):
        ingelogd.post(reverse("activiteiten:uitnodigen"), {"groep": groep.pk, "leerling": [niet.pk]})
    assert ActiviteitUitnodiging.objects.filter(leerling=niet).count() == 1 and len(smtp_server.messages) == 1


def test_a_family_without_email_gets_the_booklet_on_paper(ingelogd, blok, school, coordinator, vandaag):
    groep = GroepFactory(school=school, schooljaar=blok.schooljaar)
    (kind,) = kinderen_met_toestemming(school, coordinator.user, 1, groep=groep)
    kind.verzorgers.update(email="")

    response = ingelogd.post(
        reverse("activiteiten:uitnodigen"), {"groep": groep.pk, "leerling": [kind.pk]}, follow=True
    )

    assert ActiviteitUitnodiging.objects.get(leerling=kind).op_papier
    assert "geef het boekje mee" in response.content.decode()


# --- doorstroom -------------------------------------------------------------------------------------


def test_doorstroom_is_recorded_once_per_club(ingelogd, blok, school, coordinator, vandaag):
    club = PartnerFactory(bestuur=school.bestuur, naam="Judoclub Noord")
    activiteit = maak_activiteit(blok, aanbieder=club)
    (kind,) = kinderen_met_toestemming(school, coordinator.user, 1)
    services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)
    data = {"leerling": kind.pk, "partner": club.pk, "datum": "2025-09-30"}

    ingelogd.post(reverse("activiteiten:doorstroom_create", args=[activiteit.pk]), data)
    tweede = ingelogd.post(reverse("activiteiten:doorstroom_create", args=[activiteit.pk]), data, follow=True)

    assert Doorstroom.objects.filter(leerling=kind, partner=club, activiteit=activiteit).count() == 1
    assert "staat al als lid van Judoclub Noord geregistreerd" in tweede.content.decode()


# --- scope -------------------------------------------------------------------------------------------


def test_a_teacher_sees_only_the_names_of_own_group_in_an_activity(client, persona, blok, school, coordinator, vandaag):
    leerkracht = persona(Rol.LEERKRACHT)
    eigen = GroepFactory(school=school, schooljaar=blok.schooljaar)
    eigen.leerkrachten.add(leerkracht.user)
    andere = GroepFactory(school=school, schooljaar=blok.schooljaar)
    (mijn_kind,) = kinderen_met_toestemming(school, coordinator.user, 1, groep=eigen, achternaam="Eigen")
    (ander_kind,) = kinderen_met_toestemming(school, coordinator.user, 1, groep=andere, achternaam="Ander")
    activiteit = maak_activiteit(blok, capaciteit=5)
    for kind in (mijn_kind, ander_kind):
        services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)
    client.force_login(leerkracht.user)

    html = client.get(_detail(activiteit)).content.decode()

    assert mijn_kind.volledige_naam in html and ander_kind.volledige_naam not in html
    assert "En 1 leerling buiten je eigen groep" in html


def test_a_begeleider_lists_only_own_activities(client, persona, blok):
    begeleider = persona(Rol.BEGELEIDER)
    eigen = maak_activiteit(blok, titel="Koken", begeleiders=[begeleider.user])
    maak_activiteit(blok, titel="Theater")
    client.force_login(begeleider.user)

    html = client.get(reverse("activiteiten:activiteit_list"), {"blok": ""}).content.decode()

    assert eigen.titel in html and "Theater" not in html


# --- panels on other pages --------------------------------------------------------------------------


def test_the_family_file_shows_the_childs_activities_and_attendance(ingelogd, school, coordinator):
    blok = maak_blok(school, van=dt.date(2026, 9, 7), tot=dt.date(2026, 10, 16))
    activiteit = maak_activiteit(blok, titel="Circus")
    sessies = services.generate_bijeenkomsten(activiteit=activiteit)
    (kind,) = kinderen_met_toestemming(school, coordinator.user, 1)
    services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)
    for sessie, status in zip(sessies[:3], ["aanwezig", "aanwezig", "afwezig"], strict=True):
        Presentie.objects.create(bijeenkomst=sessie, leerling=kind, status=status, geregistreerd_door=coordinator.user)

    html = ingelogd.get(reverse("gezinnen:gezin_detail", args=[kind.gezin_id])).content.decode()

    assert "Circus" in html and "2 van 3 keer aanwezig" in html


def test_the_partner_page_shows_its_activities_and_suppressed_doorstroom(ingelogd, school, coordinator):
    club = PartnerFactory(bestuur=school.bestuur, naam="Circusschool")
    blok = maak_blok(school, van=dt.date(2026, 9, 7), tot=dt.date(2026, 10, 16))
    activiteit = maak_activiteit(blok, titel="Circus", aanbieder=club)
    (kind,) = kinderen_met_toestemming(school, coordinator.user, 1)
    Doorstroom.objects.create(
        leerling=kind, activiteit=activiteit, partner=club, datum=dt.date(2026, 10, 1), vastgelegd_door=coordinator.user
    )

    html = ingelogd.get(reverse("partners:partner_detail", args=[club.pk])).content.decode()

    assert "Circus" in html and "&lt;5 dit schooljaar" in html


# --- query counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_list_query_count_does_not_grow_with_activities(ingelogd, blok, aantal, django_assert_num_queries, vandaag):
    for n in range(aantal):
        maak_activiteit(blok, titel=f"Activiteit {n}", aanbieder=PartnerFactory(bestuur=blok.school.bestuur))

    # Every page: session, user, membership with school, MFA check (4) and the session save (3).
    # This page: the blocks (the current one among them), the activities with their counts (2).
    with django_assert_num_queries(9):
        response = ingelogd.get(reverse("activiteiten:activiteit_list"))

    assert response.content.decode().count("Activiteit ") >= aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_detail_query_count_does_not_grow_with_pupils(
    ingelogd, blok, school, coordinator, aantal, django_assert_num_queries, vandaag
):
    activiteit = maak_activiteit(blok, capaciteit=10)
    services.generate_bijeenkomsten(activiteit=activiteit)
    for kind in kinderen_met_toestemming(school, coordinator.user, aantal):
        services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)

    # 7 for every page; the activity with its counts, leaders, enrolments, sessions and
    # doorstroom (5); the groups and the partners for the forms (2).
    with django_assert_num_queries(14):
        response = ingelogd.get(_detail(activiteit))

    assert response.content.decode().count("Afmelden<span") == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_not_reached_query_count_does_not_grow_with_pupils(
    ingelogd, blok, school, coordinator, aantal, django_assert_num_queries, vandaag
):
    groep = GroepFactory(school=school, schooljaar=blok.schooljaar)
    kinderen_met_toestemming(school, coordinator.user, aantal, groep=groep)

    # 7 for every page; the school year, reach per group, the current block, the pupils (4).
    with django_assert_num_queries(11):
        response = ingelogd.get(reverse("activiteiten:nog_niet_bereikt"), {"groep": groep.pk})

    assert response.content.decode().count("Uitnodigen<span") == aantal


def test_the_current_block_is_today_s_else_the_next_else_the_last(school):
    from activiteiten.selectors import huidig_blok

    herfst = maak_blok(school, naam="Herfst", van=dt.date(2025, 9, 1), tot=dt.date(2025, 10, 17))
    winter = maak_blok(school, naam="Winter", van=dt.date(2025, 10, 27), tot=dt.date(2025, 12, 19))
    voorjaar = maak_blok(school, naam="Voorjaar", van=dt.date(2026, 1, 5), tot=dt.date(2026, 2, 20))

    assert huidig_blok(school=school, vandaag=dt.date(2025, 11, 3)) == winter
    assert huidig_blok(school=school, vandaag=dt.date(2025, 10, 20)) == winter  # in the holiday: the next
    assert huidig_blok(school=school, vandaag=dt.date(2025, 8, 20)) == herfst
    assert huidig_blok(school=school, vandaag=dt.date(2026, 6, 1)) == voorjaar  # after the last: the last


def test_the_access_request_export_holds_the_childs_activities(blok, school, coordinator):
    from gezinnen.privacy import gezin_export

    club = PartnerFactory(bestuur=school.bestuur, naam="Judoclub Noord")
    activiteit = maak_activiteit(blok, aanbieder=club)
    sessie = services.generate_bijeenkomsten(activiteit=activiteit)[0]
    (kind,) = kinderen_met_toestemming(school, coordinator.user, 1)
    services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)
    Presentie.objects.create(bijeenkomst=sessie, leerling=kind, status="aanwezig", geregistreerd_door=coordinator.user)
    Doorstroom.objects.create(
        leerling=kind, activiteit=activiteit, partner=club, datum=dt.date(2025, 11, 1), vastgelegd_door=coordinator.user
    )

    deel = gezin_export(gezin=kind.gezin)["activiteiten"]

    assert [(i["activiteit"], i["status"]) for i in deel["inschrijvingen"]] == [("Judo", "Geplaatst")]
    assert deel["presentie"] == [
        {"kind": kind.volledige_naam, "activiteit": "Judo", "datum": "2025-09-02", "presentie": "Aanwezig"}
    ]
    assert deel["doorstroom"][0]["club"] == "Judoclub Noord"


def test_production_without_an_sms_provider_fails_texts_visibly_and_check_deploy_warns(settings):
    from activiteiten.checks import sms_backend_check
    from activiteiten.ouders import sms

    with pytest.raises(sms.SmsNietIngesteld, match="geen sms-provider"):
        sms.GeenProvider().send("+31612345678", "Tot morgen", "sleutel")
    settings.DEBUG = False
    settings.FAMILIESCHOOL_SMS_BACKEND = "activiteiten.ouders.sms.FileBackend"
    assert [w.id for w in sms_backend_check(None)] == ["familieschool.W101"]
    settings.FAMILIESCHOOL_SMS_BACKEND = "activiteiten.ouders.sms.GeenProvider"
    assert sms_backend_check(None) == []
