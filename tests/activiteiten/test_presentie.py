"""Attendance: the rules of registering, the coordinator's flags (no attendance, three absences
in a row, computed in SQL), the leaders' scope and constant query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activiteiten.models import Bijeenkomst, Inschrijving, InschrijvingStatus, Presentie, PresentieStatus
from activiteiten.presentie import selectors, services, setup
from familieschool import panels
from familieschool.roles import Rol
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.gezinnen.factories import LeerlingFactory

AANWEZIG = PresentieStatus.AANWEZIG
AFWEZIG = PresentieStatus.AFWEZIG
MET_REDEN = PresentieStatus.AFWEZIG_MET_REDEN

VANDAAG = timezone.localdate()


def dag(n: int) -> dt.date:
    """``n`` days from today (negative: in the past)."""
    return VANDAAG + dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def _start_panel():
    """The panel as ActiviteitenConfig.ready() registers it; afterwards the registry is as it was."""
    vorige = panels._providers.get("start.activiteiten", {}).get("activiteiten.presentie")
    setup.ready()
    yield
    if vorige is None:
        panels.unregister("start.activiteiten", "activiteiten.presentie")


@pytest.fixture
def begeleider(persona):
    return persona(Rol.BEGELEIDER)


@pytest.fixture
def blok(school):
    # Around today, inside this school year (the block itself does not generate anything here).
    begin = max(dag(-35), selectors.schooljaar_begin(VANDAAG))
    return maak_blok(school, naam="Blok nu", van=begin, tot=dag(35))


@pytest.fixture
def activiteit(blok, begeleider):
    return maak_activiteit(blok, titel="Judo", capaciteit=30, begeleiders=[begeleider.user])


@pytest.fixture
def andere_activiteit(blok, persona):
    return maak_activiteit(blok, titel="Theater", capaciteit=30, begeleiders=[persona(Rol.BEGELEIDER).user])


def sessie(activiteit, n: int = 0, **kwargs) -> Bijeenkomst:
    return Bijeenkomst.objects.create(
        activiteit=activiteit, datum=dag(n), begintijd=dt.time(14, 30), eindtijd=dt.time(15, 30), **kwargs
    )


def plaats(activiteit, door, aantal: int, *, status=InschrijvingStatus.GEPLAATST, roepnamen=None):
    """``aantal`` pupils placed (or on the waitlist) directly: the consent rules are tested in
    test_domein; here only the register matters."""
    kinderen = []
    for n in range(aantal):
        extra = {"roepnaam": roepnamen[n]} if roepnamen else {}
        kind = LeerlingFactory(school=activiteit.school, **extra)
        Inschrijving.objects.create(activiteit=activiteit, leerling=kind, status=status, ingeschreven_door=door)
        kinderen.append(kind)
    return kinderen


# --- services ------------------------------------------------------------------------------------


def test_registreren_saves_each_child_and_the_planned_minutes_by_default(activiteit, coordinator):
    a, b, c = plaats(activiteit, coordinator.user, 3)
    bijeenkomst = sessie(activiteit)

    services.registreer_presentie(
        bijeenkomst=bijeenkomst, door=coordinator.user, statussen={a.pk: AANWEZIG, b.pk: AFWEZIG, c.pk: MET_REDEN}
    )

    assert dict(Presentie.objects.values_list("leerling_id", "status")) == {
        a.pk: AANWEZIG,
        b.pk: AFWEZIG,
        c.pk: MET_REDEN,
    }
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.werkelijke_minuten == 60


def test_registreren_again_corrects_the_rows_instead_of_adding(activiteit, coordinator, begeleider):
    a, b = plaats(activiteit, coordinator.user, 2)
    bijeenkomst = sessie(activiteit, -7)
    services.registreer_presentie(bijeenkomst=bijeenkomst, door=coordinator.user, statussen={a.pk: AANWEZIG})

    services.registreer_presentie(
        bijeenkomst=bijeenkomst,
        door=begeleider.user,
        statussen={a.pk: AFWEZIG, b.pk: AANWEZIG},
        werkelijke_minuten=45,
    )

    assert Presentie.objects.count() == 2
    rij = Presentie.objects.get(leerling=a)
    assert (rij.status, rij.geregistreerd_door) == (AFWEZIG, begeleider.user)
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).werkelijke_minuten == 45


def test_registreren_refuses_a_child_not_placed_and_saves_nothing(activiteit, andere_activiteit, coordinator):
    (geplaatst,) = plaats(activiteit, coordinator.user, 1)
    (wachtlijst,) = plaats(activiteit, coordinator.user, 1, status=InschrijvingStatus.WACHTLIJST)
    (elders,) = plaats(andere_activiteit, coordinator.user, 1)
    bijeenkomst = sessie(activiteit)

    with pytest.raises(ValidationError) as fout:
        services.registreer_presentie(
            bijeenkomst=bijeenkomst,
            door=coordinator.user,
            statussen={geplaatst.pk: AANWEZIG, wachtlijst.pk: AANWEZIG, elders.pk: AFWEZIG},
            werkelijke_minuten=50,
        )

    assert "2 leerlingen zijn niet geplaatst" in fout.value.message_dict["statussen"][0]
    assert not Presentie.objects.exists()
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).werkelijke_minuten is None


@pytest.mark.parametrize(
    ("dagen", "geannuleerd", "melding"), [(0, True, "geannuleerd"), (1, False, "registreer je op of na de dag")]
)
def test_registreren_refuses_a_cancelled_or_future_session(activiteit, coordinator, dagen, geannuleerd, melding):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    bijeenkomst = sessie(activiteit, dagen, geannuleerd=geannuleerd)

    with pytest.raises(ValidationError) as fout:
        services.registreer_presentie(bijeenkomst=bijeenkomst, door=coordinator.user, statussen={kind.pk: AANWEZIG})

    assert melding in fout.value.messages[0]
    assert not Presentie.objects.exists()


@pytest.mark.parametrize("minuten", [0, 601])
def test_registreren_refuses_minutes_outside_1_to_600(activiteit, coordinator, minuten):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    bijeenkomst = sessie(activiteit)

    with pytest.raises(ValidationError) as fout:
        services.registreer_presentie(
            bijeenkomst=bijeenkomst, door=coordinator.user, statussen={kind.pk: AANWEZIG}, werkelijke_minuten=minuten
        )

    assert fout.value.message_dict["werkelijke_minuten"] == ["Vul een duur in tussen 1 en 600 minuten."]
    assert not Presentie.objects.exists()


def test_registreren_refuses_an_unknown_status(activiteit, coordinator):
    (kind,) = plaats(activiteit, coordinator.user, 1)

    with pytest.raises(ValidationError):
        services.registreer_presentie(
            bijeenkomst=sessie(activiteit), door=coordinator.user, statussen={kind.pk: "ziek"}
        )

    assert not Presentie.objects.exists()


def test_registreer_een_saves_one_tap_and_fills_in_the_planned_minutes(activiteit, begeleider, coordinator):
    a, _ = plaats(activiteit, coordinator.user, 2)
    bijeenkomst = sessie(activiteit)

    services.registreer_een(bijeenkomst=bijeenkomst, door=begeleider.user, leerling_id=a.pk, status=MET_REDEN)
    services.registreer_een(bijeenkomst=bijeenkomst, door=begeleider.user, leerling_id=a.pk, status=AANWEZIG)

    assert list(Presentie.objects.values_list("leerling_id", "status")) == [(a.pk, AANWEZIG)]
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).werkelijke_minuten == 60


@pytest.mark.parametrize("aantal", [1, 3])
def test_registreren_query_count_does_not_grow_with_children(
    activiteit, coordinator, aantal, django_assert_num_queries
):
    kinderen = plaats(activiteit, coordinator.user, aantal)
    bijeenkomst = sessie(activiteit)

    # savepoint, lock the session, placed children among them, upsert, minutes, release
    with django_assert_num_queries(6):
        services.registreer_presentie(
            bijeenkomst=bijeenkomst, door=coordinator.user, statussen={k.pk: AANWEZIG for k in kinderen}
        )

    assert Presentie.objects.count() == aantal


# --- selectors -----------------------------------------------------------------------------------


def test_bijeenkomsten_vandaag_a_begeleider_sees_only_own_sessions(
    school, activiteit, andere_activiteit, begeleider, coordinator
):
    eigen = sessie(activiteit)
    sessie(andere_activiteit)
    sessie(activiteit, -7)
    geannuleerd = maak_activiteit(activiteit.blok, titel="Koken", begeleiders=[begeleider.user])
    sessie(geannuleerd, geannuleerd=True)

    van_begeleider = selectors.bijeenkomsten_vandaag(
        user=begeleider.user, rol=Rol.BEGELEIDER, school=school, datum=VANDAAG
    )
    van_coordinator = selectors.bijeenkomsten_vandaag(
        user=coordinator.user, rol=Rol.COORDINATOR, school=school, datum=VANDAAG
    )

    assert list(van_begeleider) == [eigen]
    assert len(van_coordinator) == 2


def test_bijeenkomsten_vandaag_nothing_for_roles_without_the_right(school, activiteit, persona):
    sessie(activiteit)
    schoolleider = persona(Rol.SCHOOLLEIDER)

    assert not selectors.bijeenkomsten_vandaag(
        user=schoolleider.user, rol=Rol.SCHOOLLEIDER, school=school, datum=VANDAAG
    ).exists()


def test_zonder_presentie_flags_past_held_sessions_without_any_row(
    school, activiteit, andere_activiteit, begeleider, coordinator
):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    plaats(andere_activiteit, coordinator.user, 1)
    vergeten = sessie(activiteit, -7)
    ingevuld = sessie(activiteit, -14)
    Presentie.objects.create(bijeenkomst=ingevuld, leerling=kind, status=AANWEZIG, geregistreerd_door=begeleider.user)
    sessie(activiteit, -21, geannuleerd=True)
    sessie(activiteit)  # today: not late yet
    sessie(activiteit, 7)
    leeg = maak_activiteit(activiteit.blok, titel="Zonder kinderen")
    sessie(leeg, -7)  # nobody placed: nothing to register
    van_ander = sessie(andere_activiteit, -7)

    voor_coordinator = selectors.zonder_presentie(
        user=coordinator.user, rol=Rol.COORDINATOR, school=school, vandaag=VANDAAG
    )
    voor_begeleider = selectors.zonder_presentie(
        user=begeleider.user, rol=Rol.BEGELEIDER, school=school, vandaag=VANDAAG
    )

    assert set(voor_coordinator) == {vergeten, van_ander}
    assert list(voor_begeleider) == [vergeten]


def test_zonder_presentie_only_this_school_year(school, coordinator):
    begin = selectors.schooljaar_begin(VANDAAG)
    vorig_blok = maak_blok(
        school, naam="Vorig jaar", van=begin - dt.timedelta(days=60), tot=begin - dt.timedelta(days=5)
    )
    vorige = maak_activiteit(vorig_blok, titel="Vorig jaar")
    plaats(vorige, coordinator.user, 1)
    Bijeenkomst.objects.create(
        activiteit=vorige, datum=begin - dt.timedelta(days=10), begintijd=dt.time(14), eindtijd=dt.time(15)
    )

    assert not selectors.zonder_presentie(
        user=coordinator.user, rol=Rol.COORDINATOR, school=school, vandaag=VANDAAG
    ).exists()


def registreer(bijeenkomst, door, rijen: dict) -> None:
    Presentie.objects.bulk_create(
        Presentie(bijeenkomst=bijeenkomst, leerling=kind, status=status, geregistreerd_door=door)
        for kind, status in rijen.items()
    )


@pytest.fixture
def reeks(activiteit, coordinator):
    """Five held sessions of Judo (oldest first) and one cancelled between the last two."""
    sessies = [sessie(activiteit, n) for n in (-35, -28, -21, -14, -7)]
    sessie(activiteit, -10, geannuleerd=True)
    return sessies


def test_drie_keer_afwezig_finds_the_children_absent_at_their_last_three_sessions(
    school, andere_school, activiteit, coordinator, reeks
):
    door = coordinator.user
    namen = ["Ayoub", "Bram", "Chaima", "Daan", "Eva", "Fenna"]
    ayoub, bram, chaima, daan, eva, fenna = plaats(activiteit, door, 6, roepnamen=namen)
    een, twee, drie, vier, vijf = reeks
    registreer(een, door, {ayoub: AANWEZIG, bram: AFWEZIG, chaima: AFWEZIG, eva: AANWEZIG, fenna: AFWEZIG})
    registreer(twee, door, {ayoub: AANWEZIG, bram: AFWEZIG, chaima: AFWEZIG, eva: AANWEZIG, fenna: AFWEZIG})
    registreer(drie, door, {ayoub: AFWEZIG, bram: AFWEZIG, chaima: AFWEZIG, daan: AFWEZIG, fenna: AFWEZIG})
    registreer(vier, door, {ayoub: MET_REDEN, bram: AFWEZIG, chaima: AFWEZIG, daan: MET_REDEN, fenna: AFWEZIG})
    registreer(vijf, door, {ayoub: AFWEZIG, bram: AANWEZIG, chaima: MET_REDEN, eva: AFWEZIG, fenna: AFWEZIG})
    # Fenna was taken off the activity: no longer placed, no suggestion.
    Inschrijving.objects.filter(leerling=fenna).update(status=InschrijvingStatus.AFGEMELD)
    # A child of another school with the same pattern never shows here.
    elders = maak_activiteit(maak_blok(andere_school, naam="Elders", van=activiteit.blok.begindatum, tot=dag(30)))
    (vreemd,) = plaats(elders, door, 1)
    for n in (-21, -14, -7):
        registreer(sessie(elders, n), door, {vreemd: AFWEZIG})

    suggesties = selectors.drie_keer_afwezig(school=school, vandaag=VANDAAG)

    # Ayoub: absent (with and without reason) at the last three; Chaima: idem (five in a row).
    # Bram was there last time; Daan has two registered absences; Eva one; the cancelled
    # session between the last two is not a session that was held.
    assert [s.leerling.roepnaam for s in suggesties] == ["Ayoub", "Chaima"]
    ayoub_s = suggesties[0]
    assert [a.datum for a in ayoub_s.afwezigheden] == [vijf.datum, vier.datum, drie.datum]
    assert [a.label for a in ayoub_s.afwezigheden] == ["zonder reden", "met reden", "zonder reden"]
    assert ayoub_s.met_reden == 1
    assert ayoub_s.activiteit == activiteit


def test_drie_keer_afwezig_ignores_sessions_after_today(school, activiteit, coordinator):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    for n in (-14, -7, 0):
        registreer(sessie(activiteit, n), coordinator.user, {kind: AFWEZIG})

    assert len(selectors.drie_keer_afwezig(school=school, vandaag=VANDAAG)) == 1
    assert selectors.drie_keer_afwezig(school=school, vandaag=dag(-1)) == []


def test_a_suggestion_dealt_with_stays_away_until_the_next_absence(client, school, activiteit, coordinator):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    for n in (-21, -14, -7):
        registreer(sessie(activiteit, n), coordinator.user, {kind: AFWEZIG})
    inschrijving = Inschrijving.objects.get(leerling=kind)
    client.force_login(coordinator.user)

    response = client.post(
        reverse("activiteiten:opvolging_afhandelen", args=[inschrijving.pk]),
        {"tot_en_met": dag(-7).isoformat()},
        follow=True,
    )

    assert "staat niet meer op de lijst" in response.content.decode()
    assert selectors.drie_keer_afwezig(school=school, vandaag=VANDAAG) == []
    assert selectors.aantal_drie_keer_afwezig(school=school, vandaag=VANDAAG) == 0
    # Absent once more after the follow-up: the suggestion is back.
    registreer(sessie(activiteit, -1), coordinator.user, {kind: AFWEZIG})
    assert [s.leerling for s in selectors.drie_keer_afwezig(school=school, vandaag=VANDAAG)] == [kind]


def test_only_coordinator_and_brugfunctionaris_deal_with_suggestions(client, persona, activiteit, coordinator):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    inschrijving = Inschrijving.objects.get(leerling=kind)
    begeleider = persona(Rol.BEGELEIDER)
    activiteit.begeleiders.add(begeleider.user)
    client.force_login(begeleider.user)

    response = client.post(
        reverse("activiteiten:opvolging_afhandelen", args=[inschrijving.pk]), {"tot_en_met": dag(-7).isoformat()}
    )

    assert response.status_code == 403
    assert not inschrijving.opvolgingen.exists()


@pytest.mark.parametrize("aantal", [1, 3])
def test_drie_keer_afwezig_query_count_is_constant(school, activiteit, coordinator, aantal, django_assert_num_queries):
    kinderen = plaats(activiteit, coordinator.user, aantal)
    for n in (-21, -14, -7):
        registreer(sessie(activiteit, n), coordinator.user, dict.fromkeys(kinderen, AFWEZIG))

    # the numbered rows (one SQL statement), the enrolments with pupil, groep and activity
    with django_assert_num_queries(2):
        suggesties = selectors.drie_keer_afwezig(school=school, vandaag=VANDAAG)
    with django_assert_num_queries(1):
        aantal_suggesties = selectors.aantal_drie_keer_afwezig(school=school, vandaag=VANDAAG)

    assert len(suggesties) == aantal_suggesties == aantal


# --- pages ---------------------------------------------------------------------------------------


def test_presentie_vandaag_shows_a_begeleider_only_own_sessions(client, activiteit, andere_activiteit, begeleider):
    eigen = sessie(activiteit)
    ander = sessie(andere_activiteit)
    client.force_login(begeleider.user)

    response = client.get(reverse("activiteiten:presentie_vandaag"))

    assert response.status_code == 200
    assert response.context["bijeenkomsten"] == [eigen]
    assert reverse("activiteiten:presentie_registreren", args=[ander.pk]) not in response.content.decode()


def test_a_begeleider_registers_and_is_sent_back_with_a_message(client, activiteit, begeleider, coordinator):
    a, b = plaats(activiteit, coordinator.user, 2)
    bijeenkomst = sessie(activiteit)
    client.force_login(begeleider.user)
    url = reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk])

    response = client.post(url, {f"status-{a.pk}": AANWEZIG, f"status-{b.pk}": MET_REDEN, "werkelijke_minuten": "55"})

    assert response.status_code == 302
    assert response["Location"] == reverse("activiteiten:presentie_vandaag")
    assert dict(Presentie.objects.values_list("leerling_id", "status")) == {a.pk: AANWEZIG, b.pk: MET_REDEN}
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).werkelijke_minuten == 55
    pagina = client.get(response["Location"]).content.decode()
    assert "opgeslagen: 1 aanwezig, 0 afwezig, 1 afwezig met reden" in pagina


def test_registering_with_a_child_missing_or_bad_minutes_saves_nothing(client, activiteit, begeleider, coordinator):
    a, _ = plaats(activiteit, coordinator.user, 2, roepnamen=["Ilias", "Julia"])
    bijeenkomst = sessie(activiteit)
    client.force_login(begeleider.user)

    response = client.post(
        reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk]),
        {f"status-{a.pk}": AFWEZIG, "werkelijke_minuten": "900"},
    )

    assert response.status_code == 200
    pagina = response.content.decode()
    assert "Kies of Julia er was." in pagina
    assert "Vul een duur in tussen 1 en 600 minuten." in pagina
    assert response.context["form"][f"status-{a.pk}"].value() == AFWEZIG
    assert not Presentie.objects.exists()


def test_the_page_shows_the_children_by_roepnaam_with_the_planned_minutes(client, activiteit, begeleider, coordinator):
    plaats(activiteit, coordinator.user, 3, roepnamen=["Zara", "Adam", "Mila"])
    bijeenkomst = sessie(activiteit)
    client.force_login(begeleider.user)

    response = client.get(reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk]))

    assert [r["leerling"].roepnaam for r in response.context["rijen"]] == ["Adam", "Mila", "Zara"]
    assert response.context["form"]["werkelijke_minuten"].value() == 60
    assert 'name="werkelijke_minuten"' in response.content.decode()


def test_each_child_has_three_tiles_with_the_registered_one_checked(client, activiteit, begeleider, coordinator):
    a, b = plaats(activiteit, coordinator.user, 2)
    bijeenkomst = sessie(activiteit)
    registreer(bijeenkomst, begeleider.user, {a: MET_REDEN})
    client.force_login(begeleider.user)

    pagina = client.get(reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk])).content.decode()

    assert pagina.count('type="radio"') == 6
    assert pagina.count(" checked>") == 1
    assert (
        f'<input type="radio" class="btn-check" name="status-{a.pk}" id="status-{a.pk}-{MET_REDEN}" '
        f'value="{MET_REDEN}" checked>' in pagina
    )
    # The tile says "Met reden"; its label, and so a screen reader, says "Afwezig Met reden".
    assert (
        f'<label class="btn presentie-tegel presentie-{MET_REDEN}" for="status-{b.pk}-{MET_REDEN}">'
        '<span class="visually-hidden">Afwezig</span> Met reden</label>' in pagina
    )


def test_scope_begeleider_404_and_leerkracht_403_on_another_leaders_session(
    client, activiteit, andere_activiteit, begeleider, leerkracht
):
    ander = sessie(andere_activiteit)
    url = reverse("activiteiten:presentie_registreren", args=[ander.pk])

    client.force_login(begeleider.user)
    assert client.get(url).status_code == 404
    client.force_login(leerkracht.user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"werkelijke_minuten": "60"}).status_code == 403


def test_the_school_leader_reads_the_register_without_a_form(client, activiteit, persona, coordinator, begeleider):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    bijeenkomst = sessie(activiteit, -7)
    registreer(bijeenkomst, begeleider.user, {kind: MET_REDEN})
    schoolleider = persona(Rol.SCHOOLLEIDER)
    client.force_login(schoolleider.user)
    url = reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk])

    response = client.get(url)

    assert response.status_code == 200
    pagina = response.content.decode()
    assert "presentie-form" not in pagina
    assert "Afwezig met reden" in pagina
    assert client.post(url, {f"status-{kind.pk}": AANWEZIG, "werkelijke_minuten": "60"}).status_code == 403
    assert Presentie.objects.get().status == MET_REDEN


def test_a_future_session_shows_no_form_and_refuses_a_post(client, activiteit, begeleider, coordinator):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    bijeenkomst = sessie(activiteit, 7)
    client.force_login(begeleider.user)
    url = reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk])

    assert "presentie-form" not in client.get(url).content.decode()
    response = client.post(url, {f"status-{kind.pk}": AANWEZIG, "werkelijke_minuten": "60"})

    assert response.status_code == 200
    assert "registreer je op of na de dag" in response.content.decode()
    assert not Presentie.objects.exists()


def test_aandacht_lists_the_flags_with_a_link_to_log_a_signal(client, school, activiteit, coordinator, begeleider):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    for n in (-21, -14, -7):
        registreer(sessie(activiteit, n), begeleider.user, {kind: AFWEZIG})
    vergeten = sessie(activiteit, -28)
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:presentie_aandacht"))

    pagina = response.content.decode()
    assert response.status_code == 200
    assert f"{reverse('gezinnen:signaal_create')}?leerling={kind.pk}" in pagina
    assert response.context["zonder_presentie"] == [vergeten]


def test_aandacht_is_not_for_leaders(client, begeleider):
    client.force_login(begeleider.user)

    assert client.get(reverse("activiteiten:presentie_aandacht")).status_code == 403


def test_start_panel_gives_a_leader_todays_session_and_the_coordinator_counts(
    client, activiteit, begeleider, coordinator
):
    (kind,) = plaats(activiteit, coordinator.user, 1)
    vandaag = sessie(activiteit)
    for n in (-21, -14, -7):
        registreer(sessie(activiteit, n), begeleider.user, {kind: AFWEZIG})
    sessie(activiteit, -28)
    url = reverse("activiteiten:presentie_registreren", args=[vandaag.pk])

    client.force_login(begeleider.user)
    assert url in client.get(reverse("start")).content.decode()
    client.force_login(coordinator.user)
    pagina = client.get(reverse("start")).content.decode()

    assert "1 bijeenkomst zonder presentie" in pagina
    assert "1 kind drie keer op rij afwezig" in pagina


# --- query counts of the pages -------------------------------------------------------------------


@pytest.mark.parametrize("aantal", [1, 3])
def test_registreren_page_query_count_is_constant(
    client, activiteit, begeleider, coordinator, aantal, django_assert_num_queries
):
    kinderen = plaats(activiteit, coordinator.user, aantal)
    bijeenkomst = sessie(activiteit)
    registreer(bijeenkomst, begeleider.user, {kinderen[0]: AANWEZIG})
    client.force_login(begeleider.user)
    client.get(reverse("start"))  # warm up: the MFA check is cached in the session
    url = reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk])

    # session, user, memberships (+school); the session (+activity, leads it?); placed children;
    # registered rows; savepoint, session update, release
    with django_assert_num_queries(9):
        response = client.get(url)

    assert len(response.context["rijen"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_registreren_post_query_count_is_constant(
    client, activiteit, begeleider, coordinator, aantal, django_assert_num_queries
):
    kinderen = plaats(activiteit, coordinator.user, aantal)
    bijeenkomst = sessie(activiteit)
    client.force_login(begeleider.user)
    client.get(reverse("start"))
    data = {f"status-{k.pk}": AANWEZIG for k in kinderen} | {"werkelijke_minuten": "60"}

    # session, user, memberships (+school); the session (+activity, leads it?); placed children;
    # savepoint, lock, placed check, upsert, minutes, release; savepoint, session update (the
    # message), release
    with django_assert_num_queries(14):
        response = client.post(reverse("activiteiten:presentie_registreren", args=[bijeenkomst.pk]), data)

    assert response.status_code == 302
    assert Presentie.objects.count() == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_vandaag_and_aandacht_query_counts_are_constant(
    client, activiteit, coordinator, begeleider, aantal, django_assert_num_queries
):
    kinderen = plaats(activiteit, coordinator.user, aantal)
    for n in range(aantal):
        maak = maak_activiteit(activiteit.blok, titel=f"Extra {n}", begeleiders=[begeleider.user])
        plaats(maak, coordinator.user, 1)
        sessie(maak)
        sessie(maak, -3)
    for n in (-21, -14, -7):
        registreer(sessie(activiteit, n), begeleider.user, dict.fromkeys(kinderen, AFWEZIG))
    client.force_login(coordinator.user)
    client.get(reverse("start"))

    # session, user, memberships (+school); today's sessions with counts; the late ones;
    # savepoint, session update, release
    with django_assert_num_queries(8):
        response = client.get(reverse("activiteiten:presentie_vandaag"))
    assert len(response.context["bijeenkomsten"]) == aantal

    # session, user, memberships (+school); the late ones; numbered rows; enrolments (+pupil,
    # groep, activity); savepoint, session update, release
    with django_assert_num_queries(9):
        response = client.get(reverse("activiteiten:presentie_aandacht"))
    assert len(response.context["suggesties"]) == aantal
    assert len(response.context["zonder_presentie"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_start_panel_query_count_is_constant(
    rf, activiteit, coordinator, begeleider, aantal, django_assert_num_queries
):
    from activiteiten.presentie.panels import start_panel

    kinderen = plaats(activiteit, coordinator.user, aantal)
    for n in range(aantal):
        sessie(maak_activiteit(activiteit.blok, titel=f"Extra {n}", begeleiders=[begeleider.user]))
        sessie(activiteit, -7 * (n + 4))  # late, without a register
    for n in (-21, -14, -7):
        registreer(sessie(activiteit, n), begeleider.user, dict.fromkeys(kinderen, AFWEZIG))
    request = rf.get("/")
    request.user, request.rol, request.school = coordinator.user, Rol.COORDINATOR, coordinator.school

    # today's sessions with counts, the late ones counted, the suggestions counted (one SQL)
    with django_assert_num_queries(3):
        panel = start_panel(request, None)

    assert len(panel.context["bijeenkomsten"]) == aantal
    assert panel.context["suggesties"] == aantal
