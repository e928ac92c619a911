"""A signal in under 30 seconds on a tablet: from any page, the header button, a few letters of
the name, a tap on the pupil, the category and the level, save. Counted taps, axe, screenshots."""

from __future__ import annotations

import re
import time

import pytest

from familieschool.mfa import code_for_secret, demo_secret
from familieschool.roles import Rol
from gezinnen.models import Signaal
from gezinnen.signalen import services
from tests.browser.test_shell import TABLET, assert_accessible, assert_touch_targets, login
from tests.conftest import make_persona
from tests.gezinnen.factories import GroepFactory, LeerlingFactory, gezin_met_kinderen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TAPS = 6


def _inloggen(page, live_server, persona):
    login(page, live_server.url, persona.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(persona.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_teacher_logs_a_signal_on_a_tablet_in_at_most_six_taps(live_server, page, artifacts, school):
    leerkracht = make_persona(rol=Rol.LEERKRACHT, school=school)
    buurtteam = make_persona(rol=Rol.BUURTTEAM, school=school)
    groep = GroepFactory(school=school, naam="Groep 6")
    _, (kind, _), _ = gezin_met_kinderen(school=school, groep=groep, achternaam="Öztürk")
    for n in range(6):
        LeerlingFactory(school=school, groep=groep, roepnaam=f"Sam{n}", achternaam="Vos")
    page.set_viewport_size(TABLET)
    _inloggen(page, live_server, leerkracht)
    page.goto(f"{live_server.url}/partners/")  # any page: the button is in the header
    taps = 0

    begin = time.monotonic()
    page.get_by_role("link", name="Signaal melden").click()
    taps += 1
    page.wait_for_url(re.compile(r"/gezinnen/signalen/nieuw/"))
    assert_touch_targets(page)
    page.get_by_label("Zoek de leerling").press_sequentially("ozt")  # typing, not a tap
    page.get_by_text(kind.volledige_naam).click()
    taps += 1
    page.get_by_text("Geld en regelingen").click()
    taps += 1
    page.get_by_text("Grote zorg").click()
    taps += 1
    page.wait_for_timeout(300)  # let the tiles' colour transition finish for the screenshot
    page.screenshot(path=str(artifacts / "signaal-melden-768.png"), full_page=True)
    assert_accessible(page, "signaal melden")
    page.get_by_role("button", name="Signaal opslaan").click()
    taps += 1
    page.wait_for_url(re.compile(r"/vastgelegd/$"))
    duur = time.monotonic() - begin

    assert taps <= MAX_TAPS
    assert duur < 30
    assert "Signaal vastgelegd" in page.content()
    assert buurtteam.user.naam in page.content()  # who picks it up
    signaal = Signaal.objects.get()
    assert (signaal.leerling, signaal.categorie, signaal.zorgniveau) == (kind, "geld", "groot")
    assert_accessible(page, "signaal vastgelegd")
    page.screenshot(path=str(artifacts / "signaal-vastgelegd-768.png"), full_page=True)


def test_the_handler_follows_up_and_closes_a_signal_on_a_tablet(live_server, page, artifacts, school):
    leerkracht = make_persona(rol=Rol.LEERKRACHT, school=school)
    buurtteam = make_persona(rol=Rol.BUURTTEAM, school=school)
    _, (kind, _), _ = gezin_met_kinderen(school=school)
    signaal = services.create_signaal(school=school, gemeld_door=leerkracht.user, leerling=kind, categorie="geld")
    page.set_viewport_size(TABLET)
    _inloggen(page, live_server, buurtteam)

    assert "1 open voor jou" in page.content()
    page.goto(f"{live_server.url}{signaal.get_absolute_url()}")
    assert_accessible(page, "signaal")
    page.get_by_label("Nieuwe status").select_option("afgerond")
    page.get_by_role("button", name="Status wijzigen").click()
    page.wait_for_load_state()
    assert "Beschrijf de uitkomst" in page.content()  # closing needs an outcome
    page.get_by_label("Nieuwe status").select_option("afgerond")
    page.get_by_label("Uitkomst (nodig bij afronden)").fill("Stadspas aangevraagd met moeder.")
    page.get_by_role("button", name="Status wijzigen").click()
    page.wait_for_load_state()

    signaal.refresh_from_db()
    assert signaal.status == "afgerond"
    assert_touch_targets(page)
    assert_accessible(page, "signaal afgerond")
    page.screenshot(path=str(artifacts / "signaal-afgerond-768.png"), full_page=True)
