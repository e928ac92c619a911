"""Reach figures (activiteiten.bereik) against a fixture computed by hand, their query count, and
the overview page: who may open it and what the board sees (small numbers suppressed).

The fixture, school year 2025-2026, counted on 10 January 2026 (the peildatum):

    Groep 5a (jaargroep 5): A, B, C        Groep 6b (jaargroep 6): D, E, F (F left in July 2025)
    Without a groep (jaargroep 7): G, enrolled at school from 1 December 2025

    Blok 1 (1 Sep – 17 Oct 2025)
      Judo (sport, 60 min)        placed A, B, D; E on the waitlist
        J1 Tue  2 Sep (ISO wk 36), 60 min:   A aanwezig, B aanwezig, D afwezig met reden
        J2 Tue  9 Sep (ISO wk 37), 45 min*:  A aanwezig, B afwezig, D afwezig
        J3 Tue 16 Sep, cancelled:            B aanwezig (must not count)
      Theater (cultuur, 90 min)   placed A, C
        T1 Thu  4 Sep (ISO wk 36), 90 min:   A aanwezig, C afwezig met reden
        T2 Thu 11 Sep (ISO wk 37), 80 min*:  A aanwezig, C afwezig
    Blok 2 (5 Jan – 13 Feb 2026)
      Koken (zelf, 60 min)        placed D, G; B afgemeld
        K1 Tue  6 Jan 2026 (ISO wk 2), 60 min: D aanwezig, G aanwezig
        K2 Tue 13 Jan 2026: after the peildatum, not held yet
    (* werkelijke_minuten recorded; otherwise the planned end − start)

    Doorstroom: A → sportclub (after Judo, 20 Oct 2025), A → cultuurclub (after Theater,
    1 Nov 2025), G → cultuurclub (no activity, 1 Feb 2026), D → sportclub (no activity,
    1 Jun 2024: another school year).
    Another school: a pupil present at its own session, and a doorstroom: never counted here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activiteiten.bereik import selectors
from activiteiten.bereik.selectors import AANTAL_QUERIES
from activiteiten.models import Bijeenkomst, Doorstroom, Inschrijving, Presentie
from familieschool.roles import Rol
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GroepFactory, LeerlingFactory

pytestmark = pytest.mark.django_db

PEILDATUM = dt.date(2026, 1, 10)
T = dt.time


def _bijeenkomst(activiteit, datum, *, minuten=None, geannuleerd=False):
    return Bijeenkomst.objects.create(
        activiteit=activiteit,
        datum=datum,
        begintijd=activiteit.begintijd,
        eindtijd=activiteit.eindtijd,
        werkelijke_minuten=minuten,
        geannuleerd=geannuleerd,
    )


def _presenties(bijeenkomst, door, **status_per_leerling):
    for leerling, status in status_per_leerling.values():
        Presentie.objects.create(bijeenkomst=bijeenkomst, leerling=leerling, status=status, geregistreerd_door=door)


def _inschrijven(activiteit, door, leerling, status="geplaatst"):
    Inschrijving.objects.create(activiteit=activiteit, leerling=leerling, status=status, ingeschreven_door=door)


@pytest.fixture
def fixture(school, andere_school, coordinator):
    door = coordinator.user
    g5 = GroepFactory(school=school, naam="Groep 5a", jaargroep="5")
    g6 = GroepFactory(school=school, naam="Groep 6b", jaargroep="6")
    a, b, c = (LeerlingFactory(school=school, groep=g5, jaargroep="5") for _ in range(3))
    d, e = (LeerlingFactory(school=school, groep=g6, jaargroep="6") for _ in range(2))
    LeerlingFactory(school=school, groep=g6, jaargroep="6", uitstroomdatum=dt.date(2025, 7, 15))  # F
    g = LeerlingFactory(school=school, groep=None, jaargroep="7", instroomdatum=dt.date(2025, 12, 1))

    blok1 = maak_blok(school, naam="Blok 1", van=dt.date(2025, 9, 1), tot=dt.date(2025, 10, 17))
    blok2 = maak_blok(school, naam="Blok 2", van=dt.date(2026, 1, 5), tot=dt.date(2026, 2, 13))
    judo = maak_activiteit(blok1, titel="Judo", ontwikkelgebied="sport", begintijd=T(14, 30), eindtijd=T(15, 30))
    theater = maak_activiteit(
        blok1, titel="Theater", ontwikkelgebied="cultuur", weekdag=3, begintijd=T(15), eindtijd=T(16, 30)
    )
    koken = maak_activiteit(blok2, titel="Koken", ontwikkelgebied="zelf", begintijd=T(14), eindtijd=T(15))
    for activiteit, leerling in [(judo, a), (judo, b), (judo, d), (theater, a), (theater, c), (koken, d), (koken, g)]:
        _inschrijven(activiteit, door, leerling)
    _inschrijven(judo, door, e, "wachtlijst")
    _inschrijven(koken, door, b, "afgemeld")

    aanw, amr, afw = "aanwezig", "afwezig_met_reden", "afwezig"
    j1 = _bijeenkomst(judo, dt.date(2025, 9, 2))
    _presenties(j1, door, a=(a, aanw), b=(b, aanw), d=(d, amr))
    j2 = _bijeenkomst(judo, dt.date(2025, 9, 9), minuten=45)
    _presenties(j2, door, a=(a, aanw), b=(b, afw), d=(d, afw))
    j3 = _bijeenkomst(judo, dt.date(2025, 9, 16), geannuleerd=True)
    _presenties(j3, door, b=(b, aanw))
    t1 = _bijeenkomst(theater, dt.date(2025, 9, 4))
    _presenties(t1, door, a=(a, aanw), c=(c, amr))
    t2 = _bijeenkomst(theater, dt.date(2025, 9, 11), minuten=80)
    _presenties(t2, door, a=(a, aanw), c=(c, afw))
    k1 = _bijeenkomst(koken, dt.date(2026, 1, 6))
    _presenties(k1, door, d=(d, aanw), g=(g, aanw))
    _bijeenkomst(koken, dt.date(2026, 1, 13))

    sportclub = PartnerFactory(bestuur=school.bestuur, soort="sportvereniging")
    cultuurclub = PartnerFactory(bestuur=school.bestuur, soort="cultuur")
    for leerling, partner, activiteit, datum in [
        (a, sportclub, judo, dt.date(2025, 10, 20)),
        (a, cultuurclub, theater, dt.date(2025, 11, 1)),
        (g, cultuurclub, None, dt.date(2026, 2, 1)),
        (d, sportclub, None, dt.date(2024, 6, 1)),
    ]:
        Doorstroom.objects.create(
            leerling=leerling, partner=partner, activiteit=activiteit, datum=datum, vastgelegd_door=door
        )

    # Another school of the board: its pupil takes part and joins a club; none of it counts here.
    vreemd_blok = maak_blok(andere_school, naam="Blok 1", van=dt.date(2025, 9, 1), tot=dt.date(2025, 10, 17))
    vreemd = maak_activiteit(vreemd_blok, titel="Voetbal")
    x = LeerlingFactory(school=andere_school, groep=None, jaargroep="5")
    _inschrijven(vreemd, door, x)
    _presenties(_bijeenkomst(vreemd, dt.date(2025, 9, 2)), door, x=(x, aanw))
    Doorstroom.objects.create(
        leerling=x, partner=sportclub, activiteit=vreemd, datum=dt.date(2025, 10, 1), vastgelegd_door=door
    )
    return {"schooljaar": blok1.schooljaar, "blok1": blok1, "blok2": blok2, "g5": g5, "g6": g6}


def _cijfers(school, fixture, blok=None):
    return selectors.bereikcijfers(school=school, schooljaar=fixture["schooljaar"], blok=blok, peildatum=PEILDATUM)


def _rijen(rijen):
    return [(rij.naam, rij.leerlingen, rij.ingeschreven, rij.deelnemers, rij.bereik) for rij in rijen]


# --- the school year ---------------------------------------------------------------------------------


def test_reach_per_groep_and_jaargroep_for_the_school_year(school, fixture):
    cijfers = _cijfers(school, fixture)

    # Pupils of the year: A B C | D E | G (F left before 1 Aug 2025).
    # Placed: A B C D G (E only on the waitlist). Present at least once: A B (Judo), D G (Koken);
    # C was never present, B's presence at the cancelled J3 does not count.
    assert _rijen(cijfers.per_groep) == [
        ("Groep 5a", 3, 3, 2, Decimal("66.7")),  # 2 / 3
        ("Groep 6b", 2, 1, 1, Decimal("50.0")),  # D of D, E
        ("Zonder groep", 1, 1, 1, Decimal("100.0")),  # G
    ]
    assert _rijen(cijfers.per_jaargroep) == [
        ("Groep 5", 3, 3, 2, Decimal("66.7")),
        ("Groep 6", 2, 1, 1, Decimal("50.0")),
        ("Groep 7", 1, 1, 1, Decimal("100.0")),
    ]
    assert (cijfers.totaal.leerlingen, cijfers.totaal.ingeschreven, cijfers.totaal.deelnemers) == (6, 5, 4)
    assert cijfers.totaal.bereik == Decimal("66.7")  # 4 / 6


def test_attendance_hours_and_sessions_for_the_school_year(school, fixture):
    cijfers = _cijfers(school, fixture)

    # Held sessions J1 J2 T1 T2 K1: aanwezig 2+1+1+1+2 = 7, met reden J1 D + T1 C = 2,
    # zonder reden J2 B, J2 D, T2 C = 3; 7 of 12 = 58.3 %.
    p = cijfers.presentie
    assert (p.aanwezig, p.afwezig_met_reden, p.afwezig, p.geregistreerd) == (7, 2, 3, 12)
    assert p.opkomst == Decimal("58.3")
    # Minutes present: J1 2×60 + J2 1×45 + T1 1×90 + T2 1×80 + K1 2×60 = 455 (7.58 h).
    assert p.minuten_aanwezig == 455
    assert p.uren_aanwezig == Decimal("7.6")
    # Planned J1 J2 J3 T1 T2 K1 K2 = 7; J3 cancelled; K2 after the peildatum; 5 held:
    # 60 + 45 + 90 + 80 + 60 = 335 min in ISO weeks 2025-36, 2025-37 and 2026-02.
    s = cijfers.bijeenkomsten
    assert (s.gepland, s.geannuleerd, s.gehouden, s.nog_te_gaan) == (7, 1, 5, 1)
    assert (s.minuten_gehouden, s.weken_geleverd) == (335, 3)
    # A school year is weighed over 40 school weeks (S&O): 455 / 60 / 4 deelnemers / 40 = 0.047.
    assert cijfers.weken == 40
    assert cijfers.uren_per_deelnemer_per_week == Decimal("0.05")
    # Offered: 335 / 60 / 40 = 0.14 hours a week.
    assert cijfers.aangeboden_uren_per_week == Decimal("0.1")


def test_participation_per_ontwikkelgebied_for_the_school_year(school, fixture):
    cijfers = _cijfers(school, fixture)

    per_gebied = {
        rij.ontwikkelgebied: (
            rij.activiteiten,
            rij.ingeschreven,
            rij.bijeenkomsten,
            rij.minuten_gehouden,
            rij.deelnemers,
            rij.minuten_aanwezig,
        )
        for rij in cijfers.per_gebied
    }
    assert per_gebied == {
        # Judo: placed A B D; held J1 J2 = 60 + 45; present A B; A 60 + 45, B 60 = 165 min.
        "sport": (1, 3, 2, 105, 2, 165),
        # Theater: placed A C; held T1 T2 = 90 + 80; present A twice = 170 min.
        "cultuur": (1, 2, 2, 170, 1, 170),
        # Koken: placed D G (B afgemeld); held K1 = 60; present D and G = 120 min.
        "zelf": (1, 2, 1, 60, 2, 120),
        "cognitief": (0, 0, 0, 0, 0, 0),
        "sociaal": (0, 0, 0, 0, 0, 0),
        "wereld": (0, 0, 0, 0, 0, 0),
    }
    sport = next(rij for rij in cijfers.per_gebied if rij.ontwikkelgebied == "sport")
    assert (sport.uren_gehouden, sport.uren_aanwezig) == (Decimal("1.8"), Decimal("2.8"))  # 1.75, 2.75


def test_doorstroom_for_the_school_year(school, fixture):
    cijfers = _cijfers(school, fixture)

    # A after Judo and after Theater, G without an activity on 1 Feb 2026; D's is from 2024.
    assert [(rij.soort, rij.aantal) for rij in cijfers.doorstroom.per_soort] == [
        ("sportvereniging", 1),
        ("cultuur", 2),
    ]
    assert cijfers.doorstroom.leerlingen == 2  # A and G


# --- one block -----------------------------------------------------------------------------------------


def test_reach_for_one_block(school, fixture):
    cijfers = _cijfers(school, fixture, blok=fixture["blok1"])

    # Pupils of 1 Sep – 17 Oct: A B C D E (G came in December). Judo and Theater only.
    assert _rijen(cijfers.per_groep) == [
        ("Groep 5a", 3, 3, 2, Decimal("66.7")),
        ("Groep 6b", 2, 1, 0, Decimal("0.0")),  # D placed in Judo but never present
    ]
    assert (cijfers.totaal.leerlingen, cijfers.totaal.ingeschreven, cijfers.totaal.deelnemers) == (5, 4, 2)
    # J1 J2 T1 T2: aanwezig 5, met reden 2, zonder reden 3 → 50 %;
    # minutes present 120 + 45 + 90 + 80 = 335.
    p = cijfers.presentie
    assert (p.aanwezig, p.afwezig_met_reden, p.afwezig, p.opkomst) == (5, 2, 3, Decimal("50.0"))
    assert p.minuten_aanwezig == 335
    # A block is averaged over the weeks it delivered: ISO weeks 36 and 37.
    s = cijfers.bijeenkomsten
    assert (s.gepland, s.geannuleerd, s.gehouden, s.minuten_gehouden, s.weken_geleverd) == (5, 1, 4, 275, 2)
    assert cijfers.weken == 2
    assert cijfers.uren_per_deelnemer_per_week == Decimal("1.40")  # 335 / 60 / 2 / 2 = 1.396
    assert cijfers.aangeboden_uren_per_week == Decimal("2.3")  # 275 / 60 / 2 = 2.29
    # Doorstroom after Judo and Theater (both in this block); G's (no activity, February) is not.
    assert [(rij.soort, rij.aantal) for rij in cijfers.doorstroom.per_soort] == [
        ("sportvereniging", 1),
        ("cultuur", 1),
    ]
    assert cijfers.doorstroom.leerlingen == 1


def test_a_block_of_another_school_is_refused(school, andere_school, fixture):
    vreemd = maak_blok(andere_school, naam="Blok X", van=dt.date(2025, 9, 1), tot=dt.date(2025, 10, 1))

    with pytest.raises(ValueError, match="hoort niet bij"):
        selectors.periode(school=school, schooljaar=fixture["schooljaar"], blok=vreemd)


def test_empty_period_gives_no_shares_and_no_averages(school):
    blok = maak_blok(school, naam="Leeg", van=dt.date(2025, 9, 1), tot=dt.date(2025, 10, 17))

    cijfers = selectors.bereikcijfers(school=school, schooljaar=blok.schooljaar, blok=blok, peildatum=PEILDATUM)

    assert (cijfers.per_groep, cijfers.totaal.bereik) == ([], None)
    assert (cijfers.presentie.opkomst, cijfers.uren_per_deelnemer_per_week, cijfers.aangeboden_uren_per_week) == (
        None,
        None,
        None,
    )


# --- query count -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [1, 3])
def test_reach_figures_take_a_fixed_number_of_queries(school, fixture, coordinator, extra, django_assert_num_queries):
    # More pupils, sessions and attendance: the same number of queries.
    _meer_deelnemers(school, fixture, coordinator.user, extra)

    # per groep, per jaargroep, attendance, sessions, ontwikkelgebied × 3, doorstroom
    with django_assert_num_queries(8):
        cijfers = _cijfers(school, fixture)

    assert AANTAL_QUERIES == 8
    assert cijfers.totaal.deelnemers == 4 + extra


# --- the page ------------------------------------------------------------------------------------------


ZIEN = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.SCHOOLLEIDER, Rol.BESTUUR, Rol.BEHEERDER}


@pytest.mark.parametrize("rol", list(Rol))
def test_page_opens_for_the_dashboard_roles_only(client, persona, fixture, rol):
    client.force_login(persona(rol).user)

    response = client.get(reverse("activiteiten:bereik"), {"schooljaar": 2025})

    assert response.status_code == (200 if rol in ZIEN else 403)


def test_page_shows_the_exact_figures_to_the_coordinator(client, coordinator, fixture):
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:bereik"), {"schooljaar": 2025})

    assert response.status_code == 200
    assert response.context["schooljaar"] == fixture["schooljaar"]
    assert response.context["blok"] is None
    kaarten = {kaart["label"]: kaart["waarde"] for kaart in response.context["kaarten"]}
    assert kaarten == {
        "Deelnemers": "4",
        "Ingeschreven": "5",
        "Uren per deelnemer": "0,05",
        # The page counts up to today, so K2 (13 Jan 2026, no register) is held as well:
        # (335 + 60) / 60 / 40 = 0.16.
        "Aanbod per week": "0,2",
        "Opkomst": "58,3 %",
        "Doorstroom": "2",
    }
    assert response.context["per_groep"][0] == {
        "naam": "Groep 5a",
        "leerlingen": "3",
        "ingeschreven": "3",
        "deelnemers": "2",
        "bereik": "66,7 %",
    }
    html = response.content.decode()
    assert 'id="bereik-data"' in html
    assert "chartjs/chart.umd.min.js" in html
    assert "&lt;5" not in html


def test_page_suppresses_small_numbers_for_the_board(client, persona, fixture):
    client.force_login(persona(Rol.BESTUUR).user)

    response = client.get(reverse("activiteiten:bereik"), {"schooljaar": 2025})

    kaarten = {kaart["label"]: kaart["waarde"] for kaart in response.context["kaarten"]}
    # 4 deelnemers, 2 doorstroom pupils: "<5"; an average over 4 pupils is not shown; 12
    # registrations are not small, so the attendance rate stays. Hours are not people.
    assert kaarten["Deelnemers"] == "<5"
    assert kaarten["Doorstroom"] == "<5"
    assert kaarten["Uren per deelnemer"] == "—"
    assert kaarten["Opkomst"] == "58,3 %"
    assert kaarten["Aanbod per week"] == "0,2"
    assert kaarten["Ingeschreven"] == "5"
    assert response.context["per_groep"][0] == {
        "naam": "Groep 5a",
        "leerlingen": "<5",
        "ingeschreven": "<5",
        "deelnemers": "<5",
        "bereik": "—",
    }
    # The chart gets no bar for a suppressed share.
    assert response.context["grafieken"]["groep"]["reeksen"][0]["data"] == [None, None, None]
    assert "kleine aantallen" in response.content.decode().lower()


def test_page_filters_on_a_block(client, coordinator, fixture):
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:bereik"), {"schooljaar": 2025, "blok": fixture["blok1"].pk})

    assert response.context["blok"] == fixture["blok1"]
    kaarten = {kaart["label"]: kaart["waarde"] for kaart in response.context["kaarten"]}
    assert kaarten["Uren per deelnemer"] == "1,40"  # see test_reach_for_one_block
    assert kaarten["Deelnemers"] == "2"


def test_page_ignores_a_block_of_another_school(client, coordinator, andere_school, fixture):
    vreemd = maak_blok(andere_school, naam="Blok X", van=dt.date(2025, 9, 1), tot=dt.date(2025, 10, 1))
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:bereik"), {"schooljaar": 2025, "blok": vreemd.pk})

    assert response.status_code == 200
    assert response.context["blok"] is None
    assert response.context["blok_genegeerd"] is True
    assert "Blok X" not in response.content.decode()


def test_page_defaults_to_the_current_school_year(client, coordinator, fixture):
    from familieschool.selectors import schooljaar_for_date

    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:bereik"))

    assert response.context["schooljaar"] == schooljaar_for_date()
    jaren = [sj.startjaar for sj in response.context["schooljaren"]]
    assert 2025 in jaren


def _meer_deelnemers(school, fixture, door, aantal, *, vanaf=0):
    groep = GroepFactory(school=school, naam=f"Groep 8-{vanaf}", jaargroep="8")
    judo = fixture["blok1"].activiteiten.get(titel="Judo")
    for n in range(vanaf, vanaf + aantal):
        kind = LeerlingFactory(school=school, groep=groep, jaargroep="8")
        _inschrijven(judo, door, kind)
        _presenties(_bijeenkomst(judo, dt.date(2025, 9, 23) + dt.timedelta(days=7 * n)), door, k=(kind, "aanwezig"))


def test_page_query_count_does_not_grow_with_the_data(client, school, coordinator, fixture):
    client.force_login(coordinator.user)
    url = reverse("activiteiten:bereik")
    _meer_deelnemers(school, fixture, coordinator.user, 1)
    client.get(url)  # the first request of a session also checks MFA once
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url, {"schooljaar": 2025}).status_code == 200
    _meer_deelnemers(school, fixture, coordinator.user, 3, vanaf=1)

    with CaptureQueriesContext(connection) as groot:
        response = client.get(url, {"schooljaar": 2025})

    assert response.context["kaarten"][0]["waarde"] == "8"  # 4 + 1 + 3 deelnemers
    # session, user, memberships; school year (current), school years, blocks; the 8 figures;
    # the session save (savepoint, update, release)
    assert len(groot) == len(klein) == 6 + AANTAL_QUERIES + 3


# --- the spreadsheet -------------------------------------------------------------------------------------


def _werkboek(response):
    from io import BytesIO

    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(BytesIO(response.content))


def test_export_holds_the_same_figures_as_numbers(client, coordinator, fixture):
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:bereik_export"), {"schooljaar": 2025, "blok": fixture["blok1"].pk})

    assert 'filename="bereik-obs-zonnewijzer-2025-2026-blok-1.xlsx"' in response["Content-Disposition"]
    werkboek = _werkboek(response)
    assert werkboek.sheetnames == [
        "Kerncijfers",
        "Per groep",
        "Per jaargroep",
        "Per ontwikkelgebied",
        "Presentie",
        "Doorstroom",
    ]
    groep = [[cel.value for cel in rij] for rij in werkboek["Per groep"].iter_rows()]
    # As in test_reach_for_one_block.
    assert groep == [
        ["Groep", "Leerlingen", "Ingeschreven", "Deelnemers", "Bereik (%)"],
        ["Groep 5a", 3, 3, 2, 66.7],
        ["Groep 6b", 2, 1, 0, 0.0],
        ["Totaal", 5, 4, 2, 40.0],
    ]
    kern = {rij[0].value: rij[1].value for rij in werkboek["Kerncijfers"].iter_rows(min_row=2)}
    assert kern["Uren per deelnemer per week"] == 1.4
    assert kern["Weken waarover gemiddeld"] == 2


def test_export_suppresses_small_numbers_for_the_board(client, persona, fixture):
    client.force_login(persona(Rol.BESTUUR).user)

    werkboek = _werkboek(client.get(reverse("activiteiten:bereik_export"), {"schooljaar": 2025}))

    groep = [[cel.value for cel in rij] for rij in werkboek["Per groep"].iter_rows(min_row=2)]
    assert groep[0] == ["Groep 5a", "<5", "<5", "<5", None]
    kern = {rij[0].value: rij[1].value for rij in werkboek["Kerncijfers"].iter_rows(min_row=2)}
    assert (kern["Deelnemers (minstens één keer aanwezig)"], kern["Leerlingen"]) == ("<5", 6)
