"""The sociale kaart in a real browser: search, filter and open a partner at tablet width, with
htmx updating only the results and the filters in the address bar; add a partner with two
contacts; axe (WCAG 2.1 AA) on list, detail and form; screenshots at 1280 and 768 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from familieschool.choices import Hulpdomein
from familieschool.mfa import code_for_secret, demo_secret
from familieschool.roles import Rol
from partners.models import Partner, PartnerSoort
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, login
from tests.conftest import make_persona
from tests.factories import ContactpersoonFactory, PartnerFactory, SamenwerkingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_touch_targets(page) -> None:
    """Every visible control in the page is at least 44 px high. For a checkbox the tap target
    is its label row (static/css/app.css: the label is the 44 px target, the box is 24 px)."""
    small = page.evaluate(
        """() => [...document.querySelectorAll(
                  'main button, main .btn, main summary, main input:not([type=hidden]), main select, '
                  + '.navbar .nav-link, .navbar-toggler')]
            .filter(el => el.offsetParent !== null)
            .map(el => ['checkbox', 'radio'].includes(el.type) ? el.closest('.form-check') || el : el)
            .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect().height])
            .filter(([_, h]) => h < 44)"""
    )
    assert small == [], small


def _login_with_totp(page, base_url: str, email: str) -> None:
    login(page, base_url, email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/")


@pytest.fixture
def kaart(school):
    bestuur = school.bestuur
    zeeburgia = PartnerFactory(
        bestuur=bestuur,
        naam="Voetbalvereniging Zeeburgia",
        soort=PartnerSoort.SPORTVERENIGING,
        aanbod="Voetbaltraining op woensdagmiddag en zaterdag; proeftrainingen in september.",
        omschrijving="Gezellige club met veel vrijwilligers uit de buurt.",
        domeinen=[Hulpdomein.VRIJE_TIJD, Hulpdomein.GEZONDHEID],
        leeftijd_van=6,
        leeftijd_tot=12,
        kosten="€ 120 per seizoen",
        gratis_met_stadspas=True,
        adres="Sportpark Slotermeer 4",
        postcode="1064 AB",
        stadsdeel="Nieuw-West",
        wijk="Slotermeer",
        telefoon="020 555 0101",
        email="jeugd@zeeburgia.example",
        website="https://zeeburgia.example",
    )
    trainer = ContactpersoonFactory(partner=zeeburgia, naam="Mo Bakkali", functie="jeugdtrainer")
    ContactpersoonFactory(partner=zeeburgia, naam="Els de Wit", functie="ledenadministratie")
    SamenwerkingFactory(partner=zeeburgia, school=school, contactpersoon=trainer)
    PartnerFactory(
        bestuur=bestuur,
        naam="Voetbalschool Noord",
        soort=PartnerSoort.SPORTVERENIGING,
        aanbod="Techniektraining in kleine groepen",
        domeinen=[Hulpdomein.VRIJE_TIJD],
        wijk="Noord",
    )
    PartnerFactory(
        bestuur=bestuur,
        naam="Café De Buurvrouw",
        soort=PartnerSoort.OVERIG,
        aanbod="Koffie-ochtend voor ouders, elke dinsdag",
        domeinen=[Hulpdomein.TAAL],
        wijk="Slotermeer",
    )
    PartnerFactory(
        bestuur=bestuur,
        naam="Buurtteam Slotermeer",
        soort=PartnerSoort.BUURTTEAM,
        aanbod="Hulp bij geldzorgen, schulden en administratie",
        domeinen=[Hulpdomein.GELD, Hulpdomein.SCHULDEN, Hulpdomein.ADMINISTRATIE],
        wijk="Slotermeer",
    )
    PartnerFactory(
        bestuur=bestuur,
        naam="Huiswerkklas Öztürk",
        soort=PartnerSoort.OVERIG,
        aanbod="Huiswerkbegeleiding groep 6 tot en met 8",
        domeinen=[Hulpdomein.SCHOOL],
        leeftijd_van=9,
        leeftijd_tot=12,
        wijk="Geuzenveld",
    )
    return zeeburgia


def _results(page):
    return page.locator("#partner-resultaten .partner-kaart")


def test_search_filter_and_detail_at_tablet_width(live_server, page, artifacts, school, kaart):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    page.set_viewport_size(TABLET)
    _login_with_totp(page, live_server.url, coordinator.user.email)

    page.goto(f"{live_server.url}/partners/")
    expect(_results(page)).to_have_count(5)
    assert_accessible(page, "partnerlijst")
    assert_touch_targets(page)
    page.evaluate("window.zelfdePagina = true")  # gone if the page were loaded again

    page.get_by_label("Zoeken", exact=True).fill("voetb")
    page.wait_for_url(re.compile(r"/partners/\?q=voetb$"))
    expect(_results(page)).to_have_count(2)
    expect(page.locator("[data-live-summary]")).to_contain_text("2 partners gevonden")

    page.get_by_label("Wijk", exact=True).select_option("Slotermeer")
    page.wait_for_url(re.compile(r"q=voetb&wijk=Slotermeer"))
    expect(_results(page)).to_have_count(1)

    page.locator("summary", has_text="Soort").click()
    page.get_by_label("Sportvereniging").check()
    page.wait_for_url(re.compile(r"soort=sportvereniging"))
    expect(_results(page)).to_have_count(1)
    page.get_by_label("Werkt met onze school").check()
    page.wait_for_url(re.compile(r"samenwerking=on"))
    expect(_results(page).first).to_contain_text("Werkt met onze school")
    assert page.evaluate("window.zelfdePagina") is True  # htmx swapped the results only
    gefilterd_url = page.url
    assert_accessible(page, "partnerlijst gefilterd")
    page.screenshot(path=str(artifacts / "partners-lijst-768.png"), full_page=True)

    page.get_by_role("link", name="Voetbalvereniging Zeeburgia").click()
    page.wait_for_url(f"{live_server.url}/partners/{kaart.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voetbalvereniging Zeeburgia")
    expect(page.locator("main")).to_contain_text("Mo Bakkali")
    expect(page.locator("main")).to_contain_text("geen activiteiten van deze partner op onze school")
    assert_accessible(page, "partnerdetail")
    assert_touch_targets(page)
    page.screenshot(path=str(artifacts / "partners-detail-768.png"), full_page=True)

    page.go_back()  # the shared or remembered address gives the same filtered list
    page.wait_for_url(gefilterd_url)
    expect(_results(page)).to_have_count(1)
    expect(page.get_by_label("Sportvereniging")).to_be_checked()

    page.set_viewport_size(DESKTOP)
    page.goto(gefilterd_url)
    expect(_results(page)).to_have_count(1)
    assert_accessible(page, "partnerlijst 1280")
    page.screenshot(path=str(artifacts / "partners-lijst-filter-1280.png"), full_page=True)
    page.goto(f"{live_server.url}/partners/")
    page.screenshot(path=str(artifacts / "partners-lijst-1280.png"), full_page=True)
    page.goto(f"{live_server.url}/partners/{kaart.pk}/")
    assert_accessible(page, "partnerdetail 1280")
    page.screenshot(path=str(artifacts / "partners-detail-1280.png"), full_page=True)

    page.locator("summary", has_text="Samenwerking beëindigen").click()  # asks once more
    page.get_by_role("button", name="Ja, beëindigen").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("werkt niet meer samen met Voetbalvereniging Zeeburgia")
    expect(page.get_by_role("link", name="Samenwerking vastleggen")).to_be_visible()


def test_add_a_partner_with_two_contacts(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    page.set_viewport_size(TABLET)
    _login_with_totp(page, live_server.url, coordinator.user.email)

    page.goto(f"{live_server.url}/partners/nieuw/")
    page.get_by_role("button", name="Opslaan").click()  # empty: errors at the fields
    page.wait_for_load_state()
    expect(page.locator("#id_naam_error")).to_have_text("Dit veld is verplicht.")
    expect(page.locator("#id_naam")).to_be_focused()
    assert_accessible(page, "partnerformulier met fouten")
    page.screenshot(path=str(artifacts / "partners-formulier-fouten-768.png"), full_page=True)

    page.locator("#id_naam").fill("Muziekschool West")
    page.locator("#id_soort").select_option(PartnerSoort.CULTUUR)
    page.get_by_label("Sport, cultuur en vrije tijd").check()
    page.locator("#id_contact-0-naam").fill("Ilse Vermeer")
    page.get_by_role("button", name="Nog een contactpersoon").click()
    page.locator("#id_contact-1-naam").fill("Karim Haddou")
    page.locator("#id_contact-1-functie").fill("docent gitaar")
    assert_accessible(page, "partnerformulier")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(artifacts / "partners-formulier-1280.png"), full_page=True)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/partners/\d+/$"))

    partner = Partner.objects.get(naam="Muziekschool West")
    assert sorted(partner.contactpersonen.values_list("naam", flat=True)) == ["Ilse Vermeer", "Karim Haddou"]
    expect(page.locator(".alert-success")).to_contain_text("Muziekschool West staat nu in de sociale kaart.")
    expect(page.locator("main")).to_contain_text("docent gitaar")
