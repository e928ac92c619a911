"""The partner pages: list (htmx partial), detail, create/edit, archive, collaboration, scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from familieschool import panels
from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from partners.models import Contactpersoon, Partner, PartnerSoort, Samenwerking
from partners.selectors import PartnerFilter, zoek_partners
from tests.factories import BestuurFactory, ContactpersoonFactory, PartnerFactory, SamenwerkingFactory
from tests.panelapp.apps import openbaar_panel


def _formset(prefix: str = "contact", *, rijen: list[dict] | None = None, initial: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rijen or [])),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, rij in enumerate(rijen or []):
        data.update({f"{prefix}-{index}-{key}": value for key, value in rij.items()})
    return data


def _partner_data(**overrides: str | list[str]) -> dict:
    data: dict = {
        "naam": "Zwemschool De Dolfijn",
        "soort": PartnerSoort.SPORTVERENIGING,
        "aanbod": "Zwemles voor kinderen vanaf 5 jaar",
        "domeinen": [Hulpdomein.VRIJE_TIJD, Hulpdomein.GEZONDHEID],
        "leeftijd_van": "5",
        "leeftijd_tot": "12",
        "kosten": "€ 15 per les",
        "gratis_met_stadspas": "on",
        "plaats": "Amsterdam",
        "wijk": "Slotermeer",
        "website": "dolfijn.example",
        "email": "info@dolfijn.example",
    }
    data.update(overrides)
    return data


def _field_errors(response, veld: str) -> list[str]:
    return response.context["form"].errors.get(veld, [])


# --- list --------------------------------------------------------------------------------------


def test_partner_list_shows_results_with_links_and_badge(client, leerkracht):
    partner = PartnerFactory(bestuur=leerkracht.school.bestuur, naam="Bibliotheek Slotermeer", wijk="Slotermeer")
    SamenwerkingFactory(partner=partner, school=leerkracht.school)
    client.force_login(leerkracht.user)

    response = client.get(reverse("partners:partner_list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{partner.get_absolute_url()}"' in html
    assert "Werkt met onze school" in html
    assert "1 partner gevonden." in html
    assert reverse("partners:partner_create") not in html  # read-only role: no create button


def test_partner_list_shows_manage_buttons_to_coordinator(client, coordinator):
    client.force_login(coordinator.user)

    html = client.get(reverse("partners:partner_list")).content.decode()

    assert reverse("partners:partner_create") in html
    assert reverse("partners:partner_import") in html
    assert reverse("partners:sociale_kaart_pdf") in html


def test_partner_list_htmx_request_returns_the_results_partial_only(client, coordinator):
    PartnerFactory(bestuur=coordinator.school.bestuur, naam="Café De Buurvrouw")
    client.force_login(coordinator.user)

    response = client.get(
        reverse("partners:partner_list"), {"q": "cafe", "leeftijd": "", "wijk": ""}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert [t.name for t in response.templates if t.name.startswith("partners/")] == [
        "partners/_partner_resultaten.html"
    ]
    assert "<html" not in html
    assert 'id="kop-filters"' not in html
    assert "Café De Buurvrouw" in html
    # The address bar gets the filters that are set, not the empty fields.
    assert response["HX-Push-Url"] == reverse("partners:partner_list") + "?q=cafe"
    assert "HX-Request" in response["Vary"]


def test_partner_list_htmx_page_link_keeps_filters_and_page_in_the_address(client, coordinator):
    PartnerFactory.create_batch(26, bestuur=coordinator.school.bestuur, soort=PartnerSoort.FONDS)
    client.force_login(coordinator.user)

    response = client.get(
        reverse("partners:partner_list"), {"soort": "fonds", "q": "", "pagina": "2"}, HTTP_HX_REQUEST="true"
    )

    assert len(response.context["partners"]) == 1
    assert response["HX-Push-Url"] == reverse("partners:partner_list") + "?soort=fonds&pagina=2"


def test_partner_list_history_restore_gets_the_whole_page(client, coordinator):
    client.force_login(coordinator.user)

    response = client.get(
        reverse("partners:partner_list"), {"q": "x"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )

    assert "partners/partner_list.html" in [t.name for t in response.templates]
    assert "<html" in response.content.decode()


def test_partner_list_pagination_keeps_the_filters(client, coordinator):
    for i in range(27):
        PartnerFactory(
            bestuur=coordinator.school.bestuur, naam=f"Sportclub {i:02d}", soort=PartnerSoort.SPORTVERENIGING
        )
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_list"), {"soort": "sportvereniging", "wijk": "", "pagina": "2"})

    html = response.content.decode()
    assert len(response.context["partners"]) == 2
    assert "27 partners gevonden, pagina 2 van 2." in html
    assert f'href="{reverse("partners:partner_list")}?soort=sportvereniging&amp;pagina=1"' in html
    assert f'href="{reverse("partners:partner_export_csv")}?soort=sportvereniging"' in html


# --- detail ------------------------------------------------------------------------------------


def test_partner_detail_shows_all_fields_contacts_and_schools(client, leerkracht, andere_school):
    school = leerkracht.school
    partner = PartnerFactory(
        bestuur=school.bestuur,
        naam="Jeugdfonds Sport & Cultuur",
        soort=PartnerSoort.FONDS,
        aanbod="Betaalt de contributie van een sportclub",
        omschrijving="Landelijk fonds met een Amsterdamse afdeling",
        domeinen=[Hulpdomein.GELD, Hulpdomein.VRIJE_TIJD],
        leeftijd_van=4,
        leeftijd_tot=18,
        kosten="Gratis",
        gratis_met_stadspas=True,
        voorwaarden="Aanvraag via een intermediair",
        adres="Herengracht 1",
        postcode="1015 BA",
        website="https://jeugdfonds.example",
        telefoon="020 555 0199",
        email="amsterdam@jeugdfonds.example",
    )
    contact = ContactpersoonFactory(partner=partner, naam="Noor Jansen", functie="intermediair")
    SamenwerkingFactory(
        partner=partner, school=school, contactpersoon=contact, notities="Aanvragen via de brugfunctionaris"
    )
    SamenwerkingFactory(partner=partner, school=andere_school, notities="Geheim van de andere school")
    client.force_login(leerkracht.user)

    response = client.get(partner.get_absolute_url())

    html = response.content.decode()
    for tekst in [
        "Jeugdfonds Sport &amp; Cultuur",
        "Betaalt de contributie van een sportclub",
        "Landelijk fonds met een Amsterdamse afdeling",
        "Geld en regelingen",
        "Sport, cultuur en vrije tijd",
        "4–18 jaar",
        "Gratis",
        "Gratis of met korting met de Stadspas",
        "Aanvraag via een intermediair",
        "Herengracht 1",
        "1015 BA Amsterdam",
        'href="tel:0205550199"',
        "mailto:amsterdam@jeugdfonds.example",
        "https://jeugdfonds.example",
        "Noor Jansen",
        "intermediair",
        "Aanvragen via de brugfunctionaris",
        andere_school.naam,
        "Werkt met onze school",
    ]:
        assert tekst in html, tekst
    assert "Geheim van de andere school" not in html  # another school's notes stay theirs
    assert reverse("partners:partner_update", args=[partner.pk]) not in html  # read-only role


def test_partner_detail_shows_activities_and_referrals_from_their_modules(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    client.force_login(coordinator.user)

    html = client.get(partner.get_absolute_url()).content.decode()

    assert "geen activiteiten van deze partner op onze school" in html  # the Rijke schooldag's panel
    assert "Nog niet beschikbaar" not in html


@pytest.fixture
def activiteiten_provider():
    """A provider for the partner's activity slot, as the activiteiten app will register one."""
    panels.register("partner.activiteiten", "testprovider", openbaar_panel)
    yield
    panels.unregister("partner.activiteiten", "testprovider")


