"""How the figures are shown: suppression of counts and of what rests on them, differences that
would give a small number away, Dutch formats, and the board's totals. No database."""

from __future__ import annotations

from decimal import Decimal

from dashboard.selectors import Jaarcijfers, Subsidiecijfers
from dashboard.weergave import BESTUUR_GROEPEN, BESTUUR_KOLOMMEN, PER_SLEUTEL, totaal


def _jaar(**velden) -> Jaarcijfers:
    return Jaarcijfers(school_id=1, startjaar=2025, **velden)


def test_counts_of_one_to_four_people_and_what_rests_on_them_show_as_below_five():
    klein = _jaar(leerlingen=40, deelnemers=3, minuten_aanwezig=600, aanwezig=4, geregistreerd=10)
    groot = _jaar(leerlingen=40, deelnemers=10, minuten_aanwezig=6000, aanwezig=30, geregistreerd=40)

    assert [PER_SLEUTEL[s].tekst(klein) for s in ("leerlingen", "deelnemers", "bereik", "uren_week", "opkomst")] == [
        "40",
        "<5",
        "<5",
        "<5",
        "<5",
    ]
    assert [PER_SLEUTEL[s].tekst(groot) for s in ("deelnemers", "bereik", "uren", "opkomst")] == [
        "10",
        "25,0 %",
        "10,0",
        "75,0 %",
    ]
    # 10 − 3 would tell the 3: no difference next to a suppressed figure.
    assert PER_SLEUTEL["deelnemers"].verschil(groot, klein) == "—"
    assert PER_SLEUTEL["leerlingen"].verschil(groot, klein) == "0"
    assert PER_SLEUTEL["bereik"].verschil(groot, _jaar(leerlingen=50, deelnemers=5)) == "+15,0 procentpunt"


def test_money_and_counts_of_things_are_never_suppressed():
    a = _jaar(ouderactiviteiten=2, subsidies=Subsidiecijfers(1, Decimal("1000"), Decimal("3"), Decimal("1200")))
    b = _jaar(ouderactiviteiten=5, subsidies=Subsidiecijfers(1, Decimal("900"), Decimal("0"), Decimal("900")))

    assert PER_SLEUTEL["ouderactiviteiten"].tekst(a) == "2"
    assert PER_SLEUTEL["ouderactiviteiten"].verschil(a, b) == "\u22123"
    assert PER_SLEUTEL["besteed"].tekst(a) == "€ 3,00"
    assert PER_SLEUTEL["verschil"].tekst(a) == "€ 200,00"  # forecast over budget
    assert PER_SLEUTEL["budget"].verschil(a, b) == "+ € 100,00"


def test_the_boards_total_adds_counts_and_recomputes_shares():
    a = _jaar(leerlingen=10, deelnemers=3, minuten_aanwezig=180, signalen_per_categorie={"geld": 2})
    b = _jaar(leerlingen=30, deelnemers=9, minuten_aanwezig=540, signalen_per_categorie={"geld": 4, "wonen": 1})

    t = totaal([a, b])

    assert (t.leerlingen, t.deelnemers, t.signalen) == (40, 12, 7)
    assert t.bereik == Decimal("30.0")
    assert t.signalen_per_categorie == {"geld": 6, "wonen": 1}
    assert PER_SLEUTEL["signalen"].tekst(t) == "7"


def test_the_boards_column_groups_cover_its_columns():
    assert sum(breedte for _, breedte in BESTUUR_GROEPEN) == len(BESTUUR_KOLOMMEN) == 18
