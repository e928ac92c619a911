"""The printable sociale kaart: an A4 PDF of the school's partners, grouped by help domain."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from familieschool.choices import Hulpdomein
from familieschool.models import Inzage
from familieschool.roles import Rol
from partners.models import Contactpersoon, PartnerSoort, Samenwerking
from partners.pdf import OVERIG, sociale_kaart_groepen
from partners.selectors import sociale_kaart
from partners.services import create_partner

KOPPEN = [label for _, label in Hulpdomein.choices] + [OVERIG]


def _partner(bestuur, naam, **data):
    return create_partner(bestuur=bestuur, data={"naam": naam, "soort": PartnerSoort.OVERIG, **data})


@pytest.fixture
def kaart(school, andere_school):
    """Three partners the school works with, one it does not, one only the other school uses."""
    bestuur = school.bestuur
    voetbal = _partner(
        bestuur,
        "Voetbalvereniging De Bal",
        soort=PartnerSoort.SPORTVERENIGING,
        domeinen=[Hulpdomein.VRIJE_TIJD],
        aanbod="Voetbaltraining op woensdagmiddag",
        leeftijd_van=6,
        leeftijd_tot=12,
        kosten="€ 120 per seizoen",
        gratis_met_stadspas=True,
        adres="Sportpark West 1",
        postcode="1055 AB",
        telefoon="020-5550101",
        email="info@debal.example",
        website="https://debal.example",
    )
    budget = _partner(
        bestuur, "Budgetmaatjes West", soort=PartnerSoort.FONDS, domeinen=[Hulpdomein.SCHULDEN, Hulpdomein.GELD]
    )
    contact = Contactpersoon.objects.create(partner=budget, naam="Els Bakker", functie="coördinator")
    zonder_domein = _partner(bestuur, "Stichting Zonder Domein")
    _partner(bestuur, "Zwemclub Nergens", domeinen=[Hulpdomein.VRIJE_TIJD])
    alleen_andere = _partner(bestuur, "Kinderboerderij Elders", domeinen=[Hulpdomein.VRIJE_TIJD])
    Samenwerking.objects.create(partner=voetbal, school=school)
    Samenwerking.objects.create(partner=budget, school=school, contactpersoon=contact)
    Samenwerking.objects.create(partner=zonder_domein, school=school)
    Samenwerking.objects.create(partner=alleen_andere, school=andere_school)


def _pdftotext(pdf: bytes) -> str:
    result = subprocess.run(["/usr/bin/pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=30)
    return result.stdout.decode()


def _kop_boven(tekst: str, positie: int) -> str:
    """The domain heading closest above ``positie`` (the table of contents comes first, so the
    nearest one is the section's own heading)."""
    kandidaten = [(tekst.rfind(kop, 0, positie), kop) for kop in KOPPEN]
    return max(kandidaten)[1]


def test_sociale_kaart_pdf_lists_the_schools_partners_by_domain(client, coordinator, kaart, artifacts):
    client.force_login(coordinator.user)

    response = client.get(reverse("partners:sociale_kaart_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="sociale-kaart-obs-zonnewijzer-')
    assert response.content.startswith(b"%PDF")
    (artifacts / "sociale-kaart.pdf").write_bytes(response.content)
    tekst = _pdftotext(response.content)
    assert "OBS Zonnewijzer" in tekst
    assert "Pagina 1 van 1" in tekst
    assert _kop_boven(tekst, tekst.index("Voetbalvereniging De Bal")) == "Sport, cultuur en vrije tijd"
    assert _kop_boven(tekst, tekst.index("Stichting Zonder Domein")) == OVERIG
    # Under each of its domains, with the school's own contact person.
    assert tekst.count("Budgetmaatjes West") == 2
    assert _kop_boven(tekst, tekst.index("Budgetmaatjes West")) == "Geld en regelingen"
    assert _kop_boven(tekst, tekst.rindex("Budgetmaatjes West")) == "Schulden"
    assert "Els Bakker (coördinator)" in tekst
    for detail in ["6–12 jaar", "€ 120 per seizoen", "Stadspas", "1055 AB", "020-5550101", "info@debal.example"]:
        assert detail in tekst
    assert "Zwemclub Nergens" not in tekst
    assert "Kinderboerderij Elders" not in tekst


@pytest.mark.parametrize("rol", list(Rol))
def test_sociale_kaart_pdf_is_open_to_every_role(client, persona, rol):
    client.force_login(persona(rol).user)

    response = client.get(reverse("partners:sociale_kaart_pdf"))

    assert response.status_code == 200
    assert "nog geen samenwerkingen" in _pdftotext(response.content)


def test_sociale_kaart_pdf_needs_a_login(client, db):
    response = client.get(reverse("partners:sociale_kaart_pdf"))

    assert response.status_code == 302
    assert not Inzage.objects.exists()


def test_sociale_kaart_pdf_is_logged_as_printing(client, leerkracht):
    client.force_login(leerkracht.user)

    client.get(reverse("partners:sociale_kaart_pdf"))

    inzage = Inzage.objects.get()
    assert (inzage.actie, inzage.record_type, inzage.doel) == (
        Inzage.Actie.AFDRUKKEN,
        "partners.partner",
        "sociale kaart",
    )
    assert inzage.school == leerkracht.school


def test_sociale_kaart_groepen_follow_the_domain_order_with_overig_last(school, kaart, django_assert_num_queries):
    # partners, their contacts, this school's collaborations with their contact person
    with django_assert_num_queries(3):
        groepen = sociale_kaart_groepen(sociale_kaart(school=school))

    assert [(groep.titel, [item.partner.naam for item in groep.partners]) for groep in groepen] == [
        ("Geld en regelingen", ["Budgetmaatjes West"]),
        ("Schulden", ["Budgetmaatjes West"]),
        ("Sport, cultuur en vrije tijd", ["Voetbalvereniging De Bal"]),
        (OVERIG, ["Stichting Zonder Domein"]),
    ]
    budget = groepen[0].partners[0]
    assert (budget.contact.naam, budget.is_schoolcontact) == ("Els Bakker", True)
