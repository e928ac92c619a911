"""The indicators of a grant (subsidies.indicatoren) against a fixture computed by hand, their query
count, the AFS report, and the indicatoren page: who sees what (the board: small numbers "<5").

The fixture: a School & Omgeving grant (norm 5 h/week), period 1–30 September 2026, counted on
31 October 2026 (the peildatum). Pupils A, B, C.

    Judo (funded 100 %, 14:30–15:30 = 60 min)
      J1 Tue  1 Sep (ISO wk 36), 60 min:      A aanwezig, B aanwezig, C afwezig
      J2 Tue  8 Sep (ISO wk 37), 45 min*:     A aanwezig, B afwezig met reden, C aanwezig
      J3 Tue 15 Sep, cancelled:               A aanwezig (must not count)
      J4 Tue  6 Oct (ISO wk 41), 60 min:      A aanwezig (after the period: must not count)
    Theater (funded 50 %, 15:00–16:30 = 90 min)
      T1 Thu  3 Sep (ISO wk 36), 90 min:      A aanwezig, C aanwezig
      T2 Thu 10 Sep (ISO wk 37), 90 min:      A aanwezig
    Koken (not funded, 60 min)
      K1 Wed  2 Sep (ISO wk 36):              B aanwezig (must not count)
    (* werkelijke_minuten recorded; otherwise the planned end − start)

Per pupil: A 60 + 45 + 90 + 90 = 285 min, B 60 min, C 45 + 90 = 135 min; together 480 min
= 8.00 leerlinguren, 3 deelnemers, weeks {36, 37} = 2, average 480 / 60 / 3 / 2 = 1.33 h.
Norm 5: 1.33 < 0.75 × 5 = 3.75 → niet gehaald; a pupil needs 5 × 2 = 10 h: nobody.
Norm 1.5: 1.33 ≥ 1.125 → binnen de marge; a pupil needs 3 h = 180 min: A only (1 of 3).
Norm 1.0: 1.33 ≥ 1 → gehaald; a pupil needs 2 h = 120 min: A and C (2 of 3, 66.7 %).
Per activity: Judo 2 sessions, 105 min = 1.75 h offered, 3 deelnemers, 210 pupil-min = 3.50 h;
Theater 2 sessions, 180 min = 3.00 h, 2 deelnemers, 270 pupil-min = 4.50 h.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activiteiten.models import Bijeenkomst, Binnenkomst, Presentie
from familieschool.roles import Rol
from gezinnen.models import Doorverwijzing, Hulpvraag, Vraag
from subsidies import indicatoren as ind
from subsidies.models import Financiering, Toekenning
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.activiteiten.matrix_objects_ouders import maak_ouderactiviteit
from tests.factories import PartnerFactory
from tests.gezinnen.factories import LeerlingFactory, gezin_met_kinderen
from tests.subsidies.factories import maak_toekenning, maak_uitgave

pytestmark = pytest.mark.django_db

T = dt.time
VAN, TOT, PEILDATUM = dt.date(2026, 9, 1), dt.date(2026, 9, 30), dt.date(2026, 10, 31)
AANW, AMR, AFW = "aanwezig", "afwezig_met_reden", "afwezig"


def _sessie(activiteit, datum, door, *, minuten=None, geannuleerd=False, **presentie):
    bijeenkomst = Bijeenkomst.objects.create(
        activiteit=activiteit,
        datum=datum,
        begintijd=activiteit.begintijd,
        eindtijd=activiteit.eindtijd,
        werkelijke_minuten=minuten,
        geannuleerd=geannuleerd,
    )
    for leerling, status in presentie.values():
        Presentie.objects.create(bijeenkomst=bijeenkomst, leerling=leerling, status=status, geregistreerd_door=door)
    return bijeenkomst


@pytest.fixture
def fixture(school, coordinator):
    door = coordinator.user
    a, b, c = (LeerlingFactory(school=school) for _ in range(3))
    blok = maak_blok(school, naam="Blok 1", van=dt.date(2026, 8, 31), tot=dt.date(2026, 10, 30))
    judo = maak_activiteit(blok, titel="Judo", begintijd=T(14, 30), eindtijd=T(15, 30))
    theater = maak_activiteit(
        blok, titel="Theater", ontwikkelgebied="cultuur", weekdag=3, begintijd=T(15), eindtijd=T(16, 30)
    )
    koken = maak_activiteit(blok, titel="Koken", ontwikkelgebied="zelf", weekdag=2, begintijd=T(14), eindtijd=T(15))
    toekenning = maak_toekenning(school, aangemaakt_door=door)
    Financiering.objects.create(toekenning=toekenning, activiteit=judo, aandeel=100)
    Financiering.objects.create(toekenning=toekenning, activiteit=theater, aandeel=50)

    _sessie(judo, dt.date(2026, 9, 1), door, a=(a, AANW), b=(b, AANW), c=(c, AFW))
    _sessie(judo, dt.date(2026, 9, 8), door, minuten=45, a=(a, AANW), b=(b, AMR), c=(c, AANW))
    _sessie(judo, dt.date(2026, 9, 15), door, geannuleerd=True, a=(a, AANW))
    _sessie(judo, dt.date(2026, 10, 6), door, a=(a, AANW))
    _sessie(theater, dt.date(2026, 9, 3), door, a=(a, AANW), c=(c, AANW))
    _sessie(theater, dt.date(2026, 9, 10), door, a=(a, AANW))
    _sessie(koken, dt.date(2026, 9, 2), door, b=(b, AANW))
    return {"toekenning": toekenning, "judo": judo, "theater": theater, "blok": blok, "pupils": (a, b, c), "door": door}


def _laad(toekenning) -> Toekenning:
    return Toekenning.objects.select_related("regeling", "school").get(pk=toekenning.pk)


def _uren(toekenning, *, van=VAN, tot=TOT) -> ind.Urencijfers:
    periode = ind.Periode(van=van, tot_en_met=tot, peildatum=PEILDATUM)
    return ind.urencijfers(toekenning=_laad(toekenning), periode=periode)


def test_school_en_omgeving_indicators_match_the_hand_computed_fixture(fixture):
    uren = _uren(fixture["toekenning"])

    assert uren.norm == Decimal("5.0")
    assert uren.leerlinguren == Decimal("8.00")
    assert uren.deelnemers == 3
    assert uren.weken == 2
    assert uren.gemiddeld == Decimal("1.33")
    assert uren.status == ind.Normstatus.NIET_GEHAALD
    assert uren.deelnemers_op_norm == 0
    assert uren.bijeenkomsten == 4
    assert uren.uren_aangeboden == Decimal("4.75")
    per_activiteit = {
        r.titel: (r.aandeel, r.bijeenkomsten, r.uren_aangeboden, r.deelnemers, r.leerlinguren)
        for r in uren.activiteiten
    }
    assert per_activiteit == {
        "Judo": (100, 2, Decimal("1.75"), 3, Decimal("3.50")),
        "Theater": (50, 2, Decimal("3.00"), 2, Decimal("4.50")),
    }


@pytest.mark.parametrize(
    ("norm", "status", "op_norm", "aandeel"),
    [
        ("1.5", ind.Normstatus.MARGE, 1, Decimal("33.3")),
        ("1.0", ind.Normstatus.GEHAALD, 2, Decimal("66.7")),
        ("1.4", ind.Normstatus.MARGE, 1, Decimal("33.3")),  # 1.33 ≥ 1.05; A alone has 2.8 h × 2
    ],
)
def test_the_norm_status_and_the_pupils_who_reach_it(fixture, norm, status, op_norm, aandeel):
    regeling = fixture["toekenning"].regeling
    regeling.minimum_uren_per_week = Decimal(norm)
    regeling.save()

    uren = _uren(fixture["toekenning"])

    assert uren.status == status
    assert uren.deelnemers_op_norm == op_norm
    assert uren.aandeel_op_norm == aandeel


def test_a_period_counts_only_its_own_sessions(fixture):
    # October only: J4 (6 Oct, 60 min, A) is held; the period's end is after the peildatum.
    uren = _uren(fixture["toekenning"], van=dt.date(2026, 10, 1), tot=dt.date(2026, 12, 31))

    assert (uren.leerlinguren, uren.deelnemers, uren.weken, uren.gemiddeld) == (Decimal("1.00"), 1, 1, Decimal("1.00"))


def test_sessions_after_the_peildatum_are_not_held_yet(fixture):
    periode = ind.Periode(van=VAN, tot_en_met=TOT, peildatum=dt.date(2026, 9, 5))

    uren = ind.urencijfers(toekenning=_laad(fixture["toekenning"]), periode=periode)

    # J1 (A, B: 120 min) and T1 (A, C: 180 min) in week 36: 300 min over 3 pupils in 1 week.
    assert (uren.leerlinguren, uren.deelnemers, uren.weken, uren.gemiddeld) == (Decimal("5.00"), 3, 1, Decimal("1.67"))


def test_a_grant_without_funded_activities_has_no_hours(school):
    uren = _uren(maak_toekenning(school))

    assert not uren.gefinancierd
    assert (uren.leerlinguren, uren.deelnemers, uren.weken, uren.gemiddeld) == (Decimal("0.00"), 0, 0, None)
    assert uren.status == ind.Normstatus.GEEN


def test_status_thresholds():
    def status(gemiddeld_minuten: int) -> str:
        return ind.Urencijfers(
            norm=Decimal("5.0"),
            activiteiten=[],
            weken=1,
            deelnemers=1,
            minuten_aanwezig=gemiddeld_minuten,
            deelnemers_op_norm=0,
        ).status

    assert status(300) == ind.Normstatus.GEHAALD  # 5.00
    assert status(299) == ind.Normstatus.MARGE  # 4.98
    assert status(225) == ind.Normstatus.MARGE  # 3.75 = 75 %
    assert status(224) == ind.Normstatus.NIET_GEHAALD  # 3.73


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_hours_take_a_fixed_number_of_queries(school, coordinator, django_assert_num_queries, aantal):
    door = coordinator.user
    blok = maak_blok(school, van=dt.date(2026, 8, 31), tot=dt.date(2026, 10, 30))
    toekenning = maak_toekenning(school)
    for n in range(aantal):
        activiteit = maak_activiteit(blok, titel=f"Activiteit {n}")
        Financiering.objects.create(toekenning=toekenning, activiteit=activiteit, aandeel=100)
        for week in range(aantal):
            leerlingen = {f"l{i}": (LeerlingFactory(school=school), AANW) for i in range(aantal)}
            _sessie(activiteit, dt.date(2026, 9, 1) + dt.timedelta(weeks=week), door, **leerlingen)
    toekenning = _laad(toekenning)

    # Funded activities; sessions per activity; attendance per activity; attendance per pupil.
    with django_assert_num_queries(ind.AANTAL_QUERIES_UREN):
        uren = ind.urencijfers(toekenning=toekenning, periode=ind.Periode(VAN, TOT, PEILDATUM))
    assert uren.deelnemers == aantal**3  # new pupils at every session
    # ... and the spending per budget line on top: the whole S&O report.
    with django_assert_num_queries(ind.aantal_queries("school_en_omgeving")):
        ind.indicatoren(toekenning=toekenning, van=VAN, tot_en_met=TOT, peildatum=PEILDATUM)


def test_spending_per_budget_line_counts_the_period_only(school):
    toekenning = maak_toekenning(school)
    maak_uitgave(toekenning, datum=dt.date(2026, 9, 15), bedrag="250.00")
    maak_uitgave(toekenning, datum=dt.date(2026, 9, 30), bedrag="100.50", soort="personeel")
    maak_uitgave(toekenning, datum=dt.date(2026, 10, 1), bedrag="999.00")

    posten = {p.soort: (p.begroot, p.besteed) for p in ind.besteding(toekenning=toekenning, van=VAN, tot_en_met=TOT)}

    assert posten == {
        "personeel": (Decimal("25000.00"), Decimal("100.50")),
        "activiteiten": (Decimal("15000.00"), Decimal("250.00")),
    }


# --- AFS ---------------------------------------------------------------------------------------------------


@pytest.fixture
def afs(school, andere_school, coordinator, persona):
    """Six pupils of the school (plus one who left in June), two of them present in September (at
    any activity: AFS reaches the whole Rijke schooldag); a parent evening on 17 September with two
    families and a walk-in, one cancelled; FSP: 6 walk-in questions about money, 2 about housing,
    1 intake (geld + wonen), 1 referral; and the same at another school, never counted."""
    door = coordinator.user
    oka = persona(Rol.OKA).user
    kinderen = [LeerlingFactory(school=school) for _ in range(6)]
    LeerlingFactory(school=school, uitstroomdatum=dt.date(2026, 6, 30))
    blok = maak_blok(school, van=dt.date(2026, 8, 31), tot=dt.date(2026, 10, 30))
    koken = maak_activiteit(blok, titel="Koken")
    _sessie(koken, dt.date(2026, 9, 2), door, a=(kinderen[0], AANW), b=(kinderen[1], AANW), c=(kinderen[2], AFW))
    avond = maak_ouderactiviteit(school, door, datum=dt.date(2026, 9, 17))
    maak_ouderactiviteit(
        school, door, datum=dt.date(2026, 9, 24), geannuleerd_op=dt.datetime(2026, 9, 20, tzinfo=dt.UTC)
    )
    gezin1, _, _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Een")
    gezin2, _, _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Twee")
    for gezin in (gezin1, gezin2, gezin1):
        Binnenkomst.objects.create(ouderactiviteit=avond, gezin=gezin, ingecheckt_door=door)
    Binnenkomst.objects.create(ouderactiviteit=avond, naam="Inloper", ingecheckt_door=door)
    gesteld = dt.datetime(2026, 9, 10, 10, tzinfo=dt.UTC)
    for categorie, aantal in (("geld", 6), ("wonen", 2)):
        for _ in range(aantal):
            Vraag.objects.create(school=school, gesteld_op=gesteld, categorie=categorie, geregistreerd_door=oka)
    Vraag.objects.create(school=andere_school, gesteld_op=gesteld, categorie="geld", geregistreerd_door=oka)
    intake = Hulpvraag.objects.create(school=school, gezin=gezin1, eigenaar=oka, categorieen=["geld", "wonen"])
    Hulpvraag.objects.filter(pk=intake.pk).update(created_at=gesteld)
    Doorverwijzing.objects.create(
        school=school,
        gezin=gezin1,
        partner=PartnerFactory(bestuur=school.bestuur),
        categorie="geld",
        datum=dt.date(2026, 9, 12),
        terugkoppeling_voor=dt.date(2026, 10, 12),
        door=oka,
    )
    return maak_toekenning(school, code="afs", naam="AFS 2026")


def test_afs_report(afs, django_assert_num_queries):
    toekenning = _laad(afs)
    periode = ind.Periode(VAN, TOT, PEILDATUM)

    with django_assert_num_queries(ind.AANTAL_QUERIES_AFS):
        cijfers = ind.afscijfers(toekenning=toekenning, periode=periode)

    # 6 pupils + the two families' children = 8 pupils (the leaver is not counted); 2 present.
    assert (cijfers.leerlingen, cijfers.deelnemers, cijfers.bereik) == (8, 2, Decimal("25.0"))
    assert (cijfers.ouderactiviteiten, cijfers.gezinnen, cijfers.zonder_gezin, cijfers.binnenkomsten) == (1, 2, 1, 4)
    assert cijfers.vragen == 8
    assert {t.code: t.aantal for t in cijfers.vragen_per_categorie} == {"geld": 6, "wonen": 2}
    assert cijfers.intakes == 1
    assert {t.code: t.aantal for t in cijfers.intakes_per_categorie} == {"geld": 1, "wonen": 1}
    assert cijfers.doorverwijzingen == 1


def test_afs_page_suppresses_fsp_counts_for_everyone(client, coordinator, afs):
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:indicatoren", args=[afs.pk]), {"van": VAN, "tot_en_met": TOT})

    assert response.status_code == 200
    afs_cijfers = response.context["v"]["afs"]
    assert (afs_cijfers["vragen"], afs_cijfers["intakes"], afs_cijfers["doorverwijzingen"]) == ("8", "<5", "<5")
    assert afs_cijfers["per_categorie"][0] == {
        "naam": "Geld en regelingen",
        "vragen": "6",
        "intakes": "<5",
        "doorverwijzingen": "<5",
    }
    # The coordinator sees the exact reach.
    assert (afs_cijfers["leerlingen"], afs_cijfers["deelnemers"], afs_cijfers["bereik"]) == ("8", "2", "25,0 %")


# --- the page --------------------------------------------------------------------------------------------


def test_page_shows_the_indicators_and_defines_them(client, coordinator, fixture):
    client.force_login(coordinator.user)

    response = client.get(
        reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk]),
        {"van": "2026-09-01", "tot_en_met": "2026-09-30"},
    )

    assert response.status_code == 200
    kaarten = {label: waarde for label, waarde, _ in response.context["v"]["uren"]["kaarten"]}
    assert kaarten == {
        "Leerlinguren": "8,00",
        "Deelnemers": "3",
        "Weken geleverd": "2",
        "Uren per deelnemer per week": "1,33",
    }
    html = response.content.decode()
    assert "Niet gehaald" in html
    assert "Leerlinguren / deelnemers / weken geleverd" in html
    assert "Verantwoording vastleggen" in html
    for leerling in fixture["pupils"]:
        assert leerling.roepnaam not in html


def test_page_defaults_to_the_grant_period_up_to_today(client, coordinator, fixture):
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk]))

    van, tot = ind.standaardperiode(fixture["toekenning"])
    assert (response.context["van"], response.context["tot_en_met"]) == (van, tot)
    assert van == dt.date(2026, 8, 1)


def test_page_refuses_a_period_that_ends_before_it_starts(client, coordinator, fixture):
    client.force_login(coordinator.user)

    response = client.get(
        reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk]),
        {"van": "2026-09-30", "tot_en_met": "2026-09-01"},
    )

    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum" in response.content.decode()


def test_page_warns_about_a_period_outside_the_grant(client, coordinator, fixture):
    client.force_login(coordinator.user)

    response = client.get(
        reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk]),
        {"van": "2026-07-01", "tot_en_met": "2026-09-30"},
    )

    assert "valt (deels) buiten de looptijd" in response.content.decode()


def test_page_without_funded_activities_links_to_the_financing(client, coordinator, school):
    toekenning = maak_toekenning(school)
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:indicatoren", args=[toekenning.pk]))

    html = response.content.decode()
    assert "nog geen activiteiten aan deze toekenning gekoppeld" in html
    assert reverse("subsidies:financiering_update", args=[toekenning.pk]) in html


def test_board_sees_small_numbers_suppressed_and_no_reports(client, persona, fixture):
    client.force_login(persona(Rol.BESTUUR).user)

    response = client.get(
        reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk]),
        {"van": "2026-09-01", "tot_en_met": "2026-09-30"},
    )

    assert response.status_code == 200
    uren = response.context["v"]["uren"]
    kaarten = {label: waarde for label, waarde, _ in uren["kaarten"]}
    # 3 deelnemers is a small number: "<5", and the average over them is not shown. Hours and
    # weeks are not people.
    assert kaarten == {
        "Leerlinguren": "8,00",
        "Deelnemers": "<5",
        "Weken geleverd": "2",
        "Uren per deelnemer per week": "—",
    }
    assert {r["titel"]: r["deelnemers"] for r in response.context["v"]["activiteiten"]} == {
        "Judo": "<5",
        "Theater": "<5",
    }
    html = response.content.decode()
    assert "Verantwoording vastleggen" not in html
    assert "Vastgelegde verantwoordingen" not in html


def test_a_stream_without_a_computed_report_shows_only_spending(client, coordinator, school, django_assert_num_queries):
    toekenning = maak_toekenning(school, code="brugfunctionaris", posten={"personeel": "30000.00"})
    maak_uitgave(toekenning, soort="personeel", datum=dt.date(2026, 9, 30), bedrag="2500.00")
    geladen = _laad(toekenning)

    with django_assert_num_queries(ind.aantal_queries("geen")):
        cijfers = ind.indicatoren(toekenning=geladen, van=VAN, tot_en_met=TOT, peildatum=PEILDATUM)

    assert (cijfers.uren, cijfers.afs, cijfers.besteed) == (None, None, Decimal("2500.00"))
    client.force_login(coordinator.user)
    html = client.get(reverse("subsidies:indicatoren", args=[toekenning.pk]), {"van": VAN, "tot_en_met": TOT}).content
    assert "Besteding per begrotingspost" in html.decode()
    assert "Leerlinguren" not in html.decode()
    assert "nog geen activiteiten" not in html.decode()


def test_board_sees_the_afs_reach_suppressed(client, persona, afs):
    client.force_login(persona(Rol.BESTUUR).user)

    response = client.get(reverse("subsidies:indicatoren", args=[afs.pk]), {"van": VAN, "tot_en_met": TOT})

    afs_cijfers = response.context["v"]["afs"]
    # 8 pupils is not small, 2 deelnemers is: "<5", and the share based on them is not shown.
    assert (afs_cijfers["leerlingen"], afs_cijfers["deelnemers"], afs_cijfers["bereik"]) == ("8", "<5", "—")
    assert (afs_cijfers["gezinnen"], afs_cijfers["zonder_gezin"], afs_cijfers["intakes"]) == ("<5", "<5", "<5")


def test_the_page_runs_as_many_queries_for_three_activities_as_for_one(client, coordinator, school):
    door = coordinator.user
    blok = maak_blok(school, van=dt.date(2026, 8, 31), tot=dt.date(2026, 10, 30))
    toekenning = maak_toekenning(school)
    url = reverse("subsidies:indicatoren", args=[toekenning.pk])
    client.force_login(door)

    def voeg_toe(n: int) -> None:
        activiteit = maak_activiteit(blok, titel=f"Activiteit {n}")
        Financiering.objects.create(toekenning=toekenning, activiteit=activiteit, aandeel=100)
        _sessie(activiteit, dt.date(2026, 9, 1 + n), door, a=(LeerlingFactory(school=school), AANW))

    def tel() -> int:
        client.get(url, {"van": VAN, "tot_en_met": TOT})  # warm the session and cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"van": VAN, "tot_en_met": TOT}).status_code == 200
        return len(queries)

    voeg_toe(0)
    een = tel()
    voeg_toe(1)
    voeg_toe(2)

    assert tel() == een
