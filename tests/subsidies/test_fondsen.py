"""Fund applications per child: the rules (Stadspas or a motivation, the maximum per child per
school year, Dutch amounts), the status flow, the participation check, the renewal reminder,
scope (the oka sees only their own families, another school is a 404), the board's suppressed
totals, the family-file panel, the start from a signal, and query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import Inzage
from familieschool.roles import Rol
from gezinnen.models import Hulpvraag, Signaal
from subsidies import fondsen, tasks
from subsidies.forms import parse_bedrag
from subsidies.models import Fondsaanvraag
from subsidies.panels import gezin_panel
from tests.gezinnen.factories import gezin_met_kinderen
from tests.subsidies.factories import maak_fondsaanvraag, regeling

VANDAAG = dt.date(2026, 11, 20)  # schooljaar 2026-2027
JSC = "jeugdfonds-sport-cultuur"  # maximum € 450, Stadspas as proof
JEF = "jeugdeducatiefonds"  # no maximum, no Stadspas rule


@pytest.fixture(autouse=True)
def vandaag(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: VANDAAG)
    return VANDAAG


@pytest.fixture
def gezin(school):
    gezin, kinderen, _ = gezin_met_kinderen(school=school, aantal=2, achternaam="Yilmaz")
    return gezin, kinderen


@pytest.fixture
def ingelogd(client, coordinator):
    client.force_login(coordinator.user)
    return client


def _data(kind, **kwargs):
    return {
        "leerling": kind.pk,
        "regeling": regeling(kind.school, kwargs.pop("code", JSC)).pk,
        "doel": "sportclub",
        "omschrijving": "Voetbal",
        "bedrag": "225,50",
        "stadspas": "ja",
        "motivatie": "",
        "dossiernummer": "",
        "aangevraagd_op": "2026-11-18",
    } | kwargs


def _html(response) -> str:
    return response.content.decode()


# --- Dutch amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "bedrag"),
    [
        ("12,50", "12.50"),
        ("1.234,56", "1234.56"),
        ("€ 450", "450.00"),
        ("120.00", "120.00"),
        ("1.234", "1234.00"),
        ("7,5", "7.50"),
    ],
)
def test_amounts_are_read_the_dutch_way(tekst, bedrag):
    assert parse_bedrag(tekst) == Decimal(bedrag)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("0", "Een bedrag moet groter zijn dan € 0,00."),
        ("-5,00", "Een bedrag moet groter zijn dan € 0,00."),
        ("12,345", "Een bedrag heeft hoogstens twee cijfers achter de komma."),
        ("twaalf", "Vul een bedrag in, bijvoorbeeld 1.234,56 of 12,50."),
        ("1,2,3", "Vul een bedrag in, bijvoorbeeld 1.234,56 of 12,50."),
    ],
)
def test_bad_amounts_get_a_dutch_message_and_save_nothing(ingelogd, gezin, tekst, melding):
    _, (kind, _) = gezin
    response = ingelogd.post(reverse("subsidies:fondsaanvraag_create"), _data(kind, bedrag=tekst))
    assert response.status_code == 200
    assert melding in _html(response)
    assert not Fondsaanvraag.objects.exists()


# --- making one ----------------------------------------------------------------------------------


def test_an_application_from_the_family_file_is_saved_with_its_school_year(ingelogd, gezin, coordinator):
    familie, (kind, _) = gezin
    url = reverse("subsidies:fondsaanvraag_create") + f"?gezin={familie.pk}"
    response = ingelogd.post(url, _data(kind, bedrag="1.234,56", code=JEF, doel="bed"))

    aanvraag = Fondsaanvraag.objects.get()
    assert response.status_code == 302 and response["Location"] == aanvraag.get_absolute_url()
    assert aanvraag.bedrag == Decimal("1234.56")
    assert aanvraag.gezin == familie and aanvraag.leerling == kind
    assert aanvraag.schooljaar.startjaar == 2026
    assert aanvraag.aangemaakt_door == coordinator.user
    assert aanvraag.status == "aangevraagd"


def test_the_family_file_offers_only_that_familys_children(ingelogd, gezin, school):
    familie, (kind, broer) = gezin
    _, (ander,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Anders")
    html = _html(ingelogd.get(reverse("subsidies:fondsaanvraag_create") + f"?gezin={familie.pk}"))
    assert kind.volledige_naam in html and broer.volledige_naam in html
    assert ander.volledige_naam not in html

    response = ingelogd.post(reverse("subsidies:fondsaanvraag_create") + f"?gezin={familie.pk}", _data(ander))
    assert response.status_code == 200 and "Kies een kind uit de lijst." in _html(response)


def test_without_a_stadspas_the_jeugdfonds_asks_for_a_motivation(ingelogd, gezin):
    _, (kind, _) = gezin
    url = reverse("subsidies:fondsaanvraag_create")

    response = ingelogd.post(url, _data(kind, stadspas="onbekend"))
    assert response.status_code == 200
    assert "Zonder Stadspas vraagt Jeugdfonds Sport &amp; Cultuur een motivatie" in _html(response)
    assert 'id="id_motivatie"' in _html(response) and "is-invalid" in _html(response)
    assert not Fondsaanvraag.objects.exists()

    assert ingelogd.post(url, _data(kind, stadspas="nee", motivatie="Vader werkloos sinds mei.")).status_code == 302
    # The Jeugdeducatiefonds does not use the Stadspas as proof.
    assert ingelogd.post(url, _data(kind, stadspas="onbekend", code=JEF, doel="bureau")).status_code == 302
    assert Fondsaanvraag.objects.count() == 2


def test_the_maximum_per_child_per_school_year_counts_open_and_granted_applications(ingelogd, gezin, school):
    _, (kind, broer) = gezin
    maak_fondsaanvraag(school, kind, bedrag=Decimal("200.00"))  # open
    maak_fondsaanvraag(school, kind, bedrag=Decimal("300.00"), status="toegekend", toegekend_bedrag=Decimal("100.00"))
    maak_fondsaanvraag(school, kind, bedrag=Decimal("400.00"), status="afgewezen", reden_afwijzing="x")  # no count
    maak_fondsaanvraag(school, kind, bedrag=Decimal("400.00"), aangevraagd_op=dt.date(2025, 10, 1))  # last year
    url = reverse("subsidies:fondsaanvraag_create")

    response = ingelogd.post(url, _data(kind, bedrag="150,01"))
    assert response.status_code == 200
    assert (
        "Jeugdfonds Sport &amp; Cultuur geeft maximaal € 450,00 per kind per schooljaar; "
        f"voor {kind.roepnaam} is dit schooljaar nog € 150,00 over." in _html(response)
    )
    assert ingelogd.post(url, _data(kind, bedrag="150,00")).status_code == 302
    assert ingelogd.post(url, _data(broer, bedrag="450")).status_code == 302  # another child, own maximum


def test_create_from_a_signal_prefills_the_child_and_links_the_signal(ingelogd, gezin, school, coordinator):
    familie, (kind, _) = gezin
    signaal = Signaal.objects.create(
        school=school,
        leerling=kind,
        gezin=familie,
        categorie=Hulpdomein.GELD,
        gemeld_door=coordinator.user,
        opvolgen_voor=VANDAAG,
    )
    url = reverse("subsidies:fondsaanvraag_create") + f"?signaal={signaal.pk}"

    response = ingelogd.get(url)
    assert response.context["form"]["leerling"].value() == kind.pk
    assert f'<option value="{kind.pk}" selected>' in _html(response)

    assert ingelogd.post(url, _data(kind)).status_code == 302
    aanvraag = Fondsaanvraag.objects.get()
    assert aanvraag.signaal == signaal and aanvraag.gezin == familie


def test_create_from_an_intake_links_it_and_shows_it_as_a_hint(client, gezin, school, persona):
    brugfunctionaris = persona(Rol.BRUGFUNCTIONARIS)
    familie, (kind, _) = gezin
    intake = Hulpvraag.objects.create(
        school=school, gezin=familie, eigenaar=brugfunctionaris.user, categorieen=[Hulpdomein.GELD]
    )
    client.force_login(brugfunctionaris.user)
    url = reverse("subsidies:fondsaanvraag_create") + f"?hulpvraag={intake.pk}"

    html = _html(client.get(url))
    assert "Het gezin heeft een lopende intake bij het Familieservicepunt." in html
    assert reverse("gezinnen:hulpvraag_detail", args=[intake.pk]) in html

    assert client.post(url, _data(kind)).status_code == 302
    assert Fondsaanvraag.objects.get().hulpvraag == intake


def test_hints_name_the_stadspas_and_what_is_left_for_the_child(ingelogd, gezin, school):
    _, (kind, _) = gezin
    aanvraag = maak_fondsaanvraag(school, kind, bedrag=Decimal("300.00"), stadspas="ja")

    html = _html(ingelogd.get(aanvraag.get_absolute_url()))
    assert "Stadspas geldt als bewijs van inkomen" in html
    assert f"voor {kind.roepnaam} is dit schooljaar nog € 150,00 over." in html

    aanvraag.stadspas = "onbekend"
    aanvraag.save()
    assert "Vraag naar de Stadspas (groene stip)" in _html(ingelogd.get(aanvraag.get_absolute_url()))


def test_editing_keeps_the_child_and_checks_the_maximum_without_counting_itself(ingelogd, gezin, school):
    _, (kind, _) = gezin
    aanvraag = maak_fondsaanvraag(school, kind, bedrag=Decimal("300.00"))
    url = reverse("subsidies:fondsaanvraag_update", args=[aanvraag.pk])
    data = _data(kind, bedrag="450,00")
    del data["leerling"]

    assert ingelogd.post(url, data).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.bedrag == Decimal("450.00")
    assert "nog € 450,00 over." in _html(ingelogd.post(url, data | {"bedrag": "450,01"}))


# --- decisions -----------------------------------------------------------------------------------


def test_the_status_flow_and_its_refusals(school, gezin):
    _, (kind, _) = gezin
    aanvraag = maak_fondsaanvraag(school, kind)
    besluit = dt.date(2026, 10, 1)

    with pytest.raises(ValidationError) as fout:
        fondsen.decide_fondsaanvraag(aanvraag=aanvraag, status="betaald", betaald_op=besluit)
    assert fout.value.message_dict["status"] == ["Alleen een toegekende aanvraag kan betaald worden."]
    with pytest.raises(ValidationError) as fout:
        fondsen.decide_fondsaanvraag(aanvraag=aanvraag, status="toegekend")
    assert set(fout.value.message_dict) == {"toegekend_bedrag", "besloten_op"}
    with pytest.raises(ValidationError) as fout:  # 300 asked, but the fund's maximum is 450
        fondsen.decide_fondsaanvraag(
            aanvraag=aanvraag, status="toegekend", toegekend_bedrag=Decimal("450.01"), besloten_op=besluit
        )
    assert "maximaal € 450,00" in fout.value.message_dict["toegekend_bedrag"][0]

    aanvraag = fondsen.decide_fondsaanvraag(
        aanvraag=aanvraag, status="toegekend", toegekend_bedrag=Decimal("450.00"), besloten_op=besluit
    )
    assert aanvraag.status == "toegekend" and aanvraag.toegekend_bedrag == Decimal("450.00")
    aanvraag = fondsen.decide_fondsaanvraag(  # repeating corrects
        aanvraag=aanvraag, status="toegekend", toegekend_bedrag=Decimal("280.00"), besloten_op=besluit
    )
    assert aanvraag.toegekend_bedrag == Decimal("280.00")
    with pytest.raises(ValidationError):
        fondsen.decide_fondsaanvraag(aanvraag=aanvraag, status="betaald")
    aanvraag = fondsen.decide_fondsaanvraag(aanvraag=aanvraag, status="betaald", betaald_op=dt.date(2026, 10, 20))
    assert aanvraag.status == "betaald" and aanvraag.betaald_op == dt.date(2026, 10, 20)
    with pytest.raises(ValidationError):
        fondsen.decide_fondsaanvraag(aanvraag=aanvraag, status="toegekend", toegekend_bedrag=1, besloten_op=besluit)

    afgewezen = maak_fondsaanvraag(school, kind, code=JEF, doel="bed")
    with pytest.raises(ValidationError) as fout:
        fondsen.decide_fondsaanvraag(aanvraag=afgewezen, status="afgewezen", besloten_op=besluit)
    assert fout.value.message_dict["reden_afwijzing"] == ["Schrijf op waarom het fonds de aanvraag afwees."]
    fondsen.decide_fondsaanvraag(
        aanvraag=afgewezen, status="afgewezen", besloten_op=besluit, reden_afwijzing="Budget op"
    )
    with pytest.raises(ValidationError) as fout:
        fondsen.decide_fondsaanvraag(aanvraag=afgewezen, status="betaald", betaald_op=besluit)
    assert fout.value.message_dict["status"] == ["Een afgewezen aanvraag kan niet betaald worden."]


def test_the_status_page_redirects_with_a_message(ingelogd, gezin, school):
    _, (kind, _) = gezin
    aanvraag = maak_fondsaanvraag(school, kind)
    url = reverse("subsidies:fondsaanvraag_status", args=[aanvraag.pk])

    response = ingelogd.post(url, {"status": "toegekend", "toegekend_bedrag": "120,00"}, follow=True)
    assert "Vul de datum van het besluit in." in _html(response)
    response = ingelogd.post(
        url, {"status": "toegekend", "toegekend_bedrag": "120,00", "besloten_op": "2026-10-15"}, follow=True
    )
    assert "Besluit vastgelegd: toegekend." in _html(response)
    aanvraag.refresh_from_db()
    assert aanvraag.toegekend_bedrag == Decimal("120.00") and aanvraag.besloten_op == dt.date(2026, 10, 15)


def test_the_participation_check_is_recorded_and_listed_when_due(ingelogd, gezin, school):
    _, (kind, broer) = gezin
    oud = maak_fondsaanvraag(
        school,
        kind,
        status="toegekend",
        toegekend_bedrag=Decimal("300.00"),
        besloten_op=dt.date(2026, 7, 1),
        aangevraagd_op=dt.date(2026, 6, 1),
    )
    recent = maak_fondsaanvraag(
        school, broer, status="toegekend", toegekend_bedrag=Decimal("300.00"), besloten_op=dt.date(2026, 10, 1)
    )
    open_ = maak_fondsaanvraag(school, broer, code=JEF, doel="sportclub")

    response = ingelogd.get(reverse("subsidies:fondsaanvraag_list"))
    assert [a.pk for a in response.context["controleren"]] == [oud.pk]
    assert "Deelname controleren" in _html(response)

    response = ingelogd.post(
        reverse("subsidies:fondsaanvraag_deelname", args=[oud.pk]),
        {"doet_nog_mee": "nee", "deelname_notitie": "Gestopt na de zomer"},
        follow=True,
    )
    assert "Deelname gecontroleerd." in _html(response)
    oud.refresh_from_db()
    assert oud.doet_nog_mee is False and oud.deelname_gecontroleerd_op == VANDAAG
    assert ingelogd.get(reverse("subsidies:fondsaanvraag_list")).context["controleren"] == []

    response = ingelogd.post(
        reverse("subsidies:fondsaanvraag_deelname", args=[open_.pk]), {"doet_nog_mee": "ja"}, follow=True
    )
    assert "Deelname controleer je pas als het fonds de aanvraag heeft toegekend." in _html(response)
    assert recent.pk not in [a.pk for a in response.context.get("controleren", [])]


# --- renewal reminder ----------------------------------------------------------------------------


def test_the_renewal_reminder_goes_out_once_per_maker_without_names(school, gezin, coordinator, persona):
    _, (kind, broer) = gezin
    brug = persona(Rol.BRUGFUNCTIONARIS)
    toegekend = {"status": "toegekend", "toegekend_bedrag": Decimal("300.00"), "besloten_op": dt.date(2025, 10, 1)}
    a = maak_fondsaanvraag(
        school, kind, aangevraagd_op=dt.date(2025, 9, 15), aangemaakt_door=coordinator.user, **toegekend
    )
    b = maak_fondsaanvraag(
        school,
        broer,
        code=JEF,
        doel="bed",
        aangevraagd_op=dt.date(2025, 11, 1),
        aangemaakt_door=coordinator.user,
        **toegekend,
    )
    c = maak_fondsaanvraag(school, broer, aangevraagd_op=dt.date(2025, 11, 20), aangemaakt_door=brug.user, **toegekend)
    # Not due: 12 months not yet passed, refused, or already renewed by a later application.
    maak_fondsaanvraag(
        school, kind, code=JEF, aangevraagd_op=dt.date(2025, 11, 21), aangemaakt_door=coordinator.user, **toegekend
    )
    maak_fondsaanvraag(
        school,
        kind,
        aangevraagd_op=dt.date(2025, 9, 1),
        status="afgewezen",
        reden_afwijzing="x",
        besloten_op=dt.date(2025, 10, 1),
        aangemaakt_door=coordinator.user,
    )
    vernieuwd = maak_fondsaanvraag(
        school, broer, aangevraagd_op=dt.date(2025, 9, 1), aangemaakt_door=brug.user, **toegekend
    )
    maak_fondsaanvraag(school, broer, aangevraagd_op=dt.date(2025, 9, 2), aangemaakt_door=brug.user)

    assert tasks.task_verlengingen_herinneren() == 2
    assert tasks.task_verlengingen_herinneren() == 0  # run twice: still one mail each

    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.user.email, brug.user.email])
    aan_coordinator = next(m for m in mail.outbox if m.to == [coordinator.user.email])
    for aanvraag in (a, b):
        assert aanvraag.get_absolute_url() in aan_coordinator.body
    assert c.get_absolute_url() not in aan_coordinator.body
    for m in mail.outbox:
        assert "Yilmaz" not in m.body + m.subject and kind.roepnaam not in m.body
        assert m.extra_headers["Message-ID"].startswith("<verlengen-")
    herinnerd = set(Fondsaanvraag.objects.filter(verlenging_herinnerd_op__isnull=False).values_list("pk", flat=True))
    assert herinnerd == {a.pk, b.pk, c.pk}
    assert vernieuwd.pk not in herinnerd


def test_due_renewals_are_listed(ingelogd, gezin, school):
    _, (kind, _) = gezin
    aanvraag = maak_fondsaanvraag(
        school,
        kind,
        aangevraagd_op=dt.date(2025, 11, 1),
        status="betaald",
        toegekend_bedrag=Decimal("300.00"),
        besloten_op=dt.date(2025, 11, 10),
        betaald_op=dt.date(2025, 12, 1),
    )
    response = ingelogd.get(reverse("subsidies:fondsaanvraag_list"))
    assert [a.pk for a in response.context["verlengen"]] == [aanvraag.pk]
    assert "Tijd om te verlengen" in _html(ingelogd.get(aanvraag.get_absolute_url()))


# --- scope, the board, the list ------------------------------------------------------------------


def test_the_oka_sees_only_the_applications_of_their_own_families(client, gezin, school, persona):
    oka = persona(Rol.OKA)
    familie, (kind, _) = gezin
    _, (ander,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Anders")
    Hulpvraag.objects.create(school=school, gezin=familie, eigenaar=oka.user, categorieen=[Hulpdomein.GELD])
    eigen = maak_fondsaanvraag(school, kind)
    vreemd = maak_fondsaanvraag(school, ander)
    client.force_login(oka.user)

    html = _html(client.get(reverse("subsidies:fondsaanvraag_list")))
    assert kind.volledige_naam in html and ander.volledige_naam not in html
    assert client.get(eigen.get_absolute_url()).status_code == 200
    assert client.get(vreemd.get_absolute_url()).status_code == 404
    assert "Nieuwe fondsaanvraag" not in html


def test_another_school_gets_a_404(client, gezin, school, andere_coordinator):
    _, (kind, _) = gezin
    aanvraag = maak_fondsaanvraag(school, kind)
    client.force_login(andere_coordinator.user)
    assert client.get(aanvraag.get_absolute_url()).status_code == 404
    assert client.post(reverse("subsidies:fondsaanvraag_status", args=[aanvraag.pk]), {}).status_code == 404
    assert kind.volledige_naam not in _html(client.get(reverse("subsidies:fondsaanvraag_list")))
    url = reverse("subsidies:fondsaanvraag_create") + f"?gezin={kind.gezin_id}"
    assert client.get(url).status_code == 404


def test_the_board_sees_totals_with_small_numbers_suppressed_and_no_names(client, gezin, school, persona):
    bestuur = persona(Rol.BESTUUR)
    _, (kind, broer) = gezin
    maak_fondsaanvraag(school, kind, status="toegekend", toegekend_bedrag=Decimal("250.00"), besloten_op=VANDAAG)
    maak_fondsaanvraag(
        school, broer, status="betaald", toegekend_bedrag=Decimal("100.00"), besloten_op=VANDAAG, betaald_op=VANDAAG
    )
    client.force_login(bestuur.user)

    response = client.get(reverse("subsidies:fondsaanvraag_list"))
    html = _html(response)
    assert response.status_code == 200
    assert "&lt;5" in html and "€ 350,00" in html and "€ 100,00" in html
    assert "Yilmaz" not in html and kind.roepnaam not in html and broer.roepnaam not in html
    assert "aanvragen" not in response.context
    assert not Inzage.objects.filter(record_type="fondsaanvraag").exists()


def test_totals_per_fund_and_school_year_in_one_query(school, gezin, django_assert_num_queries):
    _, (kind, broer) = gezin
    maak_fondsaanvraag(school, kind, bedrag=Decimal("200.00"))
    maak_fondsaanvraag(school, broer, status="toegekend", toegekend_bedrag=Decimal("150.00"), besloten_op=VANDAAG)
    maak_fondsaanvraag(
        school,
        broer,
        code=JEF,
        doel="bed",
        status="betaald",
        toegekend_bedrag=Decimal("80.00"),
        besloten_op=VANDAAG,
        betaald_op=VANDAAG,
    )
    maak_fondsaanvraag(school, kind, aangevraagd_op=dt.date(2025, 9, 1))

    with django_assert_num_queries(1):
        totalen = fondsen.fondstotalen(Fondsaanvraag.objects.filter(school=school))
    rijen = {(t.schooljaar, t.regeling): t for t in totalen}
    jsc = rijen[("2026-2027", "Jeugdfonds Sport & Cultuur")]
    assert (jsc.aantal, jsc.aantal_toegekend, jsc.aangevraagd, jsc.toegekend, jsc.betaald) == (
        2,
        1,
        Decimal("500.00"),
        Decimal("150.00"),
        Decimal("0.00"),
    )
    jef = rijen[("2026-2027", "Jeugdeducatiefonds")]
    assert (jef.toegekend, jef.betaald) == (Decimal("80.00"), Decimal("80.00"))
    assert rijen[("2025-2026", "Jeugdfonds Sport & Cultuur")].aantal == 1


def test_the_list_filters_by_school_year_fund_and_status(ingelogd, gezin, school):
    _, (kind, broer) = gezin
    a = maak_fondsaanvraag(school, kind)
    b = maak_fondsaanvraag(school, broer, code=JEF, doel="bed")
    c = maak_fondsaanvraag(school, kind, aangevraagd_op=dt.date(2025, 9, 1))
    url = reverse("subsidies:fondsaanvraag_list")

    def getoond(**params):
        return {x.pk for x in ingelogd.get(url, params).context["aanvragen"]}

    assert getoond() == {a.pk, b.pk, c.pk}
    assert getoond(schooljaar="2026") == {a.pk, b.pk}
    assert getoond(fonds=regeling(school, JEF).pk) == {b.pk}
    assert getoond(status="toegekend") == set()


def test_reading_an_application_is_logged(ingelogd, gezin, school, coordinator):
    _, (kind, _) = gezin
    aanvraag = maak_fondsaanvraag(school, kind)
    ingelogd.get(aanvraag.get_absolute_url())
    assert Inzage.objects.filter(
        record_type="fondsaanvraag", record_id=str(aanvraag.pk), user=coordinator.user, doel="fondsaanvraag bekijken"
    ).exists()


def _maak(school, aantal):
    for i in range(aantal):
        _, (kind,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam=f"Rij{i}")
        maak_fondsaanvraag(
            school,
            kind,
            status="toegekend",
            toegekend_bedrag=Decimal("100.00"),
            besloten_op=dt.date(2026, 7, 1),
            aangevraagd_op=dt.date(2025, 9, 1) if i % 2 else dt.date(2026, 6, 1),
        )


@pytest.mark.parametrize("aantal", [1, 3])
def test_list_query_count_is_constant(ingelogd, school, aantal, django_assert_num_queries):
    _maak(school, aantal)
    ingelogd.get(reverse("subsidies:fondsaanvraag_list"))  # warm up: the MFA check is cached in the session
    # session, user, membership (+school); funds, school years, totals; savepoint, rows,
    # participation due, renewals due, the access-log INSERT, release; savepoint, session
    # update, release.
    with django_assert_num_queries(15):
        response = ingelogd.get(reverse("subsidies:fondsaanvraag_list"))
    assert len(response.context["aanvragen"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_board_totals_query_count_is_constant(client, school, persona, aantal, django_assert_num_queries):
    _maak(school, aantal)
    client.force_login(persona(Rol.BESTUUR).user)
    client.get(reverse("subsidies:fondsaanvraag_list"))
    # session, user, memberships, the board's schools; funds, school years, totals; savepoint,
    # session update, release. No rows and no access log: the board reads no application.
    with django_assert_num_queries(10):
        client.get(reverse("subsidies:fondsaanvraag_list"))


# --- the family file -----------------------------------------------------------------------------


def _verzoek(persona, school):
    request = RequestFactory().get("/")
    request.user = persona.user
    request.school, request.rol, request.lidmaatschap = school, persona.rol, persona.lidmaatschap
    return request


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_family_panel_lists_the_applications_in_one_query(
    gezin, school, coordinator, aantal, django_assert_num_queries
):
    familie, (kind, broer) = gezin
    for i in range(aantal):
        maak_fondsaanvraag(school, kind if i % 2 else broer, code=JEF, doel="bed")
    request = _verzoek(coordinator, school)
    with django_assert_num_queries(1):
        panel = gezin_panel(request, familie)
    assert panel is not None and len(panel.context["aanvragen"]) == aantal
    assert panel.context["mag_maken"] is True


def test_the_family_panel_renders_with_the_button_for_makers_only(gezin, school, coordinator, persona):
    from django.template.loader import render_to_string

    familie, (kind, _) = gezin
    maak_fondsaanvraag(school, kind)
    oka = persona(Rol.OKA)
    Hulpvraag.objects.create(school=school, gezin=familie, eigenaar=oka.user, categorieen=[Hulpdomein.GELD])

    for wie, knop in ((coordinator, True), (oka, False)):
        request = _verzoek(wie, school)
        panel = gezin_panel(request, familie)
        html = render_to_string(panel.template, {"panel": panel.context, "object": familie}, request=request)
        assert "Jeugdfonds Sport &amp; Cultuur" in html and kind.roepnaam in html and "€ 300,00" in html
        assert ("Nieuwe fondsaanvraag" in html) is knop
    assert gezin_panel(_verzoek(persona(Rol.LEERKRACHT), school), familie) is None
    assert gezin_panel(_verzoek(persona(Rol.BESTUUR), school), familie) is None


def test_the_access_request_export_holds_the_familys_applications(gezin, school):
    familie, (kind, _) = gezin
    maak_fondsaanvraag(school, kind, motivatie="Geen Stadspas", stadspas="nee")
    (rij,) = fondsen.fondsaanvragen_export(familie)
    assert rij["kind"] == kind.volledige_naam and rij["fonds"] == "Jeugdfonds Sport & Cultuur"
    assert rij["bedrag"] == "300.00" and rij["aangevraagd_op"] == "2026-09-10" and rij["motivatie"] == "Geen Stadspas"


def test_signal_and_intake_pages_offer_a_fund_application_to_its_makers(client, gezin, school, coordinator, persona):
    familie, (kind, _) = gezin
    oka = persona(Rol.OKA)
    signaal = Signaal.objects.create(
        school=school,
        leerling=kind,
        gezin=familie,
        categorie=Hulpdomein.GELD,
        gemeld_door=coordinator.user,
        behandelaar=oka.user,
        opvolgen_voor=VANDAAG,
    )
    intake = Hulpvraag.objects.create(school=school, gezin=familie, eigenaar=oka.user, categorieen=[Hulpdomein.GELD])
    knop_signaal = reverse("subsidies:fondsaanvraag_create") + f"?signaal={signaal.pk}"
    knop_intake = reverse("subsidies:fondsaanvraag_create") + f"?hulpvraag={intake.pk}"

    client.force_login(coordinator.user)
    assert knop_signaal in _html(client.get(signaal.get_absolute_url()))
    assert knop_intake in _html(client.get(reverse("gezinnen:hulpvraag_detail", args=[intake.pk])))
    client.force_login(oka.user)
    assert knop_signaal not in _html(client.get(signaal.get_absolute_url()))
    assert knop_intake not in _html(client.get(reverse("gezinnen:hulpvraag_detail", args=[intake.pk])))
