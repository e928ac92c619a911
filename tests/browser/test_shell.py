"""The flows people use, in a real browser: log in with TOTP, set up MFA, switch school; axe
(WCAG 2.1 AA) on the login, MFA, start and error pages; screenshots at 1280 and 768 px."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from axe_playwright_python.sync_playwright import Axe

from familieschool.mfa import code_for_secret, demo_secret
from familieschool.models import Lidmaatschap
from familieschool.roles import Rol
from tests.conftest import make_persona
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG21AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}


def assert_accessible(page, naam: str) -> None:
    results = Axe().run(page, options=WCAG21AA)
    assert results.violations_count == 0, f"{naam}: {results.generate_report()}"


def assert_touch_targets(page) -> None:
    """Every visible button, link in the navigation and form control is at least 44 px high
    (for a checkbox or radio: the row with its label, which is what a finger taps)."""
    small = page.evaluate(
        """() => [...document.querySelectorAll(
                  'main button, main .btn, main input:not([type=hidden]), main select, .navbar .nav-link, '
                  + '.navbar-toggler, .school-switch button, .school-switch select')]
            .filter(el => el.offsetParent !== null)
            // A checkbox or radio is tapped through its label: the whole .form-check row counts.
            .map(el => [el, el.matches('.btn-check') ? el.nextElementSibling  // a toggle button: its label
                            : el.matches('[type=checkbox], [type=radio]') ? (el.closest('.form-check') || el) : el])
            .map(([el, target]) => [el.outerHTML.slice(0, 80), target.getBoundingClientRect().height])
            .filter(([_, h]) => h < 44)"""
    )
    assert small == [], small


def login(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def test_login_with_totp_switch_school_and_axe(live_server, page, artifacts, school, andere_school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    Lidmaatschap.objects.create(user=coordinator.user, school=andere_school, rol=Rol.COORDINATOR)

    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, "inlogpagina")
    page.screenshot(path=str(artifacts / "login-1280.png"), full_page=True)
    page.set_viewport_size(TABLET)
    page.screenshot(path=str(artifacts / "login-768.png"), full_page=True)
    page.set_viewport_size(DESKTOP)

    login(page, live_server.url, coordinator.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page, "tweestapscode")
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(coordinator.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")

    assert school.naam in page.locator("#actieve-school").inner_text()
    assert_accessible(page, "startpagina")
    page.screenshot(path=str(artifacts / "start-coordinator-1280.png"), full_page=True)
    # The coordinator's header (the most menu items) fits: nothing sticks out to the right.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.select_option("#school-kiezen", str(andere_school.pk))
    page.get_by_role("button", name="Wissel").click()
    page.wait_for_load_state()

    assert andere_school.naam in page.locator("#actieve-school").inner_text()
    assert "Je werkt nu voor" in page.content()

    page.set_viewport_size(TABLET)
    assert page.locator(".navbar-toggler").is_visible()
    assert_touch_targets(page)
    assert_accessible(page, "startpagina tablet")
    page.screenshot(path=str(artifacts / "start-coordinator-768.png"), full_page=True)

    page.goto(f"{live_server.url}/bestaat-niet/")
    assert "niet gevonden" in page.content().lower()
    assert_accessible(page, "404")
    page.screenshot(path=str(artifacts / "404-768.png"), full_page=True)

    page.goto(f"{live_server.url}/beheer/inzagelog/")
    assert "geen toegang" in page.content().lower()
    assert_accessible(page, "403")


def test_new_user_must_set_up_mfa_before_the_start_page(live_server, page, artifacts, school):
    leerkracht = make_persona(rol=Rol.LEERKRACHT, school=school)
    Authenticator.objects.filter(user=leerkracht.user).delete()

    login(page, live_server.url, leerkracht.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert_accessible(page, "tweestapsverificatie instellen")
    page.screenshot(path=str(artifacts / "mfa-activate-1280.png"), full_page=True)

    secret = re.search(r"\b([A-Z2-7]{32})\b", page.content()).group(1)
    page.locator("input[name=code]").fill(code_for_secret(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/")

    assert page.url == f"{live_server.url}/"
    assert Authenticator.objects.filter(user=leerkracht.user, type=Authenticator.Type.TOTP).exists()


@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.LEERKRACHT, Rol.BESTUUR])
def test_start_page_for_other_roles_is_accessible_at_both_widths(live_server, page, artifacts, school, rol):
    persona = make_persona(rol=rol, school=school)

    login(page, live_server.url, persona.user.email)
    if rol != Rol.BESTUUR:  # the board role has no TOTP
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.locator("input[name=code]").fill(code_for_secret(demo_secret(persona.user.email)))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")

    for naam, viewport in (("1280", DESKTOP), ("768", TABLET)):
        page.set_viewport_size(viewport)
        assert_accessible(page, f"start {rol} {naam}")
        page.screenshot(path=str(artifacts / f"start-{rol}-{naam}.png"), full_page=True)
    assert_touch_targets(page)
