"""The coordinator's Rijke schooldag in a real browser: an activity is created with its sessions,
pupils are found and enrolled (one without consent from a signed paper form), a child not yet
reached is invited with one click; axe on every page at tablet and desktop width, screenshots."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from activiteiten.models import Activiteit, ActiviteitUitnodiging, Inschrijving
from familieschool.mfa import code_for_secret, demo_secret
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from gezinnen.models import Doel, Toestemming
from tests.activiteiten.factories import kinderen_met_toestemming, maak_blok
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, assert_touch_targets, login
from tests.conftest import make_persona
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GroepFactory, gezin_met_kinderen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inloggen(page, live_server, persona):
    login(page, live_server.url, persona.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(persona.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")


def test_the_coordinator_creates_an_activity_and_enrols_pupils_on_a_tablet(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    vandaag = dt.date.today()
    maak_blok(school, naam="Blok nu", van=vandaag - dt.timedelta(days=14), tot=vandaag + dt.timedelta(days=42))
    PartnerFactory(bestuur=school.bestuur, naam="Judoschool Yıldırım")
    groep = GroepFactory(school=school, schooljaar=schooljaar_for_date(vandaag), naam="Groep 5", jaargroep="5")
    (met_toestemming,) = kinderen_met_toestemming(school, coordinator.user, 1, groep=groep, achternaam="Yilmaz")
    gezin, (papier,), _ = gezin_met_kinderen(school=school, aantal=1, groep=groep, achternaam="Yildiz")
    page.set_viewport_size(TABLET)
    _inloggen(page, live_server, coordinator)

    page.get_by_role("link", name="Rijke schooldag").first.click()
    page.get_by_role("link", name="Activiteit toevoegen").click()
    page.locator("#id_titel").fill("Judo")
    page.get_by_label("Sport en bewegen").check()
    page.locator("#id_aanbieder").select_option(label="Judoschool Yıldırım")
    page.get_by_label("Groep 5").check()
    page.locator("#id_capaciteit").fill("12")
    page.locator("#id_weekdag").select_option(label="dinsdag")
    page.locator("#id_begintijd").fill("14:30")
    page.locator("#id_eindtijd").fill("15:30")
    assert_accessible(page, "activiteit toevoegen")
    page.screenshot(path=str(artifacts / "activiteit-form-768.png"), full_page=True)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/activiteiten/\d+/$"))
    assert page.get_by_text(re.compile(r"\d+ bijeenkomsten gepland")).is_visible()

    # Find a pupil by a few letters, tick; find the other, tick; the paper form was signed.
    zoek = page.get_by_label("Leerling zoeken")
    zoek.press_sequentially("yilm")
    page.get_by_label(re.compile(met_toestemming.volledige_naam)).check()
    zoek.press_sequentially("yildi")
    page.get_by_label(re.compile(papier.volledige_naam)).check()
    page.get_by_label("Papieren aanmeldformulier met handtekening van de ouder").check()
    assert_touch_targets(page)
    assert_accessible(page, "inschrijven")
    page.get_by_role("button", name="Inschrijven").click()
    page.wait_for_load_state()

    assert page.get_by_text("2 geplaatst").is_visible()
    activiteit = Activiteit.objects.get(titel="Judo")
    assert set(Inschrijving.objects.filter(activiteit=activiteit).values_list("leerling_id", flat=True)) == {
        met_toestemming.pk,
        papier.pk,
    }
    assert Toestemming.objects.get(gezin=gezin, doel=Doel.ACTIVITEITEN).gegeven
    page.screenshot(path=str(artifacts / "activiteit-detail-768.png"), full_page=True)
    assert_accessible(page, "activiteit")


def test_one_click_invites_a_child_not_yet_reached(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    vandaag = dt.date.today()
    maak_blok(school, naam="Blok nu", van=vandaag - dt.timedelta(days=14), tot=vandaag + dt.timedelta(days=42))
    groep = GroepFactory(school=school, schooljaar=schooljaar_for_date(vandaag), naam="Groep 7", jaargroep="7")
    (kind,) = kinderen_met_toestemming(school, coordinator.user, 1, groep=groep, achternaam="Bakker")
    page.set_viewport_size(DESKTOP)
    _inloggen(page, live_server, coordinator)

    page.goto(f"{live_server.url}/activiteiten/nog-niet-bereikt/")
    page.get_by_role("link", name="Groep 7").click()
    assert_accessible(page, "nog niet bereikt")
    page.get_by_role("button", name=f"Uitnodigen {kind.volledige_naam}").click()
    page.wait_for_load_state()

    assert page.get_by_text("1 leerling(en) uitgenodigd voor Blok nu").is_visible()
    assert ActiviteitUitnodiging.objects.filter(leerling=kind).exists()
    page.screenshot(path=str(artifacts / "nog-niet-bereikt-1280.png"), full_page=True)


@pytest.mark.parametrize("viewport", [TABLET, DESKTOP], ids=["768", "1280"])
def test_the_rijke_schooldag_pages_are_accessible(live_server, page, artifacts, school, viewport):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    blok = maak_blok(school, naam="Blok nu", van=dt.date.today(), tot=dt.date.today() + dt.timedelta(days=42))
    page.set_viewport_size(viewport)
    _inloggen(page, live_server, coordinator)

    for naam, pad in [
        ("activiteiten", "/activiteiten/"),
        ("blokken", f"/activiteiten/blokken/?schooljaar={blok.schooljaar.startjaar}"),
        ("studiedag", "/activiteiten/kalender/studiedag/"),
        ("blok", f"/activiteiten/blokken/{blok.pk}/"),
    ]:
        page.goto(live_server.url + pad)
        assert_accessible(page, naam)
        page.screenshot(path=str(artifacts / f"rijke-schooldag-{naam}-{viewport['width']}.png"), full_page=True)
