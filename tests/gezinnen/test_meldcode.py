"""The Meldcode case (restricted): only the aandachtsfunctionaris opens and reads it, entries are
append-only, the decision closes it, it never leaks into another page, list, count or the family
file, every read is logged, and the family's access-request export holds it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import Inzage
from familieschool.roles import Rol
from gezinnen import privacy
from gezinnen.meldcode import selectors, services
from gezinnen.models.meldcode import Afweging, Besluit, MeldcodeStap, Meldcodezaak
from gezinnen.signalen import selectors as signalen_selectors
from gezinnen.signalen import services as signalen_services
from tests.conftest import make_persona
from tests.gezinnen.factories import gezin_met_kinderen

FEITEN = "MARKER-FEITEN-7731"
OBSERVATIE = "MARKER-OBSERVATIE-7732"
DERDEN = "MARKER-DERDEN-7733"
AFWEGING = "MARKER-AFWEGING-7734"
GISTEREN = timezone.localdate() - dt.timedelta(days=1)


@pytest.fixture
def team(persona):
    return {
        "af": persona(Rol.OKA, aandachtsfunctionaris=True),
        "oka": persona(Rol.OKA),
        "buurtteam": persona(Rol.BUURTTEAM),
        "coordinator": persona(Rol.COORDINATOR),
        "brugfunctionaris": persona(Rol.BRUGFUNCTIONARIS),
        "leerkracht": persona(Rol.LEERKRACHT),
        "schoolleider": persona(Rol.SCHOOLLEIDER),
        "beheerder": persona(Rol.BEHEERDER),
    }


@pytest.fixture
def gezin_en_kind(school):
    gezin, (kind, _), _ = gezin_met_kinderen(school=school, achternaam="Veiligheid")
    return gezin, kind


def meld(team, kind, categorie=Hulpdomein.VEILIGHEID, door="leerkracht"):
    return signalen_services.create_signaal(
        school=kind.school, gemeld_door=team[door].user, leerling=kind, categorie=categorie
    )


def open_zaak(team, signaal, door="af"):
    return services.open_zaak(signaal=signaal, door=team[door].user, lidmaatschap=team[door].lidmaatschap)


@pytest.fixture
def zaak(team, gezin_en_kind):
    """A case with an entry at step 1 and an answer to question 1, all carrying markers."""
    zaak = open_zaak(team, meld(team, gezin_en_kind[1]))
    services.add_stap(
        zaak=zaak,
        stap=1,
        auteur=team["af"].user,
        datum=GISTEREN,
        feiten=FEITEN,
        observaties=OBSERVATIE,
        informatie_derden=DERDEN,
    )
    services.add_afweging(
        zaak=zaak, vraag=1, antwoord=True, toelichting=AFWEGING, auteur=team["af"].user, datum=GISTEREN
    )
    return zaak


def assert_geen_inhoud(response):
    body = response.content.decode()
    for marker in (FEITEN, OBSERVATIE, DERDEN, AFWEGING):
        assert marker not in body


# --- opening ---------------------------------------------------------------------------------------


def test_open_zaak_by_the_aandachtsfunctionaris_takes_family_and_pupil_from_the_signal(team, gezin_en_kind):
    gezin, kind = gezin_en_kind
    signaal = meld(team, kind)

    zaak = open_zaak(team, signaal)

    assert (zaak.signaal, zaak.gezin, zaak.leerling, zaak.geopend_door) == (signaal, gezin, kind, team["af"].user)
    assert zaak.afgesloten_op is None


@pytest.mark.parametrize("wie", ["oka", "buurtteam"])
def test_open_zaak_refused_without_the_flag(team, gezin_en_kind, wie):
    signaal = meld(team, gezin_en_kind[1])

    with pytest.raises(ValidationError, match="aandachtsfunctionaris"):
        open_zaak(team, signaal, door=wie)

    assert not Meldcodezaak.objects.exists()


def test_open_zaak_refused_for_a_signal_that_is_not_about_veiligheid(team, gezin_en_kind):
    signaal = meld(team, gezin_en_kind[1], categorie=Hulpdomein.OPVOEDING)

    with pytest.raises(ValidationError, match="veiligheid"):
        open_zaak(team, signaal)


def test_open_zaak_refused_for_an_aandachtsfunctionaris_of_another_school(team, gezin_en_kind, andere_school):
    signaal = meld(team, gezin_en_kind[1])
    buiten = make_persona(rol=Rol.OKA, school=andere_school, aandachtsfunctionaris=True)

    with pytest.raises(ValidationError):
        services.open_zaak(signaal=signaal, door=buiten.user, lidmaatschap=buiten.lidmaatschap)


def test_one_zaak_per_signal(team, gezin_en_kind):
    signaal = meld(team, gezin_en_kind[1])
    open_zaak(team, signaal)

    with pytest.raises(ValidationError, match="al een meldcode-zaak"):
        open_zaak(team, signaal)


def test_open_view_opens_the_zaak_and_a_second_visit_goes_to_it(client, team, gezin_en_kind):
    signaal = meld(team, gezin_en_kind[1])
    client.force_login(team["af"].user)
    url = reverse("gezinnen:meldcodezaak_create", args=[signaal.pk])

    assert client.get(url).status_code == 200
    response = client.post(url)

    zaak = Meldcodezaak.objects.get()
    assert response.status_code == 302
    assert response["Location"] == zaak.get_absolute_url()
    assert client.get(url)["Location"] == zaak.get_absolute_url()


@pytest.mark.parametrize(("wie", "status"), [("oka", 404), ("buurtteam", 404), ("coordinator", 403)])
def test_open_view_is_closed_to_everyone_else(client, team, gezin_en_kind, wie, status):
    signaal = meld(team, gezin_en_kind[1])
    client.force_login(team[wie].user)

    response = client.post(reverse("gezinnen:meldcodezaak_create", args=[signaal.pk]))

    assert response.status_code == status
    assert not Meldcodezaak.objects.exists()


def test_open_view_for_a_non_veiligheid_signal_is_404(client, team, gezin_en_kind):
    signaal = meld(team, gezin_en_kind[1], categorie=Hulpdomein.GELD)
    client.force_login(team["af"].user)

    response = client.post(reverse("gezinnen:meldcodezaak_create", args=[signaal.pk]))

    assert response.status_code == 404


# --- append-only ---------------------------------------------------------------------------------------


def test_a_step_entry_cannot_be_updated_in_the_database(zaak):
    regel = MeldcodeStap.objects.get(zaak=zaak)

    with pytest.raises(DatabaseError), transaction.atomic():
        MeldcodeStap.objects.filter(pk=regel.pk).update(feiten="gewijzigd")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {MeldcodeStap._meta.db_table} SET feiten = %s WHERE id = %s", ["x", regel.pk])  # noqa: S608

    regel.refresh_from_db()
    assert regel.feiten == FEITEN


def test_an_answer_cannot_be_updated_and_a_new_answer_is_a_new_row(team, zaak):
    antwoord = Afweging.objects.get(zaak=zaak)

    with pytest.raises(DatabaseError), transaction.atomic():
        Afweging.objects.filter(pk=antwoord.pk).update(antwoord=False)
    services.add_afweging(
        zaak=zaak, vraag=1, antwoord=False, toelichting="Toch niet", auteur=team["af"].user, datum=GISTEREN
    )

    assert list(Afweging.objects.filter(zaak=zaak).values_list("antwoord", flat=True)) == [True, False]
    assert selectors.laatste_antwoorden(zaak) == {1: False}


def test_a_step_entry_needs_some_text_and_no_future_date(team, zaak):
    with pytest.raises(ValidationError, match="minstens één"):
        services.add_stap(zaak=zaak, stap=2, auteur=team["af"].user, datum=GISTEREN, feiten="  ")
    with pytest.raises(ValidationError, match="toekomst"):
        services.add_stap(
            zaak=zaak, stap=2, auteur=team["af"].user, datum=timezone.localdate() + dt.timedelta(days=1), feiten="x"
        )


# --- the decision ----------------------------------------------------------------------------------


def test_a_melding_needs_date_and_reference(team, zaak):
    with pytest.raises(ValidationError) as fout:
        services.close_zaak(zaak=zaak, besluit=Besluit.MELDING, besluit_toelichting="Acuut", door=team["af"].user)

    assert set(fout.value.message_dict) == {"melddatum", "meldreferentie"}
    zaak.refresh_from_db()
    assert zaak.afgesloten_op is None


def test_closing_needs_a_decision_and_its_reasoning(team, zaak):
    with pytest.raises(ValidationError) as fout:
        services.close_zaak(zaak=zaak, besluit="", besluit_toelichting=" ", door=team["af"].user)

    assert set(fout.value.message_dict) == {"besluit", "besluit_toelichting"}


def test_the_database_refuses_a_closed_zaak_without_a_decision(zaak):
    with pytest.raises(DatabaseError), transaction.atomic():
        Meldcodezaak.objects.filter(pk=zaak.pk).update(afgesloten_op=timezone.now())


def test_a_melding_closes_the_zaak_and_nothing_can_be_added_afterwards(team, zaak):
    services.close_zaak(
        zaak=zaak,
        besluit=Besluit.MELDING,
        besluit_toelichting="Acute onveiligheid",
        melddatum=GISTEREN,
        meldreferentie="VT-2026-001",
        door=team["af"].user,
    )
    zaak.refresh_from_db()

    assert zaak.afgesloten_op is not None
    assert (zaak.besluit, zaak.meldreferentie, zaak.besluit_door) == (Besluit.MELDING, "VT-2026-001", team["af"].user)
    with pytest.raises(ValidationError, match="afgesloten"):
        services.add_stap(zaak=zaak, stap=5, auteur=team["af"].user, datum=GISTEREN, notitie="Nog iets")
    with pytest.raises(ValidationError, match="afgesloten"):
        services.add_afweging(
            zaak=zaak, vraag=2, antwoord=True, toelichting="x", auteur=team["af"].user, datum=GISTEREN
        )
    with pytest.raises(ValidationError, match="afgesloten"):
        services.close_zaak(zaak=zaak, besluit=Besluit.GEEN_VERMOEDEN, besluit_toelichting="x", door=team["af"].user)


@pytest.mark.parametrize(
    ("antwoorden", "melden_verplicht"),
    [
        ({}, False),
        ({1: True, 2: False, 3: True, 4: True, 5: True}, False),
        ({1: True, 2: True}, True),  # acute or structural unsafety
        ({1: True, 2: False, 3: False}, True),  # no effective help possible
        ({1: True, 2: False, 3: True, 4: False}, True),  # help not accepted
        ({1: True, 2: False, 3: True, 4: True, 5: False}, True),  # no result
        ({1: False}, False),
    ],
)
def test_the_afwegingskader_forces_a_melding(team, zaak, antwoorden, melden_verplicht):
    for vraag, antwoord in antwoorden.items():
        services.add_afweging(
            zaak=zaak, vraag=vraag, antwoord=antwoord, toelichting="t", auteur=team["af"].user, datum=GISTEREN
        )

    if melden_verplicht:
        with pytest.raises(ValidationError, match="melden bij Veilig Thuis nodig"):
            services.close_zaak(
                zaak=zaak, besluit=Besluit.HULP_MET_MONITORING, besluit_toelichting="x", door=team["af"].user
            )
    else:
        services.close_zaak(
            zaak=zaak, besluit=Besluit.HULP_MET_MONITORING, besluit_toelichting="x", door=team["af"].user
        )
        zaak.refresh_from_db()
        assert zaak.besluit == Besluit.HULP_MET_MONITORING


def test_besluit_view_with_melding_without_date_keeps_the_input_and_says_what_is_missing(client, team, zaak):
    client.force_login(team["af"].user)

    response = client.post(
        reverse("gezinnen:meldcodezaak_besluit", args=[zaak.pk]),
        {"besluit-besluit": Besluit.MELDING, "besluit-besluit_toelichting": "Mijn onderbouwing"},
    )

    assert response.status_code == 200
    assert "Vul de datum van de melding" in response.content.decode()
    assert "Mijn onderbouwing" in response.content.decode()
    zaak.refresh_from_db()
    assert zaak.afgesloten_op is None


# --- the case page -------------------------------------------------------------------------------------


def test_zaak_page_shows_steps_answers_and_logs_the_read(client, team, zaak):
    client.force_login(team["af"].user)

    response = client.get(zaak.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    for marker in (FEITEN, OBSERVATIE, DERDEN, AFWEGING):
        assert marker in body
    assert "Signalen in kaart brengen" in body
    inzage = Inzage.objects.get(record_type="gezinnen.meldcodezaak")
    assert (inzage.user, inzage.record_id, inzage.rol) == (team["af"].user, str(zaak.pk), Rol.OKA)


def test_adding_a_step_entry_through_the_page(client, team, zaak):
    client.force_login(team["af"].user)

    response = client.post(
        reverse("gezinnen:meldcodestap_create", args=[zaak.pk, 2]),
        {"stap2-datum": GISTEREN.isoformat(), "stap2-notitie": "Overlegd met de IB'er"},
    )

    assert response.status_code == 302
    regel = MeldcodeStap.objects.get(zaak=zaak, stap=2)
    assert (regel.notitie, regel.auteur) == ("Overlegd met de IB'er", team["af"].user)


def test_an_empty_step_entry_is_refused_at_the_form(client, team, zaak):
    client.force_login(team["af"].user)

    response = client.post(
        reverse("gezinnen:meldcodestap_create", args=[zaak.pk, 3]), {"stap3-datum": GISTEREN.isoformat()}
    )

    assert response.status_code == 200
    assert "Vul minstens één" in response.content.decode()
    assert not MeldcodeStap.objects.filter(stap=3).exists()


def test_answering_a_question_through_the_page(client, team, zaak):
    client.force_login(team["af"].user)

    response = client.post(
        reverse("gezinnen:afweging_create", args=[zaak.pk]),
        {
            "afweging-vraag": "2",
            "afweging-antwoord": "nee",
            "afweging-toelichting": "Geen acuut gevaar",
            "afweging-datum": GISTEREN.isoformat(),
        },
    )

    assert response.status_code == 302
    assert Afweging.objects.get(zaak=zaak, vraag=2).antwoord is False


def test_list_shows_open_zaken_and_logs_each(client, team, zaak):
    client.force_login(team["af"].user)

    response = client.get(reverse("gezinnen:meldcodezaak_list"))

    assert response.status_code == 200
    assert response.context["zaken"] == [zaak]
    assert Inzage.objects.filter(record_type="gezinnen.meldcodezaak", record_id=str(zaak.pk)).count() == 1


def _vul(team, zaak, aantal):
    for stap in range(1, 6):
        for n in range(aantal):
            services.add_stap(zaak=zaak, stap=stap, auteur=team["af"].user, datum=GISTEREN, feiten=f"f{stap}-{n}")
    for vraag in range(1, 6):
        for _ in range(aantal):
            services.add_afweging(
                zaak=zaak, vraag=vraag, antwoord=True, toelichting="t", auteur=team["af"].user, datum=GISTEREN
            )


def test_zaak_page_query_count_is_constant(client, team, gezin_en_kind):
    een = open_zaak(team, meld(team, gezin_en_kind[1]))
    drie = open_zaak(team, meld(team, gezin_en_kind[1]))
    _vul(team, een, 1)
    _vul(team, drie, 3)
    client.force_login(team["af"].user)
    client.get(een.get_absolute_url())  # warm the session

    aantallen = []
    for zaak in (een, drie):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(zaak.get_absolute_url())
        assert response.status_code == 200
        aantallen.append(len(queries))

    # session, user, memberships (with schools), savepoint, the case (joined), its entries (with
    # authors), its answers (with authors), the access-log row, release; then the session save
    # (savepoint, update, release): 12 for 1 and for 3 entries per step
    assert aantallen == [12, 12]


def test_list_query_count_is_constant(client, team, gezin_en_kind):
    client.force_login(team["af"].user)
    open_zaak(team, meld(team, gezin_en_kind[1]))
    client.get(reverse("gezinnen:meldcodezaak_list"))
    aantallen = []

    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("gezinnen:meldcodezaak_list"))
        aantallen.append(len(queries))
        open_zaak(team, meld(team, gezin_en_kind[1]))
        open_zaak(team, meld(team, gezin_en_kind[1]))

    assert aantallen[0] == aantallen[1]


# --- leaks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("coordinator", 403),
        ("brugfunctionaris", 403),
        ("leerkracht", 403),
        ("schoolleider", 403),
        ("beheerder", 403),
        ("oka", 404),  # the right, not the flag: the case does not exist for them
        ("buurtteam", 404),
    ],
)
def test_nobody_else_gets_the_zaak(client, team, zaak, wie, status):
    client.force_login(team[wie].user)
    urls = [
        ("get", zaak.get_absolute_url(), {}),
        (
            "post",
            reverse("gezinnen:meldcodestap_create", args=[zaak.pk, 1]),
            {"stap1-datum": "2026-01-01", "stap1-feiten": "x"},
        ),
        ("post", reverse("gezinnen:afweging_create", args=[zaak.pk]), {}),
        ("post", reverse("gezinnen:meldcodezaak_besluit", args=[zaak.pk]), {}),
    ]

    for method, url, data in urls:
        response = getattr(client, method)(url, data)
        assert response.status_code == status, url
        assert_geen_inhoud(response)

    assert MeldcodeStap.objects.filter(zaak=zaak).count() == 1
    assert not Inzage.objects.filter(record_type="gezinnen.meldcodezaak").exists()


@pytest.mark.parametrize("wie", ["oka", "buurtteam", "coordinator"])
def test_the_list_is_closed_to_everyone_but_the_aandachtsfunctionaris(client, team, zaak, wie):
    client.force_login(team[wie].user)

    response = client.get(reverse("gezinnen:meldcodezaak_list"))

    assert response.status_code == 403
    assert_geen_inhoud(response)


def test_an_aandachtsfunctionaris_of_another_school_gets_404_and_an_empty_list(client, zaak, andere_school):
    buiten = make_persona(rol=Rol.OKA, school=andere_school, aandachtsfunctionaris=True)
    client.force_login(buiten.user)

    detail = client.get(zaak.get_absolute_url())
    lijst = client.get(reverse("gezinnen:meldcodezaak_list"))

    assert detail.status_code == 404
    assert_geen_inhoud(detail)
    assert lijst.status_code == 200
    assert lijst.context["zaken"] == []
    assert_geen_inhoud(lijst)


def test_selectors_return_nothing_for_anyone_but_the_aandachtsfunctionaris(team, zaak, school):
    for wie, persona in team.items():
        zaken = selectors.meldcodezaken_for_user(rol=persona.rol, lidmaatschap=persona.lidmaatschap, school=school)
        signalen = selectors.meldcode_signalen_for_user(
            rol=persona.rol, lidmaatschap=persona.lidmaatschap, school=school
        )
        assert list(zaken) == ([zaak] if wie == "af" else []), wie
        assert signalen.exists() == (wie == "af"), wie


def test_an_inactive_membership_loses_the_zaak(team, zaak, school):
    lid = team["af"].lidmaatschap
    lid.actief = False

    assert list(selectors.meldcodezaken_for_user(rol=lid.rol, lidmaatschap=lid, school=school)) == []


@pytest.mark.parametrize("wie", ["af", "coordinator", "brugfunctionaris", "oka", "leerkracht", "beheerder"])
def test_the_family_file_never_shows_the_zaak(client, team, zaak, wie):
    client.force_login(team[wie].user)

    response = client.get(zaak.gezin.get_absolute_url())

    assert response.status_code in (200, 404)
    assert_geen_inhoud(response)
    assert "eldcode" not in response.content.decode()


@pytest.mark.parametrize("wie", ["af", "coordinator", "leerkracht"])
def test_signal_pages_do_not_reveal_the_zaak_to_others(client, team, zaak, wie):
    client.force_login(team[wie].user)

    lijst = client.get(reverse("gezinnen:signaal_list") + "?tab=alle&status=alle")
    detail = client.get(zaak.signaal.get_absolute_url())

    for response in (lijst, detail):
        assert_geen_inhoud(response)
    assert "eldcode" not in lijst.content.decode()
    if wie != "af":  # the aandachtsfunctionaris may get the "open/view case" action on the signal
        assert "eldcode" not in detail.content.decode()


def test_the_signal_action_panel_only_for_the_aandachtsfunctionaris(rf, team, zaak, school):
    from familieschool.panels import panels_for

    def verzoek(persona):
        request = rf.get("/")
        request.user = persona.user
        request.school, request.rol, request.lidmaatschap = school, persona.rol, persona.lidmaatschap
        return request

    assert panels_for("signaal.acties", verzoek(team["af"]), zaak.signaal)[0].context["zaak_id"] == zaak.pk
    for wie in ("oka", "coordinator", "leerkracht"):
        assert panels_for("signaal.acties", verzoek(team[wie]), zaak.signaal) == []
    assert [p.template for p in panels_for("start.signalen", verzoek(team["af"]))].count(
        "gezinnen/_meldcode_start.html"
    ) == 1
    assert "gezinnen/_meldcode_start.html" not in [
        p.template for p in panels_for("start.signalen", verzoek(team["oka"]))
    ]


def test_the_school_signal_counts_do_not_change(team, gezin_en_kind, school):
    signaal = meld(team, gezin_en_kind[1])
    voor = signalen_selectors.signaal_tellingen(school=school)

    zaak = open_zaak(team, signaal)
    services.add_stap(zaak=zaak, stap=1, auteur=team["af"].user, datum=GISTEREN, feiten=FEITEN)

    assert signalen_selectors.signaal_tellingen(school=school) == voor


def test_the_start_page_of_the_coordinator_shows_nothing_of_it(client, team, zaak):
    client.force_login(team["coordinator"].user)

    response = client.get(reverse("start"))

    assert "eldcode" not in response.content.decode()


def test_the_start_page_of_the_aandachtsfunctionaris_links_to_the_list(client, team, zaak):
    client.force_login(team["af"].user)

    response = client.get(reverse("start"))

    assert reverse("gezinnen:meldcodezaak_list") in response.content.decode()
    assert_geen_inhoud(response)


# --- the access-request export -----------------------------------------------------------------------


def test_the_export_holds_the_familys_zaken_with_steps_and_answers(team, zaak, school):
    ander_gezin, _, _ = gezin_met_kinderen(school=school, achternaam="Anders")

    export = privacy.gezin_export(gezin=zaak.gezin)
    leeg = privacy.gezin_export(gezin=ander_gezin)

    [deel] = export["meldcodezaken"]
    assert deel["id"] == zaak.pk
    assert deel["stappen"][0]["feiten"] == FEITEN
    assert deel["stappen"][0]["informatie_derden"] == DERDEN
    assert deel["afwegingen"][0]["toelichting"] == AFWEGING
    assert leeg["meldcodezaken"] == []
    assert FEITEN.encode() in privacy.gezin_export_json(export=export)


def test_the_beheerder_export_view_includes_the_zaak(client, team, zaak):
    client.force_login(team["beheerder"].user)

    response = client.get(reverse("gezinnen:gezin_export_json", args=[zaak.gezin.pk]))

    assert response.status_code == 200
    assert FEITEN in response.content.decode()


def test_the_export_says_who_read_the_zaak(client, team, zaak):
    client.force_login(team["af"].user)
    client.get(zaak.get_absolute_url())

    [deel] = privacy.gezin_export(gezin=zaak.gezin)["meldcodezaken"]

    assert [(i["gebruiker"], i["doel"]) for i in deel["inzagen"]] == [
        (team["af"].user.naam, "meldcode-zaak behandelen")
    ]


def test_the_export_pdf_renders_with_a_zaak(client, team, zaak):
    client.force_login(team["beheerder"].user)

    response = client.get(reverse("gezinnen:gezin_export_pdf", args=[zaak.gezin.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
