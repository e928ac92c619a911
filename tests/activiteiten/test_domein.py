"""Rijke schooldag domain: sessions across holidays, enrolment with capacity, waitlist and
priority, consent, and the last seat under two real concurrent transactions."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from activiteiten import services
from activiteiten.models import Inschrijving, InschrijvingStatus, Sluiting
from gezinnen.services import ToestemmingOntbreekt
from tests.activiteiten.factories import kinderen_met_toestemming as _kinderen
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.gezinnen.factories import gezin_met_kinderen


@pytest.fixture
def blok(school):
    return maak_blok(school)


def kinderen_met_toestemming(school, coordinator, aantal):
    return _kinderen(school, coordinator.user, aantal)


def test_sessions_skip_the_autumn_holiday_and_studiedagen(blok, school):
    Sluiting.objects.create(
        school=school, soort="studiedag", naam="Studiedag", van=dt.date(2025, 10, 7), tot_en_met=dt.date(2025, 10, 7)
    )
    activiteit = maak_activiteit(blok)

    sessies = services.generate_bijeenkomsten(activiteit=activiteit)

    datums = [s.datum for s in sessies]
    assert dt.date(2025, 9, 2) == datums[0]  # the first Tuesday of the block
    assert dt.date(2025, 10, 21) not in datums  # herfstvakantie regio Noord
    assert dt.date(2025, 10, 7) not in datums  # the school's studiedag
    assert len(datums) == 8  # 10 Tuesdays in the block, minus the holiday and the studiedag
    assert all(d.weekday() == 1 for d in datums)


def test_generating_again_keeps_moved_and_cancelled_sessions(blok):
    activiteit = maak_activiteit(blok)
    eerste, tweede, *_ = services.generate_bijeenkomsten(activiteit=activiteit)
    services.cancel_bijeenkomst(bijeenkomst=eerste, reden="Zaal bezet")
    services.move_bijeenkomst(
        bijeenkomst=tweede, datum=dt.date(2025, 9, 11), begintijd=dt.time(15), eindtijd=dt.time(16)
    )

    nieuw = services.generate_bijeenkomsten(activiteit=activiteit)

    assert nieuw == []  # neither the cancelled nor the moved session comes back
    assert not activiteit.bijeenkomsten.filter(datum=dt.date(2025, 9, 9)).exists()
    assert activiteit.bijeenkomsten.get(datum=dt.date(2025, 9, 2)).geannuleerd is True


def test_a_session_cannot_move_onto_a_holiday(blok):
    activiteit = maak_activiteit(blok)
    (sessie, *_) = services.generate_bijeenkomsten(activiteit=activiteit)

    with pytest.raises(ValidationError, match="Herfstvakantie"):
        services.move_bijeenkomst(
            bijeenkomst=sessie, datum=dt.date(2025, 10, 22), begintijd=dt.time(15), eindtijd=dt.time(16)
        )


def test_public_holidays_are_closures(blok):
    assert Sluiting.objects.filter(soort="feestdag", van=dt.date(2026, 4, 27)).exists()  # Koningsdag


def test_capacity_then_waitlist_then_promotion_in_order_with_priority(blok, school, coordinator):
    activiteit = maak_activiteit(blok, capaciteit=2)
    andere = maak_activiteit(blok, titel="Koken", weekdag=3)
    a, b, c, d = kinderen_met_toestemming(school, coordinator, 4)
    services.enrol(activiteit=andere, leerling=c, door=coordinator.user)  # c is reached already

    ia = services.enrol(activiteit=activiteit, leerling=a, door=coordinator.user)
    services.enrol(activiteit=activiteit, leerling=b, door=coordinator.user)
    ic = services.enrol(activiteit=activiteit, leerling=c, door=coordinator.user)
    id_ = services.enrol(activiteit=activiteit, leerling=d, door=coordinator.user)

    assert [ic.status, id_.status] == [InschrijvingStatus.WACHTLIJST] * 2
    assert (ic.prioriteit, id_.prioriteit) == (False, True)
    gepromoveerd = services.unenrol(inschrijving=ia)
    assert gepromoveerd == id_  # not yet reached goes first, although c enrolled earlier
    assert Inschrijving.objects.get(pk=id_.pk).status == InschrijvingStatus.GEPLAATST


def test_enrolment_needs_consent_unless_the_paper_form_has_it(blok, school, coordinator):
    activiteit = maak_activiteit(blok)
    _, (kind,), _ = gezin_met_kinderen(school=school, aantal=1)

    with pytest.raises(ToestemmingOntbreekt):
        services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user)
    inschrijving = services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user, toestemming_ouder=True)

    assert inschrijving.toestemming_ouder is True and inschrijving.status == InschrijvingStatus.GEPLAATST


@pytest.mark.realdb
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_placing_the_last_seat_at_once_exactly_one_succeeds(blok, school, coordinator):
    activiteit = maak_activiteit(blok, capaciteit=1)
    a, b = kinderen_met_toestemming(school, coordinator, 2)
    begin = threading.Barrier(2)
    uitkomsten: list[str] = []

    def plaats(kind):
        try:
            begin.wait(timeout=10)
            uitkomsten.append(services.enrol(activiteit=activiteit, leerling=kind, door=coordinator.user).status)
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=plaats, args=(kind,)) for kind in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(uitkomsten) == [InschrijvingStatus.GEPLAATST, InschrijvingStatus.WACHTLIJST]
    assert activiteit.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST).count() == 1


def test_a_begeleider_sees_only_the_pupils_placed_in_their_own_activities(blok, school, coordinator, persona):
    from familieschool.roles import Rol
    from gezinnen import selectors

    begeleider = persona(Rol.BEGELEIDER)
    eigen = maak_activiteit(blok)
    eigen.begeleiders.add(begeleider.user)
    andere = maak_activiteit(blok, titel="Toneel", weekdag=2)
    a, b, c = kinderen_met_toestemming(school, coordinator, 3)
    services.enrol(activiteit=eigen, leerling=a, door=coordinator.user)
    services.enrol(activiteit=andere, leerling=b, door=coordinator.user)
    afgemeld = services.enrol(activiteit=eigen, leerling=c, door=coordinator.user)
    services.unenrol(inschrijving=afgemeld)

    zichtbaar = selectors.leerlingen_for_user(user=begeleider.user, rol=begeleider.rol, school=school)

    assert list(zichtbaar) == [a]
