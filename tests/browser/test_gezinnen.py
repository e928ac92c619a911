"""Pupils and families in a real browser at tablet width: typeahead search, the family file
(logged), recording consent; axe (WCAG 2.1 AA) on every page; screenshots at 1280 and 768 px."""

from __future__ import annotations

import re

import pytest

from familieschool.mfa import code_for_secret, demo_secret
from familieschool.models import Inzage
from familieschool.roles import Rol
from gezinnen.models import Doel, Toestemming
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, assert_touch_targets, login
from tests.conftest import make_persona
from tests.gezinnen.factories import GroepFactory, LeerlingFactory, gezin_met_kinderen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_a_pupil_open_the_family_file_and_record_consent_on_a_tablet(live_server, page, artifacts, school):
    brugfunctionaris = make_persona(rol=Rol.BRUGFUNCTIONARIS, school=school)
    groep = GroepFactory(school=school, naam="Groep 5")
    gezin, (anais, _), (moeder,) = gezin_met_kinderen(school=school, groep=groep, achternaam="Dijk")
    anais.roepnaam, anais.tussenvoegsel = "Anaïs", "van"
    from gezinnen import services

    services.refresh_leerling_zoektekst(anais)
    anais.save()
    for n in range(4):
        LeerlingFactory(school=school, groep=groep, roepnaam=f"Bram{n}", achternaam="Vos")

    page.set_viewport_size(TABLET)
    login(page, live_server.url, brugfunctionaris.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(brugfunctionaris.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/gezinnen/leerlingen/")
    assert_accessible(page, "leerlingen")
    page.locator("#id_q").press_sequentially("anais")
    page.wait_for_url(re.compile(r"q=anais"))
    page.locator("#leerling-resultaten").get_by_text("Anaïs van Dijk").wait_for()
    assert page.locator("#leerling-resultaten tbody tr").count() == 1
    assert_touch_targets(page)
    assert_accessible(page, "leerlingen gezocht")
    page.screenshot(path=str(artifacts / "leerlingen-768.png"), full_page=True)

    page.get_by_role("link", name="Anaïs van Dijk").click()
    page.get_by_role("link", name="Gezinsdossier").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{gezin.pk}/$"))
    assert moeder.volledige_naam in page.content()
    assert Inzage.objects.filter(record_type="gezinnen.gezin", record_id=str(gezin.pk)).exists()
    assert_touch_targets(page)
    assert_accessible(page, "gezinsdossier tablet")
    page.screenshot(path=str(artifacts / "gezin-768.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    assert_accessible(page, "gezinsdossier desktop")
    page.screenshot(path=str(artifacts / "gezin-1280.png"), full_page=True)
    page.set_viewport_size(TABLET)

    page.get_by_role("link", name=re.compile(r"Wijzigen\W+deelname aan activiteiten")).click()
    assert_accessible(page, "toestemming")
    page.get_by_label("Gegeven", exact=True).check()
    page.get_by_label("Door welke ouder of verzorger").select_option(str(moeder.pk))
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{gezin.pk}/$"))

    assert "is vastgelegd" in page.content()
    assert Toestemming.objects.get(gezin=gezin, doel=Doel.ACTIVITEITEN).gegeven is True