def test_partner_detail_shows_a_registered_panel(client, coordinator, activiteiten_provider):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    client.force_login(coordinator.user)

    html = client.get(partner.get_absolute_url()).content.decode()

    assert '<p class="testpaneel">Testpaneel voor iedereen</p>' in html
    assert "komt met de module Rijke schooldag" not in html


def test_partner_detail_hides_sections_the_role_may_not_see(client, persona):
    bestuur_persona = persona(Rol.BESTUUR)
    partner = PartnerFactory(bestuur=bestuur_persona.school.bestuur)
    client.force_login(bestuur_persona.user)

    html = client.get(partner.get_absolute_url()).content.decode()

    assert "Activiteiten</h2>" not in html
    assert "Doorverwijzingen</h2>" not in html


# --- create and edit ---------------------------------------------------------------------------


def test_partner_create_saves_partner_contacts_and_search_index(client, coordinator):
    client.force_login(coordinator.user)
    data = {
        **_partner_data(),
        **_formset(rijen=[{"naam": "Sanne de Vries", "functie": "badjuf", "email": "sanne@dolfijn.example"}]),
    }

    response = client.post(reverse("partners:partner_create"), data)

    partner = Partner.objects.get()
    assert response.status_code == 302
    assert response["Location"] == partner.get_absolute_url()
    assert partner.bestuur == coordinator.school.bestuur
    assert partner.domeinen == sorted([Hulpdomein.GEZONDHEID, Hulpdomein.VRIJE_TIJD])
    assert partner.website == "https://dolfijn.example"
    assert partner.gratis_met_stadspas is True
    assert list(partner.contactpersonen.values_list("naam", flat=True)) == ["Sanne de Vries"]
    gevonden = zoek_partners(school=coordinator.school, filters=PartnerFilter(q="vries"))
    assert list(gevonden) == [partner]


