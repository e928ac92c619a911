"""Attendance on a tablet: a begeleider opens today's session, taps each child once and saves;
25 children fit on one 768 × 1024 screen. The coordinator's list of what needs attention. Axe
at both widths, touch targets, screenshots."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from activiteiten.models import Bijeenkomst, Inschrijving, InschrijvingStatus, Presentie, PresentieStatus
from activiteiten.presentie import selectors, setup
from familieschool import panels
from familieschool.mfa import code_for_secret, demo_secret
from familieschool.roles import Rol
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, assert_touch_targets, login
from tests.conftest import make_persona
from tests.gezinnen.factories import GroepFactory, LeerlingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROEPNAMEN = [
    "Aya", "Bilal", "Chaima", "Daan", "Elif", "Fatima", "Gijs", "Hamza", "Ilias", "Julia", "Kenza", "Lucas",
    "Mohamed", "Noor", "Omar", "Priya", "Quinty", "Rayan", "Sara", "Tim", "Umut", "Vera", "Wessel", "Yasmina",
    "Zakaria",
]  # fmt: skip
ACHTERNAMEN = ["El Amrani", "de Vries", "Yılmaz", "van den Berg-Kortenhorst", "Bakker"]


@pytest.fixture(autouse=True)
def _start_panel():
    """The panel as ActiviteitenConfig.ready() registers it; afterwards the registry is as it was."""
    vorige = panels._providers.get("start.activiteiten", {}).get("activiteiten.presentie")
    setup.ready()
    yield
    if vorige is None:
        panels.unregister("start.activiteiten", "activiteiten.presentie")


def _inloggen(page, live_server, persona):
    login(page, live_server.url, persona.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(persona.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")


def _activiteit_met_kinderen(school, *, begeleider, coordinator, aantal, titel="Judo"):
    vandaag = timezone.localdate()
    begin = max(vandaag - dt.timedelta(days=35), selectors.schooljaar_begin(vandaag))
    blok = maak_blok(school, naam=f"Blok {titel}", van=begin, tot=vandaag + dt.timedelta(days=35))
    activiteit = maak_activiteit(blok, titel=titel, capaciteit=30, locatie="Gymzaal", begeleiders=[begeleider])
    groep = GroepFactory(school=school, naam="Groep 6")
    kinderen = []
    for n in range(aantal):
        kind = LeerlingFactory(
            school=school, groep=groep, roepnaam=ROEPNAMEN[n % 25], achternaam=ACHTERNAMEN[n % len(ACHTERNAMEN)]
        )
        Inschrijving.objects.create(
            activiteit=activiteit, leerling=kind, status=InschrijvingStatus.GEPLAATST, ingeschreven_door=coordinator
        )
        kinderen.append(kind)
    vandaag_sessie = Bijeenkomst.objects.create(
        activiteit=activiteit, datum=vandaag, begintijd=dt.time(14, 30), eindtijd=dt.time(15, 45)
    )
    return activiteit, kinderen, vandaag_sessie


def test_a_begeleider_takes_attendance_of_25_children_on_a_tablet(live_server, page, artifacts, school):
    begeleider = make_persona(rol=Rol.BEGELEIDER, school=school)
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    _, kinderen, bijeenkomst = _activiteit_met_kinderen(
        school, begeleider=begeleider.user, coordinator=coordinator.user, aantal=25
    )
    # Someone else's session today: not on this begeleider's page.
    _activiteit_met_kinderen(
        school, begeleider=coordinator.user, coordinator=coordinator.user, aantal=2, titel="Theater"
    )
    page.set_viewport_size(TABLET)
    _inloggen(page, live_server, begeleider)

    # The start page offers today's session; the attendance page lists it as a big button.
    assert page.get_by_role("link", name=re.compile("Judo")).first.is_visible()
    page.screenshot(path=str(artifacts / "presentie-start-begeleider-768.png"), full_page=True)
    page.goto(f"{live_server.url}/activiteiten/vandaag/")
    assert "Theater" not in page.content()
    assert_touch_targets(page)
    assert_accessible(page, "presentie vandaag")
    page.screenshot(path=str(artifacts / "presentie-vandaag-768.png"), full_page=True)
    page.get_by_role("link", name=re.compile("Judo")).click()
    page.wait_for_url(re.compile(rf"/bijeenkomsten/{bijeenkomst.pk}/presentie/$"))

    # 25 children on one screen: every row lies inside the viewport, nothing to scroll.
    rijen = page.locator(".presentie-rij")
    assert rijen.count() == 25
    onderkant = max(rijen.nth(i).bounding_box()["y"] + rijen.nth(i).bounding_box()["height"] for i in range(25))
    assert onderkant <= TABLET["height"], f"laatste rij eindigt op {onderkant}px"
    assert page.evaluate("window.scrollY") == 0
    assert page.get_by_label("Duur in minuten").input_value() == "75"  # the planned duration
    assert_touch_targets(page)
    assert_accessible(page, "presentie registreren (leeg)")
    page.screenshot(path=str(artifacts / "presentie-registreren-leeg-768.png"))

    # One tap per child.
    verwacht = {}
    for n, kind in enumerate(kinderen):
        status = {3: PresentieStatus.AFWEZIG, 7: PresentieStatus.AFWEZIG_MET_REDEN}.get(n, PresentieStatus.AANWEZIG)
        page.locator(f"label[for='status-{kind.pk}-{status}']").click()
        verwacht[kind.pk] = status
    assert page.locator("[data-presentie-teller]").inner_text() == "25 van 25 gekozen"
    page.get_by_label("Duur in minuten").fill("70")
    page.wait_for_timeout(200)  # the tiles' colour transition, for the screenshot
    page.screenshot(path=str(artifacts / "presentie-registreren-768.png"))
    assert_accessible(page, "presentie registreren (ingevuld)")
    page.get_by_role("button", name="Presentie opslaan").click()
    page.wait_for_url(f"{live_server.url}/activiteiten/vandaag/")

    assert "opgeslagen: 23 aanwezig, 1 afwezig, 1 afwezig met reden" in page.content()
    assert dict(Presentie.objects.filter(bijeenkomst=bijeenkomst).values_list("leerling_id", "status")) == verwacht
    assert Presentie.objects.filter(geregistreerd_door=begeleider.user).count() == 25
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.werkelijke_minuten == 70
    assert_accessible(page, "presentie vandaag na opslaan")
    page.screenshot(path=str(artifacts / "presentie-opgeslagen-768.png"), full_page=True)

    # The register again, at desktop width: what was saved is shown, and it still passes axe.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/activiteiten/bijeenkomsten/{bijeenkomst.pk}/presentie/")
    assert page.locator("input.btn-check:checked").count() == 25
    assert_accessible(page, "presentie registreren desktop")
    page.screenshot(path=str(artifacts / "presentie-registreren-1280.png"), full_page=True)


def test_iedereen_aanwezig_then_one_exception_and_the_coordinators_list(live_server, page, artifacts, school):
    begeleider = make_persona(rol=Rol.BEGELEIDER, school=school)
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    activiteit, kinderen, bijeenkomst = _activiteit_met_kinderen(
        school, begeleider=begeleider.user, coordinator=coordinator.user, aantal=6
    )
    vandaag = timezone.localdate()
    # Aya missed the last three sessions (once with a reason) and misses today's too, with a
    # reason; one session has no register.
    for dagen, status in ((21, "afwezig"), (14, "afwezig_met_reden"), (7, "afwezig")):
        eerder = Bijeenkomst.objects.create(
            activiteit=activiteit,
            datum=vandaag - dt.timedelta(days=dagen),
            begintijd=dt.time(14, 30),
            eindtijd=dt.time(15, 45),
        )
        Presentie.objects.bulk_create(
            Presentie(
                bijeenkomst=eerder,
                leerling=kind,
                status=status if kind == kinderen[0] else "aanwezig",
                geregistreerd_door=begeleider.user,
            )
            for kind in kinderen
        )
    Bijeenkomst.objects.create(
        activiteit=activiteit, datum=vandaag - dt.timedelta(days=28), begintijd=dt.time(14, 30), eindtijd=dt.time(15)
    )
    page.set_viewport_size(TABLET)
    _inloggen(page, live_server, coordinator)
    page.screenshot(path=str(artifacts / "presentie-start-coordinator-768.png"), full_page=True)
    assert "1 kind drie keer op rij afwezig" in page.content()

    page.goto(f"{live_server.url}/activiteiten/bijeenkomsten/{bijeenkomst.pk}/presentie/")
    # Saving with one child marked: a message at every other child, nothing saved, the tap kept.
    page.locator(f"label[for='status-{kinderen[2].pk}-afwezig']").click()
    page.get_by_role("button", name="Presentie opslaan").click()
    page.wait_for_load_state()
    assert page.locator(".presentie-rij.is-invalid").count() == 5
    assert f"Kies of {kinderen[0].roepnaam} er was." in page.content()
    assert page.locator(f"#status-{kinderen[2].pk}-afwezig").is_checked()
    assert not Presentie.objects.filter(bijeenkomst=bijeenkomst).exists()
    assert_accessible(page, "presentie met fouten")
    page.screenshot(path=str(artifacts / "presentie-fouten-768.png"), full_page=True)
    page.locator(f"label[for='status-{kinderen[2].pk}-aanwezig']").click()
    page.get_by_role("button", name="Iedereen aanwezig").click()
    page.locator(f"label[for='status-{kinderen[0].pk}-afwezig_met_reden']").click()
    page.get_by_role("button", name="Presentie opslaan").click()
    page.wait_for_url(f"{live_server.url}/activiteiten/vandaag/")

    statussen = dict(Presentie.objects.filter(bijeenkomst=bijeenkomst).values_list("leerling_id", "status"))
    assert statussen == {k.pk: ("afwezig_met_reden" if k == kinderen[0] else "aanwezig") for k in kinderen}

    page.get_by_role("link", name="Wat aandacht vraagt").click()
    page.wait_for_url(re.compile(r"/presentie/aandacht/$"))
    assert page.get_by_role("link", name=re.compile(f"Signaal melden over {kinderen[0].volledige_naam}")).is_visible()
    assert_touch_targets(page)
    assert_accessible(page, "presentie aandacht tablet")
    page.screenshot(path=str(artifacts / "presentie-aandacht-768.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    assert_accessible(page, "presentie aandacht desktop")
    page.screenshot(path=str(artifacts / "presentie-aandacht-1280.png"), full_page=True)

    # The suggestion leads to the signal form with the child already chosen.
    page.get_by_role("link", name=re.compile("Signaal melden over")).click()
    page.wait_for_url(re.compile(rf"/gezinnen/signalen/nieuw/\?leerling={kinderen[0].pk}$"))
    assert kinderen[0].volledige_naam in page.locator("#leerling-keuze").inner_text()
