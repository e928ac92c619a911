"""Stored accountability reports (subsidies.verantwoording): the snapshot, its immutability (later
edits to expenses and attendance change neither the page nor the XLSX nor the PDF), the
spreadsheet's formula escaping, the PDF, validation and who may do what beyond the matrix.

The figures come from the hand-computed fixture of test_indicatoren (September 2026: 8.00
leerlinguren, 3 deelnemers, 2 weeks, 1.33 h per deelnemer per week)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from activiteiten.models import Bijeenkomst, Presentie
from familieschool.roles import Rol
from subsidies import verantwoording as verantw
from subsidies import verantwoording_bestanden as bestanden
from subsidies.models import Verantwoording
from tests.subsidies.factories import maak_toekenning, maak_uitgave
from tests.subsidies.test_indicatoren import fixture  # noqa: F401 (the shared hand-computed fixture)

pytestmark = pytest.mark.django_db

PERIODE = {"van": "2026-09-01", "tot_en_met": "2026-09-30"}


def _pdftotext(pdf: bytes) -> str:
    args = ["/usr/bin/pdftotext", "-", "-"]
    tekst = subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=30).stdout.decode()  # noqa: S603 (fixed argv)
    return " ".join(tekst.split())


def _maak(client, toekenning, data=PERIODE):
    return client.post(reverse("subsidies:verantwoording_create", args=[toekenning.pk]), data)


@pytest.fixture
def met_uitgaven(fixture):  # noqa: F811
    toekenning = fixture["toekenning"]
    maak_uitgave(
        toekenning, datum=dt.date(2026, 9, 15), bedrag="250.00", omschrijving="Judomatten", factuurnummer="F-1"
    )
    maak_uitgave(
        toekenning,
        soort="personeel",
        datum=dt.date(2026, 9, 20),
        bedrag="1200.00",
        omschrijving='=HYPERLINK("http://example.com","klik")',
    )
    maak_uitgave(toekenning, datum=dt.date(2026, 10, 2), bedrag="75.00", omschrijving="Na de periode")
    return fixture


def test_coordinator_stores_a_snapshot_of_the_period(client, coordinator, met_uitgaven):
    toekenning = met_uitgaven["toekenning"]
    client.force_login(coordinator.user)

    response = _maak(client, toekenning)

    verantwoording = Verantwoording.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subsidies:verantwoording_detail", args=[verantwoording.pk])
    g = verantwoording.gegevens
    assert (verantwoording.van, verantwoording.tot_en_met) == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    assert g["versie"] == 1
    assert g["school"] == {"naam": "OBS Zonnewijzer"}
    assert g["toekenning"] == {
        "naam": toekenning.naam,
        "referentie": "",
        "regeling": toekenning.regeling.naam,
        "rapportage": "school_en_omgeving",
        "bedrag": "40000.00",
        "begindatum": "2026-08-01",
        "einddatum": "2027-07-31",
    }
    assert g["periode"]["van"] == "2026-09-01" and g["periode"]["binnen_toekenning"] is True
    assert g["gemaakt"]["door"] == (coordinator.user.naam or coordinator.user.email)
    uren = g["uren"]
    assert (uren["leerlinguren"], uren["deelnemers"], uren["weken"], uren["gemiddeld"]) == ("8.00", 3, 2, "1.33")
    assert (uren["norm"], uren["status"], uren["deelnemers_op_norm"]) == ("5.0", "niet_gehaald", 0)
    assert [(a["titel"], a["deelnemers"], a["leerlinguren"], a["aandeel"]) for a in g["activiteiten"]] == [
        ("Judo", 3, "3.50", 100),
        ("Theater", 2, "4.50", 50),
    ]
    assert [(u["datum"], u["omschrijving"], u["post"], u["bedrag"], u["factuurnummer"]) for u in g["uitgaven"]] == [
        ("2026-09-15", "Judomatten", "Activiteiten", "250.00", "F-1"),
        ("2026-09-20", '=HYPERLINK("http://example.com","klik")', "Personeel", "1200.00", ""),
    ]
    assert g["posten"] == [
        {"soort": "personeel", "naam": "Personeel", "begroot": "25000.00", "besteed": "1200.00"},
        {"soort": "activiteiten", "naam": "Activiteiten", "begroot": "15000.00", "besteed": "250.00"},
    ]
    assert g["totaal"] == {"begroot": "40000.00", "besteed": "1450.00", "uitgaven": 2}
    # No pupil's name anywhere in the snapshot.
    for leerling in met_uitgaven["pupils"]:
        assert leerling.roepnaam not in str(g)


def test_the_snapshot_does_not_change_when_the_data_does(client, coordinator, met_uitgaven):
    toekenning = met_uitgaven["toekenning"]
    client.force_login(coordinator.user)
    _maak(client, toekenning)
    verantwoording = Verantwoording.objects.get()
    bewaard = verantwoording.gegevens
    detail = client.get(reverse("subsidies:verantwoording_detail", args=[verantwoording.pk])).content.decode()
    xlsx = client.get(reverse("subsidies:verantwoording_xlsx", args=[verantwoording.pk])).content
    pdf = _pdftotext(client.get(reverse("subsidies:verantwoording_pdf", args=[verantwoording.pk])).content)
    assert "8,00" in detail and "Judomatten" in detail and "€ 1.450,00" in detail
    assert "8,00" in pdf and "€ 1.450,00" in pdf

    # Later: an expense is corrected, another added, and attendance registered for B at T2.
    uitgave = toekenning.uitgaven.get(omschrijving="Judomatten")
    uitgave.bedrag = Decimal("999.00")
    uitgave.omschrijving = "Judomatten (gecorrigeerd)"
    uitgave.save()
    maak_uitgave(toekenning, datum=dt.date(2026, 9, 25), bedrag="500.00", omschrijving="Nieuwe uitgave")
    t2 = Bijeenkomst.objects.get(activiteit=met_uitgaven["theater"], datum=dt.date(2026, 9, 10))
    Presentie.objects.create(
        bijeenkomst=t2, leerling=met_uitgaven["pupils"][1], status="aanwezig", geregistreerd_door=met_uitgaven["door"]
    )

    verantwoording.refresh_from_db()
    assert verantwoording.gegevens == bewaard
    detail_na = client.get(reverse("subsidies:verantwoording_detail", args=[verantwoording.pk])).content.decode()
    assert "gecorrigeerd" not in detail_na and "Nieuwe uitgave" not in detail_na and "€ 1.450,00" in detail_na
    xlsx_na = client.get(reverse("subsidies:verantwoording_xlsx", args=[verantwoording.pk])).content
    assert _xlsx_waarden(xlsx_na) == _xlsx_waarden(xlsx)
    pdf_na = _pdftotext(client.get(reverse("subsidies:verantwoording_pdf", args=[verantwoording.pk])).content)
    assert "gecorrigeerd" not in pdf_na and "€ 1.450,00" in pdf_na
    # The live indicators did change: 8.00 + 1.50 pupil-hours.
    live = client.get(reverse("subsidies:indicatoren", args=[toekenning.pk]), PERIODE)
    assert {k: w for k, w, _ in live.context["v"]["uren"]["kaarten"]}["Leerlinguren"] == "9,50"

    # The model refuses a change to the snapshot or its period.
    verantwoording.gegevens = bewaard | {"totaal": {"besteed": "0.00"}}
    with pytest.raises(ValidationError):
        verantwoording.save()
    verantwoording.refresh_from_db()
    verantwoording.tot_en_met = dt.date(2026, 10, 31)
    with pytest.raises(ValidationError):
        verantwoording.save()


def _xlsx_waarden(inhoud: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(inhoud))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_xlsx_has_four_sheets_euro_amounts_and_no_formulas(client, coordinator, met_uitgaven):
    client.force_login(coordinator.user)
    _maak(client, met_uitgaven["toekenning"])
    verantwoording = Verantwoording.objects.get()

    response = client.get(reverse("subsidies:verantwoording_xlsx", args=[verantwoording.pk]))

    assert response.status_code == 200
    # slugify("School & Omgeving 2026")
    bestand = "verantwoording-school-omgeving-2026-2026-09-01-2026-09-30.xlsx"
    assert response["Content-Disposition"] == f'attachment; filename="{bestand}"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Samenvatting", "Indicatoren", "Activiteiten", "Uitgaven"]
    uitgaven = workbook["Uitgaven"]
    rijen = list(uitgaven.iter_rows(min_row=2, max_row=3))
    assert rijen[0][1].value == "Judomatten"
    assert rijen[1][1].value == '\'=HYPERLINK("http://example.com","klik")'
    assert rijen[1][1].data_type == "s"
    bedrag = rijen[1][3]
    assert bedrag.value == 1200 and "€" in bedrag.number_format
    assert rijen[0][0].value.date() == dt.date(2026, 9, 15)
    indicatoren = {r[0]: r[1] for r in workbook["Indicatoren"].iter_rows(min_row=2, values_only=True)}
    assert indicatoren["Leerlinguren"] == 8
    assert indicatoren["Deelnemers"] == 3
    assert indicatoren["Uren per deelnemer per week"] == pytest.approx(1.33)
    assert indicatoren["Norm"] == "Niet gehaald"
    activiteiten = list(workbook["Activiteiten"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in activiteiten] == ["Judo", "Theater"]


def test_xlsx_neutralises_every_formula_prefix():
    data = {
        "versie": 1,
        "uitgaven": [
            {"datum": "2026-09-01", "omschrijving": tekst, "post": "@post", "bedrag": "1.00", "factuurnummer": "-1"}
            for tekst in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1")
        ],
        "toekenning": {"naam": "=cmd|' /C calc'!A0"},
    }

    workbook = load_workbook(io.BytesIO(bestanden.xlsx(data)))

    for rij in workbook["Uitgaven"].iter_rows(min_row=2, max_row=8, values_only=True):
        assert rij[1].startswith("'"), rij
        assert rij[2] == "'@post"
        assert rij[4] == "'-1"
    assert workbook["Samenvatting"]["B3"].value == "'=cmd|' /C calc'!A0"


def test_pdf_is_an_a4_pdf_with_the_figures(client, coordinator, met_uitgaven):
    client.force_login(coordinator.user)
    _maak(client, met_uitgaven["toekenning"])
    verantwoording = Verantwoording.objects.get()

    response = client.get(reverse("subsidies:verantwoording_pdf", args=[verantwoording.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('-2026-09-01-2026-09-30.pdf"')
    tekst = _pdftotext(response.content)
    assert "OBS Zonnewijzer" in tekst
    assert "Leerlinguren" in tekst and "8,00" in tekst
    assert "Niet gehaald" in tekst
    assert "Judomatten" in tekst


def test_a_minimal_snapshot_still_renders(client, coordinator, school):
    toekenning = maak_toekenning(school)
    verantwoording = Verantwoording.objects.create(
        toekenning=toekenning, van=dt.date(2026, 9, 1), tot_en_met=dt.date(2026, 9, 30), gegevens={"versie": 1}
    )
    client.force_login(coordinator.user)

    for naam in ("verantwoording_detail", "verantwoording_xlsx", "verantwoording_pdf"):
        response = client.get(reverse(f"subsidies:{naam}", args=[verantwoording.pk]))
        assert response.status_code == 200, naam
    assert verantw.weergave("kapot")["uren"] is None


def test_a_period_that_ends_before_it_starts_is_refused(client, coordinator, fixture):  # noqa: F811
    client.force_login(coordinator.user)

    response = _maak(client, fixture["toekenning"], {"van": "2026-09-30", "tot_en_met": "2026-09-01"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk]))
    assert not Verantwoording.objects.exists()
    pagina = client.get(response["Location"]).content.decode()
    assert "De einddatum ligt vóór de begindatum" in pagina
    with pytest.raises(ValidationError):
        verantw.create_verantwoording(
            toekenning=fixture["toekenning"], van=dt.date(2026, 9, 30), tot_en_met=dt.date(2026, 9, 1), door=None
        )


def test_a_period_outside_the_grant_is_stored_with_a_warning(client, coordinator, fixture):  # noqa: F811
    client.force_login(coordinator.user)

    _maak(client, fixture["toekenning"], {"van": "2026-07-01", "tot_en_met": "2026-09-30"})

    verantwoording = Verantwoording.objects.get()
    assert verantwoording.gegevens["periode"]["binnen_toekenning"] is False
    detail = client.get(reverse("subsidies:verantwoording_detail", args=[verantwoording.pk])).content.decode()
    assert "valt (deels) buiten de looptijd" in detail


def test_submission_date_is_the_only_change_and_idempotent(client, coordinator, fixture):  # noqa: F811
    client.force_login(coordinator.user)
    _maak(client, fixture["toekenning"])
    verantwoording = Verantwoording.objects.get()
    bewaard = verantwoording.gegevens
    url = reverse("subsidies:verantwoording_ingediend", args=[verantwoording.pk])

    for _ in range(2):
        response = client.post(url, {"ingediend_op": "2026-11-01"})
        assert response.status_code == 302
    bad = client.post(url, {"ingediend_op": "gisteren"})

    assert bad.status_code == 302
    verantwoording.refresh_from_db()
    assert verantwoording.ingediend_op == dt.date(2026, 11, 1)
    assert verantwoording.gegevens == bewaard


def test_school_leader_reads_reports_but_does_not_make_them(client, persona, coordinator, fixture):  # noqa: F811
    client.force_login(coordinator.user)
    _maak(client, fixture["toekenning"])
    verantwoording = Verantwoording.objects.get()
    client.force_login(persona(Rol.SCHOOLLEIDER).user)

    pagina = client.get(reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk])).content.decode()
    detail = client.get(reverse("subsidies:verantwoording_detail", args=[verantwoording.pk]))

    assert "Verantwoording vastleggen" not in pagina
    assert reverse("subsidies:verantwoording_detail", args=[verantwoording.pk]) in pagina
    assert detail.status_code == 200
    assert "Datum opslaan" not in detail.content.decode()
    assert _maak(client, fixture["toekenning"]).status_code == 403


def test_board_sees_indicators_but_no_reports(client, persona, coordinator, fixture):  # noqa: F811
    client.force_login(coordinator.user)
    _maak(client, fixture["toekenning"])
    verantwoording = Verantwoording.objects.get()
    client.force_login(persona(Rol.BESTUUR).user)

    assert client.get(reverse("subsidies:indicatoren", args=[fixture["toekenning"].pk])).status_code == 200
    for naam in ("verantwoording_detail", "verantwoording_xlsx", "verantwoording_pdf"):
        assert client.get(reverse(f"subsidies:{naam}", args=[verantwoording.pk])).status_code == 403, naam
    assert _maak(client, fixture["toekenning"]).status_code == 403
    ingediend = client.post(reverse("subsidies:verantwoording_ingediend", args=[verantwoording.pk]), {})
    assert ingediend.status_code == 403


def test_another_schools_report_is_not_found(client, andere_coordinator, coordinator, fixture):  # noqa: F811
    client.force_login(coordinator.user)
    _maak(client, fixture["toekenning"])
    verantwoording = Verantwoording.objects.get()
    client.force_login(andere_coordinator.user)

    assert client.get(reverse("subsidies:verantwoording_pdf", args=[verantwoording.pk])).status_code == 404
    assert _maak(client, fixture["toekenning"]).status_code == 404