def test_partner_create_without_name_shows_dutch_error_at_the_field_and_saves_nothing(client, coordinator):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("partners:partner_create"), {**_partner_data(naam=""), **_formset(rijen=[{"naam": "Sanne"}])}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert _field_errors(response, "naam") == ["Dit veld is verplicht."]
    assert 'id="id_naam_error"' in html
    assert "Zwemles voor kinderen vanaf 5 jaar</textarea>" in html  # typed input is kept
    assert 'value="Sanne"' in html
    assert Partner.objects.count() == 0
    assert Contactpersoon.objects.count() == 0


def test_partner_create_with_a_name_already_in_the_directory_is_refused(client, coordinator):
    PartnerFactory(bestuur=coordinator.school.bestuur, naam="Zwemschool De Dolfijn")
    client.force_login(coordinator.user)

    response = client.post(
        reverse("partners:partner_create"), {**_partner_data(naam="zwemschool de dolfijn"), **_formset()}
    )

    assert _field_errors(response, "naam") == ["Er staat al een partner met deze naam in de sociale kaart."]
    assert Partner.objects.count() == 1


def test_partner_create_may_reuse_a_name_of_another_board(client, coordinator):
    PartnerFactory(bestuur=BestuurFactory(), naam="Zwemschool De Dolfijn")
    client.force_login(coordinator.user)

    response = client.post(reverse("partners:partner_create"), {**_partner_data(), **_formset()})

    assert response.status_code == 302
    assert Partner.objects.filter(bestuur=coordinator.school.bestuur).count() == 1


@pytest.mark.parametrize(
    ("overrides", "veld", "fout"),
    [
        (
            {"leeftijd_van": "12", "leeftijd_tot": "6"},
            "leeftijd_tot",
            "De leeftijd 'tot en met' ligt onder de leeftijd 'vanaf'.",
        ),
        ({"email": "geen-adres"}, "email", "Voer een geldig e-mailadres in."),
        ({"soort": "circus"}, "soort", "Selecteer een geldige keuze. circus is geen beschikbare keuze."),
        ({"leeftijd_van": "120"}, "leeftijd_van", "Zorg ervoor dat deze waarde hoogstens 99 is."),
    ],
)
def test_partner_create_invalid_field_shows_dutch_error_and_saves_nothing(client, coordinator, overrides, veld, fout):
    client.force_login(coordinator.user)

    response = client.post(reverse("partners:partner_create"), {**_partner_data(**overrides), **_formset()})

    assert response.status_code == 200
    assert _field_errors(response, veld) == [fout]
    assert f'id="id_{veld}_error"' in response.content.decode()
    assert Partner.objects.count() == 0


def test_partner_create_with_a_bad_contact_saves_nothing(client, coordinator):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("partners:partner_create"),
        {**_partner_data(), **_formset(rijen=[{"naam": "Sanne", "email": "sanne-at-dolfijn"}])},
    )

    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["email"] == ["Voer een geldig e-mailadres in."]
    assert 'id="id_contact-0-email_error"' in response.content.decode()
    assert Partner.objects.count() == 0


def test_partner_update_changes_fields_and_contacts(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur, naam="Oude naam")
    blijft = ContactpersoonFactory(partner=partner, naam="Blijft")
    weg = ContactpersoonFactory(partner=partner, naam="Gaat weg")
    client.force_login(coordinator.user)
    rijen = [
        {"id": str(blijft.pk), "partner": str(partner.pk), "naam": "Blijft Wel"},
        {"id": str(weg.pk), "partner": str(partner.pk), "naam": "Gaat weg", "DELETE": "on"},
        {"naam": "Nieuw Contact", "email": "nieuw@partner.example"},
    ]

    response = client.post(
        reverse("partners:partner_update", args=[partner.pk]),
        {**_partner_data(naam="Nieuwe naam"), **_formset(rijen=rijen, initial=2)},
    )

    partner.refresh_from_db()
    assert response.status_code == 302
    assert partner.naam == "Nieuwe naam"
    assert sorted(partner.contactpersonen.values_list("naam", flat=True)) == ["Blijft Wel", "Nieuw Contact"]
    assert list(zoek_partners(school=coordinator.school, filters=PartnerFilter(q="nieuwe"))) == [partner]


