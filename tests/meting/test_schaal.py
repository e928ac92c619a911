"""The board-scale generator at a tiny scale: shape, rules and constraints of what it writes."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from activiteiten.models import Bijeenkomst, Herinnering, Presentie
from familieschool import demo
from familieschool.models import School, User
from familieschool.selectors import actieve_rol, lidmaatschappen_for_user, scholen_for_lidmaatschappen
from gezinnen.demo import ACHTERNAMEN, OUDERNAMEN, VOORNAMEN
from gezinnen.models import Leerling, Verzorger
from meting.schaal import BRIN_PREFIX, seed_board
from tests.factories import BestuurFactory, LidmaatschapFactory, SchoolFactory, UserFactory


@pytest.fixture
def board(db):
    """A small board with one demo school and the demo coordinator; the full demo seeders are
    not needed for the generator and would make every test slow."""
    bestuur = BestuurFactory()
    demo_school = SchoolFactory(bestuur=bestuur, naam="OBS De Regenboog")
    coordinator = UserFactory(email=f"coordinator@{demo.DEMO_DOMAIN}")
    LidmaatschapFactory(user=coordinator, school=demo_school, rol="coordinator")
    LidmaatschapFactory(
        user=coordinator, school=SchoolFactory(bestuur=bestuur, naam="Basisschool Het Kompas"), rol="coordinator"
    )
    regels: list[str] = []
    result = seed_board(bestuur=bestuur, scholen=[demo_school], schools=2, fraction=0.05, log=regels.append)
    # Django's foreign keys are deferred to the commit, which a test never reaches: check now.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return bestuur, demo_school, result, regels


def _scalar(query: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0]


def test_every_table_gets_rows_and_the_counts_are_printed(board):
    _, _, result, regels = board
    assert School.objects.filter(brin__startswith=BRIN_PREFIX).count() == 2
    for tabel in (
        "gezinnen_leerling",
        "gezinnen_gezin",
        "gezinnen_verzorger",
        "activiteiten_activiteit",
        "activiteiten_bijeenkomst",
        "activiteiten_presentie",
        "gezinnen_signaal",
        "gezinnen_hulpvraag",
        "partners_partner",
        "subsidies_toekenning",
        "subsidies_uitgave",
        "activiteiten_ouderactiviteit",
        "activiteiten_herinnering",
    ):
        assert result[tabel] > 0, tabel
    assert all(aantal > 0 for aantal in result.values()), result
    assert any("activiteiten_presentie" in regel and "rijen" in regel for regel in regels)
    assert regels[-1].startswith("Klaar:")


def test_attendance_only_for_placed_pupils_at_past_sessions(board):
    assert Presentie.objects.exists()
    assert not _scalar(
        """SELECT count(*) FROM activiteiten_presentie p
           JOIN activiteiten_bijeenkomst b ON b.id = p.bijeenkomst_id
           LEFT JOIN activiteiten_inschrijving i
             ON i.activiteit_id = b.activiteit_id AND i.leerling_id = p.leerling_id AND i.status = 'geplaatst'
           WHERE i.id IS NULL OR b.geannuleerd OR b.datum >= CURRENT_DATE"""
    )
    # Pupils of the session's own school only.
    assert not _scalar(
        """SELECT count(*) FROM activiteiten_presentie p
           JOIN activiteiten_bijeenkomst b ON b.id = p.bijeenkomst_id
           JOIN activiteiten_activiteit a ON a.id = b.activiteit_id
           JOIN gezinnen_leerling l ON l.id = p.leerling_id
           WHERE l.school_id <> a.school_id"""
    )


def test_sessions_fall_inside_their_block_and_school_year(board):
    assert Bijeenkomst.objects.exists()
    assert not _scalar(
        """SELECT count(*) FROM activiteiten_bijeenkomst b
           JOIN activiteiten_activiteit a ON a.id = b.activiteit_id
           JOIN activiteiten_blok k ON k.id = a.blok_id
           JOIN familieschool_schooljaar j ON j.id = k.schooljaar_id
           WHERE b.datum NOT BETWEEN k.begindatum AND k.einddatum
              OR k.begindatum < j.begindatum OR k.einddatum > j.einddatum
              OR extract(isodow FROM b.datum) - 1 <> a.weekdag"""
    )


def test_reminders_are_unique_per_invitation_and_moment(board):
    totaal = Herinnering.objects.count()
    assert totaal > 0
    assert Herinnering.objects.values("uitnodiging_id", "moment").distinct().count() == totaal
    # Sent rows are in the past, planned ones in the future.
    assert not Herinnering.objects.filter(status="verstuurd", verstuurd_op__isnull=True).exists()


def test_names_are_fictional(board):
    voornamen = set(VOORNAMEN)
    achternamen = {naam for _, naam in ACHTERNAMEN}
    leerlingen = Leerling.objects.filter(school__brin__startswith=BRIN_PREFIX)
    assert set(leerlingen.values_list("roepnaam", flat=True)) <= voornamen
    assert set(leerlingen.values_list("achternaam", flat=True)) <= achternamen
    verzorgers = Verzorger.objects.filter(school__brin__startswith=BRIN_PREFIX)
    assert set(verzorgers.values_list("roepnaam", flat=True)) <= set(OUDERNAMEN)
    assert all(email.endswith(".example") for email in verzorgers.exclude(email="").values_list("email", flat=True))
    # Search text is filled, as the services would have done.
    assert not leerlingen.filter(zoektekst="").exists()


def test_demo_users_land_on_the_first_big_school(board):
    coordinator = User.objects.get(email=f"coordinator@{demo.DEMO_DOMAIN}")
    actief = actieve_rol(scholen_for_lidmaatschappen(lidmaatschappen_for_user(coordinator)), None)
    assert actief is not None
    assert actief.school.brin == f"{BRIN_PREFIX}AA"
    assert actief.rol == "coordinator"


def test_running_again_adds_nothing(board):
    bestuur, demo_school, _, _ = board
    leerlingen = Leerling.objects.count()
    assert seed_board(bestuur=bestuur, scholen=[demo_school], schools=2, fraction=0.05, log=lambda _: None) == {}
    assert Leerling.objects.count() == leerlingen


def test_command_offers_the_registered_scale(db, settings):
    assert "board" in demo.scales()
    settings.DEMO_MODE = True
    with pytest.raises(Exception, match="--fraction"):
        call_command("seed_demo", "--scale", "board", "--fraction", "2")


def test_command_refuses_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(Exception, match="demomodus"):
        call_command("seed_demo", "--scale", "board", "--schools", "1", "--fraction", "0.01")
