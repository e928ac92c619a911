"""The dashboards in a real browser: the coordinator's school dashboard and the board's comparison
at 1280 and 768 px, every chart drawn by the vendored Chart.js under the app's CSP, axe finds no
WCAG 2.1 AA violation; the board sorts a column (aria-sort) and drills down to a school and back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from familieschool.roles import Rol
from gezinnen.models import Doorverwijzing, Signaal, Vraag
from gezinnen.signalen import services as signaal_services
from tests.browser.test_bereik import _demo, _grafieken_getekend
from tests.browser.test_shell import TABLET, assert_accessible, login
from tests.browser.test_signalen import _inloggen
from tests.conftest import make_persona
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GezinFactory, LeerlingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _meer(school, door, startjaar: int) -> None:
    """Signals, walk-in questions and referrals in the school year ``startjaar`` (and a few the
    year before), enough for figures of 5 and more next to some that are suppressed."""
    kind = LeerlingFactory(school=school)
    gezin = GezinFactory(school=school)
    for n, (categorie, maand) in enumerate(
        [("geld", 10)] * 7 + [("opvoeding", 11)] * 6 + [("wonen", 1)] * 2 + [("school", 9)] * 3
    ):
        signaal = signaal_services.create_signaal(school=school, gemeld_door=door, leerling=kind, categorie=categorie)
        jaar = startjaar if maand >= 8 else startjaar + 1
        if n % 6 == 5:
            jaar -= 1  # one in six in the year before
        gemeld = timezone.make_aware(dt.datetime(jaar, maand, 1 + n, 9))
        Signaal.objects.filter(pk=signaal.pk).update(
            created_at=gemeld, eerste_actie_op=gemeld + dt.timedelta(hours=2 + n)
        )
    for n in range(27):  # 9 a month from September to November: "<5" only for the on-the-spot split
        maand = (9, 10, 11)[n % 3]
        Vraag.objects.create(
            school=school,
            gesteld_op=timezone.make_aware(dt.datetime(startjaar if maand >= 8 else startjaar + 1, maand, 3 + n, 9)),
            categorie="geld",
            ter_plekke_beantwoord=n % 3 != 0,
            geregistreerd_door=door,
        )
    for n in range(7):
        Doorverwijzing.objects.create(
            school=school,
            gezin=gezin,
            partner=PartnerFactory(bestuur=school.bestuur, soort=("buurtteam", "jgz", "sportvereniging")[n % 3]),
            categorie="geld",
            datum=dt.date(startjaar, 10, 1 + n),
            terugkoppeling_voor=dt.date(startjaar, 11, 1),
            door=door,
        )


def test_coordinator_sees_the_school_dashboard_with_charts_and_a_pdf(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    startjaar, _ = _demo(school, coordinator.user)
    _meer(school, coordinator.user, startjaar)
    fouten: list[str] = []
    page.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    _inloggen(page, live_server, coordinator)

    page.get_by_role("link", name="Naar het dashboard").click()  # from the start page
    page.wait_for_url("**/dashboard/")
    page.select_option("#id_schooljaar", str(startjaar))
    page.get_by_role("button", name="Toon cijfers").click()
    page.wait_for_url(f"**/dashboard/?schooljaar={startjaar}")
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-grafiek]').length === 3")

    assert _grafieken_getekend(page) == {"groep": True, "signalen": True, "fsp": True}
    assert fouten == []  # no CSP violation, no script error
    tekst = page.locator("main").inner_text()
    assert "Groep 5a" in tekst and "Geld en regelingen" in tekst and "Buurtteam" in tekst
    assert "<5" in tekst
    assert_accessible(page, "schooldashboard 1280")
    page.screenshot(path=str(artifacts / "dashboard-school-1280.png"), full_page=True)

    page.set_viewport_size(TABLET)
    page.wait_for_timeout(200)  # Chart.js resizes on the next frame
    assert _grafieken_getekend(page) == {"groep": True, "signalen": True, "fsp": True}
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "schooldashboard 768")
    page.screenshot(path=str(artifacts / "dashboard-school-768.png"), full_page=True)

    href = page.get_by_role("link", name="PDF voor het teamoverleg").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")


def test_board_compares_sorts_and_drills_down(live_server, page, artifacts, school, andere_school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    bestuur = make_persona(rol=Rol.BESTUUR, school=school)
    startjaar, _ = _demo(school, coordinator.user)
    _meer(school, coordinator.user, startjaar)
    for _ in range(3):
        LeerlingFactory(school=andere_school)  # a small school: "<5" everywhere
    fouten: list[str] = []
    page.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    login(page, live_server.url, bestuur.user.email)  # no MFA: the board reads no family data
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/dashboard/bestuur/?schooljaar={startjaar}")
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-grafiek]').length === 2")

    assert _grafieken_getekend(page) == {"bereik": True, "uren": True}
    assert fouten == []
    rijen = page.locator("main table tbody tr")
    assert rijen.count() == 2
    assert "<5" in rijen.filter(has_text=andere_school.naam).inner_text()
    assert_accessible(page, "bestuursdashboard 1280")
    page.screenshot(path=str(artifacts / "dashboard-bestuur-1280.png"), full_page=True)

    page.locator("th[data-kolom=bereik] a").click()
    page.wait_for_url("**sorteer=bereik**")
    assert page.locator("th[data-kolom=bereik]").get_attribute("aria-sort") == "descending"
    assert rijen.first.locator("th").inner_text().strip() == school.naam  # highest reach first

    page.set_viewport_size(TABLET)
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "bestuursdashboard 768")
    page.screenshot(path=str(artifacts / "dashboard-bestuur-768.png"), full_page=True)

    page.get_by_role("link", name=school.naam).click()
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-grafiek]').length === 3")
    assert page.locator("h1").inner_text().endswith(school.naam)
    assert_accessible(page, "drill-down 768")
    page.screenshot(path=str(artifacts / "dashboard-bestuur-school-768.png"), full_page=True)
    page.get_by_role("link", name="Scholen vergelijken").last.click()
    page.wait_for_url(f"**/dashboard/bestuur/?schooljaar={startjaar}")