def test_partner_update_invalid_keeps_the_partner_unchanged(client, beheerder):
    partner = PartnerFactory(bestuur=beheerder.school.bestuur, naam="Blijft zo", leeftijd_van=None)
    client.force_login(beheerder.user)

    response = client.post(
        reverse("partners:partner_update", args=[partner.pk]),
        {**_partner_data(naam="Andere naam", leeftijd_van="abc"), **_formset()},
    )

    partner.refresh_from_db()
    assert _field_errors(response, "leeftijd_van") == ["Voer een geheel getal in."]
    assert 'value="Andere naam"' in response.content.decode()
    assert partner.naam == "Blijft zo"


def test_partner_create_form_renders_for_coordinator(client, coordinator):
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_create"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="contact-TOTAL_FORMS"' in html
    assert '<template id="contact-leeg">' in html
    assert "Kies een soort" in html


# --- archive -----------------------------------------------------------------------------------


def test_partner_archive_and_restore(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur, naam="Tijdelijk gestopt")
    client.force_login(coordinator.user)

    archief = client.post(reverse("partners:partner_archive", args=[partner.pk]))
    partner.refresh_from_db()
    gearchiveerd_op = partner.gearchiveerd_op
    lijst = client.get(reverse("partners:partner_list"))
    detail = client.get(partner.get_absolute_url())
    terug = client.post(reverse("partners:partner_restore", args=[partner.pk]))
    partner.refresh_from_db()

    assert archief.status_code == 302
    assert gearchiveerd_op is not None
    assert list(lijst.context["partners"]) == []
    assert detail.status_code == 200
    assert "gearchiveerd" in detail.content.decode()
    assert reverse("partners:partner_restore", args=[partner.pk]) in detail.content.decode()
    assert terug.status_code == 302
    assert partner.gearchiveerd_op is None


