"""Parent activities: the service rules (times, past dates, capacity, a changed time raises the
version, cancelling), a series around the holidays, who is invited (everyone, a group, families
not reached yet) in which language and through which channel, check-in at the door (tapped,
scanned, walk-in; twice is once), the totals for catering and childcare and the turnout figures
against hand-computed fixtures, flyer / paper invitation / calendar file, scope and roles, panels
and query counts."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activiteiten import kalender
from activiteiten.models import (
    Aanmelding,
    Binnenkomst,
    Ouderactiviteit,
    Ouderreeks,
    Uitnodiging,
    UitnodigingStatus,
)
from activiteiten.ouders import drukwerk, selectors, services
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from tests.activiteiten.matrix_objects_ouders import maak_ouderactiviteit, pagina_registratie
from tests.gezinnen.factories import GroepFactory, VerzorgerFactory, gezin_met_kinderen

VANDAAG = dt.date(2026, 11, 18)  # a Wednesday in school year 2026-2027


@pytest.fixture(autouse=True)
def vandaag(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: VANDAAG)
    return VANDAAG


@pytest.fixture(autouse=True)
def _geregistreerd():
    with pagina_registratie():
        yield


@pytest.fixture
def ingelogd(client, coordinator):
    client.force_login(coordinator.user)
    return client


@pytest.fixture
def avond(school, coordinator):
    return maak_ouderactiviteit(school, coordinator.user, datum=VANDAAG + dt.timedelta(days=8))


def _nieuw(school, **kwargs) -> Ouderactiviteit:
    waarden = {
        "school": school,
        "soort": "koffieochtend",
        "titel": "Koffieochtend",
        "datum": VANDAAG + dt.timedelta(days=2),
        "begintijd": dt.time(8, 30),
        "eindtijd": dt.time(10, 0),
    }
    return Ouderactiviteit(**(waarden | kwargs))


def _fouten(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- the activity ---------------------------------------------------------------------------------


def test_an_activity_is_saved_with_its_creator(school, coordinator):
    activiteit = services.save_ouderactiviteit(activiteit=_nieuw(school), door=coordinator.user)

    assert activiteit.pk and activiteit.aangemaakt_door == coordinator.user and activiteit.versie == 1


@pytest.mark.parametrize(
    ("velden", "veld", "tekst"),
    [
        ({"eindtijd": dt.time(8, 0)}, "eindtijd", "De eindtijd moet na de begintijd liggen."),
        ({"inloop": dt.time(9, 0)}, "inloop", "De inloop begint vóór of op de begintijd."),
        ({"datum": VANDAAG - dt.timedelta(days=1)}, "datum", "Kies een datum vanaf vandaag; deze datum is al voorbij."),
        (
            {"capaciteit": 0},
            "capaciteit",
            "Er moet minstens 1 plaats zijn; laat het leeg voor geen maximum.",
        ),
    ],
)
def test_an_invalid_activity_is_refused_with_a_dutch_message_at_the_field(school, coordinator, velden, veld, tekst):
    with pytest.raises(ValidationError) as excinfo:
        services.save_ouderactiviteit(activiteit=_nieuw(school, **velden), door=coordinator.user)

    assert tekst in _fouten(excinfo)[veld]
    assert not Ouderactiviteit.objects.exists()


def test_a_past_activity_may_still_be_edited(school, coordinator):
    activiteit = maak_ouderactiviteit(school, coordinator.user, datum=VANDAAG - dt.timedelta(days=3))
    activiteit.gespreksleider = "Fatima"

    services.save_ouderactiviteit(activiteit=activiteit, door=coordinator.user)

    activiteit.refresh_from_db()
    assert activiteit.gespreksleider == "Fatima"


def test_a_changed_time_raises_the_version_and_another_change_does_not(avond, coordinator):
    avond.locatie = "Aula"
    services.save_ouderactiviteit(activiteit=avond, door=coordinator.user)
    avond.refresh_from_db()
    assert avond.versie == 1

    avond.begintijd = dt.time(19, 30)
    services.save_ouderactiviteit(activiteit=avond, door=coordinator.user)
    avond.refresh_from_db()
    assert avond.versie == 2

    avond.datum += dt.timedelta(days=7)
    services.save_ouderactiviteit(activiteit=avond, door=coordinator.user)
    avond.refresh_from_db()
    assert avond.versie == 3


def test_cancelling_needs_a_reason_and_happens_once(avond):
    with pytest.raises(ValidationError):
        services.cancel_ouderactiviteit(activiteit=avond, reden="  ")

    services.cancel_ouderactiviteit(activiteit=avond, reden="Storm")
    avond.refresh_from_db()

    assert avond.is_geannuleerd and avond.annuleringsreden == "Storm"
    with pytest.raises(ValidationError):
        services.cancel_ouderactiviteit(activiteit=avond, reden="Nog eens")


def test_a_cancelled_activity_cannot_be_changed_or_invited_to(avond, coordinator):
    services.cancel_ouderactiviteit(activiteit=avond, reden="Ziekte")
    avond.refresh_from_db()
    avond.titel = "Nieuw"

    with pytest.raises(ValidationError):
        services.save_ouderactiviteit(activiteit=avond, door=coordinator.user)
    with pytest.raises(ValidationError):
        services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)


# --- a series -------------------------------------------------------------------------------------


def _plan(**kwargs) -> services.Reeksplan:
    waarden = {
        "naam": "Ouders ontmoeten Ouders",
        "soort": "ontmoeten",
        "weekdag": 3,  # Thursday
        "interval_weken": 1,
        "eerste_datum": dt.date(2026, 12, 8),
        "aantal": 3,
        "inloop": dt.time(18, 0),
        "diner": dt.time(18, 30),
        "begintijd": dt.time(19, 0),
        "eindtijd": dt.time(20, 0),
        "slotavond": True,
    }
    return services.Reeksplan(**(waarden | kwargs))


def test_a_series_skips_the_christmas_holiday_and_ends_with_a_closing_evening(school, coordinator):
    kalender.seed_regio_noord(startjaar=2026)

    reeks = services.plan_reeks(school=school, plan=_plan(), door=coordinator.user)

    avonden = list(reeks.activiteiten.order_by("datum"))
    # Thursdays 10 and 17 Dec; 24 and 31 Dec fall in the kerstvakantie (19 Dec – 3 Jan): 7 Jan.
    assert [a.datum for a in avonden] == [dt.date(2026, 12, 10), dt.date(2026, 12, 17), dt.date(2027, 1, 7)]
    assert [a.soort for a in avonden] == ["ontmoeten", "ontmoeten", "slotavond"]
    assert avonden[0].titel == "Ouders ontmoeten Ouders (1)"
    assert reeks.schooljaar == schooljaar_for_date(dt.date(2026, 12, 10))


def test_a_series_that_does_not_fit_in_the_school_year_is_refused(school, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.plan_reeks(
            school=school,
            plan=_plan(eerste_datum=dt.date(2027, 6, 1), interval_weken=4, aantal=5),
            door=coordinator.user,
        )

    assert "aantal" in _fouten(excinfo)
    assert not Ouderreeks.objects.exists()


# --- invitations ----------------------------------------------------------------------------------


def test_everyone_means_one_invitation_per_guardian_in_their_language(avond, school, coordinator):
    gezin, _kinderen, (moeder, vader) = gezin_met_kinderen(school=school, aantal=2, achternaam="Yilmaz", ouders=2)
    moeder.voorkeurstaal = "tr"
    moeder.save()
    gezin_met_kinderen(school=school, aantal=1, achternaam="Nowak")

    resultaat = services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)

    # Two siblings share their guardians: 2 + 1 guardians, once each.
    assert len(resultaat.nieuw) == 3
    uitnodiging = Uitnodiging.objects.get(verzorger=moeder)
    assert (uitnodiging.taal, uitnodiging.gezin, uitnodiging.kanaal) == ("tr", gezin, "email")
    assert Uitnodiging.objects.get(verzorger=vader).taal == "nl"


def test_inviting_again_skips_those_invited_already(avond, school, coordinator):
    gezin_met_kinderen(school=school, aantal=1, achternaam="Eerst")
    services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)
    gezin_met_kinderen(school=school, aantal=1, achternaam="Later")

    resultaat = services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)

    assert [u.verzorger.achternaam for u in resultaat.nieuw] == ["Later"]
    assert resultaat.al_uitgenodigd == 1
    assert Uitnodiging.objects.filter(ouderactiviteit=avond).count() == 2


def test_a_group_invites_only_the_guardians_of_that_group(avond, school, coordinator):
    groep = GroepFactory(school=school, naam="Groep 4")
    gezin_met_kinderen(school=school, aantal=1, achternaam="Binnen", groep=groep)
    gezin_met_kinderen(school=school, aantal=1, achternaam="Buiten", groep=GroepFactory(school=school))

    resultaat = services.nodig_uit(ouderactiviteit=avond, doelgroep="groep", groep=groep, door=coordinator.user)

    assert [u.verzorger.achternaam for u in resultaat.nieuw] == ["Binnen"]


def test_not_reached_skips_families_checked_in_this_school_year_only(avond, school, coordinator):
    door = coordinator.user
    bereikt, _, _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Bereikt")
    vorig_jaar, _, _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Vorigjaar")
    gezin_met_kinderen(school=school, aantal=1, achternaam="Nieuw")
    eerder = maak_ouderactiviteit(school, door, datum=dt.date(2026, 10, 1))
    oud = maak_ouderactiviteit(school, door, datum=dt.date(2026, 5, 1))  # school year 2025-2026
    Binnenkomst.objects.create(ouderactiviteit=eerder, gezin=bereikt, ingecheckt_door=door)
    Binnenkomst.objects.create(ouderactiviteit=oud, gezin=vorig_jaar, ingecheckt_door=door)

    resultaat = services.nodig_uit(ouderactiviteit=avond, doelgroep="niet_bereikt", door=door)

    assert sorted(u.verzorger.achternaam for u in resultaat.nieuw) == ["Nieuw", "Vorigjaar"]


@pytest.mark.parametrize(
    ("voorkeur", "email", "telefoon", "kanaal"),
    [
        ("email", "a@b.nl", "0612345678", "email"),
        ("email", "", "0612345678", "sms"),
        ("email", "", "", "papier"),
        ("sms", "a@b.nl", "0612345678", "sms"),
        ("sms", "a@b.nl", "", "email"),
        ("sms", "", "", "papier"),
        ("telefoon", "", "0612345678", "telefoon"),
        ("telefoon", "", "", "papier"),
        ("papier", "a@b.nl", "0612345678", "papier"),
    ],
)
def test_the_channel_falls_back_to_one_with_an_address_and_else_paper(school, voorkeur, email, telefoon, kanaal):
    verzorger = VerzorgerFactory.build(school=school, voorkeurskanaal=voorkeur, email=email, telefoon=telefoon)

    assert services.kanaal_voor(verzorger) == kanaal


def test_an_invitation_plans_the_outbox_for_email_and_sms(avond, school, coordinator):
    herinneringen = pytest.importorskip("activiteiten.ouders.herinneringen")
    if not hasattr(herinneringen, "plan_uitnodigingen"):
        pytest.skip("de outbox is er nog niet")
    _, _, (ouder,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Mail")

    services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)

    assert Uitnodiging.objects.get(verzorger=ouder).herinneringen.exists()


def test_cancelling_stops_the_planned_reminders(avond, school, coordinator):
    _, _, (ouder,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Herinnerd")
    services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)
    uitnodiging = Uitnodiging.objects.get(verzorger=ouder)
    assert uitnodiging.herinneringen.filter(status="gepland").exists()

    services.cancel_ouderactiviteit(activiteit=avond, reden="Storm")

    open_herinneringen = uitnodiging.herinneringen.filter(status="gepland").exclude(moment="annulering")
    assert not open_herinneringen.exists()


# --- at the door ----------------------------------------------------------------------------------


@pytest.fixture
def uitgenodigd(avond, school, coordinator):
    _gezin, _, (ouder,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Bakker")
    services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)
    return Uitnodiging.objects.get(verzorger=ouder)


def test_checking_in_twice_is_once(avond, uitgenodigd, coordinator):
    Aanmelding.objects.create(uitnodiging=uitgenodigd, status="komt", volwassenen=2, kinderen=3)

    eerste = services.check_in(ouderactiviteit=avond, uitnodiging=uitgenodigd, door=coordinator.user)
    tweede = services.check_in(ouderactiviteit=avond, uitnodiging=uitgenodigd, door=coordinator.user)

    assert eerste.nieuw and not tweede.nieuw
    assert eerste.binnenkomst.pk == tweede.binnenkomst.pk
    assert (eerste.binnenkomst.volwassenen, eerste.binnenkomst.kinderen) == (2, 3)  # from the answer
    assert eerste.binnenkomst.gezin == uitgenodigd.gezin
    assert Binnenkomst.objects.count() == 1


@pytest.mark.parametrize("vorm", ["kaal", "zonder_streepjes", "link"])
def test_the_scanned_code_checks_the_family_in(avond, uitgenodigd, coordinator, vorm):
    codes = {
        "kaal": str(uitgenodigd.token),
        "zonder_streepjes": uitgenodigd.token.hex.upper(),
        "link": drukwerk.antwoord_link(uitgenodigd),
    }

    resultaat = services.check_in(ouderactiviteit=avond, token=codes[vorm], door=coordinator.user)

    assert resultaat.binnenkomst.uitnodiging == uitgenodigd


def test_a_code_of_another_activity_or_nonsense_is_refused(avond, uitgenodigd, school, coordinator):
    andere = maak_ouderactiviteit(school, coordinator.user, titel="Andere avond")

    for code in (str(uitgenodigd.token), "onzin", str(uuid.uuid4())):
        with pytest.raises(ValidationError):
            services.check_in(ouderactiviteit=andere, token=code, door=coordinator.user)
    assert not Binnenkomst.objects.exists()


def test_a_walk_in_needs_a_name_or_family(avond, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.check_in_inloop(ouderactiviteit=avond, door=coordinator.user, naam=" ")
    assert "naam" in _fouten(excinfo)

    binnen = services.check_in_inloop(
        ouderactiviteit=avond, door=coordinator.user, naam="Buurvrouw", taal="ar", volwassenen=2, kinderen=1
    )

    assert (binnen.naam, binnen.taal, binnen.uitnodiging, binnen.volwassenen) == ("Buurvrouw", "ar", None, 2)


# --- totals and turnout -----------------------------------------------------------------------------


def _antwoord(activiteit, door, status, volwassenen=1, kinderen=0, opvang=False, dieet="", achternaam="Ouder"):
    gezin, _, (ouder,) = gezin_met_kinderen(school=activiteit.school, aantal=1, achternaam=achternaam)
    uitnodiging = Uitnodiging.objects.create(
        ouderactiviteit=activiteit, verzorger=ouder, gezin=gezin, kanaal="email", uitgenodigd_door=door
    )
    Aanmelding.objects.create(
        uitnodiging=uitnodiging,
        status=status,
        volwassenen=volwassenen,
        kinderen=kinderen,
        kinderopvang_nodig=opvang,
        dieetwensen=dieet,
    )
    return uitnodiging


def test_the_totals_for_catering_and_childcare_count_only_those_who_come(avond, coordinator):
    door = coordinator.user
    _antwoord(avond, door, "komt", 2, 1, dieet="halal")
    _antwoord(avond, door, "komt", 1, 2, opvang=True, dieet="halal")
    _antwoord(avond, door, "komt", 2, 0, dieet="vegetarisch")
    _antwoord(avond, door, "wachtlijst", 2, 2, opvang=True)
    _antwoord(avond, door, "komt_niet", 1, 1)

    totalen = selectors.totalen(ouderactiviteit=avond)

    assert (totalen.gezinnen, totalen.volwassenen, totalen.kinderen, totalen.personen) == (3, 5, 3, 8)
    assert (totalen.opvang_gezinnen, totalen.opvang_kinderen) == (1, 2)
    assert (totalen.wachtlijst, totalen.komt_niet) == (1, 1)
    assert totalen.dieetwensen == [("halal", 2), ("vegetarisch", 1)]
    rij = selectors.met_totalen(Ouderactiviteit.objects.filter(pk=avond.pk)).get()
    assert (rij.aantal_uitgenodigd, rij.aantal_komt, rij.volwassenen_komt, rij.kinderen_komt) == (5, 3, 5, 3)
    assert (rij.opvang_kinderen, rij.aantal_wachtlijst) == (2, 1)


@pytest.fixture
def opkomst_wereld(school, coordinator):
    """Three activities this school year and one last year:
    sept: A (tr), B (nl)      oct: A again, C (ar), a walk-in without family (ar)
    nov (cancelled): D        last year: E
    → families 3 (A, B, C); first time: sept 2 (A, B), oct 2 (C + the walk-in)."""
    door = coordinator.user
    gezinnen = {naam: gezin_met_kinderen(school=school, aantal=1, achternaam=naam)[0] for naam in "ABCDE"}
    sept = maak_ouderactiviteit(school, door, titel="September", datum=dt.date(2026, 9, 10))
    okt = maak_ouderactiviteit(school, door, titel="Oktober", datum=dt.date(2026, 10, 8))
    nov = maak_ouderactiviteit(
        school, door, titel="Afgelast", datum=dt.date(2026, 11, 5), geannuleerd_op=timezone.now()
    )
    vorig = maak_ouderactiviteit(school, door, titel="Vorig jaar", datum=dt.date(2026, 6, 4))
    for activiteit, naam, taal, volw, kind in [
        (sept, "A", "tr", 2, 1),
        (sept, "B", "nl", 1, 0),
        (okt, "A", "tr", 1, 0),
        (okt, "C", "ar", 1, 2),
        (nov, "D", "nl", 1, 0),
        (vorig, "E", "nl", 1, 0),
    ]:
        Binnenkomst.objects.create(
            ouderactiviteit=activiteit,
            gezin=gezinnen[naam],
            taal=taal,
            volwassenen=volw,
            kinderen=kind,
            ingecheckt_door=door,
        )
    Binnenkomst.objects.create(ouderactiviteit=okt, naam="Buurvrouw", taal="ar", ingecheckt_door=door)
    return sept, okt


def test_turnout_counts_unique_families_first_timers_and_languages(opkomst_wereld, school):
    _sept, _okt = opkomst_wereld

    cijfers = selectors.opkomst(school=school, schooljaar=schooljaar_for_date(VANDAAG))

    assert (cijfers.gezinnen, cijfers.zonder_gezin, cijfers.volwassenen, cijfers.kinderen) == (3, 1, 6, 3)
    per = {r["titel"]: r for r in cijfers.per_activiteit}
    assert list(per) == ["September", "Oktober"]
    assert (per["September"]["gezinnen"], per["September"]["eerste_keer"]) == (2, 2)
    assert (per["Oktober"]["gezinnen"], per["Oktober"]["eerste_keer"], per["Oktober"]["binnen"]) == (2, 2, 3)
    assert [(r["taal"], r["gezinnen"]) for r in cijfers.per_taal] == [("ar", 2), ("nl", 1), ("tr", 1)]


def test_the_board_sees_the_turnout_suppressed(opkomst_wereld, client, persona):
    bestuur = persona(Rol.BESTUUR)
    client.force_login(bestuur.user)

    response = client.get(reverse("activiteiten:ouderactiviteit_opkomst"))

    assert response.status_code == 200
    cijfers = response.context["cijfers"]
    assert cijfers.gezinnen == "<5" and cijfers.per_taal[0]["gezinnen"] == "<5"
    assert "Bakker" not in response.content.decode()
    assert reverse("activiteiten:ouderactiviteit_detail", args=[opkomst_wereld[0].pk]) not in response.content.decode()


# --- pages --------------------------------------------------------------------------------------------


def test_the_coordinator_creates_an_evening_with_its_program(ingelogd, school):
    response = ingelogd.post(
        reverse("activiteiten:ouderactiviteit_create"),
        {
            "soort": "thema_avond",
            "titel": "Opvoeden in twee talen",
            "datum": "2026-12-03",
            "inloop": "18:00",
            "diner": "18:30",
            "begintijd": "19:00",
            "eindtijd": "20:00",
            "locatie": "Ouderkamer",
            "kinderopvang": "on",
            "tolktalen": ["ar", "tr"],
            "capaciteit": "30",
        },
    )

    activiteit = Ouderactiviteit.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "activiteiten:ouderactiviteit_detail", args=[activiteit.pk]
    )
    assert activiteit.tolktalen == ["ar", "tr"] and activiteit.school == school


def test_the_form_keeps_the_input_and_shows_the_error_at_the_field(ingelogd):
    response = ingelogd.post(
        reverse("activiteiten:ouderactiviteit_create"),
        {
            "soort": "thema_avond",
            "titel": "Te laat",
            "datum": "2026-11-01",
            "begintijd": "19:00",
            "eindtijd": "18:00",
            "locatie": "Aula",
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["eindtijd"] == ["De eindtijd moet na de begintijd liggen."]
    assert form["titel"].value() == "Te laat"
    assert not Ouderactiviteit.objects.exists()


def test_the_series_page_plans_the_evenings(ingelogd, school):
    kalender.seed_regio_noord(startjaar=2026)

    response = ingelogd.post(
        reverse("activiteiten:ouderreeks_create"),
        {
            "naam": "Ouders ontmoeten Ouders",
            "soort": "ontmoeten",
            "weekdag": "3",
            "interval_weken": "6",
            "eerste_datum": "2026-11-19",
            "aantal": "5",
            "slotavond": "on",
            "inloop": "18:00",
            "diner": "18:30",
            "begintijd": "19:00",
            "eindtijd": "20:00",
            "locatie": "Aula",
            "kinderopvang": "on",
        },
    )

    assert response.status_code == 302
    reeks = Ouderreeks.objects.get()
    assert reeks.activiteiten.count() == 5 and reeks.activiteiten.filter(soort="slotavond").count() == 1


def test_the_invite_page_invites_a_group(ingelogd, avond, school):
    groep = GroepFactory(school=school, naam="Groep 6")
    gezin_met_kinderen(school=school, aantal=1, achternaam="Zes", groep=groep)
    gezin_met_kinderen(school=school, aantal=1, achternaam="Ander")
    url = reverse("activiteiten:ouderactiviteit_uitnodigen", args=[avond.pk])

    zonder_groep = ingelogd.post(url, {"doelgroep": "groep"})
    response = ingelogd.post(url, {"doelgroep": "groep", "groep": groep.pk})

    assert zonder_groep.context["form"].errors["groep"] == ["Kies de groep waarvan je de gezinnen uitnodigt."]
    assert response.status_code == 302
    assert [u.verzorger.achternaam for u in avond.uitnodigingen.all()] == ["Zes"]


def test_cancel_page_cancels(ingelogd, avond):
    response = ingelogd.post(reverse("activiteiten:ouderactiviteit_annuleren", args=[avond.pk]), {"reden": "Storm"})

    avond.refresh_from_db()
    assert response.status_code == 302 and avond.is_geannuleerd


def test_the_door_page_searches_taps_and_adds_a_walk_in(ingelogd, avond, uitgenodigd):
    zoek = ingelogd.get(reverse("activiteiten:binnenkomst_zoek", args=[avond.pk]), {"q": "bakk"})
    assert [u.pk for u in zoek.context["gevonden"]] == [uitgenodigd.pk]

    ingelogd.post(reverse("activiteiten:binnenkomst_inchecken", args=[avond.pk]), {"uitnodiging": uitgenodigd.pk})
    ingelogd.post(reverse("activiteiten:binnenkomst_inchecken", args=[avond.pk]), {"code": str(uitgenodigd.token)})
    ingelogd.post(
        reverse("activiteiten:binnenkomst_inloop", args=[avond.pk]),
        {"naam": "Buurman", "volwassenen": "1", "kinderen": "2"},
    )
    fout = ingelogd.post(
        reverse("activiteiten:binnenkomst_inloop", args=[avond.pk]), {"volwassenen": "1", "kinderen": "0"}
    )

    assert fout.status_code == 400 and fout.context["inloop_form"].errors["naam"] == ["Vul een naam in."]
    pagina = ingelogd.get(reverse("activiteiten:binnenkomst", args=[avond.pk]))
    assert len(pagina.context["binnen"]) == 2
    assert (pagina.context["aantal_volwassenen"], pagina.context["aantal_kinderen"]) == (2, 2)


def test_a_check_in_can_be_undone(ingelogd, avond, uitgenodigd, coordinator):
    binnen = services.check_in(ouderactiviteit=avond, uitnodiging=uitgenodigd, door=coordinator.user).binnenkomst

    response = ingelogd.post(reverse("activiteiten:binnenkomst_ongedaan", args=[binnen.pk]))

    assert response.status_code == 302 and not Binnenkomst.objects.exists()


def test_the_detail_page_shows_answers_and_totals(ingelogd, avond, coordinator):
    _antwoord(avond, coordinator.user, "komt", 2, 1, opvang=True, dieet="halal", achternaam="Amrani")

    html = ingelogd.get(reverse("activiteiten:ouderactiviteit_detail", args=[avond.pk])).content.decode()

    assert "Amrani" in html and "halal (1)" in html
    assert reverse("activiteiten:binnenkomst", args=[avond.pk]) in html


# --- scope and roles ----------------------------------------------------------------------------------


def test_another_school_never_sees_our_activity(client, avond, andere_coordinator):
    client.force_login(andere_coordinator.user)

    assert client.get(reverse("activiteiten:ouderactiviteit_detail", args=[avond.pk])).status_code == 404
    assert client.get(reverse("activiteiten:ouderactiviteit_list")).context["komend"] == []


@pytest.mark.parametrize(
    ("rol", "lijst", "nieuw"),
    [
        (Rol.BRUGFUNCTIONARIS, 200, 200),
        (Rol.OKA, 200, 403),
        (Rol.LEERKRACHT, 200, 403),
        (Rol.SCHOOLLEIDER, 200, 403),
        (Rol.BEGELEIDER, 403, 403),
        (Rol.BESTUUR, 403, 403),
    ],
)
def test_roles_read_and_write_as_the_matrix_says(client, persona, rol, lijst, nieuw):
    client.force_login(persona(rol).user)

    assert client.get(reverse("activiteiten:ouderactiviteit_list")).status_code == lijst
    assert client.get(reverse("activiteiten:ouderactiviteit_create")).status_code == nieuw


# --- print and calendar ---------------------------------------------------------------------------------


def _pdf_tekst(inhoud: bytes, tmp_path) -> str:
    pad = tmp_path / "uit.pdf"
    pad.write_bytes(inhoud)
    return subprocess.run(["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607


def test_the_flyer_is_dutch_plus_the_chosen_languages(ingelogd, avond, tmp_path):
    response = ingelogd.get(reverse("activiteiten:ouderactiviteit_flyer", args=[avond.pk]), {"talen": ["en", "tr"]})

    assert response["Content-Type"] == "application/pdf"
    tekst = _pdf_tekst(response.content, tmp_path)
    assert "Thema-avond opvoeden" in tekst
    assert "Inloop" in tekst and "18:00" in tekst and "kinderopvang" in tekst
    assert tekst.count("19:00") == 3  # nl, en, tr


def test_the_paper_invitations_carry_a_qr_code_and_count_as_sent(ingelogd, avond, school, coordinator, tmp_path):
    _, _, (ouder,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Papier")
    ouder.email, ouder.telefoon = "", ""
    ouder.save()
    services.nodig_uit(ouderactiviteit=avond, doelgroep="iedereen", door=coordinator.user)

    response = ingelogd.get(reverse("activiteiten:ouderactiviteit_uitnodigingen_pdf", args=[avond.pk]))

    tekst = _pdf_tekst(response.content, tmp_path)
    uitnodiging = Uitnodiging.objects.get(verzorger=ouder)
    assert ouder.volledige_naam in tekst and str(uitnodiging.token).split("-")[0].upper() in tekst
    assert uitnodiging.status == UitnodigingStatus.AFGEDRUKT
    # The QR code: an SVG of the guardian's answer link on the page.
    html = drukwerk.uitnodigingen_html(school=school, activiteit=avond, uitnodigingen=[uitnodiging])
    svg = base64.b64decode(re.search(r'class="qr" src="data:image/svg\+xml;base64,([^"]+)"', html).group(1))
    assert b"<path" in svg


def test_the_qr_code_encodes_the_answer_link(avond, uitgenodigd):
    uri = drukwerk.qr_data_uri(drukwerk.antwoord_link(uitgenodigd))

    assert uri.startswith("data:image/svg+xml;base64,")


def _ics_velden(tekst: str) -> dict[str, str]:
    assert tekst.endswith("\r\n") and all(len(regel.encode()) <= 75 for regel in tekst.split("\r\n"))
    ontvouwd = tekst.replace("\r\n ", "")
    return dict(regel.split(":", 1) for regel in ontvouwd.split("\r\n") if regel)


def test_the_ics_file_is_rfc_5545(ingelogd, avond, school):
    avond.titel = "Avond; met, tekens"
    avond.omschrijving = "Een lange omschrijving " * 8
    avond.save()

    response = ingelogd.get(reverse("activiteiten:ouderactiviteit_ics", args=[avond.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    velden = _ics_velden(response.content.decode())
    assert velden["UID"] == f"ouderactiviteit-{avond.pk}@familieschool"
    # 26 Nov 2026 18:00 in Amsterdam (CET, UTC+1) is 17:00 UTC.
    assert velden["DTSTART"] == "20261126T170000Z" and velden["DTEND"] == "20261126T190000Z"
    assert velden["SUMMARY"] == "Avond\\; met\\, tekens"
    assert velden["STATUS"] == "CONFIRMED" and velden["SEQUENCE"] == "0"


def test_the_ics_of_a_moved_evening_has_a_higher_sequence_and_the_same_uid(avond, school, coordinator):
    uid = _ics_velden(drukwerk.ics(school=school, activiteit=avond))["UID"]
    avond.begintijd = dt.time(19, 15)
    services.save_ouderactiviteit(activiteit=avond, door=coordinator.user)

    velden = _ics_velden(drukwerk.ics(school=school, activiteit=avond))

    assert velden["UID"] == uid and velden["SEQUENCE"] == "1"


def test_folding_never_splits_a_character():
    regel = "DESCRIPTION:" + "ş" * 100

    gevouwen = drukwerk._fold(regel)

    assert all(len(deel.encode()) <= 75 for deel in gevouwen.split("\r\n"))
    assert gevouwen.replace("\r\n ", "") == regel


# --- panels ---------------------------------------------------------------------------------------------


def test_the_start_page_shows_the_next_evening_with_its_totals(ingelogd, avond, coordinator):
    _antwoord(avond, coordinator.user, "komt", 2, 2, opvang=True)

    html = ingelogd.get(reverse("start")).content.decode()

    assert avond.titel in html and "eten voor 4 personen" in html and "2 kinderen in de opvang" in html


def test_the_family_file_shows_invitations_and_attendance(ingelogd, avond, uitgenodigd, coordinator):
    services.check_in(ouderactiviteit=avond, uitnodiging=uitgenodigd, door=coordinator.user)

    html = ingelogd.get(reverse("gezinnen:gezin_detail", args=[uitgenodigd.gezin_id])).content.decode()

    assert avond.titel in html and "was er" in html


# --- query counts ---------------------------------------------------------------------------------------


def _rijen(school, door, aantal):
    activiteiten = []
    for n in range(aantal):
        activiteit = maak_ouderactiviteit(school, door, titel=f"Avond {n}", datum=VANDAAG + dt.timedelta(days=n + 1))
        for status in ("komt", "komt_niet"):
            uitnodiging = _antwoord(activiteit, door, status, achternaam=f"R{n}{status}")
            if status == "komt":
                services.check_in(ouderactiviteit=activiteit, uitnodiging=uitnodiging, door=door)
        activiteiten.append(activiteit)
    return activiteiten


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_list_query_count_does_not_grow(ingelogd, school, coordinator, aantal, django_assert_num_queries):
    _rijen(school, coordinator.user, aantal)

    # 7 for every page; upcoming and past activities, each with their totals as subqueries (2).
    with django_assert_num_queries(9):
        response = ingelogd.get(reverse("activiteiten:ouderactiviteit_list"))

    assert len(response.context["komend"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_detail_query_count_does_not_grow(ingelogd, school, coordinator, aantal, django_assert_num_queries):
    (activiteit, *_) = _rijen(school, coordinator.user, 1)
    for n in range(aantal - 1):
        _antwoord(activiteit, coordinator.user, "komt", achternaam=f"Extra{n}")

    # 7 for every page; the activity with totals, the invitations with answers and check-ins,
    # per channel, the totals aggregate, the diets (5).
    with django_assert_num_queries(12):
        response = ingelogd.get(reverse("activiteiten:ouderactiviteit_detail", args=[activiteit.pk]))

    assert len(response.context["uitnodigingen"]) == aantal + 1


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_door_page_query_count_does_not_grow(ingelogd, school, coordinator, aantal, django_assert_num_queries):
    (activiteit, *_) = _rijen(school, coordinator.user, 1)
    for n in range(aantal - 1):
        services.check_in_inloop(ouderactiviteit=activiteit, door=coordinator.user, naam=f"Inloop {n}")

    # 7 for every page; the activity, the check-ins with their guardian and family, the
    # families for the walk-in form (3).
    with django_assert_num_queries(10):
        response = ingelogd.get(reverse("activiteiten:binnenkomst", args=[activiteit.pk]))

    assert len(response.context["binnen"]) == aantal


# --- demo -------------------------------------------------------------------------------------------------


def test_the_demo_has_a_series_past_check_ins_and_answers_in_several_languages(db, monkeypatch):
    from activiteiten.ouders.demo import seed_ouderactiviteiten
    from familieschool import demo

    monkeypatch.setitem(demo._seeders, "ouderactiviteiten", seed_ouderactiviteiten)
    demo.seed_demo()
    aantallen = [m.objects.count() for m in (Ouderactiviteit, Binnenkomst, Uitnodiging, Aanmelding)]

    demo.seed_demo()  # idempotent

    assert [m.objects.count() for m in (Ouderactiviteit, Binnenkomst, Uitnodiging, Aanmelding)] == aantallen
    reeks = Ouderreeks.objects.get(naam="Ouders ontmoeten Ouders")
    avonden = list(reeks.activiteiten.order_by("datum"))
    assert len(avonden) == 6 and avonden[-1].soort == "slotavond"
    assert Ouderactiviteit.objects.filter(soort="koffieochtend").count() == 2
    # School year 2026-2027 on 18 Nov: two evenings and a coffee morning behind us, with check-ins.
    assert (
        Binnenkomst.objects.filter(ouderactiviteit__datum__lt=VANDAAG).values("ouderactiviteit").distinct().count() == 3
    )
    assert Binnenkomst.objects.filter(gezin__isnull=True).exists()  # walk-ins
    volgende = Ouderactiviteit.objects.filter(datum__gte=VANDAAG, kinderopvang=True).order_by("datum").first()
    talen = set(volgende.uitnodigingen.values_list("taal", flat=True))
    assert len(talen) >= 3
    assert Aanmelding.objects.filter(uitnodiging__ouderactiviteit=volgende, status="komt").exists()
    cijfers = selectors.opkomst(school=volgende.school, schooljaar=schooljaar_for_date(VANDAAG))
    assert cijfers.gezinnen > 0 and sum(r["eerste_keer"] for r in cijfers.per_activiteit) >= cijfers.gezinnen
