"""The coordinator's start page as a "today" overview (issue 9, point 1): open and overdue signals
of the whole school, running and overdue referrals, the next parent activities with their answer
totals, and the deadlines of the coming 30 days."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.fsp import services as fsp_services
from gezinnen.models import Doel, Signaal
from gezinnen.services import record_toestemming
from gezinnen.signalen import services as signaal_services
from subsidies import deadlines
from tests.activiteiten.matrix_objects_ouders import maak_ouderactiviteit
from tests.factories import PartnerFactory
from tests.gezinnen.factories import gezin_met_kinderen


def test_the_coordinator_sees_today_at_a_glance(client, school, coordinator, persona):
    leerkracht = persona(Rol.LEERKRACHT)
    gezin, (kind,), _ = gezin_met_kinderen(school=school, aantal=1)
    vandaag = timezone.localdate()
    for categorie in ("geld", "wonen", "school"):
        signaal_services.create_signaal(school=school, gemeld_door=leerkracht.user, leerling=kind, categorie=categorie)
    Signaal.objects.filter(categorie="geld").update(opvolgen_voor=vandaag - dt.timedelta(days=2))
    record_toestemming(gezin=gezin, doel=Doel.DELEN_FSP, gegeven=True, datum=vandaag, vastgelegd_door=coordinator.user)
    for dagen in (3, 40):
        fsp_services.create_doorverwijzing(
            school=school,
            gezin=gezin,
            partner=PartnerFactory(bestuur=school.bestuur),
            categorie=Hulpdomein.GELD,
            door=coordinator.user,
            datum=vandaag - dt.timedelta(days=dagen),
        )
    for dagen, titel in ((2, "Koffieochtend"), (9, "Thema-avond"), (16, "Uitje"), (23, "Vierde")):
        maak_ouderactiviteit(school, coordinator.user, titel=titel, datum=vandaag + dt.timedelta(days=dagen))
    deadlines.save_deadline(
        school=school,
        titel="Declaratie schoolmaaltijden",
        datum=vandaag + dt.timedelta(days=5),
        eigenaar=coordinator.user,
    )
    client.force_login(coordinator.user)

    html = client.get(reverse("start")).content.decode()

    assert "3 open op school" in html and "1 te laat" in html
    assert "2 lopende doorverwijzingen" in html and "1 doorverwijzing te laat" in html
    assert all(titel in html for titel in ("Koffieochtend", "Thema-avond", "Uitje")) and "Vierde" not in html
    assert html.count("0 uitgenodigd, 0 aanmeldingen") == 3
    assert "Declaratie schoolmaaltijden" in html


def test_a_teacher_sees_no_school_wide_signal_count(client, school, persona):
    leerkracht = persona(Rol.LEERKRACHT)
    _, (kind,), _ = gezin_met_kinderen(school=school, aantal=1)
    signaal_services.create_signaal(school=school, gemeld_door=leerkracht.user, leerling=kind, categorie="geld")
    client.force_login(leerkracht.user)

    assert "open op school" not in client.get(reverse("start")).content.decode()
