"""The answer page on a phone (390 × 844): a parent opens the link from the invitation, taps yes,
chooses two adults and one child with childcare and sends; the same in Arabic, right to left.
Axe (WCAG 2.1 AA) before and after answering, touch targets, no sideways scrolling, screenshots."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from activiteiten.models import Aanmelding, AanmeldingStatus
from activiteiten.ouders import rsvp
from familieschool.roles import Rol
from tests.activiteiten.matrix_objects_rsvp import maak_ouderactiviteit, maak_uitnodiging, vervals
from tests.browser.test_shell import assert_accessible, assert_touch_targets
from tests.conftest import make_persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def avond(school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    school.adres, school.postcode = "Zonnestraat 1", "1011 AA"
    school.save()
    return maak_ouderactiviteit(
        school,
        coordinator.user,
        omschrijving="We praten over opvoeden, met koffie en thee. Er is eten voor iedereen.",
        capaciteit=20,
    )


def _pad(uitnodiging, sleutel: str | None = None) -> str:
    """The path of the link the parent got (the live server has its own host and port)."""
    return reverse("activiteiten:antwoord", args=[sleutel or rsvp.sleutel_voor(uitnodiging)])


def _geen_zijwaarts_scrollen(page) -> None:
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], breedte


def _beantwoord_ja(page) -> None:
    page.locator("label[for=komt-ja]").click()
    page.select_option("#id_volwassenen", "2")
    page.select_option("#id_kinderen", "1")
    page.check("#id_kinderopvang_nodig")
    page.locator("#id_dieetwensen").fill("halal")
    page.locator("button.publiek-verstuur").click()
    page.wait_for_url(re.compile(r"bevestigd=1"))


def test_answer_yes_on_a_phone_in_dutch(live_server, page, avond, artifacts):
    uitnodiging = maak_uitnodiging(avond, taal="nl")
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + _pad(uitnodiging))
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_accessible(page, "antwoordpagina")
    assert_touch_targets(page)
    _geen_zijwaarts_scrollen(page)
    page.screenshot(path=str(artifacts / "rsvp-nl-390.png"), full_page=True)

    _beantwoord_ja(page)

    assert page.locator("#bevestiging").is_visible()
    assert "Dank u wel" in page.locator("#bevestiging").inner_text()
    assert_accessible(page, "antwoord bevestigd")
    page.screenshot(path=str(artifacts / "rsvp-nl-bevestigd-390.png"), full_page=True)
    aanmelding = Aanmelding.objects.get(uitnodiging=uitnodiging)
    assert (aanmelding.status, aanmelding.volwassenen, aanmelding.kinderen) == (AanmeldingStatus.KOMT, 2, 1)
    assert aanmelding.kinderopvang_nodig and aanmelding.dieetwensen == "halal"
    # The answer is prefilled when the parent comes back to change it.
    assert page.locator("#komt-ja").is_checked()
    assert page.locator("#id_volwassenen").input_value() == "2"


def test_answer_yes_on_a_phone_in_arabic_right_to_left(live_server, page, avond, artifacts):
    uitnodiging = maak_uitnodiging(avond, taal="ar", achternaam="El Amrani")
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + _pad(uitnodiging))
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    # Right to left: the first tile (yes) stands to the right of the second (no).
    ja = page.locator("label[for=komt-ja]").bounding_box()
    nee = page.locator("label[for=komt-nee]").bounding_box()
    assert ja["x"] > nee["x"]
    assert_accessible(page, "antwoordpagina (ar)")
    assert_touch_targets(page)
    _geen_zijwaarts_scrollen(page)
    page.screenshot(path=str(artifacts / "rsvp-ar-390.png"), full_page=True)

    _beantwoord_ja(page)

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#bevestiging").is_visible()
    assert_accessible(page, "antwoord bevestigd (ar)")
    page.screenshot(path=str(artifacts / "rsvp-ar-bevestigd-390.png"), full_page=True)
    assert Aanmelding.objects.get(uitnodiging=uitnodiging).volwassenen == 2


def test_switch_language_and_say_no_on_a_small_phone(live_server, page, avond, artifacts):
    uitnodiging = maak_uitnodiging(avond, taal="tr")
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + _pad(uitnodiging))
    assert page.locator("html").get_attribute("lang") == "tr"

    page.locator(".publiek-talen a[lang=en]").click()
    page.wait_for_url(re.compile(r"taal=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("label[for=komt-nee]").click()

    # The numbers only matter for a yes: they fold away.
    assert not page.locator("#id_volwassenen").is_visible()
    _geen_zijwaarts_scrollen(page)
    page.locator("button.publiek-verstuur").click()
    page.wait_for_url(re.compile(r"bevestigd=1"))

    assert page.locator("html").get_attribute("lang") == "en"
    assert Aanmelding.objects.get(uitnodiging=uitnodiging).status == AanmeldingStatus.KOMT_NIET
    assert_accessible(page, "antwoord nee (en)")
    page.screenshot(path=str(artifacts / "rsvp-en-nee-360.png"), full_page=True)


def test_a_changed_link_gets_a_friendly_page(live_server, page, avond, artifacts):
    uitnodiging = maak_uitnodiging(avond)
    page.set_viewport_size(PHONE)

    response = page.goto(live_server.url + _pad(uitnodiging, vervals(rsvp.sleutel_voor(uitnodiging))))

    assert response.status == 404
    assert "Deze link werkt niet" in page.locator("main").inner_text()
    assert_accessible(page, "ongeldige link")
    page.screenshot(path=str(artifacts / "rsvp-ongeldig-390.png"), full_page=True)
