"""Closed signals and FSP files are deleted after their retention term (PRIV-08): kept the day
before the term ends, gone the day after, their history events too; open files are never purged."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from familieschool.roles import Rol
from gezinnen.models import Hulpvraag, Signaal, SignaalStatus, Vraag
from gezinnen.privacy import retention
from gezinnen.signalen import services as signaal_services
from tests.gezinnen.factories import gezin_met_kinderen

AFGESLOTEN = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def dossiers(school, persona):
    melder, buurtteam = persona(Rol.LEERKRACHT), persona(Rol.BUURTTEAM)
    gezin, (kind, _), _ = gezin_met_kinderen(school=school)
    with time_machine.travel(AFGESLOTEN, tick=False):
        dicht = signaal_services.create_signaal(school=school, gemeld_door=melder.user, leerling=kind, categorie="geld")
        signaal_services.change_status(
            signaal=dicht, naar=SignaalStatus.AFGEROND, door=buurtteam.user, uitkomst="Klaar"
        )
        open_ = signaal_services.create_signaal(
            school=school, gemeld_door=melder.user, leerling=kind, categorie="wonen"
        )
        intake = Hulpvraag.objects.create(
            school=school,
            gezin=gezin,
            categorieen=["geld"],
            eigenaar=buurtteam.user,
            status="afgerond",
            uitkomst="Stadspas geregeld",
            afgerond_op=timezone.now(),
        )
        vraag = Vraag.objects.create(
            school=school, gesteld_op=timezone.now(), categorie="taal", geregistreerd_door=buurtteam.user
        )
    return dicht, open_, intake, vraag


def _ronde(op: dt.date):
    return retention.anonimiseer_vertrokken(peildatum=op, proefdraai=False)


def test_closed_files_are_kept_until_the_term_ends(dossiers, settings):
    settings.FAMILIESCHOOL_BEWAARTERMIJN_DOSSIERS_DAGEN = 730
    dicht, *_ = dossiers

    ronde = _ronde(AFGESLOTEN.date() + dt.timedelta(days=730))  # the boundary day itself: kept

    assert (ronde.aantal_signalen, ronde.aantal_hulpvragen, ronde.aantal_vragen) == (0, 0, 0)
    assert Signaal.objects.filter(pk=dicht.pk).exists()


def test_closed_files_are_deleted_after_the_term_with_their_history(dossiers, settings):
    settings.FAMILIESCHOOL_BEWAARTERMIJN_DOSSIERS_DAGEN = 730
    dicht, open_, *_ = dossiers

    ronde = _ronde(AFGESLOTEN.date() + dt.timedelta(days=731))

    assert (ronde.aantal_signalen, ronde.aantal_hulpvragen, ronde.aantal_vragen) == (1, 1, 1)
    assert list(Signaal.objects.all()) == [open_]  # an open signal stays, however old
    assert not Hulpvraag.objects.exists() and not Vraag.objects.exists()
    signaal_event = Signaal._meta.get_field("events").related_model
    assert not signaal_event.objects.filter(pgh_obj_id=dicht.pk).exists()
    assert signaal_event.objects.filter(pgh_obj_id=open_.pk).exists()


def test_a_dry_run_counts_closed_files_and_deletes_nothing(dossiers, settings):
    settings.FAMILIESCHOOL_BEWAARTERMIJN_DOSSIERS_DAGEN = 730

    ronde = retention.anonimiseer_vertrokken(peildatum=dt.date(2027, 1, 1), proefdraai=True)

    assert (ronde.aantal_signalen, ronde.aantal_hulpvragen) == (1, 1)
    assert Signaal.objects.count() == 2 and Hulpvraag.objects.count() == 1