def test_partner_archive_needs_post(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_archive", args=[partner.pk]))

    partner.refresh_from_db()
    assert response.status_code == 405
    assert partner.gearchiveerd_op is None


# --- collaboration of the active school ----------------------------------------------------------


def test_samenwerking_create_with_contact_and_period(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    contact = ContactpersoonFactory(partner=partner)
    client.force_login(coordinator.user)

    response = client.post(
        reverse("partners:samenwerking_update", args=[partner.pk]),
        {
            "contactpersoon": str(contact.pk),
            "begindatum": "2025-08-01",
            "einddatum": "2026-07-31",
            "laatste_contact": "2025-09-15",
            "notities": "Warme overdracht via de oka",
        },
    )

    samenwerking = Samenwerking.objects.get()
    assert response.status_code == 302
    assert (samenwerking.partner, samenwerking.school, samenwerking.contactpersoon) == (
        partner,
        coordinator.school,
        contact,
    )
    assert samenwerking.einddatum == dt.date(2026, 7, 31)
    assert "Warme overdracht via de oka" in client.get(partner.get_absolute_url()).content.decode()


def test_samenwerking_update_end_before_begin_shows_error_and_keeps_the_old(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    SamenwerkingFactory(partner=partner, school=coordinator.school, notities="Oud")
    client.force_login(coordinator.user)

    response = client.post(
        reverse("partners:samenwerking_update", args=[partner.pk]),
        {"begindatum": "2026-01-01", "einddatum": "2025-01-01", "notities": "Nieuw"},
    )

    assert response.status_code == 200
    assert _field_errors(response, "einddatum") == ["De einddatum ligt voor de begindatum."]
    assert 'id="id_einddatum_error"' in response.content.decode()
    assert "Nieuw</textarea>" in response.content.decode()
    assert Samenwerking.objects.get().notities == "Oud"


def test_samenwerking_refuses_a_contact_of_another_partner(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    vreemd_contact = ContactpersoonFactory(partner=PartnerFactory(bestuur=coordinator.school.bestuur))
    client.force_login(coordinator.user)

    response = client.post(
        reverse("partners:samenwerking_update", args=[partner.pk]), {"contactpersoon": str(vreemd_contact.pk)}
    )

    assert response.status_code == 200
    assert _field_errors(response, "contactpersoon") == ["Selecteer een geldige keuze. Deze keuze is niet beschikbaar."]
    assert not Samenwerking.objects.exists()


def test_samenwerking_delete_ends_only_our_schools_collaboration(client, coordinator, andere_school):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    SamenwerkingFactory(partner=partner, school=coordinator.school)
    SamenwerkingFactory(partner=partner, school=andere_school)
    client.force_login(coordinator.user)

    response = client.post(reverse("partners:samenwerking_delete", args=[partner.pk]))

    assert response.status_code == 302
    assert list(Samenwerking.objects.values_list("school", flat=True)) == [andere_school.pk]


# --- roles and scope ---------------------------------------------------------------------------

LEES_ROLLEN = [
    Rol.BRUGFUNCTIONARIS,
    Rol.OKA,
    Rol.BUURTTEAM,
    Rol.LEERKRACHT,
    Rol.BEGELEIDER,
    Rol.SCHOOLLEIDER,
    Rol.BESTUUR,
]
BEHEER_URLS = [
    ("get", "partners:partner_create", False),
    ("post", "partners:partner_create", False),
    ("get", "partners:partner_update", True),
    ("post", "partners:partner_update", True),
    ("post", "partners:partner_archive", True),
    ("post", "partners:partner_restore", True),
    ("get", "partners:samenwerking_update", True),
    ("post", "partners:samenwerking_update", True),
    ("post", "partners:samenwerking_delete", True),
    ("get", "partners:partner_import", False),
]


@pytest.mark.parametrize("rol", LEES_ROLLEN)
def test_read_only_roles_get_403_on_every_edit_url_and_nothing_changes(client, persona, rol):
    lezer = persona(rol)
    partner = PartnerFactory(bestuur=lezer.school.bestuur, naam="Ongewijzigd")
    SamenwerkingFactory(partner=partner, school=lezer.school)
    client.force_login(lezer.user)
    statussen = []

    for method, naam, met_pk in BEHEER_URLS:
        url = reverse(naam, args=[partner.pk] if met_pk else [])
        response = getattr(client, method)(
            url, {**_partner_data(naam="Gewijzigd"), **_formset()} if method == "post" else {}
        )
        statussen.append((naam, method, response.status_code))

    partner.refresh_from_db()
    assert {status for _, _, status in statussen} == {403}, statussen
    assert (partner.naam, partner.gearchiveerd_op) == ("Ongewijzigd", None)
    assert Samenwerking.objects.count() == 1
    assert client.get(partner.get_absolute_url()).status_code == 200  # reading is fine


@pytest.fixture
def vreemde_partner(db):
    """A partner of another board: for our users it does not exist."""
    partner = PartnerFactory(bestuur=BestuurFactory(naam="Ander bestuur"), naam="Partner van een ander bestuur")
    ContactpersoonFactory(partner=partner)
    return partner


@pytest.mark.parametrize(
    ("method", "naam"),
    [
        ("get", "partners:partner_detail"),
        ("get", "partners:partner_update"),
        ("post", "partners:partner_update"),
        ("post", "partners:partner_archive"),
        ("post", "partners:partner_restore"),
        ("get", "partners:samenwerking_update"),
        ("post", "partners:samenwerking_update"),
        ("post", "partners:samenwerking_delete"),
    ],
)
def test_partner_of_another_board_is_404(client, coordinator, vreemde_partner, method, naam):
    client.force_login(coordinator.user)

    response = getattr(client, method)(reverse(naam, args=[vreemde_partner.pk]))

    vreemde_partner.refresh_from_db()
    assert response.status_code == 404
    assert vreemde_partner.gearchiveerd_op is None
    assert not Samenwerking.objects.exists()


def test_partner_of_another_board_is_404_for_a_read_only_role_too(client, leerkracht, vreemde_partner):
    client.force_login(leerkracht.user)

    response = client.get(reverse("partners:partner_detail", args=[vreemde_partner.pk]))

    assert response.status_code == 404
    assert vreemde_partner.naam not in response.content.decode()


def test_samenwerking_of_an_archived_partner_cannot_be_started(client, coordinator):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur, gearchiveerd_op=timezone.now())
    client.force_login(coordinator.user)

    response = client.post(reverse("partners:samenwerking_update", args=[partner.pk]), {"notities": "x"})

    assert response.status_code == 404
    assert not Samenwerking.objects.exists()
