"""Search in the sociale kaart: accents folded, prefixes, ranking, filters, archive, scope."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from familieschool.choices import Hulpdomein
from partners.models import PartnerSoort
from partners.selectors import PartnerFilter, zoek_partners
from tests.factories import BestuurFactory, ContactpersoonFactory, PartnerFactory, SamenwerkingFactory, SchoolFactory


def _namen(school, **filters) -> list[str]:
    return [partner.naam for partner in zoek_partners(school=school, filters=PartnerFilter(**filters))]


@pytest.fixture
def kaart(school):
    """A small directory of our board, plus one partner of another board with the same words."""
    bestuur = school.bestuur
    PartnerFactory(bestuur=bestuur, naam="Café De Buurvrouw", soort=PartnerSoort.OVERIG, aanbod="Koffie-ochtend")
    PartnerFactory(bestuur=bestuur, naam="Huiswerkklas Öztürk", soort=PartnerSoort.OVERIG, aanbod="Huiswerkbegeleiding")
    PartnerFactory(
        bestuur=bestuur,
        naam="Voetbalvereniging Zeeburgia",
        soort=PartnerSoort.SPORTVERENIGING,
        aanbod="Voetbaltraining",
    )
    PartnerFactory(bestuur=BestuurFactory(), naam="Café Elders", aanbod="Koffie")


def test_search_without_accent_finds_name_with_accent(kaart, school):
    assert _namen(school, q="cafe") == ["Café De Buurvrouw"]


def test_search_folds_turkish_letters(kaart, school):
    assert _namen(school, q="ozturk") == ["Huiswerkklas Öztürk"]


def test_search_with_accent_finds_the_same(kaart, school):
    assert _namen(school, q="Öztürk") == _namen(school, q="OZTURK") == ["Huiswerkklas Öztürk"]


def test_search_prefix_finds_whole_word(kaart, school):
    assert _namen(school, q="voetb") == ["Voetbalvereniging Zeeburgia"]


def test_search_part_of_a_word_finds_it(kaart, school):
    assert _namen(school, q="werkbeg") == ["Huiswerkklas Öztürk"]


def test_search_all_words_must_match(kaart, school):
    assert _namen(school, q="voetbal koffie") == []
    assert _namen(school, q="voetbal zeeb") == ["Voetbalvereniging Zeeburgia"]


def test_search_finds_contact_person_names(school):
    partner = PartnerFactory(bestuur=school.bestuur, naam="Buurtteam West")
    ContactpersoonFactory(partner=partner, naam="Fatima el Amrani")

    assert _namen(school, q="amrani") == ["Buurtteam West"]


def test_search_never_shows_another_boards_partner(kaart, school):
    assert "Café Elders" not in _namen(school, q="cafe")
    assert "Café Elders" not in _namen(school)


def test_search_ranks_a_name_match_before_a_match_in_the_description(school):
    bestuur = school.bestuur
    PartnerFactory(bestuur=bestuur, naam="Buurthuis De Meeuw", aanbod="Zwemles voor ouders en kinderen")
    PartnerFactory(bestuur=bestuur, naam="Aquarius", omschrijving="Ook zwemmen in de zomer", aanbod="Spel")
    PartnerFactory(bestuur=bestuur, naam="Zwemschool De Dolfijn", aanbod="Diploma A en B")

    namen = _namen(school, q="zwem")

    assert namen == ["Zwemschool De Dolfijn", "Buurthuis De Meeuw", "Aquarius"]


def test_search_ranks_aanbod_before_omschrijving(school):
    bestuur = school.bestuur
    PartnerFactory(bestuur=bestuur, naam="Alfa", aanbod="Spel", omschrijving="Ook muziekles")
    PartnerFactory(bestuur=bestuur, naam="Bravo", aanbod="Muziekles op school")

    assert _namen(school, q="muziekles") == ["Bravo", "Alfa"]


def test_no_search_lists_alphabetically(school):
    for naam in ["Cello", "Alt", "Bas"]:
        PartnerFactory(bestuur=school.bestuur, naam=naam)

    assert _namen(school) == ["Alt", "Bas", "Cello"]


def test_filter_by_soort(school):
    PartnerFactory(bestuur=school.bestuur, naam="Bieb", soort=PartnerSoort.BIBLIOTHEEK)
    PartnerFactory(bestuur=school.bestuur, naam="Club", soort=PartnerSoort.SPORTVERENIGING)
    PartnerFactory(bestuur=school.bestuur, naam="Fonds", soort=PartnerSoort.FONDS)

    assert _namen(school, soorten=[PartnerSoort.BIBLIOTHEEK, PartnerSoort.FONDS]) == ["Bieb", "Fonds"]


def test_filter_by_domein_matches_any_chosen_domain(school):
    PartnerFactory(bestuur=school.bestuur, naam="Geldzaken", domeinen=[Hulpdomein.GELD, Hulpdomein.SCHULDEN])
    PartnerFactory(bestuur=school.bestuur, naam="Taalhuis", domeinen=[Hulpdomein.TAAL])
    PartnerFactory(bestuur=school.bestuur, naam="Sport", domeinen=[Hulpdomein.VRIJE_TIJD])

    assert _namen(school, domeinen=[Hulpdomein.SCHULDEN]) == ["Geldzaken"]
    assert _namen(school, domeinen=[Hulpdomein.SCHULDEN, Hulpdomein.TAAL]) == ["Geldzaken", "Taalhuis"]


@pytest.mark.parametrize(
    ("leeftijd", "verwacht"),
    [
        (5, ["Iedereen", "Tot en met 8"]),
        (6, ["Iedereen", "Tot en met 8", "Zes tot twaalf"]),
        (12, ["Iedereen", "Zes tot twaalf", "Vanaf 10"]),
        (13, ["Iedereen", "Vanaf 10"]),
    ],
)
def test_filter_by_age_includes_the_bounds_and_open_ranges(school, leeftijd, verwacht):
    PartnerFactory(bestuur=school.bestuur, naam="Zes tot twaalf", leeftijd_van=6, leeftijd_tot=12)
    PartnerFactory(bestuur=school.bestuur, naam="Vanaf 10", leeftijd_van=10)
    PartnerFactory(bestuur=school.bestuur, naam="Tot en met 8", leeftijd_tot=8)
    PartnerFactory(bestuur=school.bestuur, naam="Iedereen")

    assert sorted(_namen(school, leeftijd=leeftijd)) == sorted(verwacht)


def test_filter_by_wijk_ignores_case(school):
    PartnerFactory(bestuur=school.bestuur, naam="West", wijk="Bos en Lommer")
    PartnerFactory(bestuur=school.bestuur, naam="Oost", wijk="Indische Buurt")

    assert _namen(school, wijk="bos en lommer") == ["West"]


def test_filter_works_with_our_school_only(school, andere_school):
    ons = PartnerFactory(bestuur=school.bestuur, naam="Onze partner")
    hunne = PartnerFactory(bestuur=school.bestuur, naam="Hun partner")
    PartnerFactory(bestuur=school.bestuur, naam="Niemands partner")
    SamenwerkingFactory(partner=ons, school=school)
    SamenwerkingFactory(partner=hunne, school=andere_school)

    resultaat = list(zoek_partners(school=school, filters=PartnerFilter(alleen_samenwerking=True)))

    assert [p.naam for p in resultaat] == ["Onze partner"]
    assert resultaat[0].werkt_met_school is True


def test_filters_and_search_combine(school):
    PartnerFactory(bestuur=school.bestuur, naam="Zwemclub Noord", soort=PartnerSoort.SPORTVERENIGING, wijk="Noord")
    PartnerFactory(bestuur=school.bestuur, naam="Zwemclub West", soort=PartnerSoort.SPORTVERENIGING, wijk="West")
    PartnerFactory(bestuur=school.bestuur, naam="Zwemles Bieb", soort=PartnerSoort.BIBLIOTHEEK, wijk="West")

    assert _namen(school, q="zwem", soorten=[PartnerSoort.SPORTVERENIGING], wijk="West") == ["Zwemclub West"]


def test_archived_partners_are_hidden_unless_asked(school):
    PartnerFactory(bestuur=school.bestuur, naam="Actief")
    PartnerFactory(bestuur=school.bestuur, naam="Gestopt", gearchiveerd_op=timezone.now())

    assert _namen(school) == ["Actief"]
    assert _namen(school, met_archief=True) == ["Actief", "Gestopt"]


# --- the same through the list page: filters in the URL -----------------------------------------


def _lijst(client, persona, query: str = ""):
    client.force_login(persona.user)
    response = client.get(reverse("partners:partner_list") + query)
    assert response.status_code == 200
    return [partner.naam for partner in response.context["partners"]]


def test_list_page_reads_every_filter_from_the_url(client, coordinator):
    school = coordinator.school
    doel = PartnerFactory(
        bestuur=school.bestuur,
        naam="Zwemclub De Golf",
        soort=PartnerSoort.SPORTVERENIGING,
        domeinen=[Hulpdomein.VRIJE_TIJD],
        leeftijd_van=4,
        leeftijd_tot=12,
        wijk="Slotermeer",
    )
    SamenwerkingFactory(partner=doel, school=school)
    PartnerFactory(bestuur=school.bestuur, naam="Zwemclub Elders", soort=PartnerSoort.SPORTVERENIGING, wijk="Noord")

    namen = _lijst(
        client,
        coordinator,
        "?q=zwem&soort=sportvereniging&domein=vrije_tijd&leeftijd=8&wijk=Slotermeer&samenwerking=on",
    )

    assert namen == ["Zwemclub De Golf"]


def test_list_page_applies_the_valid_filters_when_one_is_wrong(client, coordinator):
    PartnerFactory(bestuur=coordinator.school.bestuur, naam="Bieb", soort=PartnerSoort.BIBLIOTHEEK)
    PartnerFactory(bestuur=coordinator.school.bestuur, naam="Club", soort=PartnerSoort.SPORTVERENIGING)
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_list"), {"soort": "bibliotheek", "leeftijd": "twaalf"})

    assert [p.naam for p in response.context["partners"]] == ["Bieb"]
    assert "Leeftijd kind: Voer een geheel getal in." in response.content.decode()


def test_list_page_shows_archive_to_beheerder_when_asked(client, beheerder):
    PartnerFactory(bestuur=beheerder.school.bestuur, naam="Actief")
    PartnerFactory(bestuur=beheerder.school.bestuur, naam="Gestopt", gearchiveerd_op=timezone.now())

    assert _lijst(client, beheerder) == ["Actief"]
    assert _lijst(client, beheerder, "?archief=on") == ["Actief", "Gestopt"]


@pytest.mark.parametrize("rol", ["leerkracht", "bestuur", "schoolleider"])
def test_list_page_never_shows_archive_to_read_only_roles(client, persona, rol):
    lezer = persona(rol)
    PartnerFactory(bestuur=lezer.school.bestuur, naam="Actief")
    PartnerFactory(bestuur=lezer.school.bestuur, naam="Gestopt", gearchiveerd_op=timezone.now())

    namen = _lijst(client, lezer, "?archief=on")

    assert namen == ["Actief"]


def test_list_page_of_another_school_of_the_board_shows_the_shared_directory(client, school, andere_coordinator):
    gedeeld = PartnerFactory(bestuur=school.bestuur, naam="Gedeelde partner")
    SamenwerkingFactory(partner=gedeeld, school=school)
    PartnerFactory(bestuur=SchoolFactory().bestuur, naam="Partner van een ander bestuur")
    client.force_login(andere_coordinator.user)

    response = client.get(reverse("partners:partner_list"))

    assert [p.naam for p in response.context["partners"]] == ["Gedeelde partner"]
    assert response.context["partners"][0].werkt_met_school is False  # our collaboration, not theirs
