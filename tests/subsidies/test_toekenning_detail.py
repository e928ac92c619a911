"""The grant's page as its readers see it: the expense rows (plain rows prepared by the view),
the funded activities, reports and deadlines, and the sums per budget line (added up from the
listed expenses for who sees them, asked from the database for the board)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from familieschool.roles import Rol
from subsidies.models import Deadline, Financiering, Verantwoording
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.activiteiten.matrix_objects_ouders import maak_ouderactiviteit
from tests.conftest import make_persona
from tests.subsidies.factories import maak_toekenning, maak_uitgave

pytestmark = pytest.mark.django_db


@pytest.fixture
def toekenning(school, coordinator):
    return maak_toekenning(school, aangemaakt_door=coordinator.user)


@pytest.fixture
def activiteit(school):
    blok = maak_blok(school, van=dt.date(2026, 9, 1), tot=dt.date(2026, 11, 6))
    return maak_activiteit(blok, titel='Judo "Samen" & sterk')


def _html(client, persona, toekenning) -> str:
    client.force_login(persona.user)
    response = client.get(reverse("subsidies:toekenning_detail", args=[toekenning.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_expense_row_escapes_its_text(client, school, coordinator, toekenning, activiteit):
    avond = maak_ouderactiviteit(school, coordinator.user, titel="Ouders <en> kinderen")
    uitgave = maak_uitgave(
        toekenning,
        omschrijving="<script>alert(1)</script>",
        factuurnummer="F-1 & 2",
        activiteit=activiteit,
        ouderactiviteit=avond,
        bijlage=True,
    )
    uitgave.bijlage_naam = '"factuur".pdf'
    uitgave.save()

    html = _html(client, coordinator, toekenning)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        '<span class="small text-body-secondary">Factuur F-1 &amp; 2 · Judo &quot;Samen&quot; &amp; sterk'
        " · Ouders &lt;en&gt; kinderen</span>"
    ) in html
    assert f'<a href="{reverse("subsidies:bijlage", args=[uitgave.pk])}" download>&quot;factuur&quot;.pdf</a>' in html
    assert (
        '<td class="text-nowrap">15 sep 2026</td>' in html
        and "<td>Activiteiten</td>" in html
        and '<td class="text-end text-nowrap">€ 250,00</td>' in html
    )
    assert reverse("subsidies:uitgave_delete", args=[uitgave.pk]) in html


def test_expense_row_without_invoice_or_attachment(client, school, toekenning):
    uitgave = maak_uitgave(toekenning, omschrijving="Fruit")

    html = _html(client, make_persona(rol=Rol.SCHOOLLEIDER, school=school), toekenning)

    assert re.search(r"<td>\s*Fruit\s*</td>", html)  # no line under it
    assert '<span class="text-body-secondary">Geen</span>' in html
    # The school leader reads without edit buttons.
    assert reverse("subsidies:uitgave_update", args=[uitgave.pk]) not in html
    assert "Verwijderen" not in html


def test_funded_activities_reports_and_deadlines(client, school, coordinator, toekenning, activiteit):
    Financiering.objects.create(toekenning=toekenning, activiteit=activiteit, aandeel=40)
    verantwoording = Verantwoording.objects.create(
        toekenning=toekenning,
        van=dt.date(2026, 8, 1),
        tot_en_met=dt.date(2026, 10, 31),
        ingediend_op=dt.date(2026, 11, 5),
        gegevens={"versie": 1},
        aangemaakt_door=coordinator.user,
    )
    Deadline.objects.create(
        school=school,
        toekenning=toekenning,
        titel="Urenregistratie",
        datum=dt.date(2027, 7, 15),
        eigenaar=coordinator.user,
    )

    html = _html(client, coordinator, toekenning)

    activiteit_url = reverse("activiteiten:activiteit_detail", args=[activiteit.pk])
    assert f'<a href="{activiteit_url}">Judo &quot;Samen&quot; &amp; sterk</a>' in html
    assert "<span>40 %</span>" in html
    verantwoording_url = reverse("subsidies:verantwoording_detail", args=[verantwoording.pk])
    assert f'<a href="{verantwoording_url}">1 aug 2026 – 31 okt 2026</a>' in html
    assert "ingediend 5 nov 2026" in html
    assert "15 jul 2027 · Urenregistratie" in html
    assert (coordinator.user.naam or coordinator.user.email) in html


def test_sums_per_line_are_those_the_board_sees(client, school, coordinator, toekenning):
    maak_uitgave(toekenning, bedrag="100.10")
    maak_uitgave(toekenning, bedrag="0.90", datum=dt.date(2026, 10, 1))
    maak_uitgave(toekenning, soort="personeel", bedrag="50.00")

    sommen = {}
    for persona in (coordinator, make_persona(rol=Rol.BESTUUR, school=school)):
        client.force_login(persona.user)
        response = client.get(reverse("subsidies:toekenning_detail", args=[toekenning.pk]))
        sommen[persona.rol] = (
            {post.soort: post.besteed for post in response.context["posten"]},
            response.context["overzicht"].besteed,
            response.context["grafiek"]["rijen"],
        )

    assert sommen[Rol.COORDINATOR] == sommen[Rol.BESTUUR]
    assert sommen[Rol.COORDINATOR][0] == {"personeel": Decimal("50.00"), "activiteiten": Decimal("101.00")}
    assert sommen[Rol.COORDINATOR][1] == Decimal("151.00")
