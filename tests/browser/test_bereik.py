"""The reach overview in a real browser: the coordinator opens it at 1280 and 768 px, every chart is
drawn by the vendored Chart.js (under the app's CSP), axe finds no WCAG 2.1 AA violation, and
choosing a block in the form shows that block. The board sees the same page with "<5"."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from activiteiten.models import Bijeenkomst, Doorstroom, Inschrijving, Presentie
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, assert_touch_targets, login
from tests.browser.test_signalen import _inloggen
from tests.conftest import make_persona
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GroepFactory, LeerlingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRAFIEKEN = ["groep", "jaargroep", "gebied", "presentie", "doorstroom"]
T = dt.time


def _demo(school, door):
    """Last school year (always in the past): 4 groups of 12, two blocks, five activities in four
    areas, weekly sessions with a register, and a few pupils who joined a club."""
    startjaar = schooljaar_for_date().startjaar - 1
    blok1 = maak_blok(school, naam="Blok 1", van=dt.date(startjaar, 9, 1), tot=dt.date(startjaar, 10, 16))
    blok2 = maak_blok(school, naam="Blok 2", van=dt.date(startjaar + 1, 1, 12), tot=dt.date(startjaar + 1, 2, 13))
    kinderen = []
    for jaargroep, naam in [("5", "Groep 5a"), ("6", "Groep 6a"), ("7", "Groep 7b"), ("8", "Groep 8")]:
        groep = GroepFactory(school=school, naam=naam, jaargroep=jaargroep)
        kinderen += [LeerlingFactory(school=school, groep=groep, jaargroep=jaargroep) for _ in range(12)]
    activiteiten = [
        (maak_activiteit(blok1, titel="Judo", ontwikkelgebied="sport", capaciteit=15), kinderen[0:14]),
        (maak_activiteit(blok1, titel="Theater", ontwikkelgebied="cultuur", weekdag=3, capaciteit=12), kinderen[10:22]),
        (maak_activiteit(blok2, titel="Koken", ontwikkelgebied="zelf", capaciteit=10), kinderen[24:34]),
        (
            maak_activiteit(blok2, titel="Schaken", ontwikkelgebied="cognitief", weekdag=2, capaciteit=10),
            kinderen[30:38],
        ),
        (maak_activiteit(blok2, titel="Dans", ontwikkelgebied="cultuur", weekdag=4, capaciteit=12), kinderen[2:10]),
    ]
    inschrijvingen, bijeenkomsten, presenties = [], [], []
    for activiteit, deelnemers in activiteiten:
        inschrijvingen += [
            Inschrijving(activiteit=activiteit, leerling=kind, status="geplaatst", ingeschreven_door=door)
            for kind in deelnemers
        ]
        eerste = activiteit.blok.begindatum + dt.timedelta(
            days=(activiteit.weekdag - activiteit.blok.begindatum.weekday()) % 7
        )
        for week in range(6):
            bijeenkomsten.append(
                Bijeenkomst(
                    activiteit=activiteit,
                    datum=eerste + dt.timedelta(weeks=week),
                    begintijd=activiteit.begintijd,
                    eindtijd=activiteit.eindtijd,
                    geannuleerd=week == 5 and activiteit.titel == "Judo",
                )
            )
    Inschrijving.objects.bulk_create(inschrijvingen)
    Bijeenkomst.objects.bulk_create(bijeenkomsten)
    per_activiteit = {activiteit.pk: deelnemers for activiteit, deelnemers in activiteiten}
    for bijeenkomst in Bijeenkomst.objects.filter(geannuleerd=False):
        deelnemers = per_activiteit[bijeenkomst.activiteit_id]
        for n, kind in enumerate(deelnemers):
            status = "aanwezig" if (n + bijeenkomst.datum.day) % 5 else ("afwezig_met_reden" if n % 2 else "afwezig")
            presenties.append(Presentie(bijeenkomst=bijeenkomst, leerling=kind, status=status, geregistreerd_door=door))
    Presentie.objects.bulk_create(presenties)
    judoclub = PartnerFactory(bestuur=school.bestuur, naam="Judoclub Noord", soort="sportvereniging")
    muziekschool = PartnerFactory(bestuur=school.bestuur, naam="Muziekschool", soort="cultuur")
    judo, theater = activiteiten[0][0], activiteiten[1][0]
    for kind in kinderen[0:6]:
        Doorstroom.objects.create(
            leerling=kind, partner=judoclub, activiteit=judo, datum=dt.date(startjaar, 11, 1), vastgelegd_door=door
        )
    for kind in kinderen[12:18]:
        Doorstroom.objects.create(
            leerling=kind,
            partner=muziekschool,
            activiteit=theater,
            datum=dt.date(startjaar, 11, 5),
            vastgelegd_door=door,
        )
    return startjaar, blok1


def _grafieken_getekend(page) -> dict[str, bool]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('canvas[data-grafiek]')].map(c => {
                const chart = window.Chart && window.Chart.getChart(c);
                return [c.dataset.grafiek, Boolean(chart) && c.width > 0 && c.height > 0
                        && chart.data.datasets[0].data.length > 0];
            }))"""
    )


def test_coordinator_sees_reach_charts_and_tables(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    startjaar, blok1 = _demo(school, coordinator.user)
    fouten: list[str] = []
    page.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    _inloggen(page, live_server, coordinator)

    page.goto(f"{live_server.url}/activiteiten/bereik/?schooljaar={startjaar}")
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-grafiek]').length === 5")

    assert _grafieken_getekend(page) == dict.fromkeys(GRAFIEKEN, True)
    assert fouten == []  # no CSP violation, no script error
    assert page.locator("main table").count() == 5
    assert "Groep 5a" in page.locator("main table").first.inner_text()
    assert_accessible(page, "bereik 1280")
    page.screenshot(path=str(artifacts / "bereik-coordinator-1280.png"), full_page=True)

    page.set_viewport_size(TABLET)
    page.wait_for_timeout(200)  # Chart.js resizes on the next frame
    assert _grafieken_getekend(page) == dict.fromkeys(GRAFIEKEN, True)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # Every table fits its card on a tablet: no column hidden behind a horizontal scroll.
    assert page.evaluate(
        "() => [...document.querySelectorAll('main .table-responsive')].every(r => r.scrollWidth <= r.clientWidth)"
    )
    assert_accessible(page, "bereik 768")
    assert_touch_targets(page)
    page.screenshot(path=str(artifacts / "bereik-coordinator-768.png"), full_page=True)

    page.select_option("#id_blok", str(blok1.pk))
    page.get_by_role("button", name="Toon cijfers").click()
    page.wait_for_url(re.compile(rf"blok={blok1.pk}"))
    page.wait_for_function("() => window.Chart && window.Chart.getChart(document.querySelector('canvas'))")

    assert "Blok 1" in page.locator(".page-intro").inner_text()
    assert_accessible(page, "bereik blok 768")
    page.screenshot(path=str(artifacts / "bereik-blok-768.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_board_sees_suppressed_small_numbers(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    bestuur = make_persona(rol=Rol.BESTUUR, school=school)
    startjaar, _ = _demo(school, coordinator.user)
    login(page, live_server.url, bestuur.user.email)  # no MFA: the board reads no family data
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/activiteiten/bereik/?schooljaar={startjaar}")
    page.wait_for_function("() => window.Chart && window.Chart.getChart(document.querySelector('canvas'))")

    assert "<5" in page.locator("main").inner_text()  # groep 8: two pupils in Schaken
    assert_accessible(page, "bereik bestuur")
    page.screenshot(path=str(artifacts / "bereik-bestuur-1280.png"), full_page=True)
