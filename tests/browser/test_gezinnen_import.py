"""The pupil import in a real browser: upload the sample files, read the preview, approve, see the
result; and the progress bar of a running import. axe (WCAG 2.1 AA) on every page, screenshots.
The live server runs Celery tasks eagerly (tests/settings.py), right after each commit."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from familieschool.mfa import code_for_secret, demo_secret
from familieschool.roles import Rol
from gezinnen import imports
from gezinnen.models import Importbatch, Leerling
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible, login
from tests.conftest import make_persona
from tests.gezinnen.test_import_helpers import CSV_1252, DATA, EDEXML_TEKST, leerling_blok, zonder_leerlingen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login_with_totp(page, base_url: str, email: str) -> None:
    login(page, base_url, email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/")


def test_upload_preview_approve_with_axe_and_screenshots(live_server, page, artifacts, school, tmp_path):
    school.brin, school.vestiging = "99XX", "00"
    school.save()
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    _login_with_totp(page, live_server.url, coordinator.user.email)

    page.goto(f"{live_server.url}/gezinnen/import/")
    assert_accessible(page, "importpagina")
    page.screenshot(path=str(artifacts / "import-upload-1280.png"), full_page=True)
    page.get_by_label("EDEXML-bestand").set_input_files(str(DATA / "voorbeeld-edexml.xml"))
    page.get_by_label("Verzorgersbestand (CSV)").set_input_files(str(DATA / "voorbeeld-verzorgers-cp1252.csv"))
    page.get_by_role("button", name="Bestanden controleren").click()
    page.wait_for_url(re.compile(r"/gezinnen/import/\d+/$"))

    assert page.get_by_role("heading", name="Controleer de verschillen").is_visible()
    assert page.get_by_role("heading", name="Nieuwe leerlingen (180)").is_visible()
    assert "bsn (" in page.locator("#kop-samenvatting").locator("..").inner_text()
    assert_accessible(page, "voorbeeld van de import")
    page.screenshot(path=str(artifacts / "import-preview-1280.png"), full_page=False)
    page.set_viewport_size(TABLET)
    assert_accessible(page, "voorbeeld van de import, tablet")
    page.screenshot(path=str(artifacts / "import-preview-768.png"), full_page=False)

    page.get_by_role("button", name="Goedkeuren en verwerken").click()
    page.wait_for_load_state()

    assert page.get_by_text("De import is verwerkt").is_visible()
    assert Leerling.objects.filter(school=school).count() == 180
    assert Importbatch.objects.get().status == Importbatch.Status.VERWERKT
    assert_accessible(page, "resultaat van de import")
    page.screenshot(path=str(artifacts / "import-resultaat-768.png"), full_page=False)

    # A second export: one pupil left, one moved up a group, one guardian has a new address.
    tekst = zonder_leerlingen(EDEXML_TEKST, "20181006")
    blok = leerling_blok(tekst, "20181020")
    tekst = tekst.replace(blok, blok.replace('"G5"', '"G6"').replace(">5<", ">6<"))
    (tmp_path / "EDEX.XML").write_text(tekst, encoding="utf-8")
    (tmp_path / "verzorgers.csv").write_bytes(CSV_1252.replace(b"fatima.ylmaz78@", b"fatima.yilmaz@"))
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/gezinnen/import/")
    page.get_by_label("EDEXML-bestand").set_input_files(str(tmp_path / "EDEX.XML"))
    page.get_by_label("Verzorgersbestand (CSV)").set_input_files(str(tmp_path / "verzorgers.csv"))
    page.get_by_role("button", name="Bestanden controleren").click()
    page.wait_for_url(re.compile(r"/gezinnen/import/\d+/$"))

    for kop in ("Groepswissels (1)", "Vertrekkers (1)", "Gewijzigde verzorgers (1)"):
        assert page.get_by_role("heading", name=kop).is_visible()
    assert_accessible(page, "verschillen van een tweede import")
    page.screenshot(path=str(artifacts / "import-verschillen-1280.png"), full_page=True)
    assert_accessible(page.goto(f"{live_server.url}/gezinnen/import/") and page, "importlijst")


def test_progress_bar_of_a_running_import_is_accessible(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    batch = Importbatch.objects.create(
        school=school, status=Importbatch.Status.VERWERKEN, edexml_naam="EDEX.XML", geupload_door=coordinator.user
    )
    cache.set(imports.voortgang_sleutel(batch.pk), {"klaar": 4200, "totaal": 10000, "fase": "verwerken"})
    _login_with_totp(page, live_server.url, coordinator.user.email)

    page.goto(f"{live_server.url}{batch.get_absolute_url()}")
    balk = page.get_by_role("progressbar", name="Bezig met verwerken")

    assert balk.get_attribute("aria-valuenow") == "42"
    assert_accessible(page, "voortgang van de import")
    page.screenshot(path=str(artifacts / "import-voortgang-1280.png"), full_page=False)
    # When the batch is done, the next poll reloads the page with the result.
    Importbatch.objects.filter(pk=batch.pk).update(status=Importbatch.Status.MISLUKT, foutmelding="Test: klaar.")
    page.get_by_text("Test: klaar.").wait_for(timeout=5000)
