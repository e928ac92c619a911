"""CSV import of partners: preview with a row-by-row report, all-or-nothing commit."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from familieschool.choices import Hulpdomein
from partners import imports
from partners.exports import partner_rows, write_csv
from partners.models import Contactpersoon, Partner, PartnerSoort
from partners.selectors import PartnerFilter, zoek_partners
from partners.services import archive_partner, create_partner

KOP = "naam;soort;domeinen;leeftijd_van;leeftijd_tot;stadspas;email;contact_naam;contact_email"
GOED = [
    "Voetbalvereniging De Bal;sportvereniging;vrije_tijd;6;12;ja;info@debal.example;;",
    "Buurtteam West;Buurtteam;geld|Schulden|wonen;;;nee;;Fatima el Amrani;fatima@buurtteam.example",
    "Bibliotheek Bos en Lommer;bibliotheek;taal;0;99;1;;;",
]


def _csv(*regels: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(regels) + "\r\n").encode(encoding)


def _upload(client, data: bytes, naam: str = "partners.csv"):
    bestand = SimpleUploadedFile(naam, data, content_type="text/csv")
    return client.post(reverse("partners:partner_import"), {"bestand": bestand})


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_partner_import_good_file_imports_every_row(client, coordinator):
    client.force_login(coordinator.user)
    bestuur = coordinator.school.bestuur

    preview = _upload(client, _csv(KOP, *GOED))
    response = client.post(reverse("partners:partner_import_commit"), {"payload": preview.context["payload"]})

    assert preview.status_code == 200
    assert preview.content.decode().count(">nieuw<") == 3
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:partner_list")
    assert _messages(response) == ["3 partners geïmporteerd."]
    assert set(Partner.objects.filter(bestuur=bestuur).values_list("naam", flat=True)) == {
        "Voetbalvereniging De Bal",
        "Buurtteam West",
        "Bibliotheek Bos en Lommer",
    }
    buurtteam = Partner.objects.get(naam="Buurtteam West")
    assert buurtteam.soort == PartnerSoort.BUURTTEAM
    assert buurtteam.domeinen == [Hulpdomein.GELD, Hulpdomein.SCHULDEN, Hulpdomein.WONEN]
    assert buurtteam.gratis_met_stadspas is False
    assert buurtteam.plaats == "Amsterdam"
    assert Contactpersoon.objects.get().partner == buurtteam
    # The contact's name is in the search index, which was refreshed after the contact was added.
    gevonden = zoek_partners(school=coordinator.school, filters=PartnerFilter(q="amrani"))
    assert [p.naam for p in gevonden] == ["Buurtteam West"]


def test_partner_import_with_one_bad_row_saves_nothing_and_reports_each_row(client, beheerder):
    client.force_login(beheerder.user)
    data = _csv(
        KOP,
        GOED[0],
        "Zwembad De Golf;zwembad;sport;;;misschien;geen-email;;",
        GOED[1],
        "Peuterspeelzaal;kinderopvang;opvoeding;12;4;;;;",
        ";jgz;gezondheid;;;;;;",
    )

    response = _upload(client, data)

    assert response.status_code == 200
    assert response.context["payload"] is None
    rijen = {rij.regel: rij for rij in response.context["resultaat"].rijen}
    assert [regel for regel, rij in rijen.items() if rij.fouten] == [3, 5, 6]
    assert rijen[3].fouten == [
        "Onbekende soort ‘zwembad’.",
        "Onbekend hulpdomein ‘sport’.",
        "Stadspas: vul ja of nee in (nu ‘misschien’).",
        "E-mailadres: Voer een geldig e-mailadres in.",
    ]
    assert rijen[5].fouten == ["Leeftijd vanaf (12) is hoger dan leeftijd tot en met (4)."]
    assert rijen[6].fouten == ["Naam ontbreekt."]
    html = response.content.decode()
    assert "Er wordt niets geïmporteerd" in html
    assert '<th scope="row" class="fw-normal">3</th>' in html
    assert "Onbekende soort ‘zwembad’." in html
    assert "Importeren</button>" not in html
    assert not Partner.objects.exists()


def test_import_partners_refuses_rows_with_errors_and_saves_nothing(school):
    resultaat = imports.parse_partner_csv(_csv(KOP, GOED[0], "Zwembad;zwembad;;;;;;;"), bestuur=school.bestuur)

    with pytest.raises(ValidationError):
        imports.import_partners(bestuur=school.bestuur, rows=resultaat.rijen)

    assert not Partner.objects.exists()


def test_import_partners_rolls_back_when_a_later_row_fails(school):
    rijen = imports.parse_partner_csv(_csv(KOP, *GOED), bestuur=school.bestuur).rijen
    create_partner(bestuur=school.bestuur, data={"naam": "BIBLIOTHEEK Bos en Lommer", "soort": "bibliotheek"})

    with pytest.raises(ValidationError):
        imports.import_partners(bestuur=school.bestuur, rows=rijen)

    assert list(Partner.objects.values_list("naam", flat=True)) == ["BIBLIOTHEEK Bos en Lommer"]


def test_parse_partner_csv_reads_windows_1252(school):
    data = _csv("Naam;Soort;Aanbod", "Café Öztürk;overig;Hulp bij formulieren, € 0", encoding="cp1252")

    resultaat = imports.parse_partner_csv(data, bestuur=school.bestuur)

    (rij,) = resultaat.rijen
    assert rij.fouten == []
    assert rij.data["naam"] == "Café Öztürk"
    assert rij.data["aanbod"] == "Hulp bij formulieren, € 0"


def test_parse_partner_csv_reads_utf8_with_bom_and_sniffs_commas(school):
    data = _csv(
        "NAAM,Soort,Hulpdomeinen,Stadspas",
        '"Jeugdfonds Sport & Cultuur",Fonds,"Sport, cultuur en vrije tijd, Geld en regelingen",JA',
        "Ouder- en Kindteam West,Ouder- en Kindteam,opvoeding,",
    )

    resultaat = imports.parse_partner_csv(b"\xef\xbb\xbf" + data, bestuur=school.bestuur)

    fonds, okt = resultaat.rijen
    assert (fonds.fouten, okt.fouten) == ([], [])
    assert fonds.data["naam"] == "Jeugdfonds Sport & Cultuur"
    assert fonds.data["domeinen"] == [Hulpdomein.GELD, Hulpdomein.VRIJE_TIJD]
    assert fonds.data["gratis_met_stadspas"] is True
    assert okt.data["soort"] == PartnerSoort.OKT


def test_parse_partner_csv_reports_duplicate_names(school, vreemd_bestuur_school):
    archive_partner(partner=create_partner(bestuur=school.bestuur, data={"naam": "Speeltuin", "soort": "overig"}))
    create_partner(bestuur=vreemd_bestuur_school.bestuur, data={"naam": "Muziekschool", "soort": "cultuur"})
    data = _csv(
        "naam;soort", "Buurtteam West;buurtteam", "speeltuin;overig", "BUURTTEAM WEST;buurtteam", "Muziekschool;cultuur"
    )

    rijen = imports.parse_partner_csv(data, bestuur=school.bestuur).rijen

    assert [rij.fouten for rij in rijen] == [
        ["Dubbele naam: deze partner staat ook op regel 4."],
        ["Er staat al een partner met deze naam in de sociale kaart (gearchiveerd)."],
        ["Dubbele naam: deze partner staat ook op regel 2."],
        [],  # another board's directory is not ours
    ]


def test_parse_partner_csv_reads_its_own_export(school, vreemd_bestuur_school):
    partner = create_partner(
        bestuur=school.bestuur,
        data={
            "naam": "Jeugdfonds Sport & Cultuur",
            "soort": "fonds",
            "domeinen": ["vrije_tijd", "geld"],
            "telefoon": "+31 20 555 0101",
            "leeftijd_van": 4,
            "leeftijd_tot": 18,
            "website": "https://jeugdfonds.example",
        },
    )
    Contactpersoon.objects.create(partner=partner, naam="Els Bakker")
    export = write_csv(partner_rows(Partner.objects.prefetch_related("contactpersonen")))

    resultaat = imports.parse_partner_csv(export, bestuur=vreemd_bestuur_school.bestuur)

    (rij,) = resultaat.rijen
    assert rij.fouten == []
    assert rij.data["telefoon"] == "+31 20 555 0101"
    assert rij.data["domeinen"] == ["geld", "vrije_tijd"]
    assert (rij.data["leeftijd_van"], rij.data["leeftijd_tot"]) == (4, 18)
    assert resultaat.genegeerde_kolommen == ["contactpersonen", "werkt_met_onze_school"]


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (b"", "Het bestand is leeg."),
        (b"naam;soort\r\n", "Het bestand bevat geen partners"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Dit is geen CSV-bestand"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel- of ander zip-bestand"),
        (b"naam;soort\r\nCaf\x81;overig\r\n", "De tekens in dit bestand zijn niet te lezen"),
        (b"naam;aanbod\r\nClub;voetbal\r\n", "mist de verplichte kolom soort"),
        (b"naam;soort;Naam\r\nClub;overig;x\r\n", "meer dan eens in de kopregel: naam"),
        (b"naam;soort\r\n" + b"Club;overig\r\n" * 2001, "meer dan 2000 partners"),
        (b"naam;soort;aanbod\r\n" + b"Club;overig;" + b"x" * imports.MAX_BYTES + b"\r\n", "groter dan 2 MB"),
    ],
)
def test_parse_partner_csv_refuses_an_unusable_file(school, data, melding):
    with pytest.raises(ValidationError) as error:
        imports.parse_partner_csv(data, bestuur=school.bestuur)

    assert melding in error.value.messages[0]


def test_partner_import_binary_upload_gives_a_field_error(client, coordinator):
    client.force_login(coordinator.user)

    response = _upload(client, bytes(range(256)) * 8, naam="foto.png")

    assert response.status_code == 200
    assert response.context["form"].errors["bestand"] == ["Dit is geen CSV-bestand (het bevat binaire gegevens)."]


def test_partner_import_too_big_upload_gives_a_field_error(client, coordinator):
    client.force_login(coordinator.user)

    response = _upload(client, b"naam;soort\r\n" + b"x" * imports.MAX_BYTES)

    assert response.status_code == 200
    assert "groter dan 2 MB" in response.context["form"].errors["bestand"][0]


def test_partner_import_commit_refuses_a_tampered_payload(client, coordinator):
    client.force_login(coordinator.user)
    payload = _upload(client, _csv(KOP, *GOED)).context["payload"]
    tampered = payload[:-3] + ("AAA" if not payload.endswith("AAA") else "BBB")

    response = client.post(reverse("partners:partner_import_commit"), {"payload": tampered})

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:partner_import")
    assert _messages(response) == ["Deze import is verlopen of ongeldig. Upload het bestand opnieuw."]
    assert not Partner.objects.exists()


def test_partner_import_commit_refuses_a_payload_of_another_board(client, coordinator, vreemd_bestuur_school):
    resultaat = imports.parse_partner_csv(_csv(KOP, *GOED), bestuur=vreemd_bestuur_school.bestuur)
    payload = imports.dump_payload(bestuur=vreemd_bestuur_school.bestuur, resultaat=resultaat)
    client.force_login(coordinator.user)

    response = client.post(reverse("partners:partner_import_commit"), {"payload": payload})

    assert response["Location"] == reverse("partners:partner_import")
    assert not Partner.objects.exists()


def test_partner_import_commit_refuses_an_expired_payload(client, coordinator):
    bestuur = coordinator.school.bestuur
    resultaat = imports.parse_partner_csv(_csv(KOP, *GOED), bestuur=bestuur)
    with time_machine.travel(timezone.now() - dt.timedelta(hours=1, minutes=1)):
        payload = imports.dump_payload(bestuur=bestuur, resultaat=resultaat)
    client.force_login(coordinator.user)

    response = client.post(reverse("partners:partner_import_commit"), {"payload": payload})

    assert response["Location"] == reverse("partners:partner_import")
    assert not Partner.objects.exists()


def test_partner_import_commit_checks_names_again(client, coordinator):
    client.force_login(coordinator.user)
    payload = _upload(client, _csv(KOP, *GOED)).context["payload"]
    create_partner(bestuur=coordinator.school.bestuur, data={"naam": "buurtteam west", "soort": "buurtteam"})

    response = client.post(reverse("partners:partner_import_commit"), {"payload": payload})

    assert response.status_code == 200
    assert "Er staat al een partner met deze naam in de sociale kaart." in response.content.decode()
    assert response.context["payload"] is None
    assert list(Partner.objects.values_list("naam", flat=True)) == ["buurtteam west"]


def test_partner_import_is_forbidden_for_leerkracht(client, leerkracht):
    client.force_login(leerkracht.user)

    pagina = client.get(reverse("partners:partner_import"))
    upload = _upload(client, _csv(KOP, *GOED))
    commit = client.post(reverse("partners:partner_import_commit"), {"payload": "x"})

    assert (pagina.status_code, upload.status_code, commit.status_code) == (403, 403, 403)
    assert not Partner.objects.exists()


def test_partner_import_page_shows_the_upload_form(client, beheerder):
    client.force_login(beheerder.user)

    response = client.get(reverse("partners:partner_import"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "CSV-bestand" in html
    assert "<code>contact_email</code>" in html


def test_partner_import_commit_needs_post(client, coordinator):
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:partner_import_commit"))

    assert response.status_code == 405
