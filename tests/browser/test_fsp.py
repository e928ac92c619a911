"""A walk-in question in under 20 seconds on a tablet: from the start page, a tap on the category,
a few letters of a child's name and a tap on the family, "wordt een intake", save. Then the
intake and the referral pages with axe. Counted taps, screenshots."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.fsp import services
from gezinnen.models import Doel, Vraag
from gezinnen.services import record_toestemming
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, assert_touch_targets
from tests.browser.test_signalen import _inloggen
from tests.conftest import make_persona
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GroepFactory, gezin_met_kinderen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TAPS = 6


def test_a_walk_in_question_on_a_tablet_in_a_few_taps(live_server, page, artifacts, school):
    brugfunctionaris = make_persona(rol=Rol.BRUGFUNCTIONARIS, school=school)
    oka = make_persona(rol=Rol.OKA, school=school)
    groep = GroepFactory(school=school, naam="Groep 4")
    gezin, (kind, _), _ = gezin_met_kinderen(school=school, groep=groep, achternaam="Bakker")
    gezin_met_kinderen(school=school, groep=groep, achternaam="Vos")
    page.set_viewport_size(TABLET)
    _inloggen(page, live_server, brugfunctionaris)
    assert_accessible(page, "start met Familieservicepunt")
    page.screenshot(path=str(artifacts / "fsp-start-768.png"), full_page=True)
    taps = 0

    begin = time.monotonic()
    page.locator("main").get_by_role("link", name="Vraag registreren").first.click()
    taps += 1
    page.wait_for_url(re.compile(r"/gezinnen/fsp/vragen/nieuw/"))
    assert_touch_targets(page)
    page.get_by_text("Geld en regelingen").click()
    taps += 1
    page.get_by_label("Of zoek het gezin via de naam van een kind").press_sequentially("bak")  # typing
    page.get_by_text(kind.volledige_naam).click()
    taps += 1
    page.get_by_text("Wordt een intake").click()
    taps += 1
    page.wait_for_timeout(300)  # let the tiles' colour transition finish for the screenshot
    page.screenshot(path=str(artifacts / "fsp-vraag-768.png"), full_page=True)
    assert_accessible(page, "vraag registreren")
    page.get_by_role("button", name="Vraag opslaan").click()
    taps += 1
    page.wait_for_url(re.compile(r"/vastgelegd/$"))
    duur = time.monotonic() - begin

    assert taps <= MAX_TAPS
    assert duur < 20
    vraag = Vraag.objects.get()
    assert (vraag.gezin, vraag.categorie, vraag.ter_plekke_beantwoord) == (gezin, "geld", False)
    assert "Vraag vastgelegd" in page.content()
    assert_accessible(page, "vraag vastgelegd")
    page.screenshot(path=str(artifacts / "fsp-vraag-vastgelegd-768.png"), full_page=True)

    page.get_by_role("link", name="Intake starten").click()
    page.wait_for_url(re.compile(r"/intakes/nieuw/"))
    assert page.get_by_label("Eigenaar (OKA of Buurtteam)").input_value() == str(oka.user.pk)  # the only one
    page.get_by_role("button", name="Intake aanmaken").click()
    page.wait_for_url(re.compile(r"/intakes/\d+/$"))
    assert "De intake is aangemaakt" in page.content()
    vraag.refresh_from_db()
    assert vraag.hulpvraag is not None
    assert_accessible(page, "intake")
    page.screenshot(path=str(artifacts / "fsp-intake-768.png"), full_page=True)


def test_intake_and_referral_pages_are_accessible(live_server, page, artifacts, school):
    buurtteam = make_persona(rol=Rol.BUURTTEAM, school=school)
    gezin, _, _ = gezin_met_kinderen(school=school, achternaam="Yilmaz")
    partner = PartnerFactory(bestuur=school.bestuur, naam="Voedselbank West")
    hulpvraag = services.create_hulpvraag(
        school=school,
        gezin=gezin,
        eigenaar=buurtteam.user,
        categorieen=[Hulpdomein.GELD, Hulpdomein.SCHULDEN],
        aanleiding="Vraag over een aanmaning",
        vertrouwelijke_notities="Achterstand bij de energieleverancier",
    )
    services.add_actiepunt(hulpvraag=hulpvraag, omschrijving="Brieven meenemen", wie="vader")
    page.set_viewport_size(DESKTOP)
    _inloggen(page, live_server, buurtteam)

    page.goto(f"{live_server.url}/gezinnen/fsp/doorverwijzingen/nieuw/?hulpvraag={hulpvraag.pk}")
    page.get_by_label("Partner (sociale kaart)").select_option(label="Voedselbank West")
    page.get_by_role("button", name="Doorverwijzen").click()
    page.wait_for_load_state()
    assert "geen toestemming" in page.content()  # refused at the form
    assert_accessible(page, "doorverwijzing geweigerd")
    page.screenshot(path=str(artifacts / "fsp-doorverwijzing-geweigerd-1280.png"), full_page=True)

    record_toestemming(
        gezin=gezin, doel=Doel.DELEN_FSP, gegeven=True, datum=dt.date.today(), vastgelegd_door=buurtteam.user
    )
    page.get_by_label("Partner (sociale kaart)").select_option(label="Voedselbank West")
    page.get_by_role("button", name="Doorverwijzen").click()
    page.wait_for_url(re.compile(r"/doorverwijzingen/\d+/$"))
    assert "Doorverwezen naar Voedselbank West" in page.content()
    assert_accessible(page, "doorverwijzing")
    page.screenshot(path=str(artifacts / "fsp-doorverwijzing-1280.png"), full_page=True)

    page.goto(f"{live_server.url}{hulpvraag.get_absolute_url()}")
    assert_accessible(page, "intake met doorverwijzing")
    page.screenshot(path=str(artifacts / "fsp-intake-1280.png"), full_page=True)
    page.goto(f"{live_server.url}/gezinnen/fsp/")
    assert_accessible(page, "familieservicepunt")
    page.goto(f"{live_server.url}/gezinnen/fsp/intakes/")
    assert_accessible(page, "intakes")
    page.goto(f"{live_server.url}/gezinnen/fsp/doorverwijzingen/")
    assert_accessible(page, "doorverwijzingen")
    page.goto(f"{live_server.url}{partner.get_absolute_url()}")
    assert_accessible(page, "partner met tellingen")
    page.screenshot(path=str(artifacts / "fsp-partner-1280.png"), full_page=True)


def test_the_coordinator_sees_status_only(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    oka = make_persona(rol=Rol.OKA, school=school)
    gezin, _, _ = gezin_met_kinderen(school=school, achternaam="De Vries")
    services.save_spreekuur(
        school=school,
        weekdag=0,
        begintijd=dt.time(8, 30),
        eindtijd=dt.time(10, 0),
        locatie="Ouderkamer",
        medewerkers=[oka.user],
    )
    hulpvraag = services.create_hulpvraag(
        school=school,
        gezin=gezin,
        eigenaar=oka.user,
        categorieen=[Hulpdomein.OPVOEDING],
        aanleiding="Slaapproblemen",
        vertrouwelijke_notities="Zeer vertrouwelijk",
    )
    page.set_viewport_size(DESKTOP)
    _inloggen(page, live_server, coordinator)

    page.goto(f"{live_server.url}/gezinnen/fsp/")
    assert_accessible(page, "familieservicepunt coordinator")
    page.screenshot(path=str(artifacts / "fsp-overzicht-coordinator-1280.png"), full_page=True)
    page.goto(f"{live_server.url}/gezinnen/fsp/intakes/")
    assert_accessible(page, "intakes coordinator")
    page.goto(f"{live_server.url}{hulpvraag.get_absolute_url()}")
    assert_accessible(page, "intake coordinator")
    page.screenshot(path=str(artifacts / "fsp-intake-coordinator-1280.png"), full_page=True)

    assert "Zeer vertrouwelijk" not in page.content()
    assert "Slaapproblemen" not in page.content()
    assert "De Vries" in page.content()
