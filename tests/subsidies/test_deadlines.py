"""Deadlines: the rules (owner of the school, a new reminder after a change, recurring ones),
the reminder sent once, the pages, the start-page section and the query counts."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from familieschool.roles import Rol
from subsidies import deadlines
from subsidies.models import Deadline
from tests.conftest import make_persona
from tests.subsidies.factories import maak_toekenning

VANDAAG = dt.date(2026, 11, 2)


@pytest.fixture
def vandaag(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: VANDAAG)
    return VANDAAG


def _deadline(school, eigenaar, **kwargs) -> Deadline:
    waarden = {"titel": "Urenregistratie S&O", "datum": dt.date(2026, 11, 20), "dagen_vooraf": 14}
    return deadlines.save_deadline(school=school, eigenaar=eigenaar, **(waarden | kwargs))


# --- rules ---------------------------------------------------------------------------------------


def test_the_owner_must_belong_to_the_school(school, andere_coordinator):
    with pytest.raises(Exception) as fout:
        _deadline(school, andere_coordinator.user)
    assert "verbonden" in str(fout.value)
    assert not Deadline.objects.exists()


def test_a_grant_of_another_school_is_refused(school, andere_school, coordinator):
    anders = maak_toekenning(andere_school)
    with pytest.raises(Exception) as fout:
        _deadline(school, coordinator.user, toekenning=anders)
    assert "hoort niet bij deze school" in str(fout.value)


def test_a_new_date_means_a_new_reminder(school, coordinator):
    deadline = _deadline(school, coordinator.user)
    deadline.herinnerd_op = timezone.now()
    deadline.save()

    _deadline(school, coordinator.user, deadline=deadline, notitie="alleen een notitie")
    deadline.refresh_from_db()
    assert deadline.herinnerd_op is not None  # nothing that matters for the reminder changed

    _deadline(school, coordinator.user, deadline=deadline, datum=dt.date(2026, 12, 1))
    deadline.refresh_from_db()
    assert deadline.herinnerd_op is None


def test_completing_a_monthly_deadline_plans_the_next_at_the_end_of_a_short_month(school, coordinator):
    deadline = _deadline(school, coordinator.user, datum=dt.date(2027, 1, 31), herhaling="maandelijks")

    volgende = deadlines.complete_deadline(deadline=deadline, door=coordinator.user)

    assert volgende is not None and volgende.datum == dt.date(2027, 2, 28)
    assert (volgende.titel, volgende.eigenaar_id, volgende.herinnerd_op) == (deadline.titel, coordinator.user.pk, None)
    deadline.refresh_from_db()
    assert deadline.afgerond_op is not None and deadline.afgerond_door == coordinator.user
    with pytest.raises(Exception, match="al afgerond"):
        deadlines.complete_deadline(deadline=deadline, door=coordinator.user)


def test_a_yearly_deadline_comes_back_a_year_later_and_a_single_one_not(school, coordinator):
    jaarlijks = _deadline(school, coordinator.user, datum=dt.date(2027, 6, 30), herhaling="jaarlijks")
    eenmalig = _deadline(school, coordinator.user, titel="Eenmalig")
    assert deadlines.complete_deadline(deadline=jaarlijks, door=coordinator.user).datum == dt.date(2028, 6, 30)
    assert deadlines.complete_deadline(deadline=eenmalig, door=coordinator.user) is None


# --- the reminder ----------------------------------------------------------------------------------


def test_the_reminder_goes_out_once_on_its_day(school, coordinator, vandaag):
    _deadline(school, coordinator.user, datum=dt.date(2026, 11, 16))  # reminder day 2 Nov = today
    _deadline(school, coordinator.user, titel="Later", datum=dt.date(2026, 11, 17))  # reminder tomorrow
    afgerond = _deadline(school, coordinator.user, titel="Al klaar", datum=dt.date(2026, 11, 10))
    deadlines.complete_deadline(deadline=afgerond, door=coordinator.user)

    assert deadlines.task_deadline_herinneringen.delay().get() == 1
    assert deadlines.task_deadline_herinneringen.delay().get() == 0

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [coordinator.user.email]
    assert "Urenregistratie S&O" in bericht.subject  # not escaped to &amp;
    assert "nog 14 dagen" in bericht.body
    assert bericht.extra_headers["Message-ID"].startswith("<deadline-")


def test_an_overdue_deadline_without_a_reminder_still_gets_one(school, coordinator, vandaag):
    _deadline(school, coordinator.user, datum=dt.date(2026, 10, 30))
    assert deadlines.task_deadline_herinneringen() == 1
    assert "al verlopen" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_deadline_claimed_by_another_worker_is_skipped(school, coordinator, vandaag):
    """SKIP LOCKED: while another transaction holds the row, this run sends nothing for it."""
    deadline = _deadline(school, coordinator.user, datum=dt.date(2026, 11, 10))
    vast = threading.Event()
    klaar = threading.Event()

    def andere_worker() -> None:
        from django.db import connection as eigen
        from django.db import transaction

        with transaction.atomic():
            Deadline.objects.select_for_update().get(pk=deadline.pk)
            vast.set()
            klaar.wait(10)
        eigen.close()

    draad = threading.Thread(target=andere_worker)
    draad.start()
    vast.wait(10)
    try:
        assert deadlines.task_deadline_herinneringen() == 0
    finally:
        klaar.set()
        draad.join()
    assert deadlines.task_deadline_herinneringen() == 1
    assert connection.is_usable()


# --- pages -----------------------------------------------------------------------------------------


def test_the_coordinator_adds_a_deadline_and_marks_it_done(client, school, coordinator, vandaag):
    toekenning = maak_toekenning(school)
    client.force_login(coordinator.user)
    response = client.post(
        reverse("subsidies:deadline_create"),
        {
            "titel": "Declaratie schoolmaaltijden",
            "soort": "declaratie",
            "toekenning": toekenning.pk,
            "datum": "2026-11-30",
            "eigenaar": coordinator.user.pk,
            "dagen_vooraf": "7",
            "herhaling": "maandelijks",
            "notitie": "",
        },
    )
    assert response.status_code == 302
    deadline = Deadline.objects.get()
    assert (deadline.school, deadline.toekenning, deadline.herhaling) == (school, toekenning, "maandelijks")

    pagina = client.get(reverse("subsidies:deadline_list")).content.decode()
    assert "Declaratie schoolmaaltijden" in pagina and "Binnenkort" in pagina

    response = client.post(reverse("subsidies:deadline_afronden", args=[deadline.pk]), follow=True)
    assert "De volgende staat op 30-12-2026" in response.content.decode()
    assert Deadline.objects.filter(afgerond_op__isnull=True).get().datum == dt.date(2026, 12, 30)


def test_bad_input_gets_a_dutch_message_at_the_field(client, school, coordinator, andere_coordinator):
    client.force_login(coordinator.user)
    response = client.post(
        reverse("subsidies:deadline_create"),
        {
            "titel": "",
            "soort": "overig",
            "datum": "31-02-2026",
            "eigenaar": andere_coordinator.user.pk,
            "dagen_vooraf": "400",
            "herhaling": "geen",
        },
    )
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert set(fouten) == {"titel", "datum", "eigenaar", "dagen_vooraf"}
    assert "Kies ten hoogste 365 dagen." in fouten["dagen_vooraf"]
    assert not Deadline.objects.exists()


def test_another_schools_deadline_is_a_404(client, school, andere_school, coordinator, andere_coordinator):
    deadline = _deadline(andere_school, andere_coordinator.user)
    client.force_login(coordinator.user)
    assert client.get(reverse("subsidies:deadline_update", args=[deadline.pk])).status_code == 404
    assert client.post(reverse("subsidies:deadline_afronden", args=[deadline.pk])).status_code == 404
    assert "Urenregistratie" not in client.get(reverse("subsidies:deadline_list")).content.decode()


@pytest.mark.parametrize("aantal", [1, 3])
def test_the_deadline_list_has_a_constant_query_count(client, school, coordinator, aantal, django_assert_num_queries):
    toekenning = maak_toekenning(school)
    for i in range(aantal):
        d = _deadline(school, coordinator.user, titel=f"Deadline {i}", toekenning=toekenning)
        if i == 0:
            deadlines.complete_deadline(deadline=d, door=coordinator.user)
            _deadline(school, coordinator.user, titel="Open", toekenning=toekenning)
    client.force_login(coordinator.user)
    # 7 for every request (session, user, membership + school, MFA, savepoint, session update,
    # release) + open deadlines (with grant and owner) + recently completed ones.
    with django_assert_num_queries(9):
        assert client.get(reverse("subsidies:deadline_list")).status_code == 200


def test_the_start_page_shows_the_deadlines_within_30_days(client, school, coordinator, persona, vandaag):
    _deadline(school, coordinator.user, titel="Te laat ingeleverd", datum=dt.date(2026, 10, 1))
    _deadline(school, coordinator.user, titel="Over twee weken", datum=dt.date(2026, 11, 16))
    _deadline(school, coordinator.user, titel="Volgend jaar", datum=dt.date(2027, 6, 1))
    maak_toekenning(school)
    client.force_login(coordinator.user)

    pagina = client.get(reverse("start")).content.decode()

    assert "Te laat ingeleverd" in pagina and "Over twee weken" in pagina
    assert "Volgend jaar" not in pagina
    assert "1 lopende toekenning." in pagina
    assert pagina.index("Te laat ingeleverd") < pagina.index("Over twee weken")

    client.force_login(persona(Rol.LEERKRACHT).user)
    assert "Te laat ingeleverd" not in client.get(reverse("start")).content.decode()


def test_the_owner_list_offers_only_members_of_the_school(school, andere_school, coordinator):
    lid = make_persona(rol=Rol.SCHOOLLEIDER, school=school)
    make_persona(rol=Rol.COORDINATOR, school=andere_school)
    assert set(deadlines.mogelijke_eigenaren(school=school)) == {coordinator.user, lid.user}
