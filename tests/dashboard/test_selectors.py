"""The dashboard indicators against a hand-computed fixture, and their cost: the same number of
queries for 2 schools as for 5."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activiteiten.models import Bijeenkomst, Binnenkomst, Ouderactiviteit, Presentie
from dashboard import selectors
from familieschool.roles import Rol
from gezinnen.models import Doorverwijzing, Hulpvraag, Signaal, Vraag
from gezinnen.signalen import services as signaal_services
from subsidies.models import Deadline
from tests.activiteiten.factories import maak_activiteit, maak_blok
from tests.conftest import make_persona
from tests.factories import PartnerFactory, SchoolFactory
from tests.gezinnen.factories import GezinFactory, LeerlingFactory
from tests.subsidies.factories import maak_toekenning, maak_uitgave

PEILDATUM = dt.date(2026, 3, 1)


def _om(datum: dt.date, uur: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time(uur)))


@pytest.fixture
def wereld(school, andere_school):
    """School A (``school``) with a known year 2025-2026; ``andere_school`` has nothing."""
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school).user
    # 10 pupils; one left on 30 June 2025, so 9 in 2025-2026 and 10 in 2024-2025.
    kinderen = [LeerlingFactory(school=school) for _ in range(9)]
    LeerlingFactory(school=school, uitstroomdatum=dt.date(2025, 6, 30))
    p1, p2, p3 = kinderen[:3]

    # Sessions: 2 Sep 60 min, 9 Sep 90 min (actual), 16 Sep cancelled.
    activiteit = maak_activiteit(maak_blok(school))
    s1, s2, s3 = (
        Bijeenkomst.objects.create(
            activiteit=activiteit, datum=datum, begintijd=dt.time(14, 30), eindtijd=dt.time(15, 30), **extra
        )
        for datum, extra in (
            (dt.date(2025, 9, 2), {}),
            (dt.date(2025, 9, 9), {"werkelijke_minuten": 90}),
            (dt.date(2025, 9, 16), {"geannuleerd": True}),
        )
    )
    for sessie, kind, status in (
        (s1, p1, "aanwezig"),
        (s1, p2, "aanwezig"),
        (s1, p3, "afwezig"),
        (s2, p1, "aanwezig"),
        (s2, p2, "afwezig_met_reden"),
        (s3, p3, "aanwezig"),  # a cancelled session does not count
    ):
        Presentie.objects.create(bijeenkomst=sessie, leerling=kind, status=status, geregistreerd_door=coordinator)

    # Parent activities: two held (g1 twice, g2 once, one walk-in), one cancelled, one after today.
    g1, g2 = GezinFactory(school=school), GezinFactory(school=school)

    def ouderavond(datum: dt.date, **extra) -> Ouderactiviteit:
        return Ouderactiviteit.objects.create(
            school=school,
            soort="thema_avond",
            titel="Avond",
            datum=datum,
            begintijd=dt.time(19),
            eindtijd=dt.time(20),
            aangemaakt_door=coordinator,
            **extra,
        )

    a1, a2 = ouderavond(dt.date(2025, 10, 10)), ouderavond(dt.date(2025, 11, 14))
    geannuleerd = ouderavond(dt.date(2025, 12, 12), geannuleerd_op=timezone.now())
    ouderavond(dt.date(2026, 4, 1))
    for avond, gezin, naam in ((a1, g1, ""), (a1, None, "Inloper"), (a2, g1, ""), (a2, g2, ""), (geannuleerd, g2, "")):
        Binnenkomst.objects.create(ouderactiviteit=avond, gezin=gezin, naam=naam, ingecheckt_door=coordinator)

    # Signals in 2025-2026: first action after 2 h and 4 h (median 3 h), one without; one in 2024-2025.
    for datum, categorie, status, na_uren in (
        (dt.date(2025, 10, 1), "geld", "nieuw", None),
        (dt.date(2025, 10, 2), "geld", "afgerond", 2),
        (dt.date(2025, 11, 3), "school", "in_behandeling", 4),
        (dt.date(2025, 3, 3), "geld", "nieuw", None),
    ):
        signaal = signaal_services.create_signaal(
            school=school, gemeld_door=coordinator, leerling=p1, categorie=categorie
        )
        Signaal.objects.filter(pk=signaal.pk).update(
            created_at=_om(datum),
            status=status,
            uitkomst="Klaar" if status == "afgerond" else "",
            afgerond_op=_om(datum, 16) if status == "afgerond" else None,
            eerste_actie_op=_om(datum, 10 + na_uren) if na_uren else None,
        )

    # FSP: questions in October (2, one on the spot) and November (1, on the spot); intakes.
    for datum, ter_plekke in (
        (dt.date(2025, 10, 5), True),
        (dt.date(2025, 10, 20), False),
        (dt.date(2025, 11, 2), True),
    ):
        Vraag.objects.create(
            school=school,
            gesteld_op=_om(datum),
            categorie="geld",
            ter_plekke_beantwoord=ter_plekke,
            geregistreerd_door=coordinator,
        )
    for datum, status in ((dt.date(2025, 10, 21), "open"), (dt.date(2025, 11, 3), "afgerond")):
        intake = Hulpvraag.objects.create(
            school=school,
            gezin=g1,
            categorieen=["geld"],
            eigenaar=coordinator,
            status=status,
            uitkomst="Klaar" if status == "afgerond" else "",
            afgerond_op=_om(datum, 16) if status == "afgerond" else None,
        )
        Hulpvraag.objects.filter(pk=intake.pk).update(created_at=_om(datum))
    for soort in ("buurtteam", "jgz", "buurtteam"):
        Doorverwijzing.objects.create(
            school=school,
            gezin=g1,
            partner=PartnerFactory(bestuur=school.bestuur, soort=soort),
            categorie="geld",
            datum=dt.date(2025, 10, 22),
            terugkoppeling_voor=dt.date(2025, 11, 5),
            door=coordinator,
        )

    # A grant of 365 days; 3 000 spent by 1 March (213 days) and an invoice of 500 dated after it:
    # recorded, so spent (as on the grant pages).
    toekenning = maak_toekenning(
        school,
        begindatum=dt.date(2025, 8, 1),
        einddatum=dt.date(2026, 7, 31),
        bedrag="36500.00",
        posten={"personeel": "36500.00"},
    )
    for datum, bedrag in (
        (dt.date(2025, 9, 1), "1000.00"),
        (dt.date(2026, 2, 28), "2000.00"),
        (dt.date(2026, 3, 5), "500.00"),
    ):
        maak_uitgave(toekenning, soort="personeel", datum=datum, bedrag=bedrag)

    # Deadlines: 10 March (within 30 days), 1 February (overdue), 1 May (later), one done.
    for datum, klaar in (
        (dt.date(2026, 3, 10), False),
        (dt.date(2026, 2, 1), False),
        (dt.date(2026, 5, 1), False),
        (dt.date(2026, 2, 15), True),
    ):
        Deadline.objects.create(
            school=school, titel="D", datum=datum, eigenaar=coordinator, afgerond_op=timezone.now() if klaar else None
        )
    return school, andere_school


def test_indicators_match_the_hand_computed_figures(wereld):
    school, andere = wereld
    jaren = selectors.schooljaar_en_vorige(2025)

    cijfers = selectors.jaarcijfers(scholen=[school, andere], schooljaren=jaren, peildatum=PEILDATUM)
    a = cijfers[(school.pk, 2025)]

    assert a.leerlingen == 9 and cijfers[(school.pk, 2024)].leerlingen == 10
    # Present: p1 twice (60 + 90 min), p2 once (60 min) → 2 deelnemers, 210 minutes; 5 registered.
    assert (a.deelnemers, a.aanwezig, a.geregistreerd, a.minuten_aanwezig) == (2, 3, 5, 210)
    assert a.bereik == Decimal("22.2")  # 2 / 9
    assert a.opkomst == Decimal("60.0")  # 3 / 5
    assert a.uren_per_deelnemer == Decimal("1.8")  # 210 / 60 / 2 = 1.75, rounded half up
    assert a.uren_per_deelnemer_per_week == Decimal("0.04")  # 1.75 / 40 weeks
    assert (a.ouderactiviteiten, a.gezinnen, a.los, a.gezinnen_bereikt) == (2, 2, 1, 3)
    assert a.signalen_per_categorie == {"geld": 2, "school": 1}
    assert a.signalen_per_status == {"nieuw": 1, "afgerond": 1, "in_behandeling": 1}
    assert a.mediaan_eerste_actie_uren == Decimal("3.0")
    assert cijfers[(school.pk, 2024)].signalen == 1
    assert a.vragen_per_maand == {
        dt.date(2025, 10, 1): {"totaal": 2, "ter_plekke": 1},
        dt.date(2025, 11, 1): {"totaal": 1, "ter_plekke": 1},
    }
    assert a.hulpvragen_per_maand == {dt.date(2025, 10, 1): {"open": 1}, dt.date(2025, 11, 1): {"afgerond": 1}}
    assert a.doorverwijzingen_per_soort == {"buurtteam": 2, "jgz": 1}
    # 3 500 spent in 213 of 365 days → 3 500 × 365 / 213 = 5 997.652… → 5 997.65.
    assert (a.subsidies.toekenningen, a.subsidies.budget, a.subsidies.besteed) == (
        1,
        Decimal("36500.00"),
        Decimal("3500.00"),
    )
    assert a.subsidies.prognose == Decimal("5997.65")
    assert a.subsidies.verschil == Decimal("-30502.35")
    assert (a.deadlines_binnenkort, a.deadlines_te_laat) == (2, 1)

    leeg = cijfers[(andere.pk, 2025)]
    assert (leeg.leerlingen, leeg.deelnemers, leeg.signalen, leeg.bereik, leeg.subsidies.budget) == (0, 0, 0, None, 0)


@pytest.mark.parametrize("aantal_scholen", [2, 5])
def test_the_figures_cost_a_fixed_number_of_queries(wereld, aantal_scholen):
    school, andere = wereld
    scholen = [school, andere] + [SchoolFactory(bestuur=school.bestuur) for _ in range(aantal_scholen - 2)]
    jaren = selectors.schooljaar_en_vorige(2025)

    with CaptureQueriesContext(connection) as queries:
        cijfers = selectors.jaarcijfers(scholen=scholen, schooljaren=jaren, peildatum=PEILDATUM)

    assert len(cijfers) == 2 * aantal_scholen
    assert len(queries) == selectors.AANTAL_QUERIES == 11
