"""Subsidies in a real browser: the coordinator enters an expense with an invoice (first with a
wrong amount: a Dutch message at the field, nothing saved), sees it on the grant overview with the
forecast chart, fixes the accountability figures as a report and downloads it as XLSX and PDF;
axe finds no WCAG 2.1 AA violation on any of those pages, at 1280 and at 768 px."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from activiteiten.models import Bijeenkomst, Presentie
from familieschool.roles import Rol
from subsidies.models import Financiering, Uitgave, Verantwoording
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.browser.test_shell import DESKTOP, TABLET, assert_accessible
from tests.browser.test_signalen import _inloggen
from tests.conftest import make_persona
from tests.gezinnen.factories import LeerlingFactory
from tests.subsidies.factories import PDF_BYTES, maak_toekenning

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wereld(school, door):
    """A School & Omgeving grant for this school year, one funded activity with attendance."""
    vandaag = timezone.localdate()
    begin = dt.date(vandaag.year if vandaag.month >= 8 else vandaag.year - 1, 8, 1)
    toekenning = maak_toekenning(
        school, begindatum=begin, einddatum=dt.date(begin.year + 1, 7, 31), naam="School & Omgeving dit jaar"
    )
    blok = maak_blok(school, van=begin + dt.timedelta(days=31), tot=begin + dt.timedelta(days=90))
    judo = maak_activiteit(blok, titel="Judo")
    Financiering.objects.create(toekenning=toekenning, activiteit=judo, aandeel=100)
    kinderen = [LeerlingFactory(school=school) for _ in range(6)]
    for week in range(3):
        sessie = Bijeenkomst.objects.create(
            activiteit=judo,
            datum=blok.begindatum + dt.timedelta(weeks=week),
            begintijd=dt.time(14, 30),
            eindtijd=dt.time(15, 30),
        )
        for kind in kinderen:
            Presentie.objects.create(bijeenkomst=sessie, leerling=kind, status="aanwezig", geregistreerd_door=door)
    return toekenning, vandaag


def test_the_coordinator_enters_an_expense_and_downloads_the_report(live_server, page, artifacts, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    toekenning, vandaag = _wereld(school, coordinator.user)
    factuur = artifacts / "factuur-test.pdf"
    factuur.write_bytes(PDF_BYTES)
    page.set_viewport_size(DESKTOP)
    _inloggen(page, live_server, coordinator)

    page.goto(f"{live_server.url}/subsidies/")
    assert_accessible(page, "toekenningen")
    page.get_by_role("link", name="School & Omgeving dit jaar").first.click()
    page.get_by_role("link", name="Uitgave toevoegen").first.click()
    assert_accessible(page, "uitgave toevoegen")

    # A negative amount: a Dutch message at the field, the rest of the form kept, nothing saved.
    page.get_by_label("Datum").fill(vandaag.isoformat())
    page.get_by_label("Bedrag (€)").fill("-12,50")
    page.get_by_label("Omschrijving").fill("Judomatten")
    page.get_by_label("Begrotingspost").select_option(label="Activiteiten")
    page.get_by_label("Factuurnummer").fill("F-2026-118")
    page.get_by_role("button", name="Opslaan").click()
    fout = page.locator(".invalid-feedback, .text-danger").filter(has_text="groter")
    assert fout.first.is_visible()
    assert page.get_by_label("Omschrijving").input_value() == "Judomatten"
    assert not Uitgave.objects.exists()
    assert_accessible(page, "uitgave met fout")

    page.get_by_label("Bedrag (€)").fill("1.234,56")
    page.locator("input[type=file]").set_input_files(str(factuur))
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf"/subsidies/{toekenning.pk}/"))
    uitgave = Uitgave.objects.get()
    assert (uitgave.bedrag, uitgave.post.soort, uitgave.bijlage_type) == (
        Decimal("1234.56"),
        "activiteiten",
        "application/pdf",
    )
    assert page.get_by_text("Judomatten").first.is_visible()
    assert page.get_by_text("€ 1.234,56").first.is_visible()
    page.wait_for_function("() => document.querySelectorAll('canvas').length > 0")
    assert_accessible(page, "toekenning met uitgave")
    page.screenshot(path=str(artifacts / "subsidies-toekenning-1280.png"), full_page=True)

    # The invoice comes back as it was uploaded.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("factuur-test.pdf")).first.click()
    assert download.value.path().read_bytes() == PDF_BYTES

    # The indicators of the period, fixed as a report, downloaded as XLSX and PDF.
    page.goto(f"{live_server.url}/subsidies/{toekenning.pk}/indicatoren/")
    assert_accessible(page, "indicatoren")
    page.get_by_role("button", name="Verantwoording vastleggen").click()
    page.wait_for_url(re.compile(r"/subsidies/verantwoordingen/\d+/"))
    assert Verantwoording.objects.count() == 1
    assert_accessible(page, "verantwoording")
    page.screenshot(path=str(artifacts / "subsidies-verantwoording-1280.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Excel|XLSX", re.I)).first.click()
    werkboek = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    cellen = [c.value for blad in werkboek.worksheets for rij in blad.iter_rows() for c in rij]
    assert "Judomatten" in cellen
    assert 1234.56 in cellen or Decimal("1234.56") in cellen
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("PDF", re.I)).first.click()
    assert download.value.path().read_bytes().startswith(b"%PDF")

    # The same grant overview on a tablet: nothing sticks out sideways.
    page.set_viewport_size(TABLET)
    page.goto(f"{live_server.url}/subsidies/{toekenning.pk}/")
    breedte = page.evaluate("() => document.documentElement.scrollWidth")
    assert breedte <= TABLET["width"]
    assert_accessible(page, "toekenning op tablet")
    page.screenshot(path=str(artifacts / "subsidies-toekenning-768.png"), full_page=True)
