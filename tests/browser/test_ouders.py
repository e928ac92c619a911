"""Parent activities in a real browser: the brugfunctionaris checks families in at the door on a
768 px tablet (search a name and tap, scan the code of a paper invitation, add a walk-in); the
coordinator's list, detail, invite and turnout pages at tablet and desktop width; axe reports no
violations anywhere, screenshots go to the artifacts directory."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from activiteiten.models import Aanmelding, Binnenkomst, Uitnodiging
from activiteiten.ouders import services
from familieschool.mfa import code_for_secret, demo_secret
from familieschool.roles import Rol
from tests.activiteiten.matrix_objects_ouders import maak_ouderactiviteit, pagina_registratie
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, assert_touch_targets, login
from tests.conftest import make_persona
from tests.gezinnen.factories import gezin_met_kinderen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _geregistreerd():
    with pagina_registratie():
        yield


def _inloggen(page, live_server, persona):
    login(page, live_server.url, persona.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(persona.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def avond(school):
    """Tonight's evening with three invited families: one answered yes in Arabic, one on paper."""
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    activiteit = maak_ouderactiviteit(
        school, coordinator.user, titel="Ouders ontmoeten Ouders", datum=timezone.localdate(), tolktalen=["ar"]
    )
    _, _, (amrani,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Amrani")
    amrani.voorkeurstaal = "ar"
    amrani.save()
    _, _, (papier,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Kowalski")
    papier.email, papier.telefoon, papier.voorkeurstaal = "", "", "pl"
    papier.save()
    gezin_met_kinderen(school=school, aantal=1, achternaam="Jansen")
    # Invited a week ago (the service refuses nothing for today, but invitations precede the day).
    services.nodig_uit(ouderactiviteit=activiteit, doelgroep="iedereen", door=coordinator.user)
    Aanmelding.objects.create(
        uitnodiging=Uitnodiging.objects.get(verzorger=amrani),
        status="komt",
        volwassenen=2,
        kinderen=2,
        dieetwensen="halal",
    )
    return activiteit, coordinator


def test_the_brugfunctionaris_checks_families_in_on_a_tablet(live_server, page, artifacts, school, avond):
    activiteit, _ = avond
    brug = make_persona(rol=Rol.BRUGFUNCTIONARIS, school=school)
    papier = Uitnodiging.objects.get(verzorger__achternaam="Kowalski")
    page.set_viewport_size(TABLET)
    _inloggen(page, live_server, brug)

    page.get_by_role("link", name="Ouderactiviteiten").first.click()
    page.get_by_role("link", name="Ouders ontmoeten Ouders").click()
    page.get_by_role("link", name="Binnenkomst").click()
    page.wait_for_url(re.compile(r"/binnenkomst/$"))

    # Search a few letters, tap the name.
    page.get_by_label("Naam zoeken (ouder of kind)").press_sequentially("amra")
    knop = page.locator("#deur-resultaten button", has_text="Amrani")
    knop.wait_for()
    assert_touch_targets(page)
    assert_accessible(page, "binnenkomst met zoekresultaat")
    page.screenshot(path=str(artifacts / "ouders-binnenkomst-zoeken-768.png"), full_page=True)
    knop.click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile(r"Amrani is binnen")).is_visible()

    # The paper invitation's QR code, typed by a hardware scanner followed by Enter.
    page.get_by_label("Scan of typ de code").fill(f"https://school.example/activiteiten/antwoord/x?u={papier.token}")
    page.get_by_label("Scan of typ de code").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text(re.compile(r"Kowalski is binnen")).is_visible()

    # A walk-in without invitation.
    page.get_by_text("Zonder uitnodiging binnen (inloop)").click()
    page.locator("#inloop_naam").fill("Buurvrouw Samira")
    page.locator("#inloop_taal").select_option("ar")
    page.locator("#inloop_volwassenen").fill("1")
    page.locator("#inloop_kinderen").fill("2")
    page.get_by_role("button", name="Binnen", exact=True).click()
    page.wait_for_load_state()

    assert page.get_by_text(re.compile(r"Buurvrouw Samira is binnen")).is_visible()
    assert page.get_by_role("status").filter(has_text="3 binnen").is_visible()
    assert Binnenkomst.objects.filter(ouderactiviteit=activiteit).count() == 3
    assert_touch_targets(page)
    assert_accessible(page, "binnenkomst 768")
    page.screenshot(path=str(artifacts / "ouders-binnenkomst-768.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    assert_accessible(page, "binnenkomst 1280")
    page.screenshot(path=str(artifacts / "ouders-binnenkomst-1280.png"), full_page=True)


def test_the_coordinators_pages_are_accessible_at_both_widths(live_server, page, artifacts, school, avond):
    activiteit, coordinator = avond
    services.check_in_inloop(ouderactiviteit=activiteit, door=coordinator.user, naam="Inloper", taal="tr")
    eerder = maak_ouderactiviteit(
        school,
        coordinator.user,
        titel="Koffieochtend",
        soort="koffieochtend",
        datum=timezone.localdate() - dt.timedelta(days=14),
    )
    services.check_in_inloop(ouderactiviteit=eerder, door=coordinator.user, naam="Vaste bezoeker", taal="nl")
    _inloggen(page, live_server, coordinator)
    paginas = [
        ("lijst", "/activiteiten/ouders/"),
        ("detail", f"/activiteiten/ouders/{activiteit.pk}/"),
        ("uitnodigen", f"/activiteiten/ouders/{activiteit.pk}/uitnodigen/"),
        ("nieuw", "/activiteiten/ouders/nieuw/"),
        ("reeks", "/activiteiten/ouders/reeks/"),
        ("opkomst", "/activiteiten/ouders/opkomst/"),
    ]

    for breedte, maat in (("768", TABLET), ("1280", DESKTOP)):
        page.set_viewport_size(maat)
        for naam, pad in paginas:
            page.goto(live_server.url + pad)
            assert_accessible(page, f"{naam} {breedte}")
            page.screenshot(path=str(artifacts / f"ouders-{naam}-{breedte}.png"), full_page=True)

    page.goto(f"{live_server.url}/activiteiten/ouders/{activiteit.pk}/")
    assert page.get_by_text("halal (1)").is_visible()
