"""The aandachtsfunctionaris opens a Meldcode case from a veiligheid signal and records the first
step, answers a question of the afwegingskader and records the decision (a report to Veilig Thuis),
at 1280 px, with axe (WCAG 2.1 AA) on the pages and screenshots."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.models.meldcode import Besluit, MeldcodeStap, Meldcodezaak
from gezinnen.signalen import services as signalen_services
from tests.browser.test_shell import DESKTOP, assert_accessible, assert_touch_targets
from tests.browser.test_signalen import _inloggen
from tests.conftest import make_persona
from tests.gezinnen.factories import gezin_met_kinderen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_aandachtsfunctionaris_opens_a_zaak_and_records_step_one(live_server, page, artifacts, school):
    af = make_persona(rol=Rol.OKA, school=school, aandachtsfunctionaris=True)
    leerkracht = make_persona(rol=Rol.LEERKRACHT, school=school)
    _, (kind, _), _ = gezin_met_kinderen(school=school, achternaam="Bakker")
    signaal = signalen_services.create_signaal(
        school=school, gemeld_door=leerkracht.user, leerling=kind, categorie=Hulpdomein.VEILIGHEID
    )
    page.set_viewport_size(DESKTOP)
    _inloggen(page, live_server, af)

    page.get_by_role("link", name="Meldcode-zaken").click()
    page.wait_for_url(re.compile(r"/gezinnen/meldcode/$"))
    assert "Geen open zaken" in page.content()
    assert_accessible(page, "meldcode-overzicht")
    page.goto(f"{live_server.url}/gezinnen/meldcode/openen/{signaal.pk}/")
    assert_accessible(page, "meldcode-zaak openen")
    page.get_by_role("button", name="Meldcode-zaak openen").click()
    page.wait_for_url(re.compile(r"/gezinnen/meldcode/\d+/$"))
    assert_accessible(page, "meldcode-zaak (leeg)")

    page.get_by_text("Aantekening toevoegen bij stap 1").click()
    stap1 = page.locator("#stap-1")
    stap1.get_by_label("Feiten").fill("Blauwe plek op de bovenarm, maandag 8:30 bij binnenkomst.")
    stap1.get_by_label("Eigen observaties").fill("Kind schrok toen ik de arm aanraakte.")
    stap1.get_by_label("Informatie van anderen (met bron)").fill("Gymdocent (dinsdag): vaker blauwe plekken gezien.")
    page.screenshot(path=str(artifacts / "meldcode-stap-invullen-1280.png"), full_page=True)
    assert_accessible(page, "meldcode-zaak (formulier open)")
    stap1.get_by_role("button", name="Aantekening opslaan").click()
    page.wait_for_load_state()

    assert "Aantekening bij stap 1 vastgelegd" in page.content()
    assert "Blauwe plek op de bovenarm" in page.locator("#stap-1").inner_text()
    zaak = Meldcodezaak.objects.get()
    regel = MeldcodeStap.objects.get(zaak=zaak)
    assert (zaak.signaal_id, regel.stap, regel.auteur_id) == (signaal.pk, 1, af.user.pk)
    assert regel.informatie_derden.startswith("Gymdocent")
    assert_touch_targets(page)
    assert_accessible(page, "meldcode-zaak (na opslaan)")
    page.screenshot(path=str(artifacts / "meldcode-zaak-1280.png"), full_page=True)

    # The afwegingskader: question 2 answered yes, so only a report to Veilig Thuis is accepted.
    page.get_by_text("Een vraag beantwoorden").click()
    kader = page.locator("#afwegingskader")
    kader.get_by_label("Vraag").select_option("2")
    kader.get_by_label("Ja").check()
    kader.get_by_label("Toelichting").fill("Structurele onveiligheid: herhaald letsel.")
    kader.get_by_role("button", name="Antwoord opslaan").click()
    page.wait_for_load_state()
    assert "melden bij Veilig Thuis nodig" in page.locator("#besluit").inner_text()
    besluit = page.locator("#besluit")
    besluit.get_by_label("Melding bij Veilig Thuis").check()
    besluit.get_by_label("Onderbouwing van het besluit").fill("Vraag 2: ja. Gemeld, ouders vooraf ingelicht.")
    besluit.get_by_role("button", name="Besluit vastleggen en zaak afsluiten").click()
    page.wait_for_load_state()
    assert "Vul de datum van de melding" in page.content()  # and what was typed is still there
    assert "ouders vooraf ingelicht" in besluit.get_by_label("Onderbouwing van het besluit").input_value()
    assert_accessible(page, "meldcode-besluit met fout")
    besluit.get_by_label("Gemeld bij Veilig Thuis op").fill(timezone.localdate().isoformat())
    besluit.get_by_label("Referentie van Veilig Thuis").fill("VT-2026-0042")
    besluit.get_by_role("button", name="Besluit vastleggen en zaak afsluiten").click()
    page.wait_for_load_state()

    zaak.refresh_from_db()
    assert (zaak.besluit, zaak.meldreferentie) == (Besluit.MELDING, "VT-2026-0042")
    assert zaak.afgesloten_op is not None
    assert "Aantekening toevoegen" not in page.content()
    assert_accessible(page, "meldcode-zaak afgesloten")
    page.screenshot(path=str(artifacts / "meldcode-zaak-afgesloten-1280.png"), full_page=True)
