"""Grant pages: the list and overview (query counts, the board's aggregate view), and the
forms for grants, budget, expenses, attribution and funding streams with their Dutch
validation — nothing saved half."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from activiteiten.models import Ouderactiviteit
from familieschool.roles import Rol
from subsidies import services
from subsidies.forms import BedragField, parse_bedrag
from subsidies.models import Begrotingspost, Financiering, Toekenning, Uitgave
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.conftest import make_persona
from tests.subsidies.factories import maak_toekenning, maak_uitgave, regeling

pytestmark = pytest.mark.django_db

# Every request: session, user, membership + school, the MFA check, and the session's
# savepoint / update / release after the middleware touches it.
BASIS = 7
# toekenning_list: the grants with their regeling and the sum of expenses as a subquery.
LIJST_QUERIES = BASIS + 1
# toekenning_detail: the grant (+ regeling); budget lines; then for roles that see details:
# expenses (+ titles of the activity and parent activity; the sums per line and per month are
# added up from these); funded activities; reports; deadlines (+ owner). The board instead gets
# the budget lines with their sums and the spending per month.
DETAIL_QUERIES = BASIS + 2 + 4
DETAIL_QUERIES_BESTUUR = BASIS + 3

VANDAAG = dt.datetime(2026, 10, 12, 12, 0, tzinfo=dt.UTC)  # day 73 of 1 Aug 2026 – 31 Jul 2027


@pytest.fixture
def toekenning(school, coordinator):
    return maak_toekenning(school, aangemaakt_door=coordinator.user)


@pytest.fixture
def blok(school):
    return maak_blok(school, van=dt.date(2026, 9, 1), tot=dt.date(2026, 11, 6))


# --- Dutch amounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "bedrag"),
    [
        ("1.234,56", "1234.56"),
        ("12,50", "12.50"),
        ("€ 1.234", "1234"),
        ("1234", "1234"),
        ("12.50", "12.50"),
        ("1.234.567,8", "1234567.8"),
        (" 0,05 ", "0.05"),
    ],
)
def test_dutch_amounts_are_parsed(tekst, bedrag):
    assert parse_bedrag(tekst) == Decimal(bedrag)


@pytest.mark.parametrize("tekst", ["12,5,0", "1,23.4", "abc", "12.3.4", "1.23,00"])
def test_nonsense_is_not_an_amount(tekst):
    with pytest.raises(ValueError):
        parse_bedrag(tekst)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("12,505", "Een bedrag heeft hoogstens twee cijfers achter de komma."),
        ("-5,00", "Een bedrag moet groter zijn dan € 0,00."),
        ("0", "Een bedrag moet groter zijn dan € 0,00."),
        ("twaalf", "Vul een bedrag in, bijvoorbeeld 1.234,56 of 12,50."),
    ],
)
def test_amount_field_messages(tekst, melding):
    with pytest.raises(ValidationError) as fout:
        BedragField(positief=True).clean(tekst)

    assert fout.value.messages == [melding]


def test_amount_field_shows_a_comma():
    assert BedragField().prepare_value(Decimal("1234.50")) == "1234,50"


# --- the list ------------------------------------------------------------------------------------------


def _meer_toekenningen(school, aantal: int) -> None:
    for n in range(aantal):
        t = maak_toekenning(school, naam=f"Toekenning {n}", referentie=f"REF-{n}")
        maak_uitgave(t, bedrag="100.00")
        maak_uitgave(t, soort="personeel", bedrag="50.00")


@pytest.mark.parametrize("aantal", [1, 3])
def test_list_query_count_is_constant(client, school, coordinator, aantal, django_assert_num_queries):
    _meer_toekenningen(school, aantal)
    client.force_login(coordinator.user)

    with django_assert_num_queries(LIJST_QUERIES):
        response = client.get(reverse("subsidies:toekenning_list"))

    assert response.status_code == 200
    assert len(response.context["toekenningen"]) == aantal


@time_machine.travel(VANDAAG, tick=False)
def test_list_shows_spent_remaining_forecast_and_totals(client, school, coordinator):
    t = maak_toekenning(school, bedrag="20000.00")
    maak_uitgave(t, bedrag="3650.00")
    maak_toekenning(school, code="afs", naam="AFS 2026", bedrag="10000.00")
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:toekenning_list"))

    html = response.content.decode()
    rij = next(r for r in response.context["toekenningen"] if r.pk == t.pk)
    assert rij.besteed == Decimal("3650.00")
    assert rij.prognose.verwacht == Decimal("18250.00")
    assert "Onderbesteding € 1.750,00" in html
    assert "€ 16.350,00" in html  # remaining
    assert response.context["totaal"] == {
        "bedrag": Decimal("30000.00"),
        "besteed": Decimal("3650.00"),
        "resterend": Decimal("26350.00"),
    }
    assert "€ 26.350,00" in html


def test_list_of_other_school_is_its_own(client, school, andere_coordinator):
    maak_toekenning(school)
    client.force_login(andere_coordinator.user)

    response = client.get(reverse("subsidies:toekenning_list"))

    assert response.context["toekenningen"] == []


# --- the overview --------------------------------------------------------------------------------------


@pytest.mark.parametrize("aantal", [1, 3])
def test_detail_query_count_is_constant(client, school, coordinator, blok, aantal, django_assert_num_queries):
    t = maak_toekenning(school)
    for n in range(aantal):
        activiteit = maak_activiteit(blok, titel=f"Activiteit {n}")
        maak_uitgave(t, bedrag="10.00", activiteit=activiteit, bijlage=True, factuurnummer=f"F{n}")
        Financiering.objects.create(toekenning=t, activiteit=activiteit, aandeel=50)
    client.force_login(coordinator.user)

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("subsidies:toekenning_detail", args=[t.pk]))

    assert response.status_code == 200
    assert len(response.context["uitgaven"]) == aantal
    assert len(response.context["financieringen"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_detail_for_the_board_query_count(client, school, aantal, django_assert_num_queries):
    t = maak_toekenning(school)
    for _ in range(aantal):
        maak_uitgave(t, bedrag="10.00", bijlage=True)
    client.force_login(make_persona(rol=Rol.BESTUUR, school=school).user)

    with django_assert_num_queries(DETAIL_QUERIES_BESTUUR):
        response = client.get(reverse("subsidies:toekenning_detail", args=[t.pk]))

    assert response.status_code == 200


@time_machine.travel(VANDAAG, tick=False)
def test_detail_shows_lines_forecast_and_chart(client, school, coordinator, toekenning):
    maak_uitgave(toekenning, bedrag="3650.00", omschrijving="Judoles", bijlage=True)
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:toekenning_detail", args=[toekenning.pk]))

    html = response.content.decode()
    posten = {p.soort: p for p in response.context["posten"]}
    assert posten["activiteiten"].besteed == Decimal("3650.00")
    assert posten["activiteiten"].prognose.verwacht == Decimal("18250.00")  # 15 000 budgeted: over
    assert posten["activiteiten"].prognose.oordeel == "over"
    assert response.context["overzicht"].verwacht == Decimal("18250.00")
    assert "Judoles" in html
    assert reverse("subsidies:bijlage", args=[toekenning.uitgaven.get().pk]) in html
    assert reverse("subsidies:uitgave_update", args=[toekenning.uitgaven.get().pk]) in html
    assert 'id="subsidie-grafiek-data"' in html
    assert "Cijfers per maand" in html
    assert reverse("subsidies:indicatoren", args=[toekenning.pk]) in html


def test_board_sees_figures_but_no_expense_rows(client, school, toekenning):
    uitgave = maak_uitgave(toekenning, bedrag="3650.00", omschrijving="Judoles", bijlage=True, factuurnummer="F-77")
    client.force_login(make_persona(rol=Rol.BESTUUR, school=school).user)

    response = client.get(reverse("subsidies:toekenning_detail", args=[toekenning.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "€ 3.650,00" in html  # the aggregate is there
    assert "Judoles" not in html
    assert "F-77" not in html
    assert reverse("subsidies:bijlage", args=[uitgave.pk]) not in html
    assert reverse("subsidies:uitgave_update", args=[uitgave.pk]) not in html
    assert reverse("subsidies:toekenning_update", args=[toekenning.pk]) not in html
    assert reverse("subsidies:begroting_update", args=[toekenning.pk]) not in html
    assert "uitgaven" not in response.context


def test_schoolleider_reads_without_edit_buttons(client, school, toekenning):
    uitgave = maak_uitgave(toekenning, omschrijving="Judoles", bijlage=True)
    client.force_login(make_persona(rol=Rol.SCHOOLLEIDER, school=school).user)

    html = client.get(reverse("subsidies:toekenning_detail", args=[toekenning.pk])).content.decode()

    assert "Judoles" in html
    assert reverse("subsidies:bijlage", args=[uitgave.pk]) in html
    assert reverse("subsidies:uitgave_update", args=[uitgave.pk]) not in html


def test_detail_before_the_period_has_no_forecast(client, school, coordinator):
    t = maak_toekenning(school, begindatum=dt.date(2030, 1, 1), einddatum=dt.date(2030, 12, 31))
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:toekenning_detail", args=[t.pk]))

    assert "Nog geen prognose" in response.content.decode()


# --- grant form ----------------------------------------------------------------------------------------

GRANT = {
    "naam": "School & Omgeving 2026-2028",
    "referentie": "SO-2026-014",
    "begindatum": "2026-08-01",
    "einddatum": "2028-07-31",
    "bedrag": "80.000,00",
    "voorwaarden": "Gemiddeld 5 uur per week.",
    "status": "toegekend",
}


def test_create_grant_with_four_empty_lines(client, school, coordinator):
    client.force_login(coordinator.user)

    response = client.post(reverse("subsidies:toekenning_create"), GRANT | {"regeling": regeling(school).pk})

    t = Toekenning.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subsidies:begroting_update", args=[t.pk])
    assert t.bedrag == Decimal("80000.00")
    assert t.school == school
    assert t.aangemaakt_door == coordinator.user
    assert sorted(t.posten.values_list("soort", flat=True)) == ["activiteiten", "materiaal", "overig", "personeel"]


def test_grant_period_must_not_end_before_it_starts(client, school, coordinator):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:toekenning_create"),
        GRANT | {"regeling": regeling(school).pk, "einddatum": "2026-07-31"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["einddatum"] == [
        "De einddatum ligt vóór de begindatum; een periode eindigt na de start."
    ]
    assert not Toekenning.objects.exists()


def test_grant_amount_refuses_negative_and_three_decimals(client, school, coordinator):
    client.force_login(coordinator.user)
    url = reverse("subsidies:toekenning_create")

    negatief = client.post(url, GRANT | {"regeling": regeling(school).pk, "bedrag": "-100"})
    decimalen = client.post(url, GRANT | {"regeling": regeling(school).pk, "bedrag": "100,005"})

    assert negatief.context["form"].errors["bedrag"] == ["Een bedrag kan niet negatief zijn."]
    assert decimalen.context["form"].errors["bedrag"] == ["Een bedrag heeft hoogstens twee cijfers achter de komma."]
    assert not Toekenning.objects.exists()


def test_grant_of_another_board_is_not_a_choice(client, school, coordinator, vreemd_bestuur_school):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:toekenning_create"), GRANT | {"regeling": regeling(vreemd_bestuur_school).pk}
    )

    assert "regeling" in response.context["form"].errors
    assert not Toekenning.objects.exists()


def test_service_refuses_a_stream_of_another_board(school, coordinator, vreemd_bestuur_school):
    with pytest.raises(ValidationError) as fout:
        services.create_toekenning(
            school=school,
            aangemaakt_door=coordinator.user,
            regeling=regeling(vreemd_bestuur_school),
            naam="X",
            begindatum=dt.date(2026, 8, 1),
            einddatum=dt.date(2027, 7, 31),
            bedrag=Decimal("10.00"),
        )

    assert "regeling" in fout.value.message_dict


def test_shortening_the_period_past_an_expense_is_refused(client, school, coordinator, toekenning):
    maak_uitgave(toekenning, datum=dt.date(2027, 5, 1), omschrijving="Eindfeest")
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:toekenning_update", args=[toekenning.pk]),
        GRANT | {"regeling": toekenning.regeling_id, "einddatum": "2027-03-31"},
    )

    assert response.status_code == 200
    assert "Eindfeest" in response.context["form"].errors["einddatum"][0]
    toekenning.refresh_from_db()
    assert toekenning.einddatum == dt.date(2027, 7, 31)


def test_duplicate_reference_is_a_field_error(client, school, coordinator):
    maak_toekenning(school, referentie="SO-2026-014")
    client.force_login(coordinator.user)

    response = client.post(reverse("subsidies:toekenning_create"), GRANT | {"regeling": regeling(school).pk})

    assert "al een toekenning" in response.context["form"].errors["referentie"][0]
    assert Toekenning.objects.count() == 1


# --- budget --------------------------------------------------------------------------------------------


def test_budget_over_the_grant_is_saved_with_a_warning(client, school, coordinator, toekenning):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:begroting_update", args=[toekenning.pk]),
        {
            "personeel_bedrag": "30.000,00",
            "activiteiten_bedrag": "15.000",
            "materiaal_bedrag": "",
            "overig_bedrag": "250,50",
            "overig_toelichting": "Drukwerk",
        },
        follow=True,
    )

    posten = {p.soort: p for p in toekenning.posten.all()}
    assert posten["personeel"].bedrag == Decimal("30000.00")
    assert posten["materiaal"].bedrag == Decimal("0.00")
    assert posten["overig"].toelichting == "Drukwerk"
    berichten = [str(m) for m in response.context["messages"]]
    assert any("meer dan het toegekende bedrag" in b for b in berichten)


def test_budget_refuses_negative_and_saves_nothing(client, school, coordinator, toekenning):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:begroting_update", args=[toekenning.pk]),
        {"personeel_bedrag": "1000", "activiteiten_bedrag": "-5"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["activiteiten_bedrag"] == ["Een bedrag kan niet negatief zijn."]
    assert Begrotingspost.objects.get(toekenning=toekenning, soort="personeel").bedrag == Decimal("25000.00")


# --- expenses ------------------------------------------------------------------------------------------


def _uitgave_data(toekenning, **extra):
    return {
        "datum": "2026-09-15",
        "bedrag": "1.234,56",
        "omschrijving": "Judolessen september",
        "post": toekenning.posten.get(soort="activiteiten").pk,
        "factuurnummer": "2026-091",
    } | extra


def test_create_expense_with_dutch_amount_and_activity(client, school, coordinator, toekenning, blok):
    judo = maak_activiteit(blok)
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:uitgave_create", args=[toekenning.pk]), _uitgave_data(toekenning, activiteit=judo.pk)
    )

    assert response.status_code == 302
    uitgave = Uitgave.objects.get()
    assert uitgave.bedrag == Decimal("1234.56")
    assert uitgave.activiteit == judo
    assert uitgave.aangemaakt_door == coordinator.user


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("bedrag", "-10,00", "Een bedrag moet groter zijn dan € 0,00."),
        ("bedrag", "0,00", "Een bedrag moet groter zijn dan € 0,00."),
        ("bedrag", "10,001", "Een bedrag heeft hoogstens twee cijfers achter de komma."),
        ("datum", "2026-07-31", "De datum valt buiten de looptijd van de toekenning"),
        ("datum", "2027-08-01", "De datum valt buiten de looptijd van de toekenning"),
    ],
)
def test_expense_validation_at_the_field(client, school, coordinator, toekenning, veld, waarde, melding):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:uitgave_create", args=[toekenning.pk]), _uitgave_data(toekenning, **{veld: waarde})
    )

    assert response.status_code == 200
    assert response.context["form"].errors[veld][0].startswith(melding)
    assert not Uitgave.objects.exists()
    # What the user typed stays in the form.
    assert "Judolessen september" in response.content.decode()


def test_all_expense_errors_show_at_once(client, school, coordinator, toekenning):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:uitgave_create", args=[toekenning.pk]),
        _uitgave_data(toekenning, datum="2000-01-01", bedrag="-3", post=""),
    )

    assert set(response.context["form"].errors) == {"datum", "bedrag", "post"}


def test_expense_on_a_line_of_another_grant_is_refused(client, school, coordinator, toekenning):
    ander = maak_toekenning(school, code="afs", naam="AFS")
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:uitgave_create", args=[toekenning.pk]),
        _uitgave_data(toekenning, post=ander.posten.get(soort="activiteiten").pk),
    )

    assert "post" in response.context["form"].errors
    assert not Uitgave.objects.exists()


def test_activity_of_another_school_is_refused(client, school, andere_school, coordinator, toekenning):
    vreemd = maak_activiteit(maak_blok(andere_school, van=dt.date(2026, 9, 1), tot=dt.date(2026, 11, 6)))
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:uitgave_create", args=[toekenning.pk]), _uitgave_data(toekenning, activiteit=vreemd.pk)
    )

    assert "activiteit" in response.context["form"].errors
    assert not Uitgave.objects.exists()


def test_service_refuses_a_parent_activity_of_another_school(school, andere_school, coordinator, toekenning):
    avond = Ouderactiviteit.objects.create(
        school=andere_school,
        soort="thema_avond",
        titel="Ouderavond",
        datum=dt.date(2026, 10, 1),
        begintijd=dt.time(19, 0),
        eindtijd=dt.time(21, 0),
        aangemaakt_door=coordinator.user,
    )

    with pytest.raises(ValidationError) as fout:
        services.create_uitgave(
            toekenning=toekenning,
            aangemaakt_door=coordinator.user,
            datum=dt.date(2026, 10, 1),
            bedrag=Decimal("10.00"),
            omschrijving="Koffie",
            post=toekenning.posten.get(soort="activiteiten"),
            ouderactiviteit=avond,
        )

    assert fout.value.message_dict == {"ouderactiviteit": ["Kies een ouderactiviteit van deze school."]}
    assert not Uitgave.objects.exists()


def test_update_expense(client, school, coordinator, toekenning):
    uitgave = maak_uitgave(toekenning)
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:uitgave_update", args=[uitgave.pk]), _uitgave_data(toekenning, bedrag="99,95")
    )

    assert response.status_code == 302
    uitgave.refresh_from_db()
    assert uitgave.bedrag == Decimal("99.95")


def test_delete_asks_first(client, school, coordinator, toekenning):
    uitgave = maak_uitgave(toekenning)
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:uitgave_delete", args=[uitgave.pk]))

    assert response.status_code == 200
    assert "Uitgave verwijderen?" in response.content.decode()
    assert Uitgave.objects.filter(pk=uitgave.pk).exists()


def test_schoolleider_cannot_delete(client, school, toekenning):
    uitgave = maak_uitgave(toekenning)
    client.force_login(make_persona(rol=Rol.SCHOOLLEIDER, school=school).user)

    assert client.post(reverse("subsidies:uitgave_delete", args=[uitgave.pk])).status_code == 403
    assert Uitgave.objects.filter(pk=uitgave.pk).exists()


# --- attribution ---------------------------------------------------------------------------------------


def _financiering_data(regels: list[tuple[int | str, int | str, bool]]) -> dict[str, str]:
    data = {"fin-TOTAL_FORMS": str(len(regels)), "fin-INITIAL_FORMS": "0"}
    for n, (activiteit, aandeel, weg) in enumerate(regels):
        data[f"fin-{n}-activiteit"] = str(activiteit)
        data[f"fin-{n}-aandeel"] = str(aandeel)
        if weg:
            data[f"fin-{n}-DELETE"] = "on"
    return data


def test_attach_activities_with_shares(client, school, coordinator, toekenning, blok):
    judo, dans = maak_activiteit(blok, titel="Judo"), maak_activiteit(blok, titel="Dans")
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:financiering_update", args=[toekenning.pk]),
        _financiering_data([(judo.pk, 60, False), (dans.pk, 100, False), ("", "", False)]),
    )

    assert response.status_code == 302
    assert dict(toekenning.financieringen.values_list("activiteit__titel", "aandeel")) == {"Judo": 60, "Dans": 100}


def test_shares_over_100_percent_are_refused_naming_the_activity(client, school, coordinator, toekenning, blok):
    judo = maak_activiteit(blok, titel="Judo")
    afs = maak_toekenning(school, code="afs", naam="AFS")
    Financiering.objects.create(toekenning=afs, activiteit=judo, aandeel=70)
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:financiering_update", args=[toekenning.pk]), _financiering_data([(judo.pk, 40, False)])
    )

    assert response.status_code == 200
    fouten = response.context["formset"].non_form_errors()
    assert fouten == [
        "Judo wordt al voor 70 % betaald uit andere toekenningen; met 40 % erbij komt het op 110 %. "
        "Hier kan hoogstens 30 %."
    ]
    assert not toekenning.financieringen.exists()


def test_removing_and_changing_a_share(client, school, coordinator, toekenning, blok):
    judo, dans = maak_activiteit(blok, titel="Judo"), maak_activiteit(blok, titel="Dans")
    Financiering.objects.create(toekenning=toekenning, activiteit=judo, aandeel=50)
    Financiering.objects.create(toekenning=toekenning, activiteit=dans, aandeel=50)
    client.force_login(coordinator.user)

    client.post(
        reverse("subsidies:financiering_update", args=[toekenning.pk]),
        _financiering_data([(judo.pk, 100, False), (dans.pk, 50, True)]),
    )

    assert dict(toekenning.financieringen.values_list("activiteit__titel", "aandeel")) == {"Judo": 100}


def test_the_page_round_trip_keeps_unchanged_shares(client, school, coordinator, toekenning, blok):
    judo, dans = maak_activiteit(blok, titel="Judo"), maak_activiteit(blok, titel="Dans")
    Financiering.objects.create(toekenning=toekenning, activiteit=judo, aandeel=50)
    Financiering.objects.create(toekenning=toekenning, activiteit=dans, aandeel=50)
    client.force_login(coordinator.user)
    url = reverse("subsidies:financiering_update", args=[toekenning.pk])
    formset = client.get(url).context["formset"]
    # Post back what the page shows, changing only Dans.
    data = {"fin-TOTAL_FORMS": str(formset.total_form_count()), "fin-INITIAL_FORMS": str(len(formset.initial))}
    for n, waarden in enumerate(formset.initial):
        data[f"fin-{n}-activiteit"] = str(waarden["activiteit"].pk)
        data[f"fin-{n}-aandeel"] = "25" if waarden["activiteit"] == dans else str(waarden["aandeel"])

    assert client.post(url, data).status_code == 302
    assert dict(toekenning.financieringen.values_list("activiteit__titel", "aandeel")) == {"Judo": 50, "Dans": 25}


@pytest.mark.parametrize("aandeel", [0, 101])
def test_share_must_be_1_to_100(client, school, coordinator, toekenning, blok, aandeel):
    judo = maak_activiteit(blok)
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:financiering_update", args=[toekenning.pk]), _financiering_data([(judo.pk, aandeel, False)])
    )

    assert response.status_code == 200
    fout = response.context["formset"].forms[0].errors["aandeel"]
    assert fout == ["Een aandeel is minstens 1 %." if aandeel == 0 else "Een aandeel is hoogstens 100 %."]
    assert not toekenning.financieringen.exists()


def test_activity_twice_in_the_list_is_refused(client, school, coordinator, toekenning, blok):
    judo = maak_activiteit(blok, titel="Judo")
    client.force_login(coordinator.user)

    response = client.post(
        reverse("subsidies:financiering_update", args=[toekenning.pk]),
        _financiering_data([(judo.pk, 20, False), (judo.pk, 30, False)]),
    )

    assert response.context["formset"].non_form_errors() == ["Judo staat twee keer in de lijst."]


# --- funding streams -----------------------------------------------------------------------------------


def test_streams_list_shows_the_rules(client, school, coordinator):
    client.force_login(coordinator.user)

    response = client.get(reverse("subsidies:regeling_list"))

    html = response.content.decode()
    assert "Jeugdfonds Sport" in html
    assert reverse("subsidies:regeling_update", args=[regeling(school).pk]) not in html  # only the beheerder


def test_beheerder_edits_a_stream(client, school, beheerder):
    jsc = regeling(school, "jeugdfonds-sport-cultuur")
    client.force_login(beheerder.user)

    response = client.post(
        reverse("subsidies:regeling_update", args=[jsc.pk]),
        {
            "naam": jsc.naam,
            "financier": "Jeugdfonds Sport & Cultuur Amsterdam",
            "voorwaarden": "Stadspas of motivatie",
            "verantwoording": "Factuur van de club",
            "maximum_per_kind_per_jaar": "575,00",
            "stadspas_als_bewijs": "on",
            "verlengen_na_maanden": "12",
            "actief": "on",
        },
    )

    assert response.status_code == 302
    jsc.refresh_from_db()
    assert jsc.maximum_per_kind_per_jaar == Decimal("575.00")
    assert jsc.financier == "Jeugdfonds Sport & Cultuur Amsterdam"


def test_stream_maximum_must_be_positive(client, school, beheerder):
    jsc = regeling(school, "jeugdfonds-sport-cultuur")
    client.force_login(beheerder.user)

    response = client.post(
        reverse("subsidies:regeling_update", args=[jsc.pk]),
        {"naam": jsc.naam, "maximum_per_kind_per_jaar": "-1", "actief": "on"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["maximum_per_kind_per_jaar"] == ["Een bedrag moet groter zijn dan € 0,00."]
