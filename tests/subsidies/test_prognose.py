"""The forecast of a grant's spending, checked against hand-computed numbers, and the selectors
that feed it (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from subsidies import prognose
from subsidies.prognose import Fase
from tests.subsidies.factories import maak_toekenning, maak_uitgave

BEGIN = dt.date(2026, 8, 1)
EIND = dt.date(2027, 7, 31)


def _p(besteed: str, vandaag: dt.date, begroot: str = "20000.00") -> prognose.Prognose:
    return prognose.prognose(
        begroot=Decimal(begroot), besteed=Decimal(besteed), begindatum=BEGIN, einddatum=EIND, vandaag=vandaag
    )


def test_a_school_year_has_365_days():
    assert prognose.dagen_in(BEGIN, EIND) == 365
    assert prognose.dagen_in(dt.date(2027, 8, 1), dt.date(2028, 7, 31)) == 366  # 29 Feb 2028


def test_linear_forecast_by_hand():
    # Day 73 is 12 Oct 2026 (1 Aug + 72 days). 3 650,00 in 73 days is 50,00 a day; × 365 = 18 250,00.
    p = _p("3650.00", dt.date(2026, 10, 12))

    assert p.fase == Fase.LOOPT
    assert p.dagen_verstreken == 73
    assert p.dagen_totaal == 365
    assert p.verwacht == Decimal("18250.00")
    # 18 250 against 20 000: 1 750 under, more than the 2 % margin (400).
    assert p.verschil == Decimal("-1750.00")
    assert p.oordeel == "onder"
    assert p.resterend == Decimal("16350.00")


def test_overspend_by_hand():
    # 1 000,00 on the first day: 1 000 × 365 = 365 000 projected — far over 20 000.
    p = _p("1000.00", BEGIN)

    assert p.dagen_verstreken == 1
    assert p.verwacht == Decimal("365000.00")
    assert p.verschil == Decimal("345000.00")
    assert p.oordeel == "over"


def test_on_course_within_two_percent():
    # Day 183 is 30 Jan 2027 (31+30+31+30+31+30). 10 000 / 183 × 365 = 19 945,36: 54,64 under,
    # within the 2 % margin (400).
    p = _p("10000.00", dt.date(2027, 1, 30))

    assert p.dagen_verstreken == 183
    assert p.verwacht == Decimal("19945.36")
    assert p.oordeel == "op_koers"


def test_rounding_half_up_to_cents():
    # 100,00 by day 3: 100 / 3 × 365 = 12 166,666… → 12 166,67.
    assert _p("100.00", dt.date(2026, 8, 3)).verwacht == Decimal("12166.67")


def test_before_the_period_there_is_no_forecast():
    p = _p("500.00", dt.date(2026, 7, 31))

    assert p.fase == Fase.NOG_NIET
    assert p.verwacht is None
    assert p.verschil is None
    assert p.oordeel == "geen"
    assert p.heeft_prognose is False


def test_after_the_period_the_forecast_is_the_actual():
    p = _p("21000.00", dt.date(2027, 8, 1))

    assert p.fase == Fase.AFGELOPEN
    assert p.verwacht == Decimal("21000.00")
    assert p.verschil == Decimal("1000.00")
    assert p.oordeel == "over"


def test_last_day_of_the_period_is_still_running():
    p = _p("19000.00", EIND)

    assert p.fase == Fase.LOOPT
    assert p.dagen_verstreken == 365
    assert p.verwacht == Decimal("19000.00")


def test_chart_months_budget_line_and_forecast():
    # 1 550,00 in August, 1 500,00 in September; today 30 Sep 2026 = day 61 → 50,00 a day.
    grafiek = prognose.grafiek(
        bedrag=Decimal("36500.00"),
        begindatum=BEGIN,
        einddatum=EIND,
        per_maand={(2026, 8): Decimal("1550.00"), (2026, 9): Decimal("1500.00")},
        vandaag=dt.date(2026, 9, 30),
    )
    rijen = grafiek["rijen"]

    assert len(rijen) == 12
    assert [r["label"] for r in rijen[:2]] == ["aug 2026", "sep 2026"]
    # Cumulative spending up to the current month, nothing after it.
    assert [r["besteed"] for r in rijen[:3]] == [Decimal("1550.00"), Decimal("3050.00"), None]
    # Linear budget: 36 500 / 365 = 100 a day; 31 days of August, 61 up to 30 Sep, all 365 in July.
    assert rijen[0]["begroting"] == Decimal("3100.00")
    assert rijen[1]["begroting"] == Decimal("6100.00")
    assert rijen[-1]["begroting"] == Decimal("36500.00")
    # Forecast from today: 3 050 + 50/day; 31 Oct is 31 days on (4 600), 31 Jul 304 days (18 250).
    assert rijen[0]["prognose"] is None
    assert rijen[1]["prognose"] == Decimal("3050.00")
    assert rijen[2]["prognose"] == Decimal("4600.00")
    assert rijen[-1]["prognose"] == Decimal("18250.00")
    assert grafiek["json"]["reeksen"][0]["data"][:3] == ["1550.00", "3050.00", None]


def test_chart_of_a_period_inside_one_month():
    assert prognose.maanden(dt.date(2026, 12, 5), dt.date(2027, 1, 3)) == [(2026, 12), (2027, 1)]


@pytest.mark.django_db
def test_overview_selectors_sum_per_grant_and_line(school, django_assert_num_queries):
    toekenning = maak_toekenning(school)
    maak_uitgave(toekenning, soort="activiteiten", bedrag="100.00")
    maak_uitgave(toekenning, soort="activiteiten", bedrag="50.50", datum=dt.date(2026, 10, 2))
    maak_uitgave(toekenning, soort="personeel", bedrag="1000.00")
    leeg = maak_toekenning(school, code="afs", naam="AFS")

    with django_assert_num_queries(1):
        rijen = {t.pk: t.besteed for t in prognose.toekenningen_overzicht(school.toekenningen.all())}
    with django_assert_num_queries(1):
        posten = {p.soort: p.besteed for p in prognose.posten_overzicht(toekenning)}
    with django_assert_num_queries(1):
        per_maand = prognose.uitgaven_per_maand(toekenning)

    assert rijen == {toekenning.pk: Decimal("1150.50"), leeg.pk: Decimal("0.00")}
    assert posten == {"activiteiten": Decimal("150.50"), "personeel": Decimal("1000.00")}
    assert per_maand == {(2026, 9): Decimal("1100.00"), (2026, 10): Decimal("50.50")}
